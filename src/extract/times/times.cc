#include "extract/times/times.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sentence_window.h"
#include "core/words.h"
#include "extract/times/calendar.h"
#include "extract/times/tense.h"
#include "extract/times/words.h"

namespace claimgraph::extract {
namespace {

using cal::Date;

// ---- lexicons ----

constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                            "july",    "august",   "september", "october", "november", "december"};
struct Abbrev {
  std::string_view word;
  int month;
};
constexpr Abbrev kMonthAbbrevs[] = {{"jan", 1}, {"feb", 2}, {"mar", 3},  {"apr", 4},  {"jun", 6},  {"jul", 7},
                                    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

constexpr std::string_view kOrdinals[] = {
    "",          "first",       "second",     "third",      "fourth",    "fifth",       "sixth",      "seventh",
    "eighth",    "ninth",       "tenth",      "eleventh",   "twelfth",   "thirteenth",  "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first"};

// Words after which a capitalised month name is a date: "in July", "since September".
constexpr std::string_view kMonthContext[] = {
    "in",       "since",      "until",   "till", "by",   "from",  "before", "after", "during",
    "through",  "throughout", "between", "of",   "for",  "early", "late",   "mid",   "around",
    "on",       "last",       "next",    "this", "each", "every", "to",     "into",  "within",
    "starting", "beginning",  "ending",  "than", "as",   "at",    "until"};
// Words after which a 4-digit number is a year: "in 2001", "since 1961", "fiscal 2024".
constexpr std::string_view kYearContext[] = {
    "in",         "since",    "until",     "till",   "by",   "from",      "before", "after",  "during", "through",
    "throughout", "between",  "early",     "late",   "mid",  "circa",     "c.",     "fiscal", "year",   "pre",
    "post",       "starting", "beginning", "ending", "into", "copyright", "\u00a9", "("};
// Plural nouns that a year modifies rather than counts: "2003 results", "the 2024 elections".
constexpr std::string_view kYearNouns[] = {
    "results",      "elections",     "earnings", "figures",   "accounts",   "profits",      "sales",  "games",
    "olympics",     "championships", "budgets",  "forecasts", "levels",     "prices",       "polls",  "talks",
    "negotiations", "protests",      "riots",    "floods",    "attacks",    "celebrations", "finals", "accords",
    "agreements",   "revenues",      "losses",   "estimates", "projections"};
// Nouns that make "of" a year context: "the end of 2024", "the first half of 2023".
constexpr std::string_view kPeriodNouns[] = {"end",    "beginning", "start",  "middle", "half", "spring",    "summer",
                                             "autumn", "fall",      "winter", "course", "rest", "remainder", "close"};
constexpr std::string_view kDeterminers[] = {"a", "an", "the", "that", "this", "its", "their", "his", "her", "'s"};
constexpr std::string_view kListJoiners[] = {",", "and", "or", "to", "-", "through", "&", "until"};
constexpr std::string_view kPartsOfDay[] = {"morning", "afternoon", "evening", "night"};
constexpr std::string_view kPartCodes[] = {"MO", "AF", "EV", "NI"};
constexpr std::string_view kZones[] = {"gmt", "utc", "et",   "est", "edt", "ct",  "cst", "cdt", "pt",  "pst",
                                       "pdt", "cet", "cest", "bst", "msk", "kst", "jst", "ist", "eet", "eest"};
constexpr std::string_view kVagueQuantities[] = {"several", "few", "some", "many", "numerous", "couple"};

enum class Unit {
  kNone,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kWeekend,
  kFortnight,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury
};

struct UnitWord {
  std::string_view word;
  Unit unit;
  bool plural;
};
constexpr UnitWord kUnits[] = {{"second", Unit::kSecond, false},
                               {"seconds", Unit::kSecond, true},
                               {"minute", Unit::kMinute, false},
                               {"minutes", Unit::kMinute, true},
                               {"hour", Unit::kHour, false},
                               {"hours", Unit::kHour, true},
                               {"day", Unit::kDay, false},
                               {"days", Unit::kDay, true},
                               {"week", Unit::kWeek, false},
                               {"weeks", Unit::kWeek, true},
                               {"weekend", Unit::kWeekend, false},
                               {"weekends", Unit::kWeekend, true},
                               {"fortnight", Unit::kFortnight, false},
                               {"month", Unit::kMonth, false},
                               {"months", Unit::kMonth, true},
                               {"quarter", Unit::kQuarter, false},
                               {"quarters", Unit::kQuarter, true},
                               {"year", Unit::kYear, false},
                               {"years", Unit::kYear, true},
                               {"decade", Unit::kDecade, false},
                               {"decades", Unit::kDecade, true},
                               {"century", Unit::kCentury, false},
                               {"centuries", Unit::kCentury, true}};

struct Season {
  std::string_view word;
  int index;  // 0 spring, 1 summer, 2 fall, 3 winter
};
constexpr Season kSeasons[] = {{"spring", 0}, {"summer", 1}, {"autumn", 2}, {"fall", 2}, {"winter", 3}};
constexpr std::string_view kSeasonCodes[] = {"SP", "SU", "FA", "WI"};

// Named days. `nth` 0: a fixed date; n > 0: the n-th `weekday` of the month; -1: the last;
// `easter`: `offset` days from Western Easter Sunday. `week`: the phrase names the ISO week
// holding that day ("Holy Week").
struct Holiday {
  std::string_view words[5];
  int month;
  int day;
  int weekday = 0;
  int nth = 0;
  int offset = 0;  // days after the rule's day ("the Tuesday after the first Monday")
  bool easter = false;
  bool week = false;
};
// Longer phrases first: "Christmas Day" before "Christmas".
constexpr Holiday kHolidays[] = {{{"new", "year", "'s", "day"}, 1, 1},
                                 {{"new", "year", "'s", "eve"}, 12, 31},
                                 {{"christmas", "eve"}, 12, 24},
                                 {{"christmas", "day"}, 12, 25},
                                 {{"christmas"}, 12, 25},
                                 {{"boxing", "day"}, 12, 26},
                                 {{"epiphany"}, 1, 6},
                                 {{"valentine", "'s", "day"}, 2, 14},
                                 {{"groundhog", "day"}, 2, 2},
                                 {{"halloween"}, 10, 31},
                                 {{"all", "saints", "'", "day"}, 11, 1},
                                 {{"all", "saints", "day"}, 11, 1},
                                 {{"st.", "patrick", "'s", "day"}, 3, 17},
                                 {{"bastille", "day"}, 7, 14},
                                 {{"fourth", "of", "july"}, 7, 4},
                                 {{"flag", "day"}, 6, 14},
                                 {{"veterans", "day"}, 11, 11},
                                 {{"armistice", "day"}, 11, 11},
                                 {{"remembrance", "day"}, 11, 11},
                                 {{"guy", "fawkes", "night"}, 11, 5},
                                 {{"may", "day"}, 5, 1},
                                 {{"thanksgiving", "day"}, 11, 0, 4, 4},
                                 {{"thanksgiving"}, 11, 0, 4, 4},
                                 {{"labor", "day"}, 9, 0, 1, 1},
                                 {{"memorial", "day"}, 5, 0, 1, -1},
                                 {{"martin", "luther", "king", "jr.", "day"}, 1, 0, 1, 3},
                                 {{"martin", "luther", "king", "day"}, 1, 0, 1, 3},
                                 {{"presidents", "'", "day"}, 2, 0, 1, 3},
                                 {{"presidents", "day"}, 2, 0, 1, 3},
                                 {{"columbus", "day"}, 10, 0, 1, 2},
                                 {{"mother", "'s", "day"}, 5, 0, 7, 2},
                                 {{"father", "'s", "day"}, 6, 0, 7, 3},
                                 {{"election", "day"}, 11, 0, 1, 1, 1},
                                 {{"easter", "sunday"}, 0, 0, 0, 0, 0, true},
                                 {{"easter", "monday"}, 0, 0, 0, 0, 1, true},
                                 {{"easter"}, 0, 0, 0, 0, 0, true},
                                 {{"good", "friday"}, 0, 0, 0, 0, -2, true},
                                 {{"maundy", "thursday"}, 0, 0, 0, 0, -3, true},
                                 {{"holy", "thursday"}, 0, 0, 0, 0, -3, true},
                                 {{"holy", "week"}, 0, 0, 0, 0, -2, true, true},
                                 {{"palm", "sunday"}, 0, 0, 0, 0, -7, true},
                                 {{"ash", "wednesday"}, 0, 0, 0, 0, -46, true},
                                 {{"shrove", "tuesday"}, 0, 0, 0, 0, -47, true},
                                 {{"mardi", "gras"}, 0, 0, 0, 0, -47, true},
                                 {{"ascension", "day"}, 0, 0, 0, 0, 39, true},
                                 {{"pentecost"}, 0, 0, 0, 0, 49, true},
                                 {{"whit", "sunday"}, 0, 0, 0, 0, 49, true},
                                 {{"whit", "monday"}, 0, 0, 0, 0, 50, true}};

std::optional<Date> HolidayIn(const Holiday& h, int year) {
  if (h.easter) {
    if (year < 1583 || year > 9999) return std::nullopt;
    return cal::AddDays(cal::EasterSunday(year), h.offset);
  }
  if (h.nth == 0) {
    Date d{year, h.month, h.day};
    return cal::IsValid(d) ? std::optional<Date>(d) : std::nullopt;
  }
  Date first{year, h.month, 1};
  if (!cal::IsValid(first)) return std::nullopt;
  int shift = (h.weekday - cal::Weekday(first) + 7) % 7;
  Date d = cal::AddDays(first, shift);
  if (h.nth > 0) {
    d = cal::AddDays(d, 7 * (h.nth - 1));
  } else {
    while (cal::AddDays(d, 7).month == h.month) d = cal::AddDays(d, 7);
  }
  return cal::AddDays(d, h.offset);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ParseSmallInt(std::string_view s) {  // -1 unless 1..9 digits
  if (!AllDigits(s) || s.size() > 9) return -1;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// "first".."thirty-first" -> 1..31; 0 otherwise.
int OrdinalWord(std::string_view w) {
  for (size_t i = 1; i < std::size(kOrdinals); ++i)
    if (w == kOrdinals[i]) return static_cast<int>(i);
  if (w == "thirtieth") return 30;
  if (w == "thirty-first") return 31;
  if (w.starts_with("twenty-")) {
    std::string_view rest = w.substr(7);
    for (size_t i = 1; i < 10; ++i)
      if (rest == kOrdinals[i]) return 20 + static_cast<int>(i);
  }
  return 0;
}

int NumberWord(std::string_view w) { return words::CardinalWord(w); }

// Digits ("3", "1.5") or number words -> value; nullopt otherwise. Bounded so a
// pasted "99999999999 years" cannot overflow a value string.
std::optional<double> Quantity(std::string_view w) {
  if (w == "a" || w == "an" || w == "one") return 1.0;
  if (int n = NumberWord(w)) return n;
  if (w.empty() || w[0] < '0' || w[0] > '9') return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec != std::errc() || ptr != w.data() + w.size() || !(v > 0) || v > 10000) return std::nullopt;
  return v;
}

std::string FormatQuantity(double v) {
  if (v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

// The TIMEX3 duration for n units: P3Y, PT24H, P2W.
std::string DurationValue(Unit u, std::optional<double> n) {
  // "5 1/2 hours" -> PT5H30M, "2 1/2 years" -> P2Y6M: TIMEX3 has no fractions
  if (n && *n - std::floor(*n) == 0.5 && *n > 1) {
    std::string whole = FormatQuantity(std::floor(*n));
    if (u == Unit::kHour) return "PT" + whole + "H30M";
    if (u == Unit::kYear) return "P" + whole + "Y6M";
    if (u == Unit::kDay) return "P" + whole + "DT12H";
    if (u == Unit::kMinute) return "PT" + whole + "M30S";
  }
  std::string q = n ? FormatQuantity(*n) : "X";
  auto times = [&](double k) { return n ? FormatQuantity(*n * k) : std::string("X"); };
  switch (u) {
    case Unit::kSecond:
      return "PT" + q + "S";
    case Unit::kMinute:
      return "PT" + q + "M";
    case Unit::kHour:
      return "PT" + q + "H";
    case Unit::kDay:
      return "P" + q + "D";
    case Unit::kWeek:
      return "P" + q + "W";
    case Unit::kWeekend:
      return "P" + q + "WE";
    case Unit::kFortnight:
      return "P" + times(2) + "W";
    case Unit::kMonth:
      return "P" + q + "M";
    case Unit::kQuarter:
      return "P" + times(3) + "M";
    case Unit::kYear:
      return "P" + q + "Y";
    case Unit::kDecade:
      return "P" + times(10) + "Y";
    case Unit::kCentury:
      return "P" + times(100) + "Y";
    case Unit::kNone:
      break;
  }
  return "";
}

// A period that repeats with `cycle` slots (months of a year, quarters, seasons,
// weekdays): the occurrence of `target` before/after/nearest to `current`.
enum class Pick { kPastOrSame, kFutureOrSame, kNearest, kStrictPast, kStrictFuture };
int64_t PickCyclic(int64_t current, int cycle, int target, Pick pick) {
  int64_t slot = ((current % cycle) + cycle) % cycle;
  int64_t back = (slot - target + cycle) % cycle;     // steps back to the previous-or-same
  int64_t forward = (target - slot + cycle) % cycle;  // steps forward to the next-or-same
  switch (pick) {
    case Pick::kPastOrSame:
      return current - back;
    case Pick::kFutureOrSame:
      return current + forward;
    case Pick::kStrictPast:
      return current - (back == 0 ? cycle : back);
    case Pick::kStrictFuture:
      return current + (forward == 0 ? cycle : forward);
    case Pick::kNearest:
      return forward < back ? current + forward : current - back;
  }
  return current;
}

Pick PickFor(Direction d) {
  switch (d) {
    case Direction::kPast:
      return Pick::kPastOrSame;
    case Direction::kFuture:
      return Pick::kFutureOrSame;
    case Direction::kUnknown:
      break;
  }
  return Pick::kNearest;
}

// Tense decides only when its cue is close enough to govern the expression; otherwise
// the nearer occurrence wins, since news rarely names a far-off month without its year.
// A weaker cue still decides when nothing in the sentence points another way ("would be
// paid on a still unspecified date in January").
Pick PickFor(const DirectionGuess& g, double min_strength) {
  if (g.forced || (g.direction != Direction::kUnknown && g.strength >= min_strength)) return PickFor(g.direction);
  if (g.direction != Direction::kUnknown && g.unopposed && g.strength >= min_strength / 2) return PickFor(g.direction);
  return Pick::kNearest;
}
constexpr double kMonthCue = 0.1;  // "will" within 9 tokens, a past verb within 6
constexpr double kDayCue = 0.2;    // "will" within 4 tokens, a past verb within 2

int SeasonOrdinal(const Date& d) {  // year*4 + season; winter belongs to the year of its December
  int m = d.month;
  if (m >= 3 && m <= 5) return d.year * 4 + 0;
  if (m >= 6 && m <= 8) return d.year * 4 + 1;
  if (m >= 9 && m <= 11) return d.year * 4 + 2;
  return (m == 12 ? d.year : d.year - 1) * 4 + 3;
}

// ---- the scanner ----

struct Found {
  uint32_t first = 0;
  uint32_t end = 0;  // token indices, end exclusive
  std::string type = "DATE";
  std::string value;  // empty: consumed but no valid time ("February 30")
  bool relative = false;
  double certainty = 1.0;
  std::string clock;  // TIME still needing its day: "T15:30", "TNI"
  bool is_bare_year = false;
  bool compared = false;  // a period a year before the report's quarter ("a year ago")
  bool ahead = false;     // the verbs look ahead to it ("will take a fourth-quarter charge")
  bool full_day() const { return value.size() == 10 && value[4] == '-' && value[7] == '-' && value[0] != 'X'; }
};

class Scanner : SentenceWindow {
 public:
  Scanner(const Document& doc, std::optional<Date> anchor, double anchor_certainty)
      : SentenceWindow(doc), anchor_(anchor), anchor_certainty_(anchor_certainty) {}

  std::vector<Found> ScanSentence(const Sentence& s) {
    Enter(s);
    ++sentence_index_;
    sentence_period_ = Period::kNone;
    last_year_tok_ = UINT32_MAX;
    list_month_.reset();
    list_day_.reset();
    std::vector<Found> out;
    uint32_t i = s.first_token;
    while (i < s.end_token) {
      std::optional<Found> f = MatchAt(i);
      if (!f) {
        ++i;
        continue;
      }
      i = f->end;
      if (f->is_bare_year) last_year_tok_ = f->end - 1;
      NotePeriod(*f);
      if (f->full_day() && f->type == "DATE") {
        list_day_ = ListDay{f->end, std::stoi(f->value.substr(0, 4)), std::stoi(f->value.substr(5, 2)), f->relative,
                            f->certainty};
      }
      if (!f->value.empty()) out.push_back(std::move(*f));
    }
    AttachClockTimes(out);
    return out;
  }

  DirectionGuess Guess(const Sentence& s, uint32_t first, uint32_t end) const {
    return GuessDirection(doc_, low_, s, first, end);
  }

  Timex ToTimex(const Found& f) const {
    Timex t;
    t.span = {doc_.tokens[f.first].span.start, doc_.tokens[f.end - 1].span.end};
    t.text = std::string(doc_.slice(t.span));
    t.type = f.type;
    t.value = f.value;
    if (f.relative && anchor_) t.anchor = cal::FormatDay(*anchor_);
    t.certainty = f.relative ? f.certainty * anchor_certainty_ : f.certainty;
    return t;
  }

 private:
  std::optional<Date> anchor_;
  double anchor_certainty_;
  uint32_t last_year_tok_ = UINT32_MAX;
  struct ListMonth {
    uint32_t end;  // token after the month
    Pick pick;
    double certainty;
  };
  std::optional<ListMonth> list_month_;  // the last bare month of this sentence
  struct ListDay {
    uint32_t end;
    int year;
    int month;
    bool relative;
    double certainty;
  };
  std::optional<ListDay> list_day_;  // the last full date of this sentence

  // Earnings reports name a quarter once and then compare with "a year ago", "the
  // year-earlier period", "the latest quarter": those refer to that quarter.
  struct QuarterRef {
    int year;
    int quarter;
    uint32_t sentence;
  };
  std::optional<QuarterRef> last_quarter_;
  struct NamedDate {
    int year;
    int month;  // 0: a year only
    int day;    // 0: a month only
  };
  std::optional<NamedDate> last_named_;  // the last calendar date the text named, for "that day"
  // month -> year of the months this text has named within a year of the anchor ("in April"
  // after "April 1999" or after an earlier "in April"), so that repeats agree.
  std::map<int, int> month_year_;
  uint32_t sentence_index_ = 0;
  enum class Period { kNone, kQuarter, kOther };
  Period sentence_period_ = Period::kNone;  // the last period this sentence named so far

  static std::optional<std::pair<int, int>> QuarterOf(std::string_view v) {
    if (v.size() != 7 || v[4] != '-' || v[5] != 'Q' || !AllDigits(v.substr(0, 4)) || v[6] < '1' || v[6] > '4')
      return std::nullopt;
    return std::make_pair(ParseSmallInt(v.substr(0, 4)), v[6] - '0');
  }
  void NotePeriod(const Found& f) {
    if (f.value.empty() || f.compared) return;
    if (f.type == "DATE" || f.type == "TIME") {
      std::string_view v = f.value;
      if (v.size() >= 4 && AllDigits(v.substr(0, 4))) {
        NamedDate n{ParseSmallInt(v.substr(0, 4)), 0, 0};
        bool ok = v.size() == 4;
        if (v.size() >= 7 && v[4] == '-' && AllDigits(v.substr(5, 2))) {
          n.month = ParseSmallInt(v.substr(5, 2));
          ok = v.size() == 7;
          if (v.size() >= 10 && v[7] == '-' && AllDigits(v.substr(8, 2))) {
            n.day = ParseSmallInt(v.substr(8, 2));
            ok = cal::IsValid(Date{n.year, n.month, n.day});
          }
        }
        if (ok) last_named_ = n;
        if (ok && n.month && anchor_ && std::abs((n.year - anchor_->year) * 12 + n.month - anchor_->month) <= 12)
          month_year_[n.month] = n.year;
      }
    }
    if (auto q = QuarterOf(f.value)) {
      // a quarter the verbs look ahead to ("will result in a fourth-quarter charge") is not
      // one whose results are being reported
      if (f.ahead) {
        sentence_period_ = Period::kOther;
        return;
      }
      last_quarter_ = QuarterRef{q->first, q->second, sentence_index_};
      sentence_period_ = Period::kQuarter;
      return;
    }
    // "the first nine months", "in 1988", "the full year": another reporting period
    bool other = f.is_bare_year || (f.type == "DURATION" && (f.value.ends_with("M") || f.value.ends_with("Y")) &&
                                    !f.value.starts_with("PT"));
    if (other) sentence_period_ = Period::kOther;
  }
  // The quarter an earnings comparison at this point is about, if any: one named earlier in
  // this sentence, or in the last few sentences when this one has named no other period.
  std::optional<QuarterRef> ContextQuarter() const {
    if (!last_quarter_ || sentence_period_ == Period::kOther) return std::nullopt;
    if (sentence_period_ == Period::kQuarter || sentence_index_ - last_quarter_->sentence <= kQuarterReach)
      return last_quarter_;
    return std::nullopt;
  }
  static constexpr uint32_t kQuarterReach = 4;  // sentences
  std::string QuarterValue(int year, int quarter) const { return fmt::format("{:04d}-Q{}", year, quarter); }
  Found YearBefore(uint32_t first, uint32_t end, int year, int quarter) const {
    Found f = Resolved(first, end, QuarterValue(year - 1, quarter));
    f.compared = true;
    return f;
  }
  // The quarter most recently ended (or still running) at the anchor: what "the quarter"
  // of a results story means when no quarter was named.
  std::optional<std::pair<int, int>> ReportedQuarter() const {
    if (last_quarter_ && sentence_index_ - last_quarter_->sentence <= 2 * kQuarterReach)
      return std::make_pair(last_quarter_->year, last_quarter_->quarter);
    if (!anchor_) return std::nullopt;
    int64_t ord = static_cast<int64_t>(anchor_->year) * 4 + (anchor_->month - 1) / 3 - 1;
    return std::make_pair(static_cast<int>(ord / 4), static_cast<int>(ord % 4) + 1);
  }

  // ---- token helpers (empty outside the sentence) ----

  // "last year" / "this year" / "next year" at i: -1 / 0 / 1; kNoStep otherwise.
  static constexpr int kNoStep = 99;
  int YearStepAt(uint32_t i) const {
    if (L(i + 1) != "year") return kNoStep;
    std::string_view w = L(i);
    return w == "last" ? -1 : w == "this" ? 0 : w == "next" ? 1 : kNoStep;
  }

  int MonthAt(uint32_t i, bool* abbreviated = nullptr) const {
    if (!Cap(i) || !IsWord(i)) return 0;
    std::string_view w = L(i);
    for (size_t k = 0; k < 12; ++k)
      if (w == kMonthNames[k]) return static_cast<int>(k) + 1;
    std::string_view stem = w.back() == '.' ? w.substr(0, w.size() - 1) : w;
    for (const auto& a : kMonthAbbrevs)
      if (stem == a.word) {
        if (abbreviated) *abbreviated = true;
        return a.month;
      }
    return 0;
  }
  // "mid-June", "early-March" as one token.
  int PrefixedMonthAt(uint32_t i) const {
    std::string_view w = L(i);
    for (std::string_view pre : {"mid-", "early-", "late-"}) {
      if (w.starts_with(pre)) {
        std::string_view rest = w.substr(pre.size());
        for (size_t k = 0; k < 12; ++k)
          if (rest == kMonthNames[k]) return static_cast<int>(k) + 1;
      }
    }
    return 0;
  }
  int WeekdayAt(uint32_t i, bool* plural) const {
    if (!Cap(i)) return 0;
    std::string_view w = L(i);
    for (size_t k = 0; k < 7; ++k) {
      if (w == kWeekdays[k]) {
        *plural = false;
        return static_cast<int>(k) + 1;
      }
      if (w.size() == kWeekdays[k].size() + 1 && w.starts_with(kWeekdays[k]) && w.back() == 's') {
        *plural = true;
        return static_cast<int>(k) + 1;
      }
    }
    return 0;
  }
  // 1..31 as "18", "18th" or "eighteenth"; 0 otherwise.
  int DayAt(uint32_t i) const {
    if (IsWord(i)) return OrdinalWord(L(i));
    if (!Inside(i) || doc_.tokens[i].kind != TokenKind::kNumber) return 0;
    std::string_view w = L(i);
    size_t digits = 0;
    while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
    if (digits == 0 || digits > 2) return 0;
    std::string_view suffix = w.substr(digits);
    if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
    int v = ParseSmallInt(w.substr(0, digits));
    if (v < 1 || v > 31) return 0;
    std::string_view next = L(i + 1);
    if (Glued(i + 1) && (next == "%" || (next == ":" && Glued(i + 2) && IsNumberTok(i + 2)))) return 0;  // 18:30
    return v;
  }
  // "nineteen ninety-six" (two tokens), "two thousand" as said in broadcast transcripts:
  // the year, with *end set past it; 0 otherwise.
  bool IsNumberWordOrDigits(uint32_t i) const {
    return Inside(i) && (doc_.tokens[i].kind == TokenKind::kNumber || NumberWord(L(i)) > 0 || L(i) == "hundred");
  }
  int SpokenYearAt(uint32_t i, uint32_t* end) const {
    std::string_view w = L(i);
    if (w == "two" && L(i + 1) == "thousand") {
      int rest = L(i + 2) == "and" ? NumberWord(L(i + 3)) : NumberWord(L(i + 2));
      *end = rest ? i + (L(i + 2) == "and" ? 4 : 3) : i + 2;
      if (FollowedByCountedThing(*end - 1)) return 0;  // "in two thousand cases"
      return 2000 + rest;
    }
    int century = w == "nineteen" ? 19 : w == "eighteen" ? 18 : w == "twenty" ? 20 : 0;
    int rest = NumberWord(L(i + 1));
    if (!century || rest < 10 || !IsWord(i + 1)) return 0;
    *end = i + 2;
    return century * 100 + rest;
  }
  int YearAt(uint32_t i, int lo = 1000, int hi = 2999) const {
    if (!Inside(i) || doc_.tokens[i].kind != TokenKind::kNumber) return 0;
    std::string_view w = L(i);
    if (w.size() != 4 || !AllDigits(w)) return 0;
    int v = ParseSmallInt(w);
    if (v < lo || v > hi) return 0;
    if (Glued(i + 1) && (L(i + 1) == ":" || L(i + 1) == "%" || L(i + 1) == "/")) return 0;
    return v;
  }

  // ---- resolution against the anchor ----
  Found Resolved(uint32_t first, uint32_t end, std::string value, double certainty = 1.0) const {
    Found f;
    f.first = first;
    f.end = end;
    f.value = std::move(value);
    f.relative = true;
    f.certainty = certainty;
    return f;
  }
  Found Absolute(uint32_t first, uint32_t end, std::string value, std::string type = "DATE") const {
    Found f;
    f.first = first;
    f.end = end;
    f.value = std::move(value);
    f.type = std::move(type);
    return f;
  }
  DirectionGuess Guess(uint32_t first, uint32_t end) const { return GuessDirection(doc_, low_, *sent_, first, end); }

  std::string ResolveMonth(int month, Pick pick) const {
    if (!anchor_) return fmt::format("XXXX-{:02d}", month);
    if (pick == Pick::kNearest) {
      // news mostly looks back: a month ahead wins only when clearly nearer
      int forward = (month - anchor_->month + 12) % 12, back = (anchor_->month - month + 12) % 12;
      pick = forward * 2 < back ? Pick::kFutureOrSame : Pick::kPastOrSame;
    }
    int64_t ord = PickCyclic(static_cast<int64_t>(anchor_->year) * 12 + anchor_->month - 1, 12, month - 1, pick);
    int year = static_cast<int>(ord / 12);
    return cal::FormatMonth(year, month);
  }
  // A day without a year (a month-day, a holiday): its occurrence before, after or
  // nearest the anchor. `date_in(year)` gives that day in a year, if it exists there.
  template <class DateIn>
  std::string ResolveAnnual(DateIn date_in, const DirectionGuess& g) const {
    Direction dir = g.forced || g.strength >= kDayCue ? g.direction : Direction::kUnknown;
    std::optional<Date> past, future;
    for (int y = anchor_->year; y >= anchor_->year - 8 && !past; --y)
      if (auto d = date_in(y); d && *d <= *anchor_) past = d;
    for (int y = anchor_->year; y <= anchor_->year + 8 && !future; ++y)
      if (auto d = date_in(y); d && *d >= *anchor_) future = d;
    if (!past && !future) return "";
    std::optional<Date> pick;
    int64_t a = cal::ToDayNumber(*anchor_);
    // a day more than eight months away is named with its year; "extended to Nov. 20" is ahead
    if (dir == Direction::kPast && past && a - cal::ToDayNumber(*past) > 240 && !g.forced) dir = Direction::kUnknown;
    if (dir == Direction::kFuture && future && cal::ToDayNumber(*future) - a > 240) dir = Direction::kUnknown;
    if (dir == Direction::kPast)
      pick = past ? past : future;
    else if (dir == Direction::kFuture)
      pick = future ? future : past;
    else if (!past)
      pick = future;
    else if (!future)
      pick = past;
    else  // news mostly looks back: a day ahead wins only when clearly nearer
      pick = 3 * (cal::ToDayNumber(*future) - a) < 2 * (a - cal::ToDayNumber(*past)) ? future : past;
    return cal::FormatDay(*pick);
  }
  std::string ResolveMonthDay(int month, int day, const DirectionGuess& g) const {
    if (!anchor_) return fmt::format("XXXX-{:02d}-{:02d}", month, day);
    return ResolveAnnual(
        [&](int y) -> std::optional<Date> {
          Date d{y, month, day};
          return cal::IsValid(d) ? std::optional<Date>(d) : std::nullopt;
        },
        g);
  }
  std::string ResolveWeekday(int weekday, Pick pick) const {
    if (!anchor_) return fmt::format("XXXX-WXX-{}", weekday);
    int64_t today = cal::ToDayNumber(*anchor_);
    // day numbers are 0 on a Thursday; shift so that slot 0 is a Monday
    int64_t shifted = today + 3;
    int64_t day = PickCyclic(shifted, 7, weekday - 1, pick) - 3;
    return cal::FormatDay(cal::FromDayNumber(day));
  }
  std::string ResolveQuarter(int quarter, Pick pick) const {
    if (!anchor_) return fmt::format("XXXX-Q{}", quarter);
    int64_t ord = PickCyclic(static_cast<int64_t>(anchor_->year) * 4 + (anchor_->month - 1) / 3, 4, quarter - 1, pick);
    return fmt::format("{:04d}-Q{}", ord / 4, quarter);
  }
  std::string ResolveSeason(int season, Pick pick) const {
    if (!anchor_) return fmt::format("XXXX-{}", kSeasonCodes[season]);
    int64_t ord = PickCyclic(SeasonOrdinal(*anchor_), 4, season, pick);
    return fmt::format("{:04d}-{}", ord / 4, kSeasonCodes[season]);
  }

  // ---- matchers, tried in order at each token ----
  std::optional<Found> MatchAt(uint32_t i) {
    if (auto f = MatchNumericDate(i)) return f;
    if (auto f = MatchFiscal(i)) return f;
    if (auto f = MatchListedDay(i)) return f;
    if (auto f = MatchReportingPeriod(i)) return f;
    if (auto f = MatchShiftedDate(i)) return f;
    if (auto f = MatchHoliday(i)) return f;
    if (auto f = MatchWeekday(i)) return f;
    if (auto f = MatchMonth(i)) return f;
    if (auto f = MatchDayMonth(i)) return f;
    if (auto f = MatchQuarter(i)) return f;
    if (auto f = MatchSeason(i)) return f;
    if (auto f = MatchDeictic(i)) return f;
    if (auto f = MatchAnaphoric(i)) return f;
    if (auto f = MatchUnitPhrase(i)) return f;
    if (auto f = MatchDecadeOrCentury(i)) return f;
    if (auto f = MatchClock(i)) return f;
    if (auto f = MatchYear(i)) return f;
    if (auto f = MatchReference(i)) return f;
    if (auto f = MatchSet(i)) return f;
    return std::nullopt;
  }

  // "2024-06-18", "6/18/2024", "2024/06/18".
  std::optional<Found> MatchNumericDate(uint32_t i) {
    if (!Inside(i) || doc_.tokens[i].kind != TokenKind::kNumber) return std::nullopt;
    std::string_view w = L(i);
    if (w.size() == 10 && w[4] == '-' && w[7] == '-') {
      if (auto d = cal::ParseIsoDate(w)) return Absolute(i, i + 1, cal::FormatDay(*d));
      Found bad;  // looks like a date but is not one: never guess
      bad.first = i;
      bad.end = i + 1;
      return bad;
    }
    if (L(i + 1) != "/" || !Glued(i + 1) || !Glued(i + 2) || L(i + 3) != "/" || !Glued(i + 3) || !Glued(i + 4))
      return std::nullopt;
    if (L(i + 5) == "/" && Glued(i + 5)) return std::nullopt;  // a longer slash run: not a date
    int a = ParseSmallInt(L(i)), b = ParseSmallInt(L(i + 2)), c = ParseSmallInt(L(i + 4));
    std::optional<Date> d;
    if (L(i).size() == 4 && L(i + 4).size() <= 2) {
      d = Date{a, b, c};
    } else if (L(i + 4).size() == 4 && L(i).size() <= 2 && L(i + 2).size() <= 2) {
      d = Date{c, a, b};  // US order first; a day above 12 means day/month
      if (a > 12 && b <= 12) d = Date{c, b, a};
    }
    if (!d) return std::nullopt;
    Found f;
    f.first = i;
    f.end = i + 5;
    if (cal::IsValid(*d)) f.value = cal::FormatDay(*d);
    return f;
  }

  // "the day before last Tuesday", "two days after Christmas", "the week of March 6": a
  // date named inside, shifted by whole days or weeks, or widened to its ISO week.
  std::optional<Found> MatchShiftedDate(uint32_t i) {
    uint32_t p = i;
    bool the = L(p) == "the";
    if (the || L(p) == "a") ++p;
    int count = 1;
    if (p == i) {
      auto n = Quantity(L(p));
      if (!n || *n != std::floor(*n) || *n < 1 || *n > 400) return std::nullopt;
      count = static_cast<int>(*n);
      ++p;
    }
    bool plural = false;
    Unit unit = UnitAt(p, &plural);
    if ((unit != Unit::kDay && unit != Unit::kWeek) || plural != (count > 1)) return std::nullopt;
    std::string_view relation = L(p + 1);
    int sign = relation == "before" ? -1 : relation == "after" ? 1 : 0;
    bool week_of = unit == Unit::kWeek && relation == "of" && the;
    if (sign == 0 && !week_of) return std::nullopt;
    uint32_t q = p + 2;
    std::optional<Found> inner = MatchWeekday(q);
    if (!inner) inner = MatchMonth(q);
    if (!inner) inner = MatchDayMonth(q);
    if (!inner) inner = MatchHoliday(q);
    if (!inner) inner = MatchDeictic(q);
    if (!inner || !inner->full_day() || inner->type != "DATE") return std::nullopt;
    Date d = *cal::ParseIsoDate(inner->value);
    std::string value = week_of ? cal::FormatWeek(cal::IsoWeekOf(d))
                                : cal::FormatDay(cal::AddDays(d, sign * count * (unit == Unit::kWeek ? 7 : 1)));
    Found f = inner->relative ? Resolved(i, inner->end, value, inner->certainty) : Absolute(i, inner->end, value);
    return f;
  }

  // "Tuesday", "last Friday", "Monday morning", "Tuesday, June 18, 2024", "Mondays".
  std::optional<Found> MatchWeekday(uint32_t i) {
    uint32_t p = i;
    std::string_view mod = L(p);
    if (mod == "this" && (L(p + 1) == "coming" || L(p + 1) == "past")) mod = L(++p);  // "this coming Sunday"
    std::optional<Pick> forced;
    if (mod == "last" || mod == "past")
      forced = Pick::kStrictPast;
    else if (mod == "next" || mod == "coming")
      forced = Pick::kStrictFuture;
    else if (mod == "this")
      forced = Pick::kNearest;
    bool plural = false;
    if (forced) ++p;
    int wd = WeekdayAt(p, &plural);
    if (!wd) return std::nullopt;
    if (plural) {
      if (forced) return std::nullopt;
      Found f = Absolute(p, p + 1, fmt::format("XXXX-WXX-{}", wd), "SET");
      return f;
    }
    uint32_t end = p + 1;
    // an explicit date after the weekday decides it
    uint32_t q = end;
    if (L(q) == ",") ++q;
    // "Tuesday, June 18": one expression with the date's value, as TimeML spans it
    std::optional<Found> dated = MatchMonth(q);
    if (!dated || !dated->full_day()) dated = MatchDayMonth(q);
    if (dated && dated->full_day()) {
      dated->first = i;
      return dated;
    }
    std::string part;
    for (size_t k = 0; k < std::size(kPartsOfDay); ++k)
      if (L(end) == kPartsOfDay[k]) {
        part = std::string("T") + std::string(kPartCodes[k]);
        ++end;
      }
    Found f;
    if (forced && *forced == Pick::kNearest && anchor_) {
      // "this Friday": the day of the anchor's week
      int64_t monday = cal::ToDayNumber(*anchor_) - (cal::Weekday(*anchor_) - 1);
      f = Resolved(i, end, cal::FormatDay(cal::FromDayNumber(monday + wd - 1)));
    } else if (forced) {
      f = Resolved(i, end, ResolveWeekday(wd, *forced));
    } else {
      DirectionGuess g = Guess(i, end);
      // news mostly reports what happened: without a tense cue a weekday is the last one
      Pick pick = g.direction == Direction::kUnknown ? Pick::kPastOrSame : PickFor(g.direction);
      // "as soon as Tuesday", "until Friday", "by Monday": a deadline lies ahead unless the verbs insist
      std::string_view before = L(i - 1);
      bool deadline = before == "until" || before == "by" || before == "till";
      if (deadline && !(g.direction == Direction::kPast && g.strength >= kMonthCue)) pick = Pick::kFutureOrSame;
      if (before == "as" && L(i - 2) == "soon") pick = Pick::kFutureOrSame;
      f = Resolved(i, end, ResolveWeekday(wd, pick), g.certainty);
    }
    if (!part.empty()) {
      f.type = "TIME";
      f.value += part;
    }
    return f;
  }

  // Whether a month name standing alone at `m` is used as a date.
  bool BareMonthIsDate(uint32_t m, bool abbreviated) const {
    std::string_view prev = L(m - 1);
    std::string_view next = L(m + 1);
    bool may = L(m) == "may";
    bool prev_is_word_cap = m > sent_->first_token && Cap(m - 1) && IsWord(m - 1);
    if (In(kMonthContext, prev) && !(prev_is_word_cap && TitleCase() && prev != "in" && prev != "since")) {
      return !(may && next == "be");
    }
    if (In(kListJoiners, prev)) {
      // "in March, April and May": another month (or a day) just before the joiner
      uint32_t k = m - 1;
      while (k > sent_->first_token && In(kListJoiners, L(k))) --k;
      if (k + 3 >= m && (MonthAt(k) || DayAt(k))) return true;
    }
    if (abbreviated) return false;
    bool next_is_name = Cap(m + 1) && IsWord(m + 1) && !MonthAt(m + 1);
    if (In(kDeterminers, prev)) {
      // "a March statement", not "the March on Washington"
      static constexpr std::string_view kFunctionWords[] = {"on",  "of", "to",   "in", "for", "and",  "or",
                                                            "the", "a",  "with", "at", "by",  "from", "against"};
      return !next_is_name && !next.empty() && IsWord(m + 1) && !In(kFunctionWords, next);
    }
    if (may || TitleCase()) return false;
    if (prev_is_word_cap || next_is_name) return false;  // "Theresa May", "June Carter"
    // elsewhere a month name without a preposition is mostly part of a name ("the annual March for Life")
    static constexpr std::string_view kFunctionWords[] = {"on", "of",   "to", "in", "for",  "and",
                                                          "or", "with", "at", "by", "from", "against"};
    if (m == sent_->first_token) return next == "," || (IsWord(m + 1) && !Cap(m + 1) && !In(kFunctionWords, next));
    return false;
  }

  // "June 18", "June 18, 2024", "March 2023", "Sept. 11", "in July", "last June", "mid-June".
  std::optional<Found> MatchMonth(uint32_t i) {
    uint32_t p = i;
    std::optional<Pick> forced;
    bool modified = false;
    std::string_view w0 = L(p);
    bool abbreviated = false;
    if ((w0 == "early" || w0 == "late" || w0 == "mid") && MonthAt(p + 1)) {
      ++p;
      modified = true;
    } else if ((w0 == "last" || w0 == "next" || w0 == "this" || w0 == "coming" || w0 == "past") && MonthAt(p + 1)) {
      forced = w0 == "last" || w0 == "past" ? Pick::kStrictPast : w0 == "this" ? Pick::kNearest : Pick::kStrictFuture;
      ++p;
    }
    int month = MonthAt(p, &abbreviated);
    if (!month && !forced && !modified) {
      month = PrefixedMonthAt(p);
      if (month) modified = true;
    }
    if (!month) return std::nullopt;
    uint32_t mtok = p++;
    if (abbreviated && !doc_.tokens[mtok].capitalised) return std::nullopt;
    if (int day = DayAt(p); day && forced && *forced != Pick::kNearest && day <= cal::DaysInMonth(2024, month)) {
      // "last Oct. 23": that day before the anchor (or after it, for "next")
      DirectionGuess g;
      g.direction = *forced == Pick::kStrictPast ? Direction::kPast : Direction::kFuture;
      g.forced = true;
      std::string v = ResolveMonthDay(month, day, g);
      if (!v.empty()) return Resolved(i, p + 1, v);
    }
    if (int day = DayAt(p); day && !forced) {
      uint32_t q = p + 1;
      if (L(q) == ",") ++q;
      if (int year = YearAt(q)) {
        Found f;
        f.first = i;
        f.end = q + 1;
        Date d{year, month, day};
        if (cal::IsValid(d)) f.value = cal::FormatDay(d);
        return f;
      }
      Found f;
      f.first = i;
      f.end = p + 1;
      if (day > cal::DaysInMonth(2024, month)) return f;               // "February 30": consume, never tag
      if (int step = YearStepAt(p + 1); step != kNoStep && anchor_) {  // "June 18 last year"
        Date d{anchor_->year + step, month, day};
        f.end = p + 3;
        if (cal::IsValid(d)) return Resolved(i, f.end, cal::FormatDay(d));
        return f;
      }
      DirectionGuess g = Guess(i, f.end);
      std::string v = ResolveMonthDay(month, day, g);
      if (v.empty()) return f;
      return Resolved(i, f.end, v, g.certainty);
    }
    uint32_t q = p;
    if (L(q) == "of" || L(q) == ",") ++q;
    if (int year = YearAt(q)) {
      if (!forced) return Absolute(i, q + 1, cal::FormatMonth(year, month));
    }
    uint32_t spoken_end = 0;
    if (int year = SpokenYearAt(q, &spoken_end); year && !forced)  // "January nineteen ninety-seven"
      return Absolute(i, spoken_end, cal::FormatMonth(year, month));
    if (int step = YearStepAt(p); step != kNoStep && !forced && anchor_)  // "July last year"
      return Resolved(i, p + 2, cal::FormatMonth(anchor_->year + step, month));
    if (forced && *forced == Pick::kNearest && anchor_)  // "this September": the anchor's year
      return Resolved(i, p, cal::FormatMonth(anchor_->year, month));
    if (forced) return Resolved(i, p, ResolveMonth(month, *forced));
    if (!modified && !BareMonthIsDate(mtok, abbreviated)) return std::nullopt;
    if (L(mtok - 1) == "since") return Resolved(i, p, ResolveMonth(month, Pick::kPastOrSame), 0.9);
    if (list_month_ && list_month_->end <= i && i - list_month_->end <= 2) {
      // "in March, April and May": the list shares the first month's direction
      bool joined = true;
      for (uint32_t k = list_month_->end; k < i; ++k) joined = joined && In(kListJoiners, L(k));
      if (joined) {
        Found f = Resolved(i, p, ResolveMonth(month, list_month_->pick), list_month_->certainty);
        list_month_ = ListMonth{p, list_month_->pick, list_month_->certainty};
        return f;
      }
    }
    DirectionGuess g = Guess(i, p);
    Pick pick = PickFor(g, kMonthCue);
    // "conclude by May", "until August": a deadline lies ahead unless the verbs say otherwise
    std::string_view before = L(i - 1);
    bool deadline = before == "by" || before == "until" || before == "till";
    if (deadline && !(g.direction == Direction::kPast && g.strength >= kMonthCue)) pick = Pick::kFutureOrSame;
    // A deadline ten or more months back would be "until last November": a past verb
    // near "until mid-November" written in October tells of a deadline still ahead.
    if (deadline && pick == Pick::kPastOrSame && anchor_ && (anchor_->month - month + 12) % 12 >= 10)
      pick = Pick::kFutureOrSame;
    // The same month named again without a cue of its own is the one the text meant before.
    if (auto seen = month_year_.find(month);
        seen != month_year_.end() && !deadline && !(g.direction != Direction::kUnknown && g.strength >= kDayCue)) {
      list_month_ = ListMonth{p, pick, g.certainty};
      return Resolved(i, p, cal::FormatMonth(seen->second, month), std::max(0.6, g.certainty - 0.1));
    }
    list_month_ = ListMonth{p, pick, g.certainty};
    return Resolved(i, p, ResolveMonth(month, pick), g.certainty);
  }

  // "April 24 and 25": a day number continuing the date just found.
  std::optional<Found> MatchListedDay(uint32_t i) {
    if (!list_day_ || i <= list_day_->end || i - list_day_->end > 2) return std::nullopt;
    for (uint32_t k = list_day_->end; k < i; ++k)
      if (!In(kListJoiners, L(k))) return std::nullopt;
    int day = DayAt(i);
    if (!day || !IsNumberTok(i) || MonthAt(i + 1) || YearAt(i)) return std::nullopt;
    Found f;
    f.first = i;
    f.end = i + 1;
    Date d{list_day_->year, list_day_->month, day};
    if (cal::IsValid(d)) {
      f.value = cal::FormatDay(d);
      f.relative = list_day_->relative;
      f.certainty = list_day_->certainty;
    }
    return f;
  }

  // "Christmas", "New Year's Day", "Thanksgiving", "Christmas 2023", "Easter Monday",
  // "Good Friday 1998", "Easter week" and "Holy Week" (the ISO week holding the day).
  std::optional<Found> MatchHoliday(uint32_t i) {
    if (!Cap(i)) return std::nullopt;
    for (const auto& h : kHolidays) {
      uint32_t n = words::PhraseLength([this](uint32_t t) { return L(t); }, i, h.words);
      if (n == 0) continue;
      uint32_t k = i + n;
      // "Easter Island", "Christmas Island", "Thanksgiving Parade": a name, not the day
      bool plural_weekday = false;
      if (!TitleCase() && Cap(k) && IsWord(k) && !MonthAt(k) && !WeekdayAt(k, &plural_weekday) && L(k) != "week")
        return std::nullopt;
      bool week = h.week;
      if (!week && L(k) == "week" && (h.easter || h.nth != 0 || h.month == 12)) {
        week = true;  // "Easter week", "Thanksgiving week", "Christmas week"
        ++k;
      }
      auto value = [&](const Date& d) { return week ? cal::FormatWeek(cal::IsoWeekOf(d)) : cal::FormatDay(d); };
      if (int year = YearAt(k)) {
        if (auto d = HolidayIn(h, year)) return Absolute(i, k + 1, value(*d));
      }
      if (!anchor_) {
        if (h.easter || week) return Resolved(i, k, "XXXX-XX-XX");
        if (h.nth == 0) return Resolved(i, k, fmt::format("XXXX-{:02d}-{:02d}", h.month, h.day));
        return Resolved(i, k, fmt::format("XXXX-{:02d}-XX", h.month));
      }
      DirectionGuess g = Guess(i, k);
      std::string v = ResolveAnnual([&](int y) { return HolidayIn(h, y); }, g);
      if (v.empty()) return std::nullopt;
      if (week) v = value(*cal::ParseIsoDate(v));
      return Resolved(i, k, v, g.certainty);
    }
    return std::nullopt;
  }

  // "18 June 2024", "the 18th of June".
  std::optional<Found> MatchDayMonth(uint32_t i) {
    int day = DayAt(i);
    if (!day) return std::nullopt;
    uint32_t p = i + 1;
    if (L(p) == "of") ++p;
    bool abbreviated = false;
    int month = MonthAt(p, &abbreviated);
    if (!month) return std::nullopt;
    uint32_t q = p + 1;
    if (L(q) == ",") ++q;
    Found f;
    f.first = i;
    if (int year = YearAt(q)) {
      f.end = q + 1;
      Date d{year, month, day};
      if (cal::IsValid(d)) f.value = cal::FormatDay(d);
      return f;
    }
    f.end = p + 1;
    if (day > cal::DaysInMonth(2024, month)) return f;
    DirectionGuess g = Guess(i, f.end);
    std::string v = ResolveMonthDay(month, day, g);
    if (v.empty()) return f;
    return Resolved(i, f.end, v, g.certainty);
  }

  // A two-digit year ("'98", "FY98"): the century that puts it nearest the anchor.
  int TwoDigitYear(int yy) const {
    int base = anchor_ ? anchor_->year : 2000;
    int a = (base / 100) * 100 + yy;
    int best = a;
    for (int cand : {a - 100, a + 100})
      if (std::abs(cand - base) < std::abs(best - base)) best = cand;
    return best;
  }
  // "98" or "'98" (one token or two glued) at i: 1900..2099 with *end set past it; 0 otherwise.
  int ShortYearAt(uint32_t i, uint32_t* end) const {
    std::string_view w = L(i);
    if (w == "'" && Glued(i + 1)) {
      ++i;
      w = L(i);
    } else if (w.size() == 3 && w[0] == '\'') {
      w = w.substr(1);
    }
    if (w.size() != 2 || !AllDigits(w)) return 0;
    *end = i + 1;
    return TwoDigitYear(ParseSmallInt(w));
  }

  // "fiscal 1998", "fiscal year 1998", "FY 1998", "FY98", "fiscal '98", "fiscal 1998's first
  // quarter". A fiscal year takes the year of its label whatever month it starts in, as
  // TimeML values do: the US government's fiscal 1998 began in October 1997 and is "1998".
  std::optional<Found> MatchFiscal(uint32_t i) {
    uint32_t p = i;
    std::string_view w = L(p);
    int year = 0;
    uint32_t end = 0;
    if (w == "fiscal" || w == "fiscal-year") {
      ++p;
      if (L(p) == "year") ++p;
      if ((year = YearAt(p)))
        end = p + 1;
      else if (L(p).starts_with("'"))
        year = ShortYearAt(p, &end);
    } else if (w == "fy" && doc_.tokens[p].all_caps) {
      ++p;
      if ((year = YearAt(p)))
        end = p + 1;
      else
        year = ShortYearAt(p, &end);
    } else if (w.starts_with("fy") && doc_.tokens[p].all_caps && AllDigits(w.substr(2))) {
      end = p + 1;
      if (w.size() == 6)
        year = ParseSmallInt(w.substr(2));
      else if (w.size() == 4)
        year = TwoDigitYear(ParseSmallInt(w.substr(2)));
      if (year && (year < 1000 || year > 2999)) year = 0;
    }
    if (!year) return std::nullopt;
    uint32_t q = end;
    if (L(q) == "'s") ++q;
    bool hyphenated = false;
    if (int ordinal = QuarterOrdinalAt(q, &hyphenated); ordinal && (hyphenated || L(q + 1) == "quarter"))
      return Absolute(i, q + (hyphenated ? 1 : 2), QuarterValue(year, ordinal));
    Found f = Absolute(i, end, cal::FormatYear(year));
    f.is_bare_year = true;
    return f;
  }

  // "the third quarter", "the first quarter of 2024", "third-quarter", "Q3 2024",
  // "the fiscal-first quarter".
  std::optional<Found> MatchQuarter(uint32_t i) {
    uint32_t p = i;
    if (L(p) == "the") ++p;
    if (L(p) == "fiscal") ++p;
    int quarter = 0;
    std::string_view w = L(p);
    if (w.starts_with("fiscal-")) w.remove_prefix(7);  // "the fiscal-first quarter"
    static constexpr std::string_view kQ[] = {"first", "second", "third", "fourth"};
    static constexpr std::string_view kQn[] = {"1st", "2nd", "3rd", "4th"};
    bool hyphenated = false;
    for (int k = 0; k < 4; ++k) {
      if (w == kQ[k] || w == kQn[k]) quarter = k + 1;
      if (w == std::string(kQ[k]) + "-quarter") {
        quarter = k + 1;
        hyphenated = true;
      }
    }
    if (quarter && !hyphenated) {
      if (L(p + 1) != "quarter") return std::nullopt;
      ++p;
    }
    if (!quarter && w.size() == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4' && doc_.tokens[p].all_caps) {
      quarter = w[1] - '0';
    }
    if (!quarter) return std::nullopt;
    uint32_t end = p + 1;
    std::optional<Found> f = QuarterNamed(i, end, quarter);
    if (auto q = f ? QuarterOf(f->value) : std::nullopt; q && anchor_ && f->first == i) {
      // ended quarters are reported even by "expects to report third-quarter losses"; one
      // not yet ended is reported only as a fiscal quarter told in the past ("reported a
      // decline in fourth-quarter earnings" in November)
      int last_month = q->second * 3;
      bool ended = Date{q->first, last_month, cal::DaysInMonth(q->first, last_month)} < *anchor_;
      DirectionGuess g = Guess(i, f->end);
      f->ahead = !ended && !(g.direction == Direction::kPast && g.strength >= kMonthCue / 2);
    }
    return f;
  }
  std::optional<Found> QuarterNamed(uint32_t i, uint32_t end, int quarter) {
    uint32_t q = end;
    if (L(q) == "of" || L(q) == ",") ++q;
    if (int year = YearAt(q)) return Absolute(i, q + 1, fmt::format("{:04d}-Q{}", year, quarter));
    if (L(q) == "this" && L(q + 1) == "year" && anchor_)
      return Resolved(i, q + 2, fmt::format("{:04d}-Q{}", anchor_->year, quarter));
    if (L(q) == "last" && L(q + 1) == "year" && anchor_)
      return Resolved(i, q + 2, fmt::format("{:04d}-Q{}", anchor_->year - 1, quarter));
    DirectionGuess g = Guess(i, end);
    // quarters are mostly reported after they end: the running or last-ended one whatever
    // the verbs ("expects to report third-quarter losses"), else past unless clearly future
    if (auto last = PastQuarter(quarter); last && anchor_) {
      int64_t now = static_cast<int64_t>(anchor_->year) * 4 + (anchor_->month - 1) / 3;
      if (now - (static_cast<int64_t>(last->first) * 4 + quarter - 1) <= 1)
        return Resolved(i, end, QuarterValue(last->first, quarter), g.certainty);
    }
    Pick pick = g.direction == Direction::kFuture && g.strength >= kMonthCue ? Pick::kFutureOrSame : Pick::kPastOrSame;
    return Resolved(i, end, ResolveQuarter(quarter, pick), g.certainty);
  }

  // "third" / "third-quarter" at i: 1..4 and whether "quarter" is inside the token.
  int QuarterOrdinalAt(uint32_t i, bool* hyphenated) const {
    static constexpr std::string_view kQ[] = {"first", "second", "third", "fourth"};
    static constexpr std::string_view kQn[] = {"1st", "2nd", "3rd", "4th"};
    std::string_view w = L(i);
    for (int k = 0; k < 4; ++k) {
      if (w == kQ[k] || w == kQn[k]) {
        *hyphenated = false;
        return k + 1;
      }
      if (w.size() == kQ[k].size() + 8 && w.starts_with(kQ[k]) && w.ends_with("-quarter")) {
        *hyphenated = true;
        return k + 1;
      }
    }
    return 0;
  }

  // Periods of an earnings report, resolved against the quarter it is about:
  // "the quarter", "the latest period", "that quarter", "the year-ago quarter",
  // "year-earlier" (as a modifier), "the 1988 quarter", "the year-earlier third quarter",
  // "the corresponding period last year", "last year's quarter".
  std::optional<Found> MatchReportingPeriod(uint32_t i) {
    uint32_t p = i;
    std::string_view det = L(p);
    bool the = det == "the" || det == "that" || det == "its" || det == "their";
    if (the) ++p;
    if (L(p) == "comparable" || L(p) == "corresponding" || L(p) == "same") ++p;
    std::string_view w = L(p);
    auto is_head = [&](uint32_t k) { return L(k) == "quarter" || L(k) == "period"; };
    std::optional<QuarterRef> context = ContextQuarter();
    // "year-ago", "year-earlier", and the phrases they begin
    if (w == "year-ago" || w == "year-earlier") {
      uint32_t mod = p++;
      bool hyph = false;
      int ordinal = QuarterOrdinalAt(p, &hyph);
      if (ordinal && !hyph && L(p + 1) == "quarter") ++p;
      if (ordinal) {  // "the year-ago third quarter"
        auto q = PastQuarter(ordinal);
        if (!q) return std::nullopt;
        return YearBefore(i, p + 1, q->first, ordinal);
      }
      if (is_head(p)) {
        auto q = context ? std::make_optional(std::make_pair(context->year, context->quarter)) : ReportedQuarter();
        if (!q) return std::nullopt;
        return YearBefore(i, p + 1, q->first, q->second);
      }
      // a modifier of results: "year-earlier profit", "the year-ago results"
      if (context) return YearBefore(mod, mod + 1, context->year, context->quarter);
      if (!anchor_) return std::nullopt;
      return Resolved(mod, mod + 1, cal::FormatYear(anchor_->year - 1));
    }
    if (!the) {
      // "next year's first quarter", "this year's third quarter"
      if ((w == "last" || w == "this" || w == "next") && L(p + 1) == "year" && L(p + 2) == "'s" && anchor_) {
        bool hyph = false;
        int ordinal = QuarterOrdinalAt(p + 3, &hyph);
        int year = anchor_->year + (w == "last" ? -1 : w == "next" ? 1 : 0);
        if (ordinal && (hyph || L(p + 4) == "quarter"))
          return Resolved(i, p + (hyph ? 4 : 5), QuarterValue(year, ordinal));
      }
      // "last year's quarter"
      if (w == "last" && L(p + 1) == "year" && L(p + 2) == "'s" && L(p + 3) == "quarter") {
        auto q = context ? std::make_optional(std::make_pair(context->year, context->quarter)) : ReportedQuarter();
        if (!q) return std::nullopt;
        return YearBefore(i, p + 4, q->first, q->second);
      }
      return std::nullopt;
    }
    // "the 1988 quarter", "the 1988 third quarter", "the 1989 period"
    if (int year = YearAt(p)) {
      bool hyph = false;
      int ordinal = QuarterOrdinalAt(p + 1, &hyph);
      if (ordinal && (hyph || L(p + 2) == "quarter"))
        return Absolute(i, p + (hyph ? 2 : 3), QuarterValue(year, ordinal));
      if (L(p + 1) == "quarter" && last_quarter_) return Resolved(i, p + 2, QuarterValue(year, last_quarter_->quarter));
      if (L(p + 1) == "period" && context) return Resolved(i, p + 2, QuarterValue(year, context->quarter));
      return std::nullopt;
    }
    // "for the year ended Sept. 30" (a span of a year), "for the full year", "the fiscal year" (this one)
    if (det == "the") {
      uint32_t k = p;
      bool qualified = false;
      while (L(k) == "full" || L(k) == "fiscal") {
        qualified = true;
        ++k;
      }
      if (L(k) == "year" && !Cap(k)) {
        std::string_view next = L(k + 1), prev = L(i - 1);
        if (next == "ended" || next == "ending") return Absolute(i, k + 1, "P1Y", "DURATION");
        static constexpr std::string_view kRelational[] = {"before", "after", "earlier", "later",
                                                           "-",      "'s",    "when",    "in"};
        if (In(kRelational, next) || !anchor_) return std::nullopt;
        // "the first nine months of the year", "the rest of the year"; not "man of the year"
        std::string_view owner = L(i - 2);
        bool of_year = prev == "of" && (owner == "months" || owner == "rest" || owner == "end" || owner == "half" ||
                                        owner == "start" || owner == "beginning");
        if (qualified || prev == "for" || prev == "during" || prev == "throughout" || of_year)
          return Resolved(i, k + 1, cal::FormatYear(anchor_->year));
        return std::nullopt;
      }
    }
    bool latest = false;
    if (w == "latest" || w == "current" || (w == "most" && L(p + 1) == "recent")) {
      latest = true;
      p += w == "most" ? 2 : 1;
    }
    if (!is_head(p)) return std::nullopt;
    bool period = L(p) == "period";
    uint32_t end = p + 1;
    if (L(end) == "of" || L(end) == "-" || Cap(p)) return std::nullopt;  // "the quarter of a century"
    if (w == "current" && !period) return std::nullopt;  // "the current quarter": the anchor's, found elsewhere
    bool compared = det == "the" && (L(i + 1) == "comparable" || L(i + 1) == "corresponding" || L(i + 1) == "same");
    // "the period" alone is too common outside results; "the latest period" needs a quarter named before
    if (period && !(compared ? context.has_value() : latest && last_quarter_.has_value())) return std::nullopt;
    std::optional<std::pair<int, int>> q = ReportedQuarter();
    if (context && compared) q = std::make_pair(context->year, context->quarter);
    if (!q) return std::nullopt;
    // "the quarter a year ago", "the corresponding period last year"
    if ((L(end) == "a" && L(end + 1) == "year" && (L(end + 2) == "ago" || L(end + 2) == "earlier")) ||
        (L(end) == "last" && L(end + 1) == "year")) {
      uint32_t stop = L(end) == "a" ? end + 3 : end + 2;
      return YearBefore(i, stop, q->first, q->second);
    }
    if (compared) return YearBefore(i, end, q->first, q->second);  // "the comparable quarter"
    return Resolved(i, end, QuarterValue(q->first, q->second));
  }

  // The occurrence of quarter n that a report most likely means: the one running at the
  // anchor or the last one ended, else the previous one of that number.
  std::optional<std::pair<int, int>> PastQuarter(int n) const {
    if (!anchor_) return std::nullopt;
    int64_t ord =
        PickCyclic(static_cast<int64_t>(anchor_->year) * 4 + (anchor_->month - 1) / 3, 4, n - 1, Pick::kPastOrSame);
    return std::make_pair(static_cast<int>(ord / 4), n);
  }

  int SeasonAt(uint32_t i) const {
    for (const auto& s : kSeasons)
      if (L(i) == s.word) return s.index + 1;
    return 0;
  }

  // "this summer", "last winter", "the summer of 2023", "spring 2024", "in the fall".
  std::optional<Found> MatchSeason(uint32_t i) {
    uint32_t p = i;
    std::string_view w = L(p);
    std::optional<Pick> forced;
    if (w == "this" && L(p + 1) == "past") {
      forced = Pick::kStrictPast;
      p += 2;
    } else if (w == "last" || w == "past") {
      forced = Pick::kStrictPast;
      ++p;
    } else if (w == "next" || w == "coming") {
      forced = Pick::kStrictFuture;
      ++p;
    } else if (w == "this") {
      forced = Pick::kNearest;
      ++p;
    }
    bool the = false;
    if (!forced && (L(p) == "the")) {
      the = true;
      ++p;
    }
    if (L(p) == "early" || L(p) == "late") ++p;
    int season = SeasonAt(p);
    if (!season) return std::nullopt;
    --season;
    uint32_t end = p + 1;
    uint32_t q = end;
    if (L(q) == "of" || L(q) == ",") ++q;
    if (int year = YearAt(q)) return Absolute(i, q + 1, fmt::format("{:04d}-{}", year, kSeasonCodes[season]));
    uint32_t spoken_end = 0;
    if (int year = SpokenYearAt(q, &spoken_end))
      return Absolute(i, spoken_end, fmt::format("{:04d}-{}", year, kSeasonCodes[season]));
    if (forced) {
      if (*forced == Pick::kNearest) {
        if (!anchor_) return Resolved(i, end, ResolveSeason(season, Pick::kNearest));
        int64_t cur = SeasonOrdinal(*anchor_);
        int64_t year_of = cur / 4;
        return Resolved(i, end, fmt::format("{:04d}-{}", year_of, kSeasonCodes[season]));
      }
      return Resolved(i, end, ResolveSeason(season, *forced));
    }
    // "in the summer", "this fall": a bare season needs a preposition before it
    std::string_view before = L(i - 1);
    bool prep = before == "in" || before == "during" || before == "by" || before == "until" || before == "since" ||
                before == "over" || before == "through";
    if (!prep) return std::nullopt;
    if (L(end) == "of") return std::nullopt;  // "in the fall of Kabul"
    uint32_t first = the ? p : i;             // "the" stays outside, as in "in the summer"
    DirectionGuess g = Guess(first, end);
    Pick pick = before == "since" ? Pick::kPastOrSame : PickFor(g, kMonthCue);
    return Resolved(first, end, ResolveSeason(season, pick), g.certainty);
  }

  // Whether the noun phrase at i is one that "today's" modifies in the sense of "nowadays"
  // ("today's world", "many of today's personal computers"), which TimeML leaves untagged.
  bool GenericNowadays(uint32_t i) const {
    static constexpr std::string_view kGeneric[] = {
        "world",    "youth",       "society", "generation", "generations", "children", "kids",      "teenagers",
        "young",    "economy",     "culture", "technology", "consumers",   "families", "parents",   "women",
        "men",      "students",    "workers", "politics",   "standards",   "times",    "computers", "cars",
        "military", "marketplace", "age",     "era",        "environment", "climate",  "media"};
    for (uint32_t k = i; k < i + 3 && IsWord(k); ++k)  // up to two modifiers: "today's personal computers"
      if (In(kGeneric, L(k))) return true;
    return false;
  }

  // "today", "yesterday morning", "tonight", "this morning", "last night", "earlier today".
  std::optional<Found> MatchDeictic(uint32_t i) {
    uint32_t p = i;
    std::string_view w = L(p);
    if ((w == "earlier" || w == "later") && (L(p + 1) == "today")) {
      ++p;
      w = L(p);
    }
    int offset = 0;
    uint32_t end = p + 1;
    std::string part;
    if (w == "today" && L(p + 1) == "'s" && GenericNowadays(p + 2)) return std::nullopt;  // "today's youth"
    if (w == "today")
      offset = 0;
    else if (w == "yesterday")
      offset = -1;
    else if (w == "tomorrow")
      offset = 1;
    else if (w == "tonight") {
      offset = 0;
      part = "TNI";
    } else if (w == "the" && L(p + 1) == "day" && L(p + 2) == "before" && L(p + 3) == "yesterday") {
      offset = -2;
      end = p + 4;
    } else if (w == "the" && L(p + 1) == "day" && L(p + 2) == "after" && L(p + 3) == "tomorrow") {
      offset = 2;
      end = p + 4;
    } else if (w == "this" || w == "last") {
      std::string_view n = L(p + 1);
      for (size_t k = 0; k < std::size(kPartsOfDay); ++k) {
        if (n == kPartsOfDay[k] && (w == "this" || n == "night")) {
          part = std::string("T") + std::string(kPartCodes[k]);
          offset = w == "last" ? -1 : 0;
          end = p + 2;
        }
      }
      if (part.empty()) return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (part.empty()) {
      for (size_t k = 0; k < std::size(kPartsOfDay); ++k)
        if (L(end) == kPartsOfDay[k] && w != "the") {
          part = std::string("T") + std::string(kPartCodes[k]);
          ++end;
        }
    }
    Found f;
    if (anchor_) {
      f = Resolved(i, end, cal::FormatDay(cal::AddDays(*anchor_, offset)));
    } else {
      f = Resolved(i, end, offset < 0 ? "PAST_REF" : offset > 0 ? "FUTURE_REF" : "PRESENT_REF");
      part.clear();
    }
    if (!part.empty()) {
      f.type = "TIME";
      f.value += part;
    }
    return f;
  }

  // "the following day", "that same day", "later that year", "the day before": resolved
  // against the date the text named last, not the publication date.
  std::optional<Found> MatchAnaphoric(uint32_t i) {
    if (!last_named_) return std::nullopt;
    uint32_t p = i;
    int shift = 0;
    bool relation = false;
    if (L(p) == "earlier" || L(p) == "later") ++p;
    std::string_view w = L(p);
    if (w == "the" && (L(p + 1) == "following" || L(p + 1) == "next" || L(p + 1) == "previous")) {
      shift = L(p + 1) == "previous" ? -1 : 1;
      relation = true;
      p += 2;
    } else if (w == "that" || (w == "the" && L(p + 1) == "same")) {
      p += w == "that" ? 1 : 2;
      if (L(p) == "same") ++p;
    } else {
      return std::nullopt;
    }
    Unit unit = UnitAt(p);
    bool morning = false;
    if (unit == Unit::kNone && relation && shift == 1 && (L(p) == "morning" || L(p) == "evening" || L(p) == "night")) {
      unit = Unit::kDay;  // "the next morning": the day after
      morning = true;
    }
    uint32_t end = p + 1;
    if (!relation && (L(end) == "before" || L(end) == "after") && w == "the") return std::nullopt;
    // "the same month last year", "that day a year earlier": a year before the named date
    int years_back = 0;
    if (!relation && L(end) == "last" && L(end + 1) == "year") {
      years_back = 1;
      end += 2;
    } else if (!relation && L(end) == "a" && L(end + 1) == "year" && (L(end + 2) == "ago" || L(end + 2) == "earlier")) {
      years_back = 1;
      end += 3;
    }
    if (years_back && unit == Unit::kMonth && last_named_->month)
      return Resolved(i, end, cal::FormatMonth(last_named_->year - years_back, last_named_->month));
    if (years_back && unit == Unit::kDay && last_named_->day) {
      Date d = cal::AddMonths(Date{last_named_->year, last_named_->month, last_named_->day}, -12);
      return Resolved(i, end, cal::FormatDay(d));
    }
    if (years_back) return std::nullopt;
    if (unit == Unit::kDay && last_named_->day) {
      if (shift == 1 && L(i + 1) == "next" && !morning && L(end) != "," && L(end) != "." && IsWord(end) &&
          L(end) != "after")
        return std::nullopt;  // "the next day or two": a span
      Date d = cal::AddDays(Date{last_named_->year, last_named_->month, last_named_->day}, shift);
      return Resolved(i, end, cal::FormatDay(d));
    }
    if (unit == Unit::kYear && (L(i + 1) != "next"))
      return Resolved(i, end, cal::FormatYear(last_named_->year + shift));
    if (unit == Unit::kMonth && last_named_->month && L(i + 1) != "next") {
      Date d = cal::AddMonths(Date{last_named_->year, last_named_->month, 1}, shift);
      return Resolved(i, end, cal::FormatMonth(d.year, d.month));
    }
    return std::nullopt;
  }

  // Phrases around a unit of time: "two years ago", "last week", "the past several
  // months", "three-year", "for years", "in recent years", "this year".
  std::optional<Found> MatchUnitPhrase(uint32_t i) {
    uint32_t p = i;
    bool the = false;
    std::string mod;
    std::string_view w = L(p);
    if ((w == "earlier" || w == "later" || w == "early" || w == "late") &&
        (L(p + 1) == "this" || L(p + 1) == "next" || L(p + 1) == "last")) {
      ++p;
    } else if (w == "the") {
      the = true;
      ++p;
    }
    if (the && (L(p) == "end" || L(p) == "beginning" || L(p) == "start" || L(p) == "middle") && L(p + 1) == "of") {
      // "the end of the year", "the start of next month": the period itself
      p += 2;
      std::string_view det = L(p);
      if (det == "the" || det == "this" || det == "next" || det == "last") {
        Unit u = UnitAt(p + 1);
        if (u == Unit::kYear || u == Unit::kMonth || u == Unit::kWeek || u == Unit::kQuarter || u == Unit::kDecade)
          return RelativePeriod(i, p + 2, u, det == "the" ? "this" : std::string(det));
      }
      return std::nullopt;
    }
    if (L(p) == "this" && L(p + 1) == "past") {
      mod = "last";
      p += 2;
    } else if (the && anchor_ && (L(p) == "latest" || (L(p) == "most" && L(p + 1) == "recent"))) {
      // "the latest fiscal year": the last one closed
      uint32_t k = p + (L(p) == "most" ? 2 : 1);
      if (L(k) == "fiscal" && L(k + 1) == "year") return Resolved(i, k + 2, cal::FormatYear(anchor_->year - 1));
    } else if (the && L(p) == "current") {
      mod = "this";
      the = false;
      ++p;
    } else if (L(p) == "past" || L(p) == "last" || L(p) == "next" || L(p) == "coming" || L(p) == "previous" ||
               L(p) == "first" || L(p) == "recent" || L(p) == "this" || L(p) == "following") {
      mod = std::string(L(p));
      ++p;
    }
    if (!mod.empty() && L(p) == "fiscal" && (L(p + 1) == "year" || L(p + 1) == "quarter"))
      ++p;  // "the current fiscal year"
    // quantity
    std::optional<double> qty;
    bool vague = false;
    if (L(p) == "a" && L(p + 1) == "couple" && UnitAt(p + (L(p + 2) == "of" ? 3 : 2)) != Unit::kNone) {
      qty = 2.0;  // "a couple of years": TimeML reads a couple as two
      p += L(p + 2) == "of" ? 3 : 2;
    } else if (L(p) == "a" && (L(p + 1) == "few" || L(p + 1) == "couple")) {
      vague = true;
      p += L(p + 2) == "of" ? 3 : 2;
    } else if (In(kVagueQuantities, L(p)) && UnitAt(p + 1) != Unit::kNone) {
      vague = true;
      ++p;
    } else if (auto n = Quantity(L(p)); n && UnitAt(p + 1) != Unit::kNone && !(Glued(p) && L(p - 1) == "/")) {
      qty = n;
      ++p;
    } else if (auto n = Quantity(L(p)); n && IsNumberTok(p) && L(p + 1) == "1" && L(p + 2) == "/" && Glued(p + 2) &&
                                        L(p + 3) == "2" && Glued(p + 3) && UnitAt(p + 4) != Unit::kNone) {
      qty = *n + 0.5;  // "5 1/2 hours"
      p += 4;
    } else if (auto n = Quantity(L(p)); n &&
                                        (L(p + 1) == "more" || L(p + 1) == "additional" || L(p + 1) == "further") &&
                                        UnitAt(p + 2) != Unit::kNone) {
      qty = n;  // "two more weeks", "20 more years"
      p += 2;
    } else if (auto h = HyphenatedDuration(p)) {
      // "three-year", "24-hour": a duration used as a modifier
      if (!mod.empty() || the) return std::nullopt;
      return Absolute(i, p + 1, *h, "DURATION");
    }
    bool plural = false;
    Unit unit = UnitAt(p, &plural);
    if (unit == Unit::kNone) return std::nullopt;
    if (Cap(p) && p > sent_->first_token && !TitleCase() && (qty || vague)) return std::nullopt;  // "60 Minutes"
    uint32_t end = p + 1;
    bool has_qty = qty.has_value() || vague;
    if (unit == Unit::kWeekend && the && mod.empty() && !has_qty && !plural) return TheWeekend(i, end);
    // "the 1998 quarter", "the 2024 second round": a number before a singular unit is no count
    if (qty && *qty != 1 && !plural) {
      // "a five year low", "a two day visit": a duration modifying a noun, hyphen left out
      bool modifier = In(kDeterminers, L(i - 1)) && *qty < 100 && IsWord(end) && !Cap(end) &&
                      UnitAt(end) == Unit::kNone && L(end) != "of" && L(end) != "and" && L(end) != "or" &&
                      unit != Unit::kQuarter && mod.empty() && !the;
      if (!modifier) return std::nullopt;
      return Absolute(i, end, DurationValue(unit, qty), "DURATION");
    }
    // "a second term", "the second round": an ordinal, not a second of time
    if (unit == Unit::kSecond && !plural && (!(qty && *qty == 1) || (IsWord(end) && !Cap(end)))) return std::nullopt;
    if (L(end) == "old" || L(end) == "older" || L(end) == "younger") return std::nullopt;  // ages
    // "two years ago", "a decade ago"
    if ((L(end) == "ago" || L(end) == "earlier") && has_qty && mod.empty() && !the) {
      ++end;
      if (unit == Unit::kYear && qty && *qty == 1)  // "up from $5 million a year ago": the quarter's
        if (auto q = ContextQuarter()) return YearBefore(i, end, q->year, q->quarter);
      if (!anchor_ || vague || !qty || *qty != std::floor(*qty)) return Resolved(i, end, "PAST_REF");
      return Resolved(i, end, AgoValue(unit, static_cast<int>(*qty)));
    }
    if (has_qty) {
      if (L(i) == "a" || L(i) == "an") {
        // "a year" alone is mostly a rate ("$5 million a year"); keep it after words of span
        std::string_view before = L(i - 1);
        static constexpr std::string_view kSpanWords[] = {"for",    "within", "after",  "than", "nearly",
                                                          "almost", "about",  "around", "over", "in",
                                                          "past",   "last",   "next"};
        // "as long as a month", "as little as a year"
        bool as_bound = before == "as" && (L(i - 2) == "long" || L(i - 2) == "little" || L(i - 2) == "much");
        if (!In(kSpanWords, before) && !as_bound) return std::nullopt;
      }
      if ((unit == Unit::kQuarter && !qty) || mod == "this" || mod == "recent") return std::nullopt;
      return Absolute(i, end, DurationValue(unit, vague ? std::nullopt : qty), "DURATION");
    }
    if (!mod.empty() && !plural) {
      // "the past year", "the next month": a period running up to or from now
      bool span = mod == "past" || mod == "last" || mod == "next" || mod == "coming";
      if (the || mod == "past")
        return span ? std::optional<Found>(Absolute(i, end, DurationValue(unit, 1.0), "DURATION")) : std::nullopt;
      if (mod == "previous" || mod == "first" || mod == "following" || mod == "recent") return std::nullopt;
      // "compared with a loss of $3 million last year" in a quarter's report: that quarter a year before
      if (unit == Unit::kYear && mod == "last" && ComparisonBefore(i))
        if (auto q = ContextQuarter()) return YearBefore(i, end, q->year, q->quarter);
      return RelativePeriod(i, end, unit, mod);
    }
    // "in recent years", "in coming months": a vague stretch of past or future (TimeML's *_REF)
    if (plural && !the && (mod == "recent" || mod == "past")) return Absolute(i, end, "PAST_REF");
    if (plural && !the && mod == "coming") return Absolute(i, end, "FUTURE_REF");
    if (plural && (mod == "recent" || mod == "past" || mod == "last" || mod == "coming" || mod == "next")) {
      return Absolute(i, end, DurationValue(unit, std::nullopt), "DURATION");
    }
    if (plural && mod.empty() && !the && (L(i - 1) == "for" || (L(i - 1) == "in" && L(end) != "of"))) {
      if (unit == Unit::kSecond || unit == Unit::kMinute || unit == Unit::kQuarter) return std::nullopt;
      return Absolute(i, end, DurationValue(unit, std::nullopt), "DURATION");
    }
    return std::nullopt;
  }

  // Whether a comparison ("compared with", "from", "versus", "than") leads up to token i.
  bool ComparisonBefore(uint32_t i) const {
    for (uint32_t k = i; k > sent_->first_token && k + 10 > i; --k) {
      std::string_view w = L(k - 1);
      if (w == "compared" || w == "from" || w == "versus" || w == "than" || w == "vs.") return true;
    }
    return false;
  }

  // "over the weekend": the one just past unless the verbs look ahead.
  std::optional<Found> TheWeekend(uint32_t i, uint32_t end) const {
    if (!anchor_) return Resolved(i, end, "XXXX-WXX-WE");
    DirectionGuess g = Guess(i, end);
    int weekday = cal::Weekday(*anchor_);
    int step = 0;
    if (g.direction == Direction::kFuture)
      step = weekday == 7 ? 1 : 0;
    else
      step = weekday >= 6 ? 0 : -1;
    return Resolved(i, end, cal::FormatWeek(cal::IsoWeekOf(cal::AddDays(*anchor_, 7 * step))) + "-WE", g.certainty);
  }

  Unit UnitAt(uint32_t i, bool* plural = nullptr) const {
    std::string_view w = L(i);
    for (const auto& u : kUnits)
      if (w == u.word) {
        if (plural) *plural = u.plural;
        return u.unit;
      }
    return Unit::kNone;
  }

  // "three-year", "24-hour", "10-day" (not "45-year-old").
  std::optional<std::string> HyphenatedDuration(uint32_t i) const {
    std::string_view w = L(i);
    size_t dash = w.rfind('-');
    if (dash == std::string_view::npos || dash == 0) return std::nullopt;
    std::string_view num = w.substr(0, dash), unit_word = w.substr(dash + 1);
    if (L(i + 1) == "-" || L(i + 1).starts_with("old")) return std::nullopt;
    if (unit_word == "long") {  // "day-long", "decades-long"
      for (const auto& u : kUnits)
        if (num == u.word) return DurationValue(u.unit, u.plural ? std::nullopt : std::optional<double>(1.0));
      return std::nullopt;
    }
    Unit unit = Unit::kNone;
    for (const auto& u : kUnits)
      if (unit_word == u.word && !u.plural) unit = u.unit;
    if (unit == Unit::kNone) return std::nullopt;
    auto n = Quantity(num);
    if (!n || num == "a" || num == "an") return std::nullopt;
    return DurationValue(unit, n);
  }

  std::string AgoValue(Unit unit, int n) const {
    const Date& a = *anchor_;
    switch (unit) {
      case Unit::kDay:
        return cal::FormatDay(cal::AddDays(a, -n));
      case Unit::kWeek:
        return cal::FormatWeek(cal::IsoWeekOf(cal::AddDays(a, -7 * n)));
      case Unit::kFortnight:
        return cal::FormatWeek(cal::IsoWeekOf(cal::AddDays(a, -14 * n)));
      case Unit::kMonth: {
        Date d = cal::AddMonths(a, -n);
        return cal::FormatMonth(d.year, d.month);
      }
      case Unit::kQuarter: {
        Date d = cal::AddMonths(a, -3 * n);
        return fmt::format("{:04d}-Q{}", d.year, (d.month - 1) / 3 + 1);
      }
      case Unit::kYear:
        return cal::FormatYear(a.year - n);
      case Unit::kDecade:
        return cal::FormatYear(a.year - 10 * n);
      case Unit::kCentury:
        return cal::FormatYear(a.year - 100 * n);
      case Unit::kHour:
      case Unit::kMinute:
      case Unit::kSecond:
        return cal::FormatDay(a);
      case Unit::kWeekend:
      case Unit::kNone:
        break;
    }
    return "PAST_REF";
  }

  // "last week", "this year", "next month", "this quarter", "last decade", "this weekend".
  std::optional<Found> RelativePeriod(uint32_t i, uint32_t end, Unit unit, const std::string& mod) const {
    // ABC's "This Week": capitalised mid-sentence, a title
    if (i > sent_->first_token && Cap(i) && Cap(end - 1) && !TitleCase()) return std::nullopt;
    int step = mod == "last" ? -1 : (mod == "next" || mod == "coming") ? 1 : 0;
    if (!anchor_) return Resolved(i, end, step < 0 ? "PAST_REF" : step > 0 ? "FUTURE_REF" : "PRESENT_REF");
    const Date& a = *anchor_;
    switch (unit) {
      case Unit::kDay:
        return std::nullopt;
      case Unit::kWeek:
        return Resolved(i, end, cal::FormatWeek(cal::IsoWeekOf(cal::AddDays(a, 7 * step))));
      case Unit::kWeekend:
        return Resolved(i, end, cal::FormatWeek(cal::IsoWeekOf(cal::AddDays(a, 7 * step))) + "-WE");
      case Unit::kMonth: {
        Date d = cal::AddMonths(a, step);
        return Resolved(i, end, cal::FormatMonth(d.year, d.month));
      }
      case Unit::kQuarter: {
        Date d = cal::AddMonths(a, 3 * step);
        return Resolved(i, end, fmt::format("{:04d}-Q{}", d.year, (d.month - 1) / 3 + 1));
      }
      case Unit::kYear:
        return Resolved(i, end, cal::FormatYear(a.year + step));
      case Unit::kDecade:
        return Resolved(i, end, fmt::format("{:03d}", a.year / 10 + step));
      case Unit::kCentury:
        return Resolved(i, end, fmt::format("{:02d}", a.year / 100 + step));
      default:
        break;
    }
    return std::nullopt;
  }

  // "the 1990s", "the '90s", "the 20th century".
  std::optional<Found> MatchDecadeOrCentury(uint32_t i) {
    std::string_view w = L(i);
    std::string_view body = w;
    for (std::string_view pre : {"mid-", "early-", "late-", "pre-", "post-"})
      if (body.starts_with(pre)) body = body.substr(pre.size());
    if (body.size() == 5 && body.back() == 's' && AllDigits(body.substr(0, 4)) && body[3] == '0') {
      int y = ParseSmallInt(body.substr(0, 4));
      if (y >= 1000 && y <= 2990) return Absolute(i, i + 1, fmt::format("{:03d}", y / 10));
    }
    if ((w == "'") && Glued(i + 1)) {
      std::string_view n = L(i + 1);
      if (n.size() == 3 && n[2] == 's' && AllDigits(n.substr(0, 2)) && n[1] == '0') {
        int yy = ParseSmallInt(n.substr(0, 2));
        int century = anchor_ ? anchor_->year / 100 : 20;
        int anchor_yy = anchor_ ? anchor_->year % 100 : 99;
        int year = (yy <= anchor_yy ? century : century - 1) * 100 + yy;
        return Absolute(i, i + 2, fmt::format("{:03d}", year / 10));
      }
    }
    // "the nineties", "the early sixties": the last such decade up to the anchor ("in his
    // sixties" is an age, so only after "the")
    static constexpr std::string_view kDecadeWords[] = {"twenties", "thirties",  "forties",  "fifties",
                                                        "sixties",  "seventies", "eighties", "nineties"};
    if (L(i) == "the") {
      uint32_t k = i + 1;
      if (L(k) == "early" || L(k) == "late" || L(k) == "mid") ++k;
      for (size_t d = 0; d < std::size(kDecadeWords); ++d) {
        if (L(k) != kDecadeWords[d]) continue;
        int tens = static_cast<int>(d) + 2;
        int base = anchor_ ? anchor_->year : 2000;
        int year = (base / 100) * 100 + tens * 10;
        if (year > base) year -= 100;
        return Absolute(i, k + 1, fmt::format("{:03d}", year / 10));
      }
    }
    // "20th century", "the nineteenth century"
    if (L(i + 1) == "century" || L(i + 1) == "centuries") {
      int n = 0;
      if (w.size() >= 3 && (w.ends_with("th") || w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd")))
        n = ParseSmallInt(w.substr(0, w.size() - 2));
      for (size_t k = 1; k < std::size(kOrdinals); ++k)
        if (w == kOrdinals[k]) n = static_cast<int>(k);
      if (n >= 1 && n <= 30) return Absolute(i, i + 2, fmt::format("{:02d}", n - 1));
    }
    return std::nullopt;
  }

  // Whether what follows a 4-digit number makes it a count ("2000 troops") or a sum.
  bool FollowedByCountedThing(uint32_t i) const {
    std::string_view n = L(i + 1);
    if (n.empty()) return false;
    static constexpr std::string_view kCounters[] = {
        "percent", "%",     "per",  "million", "billion", "thousand", "hundred", "people", "men",   "women", "children",
        "km",      "miles", "feet", "kg",      "tons",    "tonnes",   "times",   "more",   "fewer", "less"};
    if (In(kCounters, n)) return true;
    if (!IsWord(i + 1) || Cap(i + 1)) return false;
    if (In(kYearNouns, n)) return false;  // "its 2003 results", "the 2024 elections"
    // a plural noun right after the number: "2000 troops", "1961 cases"
    static constexpr std::string_view kAdverbsInS[] = {
        "was", "has", "this", "its", "onwards", "afterwards", "towards", "always", "besides", "perhaps", "sometimes"};
    if (n.size() > 3 && n.back() == 's' && !n.ends_with("ss") && !n.ends_with("us") && !n.ends_with("is") &&
        !In(kAdverbsInS, n))
      return true;
    return false;
  }

  // A bare year: "in 2001", "since 1961", "1961, 2000, and 2001", "the 2024 election".
  std::optional<Found> MatchYear(uint32_t i) {
    uint32_t p = i;
    // "FY2024", "mid-2023", "post-2020"
    std::string_view w = L(p);
    for (std::string_view pre : {"mid-", "early-", "late-", "pre-", "post-", "fy"}) {
      if (w.starts_with(pre) && w.size() == pre.size() + 4 && AllDigits(w.substr(pre.size()))) {
        int y = ParseSmallInt(w.substr(pre.size()));
        if (y >= 1000 && y <= 2999) {
          Found f = Absolute(i, i + 1, cal::FormatYear(y));
          return f;
        }
      }
    }
    if (uint32_t spoken_end = 0; In(kYearContext, L(p - 1)) || L(p - 1) == "year") {
      // "in nineteen ninety-six", "the year two thousand"
      if (int y = SpokenYearAt(p, &spoken_end)) {
        uint32_t first = L(p - 1) == "year" && L(p - 2) == "the" ? p - 2 : p;
        return Absolute(first, spoken_end, cal::FormatYear(y));
      }
    }
    if (uint32_t spoken_end = 0; (L(p) == "nineteen" || L(p) == "eighteen") && !IsNumberWordOrDigits(p - 1)) {
      // "Atlanta nineteen ninety-six.", "a nineteen ninety-seven attack": said so, only a year
      if (int y = SpokenYearAt(p, &spoken_end); y && !FollowedByCountedThing(spoken_end - 1))
        return Absolute(p, spoken_end, cal::FormatYear(y));
    }
    int year = YearAt(p);
    if (!year) return std::nullopt;
    if (In(kZones, L(p + 1)) && doc_.tokens[p + 1].all_caps) return std::nullopt;  // "1200 GMT" is a clock
    if (Inside(p - 1) && Glued(p) && (doc_.tokens[p - 1].kind == TokenKind::kSymbol || L(p - 1) == "#"))
      return std::nullopt;  // "$2000", "#2024"
    if (FollowedByCountedThing(p)) return std::nullopt;
    std::string_view prev = L(p - 1);
    bool ok = false;
    if (last_year_tok_ != UINT32_MAX && last_year_tok_ < p && p - last_year_tok_ <= 3) {
      ok = true;  // a list or range of years
      for (uint32_t k = last_year_tok_ + 1; k < p; ++k)
        if (!In(kListJoiners, L(k))) ok = false;
    }
    if (!ok && In(kYearContext, prev)) ok = prev != "(" || L(p + 1) == ")";
    if (!ok && prev == "to") {
      std::string_view verb = L(p - 2);  // "dating to 1994", "dates back to 1961"
      ok = verb == "dating" || verb == "dates" || verb == "dated" || verb == "back" || verb == "date";
    }
    if (!ok && prev == "of") {
      // "the end of 2024", "the first nine months of 1997", "the Act of 1989"
      std::string_view owner = L(p - 2);
      ok = In(kPeriodNouns, owner) || UnitAt(p - 2) != Unit::kNone || (L(p - 3) == "the" && owner == "year") ||
           (Cap(p - 2) && IsWord(p - 2) && p - 2 > sent_->first_token);
    }
    if (!ok && (prev == "for" || prev == "both")) {
      // "For 1988, the company earned", "in both 1990 and 1991"; not "sold for 2000 each"
      std::string_view next = L(p + 1);
      ok = year >= 1900 && year <= 2100 &&
           (next.empty() || next == "," || next == "." || next == "and" || next == ")" || next == ";" ||
            doc_.tokens[p + 1].kind == TokenKind::kQuote);
    }
    static constexpr std::string_view kModifierDeterminers[] = {"the", "a",    "an",   "his", "her",   "its", "their",
                                                                "our", "that", "this", "'s",  "whose", "my",  "your"};
    if (!ok && In(kModifierDeterminers, prev)) {
      // "the 2024 election", "his 1996 campaign": a modifier before a singular noun or a name
      ok = year >= 1900 && year <= 2100 && IsWord(p + 1);
    }
    if (!ok && p == sent_->first_token) {
      static constexpr std::string_view kVerbs[] = {"was", "is", "will", "has", "had", "saw", "marked", "brought", ","};
      ok = year >= 1900 && year <= 2100 && In(kVerbs, L(p + 1));
    }
    if (!ok) return std::nullopt;
    Found f = Absolute(i, p + 1, cal::FormatYear(year));
    f.is_bare_year = true;
    return f;
  }

  // "10 a.m.", "3:30 p.m. EST", "at 14:00", "noon", "midnight".
  std::optional<Found> MatchClock(uint32_t i) {
    std::string_view w = L(i);
    if (w == "noon" || w == "midnight" || w == "midday") {
      Found f;
      f.first = i;
      f.end = i + 1;
      f.type = "TIME";
      f.clock = w == "midnight" ? "T24:00" : "T12:00";
      f.value = "pending";
      if (Cap(i) && i > sent_->first_token) return std::nullopt;  // "High Noon", a title
      ClockOnWeekday(f);
      return f;
    }
    if (!Inside(i) || doc_.tokens[i].kind != TokenKind::kNumber) return std::nullopt;
    if (w.size() == 4 && AllDigits(w) && In(kZones, L(i + 1)) && doc_.tokens[i + 1].all_caps) {
      int hh = ParseSmallInt(w.substr(0, 2)), mm = ParseSmallInt(w.substr(2));
      if (hh > 23 || mm > 59) return std::nullopt;
      Found f;  // "1200 GMT"
      f.first = i;
      f.end = i + 2;
      f.type = "TIME";
      f.clock = fmt::format("T{:02d}:{:02d}", hh, mm);
      f.value = "pending";
      return f;
    }
    // split "10am" / "10:30pm" pieces
    uint32_t p = i;
    std::string_view hour_text = w;
    std::string_view suffix;
    size_t digits = 0;
    while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
    if (digits < w.size()) {
      suffix = w.substr(digits);
      hour_text = w.substr(0, digits);
      if (suffix != "am" && suffix != "pm") return std::nullopt;
    }
    int hour = ParseSmallInt(hour_text);
    if (hour < 0 || hour > 24 || hour_text.size() > 2) return std::nullopt;
    int minute = 0;
    uint32_t end = p + 1;
    bool colon = false;
    if (suffix.empty() && L(p + 1) == ":" && Glued(p + 1) && Glued(p + 2)) {
      std::string_view m = L(p + 2);
      size_t md = 0;
      while (md < m.size() && m[md] >= '0' && m[md] <= '9') ++md;
      if (md != 2) return std::nullopt;
      std::string_view msuffix = m.substr(md);
      if (!msuffix.empty() && msuffix != "am" && msuffix != "pm") return std::nullopt;
      minute = ParseSmallInt(m.substr(0, 2));
      if (minute > 59) return std::nullopt;
      if (L(p + 3) == ":" && Glued(p + 3)) return std::nullopt;  // 1:2:3 is not a clock
      suffix = msuffix;
      colon = true;
      end = p + 3;
    }
    if (suffix.empty()) {
      std::string_view n = L(end);
      if (n == "a.m." || n == "am" || n == "a.m")
        suffix = "am";
      else if (n == "p.m." || n == "pm" || n == "p.m")
        suffix = "pm";
      if (!suffix.empty()) {
        ++end;
        // "a.m" then "." when the sentence ends on it
      }
    }
    if (suffix.empty() && L(i - 1) == "at") {
      // "at 4 in the morning", "at 8 in the evening", "at 11 at night", "at 5 o'clock"
      std::string_view n = L(end);
      if (n == "in" && L(end + 1) == "the") {
        std::string_view part = L(end + 2);
        if (part == "morning")
          suffix = "am";
        else if (part == "afternoon" || part == "evening")
          suffix = "pm";
        if (!suffix.empty()) end += 3;
      } else if (n == "at" && L(end + 1) == "night" && hour >= 6) {
        suffix = "pm";
        end += 2;
      } else if (n == "o'clock" || (n == "o" && L(end + 1) == "'clock")) {
        end += n == "o'clock" ? 1 : 2;
        if (hour < 1 || hour > 12) return std::nullopt;
        Found f;  // which half of the day is not said
        f.first = i;
        f.end = end;
        f.type = "TIME";
        f.clock = fmt::format("T{:02d}:{:02d}", hour, minute);
        f.value = "pending";
        ClockOnWeekday(f);
        return f;
      }
    }
    bool zone = false;
    if (In(kZones, L(end)) && doc_.tokens[end].all_caps) {
      zone = true;
      ++end;
    } else if (L(end) == "local" && L(end + 1) == "time") {
      zone = true;
      end += 2;
    }
    if (suffix.empty()) {
      // a bare "14:30" only counts after a clock preposition or before a zone
      std::string_view before = L(i - 1);
      if (!colon || !(zone || before == "at" || before == "by" || before == "until" || before == "from" ||
                      before == "around" || before == "before" || before == "after"))
        return std::nullopt;
      if (L(i - 1) == "by" && !zone) return std::nullopt;
    } else {
      if (hour < 1 || hour > 12) return std::nullopt;
      if (suffix == "pm" && hour != 12) hour += 12;
      if (suffix == "am" && hour == 12) hour = 0;
    }
    if (hour == 24 && minute != 0) return std::nullopt;
    Found f;
    f.first = i;
    f.end = end;
    f.type = "TIME";
    f.clock = fmt::format("T{:02d}:{:02d}", hour, minute);
    f.value = "pending";
    ClockOnWeekday(f);
    return f;
  }

  // "9 a.m. Tuesday", "noon Saturday": the clock takes the weekday's date ("at 3 p.m. on
  // Tuesday" stays two expressions, as TimeML leaves the preposition out). A deadline
  // ("until 9 a.m. Tuesday") lies ahead unless the verbs say otherwise.
  void ClockOnWeekday(Found& f) const {
    uint32_t k = f.end;
    bool plural = false;
    int wd = WeekdayAt(k, &plural);
    if (!wd || plural) return;
    DirectionGuess g = Guess(f.first, k + 1);
    std::string_view before = L(f.first - 1);
    bool deadline = before == "until" || before == "by" || before == "before" || before == "till";
    Pick pick = g.direction == Direction::kFuture || (deadline && g.direction != Direction::kPast) ? Pick::kFutureOrSame
                : g.direction == Direction::kUnknown && !deadline                                  ? Pick::kPastOrSame
                                                                  : PickFor(g.direction);
    if (deadline && g.direction == Direction::kPast && g.strength < kDayCue) pick = Pick::kFutureOrSame;
    std::string day = ResolveWeekday(wd, pick);
    if (day.starts_with("XXXX")) return;
    f.end = k + 1;
    f.value = day + f.clock;
    f.clock.clear();
    f.relative = true;
    f.certainty = g.certainty;
  }

  // "now", "currently", "recently", "the past", "the future", "soon".
  std::optional<Found> MatchReference(uint32_t i) {
    std::string_view w = L(i);
    auto ref = [&](uint32_t end, const char* v) { return Absolute(i, end, v); };
    if (w == "now") {
      // "Now, he says, ...": opening a sentence before a comma it turns the argument, not a time
      bool opens = i == sent_->first_token || (i == sent_->first_token + 1 && doc_.tokens[i - 1].kind == TokenKind::kQuote);
      if (opens && L(i + 1) == ",") return std::nullopt;
      return ref(i + 1, "PRESENT_REF");
    }
    if (w == "currently" || w == "nowadays") return ref(i + 1, "PRESENT_REF");
    if (w == "at" && L(i + 1) == "present") return ref(i + 2, "PRESENT_REF");
    if (w == "these" && L(i + 1) == "days") return ref(i + 2, "PRESENT_REF");
    // not "previously"/"formerly": they order events rather than place them in time
    if (w == "recently" || w == "lately") return ref(i + 1, "PAST_REF");
    // "the recent sale", "current market conditions": adjectives placing a thing in time
    if ((w == "recent" || w == "current") && IsWord(i + 1) && !Cap(i + 1) && L(i - 1) != "most" && L(i - 1) != "then") {
      static constexpr std::string_view kFixedTerms[] = {"account", "accounts", "affairs", "events", "and",
                                                         "or",      "to",       "in",      "of",     "as",
                                                         "with",    "fiscal",   "year",    "quarter"};
      if (!In(kFixedTerms, L(i + 1))) return ref(i + 1, w == "recent" ? "PAST_REF" : "PRESENT_REF");
    }
    if (w == "soon" && L(i - 1) != "as" && L(i + 1) != "after" && L(i + 1) != "afterwards" &&
        L(i + 1) != "thereafter") {
      DirectionGuess g = Guess(i, i + 1);  // "it soon became a flood": not the future
      if (!(g.direction == Direction::kPast && g.strength >= kDayCue)) return ref(i + 1, "FUTURE_REF");
    }
    if (w == "the" && L(i + 1) == "past" && !Quantity(L(i + 2)) && !In(kVagueQuantities, L(i + 2)) &&
        UnitAt(i + 2) == Unit::kNone && L(i + 2) != "'s")
      return ref(i + 2, "PAST_REF");  // "in the past", not "the past three years"
    if (w == "the" && (L(i + 1) == "future" || (L(i + 1) == "near" && L(i + 2) == "future"))) {
      uint32_t end = L(i + 1) == "near" ? i + 3 : i + 2;
      if (L(end) == "of") return std::nullopt;  // "the future of NATO"
      return ref(end, "FUTURE_REF");
    }
    return std::nullopt;
  }

  // "every year", "each month", "daily" used as an adverb, "twice a year".
  std::optional<Found> MatchSet(uint32_t i) {
    std::string_view w = L(i);
    if (w == "every" || w == "each") {
      Unit u = UnitAt(i + 1);
      if (u != Unit::kNone && u != Unit::kQuarter) return Absolute(i, i + 2, DurationValue(u, 1.0), "SET");
      bool plural = false;
      if (int wd = WeekdayAt(i + 1, &plural); wd && !plural)
        return Absolute(i, i + 2, fmt::format("XXXX-WXX-{}", wd), "SET");
      if (int month = MonthAt(i + 1); month && !(month == 5 && !Cap(i + 1)))  // "each July"
        return Absolute(i, i + 2, fmt::format("XXXX-{:02d}", month), "SET");
      return std::nullopt;
    }
    struct Adverb {
      std::string_view word;
      Unit unit;
    };
    static constexpr Adverb kAdverbs[] = {{"daily", Unit::kDay},     {"weekly", Unit::kWeek}, {"monthly", Unit::kMonth},
                                          {"annually", Unit::kYear}, {"yearly", Unit::kYear}, {"hourly", Unit::kHour}};
    for (const auto& a : kAdverbs) {
      if (w != a.word) continue;
      // adverbial use only: "twice daily," / "published weekly." — not "daily life"
      bool adverb = a.word == "annually" || !IsWord(i + 1) || L(i + 1) == "and" || L(i + 1) == "or" ||
                    L(i + 1) == "in" || L(i + 1) == "to" || L(i + 1) == "since" || L(i + 1) == "for" ||
                    L(i + 1) == "outside" || L(i + 1) == "at";
      // "on a daily basis", "his daily life", "a weekly address": a determiner makes it a frequency
      static constexpr std::string_view kOwners[] = {"a", "his", "her", "their", "its", "our", "my", "your"};
      adverb = adverb || (In(kOwners, L(i - 1)) && IsWord(i + 1) && !Cap(i + 1));
      if (adverb) return Absolute(i, i + 1, DurationValue(a.unit, 1.0), "SET");
    }
    if ((w == "once" || w == "twice") && (L(i + 1) == "a" || L(i + 1) == "per" || L(i + 1) == "every")) {
      Unit u = UnitAt(i + 2);
      if (u != Unit::kNone) return Absolute(i, i + 3, DurationValue(u, 1.0), "SET");
    }
    return std::nullopt;
  }

  // Gives clock times their day: a full date in the same sentence, else the anchor.
  void AttachClockTimes(std::vector<Found>& found) const {
    for (auto& f : found) {
      if (f.clock.empty()) continue;
      const Found* best = nullptr;
      uint32_t best_dist = UINT32_MAX;
      for (const auto& g : found) {
        if (!g.full_day()) continue;
        uint32_t d = g.first > f.first ? g.first - f.first : f.first - g.first;
        if (d < best_dist) {
          best = &g;
          best_dist = d;
        }
      }
      if (best) {
        f.value = best->value + f.clock;
        f.relative = best->relative;
        f.certainty = best->certainty;
      } else if (anchor_) {
        f.value = cal::FormatDay(*anchor_) + f.clock;
        f.relative = true;
        f.certainty = 0.8;
      } else {
        f.value = "XXXX-XX-XX" + f.clock;
      }
    }
  }
};

std::optional<Date> AnchorOf(const Document& doc, double* certainty) {
  *certainty = 1.0;
  if (auto d = cal::ParseIsoDate(std::string_view(doc.published).substr(0, 10))) return d;
  std::string inferred = InferPublicationDate(doc);
  *certainty = 0.85;
  return cal::ParseIsoDate(inferred);
}

}  // namespace

std::string InferPublicationDate(const Document& doc) {
  Scanner scanner(doc, std::nullopt, 1.0);
  std::string latest;
  for (const auto& s : doc.sentences) {
    for (const auto& f : scanner.ScanSentence(s)) {
      if (f.relative || !f.full_day()) continue;
      // a date the article looks forward to is not when it was written
      if (scanner.Guess(s, f.first, f.end).direction == Direction::kFuture) continue;
      if (f.value > latest) latest = f.value;
    }
  }
  return latest;
}

void ExtractTimes(Document& doc) {
  doc.times.clear();
  double anchor_certainty = 1.0;
  std::optional<Date> anchor = AnchorOf(doc, &anchor_certainty);
  Scanner scanner(doc, anchor, anchor_certainty);
  for (const auto& s : doc.sentences)
    for (const auto& f : scanner.ScanSentence(s)) doc.times.push_back(scanner.ToTimex(f));
}

}  // namespace claimgraph::extract
