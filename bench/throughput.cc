// claimgraph_throughput: end-to-end throughput of read -> analyse -> store through the
// library, the same path `claimgraph ingest` takes (a oneTBB pipeline: serial reading,
// parallel analysis, serial storing in batches of 64). Runs once with one job and once
// with --jobs N, each in a forked child process so that its peak RSS (getrusage) is
// its own, and each into a fresh database.
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "claimgraph/pipeline.h"
#include "claimgraph/readers.h"
#include "claimgraph/store.h"

namespace fs = std::filesystem;
using namespace claimgraph;

namespace {

constexpr size_t kBatch = 64;  // documents per transaction, as in ingest

// Sent from the child to the parent through a pipe, so plain data only.
struct RunResult {
  int ok = 0;  // 1 when the run completed
  uint64_t articles = 0;
  uint64_t words = 0;
  uint64_t bytes = 0;
  uint64_t claims = 0;
  uint64_t problems = 0;  // unreadable inputs and failed Puts
  double setup_seconds = 0;  // Pipeline::Create and Store::Open, not in the rates
  double seconds = 0;
  long peak_rss_kb = 0;
  char error[256] = {};
};

uint64_t CountWords(const std::string& s) {
  uint64_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

void SetError(RunResult& r, const std::string& message) {
  std::snprintf(r.error, sizeof r.error, "%s", message.c_str());
}

struct Item {
  Document doc;
  uint64_t words = 0;
};

RunResult Run(const std::vector<std::string>& files, const std::string& db, unsigned jobs) {
  RunResult r;
  using Clock = std::chrono::steady_clock;
  auto setup_start = Clock::now();
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    SetError(r, "Pipeline::Create: " + pipeline.status().message());
    return r;
  }
  auto store = Store::Open(db);
  if (!store.ok()) {
    SetError(r, "Store::Open: " + store.status().message());
    return r;
  }
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, jobs);
  auto start = Clock::now();
  r.setup_seconds = std::chrono::duration<double>(start - setup_start).count();

  size_t next_file = 0;
  std::deque<Document> pending;
  const ReadOptions read_options;
  auto read = [&](tbb::flow_control& fc) -> Item* {
    while (pending.empty()) {
      if (next_file >= files.size()) {
        fc.stop();
        return nullptr;
      }
      ReadInput(
          files[next_file++], read_options, [&](Document&& d) { pending.push_back(std::move(d)); },
          [&](ReadProblem) { ++r.problems; });
    }
    auto* item = new Item{std::move(pending.front())};
    pending.pop_front();
    return item;
  };
  auto analyse = [&](Item* item) {
    (*pipeline)->Analyse(item->doc);
    item->words = CountWords(item->doc.text);
    return item;
  };
  Status store_error;
  size_t in_batch = 0;
  auto put = [&](Item* raw) {
    std::unique_ptr<Item> item(raw);
    if (!store_error.ok()) return;
    if (in_batch == 0) store_error = (*store)->BeginBatch();
    if (!store_error.ok()) return;
    auto outcome = (*store)->Put(item->doc);
    if (!outcome.ok()) {
      ++r.problems;
      if (outcome.status().code() == StatusCode::kDatabaseError) store_error = outcome.status();
    } else {
      ++r.articles;
      r.words += item->words;
      r.bytes += item->doc.text.size();
      r.claims += item->doc.claims.size();
    }
    if (++in_batch == kBatch) {
      store_error = (*store)->CommitBatch();
      in_batch = 0;
    }
  };
  tbb::parallel_pipeline(jobs * 4,
                         tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order, read) &
                             tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel, analyse) &
                             tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, put));
  if (store_error.ok() && (*store)->in_batch()) store_error = (*store)->CommitBatch();
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!store_error.ok()) {
    SetError(r, "store: " + store_error.message());
    return r;
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  r.peak_rss_kb = usage.ru_maxrss;  // kilobytes on Linux
  r.ok = 1;
  return r;
}

void RemoveDatabase(const std::string& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db + suffix);
}

