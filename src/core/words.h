// Word helpers shared by the extractors that read numbers and dates.
#pragma once

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

}  // namespace claimgraph::words
