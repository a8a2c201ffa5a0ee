#include "text/tokenizer.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/utf8.h"

namespace claimgraph::text {
namespace {

constexpr std::array<std::string_view, 62> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
    "cmdr", "pres", "st", "jr", "sr", "rev", "hon", "fr", "inc", "corp", "co", "ltd", "llc", "bros", "no",
    "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "ave", "blvd", "dept", "est", "approx", "fig", "vol", "op", "ed", "univ", "assn", "gens", "reps",
    "sens", "govs"};

bool IsQuoteChar(char32_t c) {
  return c == U'"' || c == U'`' || c == U'\u201C' || c == U'\u201D' || c == U'\u201E' || c == U'\u00AB' || c == U'\u00BB' ||
         c == U'\u2018' || c == U'\u2019' || c == U'\'';
}
bool IsApostrophe(char32_t c) { return c == U'\'' || c == U'\u2019'; }
bool IsSymbolChar(char32_t c) {
  return c == U'$' || c == U'\u20AC' || c == U'\u00A3' || c == U'\u00A5' || c == U'%' || c == U'\u20B9' ||
         c == U'\u20A9' || c == U'\u20BD' || c == U'\u20B4' || c == U'#' || c == U'@' || c == U'&' || c == U'+';
}
bool IsWordChar(char32_t c) { return utf8::IsAlpha(c) || utf8::IsDigit(c); }

char32_t PeekAt(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  return utf8::Next(s, i);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// "U.S", "D.C", "e.g": single letters joined by periods.
bool IsInitialism(std::string_view w) {
  if (w.size() < 3) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    bool letter_pos = i % 2 == 0;
    if (letter_pos != (w[i] != '.')) return false;
    if (letter_pos && !std::isalpha(static_cast<unsigned char>(w[i]))) return false;
  }
  return true;
}

// Scans a word starting at `i`; returns its end. Keeps inner hyphens, periods of
// initialisms, decimal and thousands separators; stops before clitics ('s, n't).
size_t ScanWord(std::string_view s, size_t i) {
  size_t pos = i;
  while (pos < s.size()) {
    size_t next = pos;
    char32_t c = utf8::Next(s, next);
    if (IsWordChar(c)) {
      pos = next;
      continue;
    }
    if (pos == i) break;
    size_t prev_pos = pos;
    char32_t before = utf8::Prev(s, prev_pos);
    char32_t after = PeekAt(s, next);
    if (IsApostrophe(c)) {
      // clitic: 's, 're, 've, 'll, 'd, n't -> split; O'Brien -> keep
      size_t after_pos = next;
      std::string rest;
      while (after_pos < s.size()) {
        size_t n2 = after_pos;
        char32_t c2 = utf8::Next(s, n2);
        if (!utf8::IsAlpha(c2)) break;
        rest += static_cast<char>(std::tolower(static_cast<int>(c2 < 128 ? c2 : 'x')));
        after_pos = n2;
      }
      if (rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m" || rest.empty())
        break;
      if (rest == "t" && (before == U'n' || before == U'N')) return prev_pos;  // do|n't
      if (utf8::IsAlpha(after)) { pos = next; continue; }
      break;
    }
    if ((c == U'-' || c == U'\u2010' || c == U'\u2011') && IsWordChar(before) && IsWordChar(after)) { pos = next; continue; }
    if ((c == U'.' || c == U',') && utf8::IsDigit(before) && utf8::IsDigit(after)) { pos = next; continue; }
    if (c == U'.' && utf8::IsAlpha(before) && utf8::IsAlpha(after)) {
      // only initialisms (U.S, e.g) keep inner periods; "end.Next" does not
      size_t k = pos;
      size_t letters_before = 0;
      while (k > i) { size_t t = k; char32_t pc = utf8::Prev(s, t); if (!utf8::IsAlpha(pc)) break; ++letters_before; k = t; }
      size_t after_next = next;
      utf8::Next(s, after_next);
      char32_t after2 = PeekAt(s, after_next);
      if (letters_before == 1 && !utf8::IsAlpha(after2)) { pos = next; continue; }
    }
    if (c == U'&' && utf8::IsUpper(before) && utf8::IsUpper(after)) { pos = next; continue; }
    break;
  }
  return pos;
}

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != prefix[k]) return false;
  return true;
}

// Top-level domains and file extensions that make "name.com" or "report.pdf" one token.
constexpr std::array<std::string_view, 22> kDottedEndings = {
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "uk",
    "html", "htm", "php", "asp", "aspx", "pdf", "doc", "docx", "xls", "xlsx", "txt"};

