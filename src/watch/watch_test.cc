// The watcher against a tiny HTTP server on 127.0.0.1 (ephemeral port) run by the test.
#include "watch/watch.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace claimgraph::watch {
namespace {

struct Reply {
  int status = 200;
  std::string body;
  std::string etag;      // when set, a matching If-None-Match gets 304
  std::string location;  // for redirects
  bool hang = false;     // accept and never answer
};

struct SeenRequest {
  std::string path;
  std::map<std::string, std::string> headers;  // names lower case
};

// Serves canned replies, one connection per request; stops on destruction or after a minute.
class TestServer {
 public:
  TestServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(listen(listen_fd_, 16), 0);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TestServer() {
    stop_ = true;
    thread_.join();
    close(listen_fd_);
  }

  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  void Set(const std::string& path, Reply reply) {
    std::lock_guard lock(mu_);
    replies_[path] = std::move(reply);
  }
  void OnRequest(std::function<void(const std::string&)> hook) {
    std::lock_guard lock(mu_);
    hook_ = std::move(hook);
  }
  std::vector<SeenRequest> Requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  size_t CountRequests(const std::string& path) {
    auto all = Requests();
    return std::count_if(all.begin(), all.end(), [&](const SeenRequest& r) { return r.path == path; });
  }
  void ClearRequests() {
    std::lock_guard lock(mu_);
    requests_.clear();
  }

 private:
  void Serve() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::vector<int> hung;
    while (!stop_ && std::chrono::steady_clock::now() < deadline) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      std::string request;
      char buf[4096];
      for (int i = 0; i < 100 && request.find("\r\n\r\n") == std::string::npos; ++i) {
        pollfd c{fd, POLLIN, 0};
        if (poll(&c, 1, 20) <= 0) continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        request.append(buf, n);
      }
      SeenRequest seen;
      std::istringstream lines(request);
      std::string line;
      std::getline(lines, line);
      std::istringstream first(line);
      std::string method;
      first >> method >> seen.path;
      while (std::getline(lines, line) && line != "\r") {
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
        seen.headers[name] = value;
      }
      Reply reply{404, "not here", "", "", false};
      std::function<void(const std::string&)> hook;
      {
        std::lock_guard lock(mu_);
        requests_.push_back(seen);
        if (auto it = replies_.find(seen.path); it != replies_.end()) reply = it->second;
        hook = hook_;
      }
      if (hook) hook(seen.path);
      if (reply.hang) {
        hung.push_back(fd);
        continue;
      }
      std::string head;
      std::string body = reply.body;
      if (!reply.etag.empty() && seen.headers["if-none-match"] == reply.etag) {
        head = "HTTP/1.1 304 Not Modified\r\nETag: " + reply.etag + "\r\n";
        body.clear();
      } else {
        head = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\n";
        if (!reply.etag.empty()) head += "ETag: " + reply.etag + "\r\n";
        if (!reply.location.empty()) head += "Location: " + reply.location + "\r\n";
      }
      head += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
      std::string out = head + body;
      size_t sent = 0;
      while (sent < out.size()) {
        ssize_t n = write(fd, out.data() + sent, out.size() - sent);
        if (n <= 0) break;
        sent += n;
      }
      close(fd);
    }
    for (int fd : hung) close(fd);
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::map<std::string, Reply> replies_;
  std::vector<SeenRequest> requests_;
  std::function<void(const std::string&)> hook_;
};

std::string Rss(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Harbour Wire</title>\n";
  for (const auto& [title, link] : items)
    xml += "<item><title>" + title + "</title><link>" + link + "</link><guid>" + link +
           "</guid><pubDate>Tue, 25 Jun 2024 10:00:00 GMT</pubDate></item>\n";
  return xml + "</channel></rss>\n";
}

std::string Page(const std::string& title, const std::string& speaker) {
  return "<html lang=\"en\"><head><title>" + title + "</title></head><body><article><h1>" + title +
         "</h1><p>The harbour authority said on Monday that the new ferry terminal would open in the spring, "
         "two months later than planned.</p><p>" + speaker +
         ", who chairs the port committee, said the delay was caused by a shortage of steel.</p>"
         "<p>Local traders told reporters they expected the terminal to bring more visitors to the town.</p>"
         "</article></body></html>";
}

class WatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = Pipeline::Create();
    ASSERT_TRUE(created.ok()) << created.status().message();
    pipeline_ = created->release();
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    pipeline_ = nullptr;
  }
  void SetUp() override {
    db_path_ = (std::filesystem::temp_directory_path() /
                ("watch_test_" + std::to_string(getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                   .string();
    Remove();
    options_.per_host_delay = std::chrono::milliseconds(0);
    options_.limits.connect_timeout = std::chrono::milliseconds(1000);
    options_.limits.total_timeout = std::chrono::milliseconds(3000);
    options_.limits.max_redirects = 3;
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path_ + suffix);
  }

  // One poll with a fresh Store and Watcher, as a restarted process would do.
  PollStats PollWithNewProcessState(const std::vector<std::string>& feeds, std::string* errors_out = nullptr,
                                    const std::atomic<bool>* stop = nullptr) {
    auto store = Store::Open(db_path_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    auto watcher = Watcher::Create(store->get(), pipeline_, options_);
    EXPECT_TRUE(watcher.ok()) << watcher.status().message();
    std::ostringstream errors;
    std::atomic<bool> never{false};
    PollStats stats = (*watcher)->PollOnce(feeds, stop ? *stop : never, errors);
    if (errors_out) *errors_out = errors.str();
    return stats;
  }

  long long Count(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    long long n = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
      n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }
  long long Documents() { return Count("SELECT count(*) FROM documents"); }

  static Pipeline* pipeline_;
  std::string db_path_;
  WatchOptions options_;
};

Pipeline* WatchTest::pipeline_ = nullptr;

TEST_F(WatchTest, FirstPollIngestsThenConditionalRequestGets304ThenOneNewItem) {
  TestServer server;
  for (int i = 1; i <= 3; ++i)
    server.Set("/news/" + std::to_string(i), {200, Page("Terminal story " + std::to_string(i), "Maria Lindqvist"), "", "", false});
  std::vector<std::pair<std::string, std::string>> items;
  for (int i = 1; i <= 3; ++i) items.push_back({"Terminal story " + std::to_string(i), server.Url("/news/" + std::to_string(i))});
  server.Set("/feed.xml", {200, Rss(items), "\"v1\"", "", false});
  const std::vector<std::string> feeds = {server.Url("/feed.xml")};

  std::string errors;
  PollStats first = PollWithNewProcessState(feeds, &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(first.stored, 3u);
  EXPECT_EQ(Documents(), 3);
  EXPECT_GT(Count("SELECT count(*) FROM claims"), 0) << "pages are analysed, not only stored";

  server.ClearRequests();
  PollStats second = PollWithNewProcessState(feeds, &errors);
  auto requests = server.Requests();
  ASSERT_EQ(requests.size(), 1u) << "only the feed is asked for";
  EXPECT_EQ(requests[0].headers["if-none-match"], "\"v1\"");
  EXPECT_EQ(second.feeds_not_modified, 1u);
  EXPECT_EQ(second.stored, 0u);
  EXPECT_EQ(Documents(), 3);

  server.Set("/news/4", {200, Page("Terminal story 4", "Jonas Berg"), "", "", false});
  items.push_back({"Terminal story 4", server.Url("/news/4")});
  server.Set("/feed.xml", {200, Rss(items), "\"v2\"", "", false});
  server.ClearRequests();
  PollStats third = PollWithNewProcessState(feeds, &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(third.stored, 1u);
  EXPECT_EQ(Documents(), 4);
  EXPECT_EQ(server.CountRequests("/news/1"), 0u) << "seen items are not fetched again";
  EXPECT_EQ(server.CountRequests("/news/4"), 1u);
}

TEST_F(WatchTest, FailedPageIsReportedAndTheOthersGoOn) {
  TestServer server;
  server.Set("/a", {200, Page("Story A", "Maria Lindqvist"), "", "", false});
  server.Set("/b", {500, "boom", "", "", false});
  server.Set("/c", {200, Page("Story C", "Jonas Berg"), "", "", false});
  server.Set("/feed", {200, Rss({{"A", server.Url("/a")}, {"B", server.Url("/b")}, {"C", "/c"}}), "", "", false});
  std::string errors;
  PollStats stats = PollWithNewProcessState({server.Url("/feed")}, &errors);
  EXPECT_EQ(stats.stored, 2u);
  EXPECT_EQ(stats.errors, 1u);
  EXPECT_EQ(Documents(), 2);
  EXPECT_EQ(errors, "claimgraph: watch: " + server.Url("/b") + ": HTTP status 500\n");

  // The failed page is retried on the next poll and stored once it answers.
  server.Set("/b", {200, Page("Story B", "Anna Holm"), "", "", false});
  stats = PollWithNewProcessState({server.Url("/feed")}, &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(stats.stored, 1u);
  EXPECT_EQ(Documents(), 3);
}

TEST_F(WatchTest, RedirectLoopIsBounded) {
  TestServer server;
  server.Set("/loop", {302, "", "", "/loop", false});
  std::string errors;
  PollStats stats = PollWithNewProcessState({server.Url("/loop")}, &errors);
  EXPECT_EQ(stats.errors, 1u);
  EXPECT_NE(errors.find(server.Url("/loop")), std::string::npos) << errors;
  EXPECT_NE(errors.find("edirect"), std::string::npos) << errors;
  EXPECT_EQ(server.CountRequests("/loop"), static_cast<size_t>(options_.limits.max_redirects + 1));
}

TEST_F(WatchTest, SilentServerTimesOut) {
  TestServer server;
  server.Set("/slow", {200, "", "", "", true});
  options_.limits.total_timeout = std::chrono::milliseconds(400);
  auto start = std::chrono::steady_clock::now();
  std::string errors;
  PollStats stats = PollWithNewProcessState({server.Url("/slow")}, &errors);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(stats.errors, 1u);
  EXPECT_NE(errors.find(server.Url("/slow")), std::string::npos) << errors;
  EXPECT_NE(errors.find("imed out"), std::string::npos) << errors;
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST_F(WatchTest, StopAndRestartNeitherLosesNorDoubles) {
  TestServer server;
  std::vector<std::pair<std::string, std::string>> items;
  for (int i = 1; i <= 3; ++i) {
    server.Set("/p" + std::to_string(i), {200, Page("Pier story " + std::to_string(i), "Anna Holm"), "", "", false});
    items.push_back({"Pier story " + std::to_string(i), server.Url("/p" + std::to_string(i))});
  }
  server.Set("/feed", {200, Rss(items), "\"e1\"", "", false});
  const std::vector<std::string> feeds = {server.Url("/feed")};

  // A stop request arriving while the first page is fetched: that item finishes, the rest wait.
  std::atomic<bool> stop{false};
  server.OnRequest([&](const std::string& path) {
    if (path == "/p1") stop = true;
  });
  PollStats stopped = PollWithNewProcessState(feeds, nullptr, &stop);
  server.OnRequest(nullptr);
  EXPECT_EQ(stopped.stored, 1u);
  EXPECT_EQ(Documents(), 1);

  // Restart: the feed answers 304, yet the items announced before are still fetched.
  PollStats resumed = PollWithNewProcessState(feeds);
  EXPECT_EQ(resumed.feeds_not_modified, 1u);
  EXPECT_EQ(resumed.stored, 2u);
  EXPECT_EQ(Documents(), 3);

  // A crash between storing a page and recording it: the page is fetched again but not doubled.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE watch_items SET done = 0", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  PollStats again = PollWithNewProcessState(feeds);
  EXPECT_EQ(again.stored, 0u);
  EXPECT_EQ(again.unchanged, 3u);
  EXPECT_EQ(Documents(), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM watch_items WHERE done = 1"), 3);
}

TEST_F(WatchTest, OversizedFeedIsRefusedAndBrokenPageGivenUp) {
  TestServer server;
  server.Set("/big", {200, std::string(5000, 'x'), "", "", false});
  options_.limits.max_bytes = 1000;
  std::string errors;
  PollStats stats = PollWithNewProcessState({server.Url("/big")}, &errors);
  EXPECT_EQ(stats.errors, 1u);
  EXPECT_EQ(errors, "claimgraph: watch: " + server.Url("/big") + ": larger than 1000 bytes\n");

  options_.limits.max_bytes = 1 << 20;
  server.Set("/gone", {404, "", "", "", false});
  server.Set("/feed", {200, Rss({{"Gone", server.Url("/gone")}}), "", "", false});
  for (int poll = 1; poll <= options_.max_item_attempts; ++poll) PollWithNewProcessState({server.Url("/feed")}, &errors);
  EXPECT_NE(errors.find("giving up after"), std::string::npos) << errors;
  server.ClearRequests();
  stats = PollWithNewProcessState({server.Url("/feed")}, &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(server.CountRequests("/gone"), 0u);
  EXPECT_EQ(Documents(), 0);
}

TEST_F(WatchTest, RequestsToOneHostAreSpacedByTheDelay) {
  TestServer server;
  server.Set("/a", {200, Page("Story A", "Maria Lindqvist"), "", "", false});
  server.Set("/b", {200, Page("Story B", "Jonas Berg"), "", "", false});
  server.Set("/feed", {200, Rss({{"A", server.Url("/a")}, {"B", server.Url("/b")}}), "", "", false});
  options_.per_host_delay = std::chrono::milliseconds(250);
  auto start = std::chrono::steady_clock::now();
  PollStats stats = PollWithNewProcessState({server.Url("/feed")});
  EXPECT_EQ(stats.stored, 2u);
  // three requests (feed, a, b) to one host: two pauses
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

TEST_F(WatchTest, AtomFeedInLatin1WithRelativeLinks) {
  TestServer server;
  server.Set("/story", {200, Page("Caf\xC3\xA9 story", "Ren\xC3\xA9 Dubois"), "", "", false});
  // "Caf\xE9" is Latin-1: the feed must be decoded as it declares, not rejected
  server.Set("/atom", {200,
                       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Caf\xE9 news</title>"
                       "<entry><title>Caf\xE9 opens</title><id>tag:story</id><link href=\"/story\"/>"
                       "<updated>2024-06-25T10:00:00Z</updated></entry></feed>",
                       "", "", false});
  std::string errors;
  PollStats stats = PollWithNewProcessState({server.Url("/atom")}, &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(stats.stored, 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM watch_items WHERE link = '" + server.Url("/story") + "' AND done = 1"), 1);
}

TEST_F(WatchTest, MalformedFeedIsReported) {
  TestServer server;
  server.Set("/bad", {200, "<html><body><p>not a feed</p></body></html>", "", "", false});
  std::string errors;
  PollStats stats = PollWithNewProcessState({server.Url("/bad"), "ftp://127.0.0.1/feed"}, &errors);
  EXPECT_EQ(stats.errors, 2u);
  EXPECT_NE(errors.find("claimgraph: watch: " + server.Url("/bad") + ": "), std::string::npos) << errors;
  EXPECT_NE(errors.find("claimgraph: watch: ftp://127.0.0.1/feed: not an http or https address"), std::string::npos) << errors;
}

TEST(ResolveUrlTest, RelativeLinksResolveAgainstTheFeed) {
  EXPECT_EQ(ResolveUrl("http://127.0.0.1:8/feeds/main.xml", "/news/1"), "http://127.0.0.1:8/news/1");
  EXPECT_EQ(ResolveUrl("http://127.0.0.1:8/feeds/main.xml", "item.html"), "http://127.0.0.1:8/feeds/item.html");
  EXPECT_EQ(ResolveUrl("http://127.0.0.1:8/feeds/main.xml", "https://127.0.0.1/x"), "https://127.0.0.1/x");
  EXPECT_EQ(HostOf("http://User@127.0.0.1:8/a"), "127.0.0.1:8");
}

TEST(ReadFeedListTest, SkipsCommentsAndBlankLines) {
  std::string path = (std::filesystem::temp_directory_path() / ("feeds_" + std::to_string(getpid()) + ".txt")).string();
  {
    std::ofstream out(path);
    out << "# my feeds\n\nhttp://127.0.0.1:1/a.xml\n  http://127.0.0.1:1/b.xml  # second\r\n";
  }
  auto feeds = ReadFeedList(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(feeds.ok());
  EXPECT_EQ(*feeds, (std::vector<std::string>{"http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.xml"}));
  EXPECT_FALSE(ReadFeedList(path).ok());
}

}  // namespace
}  // namespace claimgraph::watch
