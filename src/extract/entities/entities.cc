// Entity extraction in five passes over the segmented document:
//  1. knowledge-base aliases (longest match over word pieces, so "North Korea-made" and
//     "Russian-occupied" yield their country part); a one-word alias inside a longer
//     name the recogniser found ("Jack London") is not taken;
//  2. ministries by pattern ("South Korea's foreign ministry", "Ministry of Defence");
//  3. unknown names from runs of capitalised words, typed by cues: titles, appositions,
//     reporting verbs, organisation and place head words, the given-name lexicon;
//  4. the recogniser's spans (Token::ner, when the document is tagged) that passes 1-3
//     did not settle, with conflicts resolved in MergeRecognizerSpans();
//  5. merging per document (surnames join full names, acronyms join their organisation)
//     and office titles ("the president") resolved to the holder on the article's date.
#include "extract/entities/entities.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "core/utf8.h"

namespace claimgraph::extract {
namespace {

using kb::AliasHit;
using kb::AliasKind;
using kb::KnowledgeBase;

template <size_t N>
bool In(const std::string_view (&set)[N], std::string_view w) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

// Capitalised words that never start a name by themselves.
constexpr std::string_view kMonthsAndDays[] = {"January", "February", "March",     "April",    "May",      "June",
                                               "July",    "August",   "September", "October",  "November", "December",
                                               "Monday",  "Tuesday",  "Wednesday", "Thursday", "Friday",   "Saturday",
                                               "Sunday",  "Jan.",     "Feb.",      "Aug.",     "Sept.",    "Oct."};

// Sentence openers and boilerplate that the corpus lexicon may miss.
constexpr std::string_view kNeverNames[] = {"the",       "a",
                                            "an",        "this",
                                            "that",      "these",
                                            "those",     "he",
                                            "she",       "it",
                                            "they",      "we",
                                            "i",         "you",
                                            "his",       "her",
                                            "its",       "their",
                                            "our",       "my",
                                            "your",      "in",
                                            "on",        "at",
                                            "of",        "for",
                                            "to",        "from",
                                            "by",        "with",
                                            "as",        "but",
                                            "and",       "or",
                                            "if",        "when",
                                            "while",     "after",
                                            "before",    "since",
                                            "although",  "though",
                                            "because",   "so",
                                            "yet",       "not",
                                            "no",        "there",
                                            "here",      "what",
                                            "who",       "which",
                                            "where",     "why",
                                            "how",       "copyright",
                                            "photo",     "advertisement",
                                            "meanwhile", "however",
                                            "according", "also"};

// Head words that make a capitalised name an organisation ("Kyiv Post", "Wagner Group").
constexpr std::string_view kOrgHeads[] = {"inc",          "inc.",
                                          "corp",         "corp.",
                                          "corporation",  "co.",
                                          "ltd",          "ltd.",
                                          "llc",          "plc",
                                          "ag",           "gmbh",
                                          "company",      "group",
                                          "holdings",     "industries",
                                          "motors",       "technologies",
                                          "systems",      "labs",
                                          "partners",     "securities",
                                          "exchange",     "bank",
                                          "fund",         "party",
                                          "ministry",     "department",
                                          "agency",       "bureau",
                                          "office",       "service",
                                          "services",     "authority",
                                          "board",        "commission",
                                          "committee",    "council",
                                          "assembly",     "parliament",
                                          "congress",     "senate",
                                          "cabinet",      "court",
                                          "tribunal",     "directorate",
                                          "secretariat",  "command",
                                          "army",         "navy",
                                          "forces",       "guard",
                                          "guards",       "corps",
                                          "brigade",      "brigades",
                                          "battalion",    "regiment",
                                          "front",        "movement",
                                          "militia",      "university",
                                          "college",      "academy",
                                          "school",       "institute",
                                          "institution",  "foundation",
                                          "society",      "association",
                                          "federation",   "union",
                                          "league",       "alliance",
                                          "coalition",    "organization",
                                          "organisation", "network",
                                          "times",        "post",
                                          "news",         "press",
                                          "journal",      "telegraph",
                                          "herald",       "tribune",
                                          "daily",        "broadcasting",
                                          "television",   "radio",
                                          "tv",           "airlines",
                                          "airways",      "hospital",
                                          "museum",       "police",
                                          "church",       "embassy",
                                          "center",       "centre",
                                          "energy",       "chambers",
                                          "capital",      "pharmaceuticals",
                                          "petroleum",    "oil",
                                          "steel",        "mining",
                                          "media",        "communications",
                                          "telecom",      "aerospace",
                                          "electric",     "electronics",
                                          "insurance",    "investments",
                                          "ventures",     "studios",
                                          "records",      "pictures",
                                          "dialog",       "dialogue",
                                          "initiative",   "project",
                                          "trust"};

// First words of organisation names built as "<Head> of <...>".
constexpr std::string_view kOrgPrefixes[] = {"ministry",     "department",   "university",  "bank",       "bureau",
                                             "institute",    "council",      "office",      "church",     "embassy",
                                             "organization", "organisation", "association", "federation", "union",
                                             "league",       "court",        "commission",  "committee",  "academy"};

// Last words of job titles: "Industry Secretary", "Chief Executive Officer".
constexpr std::string_view kTitleHeads[] = {
    "secretary", "minister",    "chancellor",    "governor",    "director",         "commissioner", "ambassador",
    "chairman",  "chairwoman",  "spokesman",     "spokeswoman", "spokesperson",     "president",    "leader",
    "chief",     "officer",     "envoy",         "adviser",     "advisor",          "mayor",        "judge",
    "commander", "coordinator", "premier",       "editor",      "executive",        "founder",      "manager",
    "analyst",   "economist",   "correspondent", "professor",   "senator",          "speaker",      "prosecutor",
    "attorney",  "inspector",   "rapporteur",    "negotiator",  "secretary-general"};

constexpr std::string_view kLocHeads[] = {"river",  "sea",     "ocean",   "mountains", "mountain",  "lake",
                                          "valley", "desert",  "island",  "islands",   "peninsula", "gulf",
                                          "bay",    "strait",  "straits", "coast",     "plateau",   "basin",
                                          "canal",  "heights", "hills",   "forest",    "mount",     "mt."};

constexpr std::string_view kGpeHeads[] = {"city",     "province",   "county",  "oblast", "governorate",
                                          "district", "prefecture", "village", "town",   "municipality"};

// Lower-case nouns after a place name: "Donetsk region", "Idlib province".
constexpr std::string_view kGeoNouns[] = {"region", "oblast", "province",   "governorate", "district",
                                          "county", "city",   "prefecture", "village"};

constexpr std::string_view kReportingVerbs[] = {
    "said",   "says",      "say",       "told",   "tells",  "added", "adds",   "stated",  "states",  "claimed",
    "claims", "announced", "announces", "warned", "warns",  "wrote", "writes", "noted",   "notes",   "insisted",
    "argued", "explained", "confirmed", "denied", "denies", "asked", "urged",  "alleged", "tweeted", "posted"};

constexpr std::string_view kLocativePreps[] = {"in",     "near",       "outside", "inside", "across",
                                               "around", "throughout", "towards", "toward", "within"};

constexpr std::string_view kNameParticles[] = {"de", "da",  "di",  "du", "van", "von", "der", "den", "la",
                                               "le", "bin", "ibn", "al", "el",  "dos", "das", "del", "ben"};

// "shares in Elan", "was in Tysabri": "in" that does not introduce a place.
constexpr std::string_view kNotLocativeBefore[] = {
    "shares",   "share",     "stake",    "stakes", "investment", "investments", "interest", "invest",
    "invested", "investing", "was",      "is",     "are",        "were",        "be",       "been",
    "believe",  "believes",  "believed", "trust",  "role",       "part",        "roles",    "starring",
    "starred",  "appeared",  "appears",  "star",   "stars",      "lies",        "lay"};

// Lower-case words that may follow a place name in "in <Place> ..."; any other lower-case
// word after it suggests an adjective ("in Scottish prisons").
constexpr std::string_view kFollowPlace[] = {
    "and",  "or",    "but",    "on",    "in",     "at",      "to",        "from",      "for",   "with",    "by",
    "of",   "after", "before", "since", "during", "until",   "where",     "which",     "that",  "who",     "as",
    "when", "while", "last",   "this",  "next",   "earlier", "later",     "yesterday", "today", "tonight", "is",
    "was",  "are",   "were",   "has",   "have",   "had",     "will",      "would",     "could", "can",     "said",
    "says", "say",   "told",   "and",   "late",   "early",   "overnight", "amid",      "near",  "than"};

// Words before a title that mean someone other than the current holder.
constexpr std::string_view kNotCurrent[] = {"former", "ex",     "late",   "then", "vice",
                                            "deputy", "acting", "future", "next", "previous"};

struct Piece {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t token = 0;
  bool hyphen = false;
};

// A mention before merging.
struct Cand {
  Span span;
  std::string key;   // entities with the same key merge
  std::string name;  // canonical name (KB name, ministry name, or the mention text)
  std::string type;  // PERSON | ORG | GPE | LOC
  std::string kb;
  bool from_kb = false;
  // typed by a weak cue ("in X", a given name, a following "said"): the recogniser's
  // reading of the same words overrides it
  bool weak = false;
  bool dropped = false;  // superseded by a recogniser span
};

// A word that may still join an entity found elsewhere in the document.
struct Pending {
  Span span;
  std::string text;
  bool acronym = false;
};

bool StartsUpper(std::string_view w) {
  size_t i = 0;
  return !w.empty() && utf8::IsUpper(utf8::Next(w, i));
}

bool IsAllCapsWord(std::string_view w) {
  bool letters = false;
  size_t i = 0;
  while (i < w.size()) {
    char32_t c = utf8::Next(w, i);
    if (utf8::IsLower(c)) return false;
    if (utf8::IsAlpha(c)) letters = true;
  }
  return letters;
}

bool IsRomanNumeral(std::string_view w) {
  if (w.empty() || w.size() > 4) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

class Extractor {
 public:
  Extractor(Document& doc, const KnowledgeBase& kb, const EntityOptions& options)
      : doc_(doc), kb_(kb), options_(options) {}

  void Run() {
    if (doc_.tokens.empty() || doc_.sentences.empty()) return;  // needs text::Segment first
    Prepare();
    ReadRecognizerSpans();
    MatchKnowledgeBase();
    MatchMinistries();
    first_rule_cand_ = cands_.size();
    FindUnknownNames();
    MergeRecognizerSpans();
    Merge();
  }

 private:
  // ---------- token helpers ----------
  std::string_view Tok(uint32_t i) const { return doc_.token_text(i); }
  const std::string& Lower(uint32_t i) const { return lower_[i]; }
  bool IsWord(uint32_t i) const { return i < doc_.tokens.size() && doc_.tokens[i].kind == TokenKind::kWord; }
  bool Glued(uint32_t i) const { return i < doc_.tokens.size() && !doc_.tokens[i].space_before; }
  bool IsPossessive(uint32_t i) const {
    if (!IsWord(i) || !Glued(i)) return false;
    std::string f = utf8::Fold(Tok(i));
    return f == "'s" || f == "'S" || f == "'";
  }
  bool IsCommon(std::string_view w) const {
    std::string l = utf8::Lower(w);
    return kb_.IsCommonWord(l) || In(kNeverNames, l);
  }
  bool IsMonthOrDay(std::string_view w) const { return In(kMonthsAndDays, w); }

  // "al-Assad", "el-Sisi": a lower-case particle glued to a capitalised name.
  bool IsParticleName(std::string_view w) const {
    size_t dash = w.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= w.size()) return false;
    std::string head = utf8::Lower(w.substr(0, dash));
    return (head == "al" || head == "el" || head == "ad" || head == "as" || head == "ash" || head == "an" ||
            head == "at" || head == "az" || head == "bin" || head == "ibn" || head == "abu") &&
           StartsUpper(w.substr(dash + 1));
  }
  bool IsNameWord(uint32_t i) const {
    if (!IsWord(i) || IsPossessive(i)) return false;
    std::string_view w = Tok(i);
    return StartsUpper(w) || IsParticleName(w);
  }

  uint32_t SentenceOf(uint32_t token) const { return sentence_of_token_[token]; }
  bool IsHeadline(uint32_t token) const { return headline_[SentenceOf(token)]; }
  // The first word of the token's sentence, past opening quotes, brackets and dashes.
  uint32_t FirstWordOfSentence(uint32_t token) const {
    const Sentence& s = doc_.sentences[SentenceOf(token)];
    for (uint32_t i = s.first_token; i < s.end_token; ++i)
      if (doc_.tokens[i].kind == TokenKind::kWord || doc_.tokens[i].kind == TokenKind::kNumber) return i;
    return s.first_token;
  }
  bool AtSentenceStart(uint32_t token) const { return FirstWordOfSentence(token) == token; }

  // ---------- preparation ----------
  void Prepare() {
    const auto& toks = doc_.tokens;
    sentence_of_token_.assign(toks.size(), 0);
    headline_.assign(doc_.sentences.size(), false);
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      for (uint32_t i = sent.first_token; i < sent.end_token && i < toks.size(); ++i) sentence_of_token_[i] = s;
      headline_[s] = sent.headline || LooksTitleCase(sent);
    }
    // word pieces: hyphenated words split into parts and hyphens
    token_first_piece_.assign(toks.size() + 1, 0);
    for (uint32_t i = 0; i < toks.size(); ++i) {
      token_first_piece_[i] = static_cast<uint32_t>(pieces_.size());
      const Token& t = toks[i];
      std::string_view w = doc_.slice(t.span);
      if (t.kind != TokenKind::kWord || w.find('-') == std::string_view::npos) {
        pieces_.push_back({t.span.start, t.span.end, i, false});
        continue;
      }
      uint32_t start = t.span.start;
      for (uint32_t k = 0; k < w.size(); ++k) {
        if (w[k] != '-') continue;
        uint32_t at = t.span.start + k;
        if (at > start) pieces_.push_back({start, at, i, false});
        pieces_.push_back({at, at + 1, i, true});
        start = at + 1;
      }
      if (t.span.end > start) pieces_.push_back({start, t.span.end, i, false});
    }
    token_first_piece_[toks.size()] = static_cast<uint32_t>(pieces_.size());
    covered_.assign(toks.size(), false);
    lower_.reserve(toks.size());
    for (uint32_t i = 0; i < toks.size(); ++i) {
      std::string_view w = Tok(i);
      bool ascii = std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      if (ascii) {
        std::string l(w);
        for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        lower_.push_back(std::move(l));
      } else {
        lower_.push_back(utf8::Lower(w));
      }
    }
  }

