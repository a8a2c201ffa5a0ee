#include "extract/claims/claims.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"
#include "extract/claims/attribution.h"

namespace claimgraph::extract {
namespace {

// Reporting verb forms -> lemma. Base forms are included for headlines ("X Says")
// and for "will say", "did not deny".
const std::unordered_map<std::string_view, std::string_view>& CueTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, std::string_view>;
    struct Verb { std::string_view lemma; std::array<std::string_view, 4> forms; };
    static const Verb verbs[] = {
        {"say", {"say", "says", "said", "saying"}},
        {"tell", {"tell", "tells", "told", "telling"}},
        {"claim", {"claim", "claims", "claimed", "claiming"}},
        {"announce", {"announce", "announces", "announced", "announcing"}},
        {"note", {"note", "notes", "noted", "noting"}},
        {"warn", {"warn", "warns", "warned", "warning"}},
        {"deny", {"deny", "denies", "denied", "denying"}},
        {"insist", {"insist", "insists", "insisted", "insisting"}},
        {"argue", {"argue", "argues", "argued", "arguing"}},
        {"state", {"states", "stated", "", ""}},
        {"explain", {"explain", "explains", "explained", "explaining"}},
        {"report", {"report", "reports", "reported", ""}},
        {"add", {"adds", "added", "adding", ""}},
        {"assert", {"assert", "asserts", "asserted", "asserting"}},
        {"acknowledge", {"acknowledge", "acknowledges", "acknowledged", "acknowledging"}},
        {"admit", {"admit", "admits", "admitted", "admitting"}},
        {"suggest", {"suggest", "suggests", "suggested", "suggesting"}},
        {"write", {"writes", "wrote", "", ""}},
        {"tweet", {"tweet", "tweets", "tweeted", "tweeting"}},
        {"post", {"posted", "", "", ""}},
        {"predict", {"predict", "predicts", "predicted", "predicting"}},
        {"promise", {"promise", "promises", "promised", "promising"}},
        {"vow", {"vow", "vows", "vowed", "vowing"}},
        {"pledge", {"pledge", "pledges", "pledged", "pledging"}},
        {"accuse", {"accuse", "accuses", "accused", "accusing"}},
        {"allege", {"allege", "alleges", "alleged", "alleging"}},
        {"confirm", {"confirm", "confirms", "confirmed", "confirming"}},
        {"reveal", {"reveal", "reveals", "revealed", "revealing"}},
        {"disclose", {"disclose", "discloses", "disclosed", "disclosing"}},
        {"estimate", {"estimates", "estimated", "", ""}},
        {"maintain", {"maintain", "maintains", "maintained", "maintaining"}},
        {"contend", {"contend", "contends", "contended", "contending"}},
        {"declare", {"declare", "declares", "declared", "declaring"}},
        {"recall", {"recalls", "recalled", "", ""}},
        {"reply", {"replies", "replied", "", ""}},
        {"respond", {"responded", "", "", ""}},
        {"ask", {"asks", "asked", "", ""}},
        {"counter", {"countered", "", "", ""}},
        {"concede", {"concede", "concedes", "conceded", "conceding"}},
        {"stress", {"stresses", "stressed", "", ""}},
        {"emphasize", {"emphasized", "emphasised", "emphasizes", "emphasises"}},
        {"indicate", {"indicates", "indicated", "", ""}},
        {"signal", {"signaled", "signalled", "", ""}},
        {"learn", {"learned", "learnt", "", ""}},
        {"show", {"show", "shows", "showed", "shown"}},
        {"find", {"finds", "found", "", ""}},
        {"believe", {"believe", "believes", "believed", ""}},
        {"think", {"think", "thinks", "thought", ""}},
        {"agree", {"agreed", "agrees", "", ""}},
        {"complain", {"complained", "complains", "", ""}},
        {"caution", {"cautioned", "cautions", "", ""}},
        {"charge", {"charged", "", "", ""}},
        {"boast", {"boasted", "boasts", "", ""}},
        {"joke", {"joked", "", "", ""}},
        {"quip", {"quipped", "", "", ""}},
        {"remark", {"remarked", "", "", ""}},
        {"observe", {"observed", "", "", ""}},
        {"testify", {"testified", "testifies", "", ""}},
        {"conclude", {"concluded", "concludes", "", ""}},
        {"urge", {"urged", "urges", "", ""}},
        {"demand", {"demanded", "demands", "", ""}},
        {"hint", {"hinted", "hints", "", ""}},
        {"speculate", {"speculated", "", "", ""}},
        {"worry", {"worried", "worries", "", ""}},
        {"fear", {"feared", "fears", "", ""}},
        {"hope", {"hopes", "hoped", "", ""}},
        {"expect", {"expects", "expected", "", ""}},
    };
    for (const auto& v : verbs)
      for (auto f : v.forms)
        if (!f.empty()) (*t)[f] = v.lemma;
    return t;
  }();
  return *table;
}

// Verbs that only attribute when a clause follows ("hopes that", "expected that").
const std::unordered_set<std::string_view> kNeedsThat = {
    "believe", "think", "agree", "worry", "fear", "hope", "expect", "find", "show", "learn", "ask", "urge",
    "demand", "post", "estimate", "recall", "charge", "respond", "complain"};

// Heads of sources that do not name who speaks.
const std::unordered_set<std::string_view> kAnonymousHeads = {
    "report", "reports", "official", "officials", "source", "sources", "people", "person", "analyst", "analysts",
    "expert", "experts", "observer", "observers", "critic", "critics", "diplomat", "diplomats", "resident",
    "residents", "witness", "witnesses", "media", "aide", "aides", "insider", "insiders", "spokesman",
    "spokeswoman", "spokesperson", "statement", "study", "survey", "poll", "document", "documents", "memo",
    "someone", "observers", "reporting", "rumors", "rumours", "insiders", "lawmakers", "members", "staff",
    "staffers", "advisers", "advisors", "investigators", "authorities", "intelligence", "officers", "officer"};

const std::unordered_set<std::string_view> kPronouns = {"he", "she", "they", "it", "we", "i", "you"};

// Words that end a subject when walking back from a cue.
const std::unordered_set<std::string_view> kClauseOpeners = {
    "as", "when", "while", "because", "although", "though", "after", "before", "since", "if", "that", "which",
    "who", "whom", "whose", "where", "but", "or", "so", "than", "whether", "once", "until", "unless", "and",
    "what", "how", "why", "even", "also", "then"};

// Adverbs and auxiliaries between a subject and its cue ("has also said").
const std::unordered_set<std::string_view> kCueModifiers = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "may", "might", "should",
    "did", "does", "do", "also", "previously", "recently", "reportedly", "later", "earlier", "repeatedly",
    "publicly", "privately", "then", "again", "once", "further", "separately", "quickly", "strongly", "not",
    "n't", "never", "already", "first", "initially", "frequently", "often", "openly", "flatly", "firmly",
    "explicitly", "angrily", "simply", "just", "still", "finally", "last", "widely", "allegedly", "been",
    "apparently", "long", "since", "ominously", "confidently", "bluntly", "candidly", "told", "emphatically"};

