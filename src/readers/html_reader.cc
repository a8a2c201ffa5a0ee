#include "readers/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <optional>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "claimgraph/readers.h"
#include "readers/html_prepass.h"

namespace claimgraph::readers {
namespace {

using Node = const GumboNode;

bool IsElement(Node* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
bool IsText(Node* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE;
}
GumboTag Tag(Node* n) { return n->v.element.tag; }
const GumboVector& Children(Node* n) {
  return n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
}
Node* Child(Node* n, unsigned i) { return static_cast<Node*>(Children(n).data[i]); }

const char* Attr(Node* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}
std::string AttrOr(Node* n, const char* name) {
  const char* v = Attr(n, name);
  return v ? v : "";
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* width) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *width = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // no-break space
    *width = 2;
    return true;
  }
  return false;
}

// Runs of whitespace (no-break space included) become one space; trimmed.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (size_t i = 0; i < s.size();) {
    size_t w;
    if (IsSpaceAt(s, i, &w)) {
      pending = !out.empty();
      i += w;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(s[i++]);
  }
  return out;
}

size_t NonSpaceBytes(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    size_t w;
    if (IsSpaceAt(s, i, &w)) {
      i += w;
    } else {
      ++n;
      ++i;
    }
  }
  return n;
}

bool IsBlockTag(GumboTag t);

// All text below `n`, whitespace collapsed (for titles, links, bylines). Iterative:
// pages can nest deeper than the stack allows.
std::string TextOf(Node* n) {
  std::string raw;
  std::vector<std::pair<Node*, bool>> stack = {{n, false}};  // (node, leaving)
  while (!stack.empty()) {
    auto [c, leaving] = stack.back();
    stack.pop_back();
    if (leaving) {
      raw.push_back(' ');  // blocks must not glue words; Collapse trims the excess
      continue;
    }
    if (IsText(c)) {
      raw.append(c->v.text.text);
      continue;
    }
    if (!IsElement(c)) continue;
    GumboTag t = Tag(c);
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT) continue;
    if (t == GUMBO_TAG_BR) raw.push_back(' ');
    if (IsBlockTag(t)) stack.push_back({c, true});
    for (unsigned i = Children(c).length; i-- > 0;) stack.push_back({Child(c, i), false});
  }
  return Collapse(raw);
}

// Tags that never hold article prose.
bool IsNeverBodyTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_LABEL: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_MENU: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP: case GUMBO_TAG_IMG:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_BODY: case GUMBO_TAG_FIELDSET:
      return true;
    default:
      return false;
  }
}

// class/id words that mark page furniture rather than the article.
bool HasBoilerplateName(Node* n) {
  static const char* const kWords[] = {
      "comment", "comments", "sidebar", "related", "share", "sharing", "social", "newsletter",
      "promo", "advert", "advertisement", "ad", "ads", "breadcrumb", "breadcrumbs", "subscribe",
      "subscription", "cookie", "cookies", "popup", "modal", "footer", "nav", "navbar", "navigation",
      "menu", "masthead", "disqus", "outbrain", "taboola", "recommended", "recirculation",
      "trending", "most-read", "mostread", "banner", "sponsored", "paywall", "toolbar", "tags",
      // Picture captions and credits, bylines and datelines: about the article, not of it.
      "caption", "credit", "credits", "byline", "author", "dateline", "timestamp", "signup"};
  for (const char* attr : {"class", "id"}) {
    const char* v = Attr(n, attr);
    if (!v) continue;
    std::string lower = AsciiLower(v);
    // Words are runs of letters; "has-sidebar" style state classes are caught by the
    // landmark check in the caller, not here.
    size_t i = 0;
    while (i < lower.size()) {
      while (i < lower.size() && !std::isalpha(static_cast<unsigned char>(lower[i]))) ++i;
      size_t j = i;
      while (j < lower.size() && std::isalpha(static_cast<unsigned char>(lower[j]))) ++j;
      std::string_view word(lower.data() + i, j - i);
      for (const char* w : kWords) {
        if (word == w) return true;
      }
      i = j;
    }
  }
  return false;
}

