#include "extract/signals/signals.h"

#include <array>
#include <string>

#include "core/utf8.h"

namespace claimgraph::extract {
namespace {

// Phrases that state a quantity without one.
constexpr std::array<std::string_view, 22> kVague = {
    "large number",  "great number", "significant number", "huge number", "vast number",   "a number of",
    "untold",        "countless",    "scores of",          "dozens of",   "hundreds of",   "thousands of",
    "many more",     "a lot of",     "large amount",       "huge amount", "large amounts", "a handful of",
    "substantial number", "considerable number", "numerous", "an unknown number"};

// Words and phrases of alarm that frame rather than report.
constexpr std::array<std::string_view, 28> kSensational = {
    "world war iii", "world war 3", "ww3", "bombshell", "shocking", "stunning", "chilling", "terrifying",
    "apocalyptic", "doomsday", "nightmare", "jaw-dropping", "meltdown", "all-out war", "nuclear war",
    "slams", "destroys", "obliterates", "explosive", "brink of war", "fears grow", "fears are growing",
    "horrifying", "catastrophic", "armageddon", "panic", "mind-blowing", "you won't believe"};

size_t FindWord(const std::string& hay, std::string_view needle, size_t from) {
  while (true) {
    size_t p = hay.find(needle, from);
    if (p == std::string::npos) return p;
    bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(hay[p - 1]));
    size_t e = p + needle.size();
    bool right = e >= hay.size() || !std::isalnum(static_cast<unsigned char>(hay[e]));
    if (left && right) return p;
    from = p + 1;
  }
}

void Add(Document& doc, std::string kind, Span s, std::string note = {}) {
  for (const auto& x : doc.signals)
    if (x.kind == kind && x.span.overlaps(s)) return;
  doc.signals.push_back({std::move(kind), s, std::string(doc.slice(s)), std::move(note)});
}

// Widens a sensational phrase to its "as fears about X grow" clause when there is one.
Span FramingClause(const Document& doc, const std::string& lower, Span s) {
  size_t as = lower.rfind("as fears", s.start);
  if (as != std::string::npos && s.start - as < 40) {
    size_t grow = lower.find(" grow", s.end);
    if (grow != std::string::npos && grow - s.end < 20) return {static_cast<uint32_t>(as), static_cast<uint32_t>(grow + 5)};
  }
  return s;
}

}  // namespace

void DetectSignals(Document& doc) {
  doc.signals.clear();
  // Lower-casing ASCII only keeps byte offsets aligned with doc.text.
  std::string lower = doc.text;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));

  for (const auto& c : doc.claims) {
    if (!c.anonymous) continue;
    Span s = c.source ? Span{std::min(c.source->span.start, c.cue.span.start), std::max(c.source->span.end, c.cue.span.end)}
                      : c.cue.span;
    Add(doc, "unnamed_source", s, c.source ? "source names no one" : "no source named");
  }
  for (auto phrase : kVague)
    for (size_t p = FindWord(lower, phrase, 0); p != std::string::npos; p = FindWord(lower, phrase, p + 1))
      Add(doc, "vague_quantity", {static_cast<uint32_t>(p), static_cast<uint32_t>(p + phrase.size())});
  for (const auto& a : doc.amounts)
    if (a.vague) Add(doc, "vague_quantity", a.span);
  for (auto phrase : kSensational)
    for (size_t p = FindWord(lower, phrase, 0); p != std::string::npos; p = FindWord(lower, phrase, p + 1))
      Add(doc, "sensational_framing",
          FramingClause(doc, lower, {static_cast<uint32_t>(p), static_cast<uint32_t>(p + phrase.size())}));

  // A dateline whose outlet was stripped: "( – ..." or "() -".
  size_t body = doc.body_start;
  size_t p = lower.find_first_not_of(" \t\r\n", body);
  if (p != std::string::npos && lower[p] == '(') {
    size_t q = p + 1;
    while (q < lower.size() && (lower[q] == ' ' || lower[q] == ')')) ++q;
    std::string_view rest(lower.data() + q, std::min<size_t>(3, lower.size() - q));
    if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94") || rest.starts_with("-"))
      Add(doc, "missing_source_name", {static_cast<uint32_t>(p), static_cast<uint32_t>(q + (rest[0] == '-' ? 1 : 3))},
          "dateline without an outlet");
  }
  if (doc.format != "text" && !doc.format.empty()) {
    if (doc.author.empty()) Add(doc, "missing_byline", {0, 0}, "no author in the page or record");
    if (doc.source.empty()) Add(doc, "missing_source_name", {0, 0}, "no outlet in the page or record");
  }
}

}  // namespace claimgraph::extract
