#include "extract/times/calendar.h"

#include <fmt/core.h>

#include <cassert>

namespace claimgraph::extract::cal {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsValid(const Date& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

namespace {
// Days from 0001-01-01 to January 1 of `year` (proleptic Gregorian).
int64_t DaysBeforeYear(int64_t year) {
  int64_t y = year - 1;
  return y * 365 + y / 4 - y / 100 + y / 400;
}
int DaysBeforeMonth(int year, int month) {
  int days = 0;
  for (int m = 1; m < month; ++m) days += DaysInMonth(year, m);
  return days;
}
constexpr int64_t kEpochOffset = 719162;  // days from 0001-01-01 to 1970-01-01
}  // namespace

Date EasterSunday(int year) {
  // The Gregorian computus: the first Sunday after the ecclesiastical full moon on or after March 21.
  int golden = year % 19;  // place in the 19-year Metonic cycle
  int century = year / 100, in_century = year % 100;
  int leap_skips = century / 4, century_rest = century % 4;
  int moon_correction = (century + 8) / 25;
  int solar_correction = (century - moon_correction + 1) / 3;
  int epact = (19 * golden + century - leap_skips - solar_correction + 15) % 30;
  int year_quarters = in_century / 4, year_rest = in_century % 4;
  int to_sunday = (32 + 2 * century_rest + 2 * year_quarters - epact - year_rest) % 7;
  int shift = (golden + 11 * epact + 22 * to_sunday) / 451;
  int month = (epact + to_sunday - 7 * shift + 114) / 31;
  int day = (epact + to_sunday - 7 * shift + 114) % 31 + 1;
  return Date{year, month, day};
}

int64_t ToDayNumber(const Date& d) {
  assert(IsValid(d));
  return DaysBeforeYear(d.year) + DaysBeforeMonth(d.year, d.month) + (d.day - 1) - kEpochOffset;
}

Date FromDayNumber(int64_t n) {
  int64_t days = n + kEpochOffset;  // since 0001-01-01
  int64_t year = days / 366 + 1;    // an underestimate; walk forward
  while (DaysBeforeYear(year + 1) <= days) ++year;
  int rest = static_cast<int>(days - DaysBeforeYear(year));
  int month = 1;
  while (rest >= DaysInMonth(static_cast<int>(year), month)) rest -= DaysInMonth(static_cast<int>(year), month++);
  return {static_cast<int>(year), month, rest + 1};
}

Date AddDays(const Date& d, int64_t days) { return FromDayNumber(ToDayNumber(d) + days); }

Date AddMonths(const Date& d, int months) {
  int total = d.year * 12 + (d.month - 1) + months;
  Date out{total / 12, total % 12 + 1, d.day};
  if (out.day > DaysInMonth(out.year, out.month)) out.day = DaysInMonth(out.year, out.month);
  return out;
}

int Weekday(const Date& d) {
  int64_t n = ToDayNumber(d);         // 1970-01-01 was a Thursday (4)
  int64_t w = ((n % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

IsoWeek IsoWeekOf(const Date& d) {
  // The ISO week belongs to the year of its Thursday.
  Date thursday = AddDays(d, 4 - Weekday(d));
  Date jan1{thursday.year, 1, 1};
  int64_t ordinal = ToDayNumber(thursday) - ToDayNumber(jan1);
  return {thursday.year, static_cast<int>(ordinal / 7) + 1};
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t from, size_t len) {
    int v = 0;
    for (size_t i = from; i < from + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (!IsValid(d)) return std::nullopt;
  return d;
}

std::string FormatDay(const Date& d) { return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day); }
std::string FormatMonth(int year, int month) { return fmt::format("{:04d}-{:02d}", year, month); }
std::string FormatYear(int year) { return fmt::format("{:04d}", year); }
std::string FormatWeek(const IsoWeek& w) { return fmt::format("{:04d}-W{:02d}", w.year, w.week); }

}  // namespace claimgraph::extract::cal
