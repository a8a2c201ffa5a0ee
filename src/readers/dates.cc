// Publication dates as written by pages and feeds, normalised to YYYY-MM-DD.
#include <array>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "claimgraph/readers.h"

namespace claimgraph {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= max;
}

std::optional<std::string> Format(int y, int m, int d) {
  if (!ValidDate(y, m, d)) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

// Month number for an English month name or its abbreviation ("Sept" too), else 0.
int MonthFromWord(std::string w) {
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<const char*, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w == "sept") return 9;
  for (int i = 0; i < 12; ++i) {
    std::string_view full = kNames[i];
    if (w == full) return i + 1;
    if (w.size() == 3 && full.substr(0, 3) == w) return i + 1;
  }
  return 0;
}

struct Piece {
  bool number = false;
  std::string text;
  int value = 0;
};

// Letters runs and digit runs; ordinal suffixes (25th) stay with their number.
std::vector<Piece> Split(std::string_view s) {
  std::vector<Piece> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      Piece p{true, std::string(s.substr(i, j - i)), 0};
      p.value = p.text.size() <= 6 ? std::stoi(p.text) : -1;
      size_t k = j;
      while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
      std::string suffix(s.substr(j, k - j));
      for (char& ch : suffix) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") j = k;
      out.push_back(std::move(p));
      i = j;
    } else if (std::isalpha(c)) {
      size_t j = i;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({false, std::string(s.substr(i, j - i)), 0});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

// "2024-06-25", "2024/6/25", "2024.06.25", "20240625", each optionally followed by a time.
std::optional<std::string> YearFirst(std::string_view s) {
  auto digits = [&](size_t at, size_t& n) {
    n = 0;
    int v = 0;
    while (at + n < s.size() && std::isdigit(static_cast<unsigned char>(s[at + n])) && n < 8) {
      v = v * 10 + (s[at + n] - '0');
      ++n;
    }
    return v;
  };
  size_t n = 0;
  int first = digits(0, n);
  auto ends_cleanly = [&](size_t at) {
    return at == s.size() || !std::isdigit(static_cast<unsigned char>(s[at]));
  };
  if (n == 8 && ends_cleanly(8)) return Format(first / 10000, first / 100 % 100, first % 100);
  if (n != 4 || s.size() < 8) return std::nullopt;
  char sep = s[4];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  size_t mn = 0;
  int m = digits(5, mn);
  if (mn < 1 || mn > 2 || 5 + mn >= s.size() || s[5 + mn] != sep) return std::nullopt;
  size_t dn = 0;
  size_t day_at = 6 + mn;
  int d = digits(day_at, dn);
  if (dn < 1 || dn > 2 || !ends_cleanly(day_at + dn)) return std::nullopt;
  return Format(first, m, d);
}

}  // namespace

std::optional<std::string> NormaliseDate(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(s.front()))) {
    if (auto d = YearFirst(s)) return d;
  }

  std::vector<Piece> pieces = Split(s);
  // Month written as a word: "June 25, 2024", "25 Jun 2024", "Tue, 25 Jun 2024 10:00 GMT".
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].number) continue;
    int month = MonthFromWord(pieces[i].text);
    if (!month) continue;
    // Day right after the month ("June 25, 2024") or right before it ("25 June 2024").
    int day = 0;
    size_t year_from = i + 1;
    if (i + 1 < pieces.size() && pieces[i + 1].number && pieces[i + 1].text.size() <= 2) {
      day = pieces[i + 1].value;
      year_from = i + 2;
    } else if (i > 0 && pieces[i - 1].number && pieces[i - 1].text.size() <= 2) {
      day = pieces[i - 1].value;
    }
    if (!day || year_from >= pieces.size()) return std::nullopt;
    const Piece& year = pieces[year_from];
    if (!year.number || year.text.size() != 4) return std::nullopt;
    return Format(year.value, month, day);
  }

  // All numeric with separators, day and month order unknown: "25/06/2024", "06/25/2024".
  if (pieces.size() >= 3 && pieces[0].number && pieces[1].number && pieces[2].number &&
      pieces[0].text.size() <= 2 && pieces[1].text.size() <= 2 && pieces[2].text.size() == 4) {
    char sep = s[pieces[0].text.size()];
    if (sep != '/' && sep != '.' && sep != '-') return std::nullopt;
    int a = pieces[0].value, b = pieces[1].value, y = pieces[2].value;
    bool dmy = ValidDate(y, b, a), mdy = ValidDate(y, a, b);
    if (dmy && mdy && a != b) return std::nullopt;  // 03/04/2024: either reading is possible
    if (mdy) return Format(y, a, b);
    if (dmy) return Format(y, b, a);
  }
  return std::nullopt;
}

}  // namespace claimgraph