// Prepositions and adverbs that open a leading adverbial ("Just before the visit, X said").
const std::unordered_set<std::string_view> kAdverbialOpeners = {
    "in", "on", "at", "after", "before", "just", "earlier", "later", "meanwhile", "however", "still", "for",
    "during", "since", "last", "this", "yesterday", "today", "speaking", "asked", "instead", "separately",
    "nonetheless", "nevertheless", "moreover", "now", "then", "by", "from", "with", "without", "under",
    "following", "amid", "despite", "to", "when", "while", "as", "if", "but", "and", "so", "yet", "also",
    "once", "though", "although", "because", "in", "addition", "indeed", "meanwhile,", "overall", "there"};

// Words that start a trailing adjunct after the cue ("said on Tuesday", "said in a statement").
const std::unordered_set<std::string_view> kAdjunctOpeners = {
    "on", "in", "at", "during", "after", "before", "last", "this", "yesterday", "today", "tonight", "earlier",
    "later", "recently", "late", "early", "via", "through", "while", "when", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "afterward", "afterwards", "previously", "privately",
    "publicly", "repeatedly", "again", "too", "then", "from", "to", "the", "a", "an", "his", "her", "their",
    "its", "our", "reporters", "by", "over", "about", "according", "told", "adding", "of", "with", "as"};

const std::unordered_set<std::string_view> kNounContexts = {
    "the", "a", "an", "these", "those", "such", "of", "on", "amid", "after", "by", "with", "about", "over",
    "recent", "new", "media", "news", "unconfirmed", "earlier", "previous", "his", "her", "their", "its",
    "our", "your", "false", "similar", "conflicting", "initial", "local", "following", "dismissed", "denied",
    "followed", "despite", "to", "for", "and", "press", "insurance", "many", "some", "numerous", "several",
    "two", "three", "various", "repeated", "widespread", "that", "those", "in", "from"};

// Nouns that carry a claim ("reports that", "the claim that").
const std::unordered_map<std::string_view, std::string_view> kCueNouns = {
    {"reports", "report"}, {"report", "report"}, {"claims", "claim"}, {"claim", "claim"},
    {"allegations", "allege"}, {"allegation", "allege"}, {"warnings", "warn"}, {"warning", "warn"},
    {"assertion", "assert"}, {"assertions", "assert"}, {"rumors", "rumor"}, {"rumours", "rumor"},
    {"announcement", "announce"}, {"statement", "state"}, {"suggestion", "suggest"}, {"speculation", "speculate"}};

