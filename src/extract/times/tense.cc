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

// Verbs whose "until" names a new, later date: "postponed until Tuesday".
constexpr std::string_view kPuttingOff[] = {"postponed", "postpone", "postpones", "delayed",   "delay",   "delays",
                                            "adjourned", "adjourn",  "deferred",  "put",       "pushed",  "extended",
                                            "suspended", "recessed", "held",      "rescheduled"};

// Verbs that commit to a later act: "agreed to buy the line in February".
constexpr std::string_view kCommitting[] = {"agreed", "agrees", "agree", "decided", "promised", "promises",
                                            "offered", "threatened", "threatens", "pledges", "vows", "vowed"};

// Verbs of planning whose object is later than they are.
constexpr std::string_view kPlanning[] = {"plan",      "plans",    "planned", "planning", "scheduled", "slated",
                                          "expect",    "expects",  "expected", "intend",  "intends",   "intended",
                                          "aims",      "hope",     "hopes",    "hoped",   "prepare",   "prepares",
                                          "preparing", "prepared", "set"};

// Modals other than "will"/"would"/"could": "may come as soon as Tuesday", "must leave by Friday".
constexpr std::string_view kWeakModals[] = {"can", "may", "might", "must", "should", "ca"};

bool IsVerbLike(const Token& t) { return t.upos == "VERB" || t.upos == "AUX" || t.xpos.starts_with("VB"); }

// Relations by which a date modifies the time of its head's event.
bool IsTemporalRelation(std::string_view deprel) {
  return deprel == "obl" || deprel == "obl:tmod" || deprel == "obl:npmod" || deprel == "nmod:tmod" ||
         deprel == "advmod" || deprel == "nmod:npmod" || deprel == "obl:unmarked";
}

// The tense of `verb` from its own tag and its auxiliaries, as a cue.
Classified TenseOfVerb(const Document& doc, const std::vector<std::string>& words, uint32_t verb) {
  const Token& v = doc.tokens[verb];
  std::string_view lemma_like = words[verb];
  bool perfect = false, pluperfect = false, past_aux = false, present_aux = false, did = false, does = false;
  for (uint32_t k = 0; k < doc.tokens.size(); ++k) {
    const Token& c = doc.tokens[k];
    if (c.head != static_cast<int32_t>(verb)) continue;
    std::string_view a = words[k];
    // "to be published in November", "to meet Monday": an infinitive has no tense of its own
    // ... save heading the sentence, as in a headline: "NATO to admit members in March"
    if (c.deprel == "mark" && a == "to") return v.deprel == "root" ? Classified{Cue::kFuture, 0.8} : Classified{};
    if (c.deprel != "aux" && c.deprel != "aux:pass" && c.deprel != "cop") continue;
    if (a == "to" || a == "be") return {};
    if (a == "will" || a == "'ll" || a == "shall" || a == "wo" || a == "gonna") return {Cue::kFuture, 1.0};
    if (a == "would" || a == "'d") return {Cue::kFuture, 0.6};
    // "could not be located Wednesday": "could" is as often a past as a conditional
    if (a == "could") return {};
    if (In(kWeakModals, a)) return {Cue::kFuture, 0.5};
    if (a == "had") pluperfect = true;
    else if (a == "has" || a == "have" || a == "'ve") perfect = true;
    else if (a == "was" || a == "were") past_aux = true;
    else if (a == "is" || a == "are" || a == "am" || a == "'s" || a == "'re" || a == "'m") present_aux = true;
    else if (a == "did") did = true;
    else if (a == "does" || a == "do") does = true;
  }
  bool forward_word = In(kForwardAlways, lemma_like);
  if (pluperfect) return {Cue::kPast, 1.0};
  if (perfect) return forward_word ? Classified{Cue::kFuture, 0.8} : Classified{Cue::kPast, 1.0};
  if (past_aux || did) return {Cue::kPast, 1.0};
  // "is leaving Tuesday", "when the case is heard in May", "is due Friday": a scheduled event
  if (present_aux) return {Cue::kFuture, 0.8};
  if (does) return {Cue::kPresent, 0.8};
  if (v.xpos == "VBD") return {Cue::kPast, 1.0};
  // a reduced relative ("the accord signed Tuesday") reports a done deed
  if (v.xpos == "VBN") return forward_word ? Classified{Cue::kFuture, 0.8} : Classified{Cue::kPast, 0.8};
  // "Arafat and Barak meet Monday": a bare form heading its clause is a present, not an infinitive
  bool bare_present = v.xpos == "VB" && (v.deprel == "root" || v.deprel == "conj" || v.deprel == "parataxis");
  for (uint32_t k = 0; bare_present && k < doc.tokens.size(); ++k)
    if (doc.tokens[k].head == static_cast<int32_t>(verb) && doc.tokens[k].deprel == "mark") bare_present = false;
  // a present verb without a subject of its own is likely a noun the tagger misread ("top aides")
  bool has_subject = v.deprel == "conj";
  for (uint32_t k = 0; !has_subject && k < doc.tokens.size(); ++k)
    has_subject = doc.tokens[k].head == static_cast<int32_t>(verb) && doc.tokens[k].deprel.starts_with("nsubj");
  if ((v.xpos == "VBZ" || v.xpos == "VBP" || bare_present) && has_subject) {
    // "the minister says": the statement is now; "Arafat meets Clinton Monday": scheduled
    if (In(kReportingVerbs, lemma_like) || In(kPresent, lemma_like)) return {Cue::kPresent, 0.8};
    return {Cue::kFuture, 0.8};
  }
  return {};
}

}  // namespace