// Runs Run() in a child process and returns what it reported.
RunResult RunInChild(const std::vector<std::string>& files, const std::string& db, unsigned jobs) {
  RunResult result;
  int fds[2];
  if (pipe(fds) != 0) {
    SetError(result, "pipe() failed");
    return result;
  }
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    SetError(result, "fork() failed");
    return result;
  }
  if (pid == 0) {
    close(fds[0]);
    RunResult r = Run(files, db, jobs);
    ssize_t written = write(fds[1], &r, sizeof r);
    close(fds[1]);
    _exit(written == static_cast<ssize_t>(sizeof r) ? 0 : 1);
  }
  close(fds[1]);
  size_t got = 0;
  auto* out = reinterpret_cast<char*>(&result);
  while (got < sizeof result) {
    ssize_t n = read(fds[0], out + got, sizeof result - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != sizeof result) {
    result = RunResult{};
    SetError(result, WIFSIGNALED(status) ? "run crashed with signal " + std::to_string(WTERMSIG(status))
                                         : std::string("run exited without a result"));
  }
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"End-to-end throughput: read, analyse and store a corpus into SQLite"};
  std::string corpus, db;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("--corpus", corpus, "folder of articles (e.g. from claimgraph_corpus_gen)")->required();
  app.add_option("--db", db, "database to write (must not exist; kept after the run). Default: a temporary file");
  app.add_option("--jobs", jobs, "analysis threads for the parallel run")->check(CLI::Range(1u, 256u));
  CLI11_PARSE(app, argc, argv);

  bool keep_db = !db.empty();
  if (keep_db && fs::exists(db)) {
    std::fprintf(stderr, "claimgraph_throughput: %s already exists; give a new path or remove it\n", db.c_str());
    return 1;
  }
  if (!keep_db) db = (fs::temp_directory_path() / ("claimgraph_throughput_" + std::to_string(getpid()) + ".db")).string();

  std::vector<ReadProblem> problems;
  std::vector<std::string> files = ExpandInputs({corpus}, &problems);
  for (const auto& p : problems) std::fprintf(stderr, "claimgraph_throughput: %s: %s\n", p.where.c_str(), p.message.c_str());
  if (files.empty()) {
    std::fprintf(stderr, "claimgraph_throughput: no articles found in %s\n", corpus.c_str());
    return 1;
  }

  std::vector<unsigned> runs = {1};
  if (jobs != 1) runs.push_back(jobs);
  std::printf("corpus %s: %zu files; database %s\n", corpus.c_str(), files.size(), db.c_str());
  std::printf("%-5s %9s %10s %8s %11s %10s %8s %9s %13s\n", "jobs", "articles", "words", "seconds", "articles/s",
              "words/s", "MiB/s", "claims", "peak RSS MiB");
  int exit_code = 0;
  for (size_t i = 0; i < runs.size(); ++i) {
    RemoveDatabase(db);  // each run starts from an empty database
    RunResult r = RunInChild(files, db, runs[i]);
    if (!r.ok) {
      std::fprintf(stderr, "claimgraph_throughput: jobs=%u: %s\n", runs[i], r.error);
      exit_code = 1;
      continue;
    }
    std::printf("%-5u %9llu %10llu %8.2f %11.1f %10.0f %8.2f %9llu %13.1f\n", runs[i],
                static_cast<unsigned long long>(r.articles), static_cast<unsigned long long>(r.words), r.seconds,
                r.articles / r.seconds, r.words / r.seconds, r.bytes / r.seconds / 1048576.0,
                static_cast<unsigned long long>(r.claims), r.peak_rss_kb / 1024.0);
    if (r.problems) std::printf("      (%llu inputs or documents failed)\n", static_cast<unsigned long long>(r.problems));
    if (i == 0) std::printf("      (setup: Pipeline::Create + Store::Open took %.2f s, not counted)\n", r.setup_seconds);
    std::fflush(stdout);
  }
  if (!keep_db) RemoveDatabase(db);
  return exit_code;
}
