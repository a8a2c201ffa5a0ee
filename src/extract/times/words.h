// Token words as the times rules compare them: lower case, quotes and dashes folded
// (utf8::Fold), computed once per document. Internal to the times stage.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"

namespace claimgraph::extract {

// One entry per token of `doc`: "’S" -> "'s", "–" -> "-", "June" -> "june".
std::vector<std::string> FoldedWords(const Document& doc);

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

}  // namespace claimgraph::extract