DirectionGuess TreeDirection(const Document& doc, const std::vector<std::string>& words, uint32_t first, uint32_t end) {
  if (!doc.tagged || !doc.parsed || first >= end || end > doc.tokens.size()) return {};
  // the expression's own head: the token whose head lies outside it
  uint32_t top = first;
  bool found = false;
  for (uint32_t k = first; k < end && !found; ++k) {
    int32_t h = doc.tokens[k].head;
    if (h < static_cast<int32_t>(first) || h >= static_cast<int32_t>(end)) {
      top = k;
      found = true;
    }
  }
  if (!found) return {};
  const Token& date = doc.tokens[top];
  int32_t head = date.head;
  uint32_t verb = top;
  if (head < 0) {
    // "The vote is Tuesday": the date is the predicate, its copula carries the tense
  } else if (IsTemporalRelation(date.deprel) || (date.deprel == "obj" && date.xpos == "NNP")) {
    // a bare weekday or month as object ("meet separately Monday") is a misread modifier
    verb = static_cast<uint32_t>(head);
    const Token& h = doc.tokens[verb];
    if (!IsVerbLike(h) && h.upos != "ADJ") return {};
  } else {
    return {};
  }
  // "planned a rally on Saturday", "has decided to admit them in March": the tense dates the
  // plan, the date may belong to what is planned; the window heuristics know those verbs
  if (In(kPlanning, words[verb]) || In(kCommitting, words[verb])) return {};
  Classified c = TenseOfVerb(doc, words, verb);
  // "plans to meet Tuesday", "is going to visit on Friday": the verb the infinitive completes
  const Token& v = doc.tokens[verb];
  if (c.cue == Cue::kNone && v.xpos == "VB" && v.deprel == "xcomp" && v.head >= 0) {
    auto governor = static_cast<uint32_t>(v.head);
    std::string_view gw = words[governor];
    if (In(kForwardBeforeTo, gw) || In(kForwardAlways, gw) || In(kCommitting, gw)) {
      // "had been scheduled to open Monday": a plan overtaken by events
      bool overtaken = false;
      for (uint32_t k = 0; k < doc.tokens.size(); ++k)
        if (doc.tokens[k].head == v.head && doc.tokens[k].deprel.starts_with("aux") && words[k] == "had") overtaken = true;
      c = overtaken ? Classified{Cue::kPast, 0.8} : Classified{Cue::kFuture, 0.8};
    }
  }
  switch (c.cue) {
    case Cue::kPast: return {Direction::kPast, 0.9, c.weight, false, true};
    case Cue::kFuture: return {Direction::kFuture, 0.9, c.weight, false, true};
    case Cue::kPresent: return {Direction::kUnknown, 0.7, c.weight};
    case Cue::kNone: break;
  }
  return {};
}

DirectionGuess GuessDirection(const Document& doc, const std::vector<std::string>& words, const Sentence& s,
                              uint32_t first, uint32_t end) {
  // "since September", "since shortly after the Oct. 23 attack"
  for (uint32_t k = first; k > s.first_token && k + 5 > first; --k) {
    const Token& t = doc.tokens[k - 1];
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kQuote) break;
    if (words[k - 1] == "since") return {Direction::kPast, 0.9, 1.0, true};
  }
  // "the fiscal year ended Jan. 31", "the quarter ended on Sept. 30": a close already past
  if (first > s.first_token && (words[first - 1] == "ended" ||
                                (first > s.first_token + 1 && words[first - 1] == "on" && words[first - 2] == "ended")))
    return {Direction::kPast, 0.9, 1.0, true};
  // "postponed until Tuesday", "adjourned till Monday", "extended through January": the new date lies ahead
  if (first > s.first_token && (words[first - 1] == "until" || words[first - 1] == "till" || words[first - 1] == "through")) {
    for (uint32_t k = first - 1; k > s.first_token && k + 8 > first; --k) {
      if (In(kClauseBreaks, words[k - 1])) break;
      if (In(kPuttingOff, words[k - 1]) && (words[k - 1] != "put" || words[k] == "off") &&
          (words[k - 1] != "held" || words[k] == "over"))
        return {Direction::kFuture, 0.9, 1.0, true};
    }
  }
  // the verb the parser hangs the expression on, when the text has been tagged and parsed;
  // not for a deadline ("has given them until Tuesday"), whose verb does not date it
  std::string_view before = first > s.first_token ? std::string_view(words[first - 1]) : std::string_view();
  bool deadline = before == "until" || before == "till" || before == "by" || before == "through";
  // "has given them until Tuesday", "have been closed till Monday": a perfect reaching now runs on
  for (uint32_t k = first - 1; deadline && before != "by" && k > s.first_token && k + 10 > first; --k) {
    std::string_view w = words[k - 1];
    if (In(kClauseBreaks, w) || w == "had" || w == "was" || w == "were") break;
    if (w == "has" || w == "have" || w == "'ve") return {Direction::kFuture, 0.9, 1.0, true};
  }
  if (DirectionGuess tree = deadline ? DirectionGuess{} : TreeDirection(doc, words, first, end); tree.strength > 0)
    return tree;
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
  return {past == top ? Direction::kPast : Direction::kFuture, certainty, top, false, other == 0};
}

}  // namespace claimgraph::extract
