// RSS 2.0, RSS 1.0 (RDF) and Atom feeds (internal to the readers stage).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace claimgraph::readers {

struct FeedEntry {
  size_t index = 0;         // 1-based position among the feed's items
  std::string id;           // guid / atom:id; may be empty
  std::string link;         // the article's address
  std::string title;        // whitespace collapsed
  std::string date;         // as written (pubDate, dc:date, published, else updated)
  std::string author;       // names; several joined by "; "
  std::string content;      // full content (content:encoded, atom:content), HTML or text
  std::string summary;      // description / summary, HTML or text
};

struct Feed {
  std::string kind;   // rss | rdf | atom
  std::string title;  // channel / feed title
  std::string lang;   // RSS <language> / dc:language / Atom xml:lang, lower case
  std::vector<FeedEntry> entries;
  std::string error;  // non-empty when the XML is malformed: what and where; entries then
                      // hold only the items complete before the error
};

// True when the first element of `data` is <rss>, <feed> or <rdf:RDF> (after an XML
// declaration, comments, doctype and BOM).
bool LooksLikeFeed(std::string_view data);

// Parses `xml`, which must be UTF-8 (an encoding in its XML declaration is ignored: the
// caller decodes first). Pure function, thread-safe. A document that is well-formed XML but not a feed gives
// kind empty and error "not an RSS or Atom feed".
Feed ParseFeed(std::string_view xml);

}  // namespace claimgraph::readers
