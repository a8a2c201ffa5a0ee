// Synthetic news corpus for the benchmarks: articles assembled from templates whose
// slots are filled from word lists (countries, organisations, people, reporting verbs,
// quotes, amounts, dates). Not meant to be true or even coherent across paragraphs,
// only to look like news to the pipeline: quotes in every position, indirect and
// anonymous attribution, amounts, relative dates, several paragraphs.
//
// Deterministic: the same (seed, index) gives the same article on every platform (own
// random generator, no std:: distributions). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "claimgraph/document.h"

namespace claimgraph::bench {

struct GeneratedArticle {
  std::string id;         // "synthetic-<seed>-<index>"
  std::string url;        // under https://synthetic.example.net/
  std::string title;      // one line
  std::string body;       // paragraphs separated by one blank line, no trailing newline
  std::string published;  // YYYY-MM-DD
  std::string source;     // outlet name
  std::string topic;      // politics | economy | health | court | election | merger | disaster
  uint32_t words = 0;     // whitespace-separated words in title and body
};

// Article `index` of the corpus with `seed`; its body has 400 to 900 words.
GeneratedArticle GenerateArticle(uint64_t seed, uint32_t index);

// The article as a plain-text file: title line, blank line, body, final newline.
std::string ToPlainText(const GeneratedArticle& article);

// The article as one JSON Lines record (no newline): {id, url, title, published,
// source, text}, or with "html" (a small news page) instead of "text" when as_html.
std::string ToJsonLine(const GeneratedArticle& article, bool as_html);

// The Document the plain-text reader makes of ToPlainText(article) (reader fields
// only; published left empty as for a .txt file read without --date).
Document ToDocument(const GeneratedArticle& article);

}  // namespace claimgraph::bench
