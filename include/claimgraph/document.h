// The one structure that flows through every stage. Text plus offset-based layers:
// each stage reads the layers before it and appends its own. All offsets are byte
// offsets into Document::text (UTF-8), end exclusive. For plain-text input the text
// is the file as given, so offsets are offsets into the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimgraph {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  bool empty() const { return end <= start; }
  uint32_t size() const { return end - start; }
  bool contains(const Span& o) const { return start <= o.start && o.end <= end; }
  bool overlaps(const Span& o) const { return start < o.end && o.start < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// ---- layer (2) text: written by src/text ----
enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kQuote, kSymbol };

struct Token {
  Span span;
  TokenKind kind = TokenKind::kWord;
  bool space_before = false;   // whitespace precedes it
  bool newline_before = false; // a line break precedes it
  bool capitalised = false;    // first letter upper case
  bool all_caps = false;

  // ---- layer (3) syntax: written by src/tagging and src/parsing; empty/-1 when not run
  std::string upos;            // Universal POS tag (NOUN, VERB, PROPN...)
  std::string xpos;            // Penn Treebank tag (NN, VBD, NNP...)
  std::string ner;             // recogniser's BIO tag: B-PER, I-ORG, O ...
  int32_t head = -1;           // index into Document::tokens of the syntactic head; -1: root or unparsed
  std::string deprel;          // UD relation to the head (nsubj, ccomp, obl...)
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t end_token = 0;    // one past the last token
  uint32_t paragraph = 0;
  bool headline = false;     // the title line of the article
};

// ---- layer (4) extract: written by src/extract ----
struct Mention {
  Span span;
  std::string text;
};

struct Entity {
  std::string id;    // "e1", "e2"... unique within the document
  std::string name;  // canonical name
  std::string type;  // PERSON | ORG | GPE | LOC
  std::string kb;    // canonical id: ISO 3166 alpha-3, "UA-14", "Q..."-like curated ids; empty when unlinked
  std::vector<Mention> mentions;
};

struct Timex {
  Span span;
  std::string text;
  std::string type;       // DATE | TIME | DURATION | SET
  std::string value;      // TIMEX3 value: 2024-06-18, 2024-07, P3Y, PAST_REF, XXXX-WXX-1 ...
  std::string anchor;     // the date it was resolved against (empty when absolute)
  double certainty = 1.0; // 1 for explicit dates, lower for guessed direction
};

struct Amount {
  Span span;
  std::string text;
  double value = 0;
  std::optional<double> value_max;  // ranges: "between 5,000 and 7,000"
  std::string unit;                 // ISO 4217 code, "percent", or the counted thing
  std::string approx = "exact";     // exact | about | at_least | more_than | at_most | less_than
  std::string per;                  // rate period: year, month, week, day, hour; empty if none
  bool vague = false;               // "a large number", "dozens"
};

struct ClaimPart {
  Span span;
  std::string text;
};

struct Claim {
  std::optional<ClaimPart> source;  // absent: no source named
  std::string source_entity;        // Entity::id of the source, when resolved
  bool anonymous = false;           // "a report", "officials said"
  ClaimPart cue;
  std::string cue_lemma;            // "say", "claim", "according to"
  ClaimPart content;
  std::string kind;                 // direct | indirect | mixed | according_to | headline
  uint32_t sentence = 0;            // index into Document::sentences
};

struct Signal {
  std::string kind;  // unnamed_source | vague_quantity | sensational_framing | missing_source_name | missing_byline
  Span span;
  std::string text;
  std::string note;
};

// ---- the document ----
struct Document {
  // (1) reader metadata
  std::string id;          // stable id: given by the input or derived from path/url
  std::string url;
  std::string path;        // where it was read from ("-" for stdin); "path:line" for JSON Lines
  std::string title;
  std::string source;      // outlet / site name
  std::string author;
  std::string published;   // YYYY-MM-DD, or empty when unknown
  std::string published_method;  // option | meta | json-ld | time | url | text | feed | inferred
  std::string format;      // text | html | jsonl | feed (WARC pages are html)
  std::string text;        // analysed text (UTF-8); for HTML the extracted main text
  uint32_t body_start = 0; // where the body begins (after the title line when it is part of text)

  // (2) text
  std::vector<Span> paragraphs;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  bool tagged = false;     // (3) upos/xpos/ner filled
  bool parsed = false;     // (3) head/deprel filled

  // (4) extract
  std::vector<Entity> entities;
  std::vector<Timex> times;
  std::vector<Amount> amounts;
  std::vector<Claim> claims;
  std::vector<Signal> signals;

  std::string_view slice(Span s) const { return std::string_view(text).substr(s.start, s.end - s.start); }
  std::string_view token_text(uint32_t i) const { return slice(tokens[i].span); }
};

// Version of the analysis; stored with every row so a reader knows what produced it.
inline constexpr const char* kExtractorVersion = "claimgraph-0.1.0";

}  // namespace claimgraph
