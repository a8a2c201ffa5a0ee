#include "readers/feed_reader.h"

#include <pugixml.hpp>

#include <cctype>
#include <cstring>

#include "readers/html_reader.h"

namespace claimgraph::readers {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

// Element name without its namespace prefix, lower case: feeds use any prefix they like.
std::string LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return Lower(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

std::string Prefix(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? "" : Lower(name.substr(0, colon));
}

// All text below `n` (CDATA included), as written.
std::string Text(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    else if (c.type() == pugi::node_element) out += Text(c);
  }
  return out;
}

// Atom content of type="xhtml" is markup inside a <div>: serialised back to HTML.
std::string Markup(const pugi::xml_node& n) {
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
  } w;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) c.print(w, "", pugi::format_raw);
  return w.out;
}

// A title as one line of text: feeds escape HTML in titles ("&amp;amp;", "<em>") whatever
// their type says, so markup and entities are resolved when present.
std::string TitleText(std::string raw) {
  std::string line = Collapse(raw);
  if (line.find_first_of("&<") == std::string::npos) return line;
  std::string text = ExtractHtml("<p>" + line + "</p>").body;
  return text.empty() ? line : Collapse(text);
}

std::string AtomText(const pugi::xml_node& n) {
  std::string type = Lower(n.attribute("type").value());
  if (type == "xhtml" || type == "application/xhtml+xml") return Markup(n);
  return Text(n);
}

// RSS <author> is an address, often with the name in brackets: "jane@x.org (Jane Doe)".
std::string RssAuthor(std::string a) {
  a = Collapse(a);
  size_t open = a.find('('), close = a.rfind(')');
  if (a.find('@') != std::string::npos && open != std::string::npos && close != std::string::npos && close > open)
    return Collapse(a.substr(open + 1, close - open - 1));
  return a;
}

void AddName(std::string& names, const std::string& name) {
  if (name.empty()) return;
  if (!names.empty()) names += "; ";
  names += name;
}

FeedEntry ReadRssItem(const pugi::xml_node& item, size_t index) {
  FeedEntry e;
  e.index = index;
  std::string dc_date;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string name = LocalName(c), prefix = Prefix(c);
    if (name == "title" && prefix.empty()) e.title = TitleText(Text(c));
    else if (name == "link" && prefix.empty()) e.link = Collapse(Text(c));
    else if (name == "guid") e.id = Collapse(Text(c));
    else if (name == "pubdate") e.date = Collapse(Text(c));
    else if (name == "date" && prefix == "dc") dc_date = Collapse(Text(c));
    else if (name == "author" && prefix.empty()) AddName(e.author, RssAuthor(Text(c)));
    else if (name == "creator") AddName(e.author, Collapse(Text(c)));
    else if (name == "encoded" && prefix == "content") e.content = Text(c);
    else if (name == "description") e.summary = Text(c);
  }
  if (e.date.empty()) e.date = dc_date;
  if (e.link.empty()) {
    if (const char* about = item.attribute("rdf:about").value(); *about) e.link = about;
  }
  if (e.link.empty() && item.child("guid").attribute("isPermaLink").as_string("true") == std::string("true"))
    e.link = e.id;
  if (e.id.empty()) e.id = e.link;
  return e;
}

FeedEntry ReadAtomEntry(const pugi::xml_node& entry, size_t index) {
  FeedEntry e;
  e.index = index;
  std::string updated;
  for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string name = LocalName(c);
    if (name == "title") e.title = TitleText(AtomText(c));
    else if (name == "id") e.id = Collapse(Text(c));
    else if (name == "published") e.date = Collapse(Text(c));
    else if (name == "updated") updated = Collapse(Text(c));
    else if (name == "content") e.content = AtomText(c);
    else if (name == "summary") e.summary = AtomText(c);
    else if (name == "author") AddName(e.author, Collapse(Text(c.child("name"))));
    else if (name == "link") {
      std::string rel = Lower(c.attribute("rel").value());
      if ((rel.empty() || rel == "alternate") && e.link.empty()) e.link = c.attribute("href").value();
    }
  }
  if (e.date.empty()) e.date = updated;  // an entry's only date; better than none
  if (e.id.empty()) e.id = e.link;
  return e;
}

// Where the feed's items are, by kind.
void ReadEntries(const pugi::xml_node& root, Feed& feed) {
  std::string root_name = LocalName(root);
  size_t index = 0;
  if (root_name == "rss") {
    feed.kind = "rss";
    pugi::xml_node channel = root.child("channel");
    feed.title = Collapse(Text(channel.child("title")));
    feed.lang = Lower(Collapse(Text(channel.child("language"))));
    for (pugi::xml_node item = channel.child("item"); item; item = item.next_sibling("item"))
      feed.entries.push_back(ReadRssItem(item, ++index));
  } else if (root_name == "rdf") {
    feed.kind = "rdf";
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (LocalName(c) == "channel" && feed.title.empty()) {
        feed.title = Collapse(Text(c.child("title")));
        feed.lang = Lower(Collapse(Text(c.child("dc:language"))));
      }
      if (LocalName(c) == "item") feed.entries.push_back(ReadRssItem(c, ++index));
    }
  } else if (root_name == "feed") {
    feed.kind = "atom";
    feed.lang = Lower(root.attribute("xml:lang").value());
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (LocalName(c) == "title" && feed.title.empty()) feed.title = Collapse(AtomText(c));
      if (LocalName(c) == "entry") feed.entries.push_back(ReadAtomEntry(c, ++index));
    }
  }
}

}  // namespace

bool LooksLikeFeed(std::string_view data) {
  size_t i = data.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  // Skip the prolog: declaration, processing instructions, comments, doctype, space.
  while (i < data.size()) {
    while (i < data.size() && std::isspace(static_cast<unsigned char>(data[i]))) ++i;
    if (data.substr(i, 2) == "<?" || data.substr(i, 2) == "<!") {
      std::string_view close = data.substr(i, 4) == "<!--" ? "-->" : ">";
      size_t end = data.find(close, i);
      if (end == std::string_view::npos) return false;
      i = end + close.size();
      continue;
    }
    break;
  }
  std::string head = Lower(data.substr(i, 9));
  return head.rfind("<rss", 0) == 0 || head.rfind("<feed", 0) == 0 || head.rfind("<rdf:rdf", 0) == 0;
}

Feed ParseFeed(std::string_view xml) {
  Feed feed;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_declaration, pugi::encoding_utf8);
  if (!parsed) {
    feed.error = std::string("malformed XML: ") + parsed.description() + " at offset " +
                 std::to_string(parsed.offset);
  }
  pugi::xml_node root = doc.document_element();
  if (root) ReadEntries(root, feed);
  if (!parsed && !feed.entries.empty()) {
    // The tree holds what came before the error: the last item is only whole if it
    // was closed before the error offset.
    std::string close = feed.kind == "atom" ? "</entry>" : "</item>";
    std::string_view before = xml.substr(0, static_cast<size_t>(parsed.offset));
    size_t last_close = before.rfind(close);
    size_t last_open = before.rfind(feed.kind == "atom" ? "<entry" : "<item");
    if (last_close == std::string_view::npos || (last_open != std::string_view::npos && last_open > last_close))
      feed.entries.pop_back();
  }
  if (parsed && feed.kind.empty()) feed.error = "not an RSS or Atom feed";
  return feed;
}

}  // namespace claimgraph::readers