bool IsOpeningQuote(std::string_view q) {
  return q == "``" || q == "\u201C" || q == "\u2018" || q == "\u00AB" || q == "\u201E";
}
bool IsClosingQuote(std::string_view q) { return q == "\u201D" || q == "\u2019" || q == "\u00BB"; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Ctx {
  const Document& doc;
  std::vector<std::string> lower;  // lower-cased token texts
  std::vector<int> quote_open;     // index of the opening quote enclosing each token, -1 if none
  std::vector<int> quote_close;    // index of the matching closing quote, -1 if unclosed
  std::unordered_map<std::string, int> gender;  // person entity id -> >0 male, <0 female (evidence in the text)
};

bool IsPunct(const Ctx& c, uint32_t i) {
  auto k = c.doc.tokens[i].kind;
  return k == TokenKind::kPunct || k == TokenKind::kQuote;
}
bool IsComma(const Ctx& c, uint32_t i) { return c.lower[i] == ","; }
bool IsQuote(const Ctx& c, uint32_t i) { return c.doc.tokens[i].kind == TokenKind::kQuote; }
bool IsHardStop(const Ctx& c, uint32_t i) {
  const auto& w = c.lower[i];
  return w == ";" || w == ":" || w == "(" || w == ")" || w == "\u2014" || w == "\u2013" || w == "-" || w == "--" ||
         w == "." || w == "?" || w == "!" || IsQuote(c, i);
}

// Pairs straight and curly quotes within each paragraph.
void PairQuotes(Ctx& c) {
  const auto& toks = c.doc.tokens;
  c.quote_open.assign(toks.size(), -1);
  c.quote_close.assign(toks.size(), -1);
  size_t para_idx = 0;
  int open = -1;
  for (uint32_t i = 0; i < toks.size(); ++i) {
    while (para_idx + 1 < c.doc.paragraphs.size() && c.doc.paragraphs[para_idx].end <= toks[i].span.start) {
      ++para_idx;
      open = -1;  // quotes do not cross paragraphs (a new paragraph may reopen)
    }
    if (toks[i].kind == TokenKind::kQuote) {
      std::string_view q = c.doc.token_text(i);
      bool straight = q == "\"" || q == "''" || q == "``";
      if (q == "'" || q == "\u2019" || q == "\u2018") {
        // single quotes: only as quote marks at word edges with a space on the outer side
        bool opening = q != "\u2019" && (toks[i].space_before || i == 0) && i + 1 < toks.size() && !toks[i + 1].space_before;
        bool closing = q != "\u2018" && !toks[i].space_before && (i + 1 >= toks.size() || toks[i + 1].space_before ||
                                                               toks[i + 1].kind == TokenKind::kPunct);
        if (open < 0 && opening) { open = static_cast<int>(i); continue; }
        if (open >= 0 && closing && c.doc.token_text(open) != "\"" && c.doc.token_text(open) != "\u201C") {
          for (int k = open + 1; k < static_cast<int>(i); ++k) c.quote_open[k] = open;
          c.quote_close[open] = static_cast<int>(i);
          open = -1;
        }
        continue;
      }
      bool opening = IsOpeningQuote(q) || (straight && open < 0);
      if (opening && open < 0) {
        open = static_cast<int>(i);
      } else if (open >= 0 && (IsClosingQuote(q) || straight)) {
        for (int k = open + 1; k < static_cast<int>(i); ++k) c.quote_open[k] = open;
        c.quote_close[open] = static_cast<int>(i);
        open = -1;
      }
    } else if (open >= 0) {
      c.quote_open[i] = open;
    }
  }
}

// Trims punctuation (and a leading "that") from a token range; returns false if empty.
bool TrimContent(const Ctx& c, uint32_t& a, uint32_t& b) {
  static const std::unordered_set<std::string_view> kVerbAfterPronoun = {
      "is", "was", "will", "would", "has", "had", "could", "can", "may", "might", "should", "must", "'s", "\u2019s",
      "does", "did", "seems", "means", "makes", "remains"};
  // "say that will not happen": "that" followed by a verb is the subject, not a complementiser
  auto complementiser = [&](uint32_t k) {
    return c.lower[k] == "that" && !(k + 1 < b && kVerbAfterPronoun.count(c.lower[k + 1]));
  };
  while (a < b && (IsComma(c, a) || c.lower[a] == ":" || complementiser(a) || c.lower[a] == "\u2014" ||
                   c.lower[a] == "-" || (IsQuote(c, a) && c.quote_close[a] < 0 && c.quote_open[a] < 0)))
    ++a;
  while (b > a) {
    const auto& w = c.lower[b - 1];
    if (w == "," || w == "." || w == ";" || w == ":" || w == "\u2014" || w == "-") { --b; continue; }
    break;
  }
  return b > a && (b - a >= 2 || c.doc.tokens[a].kind != TokenKind::kPunct);
}

Span RangeSpan(const Document& doc, uint32_t a, uint32_t b) { return {doc.tokens[a].span.start, doc.tokens[b - 1].span.end}; }

ClaimPart Part(const Document& doc, Span s) { return {s, std::string(doc.slice(s))}; }

// Walks back from `cue` over auxiliaries and adverbs; returns the index one past the subject's end.
uint32_t SkipCueModifiers(const Ctx& c, uint32_t sent_start, uint32_t cue) {
  uint32_t i = cue;
  while (i > sent_start && kCueModifiers.count(c.lower[i - 1]) && !(c.lower[i - 1] == "told")) --i;
  return i;
}

// The subject before `end` (exclusive): a noun phrase, possibly with a comma apposition.
// Returns [start, end) or start == end when none.
std::pair<uint32_t, uint32_t> SubjectBefore(const Ctx& c, uint32_t sent_start, uint32_t end) {
  if (end <= sent_start) return {end, end};
  uint32_t i = end;
  int commas = 0;
  const uint32_t kMaxTokens = 30;
  while (i > sent_start && end - i < kMaxTokens) {
    uint32_t t = i - 1;
    const auto& w = c.lower[t];
    if (w == ")" && end - i < 3) {
      // "Rep. Gwen Moore (D-Wis.) said": a parenthesis inside the subject
      uint32_t k = t;
      while (k > sent_start && c.lower[k] != "(" && t - k < 8) --k;
      if (c.lower[k] == "(") { i = k; continue; }
    }
    if (IsHardStop(c, t)) break;
    if (w == ",") {
      if (++commas > 4) break;
      --i;
      continue;
    }
    if (!c.doc.tokens[t].capitalised && !CueLemma(w).empty() && !kCueNouns.count(w) &&
        (w.ends_with("ed") || w == "said" || w == "says" || w == "told" || w == "wrote" || w == "thought" || w == "found"))
      break;  // another reporting verb: "He said Obama hopes ..."
    if (kClauseOpeners.count(w) && !c.doc.tokens[t].capitalised) {
      // "Smith and Jones said": keep "and" between names
      if (w == "and" && t > sent_start && c.doc.tokens[t - 1].capitalised && t + 1 < end && c.doc.tokens[t + 1].capitalised) { --i; continue; }
      break;
    }
    if (kClauseOpeners.count(w) && (w == "as" || w == "when" || w == "while" || w == "but" || w == "and" || w == "if" ||
                                   w == "because" || w == "after" || w == "before" || w == "although"))
      break;
    // a lowercase verb-like word ends the subject ("the plan, which officials rejected" is rare; "it seemed")
    --i;
  }
  uint32_t a = i, b = end;
  // segments split by commas, left to right
  std::vector<std::pair<uint32_t, uint32_t>> segs;
  uint32_t s = a;
  for (uint32_t k = a; k < b; ++k)
    if (IsComma(c, k)) { segs.push_back({s, k}); s = k + 1; }
  segs.push_back({s, b});
  auto starts_adverbial = [&](std::pair<uint32_t, uint32_t> seg) {
    return seg.first < seg.second && kAdverbialOpeners.count(c.lower[seg.first]);
  };
  // drop leading adverbials ("Just before the visit,", "On Tuesday,")
  while (segs.size() > 1 && (starts_adverbial(segs.front()) || segs.front().first == segs.front().second)) segs.erase(segs.begin());
  if (segs.size() >= 2 && segs.back().first == segs.back().second) {
    // "NAME, APPOSITION(, MORE)," before the cue: from the name to the last comma. A long
    // first segment before a short named one is content ("The deal is dead, Smith, an aide, said").
    size_t from = 0;
    auto named = [&](std::pair<uint32_t, uint32_t> seg) {
      const auto& w = c.lower[seg.first];
      return c.doc.tokens[seg.first].capitalised || w == "the" || w == "a" || w == "an" || w == "his" || w == "her" ||
             w == "its" || w == "their";
    };
    while (from + 2 < segs.size() && (segs[from].second - segs[from].first > 6 || !named(segs[from]))) ++from;
    a = segs[from].first;
    b = segs[segs.size() - 2].second;
  } else if (segs.size() >= 2) {
    a = segs.back().first;  // "CONTENT, NAME said"
    b = segs.back().second;
  } else {
    a = segs[0].first;
    b = segs[0].second;
  }
  while (a < b && (IsPunct(c, a))) ++a;
  while (b > a && IsPunct(c, b - 1)) --b;
  if (b - a > 24) a = b - 24;  // a long left part is content, not a subject
  return {a, b};
}

// Source after an inverted cue ("..., said John Smith, a spokesman.").
std::pair<uint32_t, uint32_t> SubjectAfter(const Ctx& c, uint32_t start, uint32_t sent_end) {
  uint32_t b = start;
  int commas = 0;
  while (b < sent_end && !IsHardStop(c, b) && b - start < 16) {
    if (IsComma(c, b) && ++commas > 1) break;
    ++b;
  }
  while (b > start && IsPunct(c, b - 1)) --b;
  return {start, b};
}

// The subject at the start of a sentence: a run of names, determiners and
// pronouns ("The Republican nominee", "He", "Clinton's campaign").
std::pair<uint32_t, uint32_t> MainSubject(const Ctx& c, uint32_t s0, uint32_t limit) {
  uint32_t k = s0;
  while (k < limit && IsQuote(c, k)) ++k;
  uint32_t a = k;
  if (k < limit && kPronouns.count(c.lower[k])) return {a, k + 1};
  while (k < limit && k - a < 8) {
    const auto& w = c.lower[k];
    const Token& t = c.doc.tokens[k];
    bool det = w == "the" || w == "a" || w == "an" || w == "'s" || w == "’s" || w == "of";
    if (!(t.capitalised || det)) break;
    ++k;
  }
  // a subject must end in a name or a noun, not a determiner
  while (k > a && (c.lower[k - 1] == "the" || c.lower[k - 1] == "a" || c.lower[k - 1] == "of")) --k;
  return {a, k};
}

// A finite verb in a range means a clause, not a name ("claimed the drills were ...").
bool LooksLikeClause(const Ctx& c, uint32_t a, uint32_t b) {
  static const std::unordered_set<std::string_view> kFinite = {
      "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may",
      "might", "must", "did", "does", "do", "'s", "\u2019s"};
  for (uint32_t k = a; k < b; ++k) {
    const auto& w = c.lower[k];
    if (kFinite.count(w) && !(w == "'s" || w == "\u2019s")) return true;
    if (!c.doc.tokens[k].capitalised && w.size() > 4 && w.ends_with("ed") && k > a) return true;
  }
  return false;
}

bool IsNounReading(const Ctx& c, uint32_t sent_start, uint32_t i) {
  if (i == sent_start) return false;
  const auto& prev = c.lower[i - 1];
  const Token& pt = c.doc.tokens[i - 1];
  if (pt.capitalised && !c.doc.sentences.empty()) return false;
  if (kNounContexts.count(prev)) return true;
  if (prev.size() > 3 && prev.compare(prev.size() - 2, 2, "ed") == 0 && !kCueModifiers.count(prev)) return true;
  return false;
}

// Base and -s forms that are also nouns ("tweets", "reports", "claims", "promise").
bool DoublesAsNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> kBoth = {
      "tweet", "tweets", "post", "report", "reports", "claim", "claims", "note", "notes", "promise", "promises",
      "pledge", "pledges", "vow", "vows", "warning", "estimates", "show", "shows", "find", "finds", "counter",
      "fear", "fears", "hope", "hopes", "states", "demands", "charge", "signal", "recalls", "remark", "state",
      "stresses", "replies", "urges", "hints", "worries", "boasts"};
  return kBoth.count(w) > 0;
}