// Characters a URL may contain (RFC 3986's, less the quote-like ones that end it in prose).
bool IsUrlChar(char c) {
  return IsAsciiAlnum(c) || std::string_view("-._~:/?#[]@!$&*+,;=%").find(c) != std::string_view::npos;
}

// Drops sentence punctuation that follows a URL, e.g. the period of "see example.com.".
size_t TrimUrlEnd(std::string_view s, size_t start, size_t end) {
  while (end > start && std::string_view(".,;:!?[]*").find(s[end - 1]) != std::string_view::npos) --end;
  return end;
}

// Length of a URL ("https://...", "www...."), an e-mail address or a dotted name
// ending in a known domain or file extension ("Amazon.com", "report.pdf") at `i`,
// else 0. One token each, as UD treebanks have them.
size_t UrlLength(std::string_view s, size_t i) {
  if (!IsAsciiAlnum(s[i])) return 0;
  size_t end = i;
  if (StartsWithNoCase(s, i, "http://") || StartsWithNoCase(s, i, "https://") || StartsWithNoCase(s, i, "ftp://") ||
      StartsWithNoCase(s, i, "www.")) {
    while (end < s.size() && IsUrlChar(s[end])) ++end;
    end = TrimUrlEnd(s, i, end);
    return end > i + 4 ? end - i : 0;
  }
  // name@host.tld, or host.tld[/path]
  size_t at = std::string_view::npos, last_dot = std::string_view::npos;
  while (end < s.size()) {
    char c = s[end];
    if (IsAsciiAlnum(c) || c == '-' || c == '_' || c == '+' || (c == '%' && at == std::string_view::npos)) {
      ++end;
    } else if (c == '.' && end + 1 < s.size() && IsAsciiAlnum(s[end + 1]) && end > i && s[end - 1] != '.') {
      last_dot = end++;
    } else if (c == '@' && at == std::string_view::npos && end > i && end + 1 < s.size() && IsAsciiAlnum(s[end + 1])) {
      at = end++;
      last_dot = std::string_view::npos;
    } else {
      break;
    }
  }
  if (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80) return 0;  // part of a longer non-ASCII word
  if (last_dot == std::string_view::npos) return 0;
  std::string_view ending = s.substr(last_dot + 1, end - last_dot - 1);
  bool letters = !ending.empty() && std::all_of(ending.begin(), ending.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
  if (at != std::string_view::npos) return letters && ending.size() >= 2 ? end - i : 0;
  std::string lower(ending);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(kDottedEndings.begin(), kDottedEndings.end(), lower) == kDottedEndings.end()) return 0;
  if (end < s.size() && s[end] == '/') {  // a path after the host
    while (end < s.size() && IsUrlChar(s[end])) ++end;
    end = TrimUrlEnd(s, i, end);
  }
  return end - i;
}

// Words written as two (UD splits them): "cannot" -> can not, "gonna" -> gon na.
size_t FusedFirstPartLength(std::string_view w) {
  if (w.size() != 5 && w.size() != 6) return 0;
  std::string lower(w);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "cannot" || lower == "gonna" || lower == "wanna" || lower == "gotta") return 3;
  return 0;
}

// Length of a clitic ('s, 're, n't ...) glued to the previous word at `i`, else 0.
size_t CliticLength(std::string_view s, size_t i, bool glued) {
  if (!glued) return 0;
  size_t j = i;
  char32_t c = utf8::Next(s, j);
  size_t apos_end;
  if (c == U'n' || c == U'N') {
    apos_end = j;
    char32_t a = utf8::Next(s, apos_end);
    if (!IsApostrophe(a)) return 0;
    size_t k = apos_end;
    char32_t tch = utf8::Next(s, k);
    if ((tch == U't' || tch == U'T') && !IsWordChar(PeekAt(s, k))) return k - i;
    return 0;
  }
  if (!IsApostrophe(c)) return 0;
  size_t k = j;
  std::string rest;
  while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k])) && rest.size() < 3) rest += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k++])));
  if (k < s.size() && IsWordChar(PeekAt(s, k))) return 0;
  if (rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m") return k - i;
  return 0;
}

// "No. 5" abbreviates; "said no." ends a sentence.
bool NumberAbbreviationWithoutNumber(std::string_view s, std::string_view w, size_t period) {
  if (w != "no" && w != "No") return false;
  size_t k = period + 1;
  while (k < s.size() && s[k] == ' ') ++k;
  return !(k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])));
}

