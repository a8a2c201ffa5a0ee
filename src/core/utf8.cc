#include "core/utf8.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace claimgraph::utf8 {

std::optional<size_t> FindInvalid(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < len) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) return static_cast<size_t>(at);
  }
  return std::nullopt;
}

char32_t Next(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(j);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t Prev(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(p, 0, j, c);
  i = static_cast<size_t>(j);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool IsAlpha(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)); }
bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }
bool IsDigit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }
bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)); }
bool IsPunct(char32_t c) { return u_ispunct(static_cast<UChar32>(c)); }

std::string Lower(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toLower()
      .toUTF8String(out);
  return out;
}

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t c = Next(s, i);
    switch (c) {
      case U'\u2018': case U'\u2019': case U'\u02BC': out += '\''; break;
      case U'\u201C': case U'\u201D': case U'\u201E': out += '"'; break;
      case U'\u2013': case U'\u2014': case U'\u2212': out += '-'; break;
      case U'\u00A0': out += ' '; break;
      default: out.append(s.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace claimgraph::utf8
