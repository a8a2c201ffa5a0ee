// UTF-8 helpers over ICU's macros: validation, decoding, character classes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace claimgraph::utf8 {

// Byte offset of the first invalid sequence, or nullopt when `s` is valid UTF-8.
std::optional<size_t> FindInvalid(std::string_view s);

// Decodes the code point at `i` and advances `i`; returns U+FFFD on bad bytes.
char32_t Next(std::string_view s, size_t& i);
// Code point that ends right before `i` (i is moved back to its start).
char32_t Prev(std::string_view s, size_t& i);

bool IsAlpha(char32_t c);
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
bool IsDigit(char32_t c);
bool IsSpace(char32_t c);
bool IsPunct(char32_t c);

// Full Unicode lower-casing (ICU case mapping).
std::string Lower(std::string_view s);
// Straight quotes, ASCII dashes and apostrophes: for matching, never for offsets.
std::string Fold(std::string_view s);

}  // namespace claimgraph::utf8