void FillShape(Document& doc, Token& t) {
  std::string_view w = doc.slice(t.span);
  size_t i = 0;
  char32_t first = utf8::Next(w, i);
  t.capitalised = utf8::IsUpper(first);
  bool any_alpha = false, all_upper = true;
  i = 0;
  while (i < w.size()) {
    char32_t c = utf8::Next(w, i);
    if (utf8::IsAlpha(c)) { any_alpha = true; if (!utf8::IsUpper(c)) all_upper = false; }
  }
  t.all_caps = any_alpha && all_upper && w.size() > 1;
}

void Tokenize(Document& doc) {
  std::string_view s = doc.text;
  doc.tokens.clear();
  size_t i = 0;
  bool space = false, newline = false;
  while (i < s.size()) {
    size_t next = i;
    char32_t c = utf8::Next(s, next);
    if (utf8::IsSpace(c) || c == U'\uFEFF' || c < 32) {
      space = true;
      if (c == U'\n' || c == U'\u2029' || c == U'\u2028') newline = true;
      i = next;
      continue;
    }
    Token t;
    t.space_before = space;
    t.newline_before = newline;
    space = newline = false;
    size_t end = next;
    size_t clitic = CliticLength(s, i, !t.space_before && !doc.tokens.empty());
    size_t url = clitic ? 0 : UrlLength(s, i);
    if (clitic) {
      end = i + clitic;
      t.kind = TokenKind::kWord;
    } else if (url) {
      end = i + url;
      t.kind = TokenKind::kWord;
    } else if (IsWordChar(c)) {
      end = ScanWord(s, i);
      t.kind = utf8::IsDigit(c) ? TokenKind::kNumber : TokenKind::kWord;
      if (size_t first = FusedFirstPartLength(s.substr(i, end - i))) end = i + first;
      std::string_view w = s.substr(i, end - i);
      // keep the final period of abbreviations and initialisms
      if (end < s.size() && s[end] == '.' && t.kind == TokenKind::kWord &&
          (IsInitialism(std::string(w) + ".") || (IsAbbreviation(w) && !NumberAbbreviationWithoutNumber(s, w, end)) ||
           (w.size() == 1 && utf8::IsUpper(c)))) {
        end += 1;
      }
    } else if (IsQuoteChar(c)) {
      t.kind = TokenKind::kQuote;
      if ((c == U'\'' || c == U'`') && end < s.size() && s[end] == static_cast<char>(c)) ++end;  // '' and `` quote pairs
    } else if (IsSymbolChar(c)) {
      t.kind = TokenKind::kSymbol;
    } else {
      t.kind = TokenKind::kPunct;
      if (c == U'.') while (end < s.size() && s[end] == '.') ++end;  // ellipsis
      // Runs of one mark are one token: "--", "***", "!!!", "====".
      if (c == U'-' || c == U'*' || c == U'=' || c == U'_' || c == U'!' || c == U'?' || c == U'~')
        while (end < s.size() && s[end] == static_cast<char>(c)) ++end;
    }
    t.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(end)};
    FillShape(doc, t);
    doc.tokens.push_back(t);
    i = end;
  }
}

}  // namespace

bool IsAbbreviation(std::string_view w) {
  std::string lower = AsciiLower(w);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

namespace {

void FindParagraphs(Document& doc) {
  doc.paragraphs.clear();
  std::string_view s = doc.text;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size()) break;
    size_t start = i;
    size_t end = s.size();
    // a paragraph ends at a blank line
    size_t j = i;
    while (j < s.size()) {
      size_t nl = s.find('\n', j);
      if (nl == std::string_view::npos) { end = s.size(); j = s.size(); break; }
      size_t k = nl + 1;
      while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) ++k;
      if (k >= s.size() || s[k] == '\n') { end = nl; j = k; break; }
      j = k;
    }
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\r' || s[end - 1] == '\t')) --end;
    doc.paragraphs.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    i = j;
  }
}

bool IsClosing(const Document& doc, const Token& t) {
  if (t.kind == TokenKind::kQuote) {
    std::string_view q = doc.slice(t.span);
    return q == "\"" || q == "\u201D" || q == "\u2019" || q == "'" || q == "\u00BB";
  }
  std::string_view p = doc.slice(t.span);
  return p == ")" || p == "]";
}

// ".", "!", "?", runs of them ("?!", "!!!", "...") and the ellipsis character.
bool EndsSentence(std::string_view w) {
  if (w == "\u2026") return true;
  return !w.empty() && w.find_first_not_of(".!?") == std::string_view::npos;
}