// A verb reading needs a subject-like word or an auxiliary right before it.
bool HasVerbSubject(const Ctx& c, uint32_t sent_start, uint32_t i) {
  uint32_t k = i;
  while (k > sent_start && kCueModifiers.count(c.lower[k - 1]) && c.lower[k - 1] != "told") {
    const auto& m = c.lower[k - 1];
    if (m == "will" || m == "would" || m == "could" || m == "can" || m == "may" || m == "might" || m == "should" ||
        m == "did" || m == "does" || m == "do" || m == "n't" || m == "not")
      return true;
    --k;
  }
  if (k == sent_start) return false;
  const auto& prev = c.lower[k - 1];
  if (kPronouns.count(prev) || prev == "who" || prev == "which" || prev == "that") return true;
  static const std::unordered_set<std::string_view> kDeterminers = {"the", "a", "an", "this", "that", "these", "those",
                                                                    "his", "her", "its", "their", "our", "my", "new"};
  if (kDeterminers.count(prev)) return false;  // "The report said": a noun
  if (c.doc.tokens[k - 1].capitalised) return true;
  if (kAnonymousHeads.count(prev)) return true;
  if (c.doc.tokens[k - 1].kind == TokenKind::kQuote || prev == ",") return true;
  return false;
}

bool ContainsNamedEntity(const Document& doc, Span s, bool person_or_org_only) {
  for (const auto& e : doc.entities) {
    if (person_or_org_only && e.type != "PERSON" && e.type != "ORG") continue;
    for (const auto& m : e.mentions)
      if (s.overlaps(m.span)) return true;
  }
  return false;
}

// Entity whose mention lies in the source span; prefers persons, then organisations.
std::string LinkSource(const Document& doc, Span s) {
  std::string best;
  int best_rank = 99;
  uint32_t best_pos = 0;
  for (const auto& e : doc.entities) {
    int rank = e.type == "PERSON" ? 0 : e.type == "ORG" ? 1 : 2;
    for (const auto& m : e.mentions) {
      if (!s.overlaps(m.span)) continue;
      // a place only speaks when it is the head: "Washington said", not "Ghana's cocoa board said"
      if (rank == 2 && m.span.end + 1 < s.end) continue;
      if (rank < best_rank || (rank == best_rank && m.span.start > best_pos)) {
        best = e.id;
        best_rank = rank;
        best_pos = m.span.start;
      }
    }
  }
  return best;
}

// Index of the first token starting at or after `byte` (tokens.size() when none).
uint32_t FirstTokenFrom(const Document& doc, uint32_t byte) {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), byte,
                             [](const Token& t, uint32_t b) { return t.span.start < b; });
  return static_cast<uint32_t>(it - doc.tokens.begin());
}

// Gender evidence for each person from the text itself: honorifics before a mention
// ("Mrs. Clinton") and the pronouns of the sentence that follows a sentence naming
// only that person.
std::unordered_map<std::string, int> PersonGenders(const Ctx& c) {
  const Document& doc = c.doc;
  std::unordered_map<std::string, int> votes;
  std::vector<uint32_t> sentence_of(doc.tokens.size(), 0);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s)
    for (uint32_t i = doc.sentences[s].first_token; i < doc.sentences[s].end_token; ++i) sentence_of[i] = s;
  auto token_at = [&](uint32_t byte) -> int {
    uint32_t t = FirstTokenFrom(doc, byte);
    return t == doc.tokens.size() || doc.tokens[t].span.start != byte ? -1 : static_cast<int>(t);
  };
  std::vector<std::vector<std::string>> persons_in(doc.sentences.size());
  for (const auto& e : doc.entities) {
    if (e.type != "PERSON") continue;
    for (const auto& m : e.mentions) {
      int t = token_at(m.span.start);
      if (t < 0) continue;
      if (t > 0) {
        std::string_view h = c.lower[t - 1];
        if (h == "mr." || h == "mr") votes[e.id] += 3;
        if (h == "mrs." || h == "mrs" || h == "ms." || h == "ms" || h == "miss") votes[e.id] -= 3;
      }
      auto& in = persons_in[sentence_of[t]];
      if (std::find(in.begin(), in.end(), e.id) == in.end()) in.push_back(e.id);
    }
  }
  for (uint32_t s = 0; s + 1 < doc.sentences.size(); ++s) {
    if (persons_in[s].size() != 1) continue;
    const Sentence& next = doc.sentences[s + 1];
    if (!persons_in[s + 1].empty() || next.paragraph != doc.sentences[s].paragraph) continue;
    int male = 0, female = 0;
    for (uint32_t i = next.first_token; i < next.end_token; ++i) {
      if (c.quote_open[i] >= 0) continue;  // a quoted "he" is someone the speaker talks about
      std::string_view w = c.lower[i];
      male += w == "he" || w == "his" || w == "him";
      female += w == "she" || w == "her" || w == "hers";
    }
    if (male && !female) ++votes[persons_in[s][0]];
    if (female && !male) --votes[persons_in[s][0]];
  }
  return votes;
}