  // A line of capitalised words ("Report Claims N Korea Will Send Troops To Russia") is a
  // headline even when the reader did not mark it.
  bool LooksTitleCase(const Sentence& s) const {
    int long_words = 0, capitalised = 0;
    bool ends_with_period = false;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      if (doc_.tokens[i].kind != TokenKind::kWord) {
        ends_with_period = Tok(i) == ".";
        continue;
      }
      ends_with_period = false;
      if (Tok(i).size() <= 3) continue;
      ++long_words;
      if (doc_.tokens[i].capitalised) ++capitalised;
    }
    return long_words >= 3 && capitalised * 10 >= long_words * 8 && !ends_with_period;
  }

  // ---------- pass 1: knowledge-base aliases ----------
  struct KbMatch {
    uint32_t first_piece, end_piece;  // [first, end)
    const std::vector<AliasHit>* hits;
  };

  void MatchKnowledgeBase() {
    std::vector<KbMatch> matches;
    size_t max_bytes = kb_.max_alias_bytes();
    for (const Sentence& s : doc_.sentences) {
      uint32_t pf = token_first_piece_[s.first_token];
      uint32_t pe = token_first_piece_[std::min<size_t>(s.end_token, doc_.tokens.size())];
      bool caps_sentence = SentenceInCapitals(s);
      for (uint32_t p = pf; p < pe;) {
        const Piece& first = pieces_[p];
        if (first.hyphen || !StartsAlnum(first)) {
          ++p;
          continue;
        }
        uint32_t best_end = 0;
        const std::vector<AliasHit>* best = nullptr;
        for (uint32_t q = p; q < pe; ++q) {
          if (pieces_[q].end - first.start > max_bytes) break;
          if (pieces_[q].hyphen) continue;
          std::string_view text = std::string_view(doc_.text).substr(first.start, pieces_[q].end - first.start);
          const auto* hits = kb_.Lookup(text);
          // text in capitals ("JERUSALEM (Reuters)", an all-caps headline)
          bool caps = caps_sentence || (IsAllCapsWord(text) && text.size() >= 4);
          if (!hits && caps) hits = kb_.LookupCaseless(text);
          if (hits) {
            best = hits;
            best_end = q + 1;
          }
          if (!caps && !kb_.IsAliasPrefix(text)) break;
        }
        if (best && AcceptKbMatch(p, best_end, *best) && !InsideRecognizedName(p, best_end, *best)) {
          matches.push_back({p, best_end, best});
          p = best_end;
        } else {
          ++p;
        }
      }
    }
    // countries named outright steer ambiguous places towards their country
    std::set<uint32_t> named_specifically;
    for (const auto& m : matches) {
      const auto& e = kb_.entry(m.hits->front().entry);
      if (m.hits->size() == 1 && e.type == "GPE" && e.id.size() == 3) doc_countries_.insert(e.id);
      for (const auto& h : *m.hits)
        if (!h.generic) named_specifically.insert(h.entry);
    }
    for (const auto& m : matches) {
      uint32_t idx = ChooseHit(m);
      // a generic alias ("Congress", "Commission") names its entry only when the document
      // also names that entry's country or the entry itself in a specific way
      bool generic = std::all_of(m.hits->begin(), m.hits->end(), [](const AliasHit& h) { return h.generic; });
      if (generic) {
        const kb::Entry& e = kb_.entry(idx);
        if (!named_specifically.count(idx) && !(e.country.size() == 3 && doc_countries_.count(e.country))) continue;
      }
      const kb::Entry& e = kb_.entry(idx);
      Span span{pieces_[m.first_piece].start, pieces_[m.end_piece - 1].end};
      AddKbCand(span, e);
      kb_cand_by_end_[span.end] = cands_.size() - 1;
      kb_cand_by_start_[span.start] = cands_.size() - 1;
      for (uint32_t q = m.first_piece; q < m.end_piece; ++q) covered_[pieces_[q].token] = true;
    }
  }