// Words that open sentences far more often than they follow "U.S." or "Inc." inside one.
constexpr std::array<std::string_view, 44> kStarters = {
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That", "There",
    "His", "Her", "Their", "Its", "On", "At", "As", "If", "When", "However", "Meanwhile", "Here", "These",
    "Those", "Our", "My", "You", "Your", "So", "Then", "Now", "Also", "Please", "Thanks", "What", "Why",
    "Mr.", "Mrs.", "Ms."};

}  // namespace

void Segment(Document& doc) {
  FindParagraphs(doc);
  Tokenize(doc);
  doc.sentences.clear();
  const auto& toks = doc.tokens;
  size_t para = 0;
  uint32_t first = 0;
  auto close = [&](uint32_t end_tok) {
    if (end_tok <= first) return;
    Sentence sent;
    sent.first_token = first;
    sent.end_token = end_tok;
    sent.span = {toks[first].span.start, toks[end_tok - 1].span.end};
    while (para + 1 < doc.paragraphs.size() && doc.paragraphs[para].end <= sent.span.start) ++para;
    sent.paragraph = static_cast<uint32_t>(para);
    sent.headline = doc.body_start > 0 && sent.span.end <= doc.body_start;
    doc.sentences.push_back(sent);
    first = end_tok;
  };
  size_t p = 0;  // paragraph of the current token
  for (uint32_t i = 0; i < toks.size(); ++i) {
    // paragraph change or a break into the body is a hard boundary
    size_t tp = p;
    while (tp + 1 < doc.paragraphs.size() && doc.paragraphs[tp].end <= toks[i].span.start) ++tp;
    bool crosses_body = doc.body_start > 0 && i > first && toks[i - 1].span.end <= doc.body_start &&
                        toks[i].span.start >= doc.body_start;
    if (i > first && (tp != p || crosses_body)) close(i);
    p = tp;
    if (i > first && toks[i].newline_before) {
      // a single line break ends a sentence unless the next line continues in lower case
      std::string_view prev = doc.token_text(i - 1);
      bool lower_next = !toks[i].capitalised && toks[i].kind == TokenKind::kWord;
      if (!lower_next && (EndsSentence(prev) || IsClosing(doc, toks[i - 1]) || toks[i].capitalised ||
                          toks[i].kind != TokenKind::kWord))
        close(i);
    }
    std::string_view w = doc.token_text(i);
    bool boundary = EndsSentence(w);
    if (!boundary && toks[i].kind == TokenKind::kWord && w.size() > 2 && w.back() == '.' && i + 1 < toks.size()) {
      // "the U.S. The next day", "Acme Inc. The": an initialism or abbreviation can end a sentence before a typical opener
      std::string_view next = doc.token_text(i + 1);
      boundary = std::find(kStarters.begin(), kStarters.end(), next) != kStarters.end() &&
                 (IsInitialism(w) || IsAbbreviation(w.substr(0, w.size() - 1)));
    }
    if (!boundary) continue;
    uint32_t end = i + 1;
    while (end < toks.size() && !toks[end].space_before && (IsClosing(doc, toks[end]) || EndsSentence(doc.token_text(end)))) ++end;
    if (end < toks.size() && (IsClosing(doc, toks[end]) && toks[end].kind != TokenKind::kQuote)) ++end;
    if (end >= toks.size()) { i = end - 1; continue; }
    const Token& nt = toks[end];
    bool starts = nt.capitalised || nt.kind == TokenKind::kQuote || nt.kind == TokenKind::kNumber ||
                  nt.kind == TokenKind::kSymbol || nt.newline_before || doc.token_text(end) == "(" ||
                  doc.token_text(end) == "[" || doc.token_text(end) == "\u2014" || doc.token_text(end) == "-" ||
                  doc.token_text(end) == "--";
    bool single_mark = w == "." || w.find_first_not_of("?!") == std::string_view::npos;
    if (!starts && single_mark && end == i + 1 && nt.kind == TokenKind::kWord && i > first) {
      // "... a while? i think": a lower-case word right after "?" or "!", or after a
      // period that follows a lower-case word or a number, starts a sentence. A
      // capitalised word before the period may be an abbreviation ("Calif. officials").
      const Token& before = toks[i - 1];
      starts = w != "." || (!before.capitalised && (before.kind == TokenKind::kWord || before.kind == TokenKind::kNumber) &&
                            before.span.end == toks[i].span.start);
    }
    if (starts && nt.space_before) close(end);
    i = end - 1;
  }
  close(static_cast<uint32_t>(toks.size()));
}

}  // namespace claimgraph::text