// Most recent entity of `type` mentioned before `pos` ("he" -> a person, "it" -> an
// organisation); with a gender, persons known to be of the other one are passed over.
std::string ResolvePronoun(const Document& doc, uint32_t pos, std::string_view type = "PERSON",
                           const std::unordered_map<std::string, int>* genders = nullptr, int gender = 0) {
  std::string best;
  uint32_t best_pos = 0;
  for (const auto& e : doc.entities) {
    if (e.type != type) continue;
    if (genders && gender) {
      auto it = genders->find(e.id);
      if (it != genders->end() && it->second * gender < 0) continue;
    }
    for (const auto& m : e.mentions)
      if (m.span.end <= pos && m.span.start >= best_pos) { best = e.id; best_pos = m.span.start; }
  }
  return best;
}

bool IsAdjunct(const Ctx& c, uint32_t a, uint32_t b) {
  if (a >= b) return true;
  if (b - a > 8) return false;
  if (!kAdjunctOpeners.count(c.lower[a])) return false;
  for (uint32_t k = a; k < b; ++k)
    if (c.lower[k] == "that" || IsQuote(c, k)) return false;
  return true;
}

// Source span, its entity (pronouns resolved) and whether it names who speaks.
void FillSource(const Ctx& c, Claim& cl, std::pair<uint32_t, uint32_t> src) {
  const Document& doc = c.doc;
  if (src.second > src.first) {
    Span s = RangeSpan(doc, src.first, src.second);
    cl.source = Part(doc, s);
    std::string head = c.lower[src.second - 1];
    bool pronoun = src.second - src.first == 1 && kPronouns.count(head);
    if (pronoun) {
      if (head == "he" || head == "she")
        cl.source_entity = ResolvePronoun(doc, s.start, "PERSON", &c.gender, head == "he" ? 1 : -1);
      if (head == "it") cl.source_entity = ResolvePronoun(doc, s.start, "ORG");
    } else {
      cl.source_entity = LinkSource(doc, s);
    }
    // "officials", "a statement from U.S. officials", "sources familiar with the talks"
    bool anonymous_head = kAnonymousHeads.count(head) > 0;
    for (uint32_t k = src.first; k + 1 < src.second && !anonymous_head; ++k)
      if (kAnonymousHeads.count(c.lower[k]) && (c.lower[k + 1] == "," || c.lower[k + 1] == "who" ||
                                                c.lower[k + 1] == "familiar" || c.lower[k + 1] == "close"))
        anonymous_head = true;
    cl.anonymous = anonymous_head && !ContainsNamedEntity(doc, s, true);
  } else {
    cl.anonymous = true;
  }
}

void AddClaim(const Ctx& c, std::vector<Claim>& out, uint32_t sent, std::pair<uint32_t, uint32_t> src, uint32_t cue_a,
              uint32_t cue_b, std::string_view lemma, uint32_t ca, uint32_t cb, std::string kind) {
  const Document& doc = c.doc;
  if (!TrimContent(c, ca, cb)) return;
  // a quote opened before the content and unclosed in it extends the content to its close
  if (c.quote_open[ca] >= 0 && static_cast<uint32_t>(c.quote_open[ca]) < ca) {
    int open = c.quote_open[ca];
    if (static_cast<uint32_t>(open) + 1 < ca && RangeSpan(doc, open, ca).start >= doc.paragraphs.front().start &&
        (src.first == src.second || static_cast<uint32_t>(open) > src.second || src.second <= static_cast<uint32_t>(open)))
      ca = static_cast<uint32_t>(open);
  }
  if (IsQuote(c, ca) && c.quote_close[ca] > 0 && static_cast<uint32_t>(c.quote_close[ca]) >= cb &&
      static_cast<uint32_t>(c.quote_close[ca]) < cue_a + 400)
    cb = static_cast<uint32_t>(c.quote_close[ca]) + 1;
  // a fully quoted content is the words inside the marks, without the comma before the speaker
  if (cb - ca >= 3 && IsQuote(c, ca) && c.quote_close[ca] == static_cast<int>(cb - 1)) {
    ++ca;
    --cb;
    while (cb > ca + 1 && (c.lower[cb - 1] == "," || c.lower[cb - 1] == ".")) --cb;
  }
  Claim cl;
  cl.sentence = sent;
  cl.cue = Part(doc, RangeSpan(doc, cue_a, cue_b));
  cl.cue_lemma = std::string(lemma);
  cl.content = Part(doc, RangeSpan(doc, ca, cb));
  cl.kind = std::move(kind);
  FillSource(c, cl, src);
  if (cl.content.span.overlaps(cl.cue.span) && cl.kind != "mixed") return;
  for (const auto& t : doc.times)  // "a scheme announced two years ago"
    if (t.span.contains(cl.content.span)) return;
  out.push_back(std::move(cl));
}

