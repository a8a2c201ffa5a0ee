// claimgraph ingest: read -> analyse (all cores) -> store, as a oneTBB pipeline.
// Reading and storing are serial (stdin and SQLite allow one user); analysis runs in
// parallel. Each document is stored all-or-nothing; a bad input is reported and skipped.
#include <fmt/core.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <iostream>
#include <map>
#include <string>
#include <vector>
#include <thread>

#include "claimgraph/pipeline.h"
#include "claimgraph/readers.h"
#include "claimgraph/store.h"
#include "commands.h"

namespace claimgraph::cli {
namespace {

// Counters are touched by the reader and the writer filters, which may run at once.
struct Tally {
  std::atomic<size_t> read{0}, inserted{0}, unchanged{0}, replaced{0}, failed{0}, store_failed{0}, claims{0};
};

constexpr const char* kSkipUnchanged = "unchanged";        // already stored with the same text
constexpr const char* kSkipStoreFailed = "store failed";   // analysed but not written

// The closing report: every record read was stored or skipped for a reason.
//   ingest report: 9 records read, 2 stored (1 new, 1 replaced), 7 skipped
//     skipped: 3 request/metadata record, 1 not HTML, 1 non-2xx response, 2 unchanged
void PrintReport(const ReadCounts& reading, const Tally& t) {
  std::map<std::string, uint64_t> skipped = reading.skipped;
  if (t.unchanged) skipped[kSkipUnchanged] += t.unchanged;
  if (t.store_failed) skipped[kSkipStoreFailed] += t.store_failed;
  uint64_t stored = t.inserted + t.replaced, skipped_total = 0;
  std::vector<std::pair<std::string, uint64_t>> reasons(skipped.begin(), skipped.end());
  for (const auto& r : reasons) skipped_total += r.second;
  // Most frequent first; ties in name order (the map's).
  std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  fmt::print(stderr, "ingest report: {} records read, {} stored ({} new, {} replaced), {} skipped\n",
             stored + skipped_total, stored, t.inserted.load(), t.replaced.load(), skipped_total);
  if (reasons.empty()) return;
  std::string list;
  for (const auto& [reason, count] : reasons) {
    if (count == 0) continue;
    if (!list.empty()) list += ", ";
    list += fmt::format("{} {}", count, reason);
  }
  fmt::print(stderr, "  skipped: {}\n", list);
}

void Progress(const Tally& t, size_t files_done, size_t files, bool final) {
  fmt::print(stderr, "\r[{}/{} files] {} read, {} stored, {} unchanged, {} failed{}", files_done, files, t.read.load(),
             t.inserted.load() + t.replaced.load(), t.unchanged.load(), t.failed.load(), final ? "\n" : "");
}

}  // namespace

int RunIngest(const IngestOptions& options) {
  std::vector<ReadProblem> problems;
  auto files = ExpandInputs(options.paths, &problems);
  for (const auto& p : problems) std::cerr << "claimgraph: " << p.where << ": " << p.message << "\n";
  Tally tally;
  tally.failed += problems.size();
  ReadCounts reading;  // touched only by the serial reading filter, read after the pipeline
  if (!problems.empty()) reading.skipped[kSkipUnreadable] += problems.size();

  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    std::cerr << "claimgraph: " << pipeline.status().message() << "\n";
    return 1;
  }
  auto store = Store::Open(options.db);
  if (!store.ok()) {
    std::cerr << "claimgraph: " << store.status().message() << "\n";
    return 1;
  }