bool IsHidden(Node* n) {
  if (Attr(n, "hidden")) return true;
  if (const char* a = Attr(n, "aria-hidden"); a && std::strcmp(a, "true") == 0) return true;
  if (const char* s = Attr(n, "style")) {
    std::string st = AsciiLower(s);
    st.erase(std::remove(st.begin(), st.end(), ' '), st.end());
    if (st.find("display:none") != std::string::npos || st.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

bool IsArticleBodyMarker(Node* n) {
  if (Tag(n) == GUMBO_TAG_ARTICLE) return true;
  const char* ip = Attr(n, "itemprop");
  return ip && AsciiLower(ip) == "articlebody";
}

// Days since 0000-03-01 of a YYYY-MM-DD date (for differences only).
long DayNumber(const std::string& ymd) {
  int y = std::stoi(ymd.substr(0, 4)), m = std::stoi(ymd.substr(5, 2)), d = std::stoi(ymd.substr(8, 2));
  if (m <= 2) {
    --y;
    m += 12;
  }
  return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

long DaysApart(const std::string& a, const std::string& b) {
  long diff = DayNumber(a) - DayNumber(b);
  return diff < 0 ? -diff : diff;
}

// A date written as path segments of an address: /2024/06/26/ or /2024-06-26/ (a year
// alone or year/month is not a date).
std::optional<std::string> DateInUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  url = url.substr(path, url.find_first_of("?#", path) - path);
  auto digits = [&](size_t at, size_t n) {
    if (at + n > url.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(url[i]))) return false;
    }
    return true;
  };
  for (size_t i = 0; i + 11 <= url.size(); ++i) {
    if (url[i] != '/' || !digits(i + 1, 4)) continue;
    char sep = url[i + 5];
    if ((sep != '/' && sep != '-') || !digits(i + 6, 2) || url[i + 8] != sep || !digits(i + 9, 2)) continue;
    if (i + 11 < url.size() && std::isdigit(static_cast<unsigned char>(url[i + 11]))) continue;
    std::string ymd = std::string(url.substr(i + 1, 4)) + "-" + std::string(url.substr(i + 6, 2)) + "-" +
                      std::string(url.substr(i + 9, 2));
    if (auto d = NormaliseDate(ymd)) return d;
  }
  return std::nullopt;
}

// The first date in a short text, skipping one labelled as an update ("Updated: ...").
std::optional<std::string> FindPublishedDateIn(std::string_view text) {
  std::string lower = AsciiLower(text);
  for (size_t i = 0; i < text.size(); ++i) {
    bool starts = std::isalnum(static_cast<unsigned char>(text[i])) &&
                  (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])));
    if (!starts) continue;
    // Try the longest date-like stretch first: "June 25, 2024 10:00" down to "2024-06-25".
    std::optional<std::string> d;
    for (size_t len : {40, 30, 20, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8}) {
      if (i + len > text.size() && len != 8) continue;
      if ((d = NormaliseDate(text.substr(i, len)))) break;
    }
    if (!d) continue;
    size_t from = i >= 16 ? i - 16 : 0;
    std::string_view before(lower.data() + from, i - from);
    if (before.find("updat") != std::string_view::npos || before.find("modif") != std::string_view::npos ||
        before.find("edited") != std::string_view::npos)
      continue;
    return d;
  }
  return std::nullopt;
}

struct Stats {
  uint32_t text = 0;   // non-space bytes of kept text below
  uint32_t link = 0;   // of which inside <a>
  uint32_t para = 0;   // of which inside <p>
  bool landmark = false;  // holds an h1, <main> or <article>: a page wrapper, not furniture
  bool has_block = false; // some kept descendant is a block element
  bool dropped = false;
};

class Extractor {
 public:
  // `json_ld`: JSON-LD texts taken out of the page before parsing (more are read from
  // scripts left in the tree).
  Extractor(Node* root, std::string_view url, std::vector<std::string> json_ld)
      : root_(root), given_url_(url), json_ld_(std::move(json_ld)) {}

  HtmlArticle Run() {
    MarkTooDeep();
    Node* body = FindBody(root_);
    HtmlArticle out;
    CollectMetadata(root_, out);
    FinishMetadata(out);  // the title is needed to drop its repeat from the body
    if (body) {
      page_para_ = RawParagraphText(body, false);
      Measure(body, /*inside_link=*/false, /*inside_p=*/false);
      Score(body, /*inside_p=*/false);
      out.body = ExtractBody(body, out.title);
    }
    return out;
  }

 private:
  // The passes below recurse; anything nested deeper than real pages ever are is cut
  // off so that hostile input cannot exhaust the stack.
  static constexpr int kMaxDepth = 400;
  void MarkTooDeep() {
    std::vector<std::pair<Node*, int>> stack = {{root_, 0}};
    while (!stack.empty()) {
      auto [n, depth] = stack.back();
      stack.pop_back();
      if (!IsElement(n) && n->type != GUMBO_NODE_DOCUMENT) continue;
      if (depth >= kMaxDepth) {
        too_deep_.insert(n);
        continue;
      }
      for (unsigned i = 0; i < Children(n).length; ++i) stack.push_back({Child(n, i), depth + 1});
    }
  }
  bool TooDeep(Node* n) const { return !too_deep_.empty() && too_deep_.count(n); }

  Node* FindBody(Node* n) {
    if (TooDeep(n)) return nullptr;
    if (IsElement(n) && Tag(n) == GUMBO_TAG_BODY) return n;
    if (!IsElement(n) && n->type != GUMBO_NODE_DOCUMENT) return nullptr;
    for (unsigned i = 0; i < Children(n).length; ++i) {
      if (Node* b = FindBody(Child(n, i))) return b;
    }
    return nullptr;
  }

  // ---- body ----

  // Paragraph text of the whole page, before any furniture is dropped.
  size_t RawParagraphText(Node* n, bool inside_p) {
    if (IsText(n)) return inside_p ? NonSpaceBytes(n->v.text.text) : 0;
    if (!IsElement(n) || IsNeverBodyTag(Tag(n)) || TooDeep(n)) return 0;
    size_t sum = 0;
    bool p = inside_p || Tag(n) == GUMBO_TAG_P;
    for (unsigned i = 0; i < Children(n).length; ++i) sum += RawParagraphText(Child(n, i), p);
    return sum;
  }

