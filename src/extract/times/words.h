// List look-ups for the times rules, which compare tokens as words::FoldedTokens
// (core/words.h) gives them. Internal to the times stage.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"

namespace claimgraph::extract {

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

}  // namespace claimgraph::extract
