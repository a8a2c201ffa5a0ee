#include "readers/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "claimgraph/readers.h"

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
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
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
      "trending", "most-read", "mostread", "banner", "sponsored", "paywall", "toolbar", "tags"};
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

struct Stats {
  uint32_t text = 0;   // non-space bytes of kept text below
  uint32_t link = 0;   // of which inside <a>
  uint32_t para = 0;   // of which inside <p>
  bool landmark = false;  // holds an h1, <main> or <article>: a page wrapper, not furniture
  bool dropped = false;
};

class Extractor {
 public:
  explicit Extractor(Node* root) : root_(root) {}

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
    if (!inside_p && t != GUMBO_TAG_P) {
      size_t loose = 0;
      for (unsigned i = 0; i < Children(n).length; ++i) {
        Node* c = Child(n, i);
        if (c->type == GUMBO_NODE_TEXT) loose += NonSpaceBytes(c->v.text.text);
      }
      if (loose >= 25) Credit(n, static_cast<double>(loose));
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
    if (article && StatsOf(article).para > 0 &&
        (!top || Contains(article, top) || StatsOf(article).para >= StatsOf(top).para)) {
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
      bool long_paragraph = Tag(c) == GUMBO_TAG_P && cs.text >= 80 && cs.link * 2 < cs.text;
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
          if (key && !content.empty()) meta_.emplace(AsciiLower(key), content);  // first wins
        }
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
          json_ld_.push_back(std::move(raw));
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
    for (unsigned i = 0; i < Children(n).length; ++i) CollectMetadata(Child(n, i), out);
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

  static std::string CleanAuthor(std::string a) {
    a = Collapse(a);
    // Profile URLs and social handles are not names.
    if (a.rfind("http://", 0) == 0 || a.rfind("https://", 0) == 0 || a.rfind("@", 0) == 0) return "";
    // "By Jane Doe", "View all posts by Jane Doe", "Written by Jane Doe".
    std::string lower = AsciiLower(a);
    if (lower.rfind("by ", 0) == 0) {
      a = a.substr(3);
    } else if (size_t by = lower.find(" by "); by != std::string::npos && by < 30) {
      a = a.substr(by + 4);
    }
    return Collapse(a);
  }

  // JSON-LD: the first object carrying a field, preferring article types.
  struct LdFacts {
    std::string published, author, site_name, headline, url;
  };

  static std::string LdName(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object()) {
      auto it = v.find("name");
      if (it != v.end() && it->is_string()) return it->get<std::string>();
    }
    if (v.is_array()) {
      std::string joined;
      for (const auto& e : v) {
        std::string name = CleanAuthor(LdName(e));
        if (name.empty()) continue;
        if (!joined.empty()) joined += "; ";
        joined += name;
      }
      return joined;
    }
    return "";
  }

  static void LdWalk(const nlohmann::json& v, LdFacts& article, LdFacts& any, int depth = 0) {
    if (depth > 32) return;  // real JSON-LD is a few levels deep
    if (v.is_array()) {
      for (const auto& e : v) LdWalk(e, article, any, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    bool is_article = false;
    if (auto t = v.find("@type"); t != v.end()) {
      std::string types = t->dump();
      is_article = types.find("Article") != std::string::npos || types.find("Posting") != std::string::npos ||
                   types.find("Report") != std::string::npos;
    }
    for (LdFacts* f : {&article, &any}) {
      if (f == &article && !is_article) continue;
      auto take = [&](const char* key, std::string& field, bool name) {
        auto it = v.find(key);
        if (it == v.end() || !field.empty()) return;
        field = name ? LdName(*it) : (it->is_string() ? it->get<std::string>() : "");
      };
      take("datePublished", f->published, false);
      take("author", f->author, true);
      take("headline", f->headline, false);
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
    for (const std::string& raw : json_ld_) {
      nlohmann::json j = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) LdWalk(j, ld_article, ld_any);
    }
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
      for (const auto* list : {&marked_times_, &times_}) {
        for (const std::string& v : *list) {
          if (auto d = NormaliseDate(v)) {
            out.published = *d;
            out.published_method = "time";
            break;
          }
        }
        if (!out.published.empty()) break;
      }
    }

    for (std::string candidate : {Meta({"author"}), Meta({"article:author"}), ld(&LdFacts::author),
                                  rel_author_, Meta({"byl", "parsely-author", "sailthru.author", "dc.creator"}),
                                  microdata_author_}) {
      candidate = CleanAuthor(candidate);
      if (!candidate.empty()) {
        out.author = candidate;
        break;
      }
    }

    out.url = Collapse(canonical_);
    if (out.url.rfind("http", 0) != 0) out.url = Meta({"og:url"});
    if (out.url.empty()) out.url = Collapse(ld(&LdFacts::url));
  }

  Node* root_;
  std::unordered_set<Node*> too_deep_;  // nodes at kMaxDepth: their subtrees are ignored
  size_t page_para_ = 0;
  std::unordered_map<Node*, Stats> stats_;
  std::unordered_map<Node*, double> scores_;
  std::vector<Node*> scored_;  // keys of scores_ in the order first scored
  std::vector<Node*> article_marks_;
  std::vector<std::string> paragraphs_;
  std::string current_;

  std::map<std::string, std::string> meta_;  // first value of each key
  std::vector<std::string> h1s_;  // non-empty h1 texts in page order
  std::string html_title_, canonical_, rel_author_, microdata_author_;
  std::vector<std::string> json_ld_, times_, marked_times_;
};

}  // namespace

HtmlArticle ExtractHtml(std::string_view html) {
  GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> guard(
      parsed, [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  return Extractor(parsed->document).Run();
}

}  // namespace claimgraph::readers