  // Post-order pass: text sizes per element and which elements are furniture.
  Stats Measure(Node* n, bool inside_link, bool inside_p) {
    Stats s;
    if (IsText(n)) {
      uint32_t len = static_cast<uint32_t>(NonSpaceBytes(n->v.text.text));
      s.text = len;
      s.link = inside_link ? len : 0;
      s.para = inside_p ? len : 0;
      return s;
    }
    if (!IsElement(n)) return s;
    if (TooDeep(n)) {
      s.dropped = true;
      stats_[n] = s;
      return s;
    }
    GumboTag t = Tag(n);
    // <header> is measured so that an h1 inside still marks its ancestors as landmarks.
    if (IsNeverBodyTag(t) && t != GUMBO_TAG_HEADER) {
      s.dropped = true;
      stats_[n] = s;
      return s;
    }
    bool link = inside_link || t == GUMBO_TAG_A;
    bool para = inside_p || t == GUMBO_TAG_P;
    for (unsigned i = 0; i < Children(n).length; ++i) {
      Node* c = Child(n, i);
      Stats cs = Measure(c, link, para);
      s.landmark = s.landmark || cs.landmark;
      if (cs.dropped) continue;
      if (IsElement(c) && (cs.has_block || IsBlockTag(Tag(c)))) s.has_block = true;
      s.text += cs.text;
      s.link += cs.link;
      s.para += cs.para;
    }
    if (t == GUMBO_TAG_H1 || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_ARTICLE) s.landmark = true;
    // <header> holds the headline and byline, which come from metadata, never prose.
    // A furniture-looking class or a <form> is not trusted on a wrapper of the page's
    // headline or of most of its paragraphs ("content-with-sidebar", ASP.NET page forms).
    bool wrapper = s.landmark || (page_para_ > 0 && s.para * 2 >= page_para_);
    s.dropped = t == GUMBO_TAG_HEADER || IsHidden(n) ||
                ((t == GUMBO_TAG_FORM || HasBoilerplateName(n)) && !wrapper);
    stats_[n] = s;
    return s;
  }

  void AddScore(Node* n, double len) {
    auto [it, inserted] = scores_.try_emplace(n, 0.0);
    if (inserted) scored_.push_back(n);
    it->second += len;
  }
  void Credit(Node* n, double len) {
    if (!n || n->type != GUMBO_NODE_ELEMENT) return;
    AddScore(n, len);
    if (n->parent && n->parent->type == GUMBO_NODE_ELEMENT) AddScore(n->parent, len / 2);
  }

  // Top-down pass over kept elements: each paragraph scores its parent (full length)
  // and grandparent (half), readability style; article markers become candidates.
  // Text written straight into a block with <br> breaks (no <p>) scores that block.
  void Score(Node* n, bool inside_p) {
    if (!IsElement(n)) return;
    const Stats& s = StatsOf(n);
    if (s.dropped || IsNeverBodyTag(Tag(n))) return;
    GumboTag t = Tag(n);
    if (t == GUMBO_TAG_P && s.text >= 25) Credit(n->parent, s.text);
    // A <div> holding only inline content is a paragraph written without <p>.
    if (t == GUMBO_TAG_DIV && !inside_p && !s.has_block && s.text >= 25 && s.link * 2 < s.text) {
      Credit(n->parent, s.text - s.link);
      loose_text_.emplace_back(n, s.text - s.link);
    }
    if (!inside_p && t != GUMBO_TAG_P) {
      size_t loose = 0;
      for (unsigned i = 0; i < Children(n).length; ++i) {
        Node* c = Child(n, i);
        if (c->type == GUMBO_NODE_TEXT) loose += NonSpaceBytes(c->v.text.text);
      }
      if (loose >= 25) {
        Credit(n, static_cast<double>(loose));
        loose_text_.emplace_back(n, loose);
      }
    }
    if (IsArticleBodyMarker(n)) article_marks_.push_back(n);
    for (unsigned i = 0; i < Children(n).length; ++i) Score(Child(n, i), inside_p || t == GUMBO_TAG_P);
  }

  const Stats& StatsOf(Node* n) const {
    static const Stats kNone;
    auto it = stats_.find(n);
    return it == stats_.end() ? kNone : it->second;
  }

  static bool Contains(Node* outer, Node* inner) {
    for (Node* p = inner; p; p = p->parent) {
      if (p == outer) return true;
    }
    return false;
  }

  std::vector<Node*> ChooseRoots(Node* body) {
    Node* top = nullptr;
    double top_score = 0;
    for (Node* node : scored_) {  // document order, so ties resolve the same way every run
      double score = scores_[node];
      if (score > top_score) {
        top = node;
        top_score = score;
      }
    }
    Node* article = nullptr;
    for (Node* a : article_marks_) {
      if (!article || StatsOf(a).para > StatsOf(article).para) article = a;
    }
    // Prose: paragraph text plus text written straight into blocks between <br>s; an
    // <article> teaser must not win over a body that has no <p> at all.
    auto prose = [&](Node* n) {
      size_t sum = StatsOf(n).para;
      for (const auto& [block, bytes] : loose_text_) {
        if (Contains(n, block)) sum += bytes;
      }
      return sum;
    };
    if (article && StatsOf(article).para > 0 &&
        (!top || Contains(article, top) || prose(article) >= prose(top))) {
      return {article};
    }
    if (!top) return {body};
    // Articles split over sibling blocks: keep the siblings that score well too.
    std::vector<Node*> roots;
    Node* parent = top->parent;
    if (!parent || parent->type != GUMBO_NODE_ELEMENT) return {top};
    for (unsigned i = 0; i < Children(parent).length; ++i) {
      Node* c = Child(parent, i);
      if (!IsElement(c)) continue;
      if (c == top) {
        roots.push_back(c);
        continue;
      }
      const Stats& cs = StatsOf(c);
      if (cs.dropped) continue;
      auto sc = scores_.find(c);
      bool strong = sc != scores_.end() && sc->second >= 0.2 * top_score;
      bool long_paragraph = (Tag(c) == GUMBO_TAG_P || (Tag(c) == GUMBO_TAG_DIV && !cs.has_block)) &&
                            cs.text >= 80 && cs.link * 2 < cs.text;
      if (strong || long_paragraph) roots.push_back(c);
    }
    return roots;
  }

