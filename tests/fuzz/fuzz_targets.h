// The reader entry points each fuzz target drives, shared by the libFuzzer binaries and by
// regressions_test (which replays the saved corpora and crash inputs through the same code).
// Each function takes arbitrary bytes, must never crash, and ignores what the readers
// return: problems reported for bad input are the expected outcome.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "claimgraph/readers.h"
#include "readers/charset.h"
#include "readers/feed_reader.h"
#include "readers/html_reader.h"

namespace claimgraph::fuzz {

// Writes `bytes` to a file named for this process with the given suffix (the suffix picks
// the reader) and returns its path. Overwritten on every call: inputs run one at a time.
inline std::string WriteScratch(std::string_view bytes, const std::string& suffix) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/cg_fuzz_" +
                     std::to_string(getpid()) + suffix;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
  std::fclose(f);
  return path;
}

inline void ReadScratch(std::string_view bytes, const std::string& suffix, ReadOptions opts = {}) {
  std::string path = WriteScratch(bytes, suffix);
  ReadInputDetailed(
      path, opts, [](Document&&, const ReadDetails&) {}, [](ReadProblem) {});
  std::remove(path.c_str());
}

// html_fuzzer: charset detection, decoding to UTF-8, main-text extraction. The page's first
// line doubles as its address so the URL-date path is explored too.
inline void FuzzHtml(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto charset = readers::DetectHtmlCharset(bytes);
  auto utf8 = readers::ToUtf8(bytes, charset.name);
  std::string_view url = bytes.substr(0, bytes.find('\n'));
  if (url.size() > 200) url = {};
  if (utf8.ok()) readers::ExtractHtml(*utf8, url);
}

// feed_fuzzer: RSS / RDF / Atom parsing, then each item's HTML as the reader reads it.
inline void FuzzFeed(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  readers::LooksLikeFeed(xml);
  auto feed = readers::ParseFeed(xml);
  for (const auto& entry : feed.entries) {
    if (!entry.content.empty()) readers::ExtractHtml(entry.content, entry.link);
    if (!entry.summary.empty()) readers::ExtractHtml(entry.summary, entry.link);
    NormaliseDate(entry.date);
  }
}

// warc_fuzzer: the streamed WARC reader, which reads a path. The first byte picks a
// .warc or .warc.gz name so both the plain and the gzip paths run.
inline void FuzzWarc(const uint8_t* data, size_t size) {
  if (size == 0) return;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  ReadCounts counts;
  ReadOptions opts;
  opts.counts = &counts;
  ReadScratch(bytes, (data[0] & 1) ? ".warc.gz" : ".warc", opts);
}

// input_fuzzer: ReadInput over text, JSON Lines, JSON, sniffed (unknown extension), HTML
// and feed files; the first byte picks the extension and whether a --date override is set.
inline void FuzzInput(const uint8_t* data, size_t size) {
  if (size == 0) return;
  static const char* const kSuffixes[] = {".txt", ".jsonl", ".json", ".dat", ".html", ".rss", ".txt.gz"};
  const char* suffix = kSuffixes[(data[0] & 0x7f) % (sizeof kSuffixes / sizeof *kSuffixes)];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  ReadOptions opts;
  if (data[0] & 0x80) opts.published = std::string(bytes.substr(bytes.size() > 24 ? bytes.size() - 24 : 0));
  ReadScratch(bytes, suffix, opts);
  NormaliseDate(bytes.substr(0, 64));
}

}  // namespace claimgraph::fuzz
