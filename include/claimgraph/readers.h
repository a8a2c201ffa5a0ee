// Stage (1), readers: turn input paths into Documents (text, title, body_start and
// reader metadata). Formats: plain text, HTML (main text extracted), JSON Lines (or a
// .json object / array of records), RSS 2.0 / RSS 1.0 (RDF) / Atom feeds (one Document
// per item). A ".gz" suffix on any of these is decompressed first.
//
// Nothing here throws for bad input: every problem is reported through a callback as a
// ReadProblem and reading goes on with the next file or record.
// All functions are thread-safe for distinct paths (no shared state); reading "-"
// consumes stdin, so only one caller may do that.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"

namespace claimgraph {

struct ReadOptions {
  // --date override: the publication date of every document read, YYYY-MM-DD (other
  // forms NormaliseDate accepts are normalised). Empty: take it from the input when it has one.
  std::string published;
  // Where the input was fetched from (--url), when the caller knows it. A page without a
  // canonical URL gets this one, and dates written in it (/2024/06/26/) count as evidence.
  std::string url;
  // When set, readers add what they saw to it: every unit examined (a plain or HTML file,
  // a WARC record, a feed item, a JSON record) either became a Document or was skipped
  // for one of the reasons below. Not thread-safe: one ReadCounts per reading thread.
  struct ReadCounts* counts = nullptr;
};

// Why a unit of input was not read as a Document (keys of ReadCounts::skipped).
inline constexpr const char* kSkipNotResponse = "request/metadata record";  // WARC warcinfo, request, metadata, revisit...
inline constexpr const char* kSkipNon2xx = "non-2xx response";
inline constexpr const char* kSkipNotHtml = "not HTML";            // a WARC response of another type
inline constexpr const char* kSkipNotFeed = "XML but not a feed";
inline constexpr const char* kSkipTooBig = "too big";              // a WARC record over the size limit
inline constexpr const char* kSkipBadRecord = "bad record";        // broken WARC record, malformed JSON record or feed
inline constexpr const char* kSkipEmptyText = "empty text";        // no body text: empty file, item or record
inline constexpr const char* kSkipUnreadable = "unreadable";       // missing file, read or decompression error
inline constexpr const char* kSkipNotText = "not text";            // binary, not UTF-8, undecodable charset
inline constexpr const char* kSkipBadOption = "bad option";        // an unusable --date

struct ReadCounts {
  uint64_t documents = 0;                    // units that became Documents
  std::map<std::string, uint64_t> skipped;   // reason -> units skipped for it
  uint64_t Skipped() const {
    uint64_t n = 0;
    for (const auto& [reason, count] : skipped) n += count;
    return n;
  }
  uint64_t Records() const { return documents + Skipped(); }  // units examined
  void Add(const ReadCounts& other) {
    documents += other.documents;
    for (const auto& [reason, count] : other.skipped) skipped[reason] += count;
  }
};

// What a reader learnt about one document beyond the Document fields (for `claimgraph read`).
struct ReadDetails {
  std::string lang;      // page language from <html lang> / content-language, lower case ("en", "en-gb")
  std::string charset;   // the encoding the bytes were decoded from ("utf-8", "windows-1252"...)
  std::string charset_method;  // bom | meta | http-equiv | sniffed | default
  std::string modified;  // YYYY-MM-DD of the last modification when the page says so
  std::string fetched;   // YYYY-MM-DD the page was archived (WARC-Date); empty otherwise
};

// One thing wrong with one input. Messages do not repeat `where`; print "where: message".
struct ReadProblem {
  std::string where;    // "path", or "path:line" for a JSON Lines record ("path#N" for a JSON array element)
  std::string message;  // what is wrong, e.g. "not UTF-8: invalid byte 0xFF at offset 12"
};

// Expands command-line arguments into the files to read, in order of the arguments.
// A folder contributes all files below it (recursively, sorted by path) whose extension is
// .txt .text .html .htm .jsonl .ndjson .json .rss .atom .xml .warc (optionally followed by .gz), skipping
// documentation (README*, LICENSE*, SOURCE.*, CHANGELOG*, *.md), hidden files and folders (name starting with '.') and not following folder symlinks.
// A file named explicitly is kept whatever its extension; "-" (stdin) passes through.
// Missing paths and unreadable folders are appended to *problems (which must be non-null).
// A folder with no readable files contributes nothing and is not a problem.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& args,
                                      std::vector<ReadProblem>* problems);