void ClaimsInSentence(const Ctx& c, uint32_t sent_idx, std::vector<Claim>& out) {
  const Document& doc = c.doc;
  const Sentence& sent = doc.sentences[sent_idx];
  const uint32_t s0 = sent.first_token, s1 = sent.end_token;
  size_t first_new = out.size();
  // "PENCE: We will win." / "Caddell: Voters Are Worried": a speaker label before a colon
  for (uint32_t k = s0; k < s1 && k < s0 + 5; ++k) {
    if (c.lower[k] != ":" && c.lower[k] != "\u2015") {
      if (!c.doc.tokens[k].capitalised) break;
      continue;
    }
    static const std::unordered_set<std::string_view> kNotSpeakers = {
        "the", "a", "an", "note", "update", "related", "watch", "video", "photos", "photo", "breaking", "editor",
        "read", "see", "also", "source", "sources", "credit", "image", "listen", "exclusive", "opinion", "analysis"};
    bool dateline = c.lower[k] != ":" && (k == s0 + 1 && c.doc.tokens[s0].all_caps);
    if (k > s0 && k + 2 < s1 && !kNotSpeakers.count(c.lower[s0]) && !dateline) {
      AddClaim(c, out, sent_idx, {s0, k}, k, k + 1, "say", k + 1, s1, "direct");
    }
    break;
  }
  for (uint32_t i = s0; i < s1; ++i) {
    const std::string& w = c.lower[i];
    // "according to X, CONTENT" / "CONTENT, according to X"
    if (w == "according" && i + 1 < s1 && c.lower[i + 1] == "to") {
      // the source ends at the first comma: "according to X, driven by ..." continues the content
      uint32_t b = i + 2;
      while (b < s1 && !IsComma(c, b) && !IsHardStop(c, b)) ++b;
      std::pair<uint32_t, uint32_t> src{i + 2, b};
      if (src.second <= src.first) continue;
      if (i > s0 + 2) {
        AddClaim(c, out, sent_idx, src, i, i + 2, "according to", s0, i, "according_to");
      } else {
        AddClaim(c, out, sent_idx, src, i, i + 2, "according to", b, s1, "according_to");
      }
      ++i;
      continue;
    }
    auto noun = kCueNouns.find(w);
    bool noun_claim = noun != kCueNouns.end() && i + 1 < s1 && c.lower[i + 1] == "that" &&
                      (IsNounReading(c, s0, i) || CueLemma(w).empty());
    if (noun_claim) {
      // "followed reports that X": the noun phrase is an unnamed source
      uint32_t a = i;
      while (a > s0 && (c.lower[a - 1] == "media" || c.lower[a - 1] == "news" || c.lower[a - 1] == "recent" ||
                        c.lower[a - 1] == "new" || c.lower[a - 1] == "unconfirmed" || c.lower[a - 1] == "the"))
        --a;
      AddClaim(c, out, sent_idx, {a, i + 1}, i, i + 1, noun->second, i + 2, s1, "indirect");
      continue;
    }
    std::string_view lemma = CueLemma(w);
    if (lemma.empty()) continue;
    if (c.doc.tokens[i].capitalised && i > s0 && !sent.headline && !IsQuote(c, i - 1)) continue;  // "United States"
    if (c.quote_open[i] >= 0 && c.quote_close[c.quote_open[i]] > static_cast<int>(i)) continue;  // inside a quote
    if (IsNounReading(c, s0, i) && (w == "claims" || w == "reports" || w == "notes" || w == "report" ||
                                   w == "claim" || w == "note" || w == "warning" || w == "show" || w == "shows" ||
                                   w == "state" || w == "states" || w == "post" || w == "find" || w == "says"))
      continue;
    if (DoublesAsNoun(w) && !HasVerbSubject(c, s0, i) && !sent.headline) continue;
    if (w == "warning" || w == "saying" || w == "adding" || w == "noting" || w == "claiming" || w == "telling" ||
        w == "arguing" || w == "insisting" || w == "denying" || w == "announcing") {
      // participles attach to the main clause's subject: "X denied it, adding that ..."
      if (i > s0 && (c.doc.tokens[i - 1].capitalised || kPronouns.count(c.lower[i - 1]) || c.lower[i - 1] == "each")) {
        // "with Trump saying ...": the word before is the speaker
        auto subj = SubjectBefore(c, s0, i);
        uint32_t after = i + 1;
        if (after < s1 && c.lower[after] == "that") ++after;
        if (subj.second > subj.first) AddClaim(c, out, sent_idx, subj, i, i + 1, lemma, after, s1, "indirect");
        continue;
      }
      if (i == s0 || !IsComma(c, i - 1)) continue;
      std::pair<uint32_t, uint32_t> subj{0, 0};
      if (out.size() > first_new && out.back().source) {
        const auto& prev_src = out.back().source->span;
        uint32_t a = s0;
        while (a < s1 && c.doc.tokens[a].span.start < prev_src.start) ++a;
        uint32_t b = a;
        while (b < s1 && c.doc.tokens[b].span.end <= prev_src.end) ++b;
        subj = {a, b};
      } else {
        subj = MainSubject(c, s0, i);
        if (subj.second > subj.first && c.quote_open[subj.first] >= 0) subj = {0, 0};
      }
      if (subj.second <= subj.first) continue;
      uint32_t after = i + 1;
      if (after < s1 && c.lower[after] == "that") ++after;
      AddClaim(c, out, sent_idx, subj, i, i + 1, lemma, after, s1, "indirect");
      continue;
    }
    // passive "was told", "is expected", "were found"
    if (i > s0 && (c.lower[i - 1] == "was" || c.lower[i - 1] == "were" || c.lower[i - 1] == "been" ||
                   c.lower[i - 1] == "being" || c.lower[i - 1] == "is" || c.lower[i - 1] == "are") &&
        lemma != "say")
      continue;
    uint32_t after = i + 1;
    // "told reporters (on Monday) that", "warned Congress that"
    if (lemma == "tell" || lemma == "warn" || lemma == "remind" || lemma == "promise" || lemma == "assure" || lemma == "ask") {
      uint32_t k = after;
      while (k < s1 && k < after + 8 && c.lower[k] != "that" && !IsPunct(c, k)) ++k;
      if (k < s1 && c.lower[k] == "that") after = k + 1;
      else if (k < s1 && IsComma(c, k) && k + 1 < s1 && IsQuote(c, k + 1)) after = k + 1;
      else if (lemma == "tell" && after < s1 && !IsPunct(c, after)) {
        // "told him the deal was off": skip one object word
        after += 1;
        if (after < s1 && c.lower[after - 1] == "the") after += 1;
      }
    } else {
      // skip adjuncts between cue and "that": "said in a statement on Tuesday that"
      uint32_t k = after;
      while (k < s1 && k < after + 10 && c.lower[k] != "that" && !IsPunct(c, k)) ++k;
      if (k < s1 && c.lower[k] == "that" && k > after && kAdjunctOpeners.count(c.lower[after])) after = k + 1;
    }
    if (lemma == "ask" && i + 1 < s1 && (c.lower[i + 1] == "not" || c.lower[i + 1] == "to" || c.lower[i + 1] == "for"))
      continue;  // "asked not to be named" is a request, not a claim
    if (kNeedsThat.count(lemma) && !(after < s1 && (c.lower[after] == "that" || c.lower[after - 1] == "that"))) continue;
    uint32_t mod_start = SkipCueModifiers(c, s0, i);
    static const std::unordered_set<std::string_view> kNameStarts = {"the", "a", "an", "his", "her", "their", "its",
                                                                     "one", "another", "two", "several", "some"};
    if (mod_start > s0 + 2 && (IsComma(c, mod_start - 1) || IsQuote(c, mod_start - 1)) && i + 1 < s1 &&
        (c.doc.tokens[i + 1].capitalised || kNameStarts.count(c.lower[i + 1]) || kPronouns.count(c.lower[i + 1]))) {
      // "..., noted NBC's Dante Chinni." / "“...,” said the senator"
      auto inv = SubjectAfter(c, i + 1, s1);
      uint32_t rest = inv.second;
      while (rest < s1 && IsPunct(c, rest)) ++rest;
      // the speaker ends the sentence; a clause after the cue means it is not inverted
      if (inv.second > inv.first && inv.second - inv.first <= 12 && rest >= s1 && !LooksLikeClause(c, inv.first, inv.second)) {
        AddClaim(c, out, sent_idx, inv, i, i + 1, lemma, s0, mod_start, "indirect");
        continue;
      }
      // "“The decision,” said X, an economist, “tells us ...”": the quote resumes after the speaker
      uint32_t k = i + 1;
      int commas = 0;
      while (k + 1 < s1 && !IsQuote(c, k) && commas < 3) commas += IsComma(c, k++);
      if (IsQuote(c, mod_start - 1) && k + 1 < s1 && IsQuote(c, k) && IsComma(c, k - 1) && k - 1 > i + 1) {
        uint32_t b = k - 1;
        // the speaker is the name before the first comma, with its apposition
        AddClaim(c, out, sent_idx, {i + 1, b}, i, i + 1, lemma, s0, s1, "mixed");
        continue;
      }
    }
    auto src = SubjectBefore(c, s0, mod_start);
    // "the senator, who said ..." / "an official who asked not to be named said ..."
    uint32_t rel = src.second > src.first ? src.first : mod_start;
    for (uint32_t k = rel; k > s0 + 1 && rel - k < 8 && !IsHardStop(c, k - 1); --k)
      if (c.lower[k - 1] == "who") { rel = k; break; }
    if (rel > s0 + 1 && c.lower[rel - 1] == "who") {
      uint32_t np_end = rel - 1;
      while (np_end > s0 && IsComma(c, np_end - 1)) --np_end;
      auto np = SubjectBefore(c, s0, np_end);
      if (np.second > np.first) {
        bool speaker_in_clause = src.second > src.first;
        src = {np.first, speaker_in_clause ? src.second : np.second};
        if (!speaker_in_clause && np_end < rel - 1) {
          // "The mayor, who said X, closed it": the clause ends at the next comma
          uint32_t e = i + 1;
          while (e < s1 && !IsComma(c, e) && !IsQuote(c, e)) ++e;
          AddClaim(c, out, sent_idx, src, i, i + 1, lemma, i + 1, e, "indirect");
          continue;
        }
      }
    }
    bool after_is_adjunct = IsAdjunct(c, after, s1 - (c.lower[s1 - 1] == "." ? 1 : 0)) ||
                            (after < s1 && IsComma(c, after));
    bool comma_before_src = src.first > s0 && (IsComma(c, src.first - 1) || IsQuote(c, src.first - 1));
    // "“We won,” Melanie said to the crowd": the quote before the speaker is the content
    bool quote_before_src = src.second > src.first && src.first > s0 && IsQuote(c, src.first - 1) &&
                            c.quote_open[src.first - 2] >= 0;
    if (src.second <= src.first && i > s0 && (IsComma(c, i - 1) || IsQuote(c, i - 1))) {
      // "CONTENT," said NAME.
      auto inv = SubjectAfter(c, i + 1, s1);
      uint32_t cb = i;
      AddClaim(c, out, sent_idx, inv, i, i + 1, lemma, s0, cb, "indirect");
      continue;
    }
    if (quote_before_src) {
      bool quote_continues = after + 1 < s1 && IsComma(c, after) && IsQuote(c, after + 1);
      AddClaim(c, out, sent_idx, src, i, i + 1, lemma, s0, quote_continues ? s1 : src.first,
               quote_continues ? "mixed" : "direct");
      continue;
    }
    if (after_is_adjunct && comma_before_src && src.first > s0 + 1) {
      uint32_t cb = src.first;
      if (after < s1 && IsComma(c, after) && after + 1 < s1 && !IsAdjunct(c, after + 1, s1)) {
        // "The deal, she said, is finished." content on both sides
        AddClaim(c, out, sent_idx, src, i, i + 1, lemma, s0, s1, "mixed");
      } else {
        AddClaim(c, out, sent_idx, src, i, i + 1, lemma, s0, cb, "indirect");
      }
      continue;
    }
    if (src.second <= src.first) continue;  // no one says it
    // "which NAME said was ...": content continues after the cue
    AddClaim(c, out, sent_idx, src, i, i + 1, lemma, after, s1, "indirect");
  }
  // A cue inside another claim's content: "..., which X said was ..." gets its own
  // claim and ends the outer content; otherwise it is part of the outer content.
  std::vector<bool> drop(out.size(), false);
  for (size_t k = first_new; k < out.size(); ++k)  // a cue inside another claim's source belongs to the source
    for (size_t j = first_new; j < out.size(); ++j)
      if (j != k && out[j].source && out[j].source->span.contains(out[k].cue.span)) drop[k] = true;
  for (size_t k = first_new; k < out.size(); ++k) {
    for (size_t j = first_new; j < out.size(); ++j) {
      if (j == k || drop[j] || !out[j].content.span.contains(out[k].cue.span) || out[k].content.span.contains(out[j].cue.span))
        continue;
      const auto& inner_src = out[k].source;
      std::string_view before = inner_src ? doc.slice({out[j].content.span.start, inner_src->span.start}) : std::string_view();
      size_t cut = before.rfind(", which");
      if (cut == std::string_view::npos) cut = before.rfind(", who");
      std::string_view before_cue = doc.slice({out[j].content.span.start, out[k].cue.span.start});
      bool participle = before_cue.size() > 2 && before_cue.ends_with(", ") && out[k].cue.text.ends_with("ing");
      if (participle) {
        out[j].content.span.end = out[j].content.span.start + static_cast<uint32_t>(before_cue.size() - 2);
        out[j].content.text = std::string(doc.slice(out[j].content.span));
      } else if (inner_src && cut != std::string_view::npos && cut > 0 && out[k].cue.span.start > inner_src->span.start) {
        out[j].content.span.end = out[j].content.span.start + static_cast<uint32_t>(cut);
        out[j].content.text = std::string(doc.slice(out[j].content.span));
      } else {
        drop[k] = true;
      }
    }
  }
  std::vector<Claim> kept;
  for (size_t k = first_new; k < out.size(); ++k)
    if (!drop[k]) kept.push_back(std::move(out[k]));
  out.resize(first_new);
  for (auto& k : kept) out.push_back(std::move(k));
}

