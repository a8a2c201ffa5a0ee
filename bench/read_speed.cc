// claimgraph_read_speed: main-text extraction speed in-process, without process start-up,
// for comparison with the extraction peers (/work/shared/peers), which time only their
// per-page work. Two measurements over the same pages:
//  - read: ReadInput on each file, as `claimgraph read` does it (file read, gunzip, charset
//    decoding, HTML parse and extraction, Document assembly);
//  - extract: charset decoding + ExtractHtml on HTML already in memory, which is what the
//    peers' clocks cover (they read and decompress the input outside the timing).
//
//   claimgraph_read_speed [--warmup N] [--repeat N] PATH...
//
// PATH: files or folders, expanded as `claimgraph` expands them. Prints, per measurement,
// a line in the peers' shape: "peer=claimgraph-MODE input_docs=N warmup=W repeat=R
// errors=E docs_per_sec=X html_mb_per_sec=Y", then "docs=N words=N seconds=S words_per_sec=X".
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "claimgraph/readers.h"
#include "core/files.h"
#include "readers/charset.h"
#include "readers/html_reader.h"

namespace {

size_t CountWords(const std::string& text) {
  size_t words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// The file's bytes, gunzipped when the name ends in .gz; empty on failure.
std::string Load(const std::string& path) {
  if (path.size() < 3 || path.compare(path.size() - 3, 3, ".gz") != 0) {
    auto bytes = claimgraph::ReadFile(path);
    return bytes.ok() ? *bytes : std::string();
  }
  gzFile in = gzopen(path.c_str(), "rb");
  if (!in) return {};
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(in, buf, sizeof buf)) > 0) out.append(buf, n);
  gzclose(in);
  return out;
}

struct Totals {
  size_t docs = 0, words = 0, errors = 0;
  double seconds = 0;
};

void Report(const char* mode, size_t inputs, int warmup, int repeat, size_t html_bytes, const Totals& t) {
  std::printf("peer=claimgraph-%s input_docs=%zu warmup=%d repeat=%d errors=%zu docs_per_sec=%.1f "
              "html_bytes=%zu html_mb_per_sec=%.2f\n",
              mode, inputs, warmup, repeat, t.errors, t.docs / t.seconds, html_bytes,
              html_bytes * double(repeat) / 1e6 / t.seconds);
  std::printf("docs=%zu words=%zu seconds=%.6f words_per_sec=%.1f\n", t.docs, t.words, t.seconds,
              t.words / t.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  int warmup = 1, repeat = 20;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--warmup" && i + 1 < argc) warmup = std::atoi(argv[++i]);
    else if (arg == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: %s [--warmup N] [--repeat N] PATH...\n", argv[0]);
      return 2;
    } else args.push_back(arg);
  }
  if (args.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: %s [--warmup N] [--repeat N] PATH...\n", argv[0]);
    return 2;
  }
  std::vector<claimgraph::ReadProblem> problems;
  std::vector<std::string> files = claimgraph::ExpandInputs(args, &problems);
  for (const auto& p : problems) std::fprintf(stderr, "%s: %s\n", p.where.c_str(), p.message.c_str());
  if (files.empty()) return 1;

  std::vector<std::string> pages;
  size_t html_bytes = 0;
  for (const auto& f : files) {
    pages.push_back(Load(f));
    html_bytes += pages.back().size();
  }

  // read: the whole reader, from the file on disk.
  Totals read;
  for (int pass = 0; pass < warmup + repeat; ++pass) {
    Totals t;
    auto start = std::chrono::steady_clock::now();
    for (const auto& f : files) {
      bool got = false;
      claimgraph::ReadInput(
          f, {},
          [&](claimgraph::Document&& doc) {
            got = true;
            ++t.docs;
            t.words += CountWords(doc.text.substr(doc.body_start));
          },
          [&](claimgraph::ReadProblem) {});
      if (!got) ++t.errors;
    }
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (pass >= warmup) {
      read.docs += t.docs, read.words += t.words, read.seconds += t.seconds;
      read.errors = t.errors;
    }
  }
  Report("read", files.size(), warmup, repeat, html_bytes, read);

  // extract: decoding and extraction of pages held in memory.
  Totals extract;
  for (int pass = 0; pass < warmup + repeat; ++pass) {
    Totals t;
    auto start = std::chrono::steady_clock::now();
    for (const auto& bytes : pages) {
      auto charset = claimgraph::readers::DetectHtmlCharset(bytes);
      auto utf8 = claimgraph::readers::ToUtf8(bytes, charset.name);
      if (!utf8.ok()) {
        ++t.errors;
        continue;
      }
      auto article = claimgraph::readers::ExtractHtml(*utf8);
      ++t.docs;
      if (article.body.empty()) ++t.errors;
      t.words += CountWords(article.body);
    }
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (pass >= warmup) {
      extract.docs += t.docs, extract.words += t.words, extract.seconds += t.seconds;
      extract.errors = t.errors;
    }
  }
  Report("extract", files.size(), warmup, repeat, html_bytes, extract);
  return 0;
}
