// Word helpers shared by the extractors that read numbers and dates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"

namespace claimgraph::words {

// Lower case with quotes and dashes folded (utf8::Fold): "’S" -> "'s", "–" -> "-".
std::string FoldedLower(std::string_view s);

// FoldedLower of every token of `doc`, in token order.
std::vector<std::string> FoldedTokens(const Document& doc);

// "one".."ninety-nine" (lower case) -> 1..99; 0 when `w` is not such a word.
int CardinalWord(std::string_view w);

// Length in tokens of `phrase` (a fixed list of words, ended early by an empty entry)
// read at token `at` through `word_at(k)`, or 0 when the tokens differ.
template <class WordAt, size_t N>
uint32_t PhraseLength(const WordAt& word_at, uint32_t at, const std::string_view (&phrase)[N]) {
  uint32_t k = at;
  for (std::string_view w : phrase) {
    if (w.empty()) break;
    if (word_at(k) != w) return 0;
    ++k;
  }
  return k - at;
}

}  // namespace claimgraph::words