  // A second, read-only connection lets the reader skip unchanged articles before
  // analysing them without touching the writer's connection from another thread.
  auto checker = Store::Open(options.db, /*read_only=*/true);

  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, jobs);
  const bool show_progress = !options.quiet && isatty(STDERR_FILENO);
  auto last_progress = std::chrono::steady_clock::now();

  ReadOptions ro;
  ro.published = options.date;
  ro.counts = &reading;
  std::atomic<size_t> next_file{0};
  std::deque<Document> pending;  // documents of the file being read (JSON Lines holds many)
  auto next_document = [&](tbb::flow_control& fc) -> Document* {
    while (pending.empty()) {
      if (next_file >= files.size()) {
        fc.stop();
        return nullptr;
      }
      ReadInput(
          files[next_file++], ro, [&](Document&& d) { pending.push_back(std::move(d)); },
          [&](ReadProblem p) {
            ++tally.failed;
            if (show_progress) std::cerr << "\n";
            std::cerr << "claimgraph: " << p.where << ": " << p.message << "\n";
          });
    }
    auto* doc = new Document(std::move(pending.front()));
    pending.pop_front();
    ++tally.read;
    return doc;
  };
  auto skip_unchanged = [&](tbb::flow_control& fc) -> Document* {
    while (true) {
      Document* doc = next_document(fc);
      if (!doc || !checker.ok()) return doc;
      auto same = (*checker)->IsUnchanged(*doc);
      if (!same.ok() || !*same) return doc;
      ++tally.unchanged;
      delete doc;
    }
  };

  Status store_error;
  Status batch = (*store)->BeginBatch();
  if (!batch.ok()) {
    std::cerr << "claimgraph: " << batch.message() << "\n";
    return 1;
  }
  size_t in_batch = 0;
  tbb::parallel_pipeline(
      jobs * 4,
      tbb::make_filter<void, Document*>(tbb::filter_mode::serial_in_order, skip_unchanged) &
          tbb::make_filter<Document*, Document*>(tbb::filter_mode::parallel,
                                                 [&](Document* doc) {
                                                   (*pipeline)->Analyse(*doc);
                                                   return doc;
                                                 }) &
          tbb::make_filter<Document*, void>(tbb::filter_mode::serial_in_order, [&](Document* doc) {
            std::unique_ptr<Document> owned(doc);
            auto outcome = (*store)->Put(*doc);
            if (!outcome.ok()) {
              ++tally.failed;
              ++tally.store_failed;
              if (show_progress) std::cerr << "\n";
              std::cerr << "claimgraph: " << doc->path << ": " << outcome.status().message() << "\n";
              if (outcome.status().code() == StatusCode::kDatabaseError) store_error = outcome.status();
            } else {
              switch (*outcome) {
                case PutOutcome::kInserted: ++tally.inserted; tally.claims += doc->claims.size(); break;
                case PutOutcome::kReplaced: ++tally.replaced; tally.claims += doc->claims.size(); break;
                case PutOutcome::kUnchanged: ++tally.unchanged; break;
              }
            }
            // commit in batches: durable progress without a transaction per article
            if (++in_batch >= 64) {
              Status s = (*store)->CommitBatch();
              if (s.ok()) s = (*store)->BeginBatch();
              if (!s.ok()) store_error = s;
              in_batch = 0;
            }
            auto now = std::chrono::steady_clock::now();
            if (show_progress && now - last_progress > std::chrono::milliseconds(200)) {
              Progress(tally, next_file, files.size(), false);
              last_progress = now;
            }
          }));
  Status done = (*store)->CommitBatch();
  if (!done.ok()) {
    std::cerr << "claimgraph: " << done.message() << "\n";
    return 1;
  }
  if (show_progress) Progress(tally, next_file, files.size(), true);
  if (!options.quiet) PrintReport(reading, tally);
  if (!options.quiet)
    fmt::print(stderr, "ingested into {}: {} read, {} new, {} replaced, {} unchanged, {} failed; {} claims stored\n",
               options.db, tally.read.load(), tally.inserted.load(), tally.replaced.load(), tally.unchanged.load(),
               tally.failed.load(), tally.claims.load());
  return tally.failed || !store_error.ok() ? 1 : 0;
}

}  // namespace claimgraph::cli
