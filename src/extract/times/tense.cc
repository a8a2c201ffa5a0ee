#include "extract/times/tense.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

#include "extract/times/words.h"

namespace claimgraph::extract {
namespace {

// Simple-past forms that are not also present forms.
constexpr std::string_view kIrregularPast[] = {
    "was",    "were",    "had",     "did",    "said",       "told",     "sent",     "made",      "took",   "came",
    "went",   "gave",    "began",   "met",    "held",       "left",     "won",      "lost",      "saw",    "got",
    "paid",   "sold",    "bought",  "built",  "fought",     "led",      "rose",     "fell",      "grew",   "spent",
    "struck", "brought", "thought", "found",  "knew",       "became",   "kept",     "felt",      "stood",  "ran",
    "wrote",  "spoke",   "broke",   "chose",  "drove",      "flew",     "threw",    "drew",      "shot",   "fled",
    "sought", "taught",  "caught",  "meant",  "understood", "heard",    "swore",    "wore",      "tore",   "woke",
    "sank",   "sang",    "rang",    "shook",  "forgave",    "withdrew", "overtook", "undertook", "arose",  "hid",
    "stole",  "froze",   "laid",    "sat",    "lent",       "dealt",    "fed",      "bled",      "sped",   "slept",
    "swept",  "dug",     "stuck",   "hung",   "swung",      "spun",     "ate",      "drank",     "forgot", "sold",
    "bore",   "beat",    "wound",   "sprang", "oversaw"};

// Participles that make a perfect ("has sent", "have been") point back.
constexpr std::string_view kParticiples[] = {
    "been",   "done",   "gone",   "seen",      "taken",      "given",    "made",  "sent",    "had",     "come",
    "become", "begun",  "known",  "shown",     "grown",      "thrown",   "flown", "drawn",   "written", "spoken",
    "broken", "chosen", "driven", "risen",     "fallen",     "stolen",   "held",  "met",     "left",    "won",
    "lost",   "paid",   "sold",   "bought",    "built",      "fought",   "led",   "brought", "thought", "found",
    "kept",   "felt",   "stood",  "told",      "said",       "heard",    "hit",   "put",     "cut",     "set",
    "let",    "spent",  "struck", "withdrawn", "undertaken", "overseen", "fled",  "sought",  "shot",    "run"};

// Words ending in -ed that are not past forms.
constexpr std::string_view kNotPastEd[] = {
    "need",   "needed",  "red",   "bed",  "seed",  "speed", "feed", "shed",  "bred", "hundred", "indeed", "proceed",
    "exceed", "succeed", "breed", "deed", "creed", "greed", "weed", "steed", "wed",  "embed",   "tweed",  "united"};

constexpr std::string_view kDeterminers[] = {"the", "a",    "an",    "its",   "their", "his",  "her",
                                             "our", "this", "these", "those", "my",    "your", "that"};

// Verbs that take "to" and point forward: "plans to", "is expected to", "is set to".
constexpr std::string_view kForwardBeforeTo[] = {
    "plans",     "plan",   "planned", "planning", "intends", "intend", "intended", "expected",  "expects",
    "scheduled", "set",    "aims",    "aim",      "aiming",  "hopes",  "hope",     "preparing", "prepares",
    "poised",    "slated", "going",   "vowed",    "pledged", "is",     "are",      "supposed",  "due"};

// Forward-looking with or without "to": "scheduled for November", "the upcoming vote".
constexpr std::string_view kForwardAlways[] = {"scheduled", "slated", "upcoming", "planned", "expected"};

constexpr std::string_view kPresent[] = {"is", "are", "am", "says", "does", "notes", "remains", "continues"};

constexpr std::string_view kClauseBreaks[] = {";",      "and", "but", "while", "whereas", "although",
                                              "though", "yet", "-",   "(",     ")"};

// Verbs of saying: their tense dates the statement, not what it is about.
constexpr std::string_view kReportingVerbs[] = {"said",    "told",      "added",    "says",  "stated",    "noted",
                                                "claimed", "announced", "reported", "wrote", "according", "warned"};

constexpr std::string_view kFrontingWords[] = {"on",    "in",   "by",      "since", "until",  "last",   "next", "this",
                                               "early", "late", "earlier", "later", "during", "from",   "and",  "but",
                                               "then",  "as",   "of",      "at",    "the",    "before", "after"};

enum class Cue { kNone, kPast, kFuture, kPresent };

struct Classified {
  Cue cue = Cue::kNone;
  double weight = 0;
};

Classified Classify(const Document& doc, const std::vector<std::string>& words, const Sentence& s, uint32_t j) {
  std::string_view w = words[j];
  auto next = [&](uint32_t k) { return k < s.end_token ? std::string_view(words[k]) : std::string_view(); };
  if (w == "will" || w == "shall" || w == "'ll" || w == "gonna") return {Cue::kFuture, 1.0};
  if (w == "wo" && next(j + 1) == "n't") return {Cue::kFuture, 1.0};
  if (w == "would") return {Cue::kFuture, 0.6};
  // "had been scheduled to expire": a plan overtaken by events, told in the past
  bool pluperfect = j >= s.first_token + 2 && words[j - 1] == "been" && words[j - 2] == "had";
  if (pluperfect && (In(kForwardBeforeTo, w) || In(kForwardAlways, w))) return {Cue::kPast, 0.8};
  if (In(kForwardBeforeTo, w) && next(j + 1) == "to") return {Cue::kFuture, 0.8};
  if (In(kForwardAlways, w)) return {Cue::kFuture, 0.8};
  // "will be held", "has been launched": the auxiliary before carries the tense
  if (j > s.first_token) {
    std::string_view prev = words[j - 1];
    if (prev == "be" || prev == "been" || prev == "being") return {};
  }
  if (w == "ago" || w == "previously" || w == "formerly") return {Cue::kPast, 1.0};
  if (w == "was" || w == "were" || w == "is" || w == "are") {
    // "were planning to", "was expected to": the verb after the auxiliary decides
    std::string_view n1 = next(j + 1);
    if (In(kForwardBeforeTo, n1) && next(j + 2) == "to") return {};
  }
  if (w == "has" || w == "have" || w == "'ve") {
    // a perfect ("has sent", "have been launched") reports the past
    for (uint32_t k = j + 1; k < std::min(j + 4, s.end_token); ++k) {
      std::string_view n = next(k);
      if (In(kForwardAlways, n)) return {Cue::kFuture, 0.8};  // "has scheduled a news conference Thursday"
      if (In(kParticiples, n) || (n.size() > 4 && n.ends_with("ed"))) return {Cue::kPast, 1.0};
    }
    return {Cue::kPresent, 0.8};
  }
  if (In(kIrregularPast, w)) return {Cue::kPast, 1.0};
  if (In(kPresent, w)) return {Cue::kPresent, 0.8};
  const Token& t = doc.tokens[j];
  if (t.kind == TokenKind::kWord && !t.capitalised && w.size() >= 5 && w.ends_with("ed") &&
      w.find('-') == std::string::npos && !In(kNotPastEd, w)) {
    if (j > s.first_token && In(kDeterminers, words[j - 1])) return {};  // "the occupied city"
    return {Cue::kPast, 0.7};
  }
  return {};
}

}  // namespace

DirectionGuess GuessDirection(const Document& doc, const std::vector<std::string>& words, const Sentence& s,
                              uint32_t first, uint32_t end) {
  // "since September", "since shortly after the Oct. 23 attack"
  for (uint32_t k = first; k > s.first_token && k + 5 > first; --k) {
    const Token& t = doc.tokens[k - 1];
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kQuote) break;
    if (words[k - 1] == "since") return {Direction::kPast, 0.9, 1.0, true};
  }
  // A fronted adverbial ("On Tuesday, the minister said ...") belongs to the main verb after it.
  bool fronted = end < s.end_token && doc.token_text(end) == "," && first - s.first_token <= 2;
  for (uint32_t k = s.first_token; fronted && k < first; ++k)
    fronted = doc.tokens[k].kind == TokenKind::kQuote || In(kFrontingWords, words[k]);
  if (fronted) {
    for (uint32_t j = end + 1; j < s.end_token; ++j) {
      Classified c = Classify(doc, words, s, j);
      if (c.cue == Cue::kNone) continue;
      if (c.cue == Cue::kPresent) return {Direction::kUnknown, 0.7, c.weight};
      return {c.cue == Cue::kPast ? Direction::kPast : Direction::kFuture, 0.9, c.weight};
    }
  }
  double best[4] = {0, 0, 0, 0};
  for (uint32_t j = s.first_token; j < s.end_token; ++j) {
    if (j >= first && j < end) continue;
    Classified c = Classify(doc, words, s, j);
    if (c.cue == Cue::kNone) continue;
    uint32_t lo = j < first ? j : end - 1;
    uint32_t hi = j < first ? first : j;
    double score = c.weight / (1.0 + (hi - lo));
    bool reporting = In(kReportingVerbs, words[j]);
    // "... as soon as Tuesday, Castro said.": a trailing attribution does not date its content
    bool trailing = reporting && j > end && (j + 1 >= s.end_token || doc.tokens[j + 1].kind == TokenKind::kPunct);
    for (uint32_t k = lo + 1; k < hi; ++k) {
      std::string_view between = words[k];
      if (In(kClauseBreaks, between))
        score *= 0.35;
      else if (reporting && (between == "," || doc.tokens[k].kind == TokenKind::kQuote))
        score *= trailing ? 0.1 : 0.35;
    }
    auto& slot = best[static_cast<int>(c.cue)];
    slot = std::max(slot, score);
  }
  double past = best[static_cast<int>(Cue::kPast)];
  double future = best[static_cast<int>(Cue::kFuture)];
  double present = best[static_cast<int>(Cue::kPresent)];
  double top = std::max({past, future, present});
  if (top <= 0) return {Direction::kUnknown, 0.6, 0};
  if (present == top) return {Direction::kUnknown, 0.7, top};
  double other = past == top ? std::max(future, present) : std::max(past, present);
  double certainty = top >= 2 * other ? 0.9 : 0.75;
  return {past == top ? Direction::kPast : Direction::kFuture, certainty, top};
}

}  // namespace claimgraph::extract
