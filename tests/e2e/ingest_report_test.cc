// End to end: `claimgraph ingest` closes with a report of every record it read, stored or
// skipped (and why), over a WARC archive with mixed records, a feed, a text file and a
// missing path, all written by the test.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string WarcRecord(const std::string& type, const std::string& content_type, const std::string& block,
                       const std::string& length = "") {
  return "WARC/1.1\r\nWARC-Type: " + type +
         "\r\nWARC-Target-URI: https://harbour.example/story\r\nWARC-Date: 2024-05-02T09:00:00Z\r\n"
         "WARC-Record-ID: <urn:uuid:report-test>\r\nContent-Type: " +
         content_type + "\r\nContent-Length: " + (length.empty() ? std::to_string(block.size()) : length) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Http(const std::string& status, const std::string& content_type, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + content_type + "\r\n\r\n" + body;
}

class IngestReport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("claimgraph_ingest_report_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs the binary; returns the exit status, stderr in *err.
  int Run(const std::string& args, std::string* err) {
    std::string cmd = std::string(CLAIMGRAPH_BINARY) + " " + args + " >" + (dir_ / "out").string() + " 2>" +
                      (dir_ / "err").string() + " </dev/null";
    int rc = std::system(cmd.c_str());
    *err = Slurp(dir_ / "err");
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }

  // A crawl of eight records of which one is an article page.
  void WriteArchive(const fs::path& path) {
    const std::string article =
        "<html><head><title>Ferry timetable changes</title></head><body><article><p>The harbour authority said on "
        "Thursday that the evening ferry would leave an hour later from June, after complaints from commuters."
        "</p></article></body></html>";
    std::ofstream out(path, std::ios::binary);
    out << WarcRecord("warcinfo", "application/warc-fields", "software: report-test\r\n")
        << WarcRecord("request", "application/http; msgtype=request", "GET /story HTTP/1.1\r\nHost: harbour.example\r\n\r\n")
        << WarcRecord("response", "application/http; msgtype=response", Http("200 OK", "text/html; charset=utf-8", article))
        << WarcRecord("metadata", "application/warc-fields", "outlinks: https://harbour.example/\r\n")
        << WarcRecord("response", "application/http; msgtype=response", Http("200 OK", "image/png", "\x89PNG...."))
        << WarcRecord("response", "application/http; msgtype=response",
                      Http("404 Not Found", "text/html", "<html><body><p>Not found</p></body></html>"))
        << WarcRecord("response", "application/http; msgtype=response",
                      Http("200 OK", "text/html", "<html><body><nav><a href=\"/\">Home</a></nav></body></html>"))
        << WarcRecord("response", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\n\r\nno length", "many");
  }

  fs::path dir_;
};

TEST_F(IngestReport, CountsEveryRecordAsStoredOrSkippedWithItsReason) {
  WriteArchive(dir_ / "crawl.warc");
  std::ofstream(dir_ / "harbour.rss")
      << "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour News</title>"
         "<item><title>Bridge reopens after repairs</title><description>The old bridge reopened on Monday, the "
         "council said, after four months of repairs to its deck.</description></item>"
         "<item><link>https://harbour.example/empty</link></item></channel></rss>";
  std::ofstream(dir_ / "note.txt") << "Market moves to Thursday\n\nThe weekly market will move to Thursdays, the "
                                      "town council announced on Tuesday.\n";
  const std::string inputs = (dir_ / "crawl.warc").string() + " " + (dir_ / "harbour.rss").string() + " " +
                             (dir_ / "note.txt").string() + " " + (dir_ / "missing.html").string();
  const std::string db = (dir_ / "report.db").string();

  std::string err;
  // Lost records are problems: the exit status says so, the report says which.
  EXPECT_EQ(Run("ingest --db " + db + " " + inputs, &err), 1) << err;
  EXPECT_NE(err.find("ingest report: 12 records read, 3 stored (3 new, 0 replaced), 9 skipped\n"), std::string::npos)
      << err;
  EXPECT_NE(err.find("  skipped: 3 request/metadata record, 2 empty text, 1 bad record, 1 non-2xx response, "
                     "1 not HTML, 1 unreadable\n"),
            std::string::npos)
      << err;

  // The same inputs again: the three documents are unchanged, and said to be.
  EXPECT_EQ(Run("ingest --db " + db + " " + inputs, &err), 1) << err;
  EXPECT_NE(err.find("ingest report: 12 records read, 0 stored (0 new, 0 replaced), 12 skipped\n"), std::string::npos)
      << err;
  EXPECT_NE(err.find("3 request/metadata record, 3 unchanged, 2 empty text,"), std::string::npos) << err;

  // A clean archive-free run: nothing skipped, no skipped line, exit 0.
  EXPECT_EQ(Run("ingest --db " + (dir_ / "clean.db").string() + " " + (dir_ / "note.txt").string(), &err), 0) << err;
  EXPECT_NE(err.find("ingest report: 1 records read, 1 stored (1 new, 0 replaced), 0 skipped\n"), std::string::npos)
      << err;
  EXPECT_EQ(err.find("skipped:"), std::string::npos) << err;

  // --quiet keeps the report out.
  EXPECT_EQ(Run("ingest -q --db " + (dir_ / "clean.db").string() + " " + (dir_ / "note.txt").string(), &err), 0);
  EXPECT_EQ(err.find("ingest report"), std::string::npos) << err;
}

}  // namespace