// Reads one path ("-" = stdin) and calls on_document for each Document it holds (text
// and HTML files hold one, JSON Lines one per record) and on_problem for each problem
// (missing/unreadable file, empty, not UTF-8, binary, HTML without body text, malformed
// record, unusable --date). A problem in one JSON Lines record does not stop the others;
// a record whose "published" is not a date is still emitted (undated) after its problem.
// The format comes from the extension; for stdin and unknown extensions it is sniffed.
// Documents come out with the reader fields filled (id, url, path, title, source, author,
// published, published_method, format, text, body_start); later layers are empty.
//  - text: Document::text is the file's bytes unchanged. A first line (at most 300 bytes)
//    followed by a blank line and more text is the title; body_start is the first
//    non-blank byte after the blank line(s).
//  - HTML: text = title + "\n\n" + main text (paragraphs separated by "\n\n"),
//    body_start after the title; metadata from meta tags, JSON-LD, <time>, the page's h1,
//    byline elements, dates printed on the page and in its address (published_method
//    meta | json-ld | time | url | text). Bytes are decoded to UTF-8 first (BOM, <meta
//    charset>, http-equiv, else UTF-8 or windows-1252), so HTML is never rejected as not UTF-8.
//  - JSON Lines: records {id, url, title, published, source, author, text | html};
//    id falls back to url, then "path:line".
//  - WARC (.warc, .warc.gz; chosen by extension only, never sniffed): streamed record by
//    record. Each 2xx HTML response is read as an HTML page with path "path#N" (N = the
//    record's number), url from WARC-Target-URI when the page names none, the WARC-Date in
//    ReadDetails::fetched (not taken as the publication date). Other records are skipped
//    silently and counted in ReadOptions::counts. A record whose Content-Length lies is a
//    problem for "path#N" and skipped; a truncated record or gzip member ends the file
//    with a problem, keeping the pages before it.
//  - Feeds (.rss, .atom, or .xml / unknown extension starting with <rss, <feed, <rdf:RDF):
//    each item is a Document with path "path#N" (N from 1), format "feed", url = link,
//    id = guid / atom id / link, title, author, source = the channel title, published from
//    pubDate / dc:date / published / updated (published_method "feed"), text = title +
//    main text of content:encoded / atom content, else of description / summary (read as
//    HTML); an item with only a title is analysed as that headline. Malformed XML is a
//    problem for the file, and the items complete before the error are still read; an
//    item's bad date is a problem for "path#N" and the item is still emitted undated.
// Every problem that loses a unit (file, record, item) is counted under its reason in
// ReadOptions::counts when set; problems that keep the document (a bad date) are not.
// Callbacks run on the calling thread, in input order.
void ReadInput(const std::string& path, const ReadOptions& opts,
               const std::function<void(Document&&)>& on_document,
               const std::function<void(ReadProblem)>& on_problem);

// As ReadInput, with the details of each document passed beside it (same order, same thread).
void ReadInputDetailed(const std::string& path, const ReadOptions& opts,
                       const std::function<void(Document&&, const ReadDetails&)>& on_document,
                       const std::function<void(ReadProblem)>& on_problem);

// A calendar date in any of the forms news pages use, as YYYY-MM-DD: ISO 8601 with or
// without time and zone ("2024-06-25T10:00:00+02:00" -> the date as written, not moved
// to UTC), RFC 822 ("Tue, 25 Jun 2024 10:00:00 GMT"), "June 25, 2024", "25 June 2024",
// "2024/06/25", and d/m/y or m/d/y when only one reading is a valid date.
// nullopt for anything else, including partial dates ("2024-06") and impossible days.
std::optional<std::string> NormaliseDate(std::string_view s);

}  // namespace claimgraph
