// Micro-benchmarks of the hot paths, on a synthetic corpus generated in memory (no
// files needed): segmentation, the whole analysis of one article, and storing one
// analysed article into a fresh SQLite database. Every benchmark reports bytes/s
// (article text) and items/s (articles), plus words/s.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "claimgraph/pipeline.h"
#include "claimgraph/store.h"
#include "corpus.h"
#include "text/tokenizer.h"

namespace {

using claimgraph::Document;

constexpr uint64_t kSeed = 20250101;
constexpr uint32_t kArticles = 64;  // cycled through, so one odd article does not dominate

struct Corpus {
  std::vector<Document> docs;    // reader fields only, as the text reader makes them
  std::vector<uint32_t> words;   // whitespace words per document
};

const Corpus& SharedCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    for (uint32_t i = 0; i < kArticles; ++i) {
      auto article = claimgraph::bench::GenerateArticle(kSeed, i);
      c.words.push_back(article.words);
      c.docs.push_back(claimgraph::bench::ToDocument(article));
    }
    return c;
  }();
  return corpus;
}

// The pipeline, created once (loading the knowledge base is not what we measure).
// Null with *error set when it cannot be created (e.g. models/ not found).
const claimgraph::Pipeline* SharedPipeline(std::string* error) {
  static std::string create_error;
  static const std::unique_ptr<claimgraph::Pipeline> pipeline = [] {
    auto created = claimgraph::Pipeline::Create();
    if (!created.ok()) {
      create_error = created.status().message();
      return std::unique_ptr<claimgraph::Pipeline>();
    }
    return std::move(created).value();
  }();
  *error = create_error;
  return pipeline.get();
}

void SetRates(benchmark::State& state, int64_t bytes, int64_t words) {
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations());
  state.counters["words/s"] = benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsRate);
}

void BM_Segment(benchmark::State& state) {
  const Corpus& corpus = SharedCorpus();
  std::vector<Document> docs = corpus.docs;  // Segment replaces its layers, so docs are reusable
  int64_t bytes = 0, words = 0;
  size_t i = 0;
  for (auto _ : state) {
    Document& doc = docs[i % docs.size()];
    claimgraph::text::Segment(doc);
    benchmark::DoNotOptimize(doc.tokens.data());
    bytes += static_cast<int64_t>(doc.text.size());
    words += corpus.words[i % docs.size()];
    ++i;
  }
  state.counters["tokens/doc"] = static_cast<double>(docs[0].tokens.size());
  SetRates(state, bytes, words);
}
BENCHMARK(BM_Segment);

void BM_AnalyseArticle(benchmark::State& state) {
  std::string error;
  const claimgraph::Pipeline* pipeline = SharedPipeline(&error);
  if (!pipeline) {
    state.SkipWithError(("Pipeline::Create failed: " + error).c_str());
    return;
  }
  const Corpus& corpus = SharedCorpus();
  int64_t bytes = 0, words = 0, claims = 0;
  size_t i = 0;
  for (auto _ : state) {
    // A fresh copy of the reader's document each time, as ingest hands it over; the
    // copy (a few KB) is noise next to the analysis.
    Document doc = corpus.docs[i % corpus.docs.size()];
    pipeline->Analyse(doc);
    benchmark::DoNotOptimize(doc.claims.data());
    bytes += static_cast<int64_t>(doc.text.size());
    words += corpus.words[i % corpus.docs.size()];
    claims += static_cast<int64_t>(doc.claims.size());
    ++i;
  }
  state.counters["claims/doc"] = static_cast<double>(claims) / static_cast<double>(std::max<size_t>(i, 1));
  SetRates(state, bytes, words);
}
BENCHMARK(BM_AnalyseArticle);

// Arg: documents per transaction (1 = one commit per Put, as a lone `claimgraph ingest`
// of one file; 64 = the batch size ingest uses).
void BM_StorePut(benchmark::State& state) {
  const int64_t batch = state.range(0);
  std::string error;
  const claimgraph::Pipeline* pipeline = SharedPipeline(&error);
  if (!pipeline) {
    state.SkipWithError(("Pipeline::Create failed: " + error).c_str());
    return;
  }
  static const std::vector<Document> analysed = [pipeline] {
    std::vector<Document> docs = SharedCorpus().docs;
    for (Document& d : docs) pipeline->Analyse(d);
    return docs;
  }();
  std::vector<Document> docs = analysed;

  char dir_template[] = "/tmp/claimgraph_bench_XXXXXX";
  if (!mkdtemp(dir_template)) {
    state.SkipWithError("cannot create a temporary folder under /tmp");
    return;
  }
  const std::filesystem::path dir = dir_template;
  const std::string db = (dir / "bench.db").string();
  {
    auto store = claimgraph::Store::Open(db);
    if (!store.ok()) {
      state.SkipWithError(("Store::Open failed: " + store.status().message()).c_str());
      std::filesystem::remove_all(dir);
      return;
    }
    int64_t bytes = 0, words = 0, in_batch = 0, n = 0;
    bool failed = false;
    for (auto _ : state) {
      Document& doc = docs[n % docs.size()];
      doc.id = "bench-" + std::to_string(n);  // a new id every time: an insert, never "unchanged"
      claimgraph::Status status;
      if (batch > 1 && in_batch == 0) status = (*store)->BeginBatch();
      if (status.ok()) {
        auto outcome = (*store)->Put(doc);
        if (!outcome.ok()) status = outcome.status();
      }
      if (status.ok() && batch > 1 && ++in_batch == batch) {
        status = (*store)->CommitBatch();
        in_batch = 0;
      }
      if (!status.ok()) {
        state.SkipWithError(("store failed: " + status.message()).c_str());
        failed = true;
        break;
      }
      bytes += static_cast<int64_t>(doc.text.size());
      words += SharedCorpus().words[n % docs.size()];
      ++n;
    }
    if (!failed) {
      claimgraph::Status committed = (*store)->in_batch() ? (*store)->CommitBatch() : claimgraph::Status::Ok();
      if (!committed.ok()) state.SkipWithError(("CommitBatch failed: " + committed.message()).c_str());
      else SetRates(state, bytes, words);
    }
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_StorePut)->ArgName("batch")->Arg(1)->Arg(64)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
