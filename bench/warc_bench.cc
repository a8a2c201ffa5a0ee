// claimgraph_warc_bench: writes a WARC file of N generated HTML responses (each preceded by
// its request record, after one warcinfo record, as crawlers write them), reads it back with
// ReadInput and reports records/s, pages/s, MB/s and the peak RSS of the process.
//
//   claimgraph_warc_bench [--records N] [--gzip] [--keep FILE]
//
// --gzip writes one gzip member per record (the usual .warc.gz layout). The file goes to
// /tmp and is removed at the end unless --keep names where to write it. Generation is not
// timed. Peak RSS (getrusage ru_maxrss) is printed after generation and after reading, so
// the reader's bounded-memory streaming shows as a small difference however big the file.
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "claimgraph/readers.h"

namespace {

// Word lists for the generated pages; the text need not make sense, only look like news
// markup of realistic size (2-12 KB of HTML, a few paragraphs, clutter around the article).
const std::vector<std::string> kSubjects = {"The minister", "A spokeswoman", "The council", "Union leaders",
                                            "The company", "Analysts", "The mayor", "Residents",
                                            "Prosecutors", "The central bank"};
const std::vector<std::string> kVerbs = {"said", "announced", "warned", "denied", "confirmed", "argued",
                                         "told reporters", "insisted"};
const std::vector<std::string> kObjects = {"the budget would be cut by 4%", "talks would resume on Monday",
                                           "the bridge will reopen in March", "prices rose 2.3% in June",
                                           "the plant employs 1,200 people", "a new inquiry is needed",
                                           "the vote was postponed", "the deal is worth $45 million"};

std::string Sentence(std::mt19937& rng) {
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  return pick(kSubjects) + " " + pick(kVerbs) + " that " + pick(kObjects) + ".";
}

std::string Page(uint64_t n, std::mt19937& rng) {
  std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report " +
                     std::to_string(n) + " | Example Daily</title><meta property=\"article:published_time\" "
                     "content=\"2024-06-" + std::to_string(1 + n % 28) + "\"></head><body><nav><ul>";
  for (int i = 0; i < 8; ++i) html += "<li><a href=\"/s" + std::to_string(i) + "\">Section " + std::to_string(i) + "</a></li>";
  html += "</ul></nav><article><h1>Report " + std::to_string(n) + "</h1><p class=\"byline\">By Staff</p>";
  int paragraphs = 3 + rng() % 10;
  for (int p = 0; p < paragraphs; ++p) {
    html += "<p>";
    int sentences = 2 + rng() % 4;
    for (int s = 0; s < sentences; ++s) html += Sentence(rng) + " ";
    html += "</p>";
  }
  html += "</article><aside class=\"related\"><a href=\"/x\">More stories</a></aside><footer>(c) Example Daily"
          "</footer><script>var tracking = 1;</script></body></html>";
  return html;
}

std::string Record(const std::string& type, uint64_t id, const std::string& uri, const std::string& content_type,
                   const std::string& block) {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" +
                  std::to_string(100000000000 + id) + ">\r\nWARC-Date: 2024-06-30T12:00:00Z\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

// Appends `data` as its own gzip member when `gzip`, else as is.
void Write(std::FILE* out, const std::string& data, bool gzip) {
  if (!gzip) {
    std::fwrite(data.data(), 1, data.size(), out);
    return;
  }
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) std::abort();
  std::string buf(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = data.size();
  z.next_out = reinterpret_cast<Bytef*>(buf.data());
  z.avail_out = buf.size();
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) std::abort();
  std::fwrite(buf.data(), 1, z.total_out, out);
  deflateEnd(&z);
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t records = 5000;
  bool gzip = false;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--records" && i + 1 < argc) records = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--gzip") gzip = true;
    else if (arg == "--keep" && i + 1 < argc) keep = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--records N] [--gzip] [--keep FILE]\n", argv[0]);
      return 2;
    }
  }
  std::string path = !keep.empty() ? keep
                                   : "/tmp/claimgraph_warc_bench_" + std::to_string(getpid()) +
                                         (gzip ? ".warc.gz" : ".warc");
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) {
    std::fprintf(stderr, "claimgraph_warc_bench: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    return 1;
  }
  std::mt19937 rng(42);
  uint64_t id = 0, payload_bytes = 0;
  Write(out, Record("warcinfo", ++id, "", "application/warc-fields", "software: claimgraph_warc_bench\r\n"), gzip);
  for (uint64_t n = 1; n <= records; ++n) {
    std::string uri = "https://daily.example.com/2024/06/" + std::to_string(1 + n % 28) + "/report-" + std::to_string(n);
    Write(out, Record("request", ++id, uri, "application/http; msgtype=request",
                      "GET /report-" + std::to_string(n) + " HTTP/1.1\r\nHost: daily.example.com\r\n\r\n"), gzip);
    std::string html = Page(n, rng);
    std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                       std::to_string(html.size()) + "\r\n\r\n" + html;
    payload_bytes += html.size();
    Write(out, Record("response", ++id, uri, "application/http; msgtype=response", http), gzip);
  }
  std::fclose(out);
  uint64_t file_bytes = std::filesystem::file_size(path);
  double rss_before = PeakRssMb();

  claimgraph::ReadCounts counts;
  claimgraph::ReadOptions opts;
  opts.counts = &counts;
  uint64_t documents = 0, text_bytes = 0, problems = 0;
  auto start = std::chrono::steady_clock::now();
  claimgraph::ReadInput(
      path, opts,
      [&](claimgraph::Document&& doc) {
        ++documents;
        text_bytes += doc.text.size();
      },
      [&](claimgraph::ReadProblem p) {
        if (++problems <= 5) std::fprintf(stderr, "problem: %s: %s\n", p.where.c_str(), p.message.c_str());
      });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double rss_after = PeakRssMb();
  if (keep.empty()) std::filesystem::remove(path);

  const double mb = 1e6;
  std::printf("file            %s (%s, %.1f MB on disk, %.1f MB of HTML)\n", keep.empty() ? "temporary" : path.c_str(),
              gzip ? "gzip member per record" : "plain", file_bytes / mb, payload_bytes / mb);
  std::printf("records         %llu (documents %llu, skipped %llu), problems %llu\n",
              (unsigned long long)counts.Records(), (unsigned long long)counts.documents,
              (unsigned long long)counts.Skipped(), (unsigned long long)problems);
  std::printf("seconds         %.3f\n", seconds);
  std::printf("records/s       %.0f\n", counts.Records() / seconds);
  std::printf("pages/s         %.0f\n", documents / seconds);
  std::printf("MB/s            %.1f of file, %.1f of HTML, %.1f of text out\n", file_bytes / mb / seconds,
              payload_bytes / mb / seconds, text_bytes / mb / seconds);
  std::printf("peak RSS        %.1f MB after generation, %.1f MB after reading\n", rss_before, rss_after);
  bool ok = documents == records && problems == 0;
  if (!ok) std::fprintf(stderr, "claimgraph_warc_bench: expected %llu pages and no problems\n", (unsigned long long)records);
  return ok ? 0 : 1;
}