  std::string ExtractBody(Node* body, const std::string& title) {
    std::vector<Node*> roots = ChooseRoots(body);
    paragraphs_.clear();
    current_.clear();
    for (Node* r : roots) {
      Emit(r, /*is_root=*/true);
      Flush();
    }
    if (paragraphs_.empty() && roots.front() != body) {
      Emit(body, true);
      Flush();
    }
    // The headline repeated in the first blocks (after a kicker or a byline) would be analysed twice.
    for (size_t i = 0; i < paragraphs_.size() && i < 3 && !title.empty(); ++i) {
      if (paragraphs_[i] == title) {
        paragraphs_.erase(paragraphs_.begin() + static_cast<long>(i));
        break;
      }
    }
    std::string out;
    for (const std::string& p : paragraphs_) {
      if (!out.empty()) out += "\n\n";
      out += p;
    }
    return out;
  }

  void Emit(Node* n, bool is_root) {
    if (IsText(n)) {
      current_.append(n->v.text.text);
      return;
    }
    if (!IsElement(n)) return;
    GumboTag t = Tag(n);
    if (t == GUMBO_TAG_BR) {
      Flush();
      return;
    }
    const Stats& s = StatsOf(n);
    bool block = IsBlockTag(t);
    if (!is_root) {
      if (s.dropped || IsNeverBodyTag(t)) return;
      // Blocks that are mostly links: menus, "related" lists, tag clouds.
      if (block && s.text > 0 && s.link * 10 >= s.text * 7) return;
    }
    if (block) Flush();
    for (unsigned i = 0; i < Children(n).length; ++i) Emit(Child(n, i), false);
    if (block) Flush();
  }

  void Flush() {
    std::string p = Collapse(current_);
    current_.clear();
    if (p.empty() || IsBoilerplateLine(p)) return;
    paragraphs_.push_back(std::move(p));
  }

  static bool IsBoilerplateLine(const std::string& p) {
    if (p.size() > 60) return false;
    static const char* const kLines[] = {"advertisement", "story continues below advertisement",
                                         "continue reading", "read more", "share", "share this article",
                                         "skip to content", "skip to main content", "close", "menu"};
    std::string lower = AsciiLower(p);
    for (const char* l : kLines) {
      if (lower == l) return true;
    }
    return false;
  }

  // ---- metadata ----

  void CollectMetadata(Node* n, HtmlArticle& out) {
    if ((!IsElement(n) && n->type != GUMBO_NODE_DOCUMENT) || TooDeep(n)) return;
    if (IsElement(n)) {
      GumboTag t = Tag(n);
      if (t == GUMBO_TAG_META) {
        std::string content = AttrOr(n, "content");
        for (const char* key_attr : {"property", "name", "itemprop"}) {
          const char* key = Attr(n, key_attr);
          if (!key || content.empty()) continue;
          std::string k = AsciiLower(key);
          // An itemprop=author meta is as often a cited work's author as the page's.
          if (std::strcmp(key_attr, "itemprop") == 0 && k == "author") continue;
          meta_.emplace(k, content);  // first wins
        }
        if (const char* equiv = Attr(n, "http-equiv");
            equiv && AsciiLower(equiv) == "content-language" && content_language_.empty())
          content_language_ = content;
      } else if (t == GUMBO_TAG_HTML && html_lang_.empty()) {
        html_lang_ = AttrOr(n, "lang");
        if (html_lang_.empty()) html_lang_ = AttrOr(n, "xml:lang");
      } else if (t == GUMBO_TAG_TITLE && html_title_.empty()) {
        html_title_ = TextOf(n);
      } else if (t == GUMBO_TAG_H1) {
        if (std::string h = TextOf(n); !h.empty()) h1s_.push_back(std::move(h));
      } else if (t == GUMBO_TAG_LINK) {
        std::string rel = AsciiLower(AttrOr(n, "rel"));
        if (rel == "canonical" && canonical_.empty()) canonical_ = AttrOr(n, "href");
      } else if (t == GUMBO_TAG_SCRIPT) {
        std::string type = AsciiLower(AttrOr(n, "type"));
        if (type == "application/ld+json") {
          std::string raw;
          for (unsigned i = 0; i < Children(n).length; ++i) {
            Node* c = Child(n, i);
            if (IsText(c)) raw += c->v.text.text;
          }
          if (!raw.empty()) json_ld_.push_back(std::move(raw));
        }
        return;
      } else if (t == GUMBO_TAG_TIME) {
        std::string dt = AttrOr(n, "datetime");
        if (dt.empty()) dt = TextOf(n);
        const char* ip = Attr(n, "itemprop");
        bool marked = Attr(n, "pubdate") || (ip && AsciiLower(ip) == "datepublished");
        if (!dt.empty()) (marked ? marked_times_ : times_).push_back(dt);
      } else if (t == GUMBO_TAG_A) {
        if (AsciiLower(AttrOr(n, "rel")) == "author" && rel_author_.empty()) rel_author_ = TextOf(n);
      }
      if (t != GUMBO_TAG_META && t != GUMBO_TAG_SCRIPT && t != GUMBO_TAG_STYLE && t != GUMBO_TAG_HTML &&
          t != GUMBO_TAG_BODY) {
        NoteBylineOrDate(n);
      }
      // Microdata on ordinary elements: <span itemprop="datePublished" content="...">.
      if (t != GUMBO_TAG_META) {
        if (const char* ip = Attr(n, "itemprop")) {
          std::string prop = AsciiLower(ip);
          if (prop == "datepublished") {
            std::string v = AttrOr(n, "content");
            if (v.empty()) v = AttrOr(n, "datetime");
            if (v.empty()) v = TextOf(n);
            if (!v.empty()) meta_.emplace("datepublished", v);
          } else if (prop == "author" && microdata_author_.empty()) {
            microdata_author_ = MicrodataName(n);
          }
        }
      }
    }
    for (unsigned i = 0; i < Children(n).length; ++i) {
      Node* c = Child(n, i);
      if (c->type == GUMBO_NODE_TEXT && IsElement(n)) {
        NoteByLabel(n, c);
      } else {
        CollectMetadata(c, out);
      }
    }
  }

