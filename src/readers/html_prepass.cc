#include "readers/html_prepass.h"

#include <string.h>  // memmem

#include <algorithm>
#include <cstring>

namespace claimgraph::readers {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

size_t FindByte(std::string_view s, char c, size_t from) {
  if (from >= s.size()) return npos;
  const void* p = std::memchr(s.data() + from, c, s.size() - from);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : npos;
}

// memmem: glibc's skips ahead on multi-byte needles where a memchr loop stops at every byte.
size_t FindText(std::string_view s, std::string_view needle, size_t from, size_t to = npos) {
  to = std::min(to, s.size());
  if (from >= to) return npos;
  const void* p = memmem(s.data() + from, to - from, needle.data(), needle.size());
  return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : npos;
}

// `s` at `at` spells `lower_name` in any case.
bool NameAt(std::string_view s, size_t at, std::string_view lower_name) {
  if (at + lower_name.size() > s.size()) return false;
  for (size_t k = 0; k < lower_name.size(); ++k) {
    if (LowerAscii(s[at + k]) != lower_name[k]) return false;
  }
  return true;
}

bool ContainsNoCase(std::string_view s, std::string_view lower_needle) {
  for (size_t k = 0; k + lower_needle.size() <= s.size(); ++k) {
    if (NameAt(s, k, lower_needle)) return true;
  }
  return false;
}

// The '<' of the first "</name" ending the name (space, '/', '>' or the end follows), or npos.
size_t FindEndTag(std::string_view s, std::string_view lower_name, size_t from) {
  for (size_t lt = FindText(s, "</", from); lt != npos; lt = FindText(s, "</", lt + 2)) {
    if (NameAt(s, lt + 2, lower_name)) {
      size_t after = lt + 2 + lower_name.size();
      if (after >= s.size() || IsHtmlSpace(s[after]) || s[after] == '/' || s[after] == '>') return lt;
    }
  }
  return npos;
}

// Just past the '>' closing the start tag whose attributes begin at `from`, skipping quoted
// attribute values; npos when the tag never closes.
size_t StartTagEnd(std::string_view s, size_t from) {
  size_t i = from;
  while (i < s.size()) {
    char c = s[i];
    if (c == '>') return i + 1;
    if (c == '=') {
      ++i;
      while (i < s.size() && IsHtmlSpace(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        size_t close = FindByte(s, s[i], i + 1);
        if (close == npos) return npos;
        i = close + 1;
      }
      continue;
    }
    ++i;
  }
  return npos;
}

// Where the comment opened at `lt` ("<!--") ends (just past it); the end of `s` when it
// never closes, as in the tokenizer.
size_t CommentEnd(std::string_view s, size_t lt) {
  size_t body = lt + 4;
  if (body < s.size() && s[body] == '>') return body + 1;                          // "<!-->"
  if (body + 1 < s.size() && s[body] == '-' && s[body + 1] == '>') return body + 2;  // "<!--->"
  size_t end = FindText(s, "-->", body);
  size_t bang = end == npos ? FindText(s, "--!>", body) : FindText(s, "--!>", body, end);
  if (bang != npos && (end == npos || bang < end)) return bang + 4;
  return end == npos ? s.size() : end + 3;
}

// Attributes the extractor or gumbo's tree building read (lower case). `href` only on
// <link> (rel=canonical); gumbo needs type (input, script), encoding (annotation-xml) and
// color/face/size (<font> inside foreign content).
bool IsReadAttribute(std::string_view name, std::string_view tag) {
  static constexpr std::string_view kRead[] = {"class", "id", "data-testid", "itemprop", "hidden", "aria-hidden",
                                               "style", "content", "property", "name", "http-equiv", "lang",
                                               "xml:lang", "rel", "type", "datetime", "pubdate", "encoding",
                                               "color", "face", "size"};
  for (std::string_view r : kRead) {
    if (name == r) return true;
  }
  return name == "href" && tag == "link";
}

// A start tag's attributes from `from` (just after the tag name) to its '>': sets *end just
// past the '>' and appends to *kept the attributes IsReadAttribute keeps (each with a space
// before it) and a "/" when the tag closes itself. Returns false when the tag never closes;
// *dropped says whether any attribute went.
bool ReadStartTag(std::string_view s, size_t from, std::string_view tag, size_t* end, std::string* kept,
                  bool* dropped) {
  size_t i = from;
  bool self_closing = false;
  *dropped = false;
  while (true) {
    while (i < s.size() && (IsHtmlSpace(s[i]) || s[i] == '/')) {
      self_closing = s[i] == '/';
      ++i;
    }
    if (i >= s.size()) return false;
    if (s[i] == '>') break;
    self_closing = false;
    size_t name_start = i;
    char name_buf[16];
    size_t name_len = 0;
    ++i;  // a first '=' belongs to the name
    while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
    for (size_t k = name_start; k < i && name_len < sizeof name_buf; ++k) name_buf[name_len++] = LowerAscii(s[k]);
    bool keep = i - name_start < sizeof name_buf && IsReadAttribute(std::string_view(name_buf, name_len), tag);
    size_t value_end = i;
    size_t j = i;
    while (j < s.size() && IsHtmlSpace(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && IsHtmlSpace(s[j])) ++j;
      if (j >= s.size()) return false;
      if (s[j] == '"' || s[j] == '\'') {
        size_t close = FindByte(s, s[j], j + 1);
        if (close == npos) return false;
        value_end = close + 1;
      } else {
        while (j < s.size() && !IsHtmlSpace(s[j]) && s[j] != '>') ++j;
        value_end = j;
      }
      i = value_end;
    }
    if (keep) {
      kept->push_back(' ');
      kept->append(s.data() + name_start, value_end - name_start);
    } else {
      *dropped = true;
    }
  }
  if (self_closing) kept->push_back('/');
  *end = i + 1;
  return true;
}

enum class Content { kMarkup, kCut, kKeep, kRestIsText };

// What to do with the content of an element by its lower-case tag name.
// Page footers and sidebars hold other articles' cards, bylines and dates; inside an
// <article> a footer is often the article's own "Posted by ... on ..." line, so kept.
Content ContentOf(std::string_view name, bool in_article) {
  if (name == "script" || name == "style" || name == "svg" || name == "nav") return Content::kCut;
  if ((name == "footer" || name == "aside") && !in_article) return Content::kCut;
  if (name == "title" || name == "textarea" || name == "xmp" || name == "iframe" || name == "noembed" ||
      name == "noframes")
    return Content::kKeep;
  if (name == "plaintext") return Content::kRestIsText;
  return Content::kMarkup;
}

}  // namespace

std::string StripUnreadHtml(std::string_view html, std::vector<std::string>* json_ld) {
  std::string out;
  out.reserve(html.size() / 2);
  size_t copied = 0;  // html[0, copied) has been dealt with
  std::string kept;   // the attributes of the tag being read that stay
  int article_depth = 0;  // <article> elements open at this point
  int pre_depth = 0;      // <pre> elements open at this point
  auto cut = [&](size_t from, size_t to) {
    out.append(html.data() + copied, from - copied);
    copied = to;
  };
  size_t i = 0;
  while (true) {
    size_t lt = FindByte(html, '<', i);
    if (lt == npos || lt + 1 >= html.size()) break;
    // Indentation between tags: one whitespace byte says as much to the extractor, which
    // collapses runs anyway (not in <pre>, where it is the text).
    if (pre_depth == 0 && lt - i >= 2) {
      size_t k = i;
      while (k < lt && IsHtmlSpace(html[k])) ++k;
      if (k == lt) cut(i + 1, lt);
    }
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t end = CommentEnd(html, lt);
      cut(lt, end);
      i = end;
      continue;
    }
    if (html[lt + 1] == '/') {
      if (article_depth > 0 && NameAt(html, lt + 2, "article")) --article_depth;
      if (pre_depth > 0 && NameAt(html, lt + 2, "pre")) --pre_depth;
      size_t end = StartTagEnd(html, lt + 2);  // end tags read their (ignored) attributes too
      if (end == npos) break;
      i = end;
      continue;
    }
    if (!IsAsciiAlpha(html[lt + 1])) {
      i = lt + 1;
      continue;
    }
    size_t name_end = lt + 1;
    char name_buf[16];
    size_t name_len = 0;
    while (name_end < html.size() && !IsHtmlSpace(html[name_end]) && html[name_end] != '/' && html[name_end] != '>') {
      if (name_len < sizeof name_buf) name_buf[name_len] = LowerAscii(html[name_end]);
      ++name_len;
      ++name_end;
    }
    std::string_view name = name_len <= sizeof name_buf ? std::string_view(name_buf, name_len) : std::string_view();
    if (name == "article") ++article_depth;
    if (name == "pre") ++pre_depth;
    Content content = ContentOf(name, article_depth > 0);
    size_t tag_end;
    if (content == Content::kMarkup) {
      // Attributes nothing reads (links, image sources, data-*, event handlers) are most
      // of the bytes of the markup left: gumbo would copy each of them.
      kept.clear();
      bool dropped = false;
      if (!ReadStartTag(html, name_end, name, &tag_end, &kept, &dropped)) break;  // unclosed: left as it is
      if (name == "link" && !ContainsNoCase(html.substr(lt, tag_end - lt), "canonical")) {
        cut(lt, tag_end);  // stylesheets, icons, preloads: only the canonical address is read
        i = tag_end;
        continue;
      }
      if (dropped) {
        cut(name_end, tag_end);
        out += kept;
        out.push_back('>');
      }
      i = tag_end;
      continue;
    }
    tag_end = StartTagEnd(html, name_end);
    if (tag_end == npos) break;  // an unclosed tag: the rest goes to the tokenizer as it is
    i = tag_end;
    if (content == Content::kRestIsText) break;
    bool self_closing = html[tag_end - 2] == '/';
    if (name == "svg" && self_closing) continue;  // <svg/> has no content
    size_t close = FindEndTag(html, name, tag_end);
    if (close == npos) break;  // runs to the end: left to the tokenizer
    i = close;
    if (content == Content::kKeep) continue;
    if (name == "script") {
      std::string_view tag = html.substr(lt, tag_end - lt);
      bool is_json_ld = ContainsNoCase(tag, "ld+json");
      if (FindText(html, "<!--", tag_end, close) != npos) continue;
      if (is_json_ld) {
        if (!json_ld) continue;
        json_ld->emplace_back(html.substr(tag_end, close - tag_end));
      }
    }
    if (name == "script" || name == "style") {
      // No text and no children: the whole element goes, tags and all.
      size_t end = StartTagEnd(html, close + 2 + name.size());
      if (end == npos) break;
      cut(lt, end);
      i = end;
      continue;
    }
    cut(tag_end, close);
  }
  out.append(html.data() + copied, html.size() - copied);
  return out;
}

}  // namespace claimgraph::readers
