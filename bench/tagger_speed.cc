// claimgraph_tagger_speed: words per second (one thread, so per core) of the POS
// tagger alone, the entity recogniser alone and both, on the same plain-text news
// articles, each already segmented by text::Segment (segmentation is timed on its
// own). Words are runs of non-space characters, as the peers' runners count them,
// so the figure compares with wink-nlp's (bench/compare_taggers.sh).
//
// Usage: claimgraph_tagger_speed --dir DIR [--max-words N] [--repeat R]
//        [--jsonl OUT]  (writes the texts used, {id, text} a line, for the peers)
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claimgraph/document.h"
#include "core/files.h"
#include "tagging/entity_recognizer.h"
#include "parsing/dependency_parser.h"
#include "tagging/pos_tagger.h"
#include "text/tokenizer.h"

namespace fs = std::filesystem;
using namespace claimgraph;

namespace {

uint64_t CountWords(std::string_view s) {
  uint64_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

struct Timing {
  double wall = 1e30, cpu = 1e30;
  Timing operator+(const Timing& o) const { return {wall + o.wall, cpu + o.cpu}; }
};

// The fastest of `repeat` runs in wall time (what the peers' runners report) and in
// this thread's CPU time (a figure per core that other processes on a shared
// machine disturb less).
template <class Fn>
Timing Best(int repeat, Fn&& fn) {
  Timing best;
  for (int r = 0; r < repeat; ++r) {
    auto wall = std::chrono::steady_clock::now();
    double cpu = ThreadCpuSeconds();
    fn();
    best.cpu = std::min(best.cpu, ThreadCpuSeconds() - cpu);
    best.wall = std::min(best.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Tagger and recogniser words/s on news text"};
  std::string dir = "../shared/data/unlabelled-news/bbc", jsonl, pos_path, ner_path;
  uint64_t max_words = 300000;
  int repeat = 3;
  app.add_option("--dir", dir, "folder of plain-text articles (searched recursively for *.txt)");
  app.add_option("--max-words", max_words, "stop adding articles past this many words");
  app.add_option("--repeat", repeat, "timed runs per measure; the fastest is reported");
  app.add_option("--jsonl", jsonl, "write the articles used as {id, text} lines here");
  app.add_option("--pos-model", pos_path, "POS model (default models/pos/en-ewt.cgm)");
  app.add_option("--ner-model", ner_path, "NER model (default models/ner/en-conll.cgm)");
  CLI11_PARSE(app, argc, argv);

  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".txt" && e.path().filename() != "README.TXT")
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  // Interleave the categories so a subset is not all one section.
  std::vector<std::string> order;
  for (size_t stride = 0; stride < 7 && order.size() < files.size(); ++stride)
    for (size_t i = stride; i < files.size(); i += 7) order.push_back(files[i]);

  std::vector<Document> docs;
  uint64_t words = 0;
  std::ofstream out;
  if (!jsonl.empty()) out.open(jsonl);
  for (const auto& path : order) {
    if (words >= max_words) break;
    auto text = ReadFile(path);
    if (!text.ok()) {
      std::fprintf(stderr, "%s\n", text.status().message().c_str());
      return 1;
    }
    Document d;
    d.text = std::move(text).value();
    words += CountWords(d.text);
    if (out.is_open()) out << nlohmann::json{{"id", fs::relative(path, dir).string()}, {"text", d.text}}.dump() << '\n';
    docs.push_back(std::move(d));
  }
  if (docs.empty()) {
    std::fprintf(stderr, "no articles under %s\n", dir.c_str());
    return 1;
  }

  auto load_start = std::chrono::steady_clock::now();
  auto tagger = tagging::PosTagger::Load(pos_path.empty() ? tagging::PosTagger::DefaultPath() : pos_path);
  auto ner = tagging::EntityRecognizer::Load(ner_path.empty() ? tagging::EntityRecognizer::DefaultPath() : ner_path);
  if (!tagger.ok() || !ner.ok()) {
    std::fprintf(stderr, "%s\n", (!tagger.ok() ? tagger.status() : ner.status()).message().c_str());
    return 1;
  }
  double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  uint64_t tokens = 0;
  Timing segment = Best(repeat, [&] {
    tokens = 0;
    for (auto& d : docs) {
      text::Segment(d);
      tokens += d.tokens.size();
    }
  });
  std::vector<std::string> upos, xpos, tags;
  uint64_t sink = 0;
  auto run_pos = [&] {
    for (const auto& d : docs) {
      tagger->Tag(d, &upos, &xpos);
      sink += upos.size();
    }
  };
  auto run_ner = [&] {
    for (const auto& d : docs) {
      tags = ner->Label(d);
      sink += tags.size();
    }
  };
  run_pos();  // warm-up: per-thread scratch, caches
  run_ner();
  Timing pos = Best(repeat, run_pos);
  Timing entities = Best(repeat, run_ner);
  Timing both = Best(repeat, [&] {
    run_pos();
    run_ner();
  });
  // the parser reads the tags the tagger wrote into the tokens
  for (auto& d : docs) {
    tagger->Tag(d, &upos, &xpos);
    for (size_t i = 0; i < d.tokens.size(); ++i) d.tokens[i].upos = upos[i], d.tokens[i].xpos = xpos[i];
    d.tagged = true;
  }
  auto parser = parsing::DependencyParser::Load(parsing::DependencyParser::DefaultPath());
  if (!parser.ok()) {
    std::fprintf(stderr, "%s\n", parser.status().message().c_str());
    return 1;
  }
  auto run_parse = [&] {
    for (auto& d : docs) {
      parser->Parse(d);
      sink += d.parsed;
    }
  };
  run_parse();
  Timing parse = Best(repeat, run_parse);
  if (sink == 0) return 1;

  std::printf("articles %zu  words %llu  tokens %llu  models loaded in %.2f s\n", docs.size(),
              static_cast<unsigned long long>(words), static_cast<unsigned long long>(tokens), load);
  std::printf("%-26s %12s %12s %14s\n", "measure (1 thread)", "words/s", "tokens/s", "words/cpu-s");
  auto row = [&](const char* name, Timing t) {
    std::printf("%-26s %12.0f %12.0f %14.0f\n", name, words / t.wall, tokens / t.wall, words / t.cpu);
  };
  row("segment", segment);
  row("pos tagger", pos);
  row("entity recogniser", entities);
  row("pos + entities", both);
  row("segment + pos + entities", segment + both);
  row("parser", parse);
  row("pos + entities + parser", both + parse);
  return 0;
}
