// Main text and metadata of an HTML news page (internal to the readers stage).
#pragma once

#include <string>
#include <string_view>

namespace claimgraph::readers {

struct HtmlArticle {
  std::string title;             // one line, whitespace collapsed; empty when none found
  std::string body;              // main text, paragraphs separated by "\n\n"; empty when none
  std::string published;         // YYYY-MM-DD or empty
  std::string published_method;  // "meta" | "json-ld" | "time" | "url" | "text" | empty
  std::string author;            // several authors joined by "; "
  std::string site_name;
  std::string url;               // canonical URL (link rel=canonical, else og:url), else the given one
  std::string lang;              // <html lang>, else content-language; lower case
  std::string modified;          // YYYY-MM-DD of the last modification, when the page says
};

// Parses `html` (UTF-8) with gumbo and extracts the article. Before parsing,
// StripUnreadHtml (html_prepass.h) cuts what is never read: scripts (JSON-LD is taken out
// for the metadata), styles, drawings, navigation, page footers and sidebars outside
// <article>, comments and unread attributes. Then: the main content root is
// the itemprop=articleBody / <article> element or the element whose paragraphs hold the
// most text; inside it script, style, navigation, page header/footer, asides, forms,
// figures and comment/share/related/caption/byline blocks are dropped; a <div> holding only
// inline content counts as a paragraph; <noscript> content is read. Dates: published
// metadata (meta, JSON-LD, marked <time>), the address's /YYYY/MM/DD/ when within a day of
// it or when there is none, then dates printed in date-named elements (not "Updated"
// ones), then any <time>. Authors: metadata, JSON-LD (organisations and image credits
// excluded, @id references resolved), then byline elements; the outlet's own name is no
// author; ", CNN" / ", PhD" tails are cut. Pure function, thread-safe.
// `url` is where the page came from when known (may be empty): the fallback for `url`,
// and a date in its path (/2024/06/26/) is evidence for `published`.
HtmlArticle ExtractHtml(std::string_view html, std::string_view url = {});

}  // namespace claimgraph::readers