  bool StartsAlnum(const Piece& p) const {
    size_t i = p.start;
    char32_t c = utf8::Next(doc_.text, i);
    return utf8::IsAlpha(c) || utf8::IsDigit(c);
  }

  bool SentenceInCapitals(const Sentence& s) const {
    int words = 0;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      if (doc_.tokens[i].kind != TokenKind::kWord) continue;
      if (!IsAllCapsWord(Tok(i))) return false;
      ++words;
    }
    return words >= 3;
  }

  // Rejects alias matches that are really part of a longer name: "George Washington",
  // "Chad Smith", "China Daily".
  bool AcceptKbMatch(uint32_t first_piece, uint32_t end_piece, const std::vector<AliasHit>& hits) const {
    const kb::Entry& top = kb_.entry(hits.front().entry);
    bool single_word = end_piece - first_piece == 1;
    uint32_t first_tok = pieces_[first_piece].token;
    uint32_t last_tok = pieces_[end_piece - 1].token;
    bool ends_token = pieces_[end_piece - 1].end == doc_.tokens[last_tok].span.end;
    bool starts_token = pieces_[first_piece].start == doc_.tokens[first_tok].span.start;
    if (!starts_token || !ends_token) return true;  // part of a hyphenated compound
    if (top.type == "PERSON") {
      // a surname alias after an unknown first name is somebody else: "Jack McConnell"
      if (!single_word || first_tok == 0) return true;
      uint32_t prev = first_tok - 1;
      return !(IsNameWord(prev) && !covered_[prev] && doc_.tokens[first_tok].space_before &&
               SentenceOf(prev) == SentenceOf(first_tok) && !IsCommon(Tok(prev)) && !kb_.TitleOffice(Lower(prev)) &&
               !IsAllCapsWord(Tok(prev)));
    }
    uint32_t next = last_tok + 1;
    if (next < doc_.tokens.size() && doc_.tokens[next].space_before && IsNameWord(next) &&
        SentenceOf(next) == SentenceOf(last_tok)) {
      // "Kharkiv Polytechnic University", "China Daily": the place names an organisation
      if (top.type != "ORG") {
        for (uint32_t k = next; k < next + 4 && k < doc_.tokens.size() && IsNameWord(k) && !kb_.Lookup(Tok(k)); ++k) {
          std::string w = Lower(k);
          if (w == "ministry") break;  // "Japanese Defense Ministry": the owner of a ministry
          if (In(kOrgHeads, w)) return false;
        }
      }
      if (single_word && kb_.SurnameCount(Tok(next)) >= 2 && kb_.GivenNameCount(Tok(first_tok)) >= 2 &&
          !kb_.Lookup(Tok(next)) && !IsCommon(Tok(next)))
        return false;
    }
    // "President Santiago Peña": a city name that is a given name here
    bool place_word =
        single_word && (hits.front().kind == AliasKind::kCapital || (top.type == "GPE" && top.id.size() != 3));
    if (place_word && next < doc_.tokens.size() && doc_.tokens[next].space_before && IsNameWord(next) &&
        SentenceOf(next) == SentenceOf(last_tok) && !kb_.Lookup(Tok(next)) && !IsCommon(Tok(next)) &&
        !In(kOrgHeads, Lower(next)) && !IsAllCapsWord(Tok(next)) && !IsHeadline(next))
      return false;
    if (place_word && first_tok > 0 && kb_.TitleOffice(Lower(first_tok - 1)) && IsNameWord(first_tok - 1)) return false;
    // "Denzel Washington", "Michael Jordan": an unknown capitalised word right before a
    // one-word place name makes it a surname
    if (single_word && first_tok > 0 && top.type != "ORG") {
      uint32_t prev = first_tok - 1;
      // a common word counts when it is a frequent first name mid-sentence: "Mark Cuban"
      int given = kb_.GivenNameCount(Tok(prev));
      bool name_like = !IsCommon(Tok(prev)) || given >= 10 || (given >= 3 && !AtSentenceStart(prev));
      if (IsNameWord(prev) && !covered_[prev] && doc_.tokens[first_tok].space_before &&
          SentenceOf(prev) == SentenceOf(first_tok) && name_like && !IsAllCapsWord(Tok(prev)) &&
          !IsMonthOrDay(Tok(prev)) && !kb_.TitleOffice(Lower(prev)) && !kb_.Lookup(Tok(prev)) && !IsHeadline(prev))
        return false;
    }
    return true;
  }

  // Among entries sharing an alias: a capital after "in"/"near" is the city, elsewhere the
  // country it stands for; otherwise the best priority, preferring the countries named.
  uint32_t ChooseHit(const KbMatch& m) const {
    const auto& hits = *m.hits;
    uint32_t first_tok = pieces_[m.first_piece].token;
    bool locative = first_tok > 0 && In(kLocativePreps, Lower(first_tok - 1));
    // a dateline: "JERUSALEM (Reuters) -", "KYIV, Ukraine -"
    uint32_t last_tok = pieces_[m.end_piece - 1].token;
    std::string_view text = std::string_view(doc_.text).substr(
        pieces_[m.first_piece].start, pieces_[m.end_piece - 1].end - pieces_[m.first_piece].start);
    if (IsAllCapsWord(text) && AtSentenceStart(first_tok) && last_tok + 1 < doc_.tokens.size() &&
        (Tok(last_tok + 1) == "(" || Tok(last_tok + 1) == ","))
      locative = true;
    if (first_tok > 1 && Lower(first_tok - 2) == "visit" && Lower(first_tok - 1) == "to") locative = true;
    const AliasHit* capital = nullptr;
    const AliasHit* city = nullptr;
    for (const auto& h : hits) {
      if (h.kind == AliasKind::kCapital && !capital) capital = &h;
      if (h.kind != AliasKind::kCapital && kb_.entry(h.entry).type == "GPE" && kb_.entry(h.entry).id.size() != 3 &&
          !city)
        city = &h;
    }
    if (capital) return locative && city ? city->entry : capital->entry;
    for (const auto& h : hits) {
      const auto& e = kb_.entry(h.entry);
      if (e.priority == kb_.entry(hits.front().entry).priority && !e.country.empty() && doc_countries_.count(e.country))
        return h.entry;
    }
    return hits.front().entry;
  }

  void AddKbCand(Span span, const kb::Entry& e) {
    Cand c;
    c.span = span;
    c.key = "kb:" + e.id;
    c.name = e.name;
    c.type = e.type;
    c.kb = e.id;
    c.from_kb = true;
    cands_.push_back(std::move(c));
  }

  // The KB candidate that covers exactly [start, end) of the text, if any.
  const Cand* KbCandEndingAt(uint32_t end_offset) const {
    auto it = kb_cand_by_end_.find(end_offset);
    return it == kb_cand_by_end_.end() ? nullptr : &cands_[it->second];
  }

  // ---------- pass 2: ministries ----------
  // The owner of a ministry named right before token `i` ("South Korea's", "Russian", "the US").
  const Cand* OwnerBefore(uint32_t i, uint32_t* owner_start_token) const {
    if (i == 0) return nullptr;
    uint32_t j = i - 1;
    if (IsPossessive(j)) {
      if (j == 0) return nullptr;
      --j;
    }
    const Cand* c = KbCandEndingAt(doc_.tokens[j].span.end);
    if (!c || (c->type != "GPE" && c->type != "LOC")) return nullptr;
    uint32_t t = j;
    while (t > 0 && doc_.tokens[t].span.start > c->span.start) --t;
    *owner_start_token = t;
    return c;
  }

  // Longest portfolio ("foreign affairs", "defense") whose words are tokens [from, from+n).
  const kb::Portfolio* PortfolioAt(uint32_t from, uint32_t limit, uint32_t* n_out) const {
    for (uint32_t n = 3; n >= 1; --n) {
      if (from + n > limit) continue;
      std::string words;
      bool ok = true;
      for (uint32_t k = 0; k < n && ok; ++k) {
        ok = IsWord(from + k);
        if (k) words += ' ';
        words += Lower(from + k);
      }
      if (!ok) continue;
      if (const auto* p = kb_.FindPortfolio(words)) {
        *n_out = n;
        return p;
      }
    }
    return nullptr;
  }

  // Portfolio words ending right before token `end` (exclusive).
  const kb::Portfolio* PortfolioBefore(uint32_t end, uint32_t floor, uint32_t* start_out) const {
    for (uint32_t n = 3; n >= 1; --n) {
      if (end < floor + n) continue;
      uint32_t n_found = 0;
      const auto* p = PortfolioAt(end - n, end, &n_found);
      if (p && n_found == n) {
        *start_out = end - n;
        return p;
      }
    }
    return nullptr;
  }

  void MatchMinistries() {
    const auto& toks = doc_.tokens;
    for (uint32_t i = 0; i < toks.size(); ++i) {
      if (!IsWord(i) || covered_[i]) continue;
      std::string w = Lower(i);
      if (w != "ministry" && w != "ministries") continue;
      const Sentence& s = doc_.sentences[SentenceOf(i)];
      // "the ministry said": the ministry named last before
      if (w == "ministry" && i > s.first_token && Lower(i - 1) == "the" && !last_ministry_key_.empty() &&
          !(i + 1 < s.end_token && (Lower(i + 1) == "of" || Lower(i + 1) == "for"))) {
        Cand c = last_ministry_;
        c.span = toks[i].span;
        cands_.push_back(std::move(c));
        covered_[i] = true;
        continue;
      }
      uint32_t start_tok = i, end_tok = i + 1;
      const kb::Portfolio* portfolio = nullptr;
      const Cand* owner = nullptr;
      uint32_t owner_tok = 0, pstart = 0;
      bool owner_before = false;
      if ((portfolio = PortfolioBefore(i, s.first_token, &pstart))) {
        // "<owner> <portfolio> ministry"
        start_tok = pstart;
        owner = OwnerBefore(pstart, &owner_tok);
        owner_before = owner != nullptr;
      } else if (i + 2 < s.end_token && (Lower(i + 1) == "of" || Lower(i + 1) == "for")) {
        // "Ministry of <portfolio> [of <owner>]"
        uint32_t n = 0;
        portfolio = PortfolioAt(i + 2, s.end_token, &n);
        if (!portfolio) continue;
        end_tok = i + 2 + n;
        owner = OwnerBefore(i, &owner_tok);
        owner_before = owner != nullptr;
        if (!owner && end_tok + 1 < s.end_token && Lower(end_tok) == "of") {
          uint32_t k = end_tok + 1;
          if (Lower(k) == "the" && k + 1 < s.end_token) ++k;
          auto it = kb_cand_by_start_.find(toks[k].span.start);
          if (it != kb_cand_by_start_.end() && cands_[it->second].type == "GPE") {
            owner = &cands_[it->second];
            while (end_tok < s.end_token && toks[end_tok].span.end <= owner->span.end) ++end_tok;
          }
        }
      } else {
        continue;
      }
      if (!portfolio) continue;
      Span span{toks[owner_before ? owner_tok : start_tok].span.start, toks[end_tok - 1].span.end};
      Cand c;
      c.span = span;
      c.type = "ORG";
      if (owner) {
        const kb::Entry& oe = kb_.entry(*kb_.FindId(owner->kb));
        std::string owner_name = !oe.demonym.empty() ? oe.demonym : oe.name;
        c.key = "min:" + oe.id + ":" + portfolio->code;
        c.name = owner_name + " " + portfolio->name + " ministry";
        c.kb = oe.id + "-" + portfolio->code;
      } else {
        c.key = "min::" + portfolio->code;
        c.name = portfolio->name + " ministry";
      }
      last_ministry_key_ = c.key;
      last_ministry_ = c;
      cands_.push_back(std::move(c));
      for (uint32_t k = start_tok; k < end_tok; ++k) covered_[k] = true;
    }
  }

  // ---------- pass 3: unknown names ----------
  // Longest title starting at token `i` (within the sentence): its length in tokens.
  uint32_t TitleAt(uint32_t i, uint32_t limit, const std::string** office) const {
    uint32_t best = 0;
    std::string words;
    for (uint32_t k = i; k < limit && k - i < kb_.max_title_words(); ++k) {
      if (!IsWord(k) || IsPossessive(k)) break;
      if (k > i) words += ' ';
      words += Lower(k);
      if (!kb_.IsTitlePrefix(words)) break;
      if (const std::string* o = kb_.TitleOffice(words)) {
        if (office) *office = o;
        best = k - i + 1;
      }
    }
    return best;
  }

  // Title ending right before token `i`, across one optional comma ("vice minister of defense, Kim").
  bool TitleBefore(uint32_t i, uint32_t floor, const std::string** office) const {
    uint32_t end = i;
    if (end > floor && Tok(end - 1) == ",") --end;
    for (uint32_t n = static_cast<uint32_t>(kb_.max_title_words()); n >= 1; --n) {
      if (end < floor + n) continue;
      if (TitleAt(end - n, end, office) == n) return true;
    }
    return false;
  }

  // ", one of ...", ", a former ...", ", 45," or ", who" after a name: a person.
  bool AppositionAfter(uint32_t next, uint32_t limit) const {
    if (next + 1 >= limit || Tok(next) != ",") return false;
    std::string w = Lower(next + 1);
    if (w == "one" || w == "who" || w == "aged" || w == "a" || w == "an") return true;
    if (doc_.tokens[next + 1].kind == TokenKind::kNumber && next + 2 < limit && Tok(next + 2) == ",") return true;
    if (w == "the" && next + 2 < limit) {
      // ", the country's ..." is not about a person; ", the head of ..." is
      std::string w2 = Lower(next + 2);
      return kb_.TitleOffice(w2) != nullptr || w2 == "head" || w2 == "chief" || w2 == "leader" || w2 == "founder";
    }
    return kb_.TitleOffice(w) != nullptr && !doc_.tokens[next + 1].capitalised;
  }

  bool ReportingVerbAt(uint32_t i, uint32_t limit) const {
    if (i >= limit) return false;
    return In(kReportingVerbs, Lower(i));
  }

  // End offset of token `i` as part of a name: "USW-made" ends after "USW".
  uint32_t NameEnd(uint32_t i, bool* truncated) const {
    *truncated = false;
    std::string_view w = Tok(i);
    size_t dash = w.find('-');
    while (dash != std::string_view::npos && dash + 1 < w.size()) {
      std::string_view rest = w.substr(dash + 1);
      size_t next_dash = rest.find('-');
      std::string_view part = rest.substr(0, next_dash);
      if (!StartsUpper(part) && (IsCommon(part) || part.size() > 4 || part.ends_with("ed"))) {
        *truncated = true;
        return doc_.tokens[i].span.start + static_cast<uint32_t>(dash);
      }
      dash = next_dash == std::string_view::npos ? std::string_view::npos : dash + 1 + next_dash;
    }
    return doc_.tokens[i].span.end;
  }

  void FindUnknownNames() {
    const auto& toks = doc_.tokens;
    for (const Sentence& s : doc_.sentences) {
      uint32_t end = std::min<uint32_t>(s.end_token, static_cast<uint32_t>(toks.size()));
      for (uint32_t i = s.first_token; i < end;) {
        if (covered_[i] || !IsNameWord(i)) {
          ++i;
          continue;
        }
        // chunk [i, j): capitalised words, name particles, and "of"/"for"/"and" inside org names
        uint32_t j = i;
        bool truncated = false;
        std::vector<uint32_t> ends;
        bool org_word = In(kOrgPrefixes, Lower(i));
        bool saw_of = false;
        while (j < end && !covered_[j]) {
          if (IsNameWord(j) && (j == i || toks[j].space_before)) {
            ends.push_back(NameEnd(j, &truncated));
            org_word = org_word || In(kOrgHeads, Lower(j));
            ++j;
            if (truncated) break;
            continue;
          }
          std::string w = Lower(j);
          bool particle = In(kNameParticles, w) && j + 1 < end && IsNameWord(j + 1) && !covered_[j + 1];
          // "of"/"for" inside organisation names; "and" only after them ("Department of Trade
          // and Industry"), so lists like "Liggett Group and Brown" stay apart
          bool joins = w == "of" || w == "for" || w == "&" || (w == "and" && saw_of);
          bool connector = org_word && joins && j + 1 < end && !covered_[j + 1] &&
                           (IsNameWord(j + 1) || (Lower(j + 1) == "the" && j + 2 < end && IsNameWord(j + 2)));
          if (connector && Lower(j + 1) == "the") {
            ends.push_back(toks[j].span.end);
            ++j;
          }
          if (!particle && !connector) break;
          saw_of = saw_of || w == "of" || w == "for";
          ends.push_back(toks[j].span.end);
          ++j;
        }
        // trailing connectors never end a name
        while (j > i + 1 && !IsNameWord(j - 1)) {
          --j;
          ends.pop_back();
        }
        AnalyseChunk(s, i, j, ends, end);
        i = std::max(j, i + 1);
      }
    }
  }

  void AnalyseChunk(const Sentence& s, uint32_t a, uint32_t b, const std::vector<uint32_t>& ends, uint32_t limit) {
    const auto& toks = doc_.tokens;
    bool headline = IsHeadline(a);
    const std::string* office = nullptr;
    bool titled = TitleBefore(a, s.first_token, &office);
    const std::string* inner_office = nullptr;
    // a lower-case job word right before: "WorldCom chief Bernie Ebbers"
    if (!titled && a > s.first_token && IsWord(a - 1) && !doc_.tokens[a - 1].capitalised &&
        (In(kTitleHeads, Lower(a - 1)) || Lower(a - 1) == "boss"))
      titled = true;
    // leading titles inside the chunk ("President", "Defense Minister", "Gen."), and the
    // sentence's first word when it is an ordinary word ("But Mr Herron")
    uint32_t first = a;
    while (first < b) {
      if (uint32_t n = TitleAt(first, b, &inner_office)) {
        titled = true;
        office = inner_office;
        first += n;
        continue;
      }
      bool opener = first == a && AtSentenceStart(a) && IsCommon(Tok(a));
      bool month = IsMonthOrDay(Tok(first)) && !(titled && first + 1 == b);  // but "Mrs May"
      if (!opener && !month && !In(kNeverNames, Lower(first))) break;
      ++first;
    }
    // a longer title ending in a head word: "Trade and Industry Secretary Patricia Hewitt"
    for (uint32_t k = b - 1; k-- > first;) {
      std::string word = Lower(k);
      bool title_word = In(kTitleHeads, word) || (kb_.TitleOffice(word) && !IsCommon(Tok(k + 1)));
      if (!title_word || !IsNameWord(k + 1) || In(kTitleHeads, Lower(k + 1))) continue;
      const std::string* phrase_office = nullptr;
      if (TitleAt(first, k + 1, &phrase_office) == k + 1 - first) office = phrase_office;
      titled = true;
      first = k + 1;
      break;
    }
    if (first >= b) return;  // a title alone ("Defense Minister" before a known name)
    uint32_t last = b - 1;
    // trailing dates, post-nominal letters and titles: "Philippe Sands QC", "Kelvin Hopkins MP"
    while (last > first && ((IsMonthOrDay(Tok(last)) && !titled) || !IsNameWord(last) ||
                            (IsAllCapsWord(Tok(last)) && Tok(last).size() >= 2 && !IsRomanNumeral(Tok(last)))))
      --last;
    // a leading acronym before a person's name: "EADS Philippe Camus"
    if (last > first + 1 && IsAllCapsWord(Tok(first)) && Tok(first).size() >= 2 &&
        kb_.GivenNameCount(Tok(first + 1)) >= 2)
      ++first;
    uint32_t n = last - first + 1;
    Span span{toks[first].span.start, ends[last - a]};
    std::string text(doc_.slice(span));
    uint32_t after = b;
    bool all_common = true;
    for (uint32_t k = first; k <= last; ++k)
      if (!(IsCommon(Tok(k)) || IsMonthOrDay(Tok(k)) || IsRomanNumeral(Tok(k)))) all_common = false;
    std::string head = Lower(last);
    std::string lead = Lower(first);

    // acronym defined in brackets right after: "Rapid Support Forces (RSF)"
    std::string acronym;
    if (after + 2 < limit && Tok(after) == "(" && IsAllCapsWord(Tok(after + 1)) && Tok(after + 2) == ")")
      acronym = std::string(Tok(after + 1));

    std::string type;
    if ((In(kOrgHeads, head) && n >= 2) || (In(kOrgPrefixes, lead) && n >= 3)) {
      type = "ORG";
    } else if (In(kLocHeads, head) || (n >= 2 && (lead == "mount" || lead == "lake" || lead == "gulf"))) {
      type = "LOC";
    } else if (In(kGpeHeads, head) && n >= 2) {
      type = "GPE";
    } else if (after < limit && In(kGeoNouns, Lower(after)) && !all_common && !titled &&
               !(after + 1 < limit && IsWord(after + 1) && !doc_.tokens[after + 1].capitalised &&
                 !In(kFollowPlace, Lower(after + 1)))) {
      std::string noun = Lower(after);
      span.end = toks[after].span.end;
      text = std::string(doc_.slice(span));
      type = (noun == "region" || noun == "oblast") ? "LOC" : "GPE";
    }
    // "the village of Staromaiorske", "the town of Bakhmut"
    if (type.empty() && first >= s.first_token + 2 && Lower(first - 1) == "of" &&
        (In(kGeoNouns, Lower(first - 2)) || Lower(first - 2) == "town" || Lower(first - 2) == "settlement") &&
        !all_common)
      type = "GPE";
    if (!type.empty()) {
      if (all_common && type != "ORG") return;
      if (all_common && n < 2) return;
      if (headline) return;  // title-case headline words are not names by themselves
      // "Central Bank of Kenya": the organisation takes its country along
      if (type == "ORG" && after + 1 < limit && Lower(after) == "of") {
        auto it = kb_cand_by_start_.find(doc_.tokens[after + 1].span.start);
        if (it != kb_cand_by_start_.end() && cands_[it->second].type == "GPE") {
          span.end = cands_[it->second].span.end;
          text = std::string(doc_.slice(span));
        }
      }
      AddUnknown(span, text, type, acronym);
      return;
    }
    if (all_common && !titled) return;  // "Mrs May" is a name, "World War III" is not
    if (all_common && n == 1 && (In(kOrgHeads, head) || In(kGpeHeads, head) || In(kLocHeads, head)))
      return;  // "the Queen City"
    // words in capitals say nothing about being a name: "NASEEM RETAINS WBO TITLE"
    bool caps_only = true;
    for (uint32_t k = first; k <= last; ++k) caps_only = caps_only && IsAllCapsWord(Tok(k));
    if (caps_only && n >= 2) return;
    bool acronym_chunk = n == 1 && IsAllCapsWord(Tok(first)) && Tok(first).size() >= 2;
    if (acronym_chunk) {
      pending_.push_back({span, text, true});
      return;
    }
    bool person_cue = titled || AppositionAfter(after, limit);
    bool verb_after =
        ReportingVerbAt(after, limit) || (after < limit && Tok(after) == "," && ReportingVerbAt(after + 1, limit));
    int given_count = kb_.GivenNameCount(Tok(first));
    bool given = given_count >= 2 && (!IsCommon(Tok(first)) || (given_count >= 3 && !AtSentenceStart(first)));
    bool locative = first > s.first_token && In(kLocativePreps, Lower(first - 1)) &&
                    !(first - 1 > s.first_token && In(kNotLocativeBefore, Lower(first - 2)));
    // ordinary words inside the name; a frequent first name ("Mark", "Bill") does not count
    bool any_common = false;
    for (uint32_t k = first; k <= last; ++k)
      any_common = any_common || (IsCommon(Tok(k)) &&
                                  !(k == first && n >= 2 && kb_.GivenNameCount(Tok(k)) >= 3 && !AtSentenceStart(k)));

    if (person_cue || (n >= 2 && n <= 4 && !any_common && (given || verb_after))) {
      if (headline && !titled && !given) return;
      if (n == 1 && !titled) {
        pending_.push_back({span, text, false});
        return;
      }
      AddPerson(span, text, office, /*weak=*/!person_cue);
      return;
    }
    if (headline) {
      if (n == 1) pending_.push_back({span, text, false});
      return;
    }
    if (n >= 2 && n <= 4 && !any_common) {
      // untyped for now: a person if a later "Mr <last word>" says so
      pending_names_.push_back({span, text, false});
      return;
    }
    // "in Avdiivka", but not "in Scottish prisons"
    bool noun_follows =
        after < limit && IsWord(after) && !doc_.tokens[after].capitalised && !In(kFollowPlace, Lower(after));
    if (locative && !any_common && n <= 3 && !noun_follows) {
      AddUnknown(span, text, "GPE", acronym, /*weak=*/true);
      return;
    }
    if (n == 1) {
      // a lone surname: joins a person named elsewhere, or stands alone before "said"
      if (verb_after && kb_.SurnameCount(text) >= 1) {
        AddPerson(span, text, nullptr, /*weak=*/true);
        return;
      }
      pending_.push_back({span, text, false});
    }
  }

  void AddUnknown(Span span, const std::string& text, const std::string& type, const std::string& acronym,
                  bool weak = false) {
    Cand c;
    c.span = span;
    c.weak = weak;
    c.type = type;
    c.name = text;
    c.key = "u:" + type + ":" + KnowledgeBase::Normalise(text);
    if (!acronym.empty()) acronym_keys_[acronym] = c.key;
    cands_.push_back(std::move(c));
  }

  // A titled or otherwise cued person; "President Ruto" links to the KB when the holder of
  // that office on the article's date has that surname.
  void AddPerson(Span span, const std::string& text, const std::string* office, bool weak = false) {
    Cand c;
    c.span = span;
    c.weak = weak;
    c.type = "PERSON";
    c.name = text;
    c.key = "u:PERSON:" + KnowledgeBase::Normalise(text);
    if (office && !office->empty() && !doc_.published.empty()) {
      std::vector<std::string> words = SplitWords(KnowledgeBase::Normalise(text));
      for (const kb::Term* t : kb_.TermsOn(*office, doc_.published)) {
        const kb::Entry& p = kb_.entry(t->person);
        std::vector<std::string> pw = SplitWords(p.name);
        if (!words.empty() && !pw.empty() && pw.back() == words.back()) {
          c.key = "kb:" + p.id;
          c.name = p.name;
          c.kb = p.id;
          c.from_kb = true;
          break;
        }
      }
    }
    cands_.push_back(std::move(c));
  }

  // ---------- recogniser spans (Token::ner) ----------
  struct RecognizedSpan {
    uint32_t first = 0, end = 0;  // tokens [first, end)
    std::string type;             // PER | ORG | LOC | MISC
  };

  // BIO tags into spans; an I- tag that does not continue a span of its type opens one.
  void ReadRecognizerSpans() {
    span_of_token_.assign(doc_.tokens.size(), -1);
    if (!options_.use_recognizer || !doc_.tagged) return;
    const auto& toks = doc_.tokens;
    for (uint32_t i = 0; i < toks.size(); ++i) {
      const std::string& tag = toks[i].ner;
      if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') continue;
      std::string type = tag.substr(2);
      bool continues = tag[0] == 'I' && !recognized_.empty() && recognized_.back().end == i &&
                       recognized_.back().type == type && SentenceOf(recognized_.back().first) == SentenceOf(i);
      if (continues) {
        recognized_.back().end = i + 1;
      } else {
        recognized_.push_back({i, i + 1, type});
      }
      span_of_token_[i] = static_cast<int32_t>(recognized_.size() - 1);
    }
    for (const RecognizedSpan& r : recognized_)
      if (r.type == "PER" && r.end - r.first >= 2 && !IsHeadline(r.first) && !InCapitals(r.first))
        recognized_surnames_.insert(std::string(Tok(r.end - 1)));
  }

  bool InCapitals(uint32_t token) const { return SentenceInCapitals(doc_.sentences[SentenceOf(token)]); }

  // A one-word alias inside a longer name the recogniser found, where the alias's type
  // cannot be the name's: "Jack London" (PER), "Kyiv Post" (ORG), "Lake Victoria" (LOC);
  // or alone, as the surname of a person the recogniser found in full.
  // Country names and demonyms stay ("Bank of England", "Russian Orthodox Church" keep
  // their country), and so do matches in headlines and text in capitals, where the
  // recogniser is least reliable.
  bool InsideRecognizedName(uint32_t first_piece, uint32_t end_piece, const std::vector<AliasHit>& hits) const {
    if (recognized_.empty() || end_piece - first_piece != 1) return false;
    const Piece& piece = pieces_[first_piece];
    uint32_t tok = piece.token;
    if (piece.start != doc_.tokens[tok].span.start || piece.end != doc_.tokens[tok].span.end) return false;
    int32_t r = span_of_token_[tok];
    if (r < 0) return false;
    const RecognizedSpan& name = recognized_[r];
    if (name.type == "MISC" || IsHeadline(tok) || InCapitals(tok)) return false;
    if (name.end - name.first < 2) {
      // "Fox said" after "Vicente Fox": the surname of a person the recogniser found in full
      return name.type == "PER" && recognized_surnames_.count(std::string(Tok(tok))) &&
             kb_.entry(hits.front().entry).type != "PERSON" && hits.front().kind != AliasKind::kDemonym;
    }
    for (uint32_t k = name.first; k < name.end; ++k) {
      if (k == tok) continue;
      bool joiner = In(kNameParticles, Lower(k)) || Lower(k) == "of";
      if (!(IsNameWord(k) || joiner) || kb_.Lookup(Tok(k))) return false;
    }
    const kb::Entry& top = kb_.entry(hits.front().entry);
    if (hits.front().kind == AliasKind::kDemonym) return false;
    if (name.type == "PER") return top.type != "PERSON";
    bool country = hits.front().kind == AliasKind::kName && top.type == "GPE" && top.id.size() == 3;
    return !country;
  }

  // GPE or LOC for a place the knowledge base does not know: head words first ("Lake",
  // "River", "province"), then regions named by a compass word ("Southern Highlands");
  // anything else is taken for a settlement or state, the usual unknown place in news.
  std::string PlaceType(uint32_t first, uint32_t last) const {
    std::string head = Lower(last), lead = Lower(first);
    if (In(kLocHeads, head) || lead == "mount" || lead == "lake" || lead == "gulf" || lead == "mt.") return "LOC";
    if (In(kGpeHeads, head)) return "GPE";
    uint32_t after = last + 1;
    if (after < doc_.tokens.size() && SentenceOf(after) == SentenceOf(last)) {
      std::string noun = Lower(after);
      if (noun == "region") return "LOC";
      if (In(kGeoNouns, noun)) return "GPE";
    }
    constexpr std::string_view kCompass[] = {"north",    "south",    "east",    "west",    "northern", "southern",
                                             "eastern",  "western",  "central", "upper",   "lower",    "greater",
                                             "northeast", "northwest", "southeast", "southwest"};
    if (last > first && In(kCompass, lead)) return "LOC";
    return "GPE";
  }

  // Adds the recogniser's spans the knowledge base and the rules did not settle:
  //  - knowledge-base and ministry matches always win (their tokens are covered);
  //  - a rule match typed by a strong cue (a head word, a title) wins over an overlapping
  //    span; one typed by a weak cue gives way to the recogniser's span and type;
  //  - in headlines, text in capitals and for a capitalised common word opening a
  //    sentence the recogniser is noisy: such spans count only when the same words are an
  //    entity elsewhere in the document;
  //  - MISC is dropped (what the knowledge base knows of it is matched already);
  //  - one word that may be the first or last name of a person named in the document,
  //    and acronyms defined in the text, are left to the joins in Merge().
  void MergeRecognizerSpans() {
    if (recognized_.empty()) return;
    std::set<std::string> person_words;  // words of the document's multiword person names
    for (const auto& c : cands_) {
      if (c.type != "PERSON") continue;
      for (std::string_view text : {std::string_view(c.name), doc_.slice(c.span)}) {
        std::vector<std::string> w = SplitWords(KnowledgeBase::Normalise(text));
        if (w.size() >= 2) person_words.insert({w.front(), w.back()});
      }
    }
    for (const RecognizedSpan& r : recognized_) {
      if (r.type != "PER" || r.end - r.first < 2) continue;
      std::vector<std::string> w = SplitWords(KnowledgeBase::Normalise(
          doc_.slice({doc_.tokens[r.first].span.start, doc_.tokens[r.end - 1].span.end})));
      if (w.size() >= 2) person_words.insert({w.front(), w.back()});
    }
    std::vector<std::pair<Span, std::string>> deferred;  // span, recogniser type
    std::vector<Span> accepted;
    for (const RecognizedSpan& r : recognized_) {
      if (r.type != "PER" && r.type != "ORG" && r.type != "LOC") continue;
      uint32_t first = r.first, last = r.end - 1;
      while (first <= last && !IsNameWord(first) && doc_.tokens[first].kind != TokenKind::kNumber) ++first;
      while (last > first && !IsNameWord(last) && doc_.tokens[last].kind != TokenKind::kNumber) --last;
      if (first > last || !IsNameWord(first)) continue;
      // a bracket, comma or quote ends a name: "Mladost ( L )"
      for (uint32_t k = first + 1; k <= last; ++k) {
        std::string_view w = Tok(k);
        if (w == "(" || w == "," || doc_.tokens[k].kind == TokenKind::kQuote) {
          last = k - 1;
          break;
        }
      }
      while (last > first && !IsNameWord(last) && doc_.tokens[last].kind != TokenKind::kNumber) --last;
      bool known = false;
      for (uint32_t k = first; k <= last; ++k) known = known || covered_[k];
      // an organisation named after its place ("Kurdistan Democratic Party") takes the
      // place along, which stays an entity of its own, as in "Central Bank of Kenya"
      bool around_place = known && r.type == "ORG" && OrganisationAroundPlace(first, last);
      if (known && !around_place) continue;
      Span span{doc_.tokens[first].span.start, doc_.tokens[last].span.end};
      std::string text(doc_.slice(span));
      uint32_t n = last - first + 1;
      if (n == 1 && (IsMonthOrDay(text) || In(kNeverNames, Lower(first)))) continue;
      if (TitleAt(first, last + 1, nullptr) == n) continue;  // a title alone: "MP", "Prime Minister"
      if (n == 1 && IsAllCapsWord(text) && acronym_keys_.count(text)) continue;
      if (n == 1 && person_words.count(KnowledgeBase::Normalise(text))) continue;
      // rule matches over the same words
      std::vector<size_t> overlapping;
      bool strong = false, same = false;
      for (size_t k = first_rule_cand_; k < cands_.size(); ++k) {
        Cand& c = cands_[k];
        if (c.dropped || !c.span.overlaps(span)) continue;
        overlapping.push_back(k);
        same = same || c.span == span;
        // the part after the place ("Democratic Party") gives way to the whole
        strong = strong || (!c.weak && !(around_place && span.contains(c.span) && c.type == "ORG"));
      }
      std::string type = r.type == "PER" ? "PERSON" : r.type == "ORG" ? "ORG" : PlaceType(first, last);
      if (strong) continue;
      if (same && overlapping.size() == 1 && cands_[overlapping[0]].type == type) continue;  // agreement
      bool noisy = NoisyRecognition(first, last, r.type == "PER");
      if (noisy) {
        if (overlapping.empty()) deferred.push_back({span, type});
        continue;
      }
      for (size_t k : overlapping) cands_[k].dropped = true;
      AddRecognized(first, last, span, text, type);
      accepted.push_back(span);
    }
    // noisy spans that name an entity found elsewhere join it
    std::unordered_map<std::string, size_t> by_text;
    for (size_t k = 0; k < cands_.size(); ++k)
      if (!cands_[k].dropped && !IsHeadline(TokenAt(cands_[k].span.start)))
        by_text.emplace(utf8::Lower(utf8::Fold(doc_.slice(cands_[k].span))), k);
    for (const auto& [span, type] : deferred) {
      auto it = by_text.find(utf8::Lower(utf8::Fold(doc_.slice(span))));
      if (it == by_text.end()) continue;
      Cand c = cands_[it->second];
      c.span = span;
      cands_.push_back(std::move(c));
      accepted.push_back(span);
    }
    std::erase_if(cands_, [](const Cand& c) { return c.dropped; });
    // what the recogniser settled no longer waits for a join
    auto settled = [&](const Pending& p) {
      return std::any_of(accepted.begin(), accepted.end(), [&](const Span& s) { return s.overlaps(p.span); });
    };
    std::erase_if(pending_names_, settled);
    std::erase_if(pending_, [&](const Pending& p) { return !p.acronym && settled(p); });
  }

  // Tokens [first, last] = a knowledge-base place at one end (not cut by the span) and
  // uncovered name words for the rest.
  bool OrganisationAroundPlace(uint32_t first, uint32_t last) const {
    Span span{doc_.tokens[first].span.start, doc_.tokens[last].span.end};
    bool at_start = covered_[first];
    if (at_start == covered_[last]) return false;
    uint32_t rest_first = first, rest_last = last;
    if (at_start) {
      while (covered_[rest_first]) ++rest_first;  // stops at `last` at the latest
    } else {
      while (covered_[rest_last]) --rest_last;  // stops at `first` at the latest
    }
    // the rest: no more covered tokens, some real name word
    bool name_word = false;
    for (uint32_t j = rest_first; j <= rest_last; ++j) {
      if (covered_[j]) return false;
      name_word = name_word || (IsNameWord(j) && !IsCommon(Tok(j)));
    }
    if (!name_word) return false;
    for (size_t c = 0; c < first_rule_cand_; ++c) {
      const Cand& kb = cands_[c];
      if (!kb.span.overlaps(span)) continue;
      if (!span.contains(kb.span) || !kb.from_kb || (kb.type != "GPE" && kb.type != "LOC")) return false;
    }
    return true;
  }

  // Where capitals say little: words in capitals, a capitalised ordinary word opening a
  // sentence, and ordinary words in a title-case headline ("Report Claims Deal").
  // A word the tagger reads as a verb, pronoun, adverb... ("Me", "Says") also makes the
  // recognition doubtful.
  bool NoisyRecognition(uint32_t first, uint32_t last, bool person) const {
    if (InCapitals(first)) return true;
    // a known given name and a surname: "Terry Price" in a headline
    if (person && last > first && kb_.GivenNameCount(Tok(first)) >= 2 && !IsAllCapsWord(Tok(first)) &&
        doc_.tokens[first].upos == "PROPN")
      return false;
    constexpr std::string_view kNotInNames[] = {"PRON", "AUX", "VERB", "ADV", "SCONJ", "INTJ", "PART"};
    bool any_common = false, caps = true;
    for (uint32_t k = first; k <= last; ++k) {
      if (!IsWord(k)) continue;
      const std::string& upos = doc_.tokens[k].upos;
      if (In(kNotInNames, upos)) return true;
      caps = caps && IsAllCapsWord(Tok(k));
      bool given = kb_.GivenNameCount(Tok(k)) >= 3 && !AtSentenceStart(k);
      bool ordinary = IsCommon(Tok(k)) || (!upos.empty() && upos != "PROPN");
      any_common = any_common || (ordinary && !given);
    }
    if (caps && Tok(first).size() > 1 && last > first) return true;  // "MANCHESTER UNITED": nothing to go by
    if (IsHeadline(first)) return any_common;
    // the tagger agreeing that the word is a proper noun rescues it
    const std::string& upos = doc_.tokens[first].upos;
    bool ordinary = (IsCommon(Tok(first)) && kb_.GivenNameCount(Tok(first)) < 3) || (!upos.empty() && upos != "PROPN");
    return first == last && AtSentenceStart(first) && ordinary;
  }

  // The token starting at byte `offset` (or the last one starting before it).
  uint32_t TokenAt(uint32_t offset) const {
    auto it = std::upper_bound(doc_.tokens.begin(), doc_.tokens.end(), offset,
                               [](uint32_t o, const Token& t) { return o < t.span.start; });
    return it == doc_.tokens.begin() ? 0 : static_cast<uint32_t>(it - doc_.tokens.begin() - 1);
  }

  void AddRecognized(uint32_t first, uint32_t last, Span span, const std::string& text, const std::string& type) {
    const Sentence& s = doc_.sentences[SentenceOf(first)];
    if (type == "PERSON") {
      const std::string* office = nullptr;
      TitleBefore(first, s.first_token, &office);
      AddPerson(span, text, office);
      return;
    }
    std::string acronym;
    uint32_t after = last + 1;
    if (after + 2 < s.end_token && Tok(after) == "(" && IsAllCapsWord(Tok(after + 1)) && Tok(after + 2) == ")")
      acronym = std::string(Tok(after + 1));
    AddUnknown(span, text, type, acronym);
  }

  // ---------- pass 4: merging ----------
  struct Group {
    std::string key, name, type, kb;
    std::vector<Mention> mentions;
    std::set<std::pair<uint32_t, uint32_t>> spans;
    uint32_t first = UINT32_MAX;
  };

  // Settles what only the whole document tells: untyped full names that a later "Mr X"
  // shows to be persons, surname aliases of known persons that belong to someone else
  // named here ("Jack McConnell"), and shortened unknown names ("Media Council").
  void Reconcile() {
    std::set<std::string> titled_surnames;
    for (const auto& c : cands_)
      if (c.type == "PERSON" && !c.from_kb && SplitWords(c.name).size() == 1) titled_surnames.insert(c.name);
    for (const auto& p : pending_names_) {
      std::vector<std::string> words = SplitWords(KnowledgeBase::Normalise(p.text));
      if (titled_surnames.count(words.back())) AddPerson(p.span, p.text, nullptr);
    }
    std::set<std::string> named_in_full;
    for (const auto& c : cands_)
      if (c.from_kb && c.type == "PERSON" && doc_.slice(c.span).find(' ') != std::string_view::npos)
        named_in_full.insert(c.kb);
    // unknown full names by their last word
    std::unordered_map<std::string, size_t> unknown_by_last;
    for (size_t k = 0; k < cands_.size(); ++k) {
      const Cand& other = cands_[k];
      if (other.from_kb || other.type != "PERSON") continue;
      std::vector<std::string> words = SplitWords(KnowledgeBase::Normalise(other.name));
      if (words.size() >= 2) unknown_by_last.emplace(words.back(), k);
    }
    for (auto& c : cands_) {
      if (!c.from_kb || c.type != "PERSON" || named_in_full.count(c.kb)) continue;
      std::string word = KnowledgeBase::Normalise(doc_.slice(c.span));
      auto it = unknown_by_last.find(word);
      if (word.find(' ') != std::string::npos || it == unknown_by_last.end()) continue;
      const Cand& other = cands_[it->second];
      c.key = other.key;
      c.name = other.name;
      c.kb.clear();
      c.from_kb = false;
    }
    // shortened unknown names: only distinct unknown names need comparing
    std::map<std::string, std::vector<std::string>> unknown_names;  // key -> words
    std::map<std::string, const Cand*> unknown_cand;
    for (const auto& c : cands_) {
      if (c.from_kb || c.key.rfind("u:", 0) != 0 || c.type == "PERSON" || unknown_names.count(c.key)) continue;
      unknown_names[c.key] = SplitWords(KnowledgeBase::Normalise(c.name));
      unknown_cand[c.key] = &c;
    }
    std::map<std::string, const Cand*> shortened;
    for (const auto& [key, words] : unknown_names) {
      for (const auto& [other_key, longer] : unknown_names) {
        if (longer.size() <= words.size()) continue;
        bool prefix = std::equal(words.begin(), words.end(), longer.begin());
        bool suffix = std::equal(words.rbegin(), words.rend(), longer.rbegin());
        if (!prefix && !suffix) continue;
        shortened[key] = unknown_cand[other_key];
        break;
      }
    }
    for (auto& c : cands_) {
      auto it = shortened.find(c.key);
      if (it == shortened.end()) continue;
      const Cand* longer = it->second;
      c.key = longer->key;
      c.type = longer->type;
      c.name = longer->name;
    }
  }

  void Merge() {
    Reconcile();
    std::map<std::string, Group> groups;
    auto add = [&](const std::string& key, const Cand& c) {
      Group& g = groups[key];
      if (g.key.empty()) {
        g.key = key;
        g.name = c.name;
        g.type = c.type;
        g.kb = c.kb;
      } else if (g.kb.empty() && !c.kb.empty()) {
        g.name = c.name;  // a linked mention names the group ("foreign ministry" -> owner's)
        g.kb = c.kb;
      } else if (c.type == "PERSON" && g.kb.empty() && c.name.size() > g.name.size()) {
        g.name = c.name;  // the fullest form of an unlinked name
      }
      if (!g.spans.insert({c.span.start, c.span.end}).second) return;
      g.mentions.push_back({c.span, std::string(doc_.slice(c.span))});
      g.first = std::min(g.first, c.span.start);
    };

    // ownerless ministries join the one owned ministry of that portfolio, when there is one
    std::map<std::string, std::set<std::string>> owned;
    for (const auto& c : cands_)
      if (c.key.rfind("min:", 0) == 0 && c.key.rfind("min::", 0) != 0)
        owned[c.key.substr(c.key.rfind(':') + 1)].insert(c.key);
    // single-word unknown persons join a fuller name of the document
    std::vector<PersonRef> persons;
    for (const auto& c : cands_) {
      if (c.type != "PERSON") continue;
      PersonRef r{&c, SplitWords(KnowledgeBase::Normalise(c.name)), {}};
      if (c.from_kb) r.text_words = SplitWords(KnowledgeBase::Normalise(doc_.slice(c.span)));
      persons.push_back(std::move(r));
    }
    const PersonIndex person_index = IndexPersons(persons);

    for (const auto& c : cands_) {
      std::string key = c.key;
      if (key.rfind("min::", 0) == 0) {
        auto it = owned.find(key.substr(5));
        if (it != owned.end() && it->second.size() == 1) key = *it->second.begin();
      }
      if (c.type == "PERSON" && !c.from_kb && SplitWords(c.name).size() == 1) {
        if (const Cand* full = PersonWithWord(c.name, c.span.start, person_index, &c)) key = full->key;
      }
      add(key, c);
    }
    for (const auto& p : pending_) {
      if (p.acronym) {
        auto it = acronym_keys_.find(p.text);
        if (it != acronym_keys_.end()) {
          Cand c;
          c.span = p.span;
          add(it->second, c);
        }
        continue;
      }
      if (const Cand* full = PersonWithWord(KnowledgeBase::Normalise(p.text), p.span.start, person_index, nullptr)) {
        Cand c = *full;
        c.span = p.span;
        add(full->key, c);
      }
    }
    ResolveOfficeTitles(groups, add);
    NameOwnerlessMinistries(groups);

    std::vector<Group*> ordered;
    for (auto& [k, g] : groups) ordered.push_back(&g);
    std::sort(ordered.begin(), ordered.end(), [](const Group* x, const Group* y) { return x->first < y->first; });
    doc_.entities.clear();
    for (Group* g : ordered) {
      std::sort(g->mentions.begin(), g->mentions.end(),
                [](const Mention& x, const Mention& y) { return x.span.start < y.span.start; });
      Entity e;
      e.id = "e" + std::to_string(doc_.entities.size() + 1);
      e.name = g->name;
      e.type = g->type;
      e.kb = g->kb;
      e.mentions = std::move(g->mentions);
      doc_.entities.push_back(std::move(e));
    }
  }

  struct PersonRef {
    const Cand* cand;
    std::vector<std::string> words;       // of its canonical name
    std::vector<std::string> text_words;  // of the mention text (KB persons: an alias)
  };
  // Persons of the document by the first and last words of their names and aliases.
  using PersonIndex = std::unordered_map<std::string, std::vector<const Cand*>>;

  static PersonIndex IndexPersons(const std::vector<PersonRef>& persons) {
    PersonIndex index;
    for (const PersonRef& r : persons) {
      for (const auto* w : {&r.words, &r.text_words}) {
        if (w->size() < 2) continue;
        auto& a = index[w->front()];
        if (a.empty() || a.back() != r.cand) a.push_back(r.cand);
        auto& b = index[w->back()];
        if (b.empty() || b.back() != r.cand) b.push_back(r.cand);
      }
    }
    return index;
  }

  // The person whose name has `word` as first or last word: the nearest mention before
  // `at`, else the first after.
  const Cand* PersonWithWord(const std::string& word, uint32_t at, const PersonIndex& index, const Cand* self) const {
    auto it = index.find(word);
    if (it == index.end()) return nullptr;
    const Cand* before = nullptr;
    const Cand* after = nullptr;
    for (const Cand* p : it->second) {
      if (p == self || p->span.start == at) continue;
      if (p->span.start < at) {
        if (!before || p->span.start > before->span.start) before = p;
      } else if (!after || p->span.start < after->span.start) {
        after = p;
      }
    }
    return before ? before : after;
  }

  // "the trade ministry" in an article about one country is that country's ministry: the
  // country mentioned most, at least twice as often as any other.
  void NameOwnerlessMinistries(std::map<std::string, Group>& groups) const {
    std::vector<std::pair<size_t, std::string>> counts;
    for (const auto& [key, g] : groups)
      if (g.type == "GPE" && g.kb.size() == 3 && key == "kb:" + g.kb) counts.push_back({g.mentions.size(), g.kb});
    if (counts.empty()) return;
    std::sort(counts.rbegin(), counts.rend());
    if (counts.size() > 1 && counts[0].first < 2 * counts[1].first) return;
    const kb::Entry& country = kb_.entry(*kb_.FindId(counts[0].second));
    for (auto& [key, g] : groups) {
      if (key.rfind("min::", 0) != 0) continue;
      std::string code = key.substr(5);
      // the group name is "<portfolio> ministry"
      std::string portfolio_name = g.name.substr(0, g.name.size() - std::string(" ministry").size());
      g.name = (country.demonym.empty() ? country.name : country.demonym) + " " + portfolio_name + " ministry";
      g.kb = country.id + "-" + code;
    }
  }

  // "the president", "the Russian defence minister": a mention of the office holder on the
  // article's date, when that person is named in the document.
  template <class AddFn>
  void ResolveOfficeTitles(std::map<std::string, Group>& groups, AddFn& add) {
    if (doc_.published.size() != 10) return;
    const auto& toks = doc_.tokens;
    for (const Sentence& s : doc_.sentences) {
      uint32_t end = std::min<uint32_t>(s.end_token, static_cast<uint32_t>(toks.size()));
      for (uint32_t i = s.first_token; i < end; ++i) {
        const std::string* office = nullptr;
        uint32_t n = TitleAt(i, end, &office);
        if (n == 0 || !office || office->empty()) continue;
        uint32_t after = i + n;
        // a name follows: that name is the mention
        if (after < end && (IsNameWord(after) || covered_[after])) {
          i = after - 1;
          continue;
        }
        if (after < end && (Tok(after) == "-" || Lower(after) == "elect")) continue;
        if (i > s.first_token && In(kNotCurrent, Lower(i - 1))) continue;
        uint32_t owner_tok = 0;
        const Cand* owner = OwnerBefore(i, &owner_tok);
        std::string country;
        if (owner) {
          country = kb_.entry(*kb_.FindId(owner->kb)).country;
        } else if (after + 1 < end && Lower(after) == "of") {
          // "the president of Russia"; "the president of the company" is nobody we know
          auto it = kb_cand_by_start_.find(toks[after + 1].span.start);
          if (it != kb_cand_by_start_.end() && cands_[it->second].type != "PERSON") country = cands_[it->second].kb;
          if (country.empty()) continue;
        } else if (i == s.first_token || Lower(i - 1) != "the") {
          continue;  // "a president", "Monday's president": not a definite reference
        }
        std::string holder;
        if (!country.empty()) {
          if (auto p = kb_.HolderOn(*office, country, doc_.published)) holder = kb_.entry(*p).id;
        } else if (!owner) {
          // several holders named (two presidents): the one mentioned last before the title
          uint32_t best = 0;
          std::set<std::string> named;
          for (const kb::Term* t : kb_.TermsOn(*office, doc_.published)) {
            auto it = groups.find("kb:" + kb_.entry(t->person).id);
            if (it == groups.end()) continue;
            named.insert(it->first);
            for (const auto& m : it->second.mentions) {
              if (m.span.start >= toks[i].span.start) continue;
              if (holder.empty() || m.span.start + 1 > best) {
                best = m.span.start + 1;
                holder = kb_.entry(t->person).id;
              }
            }
          }
          if (holder.empty() && named.size() == 1) holder = named.begin()->substr(3);
        }
        if (holder.empty() || !groups.count("kb:" + holder)) continue;
        Cand c;
        c.span = {toks[i].span.start, toks[after - 1].span.end};
        c.name = groups["kb:" + holder].name;
        add("kb:" + holder, c);
        i = after - 1;
      }
    }
  }

  Document& doc_;
  const KnowledgeBase& kb_;
  const EntityOptions& options_;
  std::vector<RecognizedSpan> recognized_;
  std::vector<int32_t> span_of_token_;  // index into recognized_, -1 outside
  std::set<std::string> recognized_surnames_;  // last words of recognised full person names
  size_t first_rule_cand_ = 0;          // cands_ before it: knowledge base and ministries
  std::vector<uint32_t> sentence_of_token_;
  std::vector<bool> headline_;
  std::vector<Piece> pieces_;
  std::vector<uint32_t> token_first_piece_;
  std::vector<bool> covered_;
  std::vector<std::string> lower_;  // lower-cased token texts
  std::set<std::string> doc_countries_;
  std::vector<Cand> cands_;  // KB candidates come first, so the indexes below stay valid
  std::unordered_map<uint32_t, size_t> kb_cand_by_end_;
  std::unordered_map<uint32_t, size_t> kb_cand_by_start_;
  std::vector<Pending> pending_;
  std::string last_ministry_key_;
  Cand last_ministry_;
  std::vector<Pending> pending_names_;
  std::unordered_map<std::string, std::string> acronym_keys_;
};

}  // namespace

void ExtractEntities(Document& doc, const kb::KnowledgeBase& kb, const EntityOptions& options) {
  Extractor(doc, kb, options).Run();
}

}  // namespace claimgraph::extract
