#include "extract/amounts/amounts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"
#include "core/sentence_window.h"
#include "core/words.h"

namespace claimgraph::extract {
namespace {

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

constexpr double kMaxValue = 1e18;  // beyond this a "number" is noise, not an amount

// ---- lexicons ----

struct Scale {
  std::string_view word;
  double factor;
};
// Words and glued suffixes that multiply the number before them.
constexpr Scale kScaleWords[] = {{"hundred", 1e2},   {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
                                 {"trillion", 1e12}, {"mln", 1e6},      {"mn", 1e6},      {"bln", 1e9},
                                 {"bn", 1e9},        {"tn", 1e12},      {"trn", 1e12},    {"lakh", 1e5},
                                 {"crore", 1e7},     {"k", 1e3},        {"m", 1e6}};
constexpr Scale kScaleSuffixes[] = {{"k", 1e3},  {"m", 1e6},   {"mn", 1e6},  {"mln", 1e6}, {"b", 1e9},
                                    {"bn", 1e9}, {"bln", 1e9}, {"tn", 1e12}, {"trn", 1e12}};


struct Bound {
  std::string_view words[4];
  std::string_view approx;
};
// Longest first where one is a prefix of another.
constexpr Bound kBounds[] = {{{"as", "many", "as"}, "at_most"},
                             {{"as", "much", "as"}, "at_most"},
                             {{"as", "high", "as"}, "at_most"},
                             {{"as", "few", "as"}, "at_least"},  // the count may be that low
                             {{"as", "little", "as"}, "at_least"},
                             {{"as", "low", "as"}, "at_least"},
                             {{"up", "to"}, "at_most"},
                             {{"no", "more", "than"}, "at_most"},
                             {{"not", "more", "than"}, "at_most"},
                             {{"at", "most"}, "at_most"},
                             {{"a", "maximum", "of"}, "at_most"},
                             {{"maximum", "of"}, "at_most"},
                             {{"more", "than"}, "more_than"},
                             {{"just", "over"}, "more_than"},
                             {{"well", "over"}, "more_than"},
                             {{"over"}, "more_than"},
                             {{"above"}, "more_than"},
                             {{"in", "excess", "of"}, "more_than"},
                             {{"upwards", "of"}, "more_than"},
                             {{"exceeding"}, "more_than"},
                             {{"at", "least"}, "at_least"},
                             {{"no", "fewer", "than"}, "at_least"},
                             {{"no", "less", "than"}, "at_least"},
                             {{"not", "less", "than"}, "at_least"},
                             {{"a", "minimum", "of"}, "at_least"},
                             {{"minimum", "of"}, "at_least"},
                             {{"less", "than"}, "less_than"},
                             {{"fewer", "than"}, "less_than"},
                             {{"just", "under"}, "less_than"},
                             {{"under"}, "less_than"},
                             {{"below"}, "less_than"},
                             {{"about"}, "about"},
                             {{"around"}, "about"},
                             {{"roughly"}, "about"},
                             {{"approximately"}, "about"},
                             {{"approx."}, "about"},
                             {{"some"}, "about"},
                             {{"nearly"}, "about"},
                             {{"almost"}, "about"},
                             {{"close", "to"}, "about"},
                             {{"an", "estimated"}, "about"},
                             {{"estimated"}, "about"},
                             {{"circa"}, "about"}};

struct Currency {
  std::string_view word;
  std::string_view code;
};
constexpr Currency kSymbols[] = {{"$", "USD"},      {"\u20AC", "EUR"}, {"\u00A3", "GBP"}, {"\u00A5", "JPY"},
                                 {"\u20B9", "INR"}, {"\u20A9", "KRW"}, {"\u20BD", "RUB"}, {"\u20B4", "UAH"}};
// Letters glued before "$": "US$", "C$", "HK$".
constexpr Currency kDollarPrefixes[] = {{"us", "USD"}, {"c", "CAD"},  {"ca", "CAD"}, {"a", "AUD"},
                                        {"au", "AUD"}, {"hk", "HKD"}, {"s", "SGD"},  {"sg", "SGD"},
                                        {"nz", "NZD"}, {"nt", "TWD"}, {"r", "BRL"}};
constexpr std::string_view kCodes[] = {"USD", "EUR", "GBP", "JPY", "CNY", "RUB", "KRW", "UAH", "INR", "CAD",
                                       "AUD", "CHF", "HKD", "SGD", "NZD", "BRL", "MXN", "TRY", "ZAR", "SEK",
                                       "NOK", "DKK", "PLN", "ILS", "SAR", "AED", "TWD", "IDR", "THB", "NGN"};
constexpr Currency kCurrencyWords[] = {
    {"dollar", "USD"},  {"dollars", "USD"},  {"dlrs", "USD"},     {"euro", "EUR"},    {"euros", "EUR"},
    {"pound", "GBP"},   {"pounds", "GBP"},   {"sterling", "GBP"}, {"stg", "GBP"},     {"yen", "JPY"},
    {"yuan", "CNY"},    {"renminbi", "CNY"}, {"rmb", "CNY"},      {"ruble", "RUB"},   {"rubles", "RUB"},
    {"rouble", "RUB"},  {"roubles", "RUB"},  {"won", "KRW"},      {"hryvnia", "UAH"}, {"hryvnias", "UAH"},
    {"hryvnas", "UAH"}, {"rupee", "INR"},    {"rupees", "INR"},   {"rupiah", "IDR"},  {"lira", "TRY"},
    {"liras", "TRY"},   {"rand", "ZAR"},     {"reais", "BRL"},    {"shekel", "ILS"},  {"shekels", "ILS"},
    {"riyal", "SAR"},   {"riyals", "SAR"},   {"dirham", "AED"},   {"dirhams", "AED"}, {"naira", "NGN"},
    {"baht", "THB"},    {"ringgit", "MYR"},  {"zloty", "PLN"},    {"zlotys", "PLN"},  {"forint", "HUF"},
    {"forints", "HUF"}, {"dong", "VND"}};
// Country words that change "dollars", "francs", "pesos": "Canadian dollars".
struct Qualified {
  std::string_view qualifier;
  std::string_view currency_word;
  std::string_view code;
};
constexpr Qualified kQualified[] = {
    {"canadian", "dollar", "CAD"},  {"australian", "dollar", "AUD"}, {"kong", "dollar", "HKD"},
    {"singapore", "dollar", "SGD"}, {"zealand", "dollar", "NZD"},    {"taiwan", "dollar", "TWD"},
    {"taiwanese", "dollar", "TWD"}, {"us", "dollar", "USD"},         {"u.s.", "dollar", "USD"},
    {"american", "dollar", "USD"},  {"swiss", "franc", "CHF"},       {"mexican", "peso", "MXN"},
    {"philippine", "peso", "PHP"},  {"argentine", "peso", "ARS"},    {"chilean", "peso", "CLP"},
    {"colombian", "peso", "COP"},   {"indian", "rupee", "INR"},      {"pakistani", "rupee", "PKR"},
    {"hong", "dollar", "HKD"},      {"new", "dollar", "TWD"},        {"jamaican", "dollar", "JMD"}};

constexpr std::string_view kRateAdjectives[] = {"annual", "annually", "yearly", "monthly", "weekly", "daily", "hourly"};
constexpr std::string_view kRatePeriods[] = {"year", "year", "year", "month", "week", "day", "hour"};

// Words that end a counted noun phrase.
constexpr std::string_view kStopWords[] = {
    "of",      "to",      "in",    "on",     "at",      "by",        "for",       "with",    "from",     "into",
    "and",     "or",      "but",   "nor",    "the",     "a",         "an",        "this",    "that",     "these",
    "those",   "who",     "whom",  "which",  "whose",   "were",      "was",       "is",      "are",      "be",
    "been",    "being",   "have",  "has",    "had",     "will",      "would",     "could",   "should",   "may",
    "might",   "can",     "must",  "do",     "does",    "did",       "more",      "less",    "than",     "per",
    "each",    "apiece",  "also",  "only",   "still",   "already",   "ago",       "later",   "earlier",  "about",
    "over",    "under",   "after", "before", "since",   "as",        "so",        "if",      "when",     "while",
    "during",  "its",     "their", "his",    "her",     "it",        "they",      "them",    "he",       "she",
    "we",      "you",     "i",     "not",    "no",      "against",   "between",   "among",   "across",   "through",
    "toward",  "towards", "near",  "around", "up",      "down",      "out",       "off",     "via",      "like",
    "than",    "said",    "says",  "say",    "say",     "there",     "here",      "all",     "both",     "other",
    "others",  "such",    "some",  "any",    "every",   "what",      "where",     "how",     "why",      "then",
    "now",     "again",   "just",  "even",   "very",    "too",       "much",      "many",    "most",     "own",
    "same",    "first",   "last",  "next",   "new",     "according", "including", "because", "although", "though",
    "whether", "plus",    "minus", "times",  "percent", "a.m.",      "p.m.",      "am",      "pm"};
// Units of time make durations and ages, which the times stage owns.
constexpr std::string_view kTimeUnits[] = {
    "second",  "seconds",   "minute",   "minutes",  "hour",      "hours",      "day",     "days",    "week",
    "weeks",   "weekend",   "weekends", "month",    "months",    "year",       "years",   "decade",  "decades",
    "century", "centuries", "quarter",  "quarters", "fortnight", "fortnights", "times",   "o'clock", "yrs",
    "hrs",     "mins",      "secs",     "fold",     "nights",    "night",      "mornings"};
// Plurals without -s, units of measure and collective nouns that can head a count.
constexpr std::string_view kPluralLike[] = {
    "people",     "men",     "women",  "children", "police",   "personnel", "staff",  "cattle",    "aircraft",
    "feet",       "teeth",   "mice",   "geese",    "data",     "media",     "fish",   "sheep",     "deer",
    "series",     "species", "crew",   "militia",  "infantry", "km",        "kg",     "mph",       "kph",
    "lb",         "lbs",     "ft",     "mw",       "gw",       "kw",        "kwh",    "mwh",       "gwh",
    "bpd",        "mm",      "cm",     "sq",       "ha",       "mt",        "tonnes", "offspring", "livestock",
    "poultry",    "clergy",  "youth",  "firearms", "craft",    "hectares",  "acres",  "bitcoin",   "kilometres",
    "kilometers", "metres",  "meters", "tons",     "gallons",  "litres",    "liters", "barrels",   "calories"};
// Words ending in -s that are not plural nouns: adverbs and common verbs ("the top five includes").
constexpr std::string_view kNotPlural[] = {
    "overseas",     "onwards",   "afterwards", "towards",   "always",  "perhaps",    "besides",     "sometimes",
    "nevertheless", "thus",      "yes",        "unless",    "whereas", "alias",      "chaos",       "bias",
    "lens",         "gas",       "news",       "includes",  "says",    "makes",      "takes",       "shows",
    "seems",        "remains",   "means",      "goes",      "gets",    "comes",      "becomes",     "needs",
    "wants",        "looks",     "gives",      "believes",  "expects", "hopes",      "follows",     "leads",
    "holds",        "stands",    "runs",       "continues", "appears", "represents", "suggests",    "depends",
    "involves",     "requires",  "contains",   "owns",      "lies",    "sees",       "knows",       "thinks",
    "tells",        "feels",     "keeps",      "puts",      "brings",  "begins",     "helps",       "turns",
    "starts",       "tries",     "calls",      "asks",      "works",   "plays",      "moves",       "lives",
    "happens",      "provides",  "creates",    "allows",    "adds",    "grows",      "offers",      "reaches",
    "rises",        "falls",     "sits",       "speaks",    "spends",  "meets",      "sells",       "buys",
    "pays",         "faces",     "wins",       "loses",     "opens",   "closes",     "depreciates", "appreciates",
    "increases",    "decreases", "doubles",    "triples",   "ranks",   "totals",     "equals",      "accounts",
    "its",          "this",      "was",        "has",       "is",      "does",       "whose",       "yours",
    "ours",         "theirs",    "hers",       "his",       "various", "previous"};
// Parts of a whole: "two thirds", "one fifth" are shares, not counts.
constexpr std::string_view kFractions[] = {"half",    "halves",   "third",   "thirds", "fourth",  "fourths",
                                           "fifth",   "fifths",   "sixth",   "sixths", "seventh", "sevenths",
                                           "eighth",  "eighths",  "ninth",   "ninths", "tenth",   "tenths",
                                           "quarter", "quarters", "percent", "per",    "pc"};
// Races run in metres: "the 60m hurdles", "a 400m relay".
constexpr std::string_view kRaces[] = {"hurdles", "freestyle", "butterfly", "backstroke", "breaststroke",
                                       "relay",   "sprint",    "dash",      "medley",     "steeplechase",
                                       "final",   "race",      "title",     "record",     "gold",
                                       "silver",  "bronze",    "champion",  "indoor",     "outdoor"};

// Nouns that name a numbered thing rather than count: "Flight 17", "Article 5", "page 3".
constexpr std::string_view kNumberedThings[] = {
    "flight",  "article",  "section",    "chapter", "resolution", "boeing",    "airbus",   "apollo",   "room",
    "route",   "highway",  "interstate", "no.",     "no",         "number",    "page",     "gate",     "platform",
    "level",   "phase",    "stage",      "model",   "version",    "windows",   "iphone",   "galaxy",   "formula",
    "class",   "grade",    "week",       "game",    "round",      "match",     "day",      "vol.",     "volume",
    "part",    "act",      "title",      "rule",    "amendment",  "paragraph", "clause",   "item",     "proposition",
    "prop.",   "category", "type",       "mark",    "block",      "unit",      "building", "terminal", "pier",
    "lot",     "box",      "suite",      "floor",   "district",   "precinct",  "ward",     "episode",  "season",
    "edition", "covid",    "channel",    "line",    "bus",        "train",     "tier",     "step",     "figure",
    "fig.",    "table",    "row",        "seat",    "lane",       "exit",      "door",     "ios",      "android",
    "gen",     "vs",       "vs.",        "v",       "option",     "zone",      "sector",   "road",     "street",
    "avenue",  "ave.",     "bill",       "year",    "aged",       "age",       "ages",     "size",     "hole",
    "lap",     "stanza",   "verse",      "psalm",   "psalms",     "track",     "disc",     "issue"};

// Plural nouns that a year modifies rather than counts: "2003 results", "the 2024 elections".
constexpr std::string_view kYearNouns[] = {
    "results",      "elections",     "earnings", "figures",   "accounts",   "profits",      "sales",  "games",
    "olympics",     "championships", "budgets",  "forecasts", "levels",     "prices",       "polls",  "talks",
    "negotiations", "protests",      "riots",    "floods",    "attacks",    "celebrations", "finals", "accords",
    "agreements",   "revenues",      "losses",   "estimates", "projections"};

constexpr std::string_view kScaleNouns[] = {"hundreds",  "thousands", "millions", "billions",
                                            "trillions", "dozens",    "tens",     "scores"};

constexpr std::string_view kVagueAdjectives[] = {
    "large",   "huge",        "vast",     "significant", "substantial", "great",     "considerable",
    "unknown", "undisclosed", "untold",   "sizeable",    "sizable",     "massive",   "unspecified",
    "growing", "increasing",  "enormous", "staggering",  "record",      "countless", "unprecedented"};
constexpr std::string_view kVagueNouns[] = {"number",     "numbers", "amount",  "amounts", "quantity",
                                            "quantities", "volume",  "volumes", "sum",     "sums"};

struct VagueCount {
  std::string_view word;
  double value;
};
constexpr VagueCount kVagueCounts[] = {{"dozens", 12},    {"hundreds", 100}, {"thousands", 1000},
                                       {"millions", 1e6}, {"billions", 1e9}, {"tens", 10}};


bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "10,000", "4.8", "1.6m", "1.2bn" -> value; nullopt for anything else ("18th", "1e999",
// "4.8.1", "1,00"). `scaled` tells whether a glued suffix multiplied it.
std::optional<double> ParseNumeral(std::string_view w, bool* scaled) {
  *scaled = false;
  size_t i = 0;
  std::string digits;
  int groups = 0;
  size_t group_len = 0;
  bool comma = false, dot = false;
  while (i < w.size()) {
    char c = w[i];
    if (IsDigit(c)) {
      digits += c;
      ++group_len;
    } else if (c == ',' && !dot && i + 1 < w.size() && IsDigit(w[i + 1])) {
      if ((groups == 0 && (group_len < 1 || group_len > 3)) || (groups > 0 && group_len != 3)) return std::nullopt;
      comma = true;
      ++groups;
      group_len = 0;
    } else if (c == '.' && !dot && i + 1 < w.size() && IsDigit(w[i + 1])) {
      if (comma && group_len != 3) return std::nullopt;
      dot = true;
      digits += '.';
      group_len = 0;
    } else {
      break;
    }
    ++i;
  }
  if (digits.empty() || !IsDigit(digits[0])) return std::nullopt;
  if (comma && !dot && group_len != 3) return std::nullopt;
  double factor = 1;
  if (i < w.size()) {
    std::string_view suffix = w.substr(i);
    bool known = false;
    for (const auto& s : kScaleSuffixes)
      if (suffix == s.word) {
        factor = s.factor;
        known = true;
      }
    if (!known) return std::nullopt;
    *scaled = true;
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  v *= factor;
  if (!std::isfinite(v) || v > kMaxValue) return std::nullopt;
  return v;
}

int SmallNumberWord(std::string_view w) { return words::CardinalWord(w); }  // 1..99, 0 when not one

double ScaleOf(std::string_view w) {
  for (const auto& s : kScaleWords)
    if (w == s.word) return s.factor;
  return 0;
}

bool LooksPlural(std::string_view w) {
  if (In(kPluralLike, w)) return true;
  if (In(kNotPlural, w)) return false;
  if (w.size() < 4 || w.back() != 's') return false;
  if (w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.ends_with("'s")) return false;
  return true;
}

struct Number {
  uint32_t first = 0;
  uint32_t end = 0;
  double value = 0;
  double factor = 1;  // the scale word applied ("million"), shared by a range's low end
  std::optional<double> high;
  bool words = false;  // spelled out
  bool scaled = false;
};

struct Found {
  uint32_t first = 0;
  uint32_t end = 0;
  Amount amount;
};

class Scanner : SentenceWindow {
 public:
  explicit Scanner(const Document& doc) : SentenceWindow(doc) {
    for (const auto& t : doc.times) blocked_.push_back(t.span);
    for (const auto& e : doc.entities)
      for (const auto& m : e.mentions) blocked_.push_back(m.span);
  }

  void ScanSentence(const Sentence& s, std::vector<Amount>& out) {
    Enter(s);
    uint32_t i = s.first_token;
    while (i < s.end_token) {
      std::optional<Found> f = MatchVagueCount(i);
      if (!f) f = MatchAmount(i);
      if (!f) {
        ++i;
        continue;
      }
      f->amount.span = {doc_.tokens[f->first].span.start, doc_.tokens[f->end - 1].span.end};
      f->amount.text = std::string(doc_.slice(f->amount.span));
      out.push_back(std::move(f->amount));
      i = f->end;
    }
  }

  std::vector<Span> VagueSpans(const Sentence& s) {
    Enter(s);
    std::vector<Span> out;
    auto span = [&](uint32_t a, uint32_t b) { return Span{doc_.tokens[a].span.start, doc_.tokens[b - 1].span.end}; };
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      std::string_view w = L(i);
      // "large number" (quotes between are allowed: a "large number" of troops)
      if (In(kVagueAdjectives, w)) {
        uint32_t k = i + 1;
        while (Inside(k) && doc_.tokens[k].kind == TokenKind::kQuote) ++k;
        if (In(kVagueNouns, L(k))) {
          out.push_back(span(i, k + 1));
          i = k;
          continue;
        }
      }
      if (w == "a" && L(i + 1) == "number" && L(i + 2) == "of") {
        out.push_back(span(i, i + 3));
        i += 2;
        continue;
      }
      if ((w == "dozens" || w == "hundreds" || w == "thousands" || w == "millions" || w == "scores" || w == "tens") &&
          L(i + 1) == "of") {
        uint32_t end = i + 2;
        if ((w == "tens" || w == "hundreds") && (L(end) == "thousands" || L(end) == "millions") && L(end + 1) == "of")
          end += 2;
        out.push_back(span(i, end));
        i = end - 1;
        continue;
      }
      if (w == "countless" || w == "numerous" || (w == "untold" && IsWord(i + 1))) out.push_back(span(i, i + 1));
    }
    return out;
  }

 private:
  std::vector<Span> blocked_;

  std::string_view Text(uint32_t i) const { return doc_.token_text(i); }

  bool Blocked(uint32_t i) const {
    const Span& s = doc_.tokens[i].span;
    return std::any_of(blocked_.begin(), blocked_.end(), [&](const Span& b) { return b.overlaps(s); });
  }

  // ---- numbers ----

  // Spelled-out numbers: "three", "twenty-five", "a dozen", "two hundred and fifty",
  // "half a million", "a million".
  std::optional<Number> ParseWords(uint32_t i) const {
    uint32_t p = i;
    double total = 0, current = 0;
    bool any = false;
    if (L(p) == "half" && (L(p + 1) == "a" || L(p + 1) == "an")) {
      double scale = L(p + 2) == "dozen" ? 12 : ScaleOf(L(p + 2));
      if (scale >= 12) return Number{i, p + 3, scale / 2, scale, {}, true, true};
      return std::nullopt;
    }
    if (L(p) == "a" || L(p) == "an") {
      double scale = L(p + 1) == "dozen" ? 12 : ScaleOf(L(p + 1));
      if (scale < 12 || L(p + 1) == "k" || L(p + 1) == "m") return std::nullopt;
      current = 1;
      ++p;
      any = true;
    }
    bool scaled = false;
    double last_scale = 1;
    while (Inside(p)) {
      std::string_view w = L(p);
      if (int n = SmallNumberWord(w)) {
        bool tens_then_unit = std::fmod(current, 10) == 0 && n < 10;                 // "twenty five"
        if (current != 0 && std::fmod(current, 100) != 0 && !tens_then_unit) break;  // "two three"
        current += n;
      } else if (w == "dozen") {
        current = (current == 0 ? 1 : current) * 12;
        last_scale = 12;
      } else if (w == "hundred") {
        current = (current == 0 ? 1 : current) * 100;
        scaled = true;
      } else if (double s = ScaleOf(w); s >= 1e3 && w.size() > 2) {
        total += (current == 0 ? 1 : current) * s;
        current = 0;
        scaled = true;
        last_scale = s;
      } else if (w == "and" && any && SmallNumberWord(L(p + 1)) && std::fmod(current, 100) == 0 && current > 0) {
        // "two hundred and fifty"
      } else {
        break;
      }
      any = true;
      ++p;
    }
    if (!any || p == i) return std::nullopt;
    double v = total + current;
    if (v <= 0) return std::nullopt;
    Number n{i, p, v, last_scale, {}, true, scaled};
    return n;
  }

  // A number in digits with its scale words: "10,000", "4.8 million", "1.6m", "5,000-7,000".
  std::optional<Number> ParseDigits(uint32_t i, bool money) const {
    if (!IsNumberTok(i)) return std::nullopt;
    std::string_view w = L(i);
    if ((Glued(i + 1) && (L(i + 1) == "^" || L(i + 1) == ":" || L(i + 1) == "/")) ||
        (Glued(i) && Inside(i - 1) && (L(i - 1) == "^" || L(i - 1) == ":" || L(i - 1) == "/" || L(i - 1) == ".")))
      return std::nullopt;  // powers, clock times, ratios, fractions, versions
    Number n;
    n.first = i;
    n.end = i + 1;
    size_t dash = w.find('-');
    if (dash != std::string_view::npos) {
      std::string_view a = w.substr(0, dash), b = w.substr(dash + 1);
      if (b.find('-') != std::string_view::npos) return std::nullopt;
      bool sa = false, sb = false;
      auto lo = ParseNumeral(a, &sa), hi = ParseNumeral(b, &sb);
      if (!lo || !hi || *hi <= *lo) return std::nullopt;  // "3-1" is a score
      // phone numbers: 555-1234
      if (a.size() == 3 && b.size() == 4 && a.find(',') == std::string_view::npos) return std::nullopt;
      n.value = *lo;
      n.high = *hi;
      n.scaled = sa || sb;
    } else {
      bool scaled = false;
      auto v = ParseNumeral(w, &scaled);
      if (!v) return std::nullopt;
      n.value = *v;
      n.scaled = scaled;
    }
    // scale words: "4.8 million", "115 mln", "1.5 hundred thousand"
    for (int k = 0; k < 2; ++k) {
      std::string_view s = L(n.end);
      double factor = ScaleOf(s);
      if (factor == 0 && s == "dozen") factor = 12;
      if (factor == 0) break;
      if ((s == "k" || s == "m") && !Glued(n.end) && !money) break;  // "5 m" is metres, "$458 m" millions
      n.value *= factor;
      if (n.high) *n.high *= factor;
      n.factor *= factor;
      n.scaled = true;
      ++n.end;
    }
    if (!std::isfinite(n.value) || n.value > kMaxValue || (n.high && (!std::isfinite(*n.high) || *n.high > kMaxValue)))
      return std::nullopt;
    // 8.2 * 1e9 is 8199999999.999999 in binary: scaled decimals are whole numbers
    auto tidy = [](double v) { return std::fabs(v - std::round(v)) < 1e-6 * std::max(1.0, v) ? std::round(v) : v; };
    if (n.scaled) {
      n.value = tidy(n.value);
      if (n.high) n.high = tidy(*n.high);
    }
    return n;
  }

  std::optional<Number> ParseNumber(uint32_t i, bool money = false) const {
    if (auto n = ParseDigits(i, money)) return n;
    // a capitalised number word inside a sentence is part of a name: "Million Dollar Baby"
    if (Cap(i) && i > sent_->first_token && !TitleCase() && !doc_.tokens[i].all_caps &&
        doc_.tokens[i - 1].kind != TokenKind::kQuote)
      return std::nullopt;
    return ParseWords(i);
  }

  // ---- currencies and units ----

  // "$", "US$", "€", "USD", "Rs" before the number: returns the code and moves `p`.
  std::string CurrencyBefore(uint32_t& p) const {
    if (!Inside(p)) return {};
    for (const auto& s : kSymbols)
      if (Text(p) == s.word) {
        ++p;
        return std::string(s.code);
      }
    if (Inside(p) && Glued(p + 1) && L(p + 1) == "$") {
      for (const auto& d : kDollarPrefixes)
        if (L(p) == d.word && doc_.tokens[p].all_caps == (d.word.size() > 1) && Cap(p)) {
          p += 2;
          return std::string(d.code);
        }
    }
    if (IsWord(p) && doc_.tokens[p].all_caps) {
      std::string_view t = Text(p);
      if (In(kCodes, t)) {
        ++p;
        return std::string(t);
      }
      if (t == "RMB") {
        ++p;
        return "CNY";
      }
    }
    if ((Text(p) == "Rs" || Text(p) == "Rs.") && IsNumberTok(p + 1)) {
      ++p;
      return "INR";
    }
    return {};
  }

  // Currency, percent or measure right after the number. Returns the unit and moves `p`.
  std::string UnitAfter(uint32_t& p, const Number& n, bool* is_currency) const {
    *is_currency = false;
    std::string_view w = L(p);
    if (w == "%") {
      ++p;
      return "percent";
    }
    if (w == "percent" || w == "pct" || w == "percentage" || (w == "per" && L(p + 1) == "cent")) {
      if (w == "percentage" && (L(p + 1) == "points" || L(p + 1) == "point")) {
        p += 2;
        return "percentage points";
      }
      if (w == "percentage") return {};
      p += w == "per" ? 2 : 1;
      return "percent";
    }
    if (IsWord(p) && doc_.tokens[p].all_caps && In(kCodes, Text(p))) {
      *is_currency = true;
      return std::string(Text(p++));
    }
    // "Canadian dollars", "Hong Kong dollars", "U.S. dollars"
    for (uint32_t q = p; q < p + 3 && Inside(q); ++q) {
      std::string_view cw = L(q);
      std::string_view stem = cw.ends_with("s") ? cw.substr(0, cw.size() - 1) : cw;
      bool qualified_seen = false;
      for (const auto& qd : kQualified) {
        if (stem != qd.currency_word || q == p) continue;
        if (L(q - 1) == qd.qualifier) {
          *is_currency = true;
          qualified_seen = true;
          p = q + 1;
          return std::string(qd.code);
        }
      }
      if (!qualified_seen && !Cap(q)) break;
    }
    if (w == "cents" || w == "cent") return {};  // handled by the caller
    if (Cap(p) && !TitleCase()) return {};    // "50 Cent", "Million Dollar Baby" are names
    for (const auto& c : kCurrencyWords) {
      if (w != c.word) continue;
      if (w == "won" && !(n.scaled || n.value >= 1000)) return {};  // "the team won"
      if ((w == "pound" || w == "pounds") && IsWeight(p)) return {};
      *is_currency = true;
      ++p;
      return std::string(c.code);
    }
    return {};
  }

  // "3,000 pounds of explosives", "weighing 500 pounds": weight, not sterling.
  bool IsWeight(uint32_t p) const {
    if (L(p + 1) == "of") return true;
    for (uint32_t k = sent_->first_token; k < p; ++k)
      if (L(k).starts_with("weigh")) return true;
    return false;
  }

  // The counted thing after the number: "artillery shells", "containers of ammunition",
  // "North Korea-made missiles" -> "missiles". Returns the unit token range [from, to).
  std::optional<std::pair<uint32_t, uint32_t>> CountedNoun(uint32_t p, bool singular_ok, bool year_like = false) const {
    uint32_t q = p;
    // proper-name modifiers: "North Korea-made", "Russian", "U.S.-supplied"
    if (!TitleCase()) {
      while (q < p + 4 && Cap(q) && IsWord(q) && !In(kStopWords, L(q))) ++q;
    }
    auto nouny = [&](uint32_t k) {
      if (!IsWord(k)) return false;
      std::string_view w = L(k);
      if (In(kStopWords, w) || In(kNotPlural, w) || w.starts_with("'")) return false;
      if (Cap(k) && !TitleCase()) return false;
      return std::all_of(w.begin(), w.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '\'' ||
               static_cast<unsigned char>(c) >= 0x80;
      });
    };
    uint32_t k = q;
    std::optional<uint32_t> head;
    while (k < q + 4 && nouny(k)) {
      if (LooksPlural(L(k))) {
        head = k;
        break;
      }
      ++k;
    }
    if (!head) {
      if (!singular_ok || k == q) return std::nullopt;
      head = k - 1;
    }
    if (In(kTimeUnits, L(q)) || In(kTimeUnits, L(*head)) || In(kFractions, L(q))) return std::nullopt;
    if (In(kScaleNouns, L(*head))) return std::nullopt;          // "hundreds of millions" names no thing
    if (In(kYearNouns, L(q)) && year_like) return std::nullopt;  // "its 2003 results"
    std::string_view hw = L(*head);
    if (hw.ends_with("ing") || (hw.ends_with("ed") && !LooksPlural(hw))) return std::nullopt;
    uint32_t end = *head + 1;
    // "containers of ammunition", "barrels of oil", "rounds of 155mm ammunition"
    auto measure = [&](uint32_t k) {  // "155mm", "7.62mm": a calibre or size before the noun
      std::string_view w = L(k);
      size_t digits = 0;
      while (digits < w.size() && (std::isdigit(static_cast<unsigned char>(w[digits])) || w[digits] == '.')) ++digits;
      return digits > 0 && digits < w.size() && digits + 3 >= w.size() && !Glued(k) &&
             std::all_of(w.begin() + digits, w.end(),
                         [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    };
    if (L(end) == "of" && (nouny(end + 1) || (measure(end + 1) && nouny(end + 2)))) {
      uint32_t m = end + 1;
      if (measure(m)) ++m;
      while (m < end + 4 && nouny(m) && !In(kRateAdjectives, L(m))) {
        ++m;
        if (LooksPlural(L(m - 1))) break;
      }
      end = m;
    }
    return std::make_pair(q, end);
  }

  // "a year", "per month", "annually", "/day" after an amount.
  std::string RateAfter(uint32_t& p) const {
    std::string_view w = L(p);
    for (size_t k = 0; k < std::size(kRateAdjectives); ++k)
      if (w == kRateAdjectives[k] && k != 0) {
        ++p;
        return std::string(kRatePeriods[k]);
      }
    if (w == "a" || w == "an" || w == "per" || w == "each" || w == "every" || (w == "/" && Glued(p))) {
      std::string_view u = L(p + 1);
      if (u == "annum") {
        p += 2;
        return "year";
      }
      for (std::string_view period : {"year", "month", "week", "day", "hour"})
        if (u == period) {
          p += 2;
          return std::string(period);
        }
    }
    return {};
  }

  // "an annual payment of $115 million", "monthly salary of", "annual $5 million".
  std::string RateBefore(uint32_t first) const {
    if (!Inside(first - 1)) return {};
    uint32_t k = first - 1;
    auto rate = [&](uint32_t t) -> std::string {
      for (size_t r = 0; r < std::size(kRateAdjectives); ++r)
        if (L(t) == kRateAdjectives[r]) return std::string(kRatePeriods[r]);
      return {};
    };
    if (std::string r = rate(k); !r.empty()) return r;
    if (L(k) != "of") return {};
    for (uint32_t back = 1; back <= 3 && Inside(k - back); ++back) {
      uint32_t t = k - back;
      if (std::string r = rate(t); !r.empty()) return r;
      if (!IsWord(t) || In(kStopWords, L(t))) return {};
    }
    return {};
  }

  std::optional<std::string_view> BoundAt(uint32_t& p) const {
    for (const auto& b : kBounds) {
      if (uint32_t n = words::PhraseLength([this](uint32_t t) { return L(t); }, p, b.words)) {
        p += n;
        return b.approx;
      }
    }
    return std::nullopt;
  }

  // Whether the number at `n` is a date, year, ordinal or part of a name.
  bool NotACount(const Number& n, bool has_currency) const {
    for (uint32_t k = n.first; k < n.end; ++k)
      if (Blocked(k)) return true;
    std::string_view prev = L(n.first - 1);
    if (!n.words && !has_currency && In(kNumberedThings, prev)) return true;
    static constexpr std::string_view kMonths[] = {
        "january",   "february", "march",    "april",    "may",   "june", "july", "august",
        "september", "october",  "november", "december", "jan.",  "feb.", "mar.", "apr.",
        "jun.",      "jul.",     "aug.",     "sep.",     "sept.", "oct.", "nov.", "dec."};
    if (!n.words && ((In(kMonths, prev) && Cap(n.first - 1)) || (In(kMonths, L(n.end)) && Cap(n.end)))) return true;
    if (!n.words && !has_currency && n.first > sent_->first_token && Glued(n.first) && IsWord(n.first - 1))
      return true;  // "G 20"-like glued pieces
    // one: "one of them", "no one", "the one"
    if (n.words && L(n.first) == "one" && n.end == n.first + 1) {
      static constexpr std::string_view kPronounUse[] = {"no",  "any",  "every", "some",  "each",
                                                         "the", "this", "that",  "which", "someone"};
      if (In(kPronounUse, prev) || L(n.end) == "of" || L(n.end) == "another") return true;
    }
    return false;
  }

  // "dozens of drones", "tens of thousands of people", "millions of dollars".
  std::optional<Found> MatchVagueCount(uint32_t i) {
    double value = 0;
    for (const auto& v : kVagueCounts)
      if (L(i) == v.word) value = v.value;
    if (value == 0 || L(i + 1) != "of") return std::nullopt;
    uint32_t p = i + 2;
    if ((L(i) == "tens" || L(i) == "hundreds") && L(p + 1) == "of") {
      double inner = L(p) == "thousands" ? 1e3 : L(p) == "millions" ? 1e6 : L(p) == "billions" ? 1e9 : 0;
      if (inner == 0) return std::nullopt;
      value *= inner;
      p += 2;
    } else if (L(i) == "tens") {
      return std::nullopt;
    }
    Found f;
    f.first = i;
    f.amount.value = value;
    f.amount.approx = "at_least";
    f.amount.vague = true;
    for (const auto& c : kCurrencyWords) {
      if (L(p) == c.word && L(p) != "won") {
        f.amount.unit = std::string(c.code);
        f.end = p + 1;
        return f;
      }
    }
    uint32_t start = p;
    if (L(start) == "the") return std::nullopt;  // "thousands of the ..." names no thing of its own
    auto noun = CountedNoun(start, false);
    if (!noun) return std::nullopt;
    f.amount.unit =
        std::string(doc_.slice({doc_.tokens[noun->first].span.start, doc_.tokens[noun->second - 1].span.end}));
    f.end = noun->second;
    return f;
  }

  std::optional<Found> MatchAmount(uint32_t i) {
    uint32_t p = i;
    std::string approx = "exact";
    if (auto b = BoundAt(p)) approx = std::string(*b);
    bool between = false, from = false;
    if (L(p) == "between") {
      between = true;
      ++p;
    } else if (L(p) == "from" && p == i) {
      from = true;
      ++p;
    }
    std::string currency = CurrencyBefore(p);
    std::optional<Number> n = ParseNumber(p, !currency.empty());
    if (!n) return std::nullopt;
    if (!currency.empty() && n->words && n->value < 12) return std::nullopt;  // "$ one" is not how money is written
    // "the 60m hurdles": a race's distance in metres, not 60 million of anything
    if (currency.empty() && !n->words && L(n->first).ends_with("m") && In(kRaces, L(n->end))) return std::nullopt;
    p = n->end;
    // a second number: "between 5,000 and 7,000", "5 to 7 million", "$5 million-$7 million"
    std::optional<double> high = n->high;
    bool either = false;
    {
      uint32_t q = p;
      bool joined = false;
      if (between && L(q) == "and") {
        ++q;
        joined = true;
      } else if (!between && (L(q) == "to" || L(q) == "-")) {
        ++q;
        joined = true;
      } else if (!between && !from && L(q) == "or" &&
                 (L(q + 1) == "more" || L(q + 1) == "fewer" || L(q + 1) == "less" || L(q + 1) == "so")) {
        // "500 or more people": the bound stands between the number and the thing
        std::string_view w = L(q + 1);
        if (approx == "exact") approx = w == "more" ? "at_least" : w == "so" ? "about" : "at_most";
        p = q + 2;
      } else if (!between && !from && L(q) == "or" && Inside(q + 1)) {
        ++q;  // "20 or 30 soldiers": either, so a range told loosely
        joined = true;
        either = true;
      }
      if (joined) {
        uint32_t q2 = q;
        std::string c2 = CurrencyBefore(q2);
        if (auto m = ParseNumber(q2, !currency.empty());
            m && !m->high && (c2.empty() || c2 == currency) && m->words == n->words) {
          double lo = n->value;
          if (!n->scaled && m->scaled) lo *= m->factor;  // "5 to 7 million"
          if (m->value > lo) {
            n->value = lo;
            high = m->value;
            p = m->end;
            if (either && approx == "exact") approx = "about";
          }
        }
      }
      if (between && !high) return std::nullopt;
      if (from && !high) return std::nullopt;
    }
    // unit
    bool is_currency = !currency.empty();
    std::string unit = currency;
    std::optional<uint32_t> unit_end;
    if (unit.empty()) {
      uint32_t q = p;
      bool cur = false;
      std::string u = UnitAfter(q, *n, &cur);
      if (!u.empty()) {
        unit = u;
        is_currency = cur;
        unit_end = q;
      } else if ((L(p) == "cents" || L(p) == "cent") && !n->scaled && (!Cap(p) || TitleCase())) {
        unit = "USD";
        is_currency = true;
        n->value /= 100;
        if (high) *high /= 100;
        unit_end = p + 1;
      }
    } else {
      // "$5 million (4.6 million euros)": a currency word after a symbol is redundant, but
      // "US$5 billion dollars" is still one amount
      uint32_t q = p;
      bool cur = false;
      std::string u = UnitAfter(q, *n, &cur);
      if (cur && u == currency) unit_end = q;
    }
    if (NotACount(*n, is_currency)) return std::nullopt;
    if (L(n->end) == "'s") return std::nullopt;  // "2003's figures": a year, or a name
    uint32_t end = unit_end.value_or(p);
    if (unit.empty()) {
      // "one" + a singular noun is mostly a pronoun or an idiom ("one reason", "one of"); only "1 soldier" counts
      bool singular_ok = n->value == 1 && !n->scaled && !high && !n->words;
      bool year_like =
          !n->words && !n->scaled && !high && n->value >= 1900 && n->value <= 2100 && L(n->first).size() == 4;
      auto noun = CountedNoun(p, singular_ok, year_like);
      if (!noun) return std::nullopt;
      // "the 2024 election"-like years never reach here (no plural); "2000 troops" does
      unit = std::string(doc_.slice({doc_.tokens[noun->first].span.start, doc_.tokens[noun->second - 1].span.end}));
      end = noun->second;
    }
    // bounds written after: "500 or more", "a decade or so"
    if (L(end) == "or" &&
        (L(end + 1) == "more" || L(end + 1) == "so" || L(end + 1) == "fewer" || L(end + 1) == "less")) {
      std::string_view w = L(end + 1);
      approx = w == "more" ? "at_least" : w == "so" ? "about" : "at_most";
      end += 2;
    }
    std::string per = RateAfter(end);
    if (per.empty()) per = RateBefore(i);
    Found f;
    f.first = i;
    f.end = end;
    f.amount.value = n->value;
    f.amount.value_max = high;
    f.amount.unit = unit;
    f.amount.approx = approx;
    f.amount.per = per;
    return f;
  }
};

}  // namespace

void ExtractAmounts(Document& doc) {
  doc.amounts.clear();
  Scanner scanner(doc);
  for (const auto& s : doc.sentences) scanner.ScanSentence(s, doc.amounts);
}

std::vector<Span> FindVagueQuantities(const Document& doc) {
  Scanner scanner(doc);
  std::vector<Span> out;
  for (const auto& s : doc.sentences) {
    auto spans = scanner.VagueSpans(s);
    out.insert(out.end(), spans.begin(), spans.end());
  }
  return out;
}

}  // namespace claimgraph::extract
