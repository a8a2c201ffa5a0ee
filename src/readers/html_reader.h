// Main text and metadata of an HTML news page (internal to the readers stage).
#pragma once

#include <string>
#include <string_view>

namespace claimgraph::readers {

struct HtmlArticle {
  std::string title;             // one line, whitespace collapsed; empty when none found
  std::string body;              // main text, paragraphs separated by "\n\n"; empty when none
  std::string published;         // YYYY-MM-DD or empty
  std::string published_method;  // "meta" | "json-ld" | "time" | empty
  std::string author;            // several authors joined by "; "
  std::string site_name;
  std::string url;               // canonical URL (link rel=canonical, else og:url)
};

// Parses `html` (UTF-8) with gumbo and extracts the article: the main content root is
// the itemprop=articleBody / <article> element or the element whose paragraphs hold the
// most text; inside it script, style, navigation, page header/footer, asides, forms,
// figures and comment/share/related blocks are dropped. Pure function, thread-safe.
HtmlArticle ExtractHtml(std::string_view html);

}  // namespace claimgraph::readers