  // A printed "By" label: "By Jane Doe" in one text, or a "By" / "Written by" label whose
  // name follows in the next element. The byline is the text of the smallest element
  // holding more than the label.
  void NoteByLabel(Node* parent, Node* text_node) {
    if (by_labels_.size() >= 4) return;
    std::string t = Collapse(text_node->v.text.text);
    size_t start = 0;
    while (start < t.size() && (t[start] == '|' || t[start] == ' ' || t[start] == '-')) ++start;
    std::string lower = AsciiLower(std::string_view(t).substr(start));
    if (lower.size() > 24 && lower.rfind("by ", 0) != 0) return;
    bool label_only = lower == "by" || lower == "by:" || (lower.size() <= 16 && lower.size() > 3 &&
                                                          lower.compare(lower.size() - 3, 3, " by") == 0);
    bool by_name = lower.size() > 3 && lower.rfind("by ", 0) == 0 &&
                   std::isupper(static_cast<unsigned char>(t[start + 3]));
    if (!label_only && !by_name) return;
    for (Node* holder = parent; holder && IsElement(holder); holder = holder->parent) {
      GumboTag tag = Tag(holder);
      if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) return;
      std::string text = TextOf(holder);
      if (text.size() > 120) return;
      if (by_name || text.size() > t.size() + 1) {
        by_labels_.push_back(std::move(text));
        return;
      }
    }
  }

  // Calls f(word) for each word (letter run, lower case) of the class, id and data-testid
  // attributes; runs on every element, so without allocating. Words over 31 letters are
  // no names we look for and are skipped.
  template <typename F>
  static void ForEachNameWord(Node* n, F&& f) {
    for (const char* attr : {"class", "id", "data-testid"}) {
      const char* v = Attr(n, attr);
      if (!v) continue;
      char word[32];
      size_t len = 0;
      for (const char* p = v;; ++p) {
        unsigned char c = static_cast<unsigned char>(*p);
        if (c && std::isalpha(c)) {
          if (len < sizeof word) word[len] = static_cast<char>(std::tolower(c));
          ++len;
          continue;
        }
        if (len > 0 && len < sizeof word) f(std::string_view(word, len));
        len = 0;
        if (!c) break;
      }
    }
  }

  // Elements named as bylines ("byline", "author") and as dates ("date", "published",
  // "dateline", "timestamp"): short texts kept in page order for the fallbacks.
  void NoteBylineOrDate(Node* n) {
    if (bylines_.size() >= 8 && date_texts_.size() >= 8) return;
    bool byline = false, date = false;
    ForEachNameWord(n, [&](std::string_view w) {
      if (w == "byline" || w == "author" || w == "authors" || w == "contributors" || w == "writer")
        byline = true;
      if (w == "date" || w == "published" || w == "pubdate" || w == "dateline" || w == "timestamp" ||
          w == "posted" || w == "time")
        date = true;
    });
    if (!byline && !date) return;
    std::string text = TextOf(n);
    if (text.empty() || text.size() > 160) return;
    if (byline && bylines_.size() < 8) bylines_.push_back(text);
    if (date && date_texts_.size() < 8) date_texts_.push_back(text);
  }

  // The itemprop=name below an itemprop=author element, else its whole text.
  static std::string MicrodataName(Node* n) {
    std::vector<Node*> stack = {n};
    while (!stack.empty()) {
      Node* c = stack.back();
      stack.pop_back();
      if (!IsElement(c)) continue;
      if (c != n) {
        const char* ip = Attr(c, "itemprop");
        if (ip && AsciiLower(ip) == "name") {
          std::string v = AttrOr(c, "content");
          return v.empty() ? TextOf(c) : Collapse(v);
        }
      }
      for (unsigned i = Children(c).length; i-- > 0;) stack.push_back(Child(c, i));
    }
    return TextOf(n);
  }

  std::string Meta(std::initializer_list<const char*> keys) const {
    for (const char* k : keys) {
      auto it = meta_.find(k);
      if (it != meta_.end()) {
        std::string v = Collapse(it->second);
        if (!v.empty()) return v;
      }
    }
    return "";
  }

  // Several people of a structured list, as HtmlArticle::author documents.
  static std::string JoinNames(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += "; ";
      out += names[i];
    }
    return out;
  }

  // A comma-separated tail that is not part of a name: the outlet in capitals ("CNN",
  // "AP") or a degree ("PhD", "MD").
  static bool IsAffiliationTail(std::string_view part) {
    static const char* const kDegrees[] = {"phd", "ph.d.", "md", "m.d.", "rd", "rdn", "mph", "msc", "ms", "ma",
                                           "mba", "rn", "do", "dvm", "cpt", "cscs", "jd", "llm"};
    std::string lower = AsciiLower(part);
    for (const char* d : kDegrees) {
      if (lower == d) return true;
    }
    bool letters = false;
    for (char c : part) {
      if (std::islower(static_cast<unsigned char>(c))) return false;
      if (std::isalpha(static_cast<unsigned char>(c))) letters = true;
    }
    return letters && part.size() <= 12;
  }

  static std::string CleanAuthor(std::string a) {
    a = Collapse(a);
    // Profile URLs and social handles are not names.
    if (a.rfind("http://", 0) == 0 || a.rfind("https://", 0) == 0 || a.rfind("@", 0) == 0) return "";
    // "By Jane Doe", "View all posts by Jane Doe", "Written by Jane Doe".
    std::string lower = AsciiLower(a);
    if (lower.rfind("by ", 0) == 0) {
      a = a.substr(3);
    } else if (lower.rfind("by", 0) == 0 && a.size() > 2 && std::isupper(static_cast<unsigned char>(a[2]))) {
      a = a.substr(2);  // "ByJane Doe": markup glued the label to the name
    } else if (size_t by = lower.find(" by "); by != std::string::npos && by < 30) {
      a = a.substr(by + 4);
    }
    // A byline line goes on with the date or a role: "Jane Doe on April 29, 2018",
    // "Jane Doe | Updated 10:00", "Jane Doe - Staff Writer".
    for (const char* stop : {" on ", " | ", " - ", " — ", " – ", " Updated", " Published", " Posted"}) {
      if (size_t at = a.find(stop); at != std::string::npos && at > 0) a.resize(at);
    }
    a = Collapse(a);
    // The date after the name: "Jane Doe Thursday, November 9, 2023".
    {
      static const char* const kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                          "Sunday"};
      size_t cut = a.size();
      for (const char* d : kDays) {
        if (size_t at = a.find(std::string(" ") + d); at != std::string::npos) cut = std::min(cut, at);
      }
      for (size_t i = 1; i < a.size(); ++i) {
        if (a[i - 1] == ' ' && std::isdigit(static_cast<unsigned char>(a[i]))) {
          cut = std::min(cut, i - 1);
          break;
        }
      }
      a.resize(cut);
    }
    // "Rob Picheta, CNN", "Grant Tinsley, PhD": the tail after the last comma goes while
    // it is an affiliation.
    while (true) {
      size_t comma = a.rfind(',');
      if (comma == std::string::npos) break;
      std::string tail = Collapse(a.substr(comma + 1));
      if (!tail.empty() && !IsAffiliationTail(tail)) break;
      a = Collapse(a.substr(0, comma));
    }
    return a;
  }

  // Not a person's name: too long for a byline, or with digits.
  static bool LooksLikeName(const std::string& a) {
    if (a.empty() || a.size() > 100) return false;
    if (std::any_of(a.begin(), a.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return false;
    return std::count(a.begin(), a.end(), ' ') < 12;
  }

  // Every word of a printed name starts with a capital, save name particles and
  // joining words ("Jose de la Cruz", "Jane Doe and John Roe").
  static bool CapitalisedWords(const std::string& a) {
    static const char* const kLower[] = {"de", "la", "da", "del", "della", "di", "van", "von", "der", "den",
                                         "du", "le", "bin", "al", "el", "and", "y", "ter", "dos", "das"};
    size_t i = 0, words = 0;
    while (i < a.size()) {
      size_t j = a.find(' ', i);
      if (j == std::string::npos) j = a.size();
      std::string word = a.substr(i, j - i);
      i = j + 1;
      if (word.empty()) continue;
      ++words;
      unsigned char first = static_cast<unsigned char>(word[0]);
      if (std::isupper(first) || first >= 0x80) continue;
      std::string lower = AsciiLower(word);
      if (std::none_of(std::begin(kLower), std::end(kLower), [&](const char* p) { return lower == p; }))
        return false;
    }
    return words > 0;
  }

  // Two or three capitalised words of letters ("Pamela Anderson"), none of them a word
  // that names a business or publication, no initialism: a person rather than an outlet.
  static bool LooksLikePersonalName(const std::string& a) {
    static const char* const kOrgWords[] = {
        "news", "times", "post", "daily", "media", "online", "press", "group", "team", "staff", "magazine",
        "journal", "network", "radio", "tv", "foundation", "blog", "digital", "inc", "ltd", "llc", "tribune",
        "herald", "gazette", "review", "report", "today", "weekly", "world", "insider", "wire", "service",
        "editors", "desk", "channel", "studio", "studios", "company", "institute", "center", "centre",
        "university", "agency", "club", "association", "society", "official", "store", "shop", "the"};
    size_t words = 0, i = 0;
    while (i < a.size()) {
      size_t j = a.find(' ', i);
      if (j == std::string::npos) j = a.size();
      std::string word = a.substr(i, j - i);
      i = j + 1;
      if (word.size() < 2) return false;
      if (!std::isupper(static_cast<unsigned char>(word[0]))) return false;
      for (size_t k = 1; k < word.size(); ++k) {
        unsigned char c = static_cast<unsigned char>(word[k]);
        if (!(std::islower(c) || c == '-' || c == '\'' || c >= 0x80)) return false;  // initialisms, digits
      }
      std::string lower = AsciiLower(word);
      if (std::any_of(std::begin(kOrgWords), std::end(kOrgWords), [&](const char* w) { return lower == w; }))
        return false;
      ++words;
    }
    return words >= 2 && words <= 3;
  }

  // JSON-LD: the first object carrying a field, preferring article types.
  struct LdFacts {
    std::string published, author, site_name, headline, url, modified;
  };

  // Objects with an "@id" and a "name", so that {"@id": ...} references resolve (graphs
  // list the author Person once and point at it).
  void LdCollectIds(const nlohmann::json& v, int depth = 0) {
    if (depth > 32) return;
    if (v.is_array()) {
      for (const auto& e : v) LdCollectIds(e, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    auto id = v.find("@id");
    auto name = v.find("name");
    if (id != v.end() && id->is_string() && name != v.end() && name->is_string())
      ld_ids_.emplace(id->get<std::string>(), v);
    for (const auto& [key, child] : v.items()) {
      if (child.is_object() || child.is_array()) LdCollectIds(child, depth + 1);
    }
  }

  // A name, or for people (`person_only`) empty when the object is an organisation.
  std::string LdName(const nlohmann::json& v, bool person_only = false) const {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object()) {
      const nlohmann::json* obj = &v;
      if (!v.contains("name")) {
        auto id = v.find("@id");
        if (id != v.end() && id->is_string()) {
          auto it = ld_ids_.find(id->get<std::string>());
          if (it != ld_ids_.end()) obj = &it->second;
        }
      }
      if (person_only) {
        auto t = obj->find("@type");
        if (t != obj->end() && t->dump().find("Organization") != std::string::npos) return "";
      }
      auto it = obj->find("name");
      if (it != obj->end() && it->is_string()) return it->get<std::string>();
    }
    if (v.is_array()) {
      std::vector<std::string> names;
      for (const auto& e : v) {
        std::string name = CleanAuthor(LdName(e, person_only));
        if (!name.empty()) names.push_back(std::move(name));
      }
      return JoinNames(names);
    }
    return "";
  }

  void LdWalk(const nlohmann::json& v, LdFacts& article, LdFacts& any, int depth = 0) const {
    if (depth > 32) return;  // real JSON-LD is a few levels deep
    if (v.is_array()) {
      for (const auto& e : v) LdWalk(e, article, any, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    bool is_article = false, is_media = false;
    if (auto t = v.find("@type"); t != v.end()) {
      std::string types = t->dump();
      is_media = types.find("Object") != std::string::npos;  // ImageObject, VideoObject: the photographer
      is_article = types.find("Article") != std::string::npos || types.find("Posting") != std::string::npos ||
                   types.find("Report") != std::string::npos;
    }
    for (LdFacts* f : {&article, &any}) {
      if (f == &article && !is_article) continue;
      auto take = [&](const char* key, std::string& field, bool name) {
        auto it = v.find(key);
        if (it == v.end() || !field.empty()) return;
        field = name ? LdName(*it, /*person_only=*/true) : (it->is_string() ? it->get<std::string>() : "");
      };
      take("datePublished", f->published, false);
      if (!is_media) take("author", f->author, true);
      take("headline", f->headline, false);
      take("dateModified", f->modified, false);
      take("url", f->url, false);
      if (auto p = v.find("publisher"); p != v.end() && f->site_name.empty()) f->site_name = LdName(*p);
    }
    if (auto g = v.find("@graph"); g != v.end()) LdWalk(*g, article, any, depth + 1);
  }

  static std::string StripSiteSuffix(std::string title, const std::string& site) {
    if (site.empty()) return title;
    for (const char* sep : {" | ", " - ", " – ", " — ", " :: ", " · "}) {
      std::string suffix = sep + site;
      if (title.size() > suffix.size() &&
          AsciiLower(title.substr(title.size() - suffix.size())) == AsciiLower(suffix))
        return title.substr(0, title.size() - suffix.size());
    }
    return title;
  }

  void FinishMetadata(HtmlArticle& out) {
    LdFacts ld_article, ld_any;
    std::vector<nlohmann::json> parsed_ld;
    for (const std::string& raw : json_ld_) {
      nlohmann::json j = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded()) continue;
      LdCollectIds(j);
      parsed_ld.push_back(std::move(j));
    }
    for (const nlohmann::json& j : parsed_ld) LdWalk(j, ld_article, ld_any);
    auto ld = [&](std::string LdFacts::*field) {
      return !(ld_article.*field).empty() ? ld_article.*field : ld_any.*field;
    };

    out.site_name = Meta({"og:site_name", "application-name"});
    if (out.site_name.empty()) out.site_name = Collapse(ld(&LdFacts::site_name));

    // The page's only h1 is the headline readers saw; og:title and <title> are often
    // rewritten for sharing and search. Several h1s: one of them is the site's logo.
    std::string title;
    if (h1s_.size() == 1 && h1s_[0].find(' ') != std::string::npos &&
        AsciiLower(h1s_[0]) != AsciiLower(out.site_name))
      title = h1s_[0];
    if (title.empty()) title = Meta({"og:title", "twitter:title"});
    if (title.empty()) title = StripSiteSuffix(html_title_, out.site_name);
    if (title.empty()) title = Collapse(ld(&LdFacts::headline));
    if (title.empty() && !h1s_.empty()) title = h1s_[0];
    out.title = Collapse(StripSiteSuffix(title, out.site_name));

    static const std::initializer_list<const char*> kDateKeys = {
        "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
        "published_time", "pubdate", "publishdate", "publish-date", "publish_date", "article.published",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
        "dcterms.created", "date"};
    for (const char* key : kDateKeys) {
      auto it = meta_.find(key);
      if (it == meta_.end()) continue;
      if (auto d = NormaliseDate(it->second)) {
        out.published = *d;
        out.published_method = "meta";
        break;
      }
    }
    if (out.published.empty()) {
      for (const std::string& v : {ld_article.published, ld_any.published}) {
        if (auto d = NormaliseDate(v)) {
          out.published = *d;
          out.published_method = "json-ld";
          break;
        }
      }
    }
    if (out.published.empty()) {
      for (const std::string& v : marked_times_) {
        if (auto d = NormaliseDate(v)) {
          out.published = *d;
          out.published_method = "time";
          break;
        }
      }
    }

    out.url = Collapse(canonical_);
    if (out.url.rfind("http", 0) != 0) out.url = Meta({"og:url"});
    if (out.url.empty()) out.url = Collapse(ld(&LdFacts::url));
    if (out.url.empty()) out.url = given_url_;

    // The date in the article's address is the outlet's own local date; metadata often
    // carries the same moment in UTC, a day off. Within a day, the address wins.
    std::optional<std::string> url_date;
    for (const std::string& u : {given_url_, out.url, Meta({"og:url"})}) {
      if ((url_date = DateInUrl(u))) break;
    }
    if (url_date && (out.published.empty() || DaysApart(*url_date, out.published) <= 1)) {
      if (out.published != *url_date) {
        out.published = *url_date;
        out.published_method = "url";
      }
    }
    // Dates printed on the page: "Written: 2023-11-07", "Published June 25, 2024".
    if (out.published.empty()) {
      for (const std::string& text : date_texts_) {
        if (auto d = FindPublishedDateIn(text)) {
          out.published = *d;
          out.published_method = "text";
          break;
        }
      }
    }
    if (out.published.empty()) {
      for (const std::string& v : times_) {
        if (auto d = NormaliseDate(v)) {
          out.published = *d;
          out.published_method = "time";
          break;
        }
      }
    }
    for (const std::string& v : {Meta({"article:modified_time", "og:updated_time", "datemodified", "last-modified",
                                       "lastmod", "dcterms.modified"}),
                                 ld_article.modified, ld_any.modified}) {
      if (auto d = NormaliseDate(v)) {
        out.modified = *d;
        break;
      }
    }

    // Authors: the outlet named as its own author is no byline.
    std::string publisher = Collapse(ld(&LdFacts::site_name));
    // "Outlet | tagline" site names: the outlet is the first part.
    std::string site_head = out.site_name;
    for (const char* sep : {" | ", " - ", " – ", " — ", ": "}) {
      if (size_t at = site_head.find(sep); at != std::string::npos) site_head.resize(at);
    }
    auto is_outlet = [&](const std::string& a) {
      std::string lower = AsciiLower(a);
      return (!out.site_name.empty() && lower == AsciiLower(out.site_name)) ||
             (!site_head.empty() && lower == AsciiLower(site_head)) ||
             (!publisher.empty() && lower == AsciiLower(publisher)) || lower == "staff" || lower == "admin" ||
             lower == "agencies" || lower == "editor" || lower == "editorial staff";
    };
    std::vector<std::string> candidates = {Meta({"author"}), Meta({"article:author"}), ld(&LdFacts::author),
                                           rel_author_,
                                           Meta({"byl", "parsely-author", "sailthru.author", "dc.creator"}),
                                           microdata_author_};
    for (const std::string& b : bylines_) {
      std::string lower = AsciiLower(b);
      // Picture credits sit in "author" elements too.
      if (lower.find("photo") != std::string::npos || lower.find("image") != std::string::npos ||
          lower.find("illustration") != std::string::npos)
        continue;
      candidates.push_back(b);
    }
    // A JSON-LD author that is the outlet's own name still counts when that name is a
    // person's: one-person sites sign with it. (Meta author tags default to the site name.)
    const size_t json_ld_index = 2;
    for (size_t i = 0; i < candidates.size(); ++i) {
      std::string candidate = CleanAuthor(candidates[i]);
      if (!LooksLikeName(candidate)) continue;
      if (is_outlet(candidate) && !(i == json_ld_index && LooksLikePersonalName(candidate))) continue;
      out.author = candidate;
      break;
    }
    if (out.author.empty()) {
      for (const std::string& b : by_labels_) {
        std::string candidate = CleanAuthor(b);
        if (!LooksLikeName(candidate) || !CapitalisedWords(candidate) || is_outlet(candidate)) continue;
        out.author = candidate;
        break;
      }
    }

    std::string lang = !html_lang_.empty() ? html_lang_ : content_language_;
    if (lang.empty()) lang = Meta({"og:locale", "language", "dc.language"});
    lang = AsciiLower(Collapse(lang));
    std::replace(lang.begin(), lang.end(), '_', '-');
    out.lang = lang;
  }

  Node* root_;
  std::string given_url_;
  std::unordered_set<Node*> too_deep_;  // nodes at kMaxDepth: their subtrees are ignored
  size_t page_para_ = 0;
  std::unordered_map<Node*, Stats> stats_;
  std::unordered_map<Node*, double> scores_;
  std::vector<Node*> scored_;  // keys of scores_ in the order first scored
  std::vector<Node*> article_marks_;
  std::vector<std::pair<Node*, size_t>> loose_text_;  // blocks with text outside <p>, and its bytes
  std::vector<std::string> paragraphs_;
  std::string current_;

  std::map<std::string, std::string> meta_;  // first value of each key
  std::vector<std::string> h1s_;  // non-empty h1 texts in page order
  std::string html_title_, canonical_, rel_author_, microdata_author_, html_lang_, content_language_;
  std::vector<std::string> bylines_, date_texts_;  // texts of elements named byline/author, date/published
  std::vector<std::string> by_labels_;              // texts of elements printing a "By" label
  std::unordered_map<std::string, nlohmann::json> ld_ids_;  // JSON-LD objects by @id
  std::vector<std::string> json_ld_, times_, marked_times_;
};

}  // namespace

HtmlArticle ExtractHtml(std::string_view html, std::string_view url) {
  // Scripts, styles, drawings and comments are most of a news page's bytes and none of
  // what is read: gumbo never sees them.
  std::vector<std::string> json_ld;
  std::string trimmed = StripUnreadHtml(html, &json_ld);
  static const GumboOptions kOptions = [] {
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0;  // parse errors are not used: do not record them
    return o;
  }();
  GumboOutput* parsed = gumbo_parse_with_options(&kOptions, trimmed.data(), trimmed.size());
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> guard(
      parsed, [](GumboOutput* o) { gumbo_destroy_output(&kOptions, o); });
  return Extractor(parsed->document, url, std::move(json_ld)).Run();
}

}  // namespace claimgraph::readers
