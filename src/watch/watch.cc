#include "watch/watch.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <ostream>
#include <thread>

#include "claimgraph/readers.h"

namespace claimgraph::watch {
namespace {

constexpr const char* kWatchSchema = R"sql(
CREATE TABLE IF NOT EXISTS watch_feeds (
  url TEXT PRIMARY KEY,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_poll TEXT NOT NULL DEFAULT '',
  last_status INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS watch_items (
  link TEXT PRIMARY KEY,
  feed TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  doc_id TEXT NOT NULL DEFAULT '',
  first_seen TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS watch_items_pending ON watch_items(feed, done);
)sql";

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A prepared statement that finalizes itself; binds text parameters by position.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Stmt() { sqlite3_finalize(stmt_); }
  bool ok() const { return stmt_ != nullptr; }
  Stmt& Bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, long long v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int Step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_MISUSE; }
  long long Int(int col) { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) {
    auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

bool IsHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

// The readers take paths, so fetched bytes go through a private temporary file whose
// suffix picks the reader. Returns its path, or "" with *problem set.
std::string WriteTemp(const std::string& bytes, const std::string& suffix, std::string* problem) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/claimgraph-watch-XXXXXX" + suffix;
  int fd = mkstemps(path.data(), static_cast<int>(suffix.size()));
  if (fd < 0) {
    *problem = "cannot create a temporary file in " + path.substr(0, path.rfind('/'));
    return "";
  }
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done < bytes.size()) {
    std::remove(path.c_str());
    *problem = "cannot write the temporary file " + path;
    return "";
  }
  return path;
}

}  // namespace

void Report(std::ostream& errors, const std::string& url, const std::string& what) {
  errors << "claimgraph: watch: " << url << ": " << what << "\n";
}

Result<std::vector<std::string>> ReadFeedList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open the feeds file");
  std::vector<std::string> feeds;
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find(" #"); hash != std::string::npos) line.resize(hash);
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t e = line.find_last_not_of(" \t\r");
    feeds.push_back(line.substr(b, e - b + 1));
  }
  if (in.bad()) return Status::IoError(path + ": read failed");
  return feeds;
}

Watcher::Watcher(Store* store, const Pipeline* pipeline, const WatchOptions& options)
    : store_(store), pipeline_(pipeline), options_(options) {}