void MarkDirect(const Ctx& c, Claim& cl) {
  const Document& doc = c.doc;
  std::string_view t = doc.slice(cl.content.span);
  bool has_quote = t.find("\u201C") != std::string_view::npos || t.find('"') != std::string_view::npos;
  if (cl.kind == "indirect" && has_quote) cl.kind = t.starts_with("\u201C") || t.starts_with("\"") ? "direct" : "mixed";
}

}  // namespace

std::string_view CueLemma(std::string_view word) {
  std::string lower = LowerAscii(word);
  const auto& t = CueTable();
  auto it = t.find(lower);
  return it == t.end() ? std::string_view() : it->second;
}

bool IsAnonymousSourceHead(std::string_view lower_word) { return kAnonymousHeads.count(lower_word) > 0; }

namespace {

// A relation found by the learned model as a Claim; false when it is not one.
bool ClaimFromFound(const Ctx& c, const FoundAttribution& f, Claim& cl) {
  const Document& doc = c.doc;
  if (f.content.empty()) return false;
  cl.sentence = f.sentence;
  cl.cue = Part(doc, RangeSpan(doc, f.cue.first, f.cue.end));
  std::string_view lemma = CueLemma(doc.token_text(f.cue_head));
  if (c.lower[f.cue.first] == "according") lemma = "according to";
  cl.cue_lemma = lemma.empty() ? c.lower[f.cue_head] : std::string(lemma);
  uint32_t ca = f.content.front().first, cb = f.content.back().end;
  // a fully quoted content is the words inside the marks, as the rules give it
  if (cb - ca >= 3 && IsQuote(c, ca) && c.quote_close[ca] == static_cast<int>(cb - 1)) {
    ++ca, --cb;
    while (cb > ca + 1 && (c.lower[cb - 1] == "," || c.lower[cb - 1] == ".")) --cb;
  }
  cl.content = Part(doc, RangeSpan(doc, ca, cb));
  cl.kind = cl.cue_lemma == "according to" ? "according_to" : "indirect";
  if (f.source) FillSource(c, cl, {f.source->first, f.source->end});
  else cl.anonymous = true;
  return true;
}

// "..., which X said was ...": the rules' relative-clause construction.
bool IsRelativeClauseClaim(const Ctx& c, const Claim& r) {
  if (!r.source) return false;
  const Document& doc = c.doc;
  uint32_t source_start = FirstTokenFrom(doc, r.source->span.start);
  if (source_start == doc.tokens.size()) return false;
  uint32_t first = doc.sentences[r.sentence].first_token;
  // back over an apposition ("which the ministry's spokesman, Ana Duarte, said")
  for (uint32_t k = source_start, steps = 0; k > first && steps < 12; ++steps) {
    --k;
    std::string_view w = c.lower[k];
    if (w == "which" || w == "who" || w == "whom") return true;
    if (IsQuote(c, k) || w == "." || w == ";") return false;
  }
  return false;
}

// Ends a claim's content before byte `at`, without a dangling ", which".
void CutContent(const Document& doc, Claim& cl, uint32_t at) {
  std::string_view t = doc.slice({cl.content.span.start, at});
  auto trim = [&] {
    while (!t.empty() && (t.back() == ' ' || t.back() == ',' || t.back() == '\n')) t.remove_suffix(1);
  };
  trim();
  for (std::string_view w : {"which", "who", "whom", "that"})
    if (t.ends_with(w) && (t.size() == w.size() || t[t.size() - w.size() - 1] == ' ')) {
      t.remove_suffix(w.size());
      break;
    }
  trim();
  if (t.empty()) return;
  cl.content.span.end = cl.content.span.start + static_cast<uint32_t>(t.size());
  cl.content.text = std::string(t);
}

// Two claims that cannot both be right: the same cue, or one's cue inside the
// other's source or content.
bool Conflict(const Claim& a, const Claim& b) {
  auto one_way = [](const Claim& x, const Claim& y) {
    return x.content.span.contains(y.cue.span) || (x.source && x.source->span.overlaps(y.cue.span));
  };
  return a.cue.span.overlaps(b.cue.span) || one_way(a, b) || one_way(b, a);
}

// The model's relations replace the rules' claims where they conflict (it learned
// sources and content boundaries from thousands of annotated attributions, quotations
// included), except where the rules read structure the model sees rarely: "according
// to", headlines, relative clauses ("which X said was"), and cues the tagger misread
// as nouns.
void MergeLearned(const Ctx& c, const AttributionModel& model, std::vector<Claim>& claims) {
  const Document& doc = c.doc;
  std::vector<Claim> learned;
  std::vector<std::string_view> learned_cue_pos;
  for (const auto& f : model.Find(doc)) {
    Claim cl;
    if (!ClaimFromFound(c, f, cl)) continue;
    learned.push_back(std::move(cl));
    learned_cue_pos.push_back(doc.tagged ? std::string_view(doc.tokens[f.cue_head].upos) : std::string_view("VERB"));
  }
  std::vector<uint8_t> drop_rule(claims.size(), 0), drop_learned(learned.size(), 0);
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& r = claims[i];
    bool trusted = r.kind == "according_to" || doc.sentences[r.sentence].headline || IsRelativeClauseClaim(c, r);
    for (size_t j = 0; j < learned.size(); ++j) {
      if (drop_learned[j] || !Conflict(r, learned[j])) continue;
      bool same_cue = r.cue.span.overlaps(learned[j].cue.span);
      // the rules read a reporting verb where the tagger read a noun ("A new report claims
      // ..."): the tree around the cue is wrong, so the model's roles are too
      bool noun_cue = same_cue && learned_cue_pos[j] != "VERB" && learned_cue_pos[j] != "AUX";
      if (trusted || noun_cue) {
        drop_learned[j] = 1;
        continue;
      }
      drop_rule[i] = 1;
      if (!learned[j].source && r.source && learned[j].cue.span.overlaps(r.cue.span)) {
        learned[j].source = r.source;
        learned[j].source_entity = r.source_entity;
        learned[j].anonymous = r.anonymous;
      }
    }
  }
  // a learned content ends where a kept claim's source or cue begins ("..., which X said")
  for (size_t j = 0; j < learned.size(); ++j) {
    if (drop_learned[j]) continue;
    Claim& l = learned[j];
    for (size_t i = 0; i < claims.size(); ++i) {
      if (drop_rule[i]) continue;
      uint32_t at = claims[i].source ? std::min(claims[i].source->span.start, claims[i].cue.span.start)
                                     : claims[i].cue.span.start;
      if (at > l.content.span.start && at < l.content.span.end && at >= l.cue.span.end) CutContent(doc, l, at);
    }
  }
  std::vector<Claim> merged;
  for (size_t i = 0; i < claims.size(); ++i)
    if (!drop_rule[i]) merged.push_back(std::move(claims[i]));
  for (size_t j = 0; j < learned.size(); ++j)
    if (!drop_learned[j]) merged.push_back(std::move(learned[j]));
  std::stable_sort(merged.begin(), merged.end(),
                   [](const Claim& a, const Claim& b) { return a.cue.span.start < b.cue.span.start; });
  claims = std::move(merged);
}

}  // namespace

void ExtractClaims(Document& doc, const AttributionModel* model) {
  doc.claims.clear();
  if (doc.tokens.empty()) return;
  Ctx c{doc, {}, {}, {}, {}};
  c.lower.reserve(doc.tokens.size());
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) c.lower.push_back(utf8::Lower(doc.token_text(i)));
  PairQuotes(c);
  c.gender = PersonGenders(c);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) ClaimsInSentence(c, s, doc.claims);
  if (model) {
    for (auto& cl : doc.claims) MarkDirect(c, cl);  // quotation kinds decide what the rules keep
    MergeLearned(c, *model, doc.claims);
  }
  for (auto& cl : doc.claims) MarkDirect(c, cl);
}

}  // namespace claimgraph::extract
