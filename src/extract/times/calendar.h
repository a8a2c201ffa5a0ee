// Proleptic Gregorian date arithmetic for resolving relative times, and the TIMEX3
// value strings built from it. Pure functions over plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace claimgraph::extract::cal {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);  // 0 for a month outside 1..12
bool IsValid(const Date& d);           // year 1..9999, month and day in range

// Days since 1970-01-01 (negative before), and back. Only for valid dates.
int64_t ToDayNumber(const Date& d);
Date FromDayNumber(int64_t days);
Date AddDays(const Date& d, int64_t days);
Date AddMonths(const Date& d, int months);  // day clamped to the target month's length
int Weekday(const Date& d);                 // ISO: 1 = Monday .. 7 = Sunday

struct IsoWeek {
  int year = 0;
  int week = 0;
};
IsoWeek IsoWeekOf(const Date& d);

// Western (Gregorian) Easter Sunday of `year`, by the computus; year 1583..9999.
Date EasterSunday(int year);

// "2024-06-18" -> Date; nullopt unless exactly YYYY-MM-DD and a real day.
std::optional<Date> ParseIsoDate(std::string_view s);

// TIMEX3 value strings: "2024-06-18", "2024-06", "2024", "2024-W26".
std::string FormatDay(const Date& d);
std::string FormatMonth(int year, int month);
std::string FormatYear(int year);
std::string FormatWeek(const IsoWeek& w);

}  // namespace claimgraph::extract::cal