Result<std::unique_ptr<Watcher>> Watcher::Create(Store* store, const Pipeline* pipeline,
                                                 const WatchOptions& options) {
  assert(store);
  char* err = nullptr;
  if (sqlite3_exec(store->handle(), kWatchSchema, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = store->path() + ": cannot create the watch tables: " + (err ? err : "unknown error");
    sqlite3_free(err);
    return Status::DatabaseError(message);
  }
  return std::unique_ptr<Watcher>(new Watcher(store, pipeline, options));
}

FetchResponse Watcher::PoliteFetch(const FetchRequest& request) {
  std::string host = HostOf(request.url);
  auto it = last_request_.find(host);
  if (it != last_request_.end()) {
    auto ready = it->second + options_.per_host_delay;
    auto now = std::chrono::steady_clock::now();
    if (ready > now) std::this_thread::sleep_for(ready - now);
  }
  FetchResponse response = Fetch(request, options_.limits);
  last_request_[host] = std::chrono::steady_clock::now();
  return response;
}

bool Watcher::IngestItem(const std::string& link, PollStats& stats,
                         std::ostream& errors) {
  auto Report = [&](std::ostream& out, const std::string& url, const std::string& what) {
    last_error_ = what;
    watch::Report(out, url, what);
  };
  FetchResponse page = PoliteFetch({link, "", ""});
  if (!page.error.empty()) {
    Report(errors, link, page.error);
    return false;
  }
  std::vector<Document> docs;
  std::string problem;
  std::string tmp = WriteTemp(page.body, ".html", &problem);
  if (!tmp.empty()) {
    ReadOptions ro;
    ro.url = page.final_url.empty() ? link : page.final_url;
    ReadInput(
        tmp, ro, [&](Document&& d) { docs.push_back(std::move(d)); },
        [&](ReadProblem p) { problem = p.message; });
    std::remove(tmp.c_str());
  }
  if (docs.empty()) {
    Report(errors, link, problem.empty() ? "no article text in the page" : problem);
    return false;
  }
  Document& doc = docs.front();
  doc.path = link;
  if (doc.url.empty()) doc.url = link;
  if (doc.id.empty() || doc.id == tmp) doc.id = doc.url;

  auto same = store_->IsUnchanged(doc);
  if (same.ok() && *same) {
    ++stats.unchanged;
  } else {
    if (pipeline_) pipeline_->Analyse(doc);
    auto outcome = store_->Put(doc);
    if (!outcome.ok()) {
      Report(errors, link, outcome.status().message());
      return false;
    }
    if (*outcome == PutOutcome::kUnchanged) ++stats.unchanged; else ++stats.stored;
  }
  Stmt done(store_->handle(), "UPDATE watch_items SET done = 1, doc_id = ?, last_error = '' WHERE link = ?");
  done.Bind(1, doc.id).Bind(2, link);
  if (done.Step() != SQLITE_DONE) {
    Report(errors, link, std::string("cannot record the item: ") + sqlite3_errmsg(store_->handle()));
    return false;
  }
  return true;
}

PollStats Watcher::PollOnce(const std::vector<std::string>& feeds, const std::atomic<bool>& stop,
                            std::ostream& errors) {
  PollStats stats;
  sqlite3* db = store_->handle();
  for (const std::string& feed : feeds) {
    if (stop) break;
    if (!IsHttpUrl(feed)) {
      Report(errors, feed, "not an http or https address");
      ++stats.errors;
      continue;
    }
    FetchRequest request{feed, "", ""};
    {
      Stmt q(db, "SELECT etag, last_modified FROM watch_feeds WHERE url = ?");
      q.Bind(1, feed);
      if (q.Step() == SQLITE_ROW) {
        request.if_none_match = q.Text(0);
        request.if_modified_since = q.Text(1);
      }
    }
    FetchResponse response = PoliteFetch(request);
    ++stats.feeds_polled;
    const std::string now = NowUtc();
    std::vector<std::string> links;
    if (!response.error.empty()) {
      Report(errors, feed, response.error);
      ++stats.errors;
    } else if (response.not_modified()) {
      ++stats.feeds_not_modified;
    } else {
      // The feed reader decodes the declared charset and reports malformed XML; the
      // items complete before an error still count.
      std::vector<std::string> item_links;
      std::string problem;
      std::string tmp = WriteTemp(response.body, ".rss", &problem);
      if (!tmp.empty()) {
        ReadInput(
            tmp, ReadOptions{}, [&](Document&& d) { item_links.push_back(d.url); },
            [&](ReadProblem p) {
              // a bad date in one item ("path#N") is no reason to call the feed broken
              if (p.where == tmp && problem.empty()) problem = p.message;
            });
        std::remove(tmp.c_str());
      }
      if (!problem.empty()) {
        Report(errors, feed, problem);
        ++stats.errors;
      }
      const std::string& base = response.final_url.empty() ? feed : response.final_url;
      for (size_t i = 0; i < item_links.size(); ++i) {
        std::string link = item_links[i].empty() ? "" : ResolveUrl(base, item_links[i]);
        if (IsHttpUrl(link)) {
          links.push_back(link);
        } else if (!item_links[i].empty()) {
          Report(errors, feed, "item " + std::to_string(i + 1) + ": link is not an http(s) address: " + item_links[i]);
        }
      }
    }
    // New links and the feed's validators are saved together, so a 304 after a crash
    // can never hide items that were announced but not yet recorded.
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (const auto& link : links) {
      Stmt add(db, "INSERT OR IGNORE INTO watch_items(link, feed, first_seen) VALUES (?, ?, ?)");
      add.Bind(1, link).Bind(2, feed).Bind(3, now).Step();
    }
    {
      const bool fresh = response.error.empty() && !response.not_modified();
      Stmt save(db,
                fresh ? "INSERT INTO watch_feeds(url, etag, last_modified, last_poll, last_status) VALUES (?1, ?2, ?3, ?4, ?5) "
                        "ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, last_poll = ?4, last_status = ?5"
                      : "INSERT INTO watch_feeds(url, last_poll, last_status) VALUES (?1, ?4, ?5) "
                        "ON CONFLICT(url) DO UPDATE SET last_poll = ?4, last_status = ?5");
      save.Bind(1, feed).Bind(2, response.etag).Bind(3, response.last_modified).Bind(4, now);
      save.Bind(5, static_cast<long long>(response.status));
      save.Step();
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      Report(errors, feed, std::string("cannot save the poll state: ") + sqlite3_errmsg(db));
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      ++stats.errors;
      continue;
    }

    // Everything not yet done for this feed: the new links and earlier failures.
    std::vector<std::string> pending;
    {
      Stmt q(db, "SELECT link FROM watch_items WHERE feed = ? AND done = 0 AND attempts < ? ORDER BY rowid");
      q.Bind(1, feed).Bind(2, static_cast<long long>(options_.max_item_attempts));
      while (q.Step() == SQLITE_ROW) pending.push_back(q.Text(0));
    }
    for (const auto& link : pending) {
      if (stop) break;
      ++stats.items_seen;
      if (IngestItem(link, stats, errors)) continue;
      ++stats.errors;
      Stmt failed(db, "UPDATE watch_items SET attempts = attempts + 1, last_error = ? WHERE link = ?");
      failed.Bind(1, last_error_).Bind(2, link).Step();
      Stmt attempts(db, "SELECT attempts FROM watch_items WHERE link = ?");
      attempts.Bind(1, link);
      if (attempts.Step() == SQLITE_ROW && attempts.Int(0) >= options_.max_item_attempts)
        Report(errors, link, "giving up after " + std::to_string(options_.max_item_attempts) + " failed attempts");
    }
  }
  return stats;
}

}  // namespace claimgraph::watch
