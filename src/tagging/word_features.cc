#include "tagging/word_features.h"

#include "core/utf8.h"

namespace claimgraph::tagging {

namespace {
char ClassOf(char32_t c) {
  if (utf8::IsUpper(c)) return 'X';
  if (utf8::IsAlpha(c)) return 'x';
  if (utf8::IsDigit(c)) return 'd';
  return 0;
}
}  // namespace

std::string WordShape(std::string_view word) {
  std::string shape;
  size_t i = 0;
  while (i < word.size()) {
    size_t at = i;
    char32_t c = utf8::Next(word, i);
    char k = ClassOf(c);
    if (k) {
      shape += k;
    } else if (c < 0x80) {
      shape += static_cast<char>(c);
    } else {
      shape.append(word.substr(at, i - at));
    }
  }
  if (shape.size() > 10) shape = shape.substr(0, 4) + "~" + shape.substr(shape.size() - 4);
  return shape;
}

std::string ShortShape(std::string_view word) {
  std::string full = WordShape(word);
  std::string out;
  for (char c : full)
    if (out.empty() || out.back() != c || (c != 'X' && c != 'x' && c != 'd')) out += c;
  return out;
}

std::string NormalisedLower(std::string_view word) {
  std::string lower = utf8::Lower(word);
  for (char& c : lower)
    if (c >= '0' && c <= '9') c = '0';
  return lower;
}

size_t CodePoints(std::string_view word) {
  size_t n = 0;
  for (unsigned char c : word) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view Prefix(std::string_view word, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < word.size(); ++k) utf8::Next(word, i);
  return word.substr(0, i);
}

std::string_view Suffix(std::string_view word, int n) {
  size_t i = word.size();
  for (int k = 0; k < n && i > 0; ++k) utf8::Prev(word, i);
  return word.substr(i);
}

bool HasDigit(std::string_view word) {
  for (char c : word)
    if (c >= '0' && c <= '9') return true;
  return false;
}

bool HasUpper(std::string_view word) {
  size_t i = 0;
  while (i < word.size())
    if (utf8::IsUpper(utf8::Next(word, i))) return true;
  return false;
}

bool InitialUpper(std::string_view word) {
  size_t i = 0;
  return !word.empty() && utf8::IsUpper(utf8::Next(word, i));
}

bool AllUpper(std::string_view word) {
  size_t i = 0;
  bool letter = false;
  while (i < word.size()) {
    char32_t c = utf8::Next(word, i);
    if (utf8::IsLower(c)) return false;
    letter = letter || utf8::IsAlpha(c);
  }
  return letter;
}

bool HasLetter(std::string_view word) {
  size_t i = 0;
  while (i < word.size())
    if (utf8::IsAlpha(utf8::Next(word, i))) return true;
  return false;
}

const uint16_t* FindClusters(const learn::WordClusters& clusters, std::string_view word) {
  if (clusters.levels() == 0) return nullptr;
  if (const uint16_t* c = clusters.Find(word)) return c;
  std::string lower = utf8::Lower(word);
  if (const uint16_t* c = clusters.Find(lower)) return c;
  if (AllUpper(word)) {
    // "REUTERS" -> "Reuters": the first code point as written, the rest lower case.
    std::string_view first = Prefix(word, 1);
    std::string title(first);
    title += std::string_view(lower).substr(Prefix(lower, 1).size());
    if (const uint16_t* c = clusters.Find(title)) return c;
  }
  return nullptr;
}

}  // namespace claimgraph::tagging
