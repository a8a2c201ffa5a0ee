// Stage (1), readers: turn input paths into Documents (text, title, body_start and
// reader metadata). Formats: plain text, HTML (main text extracted), JSON Lines (or a
// .json object / array of records). A ".gz" suffix on any of these is decompressed first.
//
// Nothing here throws for bad input: every problem is reported through a callback as a
// ReadProblem and reading goes on with the next file or record.
// All functions are thread-safe for distinct paths (no shared state); reading "-"
// consumes stdin, so only one caller may do that.
#pragma once

#include <functional>
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
};

// One thing wrong with one input. Messages do not repeat `where`; print "where: message".
struct ReadProblem {
  std::string where;    // "path", or "path:line" for a JSON Lines record ("path#N" for a JSON array element)
  std::string message;  // what is wrong, e.g. "not UTF-8: invalid byte 0xFF at offset 12"
};

// Expands command-line arguments into the files to read, in order of the arguments.
// A folder contributes all files below it (recursively, sorted by path) whose extension is
// .txt .text .html .htm .jsonl .ndjson .json (optionally followed by .gz), skipping
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
//    body_start after the title; metadata from meta tags, JSON-LD, <time>, the page's h1.
//  - JSON Lines: records {id, url, title, published, source, author, text | html};
//    id falls back to url, then "path:line".
// Callbacks run on the calling thread, in input order.
void ReadInput(const std::string& path, const ReadOptions& opts,
               const std::function<void(Document&&)>& on_document,
               const std::function<void(ReadProblem)>& on_problem);

// A calendar date in any of the forms news pages use, as YYYY-MM-DD: ISO 8601 with or
// without time and zone ("2024-06-25T10:00:00+02:00" -> the date as written, not moved
// to UTC), RFC 822 ("Tue, 25 Jun 2024 10:00:00 GMT"), "June 25, 2024", "25 June 2024",
// "2024/06/25", and d/m/y or m/d/y when only one reading is a valid date.
// nullopt for anything else, including partial dates ("2024-06") and impossible days.
std::optional<std::string> NormaliseDate(std::string_view s);

}  // namespace claimgraph
