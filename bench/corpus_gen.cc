// claimgraph_corpus_gen: writes a synthetic news corpus for the benchmarks.
// Four of every five articles become .txt files; the fifth goes into corpus.jsonl
// (every fourth of those as an "html" record), so all three readers get exercised.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "corpus.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  CLI::App app{"Generate a deterministic synthetic news corpus for claimgraph benchmarks"};
  std::string out_dir;
  uint32_t articles = 1000;
  uint64_t seed = 1;
  app.add_option("--out", out_dir, "folder to write into (created; existing corpus files are overwritten)")->required();
  app.add_option("--articles", articles, "number of articles")->check(CLI::Range(1u, 10000000u));
  app.add_option("--seed", seed, "random seed; the same seed gives the same corpus");
  CLI11_PARSE(app, argc, argv);

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "claimgraph_corpus_gen: cannot create %s: %s\n", out_dir.c_str(), ec.message().c_str());
    return 1;
  }
  const fs::path jsonl_path = fs::path(out_dir) / "corpus.jsonl";
  std::ofstream jsonl(jsonl_path, std::ios::binary | std::ios::trunc);
  if (!jsonl) {
    std::fprintf(stderr, "claimgraph_corpus_gen: cannot write %s\n", jsonl_path.c_str());
    return 1;
  }

  uint64_t words = 0, bytes = 0;
  uint32_t text_files = 0, records = 0;
  for (uint32_t i = 0; i < articles; ++i) {
    claimgraph::bench::GeneratedArticle a = claimgraph::bench::GenerateArticle(seed, i);
    words += a.words;
    if (i % 5 == 4) {
      std::string line = claimgraph::bench::ToJsonLine(a, records % 4 == 3);
      jsonl << line << '\n';
      bytes += line.size() + 1;
      ++records;
      continue;
    }
    char name[32];
    std::snprintf(name, sizeof name, "article-%06u.txt", i);
    const fs::path path = fs::path(out_dir) / name;
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    std::string text = claimgraph::bench::ToPlainText(a);
    f << text;
    if (!f) {
      std::fprintf(stderr, "claimgraph_corpus_gen: cannot write %s\n", path.c_str());
      return 1;
    }
    bytes += text.size();
    ++text_files;
  }
  jsonl.close();
  if (!jsonl) {
    std::fprintf(stderr, "claimgraph_corpus_gen: cannot write %s\n", jsonl_path.c_str());
    return 1;
  }
  std::printf("wrote %u articles (%u .txt files, %u records in corpus.jsonl) to %s: %llu words, %.1f MiB\n",
              articles, text_files, records, out_dir.c_str(), static_cast<unsigned long long>(words),
              bytes / 1048576.0);
  return 0;
}
