// Stage: watch. Polls RSS/Atom feeds over HTTP(S), fetches each new item's page, analyses
// it with the Pipeline and stores it. Poll state lives beside the documents in the same
// SQLite file, in tables of its own (watch_feeds: per feed ETag, Last-Modified, last poll;
// watch_items: per item link, whether it is done and how often it failed), so a watcher
// can be stopped and restarted without losing or doubling anything.
#pragma once

#include <atomic>
#include <chrono>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "claimgraph/pipeline.h"
#include "claimgraph/status.h"
#include "claimgraph/store.h"
#include "watch/http.h"

namespace claimgraph::watch {

struct WatchOptions {
  FetchLimits limits;
  // Minimum pause between two requests to the same host (politeness).
  std::chrono::milliseconds per_host_delay{1000};
  // A page that failed this many times is given up (marked done, never stored).
  int max_item_attempts = 3;
};

struct PollStats {
  size_t feeds_polled = 0;
  size_t feeds_not_modified = 0;  // answered 304
  size_t items_seen = 0;          // new or retried links found
  size_t stored = 0;              // documents inserted or replaced
  size_t unchanged = 0;           // documents already stored with the same content
  size_t errors = 0;              // network, HTTP, reader or store errors (each reported)
};

// Reads a feeds file: one URL per line; blank lines and lines starting with '#' are
// skipped, as is anything after " #" on a line. NotFound / IoError naming the file.
Result<std::vector<std::string>> ReadFeedList(const std::string& path);

// Writes "claimgraph: watch: URL: what" as one line.
void Report(std::ostream& errors, const std::string& url, const std::string& what);

class Watcher {
 public:
  // Creates the watch tables in `store`'s database when absent. `store` and `pipeline`
  // are borrowed and must outlive the Watcher; the Watcher uses them from one thread.
  // A null pipeline stores pages with the reader's fields only (no analysis layers).
  static Result<std::unique_ptr<Watcher>> Create(Store* store, const Pipeline* pipeline,
                                                 const WatchOptions& options);

  // Polls each feed once (conditional request), then fetches, analyses and stores every
  // item link not done before, plus earlier failed items under max_item_attempts.
  // Each item is committed (document, then its watch_items row) before the next starts.
  // Problems are written to `errors` as one line "claimgraph: watch: URL: what" and
  // polling goes on. When *stop becomes true it returns after the current item.
  PollStats PollOnce(const std::vector<std::string>& feeds, const std::atomic<bool>& stop,
                     std::ostream& errors);

 private:
  Watcher(Store* store, const Pipeline* pipeline, const WatchOptions& options);
  FetchResponse PoliteFetch(const FetchRequest& request);
  // Returns true when the item is finished (stored or unchanged).
  bool IngestItem(const std::string& link, PollStats& stats, std::ostream& errors);

  Store* store_;
  const Pipeline* pipeline_;
  WatchOptions options_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_request_;  // by host
  std::string last_error_;  // why the last IngestItem failed
};

}  // namespace claimgraph::watch
