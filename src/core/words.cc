#include "core/words.h"

#include <cctype>
#include <iterator>

#include "core/utf8.h"

namespace claimgraph::words {
namespace {

constexpr std::string_view kUnits[] = {"zero",     "one",     "two",     "three",     "four",     "five",    "six",
                                       "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
                                       "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::string_view kTens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

}  // namespace

std::string FoldedLower(std::string_view s) {
  std::string w = utf8::Fold(s);
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

std::vector<std::string> FoldedTokens(const Document& doc) {
  std::vector<std::string> out;
  out.reserve(doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) out.push_back(FoldedLower(doc.token_text(i)));
  return out;
}

int CardinalWord(std::string_view w) {
  for (size_t i = 1; i < std::size(kUnits); ++i)
    if (w == kUnits[i]) return static_cast<int>(i);
  for (size_t i = 2; i < std::size(kTens); ++i) {
    if (w == kTens[i]) return static_cast<int>(i) * 10;
    if (w.size() > kTens[i].size() + 1 && w.starts_with(kTens[i]) && w[kTens[i].size()] == '-') {
      std::string_view rest = w.substr(kTens[i].size() + 1);
      for (size_t k = 1; k < 10; ++k)
        if (rest == kUnits[k]) return static_cast<int>(i * 10 + k);
    }
  }
  return 0;
}

}  // namespace claimgraph::words
