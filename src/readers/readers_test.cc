#include "claimgraph/readers.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace claimgraph {
namespace {

namespace fs = std::filesystem;

ReadOptions WithDate(const std::string& date) {
  ReadOptions o;
  o.published = date;
  return o;
}

class ReadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "cg_readers_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& rel, const std::string& bytes) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  struct Out {
    std::vector<Document> docs;
    std::vector<ReadProblem> problems;
  };
  static Out Read(const std::string& path, const ReadOptions& opts = {}) {
    Out out;
    ReadInput(
        path, opts, [&](Document&& d) { out.docs.push_back(std::move(d)); },
        [&](ReadProblem p) { out.problems.push_back(std::move(p)); });
    return out;
  }
  // Reads `content` as if it came on stdin.
  static Out ReadStdin(const std::string& content) {
    std::istringstream in(content);
    std::streambuf* old = std::cin.rdbuf(in.rdbuf());
    Out out = Read("-");
    std::cin.rdbuf(old);
    std::cin.clear();
    return out;
  }

  fs::path dir_;
};

// ---------------------------------------------------------------- dates

TEST(NormaliseDate, IsoForms) {
  EXPECT_EQ(NormaliseDate("2024-06-25"), "2024-06-25");
  EXPECT_EQ(NormaliseDate(" 2024-06-25T10:00:00Z "), "2024-06-25");
  EXPECT_EQ(NormaliseDate("2024-06-25T23:30:00-05:00"), "2024-06-25");  // date as written, not UTC
  EXPECT_EQ(NormaliseDate("2024-06-25 10:00"), "2024-06-25");
  EXPECT_EQ(NormaliseDate("2024/6/5"), "2024-06-05");
  EXPECT_EQ(NormaliseDate("20240625"), "2024-06-25");
}

TEST(NormaliseDate, WrittenForms) {
  EXPECT_EQ(NormaliseDate("Tue, 25 Jun 2024 10:00:00 GMT"), "2024-06-25");
  EXPECT_EQ(NormaliseDate("June 25, 2024"), "2024-06-25");
  EXPECT_EQ(NormaliseDate("Tuesday, June 25th, 2024 at 4:05 pm"), "2024-06-25");
  EXPECT_EQ(NormaliseDate("25 June 2024"), "2024-06-25");
  EXPECT_EQ(NormaliseDate("Sept. 3, 2023"), "2023-09-03");
  EXPECT_EQ(NormaliseDate("25/06/2024"), "2024-06-25");
  EXPECT_EQ(NormaliseDate("06/25/2024"), "2024-06-25");
}

TEST(NormaliseDate, RejectsPartialAmbiguousAndImpossible) {
  EXPECT_EQ(NormaliseDate(""), std::nullopt);
  EXPECT_EQ(NormaliseDate("2024-06"), std::nullopt);
  EXPECT_EQ(NormaliseDate("2024-02-30"), std::nullopt);
  EXPECT_EQ(NormaliseDate("2023-02-29"), std::nullopt);
  EXPECT_EQ(NormaliseDate("2024-02-29"), "2024-02-29");
  EXPECT_EQ(NormaliseDate("03/04/2024"), std::nullopt);  // March 4 or 3 April
  EXPECT_EQ(NormaliseDate("yesterday"), std::nullopt);
  EXPECT_EQ(NormaliseDate("June 2024"), std::nullopt);
  EXPECT_EQ(NormaliseDate("2024-13-01"), std::nullopt);
}

// ---------------------------------------------------------------- ExpandInputs

TEST_F(ReadersTest, ExpandsFoldersRecursivelySortedAndFiltered) {
  Write("in/b.txt", "x");
  Write("in/a.md", "x");
  Write("in/README.txt", "x");
  Write("in/sub/LICENSE.txt", "x");
  Write("in/sub/c.HTML", "x");
  Write("in/sub/deeper/d.jsonl", "x");
  Write("in/sub/e.html.gz", "x");
  Write("in/f.ndjson", "x");
  Write("in/g.json", "x");
  Write("in/h.htm", "x");
  Write("in/i.text", "x");
  Write("in/.hidden.txt", "x");
  Write("in/.git/config.txt", "x");
  Write("in/photo.png", "x");
  Write("in/notes.docx", "x");
  fs::create_directories(dir_ / "in" / "empty");
  std::vector<ReadProblem> problems;
  std::vector<std::string> files = ExpandInputs({(dir_ / "in").string()}, &problems);
  EXPECT_TRUE(problems.empty());
  std::vector<std::string> want;
  for (const char* rel : {"b.txt", "f.ndjson", "g.json", "h.htm", "i.text", "sub/c.HTML",
                          "sub/deeper/d.jsonl", "sub/e.html.gz"})
    want.push_back((dir_ / "in" / rel).string());
  EXPECT_EQ(files, want);
}

TEST_F(ReadersTest, ExpandKeepsExplicitFilesStdinAndReportsMissing) {
  std::string odd = Write("article.data", "x");
  fs::create_directories(dir_ / "nothing");
  std::vector<ReadProblem> problems;
  std::string missing = (dir_ / "missing.txt").string();
  std::vector<std::string> files =
      ExpandInputs({odd, "-", missing, (dir_ / "nothing").string()}, &problems);
  EXPECT_EQ(files, (std::vector<std::string>{odd, "-"}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, missing);
  EXPECT_NE(problems[0].message.find("no such file"), std::string::npos);
}

// ---------------------------------------------------------------- plain text

TEST_F(ReadersTest, PlainTextKeepsBytesAndFindsTitle) {
  const std::string content = "Minister Says Talks Failed\n\n  The minister said on Monday.\n\nSecond paragraph.\n";
  std::string path = Write("a.txt", content);
  Out out = Read(path);
  ASSERT_TRUE(out.problems.empty());
  ASSERT_EQ(out.docs.size(), 1u);
  const Document& d = out.docs[0];
  EXPECT_EQ(d.text, content);
  EXPECT_EQ(d.title, "Minister Says Talks Failed");
  EXPECT_EQ(d.body_start, content.find("The minister"));
  EXPECT_EQ(d.format, "text");
  EXPECT_EQ(d.path, path);
  EXPECT_EQ(d.id, path);
  EXPECT_TRUE(d.published.empty());
}

TEST_F(ReadersTest, PlainTextTitleRuleHandlesCrLfAndBom) {
  const std::string crlf = "Headline here\r\n\r\nBody starts.\r\n";
  Out a = Read(Write("crlf.txt", crlf));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].text, crlf);
  EXPECT_EQ(a.docs[0].title, "Headline here");
  EXPECT_EQ(a.docs[0].body_start, crlf.find("Body"));

  const std::string bom = "\xEF\xBB\xBFHeadline\n\nBody.";
  Out b = Read(Write("bom.txt", bom));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, bom);  // offsets stay offsets into the file
  EXPECT_EQ(b.docs[0].title, "Headline");
  EXPECT_EQ(b.docs[0].body_start, bom.find("Body"));
}

TEST_F(ReadersTest, PlainTextWithoutTitle) {
  // Second line has text: the first line is not set apart.
  Out a = Read(Write("a.txt", "First line\nsecond line\n\nthird\n"));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_TRUE(a.docs[0].title.empty());
  EXPECT_EQ(a.docs[0].body_start, 0u);
  // A lone line followed by blank lines and nothing else is the text itself.
  Out b = Read(Write("b.txt", "Only one line\n\n\n"));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_TRUE(b.docs[0].title.empty());
  EXPECT_EQ(b.docs[0].body_start, 0u);
  // A long first paragraph is prose, not a headline.
  std::string para(400, 'w');
  Out c = Read(Write("c.txt", para + "\n\nNext paragraph."));
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_TRUE(c.docs[0].title.empty());
}

TEST_F(ReadersTest, DateOptionOverridesAndIsValidated) {
  std::string path = Write("a.txt", "Title\n\nBody.");
  Out a = Read(path, WithDate("2024-06-18"));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].published, "2024-06-18");
  EXPECT_EQ(a.docs[0].published_method, "option");

  Out b = Read(path, WithDate("June 18, 2024"));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].published, "2024-06-18");

  Out c = Read(path, WithDate("18th of never"));
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].message.find("not a date"), std::string::npos);
}

// ---------------------------------------------------------------- bad input

TEST_F(ReadersTest, EmptyAndWhitespaceFiles) {
  std::string empty = Write("empty.txt", "");
  Out a = Read(empty);
  EXPECT_TRUE(a.docs.empty());
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].where, empty);
  EXPECT_EQ(a.problems[0].message, "empty file");

  Out b = Read(Write("blank.html", " \n\t\r\n "));
  EXPECT_TRUE(b.docs.empty());
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_NE(b.problems[0].message.find("only whitespace"), std::string::npos);
}

TEST_F(ReadersTest, NotUtf8GivesOffsetOfFirstBadByte) {
  std::string path = Write("latin1.txt", "Caf\xE9 au lait\n");
  Out out = Read(path);
  EXPECT_TRUE(out.docs.empty());
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].where, path);
  EXPECT_EQ(out.problems[0].message, "not UTF-8: invalid byte 0xE9 at offset 3");
}

TEST_F(ReadersTest, BinaryJunkIsRejected) {
  Out a = Read(Write("junk.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  EXPECT_TRUE(a.docs.empty());
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_NE(a.problems[0].message.find("not UTF-8"), std::string::npos);

  Out b = Read(Write("nul.txt", std::string("text\0more", 9)));
  EXPECT_TRUE(b.docs.empty());
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_EQ(b.problems[0].message, "looks binary: control byte 0x00 at offset 4");
}

TEST_F(ReadersTest, MissingFileAndFolderArgument) {
  std::string missing = (dir_ / "nope.txt").string();
  Out a = Read(missing);
  EXPECT_TRUE(a.docs.empty());
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].where, missing);
  EXPECT_NE(a.problems[0].message.find("no such file"), std::string::npos);
  EXPECT_EQ(a.problems[0].message.find(missing), std::string::npos);  // `where` already names it

  Out b = Read(dir_.string());
  EXPECT_TRUE(b.docs.empty());
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_NE(b.problems[0].message.find("directory"), std::string::npos);
}

// ---------------------------------------------------------------- HTML

const char* kArticlePage = R"(<!DOCTYPE html>
<html lang="en"><head>
<title>Port Reopens After Strike | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
<meta name="author" content="By Ana Reyes">
<link rel="canonical" href="https://gazette.example/port-reopens">
<script>var tracking = "Do not show this script text";</script>
<style>.x { color: red }</style>
</head><body>
<header><a href="/">Harbour Gazette</a><nav><a href="/a">World</a> <a href="/b">Sport</a></nav></header>
<div class="layout">
  <article>
    <header><h1>Port Reopens After Strike</h1><p class="byline">By Ana Reyes</p></header>
    <p>The city's port reopened on Tuesday after a nine-day strike, officials said.</p>
    <figure><img src="cranes.jpg"><figcaption>Cranes stood idle during the strike.</figcaption></figure>
    <p>Union leaders said <em>the deal</em> raises wages by 4&nbsp;percent over two years.</p>
    <div class="share-tools"><a href="#">Share on social media</a></div>
    <p>Shipping companies expect   the backlog to clear within a week.</p>
  </article>
  <aside><h2>Most read</h2><p>Another story that is popular with readers this week.</p></aside>
  <section id="comments"><p>Great news, finally the port works again, says a reader comment.</p></section>
</div>
<footer><p>Copyright Harbour Gazette. All rights reserved, every single one of them.</p></footer>
</body></html>)";

TEST_F(ReadersTest, HtmlArticleTextAndMetadata) {
  std::string path = Write("page.html", kArticlePage);
  Out out = Read(path);
  ASSERT_TRUE(out.problems.empty()) << out.problems[0].message;
  ASSERT_EQ(out.docs.size(), 1u);
  const Document& d = out.docs[0];
  const std::string body =
      "The city's port reopened on Tuesday after a nine-day strike, officials said.\n\n"
      "Union leaders said the deal raises wages by 4 percent over two years.\n\n"
      "Shipping companies expect the backlog to clear within a week.";
  EXPECT_EQ(d.title, "Port Reopens After Strike");
  EXPECT_EQ(d.text, "Port Reopens After Strike\n\n" + body);
  EXPECT_EQ(d.body_start, std::string("Port Reopens After Strike\n\n").size());
  EXPECT_EQ(d.format, "html");
  EXPECT_EQ(d.published, "2024-03-05");
  EXPECT_EQ(d.published_method, "meta");
  EXPECT_EQ(d.author, "Ana Reyes");
  EXPECT_EQ(d.source, "Harbour Gazette");
  EXPECT_EQ(d.url, "https://gazette.example/port-reopens");
  EXPECT_EQ(d.id, "https://gazette.example/port-reopens");
  EXPECT_EQ(d.path, path);
}

TEST_F(ReadersTest, HtmlDateFromJsonLdThenTime) {
  const std::string json_ld = R"(<html><head><title>Budget Vote Delayed</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Daily Ledger"},
 {"@type":"NewsArticle","headline":"Budget Vote Delayed","datePublished":"2023-11-02T17:00:00Z",
  "author":[{"@type":"Person","name":"Kim Osei"},{"@type":"Person","name":"Lee Park"}],
  "publisher":{"@type":"Organization","name":"Daily Ledger"}}]}</script>
</head><body><div><p>Lawmakers delayed the vote on the budget until next month, the speaker said.</p></div></body></html>)";
  Out a = Read(Write("ld.html", json_ld));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].published, "2023-11-02");
  EXPECT_EQ(a.docs[0].published_method, "json-ld");
  EXPECT_EQ(a.docs[0].author, "Kim Osei; Lee Park");
  EXPECT_EQ(a.docs[0].source, "Daily Ledger");

  const std::string time_page = R"(<html><body><main>
<p>Posted <time datetime="2022-01-09">Sunday</time></p>
<p>Snow closed the mountain pass for the third time this winter, police said.</p></main></body></html>)";
  Out b = Read(Write("time.html", time_page));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].published, "2022-01-09");
  EXPECT_EQ(b.docs[0].published_method, "time");
  EXPECT_TRUE(b.docs[0].title.empty());
  EXPECT_EQ(b.docs[0].body_start, 0u);
}

TEST_F(ReadersTest, HtmlPicksBlockWithMostParagraphText) {
  // No <article>: the story block wins over the link-heavy sidebar and short teasers,
  // even though its wrapper's class mentions a sidebar.
  const std::string page = R"(<html><head><title>Floods Hit Valley - Valley Post</title>
<meta property="og:site_name" content="Valley Post"></head><body>
<div class="page content-with-sidebar">
 <div class="story">
  <p>Heavy rain flooded dozens of homes in the valley overnight, the fire service said.</p>
  <p>Residents were moved to a school gym, and the council promised repairs within a month.</p>
  <p>Forecasters expect more rain on Thursday, with rivers already close to the banks.</p>
 </div>
 <div class="sidebar"><p>Sign up to our newsletter for a daily digest of local news.</p>
  <ul><li><a href="/1">Related story number one about the valley</a></li><li><a href="/2">Another related story</a></li></ul></div>
</div></body></html>)";
  Out out = Read(Write("p.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  const Document& d = out.docs[0];
  EXPECT_EQ(d.title, "Floods Hit Valley");  // site name stripped from <title>
  std::string body = d.text.substr(d.body_start);
  EXPECT_EQ(body.rfind("Heavy rain flooded", 0), 0u) << body;
  EXPECT_NE(body.find("\n\nResidents were moved"), std::string::npos);
  EXPECT_NE(body.find("\n\nForecasters expect"), std::string::npos);
  EXPECT_EQ(body.find("newsletter"), std::string::npos);
  EXPECT_EQ(body.find("Related story"), std::string::npos);
}

TEST_F(ReadersTest, HtmlTextWithLineBreaksInsteadOfParagraphs) {
  const std::string page = R"(<html><body><div class="menu"><a href="/">Home</a></div>
<div class="text">The storm knocked out power to thousands of homes on the coast.<br><br>
Crews worked through the night, and most homes had power again by the morning.<br><br>
The utility said damage to the lines was worse than expected.</div></body></html>)";
  Out out = Read(Write("br.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].text,
            "The storm knocked out power to thousands of homes on the coast.\n\n"
            "Crews worked through the night, and most homes had power again by the morning.\n\n"
            "The utility said damage to the lines was worse than expected.");
}

TEST_F(ReadersTest, HtmlWithoutBodyTextIsAProblem) {
  std::string path = Write("nobody.html",
                           "<html><head><title>Nothing here</title><script>var a = 1;</script></head>"
                           "<body><nav><a href='/'>Home</a></nav></body></html>");
  Out out = Read(path);
  EXPECT_TRUE(out.docs.empty());
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].where, path);
  EXPECT_EQ(out.problems[0].message, "HTML has no body text");
}

TEST_F(ReadersTest, DateOptionOverridesHtmlDate) {
  Out out = Read(Write("page.html", kArticlePage), WithDate("2024-06-18"));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].published, "2024-06-18");
  EXPECT_EQ(out.docs[0].published_method, "option");
}

TEST_F(ReadersTest, GzippedHtmlIsDecompressed) {
  std::string path = (dir_ / "page.html.gz").string();
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, kArticlePage, static_cast<unsigned>(std::strlen(kArticlePage)));
  gzclose(gz);
  Out out = Read(path);
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].format, "html");
  EXPECT_EQ(out.docs[0].title, "Port Reopens After Strike");

  Out bad = Read(Write("broken.txt.gz", std::string("\x1f\x8b\x08\x00garbage", 11)));
  EXPECT_TRUE(bad.docs.empty());
  ASSERT_EQ(bad.problems.size(), 1u);
}

// ---------------------------------------------------------------- JSON Lines

TEST_F(ReadersTest, JsonLinesBadLineInTheMiddleKeepsTheOthers) {
  const std::string content =
      R"({"id":"r1","url":"https://n.example/1","title":"Rates Rise","published":"2024-05-01T09:00:00Z","source":"N","text":"The bank raised rates, its governor said."})"
      "\n"
      R"({"id": "r2", "text": "unterminated)"
      "\n\n"
      R"({"url":"https://n.example/3","text":"Ministers met on Friday."})"
      "\n"
      R"({"text":"No id or url here."})"
      "\n";
  std::string path = Write("feed.jsonl", content);
  Out out = Read(path);
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].where, path + ":2");
  EXPECT_EQ(out.problems[0].message, "malformed JSON record");
  ASSERT_EQ(out.docs.size(), 3u);

  const Document& a = out.docs[0];
  EXPECT_EQ(a.id, "r1");
  EXPECT_EQ(a.path, path + ":1");
  EXPECT_EQ(a.format, "jsonl");
  EXPECT_EQ(a.url, "https://n.example/1");
  EXPECT_EQ(a.source, "N");
  EXPECT_EQ(a.published, "2024-05-01");
  EXPECT_EQ(a.title, "Rates Rise");
  EXPECT_EQ(a.text, "Rates Rise\n\nThe bank raised rates, its governor said.");
  EXPECT_EQ(a.body_start, 12u);

  EXPECT_EQ(out.docs[1].id, "https://n.example/3");  // line 4: the blank line 3 still counts
  EXPECT_EQ(out.docs[1].path, path + ":4");
  EXPECT_EQ(out.docs[1].text, "Ministers met on Friday.");
  EXPECT_EQ(out.docs[1].body_start, 0u);
  EXPECT_EQ(out.docs[2].id, path + ":5");
}

TEST_F(ReadersTest, JsonLinesTitleAlreadyInText) {
  std::string path = Write("t.jsonl", R"({"id":"x","title":"Rates Rise","text":"Rates Rise\n\nThe bank acted."})" "\n");
  Out out = Read(path);
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].text, "Rates Rise\n\nThe bank acted.");
  EXPECT_EQ(out.docs[0].title, "Rates Rise");
  EXPECT_EQ(out.docs[0].body_start, 12u);
}

TEST_F(ReadersTest, JsonLinesTitleThatOnlyPrefixesTheFirstWordIsPrepended) {
  Out out = Read(Write("p.jsonl", R"({"title":"Rates","text":"Rates rose again."})" "\n"));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].text, "Rates\n\nRates rose again.");
  EXPECT_EQ(out.docs[0].body_start, 7u);
}

TEST_F(ReadersTest, JsonLinesHtmlRecordGoesThroughHtmlReader) {
  std::string html =
      "<html><head><meta property='article:published_time' content='2021-07-04'></head><body>"
      "<article><h1>Fireworks Banned</h1><p>The town banned fireworks this year because of the drought.</p>"
      "</article></body></html>";
  std::string line = "{\"id\":\"h1\",\"html\":\"";
  for (char c : html) line += (c == '"' ? std::string("\\\"") : std::string(1, c));
  line += "\"}\n";
  Out out = Read(Write("h.jsonl", line));
  ASSERT_TRUE(out.problems.empty()) << out.problems[0].message;
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].format, "jsonl");
  EXPECT_EQ(out.docs[0].title, "Fireworks Banned");
  EXPECT_EQ(out.docs[0].text, "Fireworks Banned\n\nThe town banned fireworks this year because of the drought.");
  EXPECT_EQ(out.docs[0].published, "2021-07-04");
  EXPECT_EQ(out.docs[0].published_method, "meta");
}

TEST_F(ReadersTest, JsonLinesRecordProblems) {
  const std::string content =
      "{\"id\":\"a\"}\n"                                  // neither text nor html
      "[1,2]\n"                                           // not an object
      "{\"id\":\"c\",\"text\":\"\"}\n"                    // empty text
      "{\"id\":\"d\",\"text\":\"Caf\xE9\"}\n"             // not UTF-8
      "{\"id\":\"e\",\"text\":42}\n"                      // text not a string
      "{\"id\":\"f\",\"html\":\"<p></p>\"}\n"             // HTML without text
      "{\"id\":\"g\",\"published\":\"someday\",\"text\":\"Kept anyway.\"}\n";
  std::string path = Write("bad.jsonl", content);
  Out out = Read(path);
  ASSERT_EQ(out.problems.size(), 7u);
  EXPECT_EQ(out.problems[0].where, path + ":1");
  EXPECT_NE(out.problems[0].message.find("neither"), std::string::npos);
  EXPECT_EQ(out.problems[1].message, "record is not a JSON object");
  EXPECT_EQ(out.problems[2].message, "record has empty text");
  EXPECT_EQ(out.problems[3].where, path + ":4");
  size_t bad_at = content.find('\xE9');
  EXPECT_EQ(out.problems[3].message, "not UTF-8: invalid byte 0xE9 at offset " + std::to_string(bad_at));
  EXPECT_EQ(out.problems[4].message, "field \"text\" is not a string");
  EXPECT_EQ(out.problems[5].message, "HTML has no body text");
  EXPECT_EQ(out.problems[6].where, path + ":7");
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].id, "g");
  EXPECT_TRUE(out.docs[0].published.empty());
}

TEST_F(ReadersTest, JsonFileWithArrayOrSingleObject) {
  std::string arr = Write("list.json", R"([{"id":"a","text":"One."},{"text":"Two."},{"nope":1}])");
  Out a = Read(arr);
  ASSERT_EQ(a.docs.size(), 2u);
  EXPECT_EQ(a.docs[0].id, "a");
  EXPECT_EQ(a.docs[1].id, arr + "#2");
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].where, arr + "#3");

  std::string one = Write("one.json", "{\n  \"title\": \"Solo\",\n  \"text\": \"Body text.\"\n}\n");
  Out b = Read(one);
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].id, one);
  EXPECT_EQ(b.docs[0].text, "Solo\n\nBody text.");
}

// ---------------------------------------------------------------- stdin

TEST_F(ReadersTest, StdinFormatIsSniffed) {
  Out html = ReadStdin(kArticlePage);
  ASSERT_EQ(html.docs.size(), 1u);
  EXPECT_EQ(html.docs[0].format, "html");
  EXPECT_EQ(html.docs[0].path, "-");

  Out jsonl = ReadStdin("{\"id\":\"s1\",\"text\":\"First.\"}\n{\"id\":\"s2\",\"text\":\"Second.\"}\n");
  ASSERT_EQ(jsonl.docs.size(), 2u);
  EXPECT_EQ(jsonl.docs[1].id, "s2");
  EXPECT_EQ(jsonl.docs[1].path, "-:2");

  Out text = ReadStdin("Headline\n\nBody.");
  ASSERT_EQ(text.docs.size(), 1u);
  EXPECT_EQ(text.docs[0].format, "text");
  EXPECT_EQ(text.docs[0].id, "-");
  EXPECT_EQ(text.docs[0].title, "Headline");

  // Prose that happens to start with a bracket is not JSON.
  Out bracket = ReadStdin("[Updated] Talks resume\n\nNegotiators met again on Monday.");
  ASSERT_EQ(bracket.docs.size(), 1u);
  EXPECT_TRUE(bracket.problems.empty());
  EXPECT_EQ(bracket.docs[0].format, "text");
  EXPECT_EQ(bracket.docs[0].title, "[Updated] Talks resume");

  Out pretty = ReadStdin("{\n \"id\": \"p\",\n \"text\": \"Pretty printed.\"\n}\n");
  ASSERT_EQ(pretty.docs.size(), 1u);
  EXPECT_EQ(pretty.docs[0].id, "p");

  Out empty = ReadStdin("");
  EXPECT_TRUE(empty.docs.empty());
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_EQ(empty.problems[0].where, "-");
}

TEST_F(ReadersTest, UnknownExtensionIsSniffed) {
  Out out = Read(Write("download", kArticlePage));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].format, "html");
}

}  // namespace
}  // namespace claimgraph

// ---------------------------------------------------------------- pages in the wild

namespace claimgraph {
namespace {

struct DetailedOut {
  std::vector<Document> docs;
  std::vector<ReadDetails> details;
  std::vector<ReadProblem> problems;
};

DetailedOut ReadDetailed(const std::string& path, const ReadOptions& opts = {}) {
  DetailedOut out;
  ReadInputDetailed(
      path, opts,
      [&](Document&& d, const ReadDetails& det) {
        out.docs.push_back(std::move(d));
        out.details.push_back(det);
      },
      [&](ReadProblem p) { out.problems.push_back(std::move(p)); });
  return out;
}

TEST_F(ReadersTest, HtmlDeclaredLatin1IsDecoded) {
  std::string page =
      "<html lang=\"en-GB\"><head><meta charset=\"ISO-8859-1\"><title>Caf\xE9 owners protest</title></head>"
      "<body><p>The owners of the caf\xE9 on the square said the new rent was \x93unbearable\x94 and closed.</p>"
      "</body></html>";
  DetailedOut out = ReadDetailed(Write("latin1.html", page));
  ASSERT_EQ(out.docs.size(), 1u) << (out.problems.empty() ? "" : out.problems[0].message);
  EXPECT_EQ(out.docs[0].title, "Caf\xC3\xA9 owners protest");
  // Labelled latin-1, read as windows-1252 as browsers do: the curly quotes survive.
  EXPECT_NE(out.docs[0].text.find("caf\xC3\xA9 on the square"), std::string::npos);
  EXPECT_NE(out.docs[0].text.find("\xE2\x80\x9Cunbearable\xE2\x80\x9D"), std::string::npos);
  EXPECT_EQ(out.details[0].charset, "windows-1252");
  EXPECT_EQ(out.details[0].charset_method, "meta");
  EXPECT_EQ(out.details[0].lang, "en-gb");
}

TEST_F(ReadersTest, HtmlCharsetFromHttpEquivAndUndeclared) {
  std::string equiv =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head>"
      "<body><p>\xCF\xF0\xE8\xE2\xE5\xF2 from the newsroom, where the editors met on Monday to plan.</p></body></html>";
  DetailedOut a = ReadDetailed(Write("cyrillic.html", equiv));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].text.rfind("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 from", 0), 0u);  // "Привет"
  EXPECT_EQ(a.details[0].charset, "windows-1251");
  EXPECT_EQ(a.details[0].charset_method, "http-equiv");

  // Nothing declared and not UTF-8: decoded as windows-1252 rather than rejected.
  DetailedOut b = ReadDetailed(Write("plain.html", "<html><body><p>Na\xEFve voters were told the na\xEFve story twice.</p></body></html>"));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, "Na\xC3\xAFve voters were told the na\xC3\xAFve story twice.");
  EXPECT_EQ(b.details[0].charset_method, "sniffed");

  // Valid UTF-8 with no declaration is UTF-8.
  DetailedOut c = ReadDetailed(Write("utf8.html", "<html><body><p>Z\xC3\xBCrich voters said yes to the plan on Sunday.</p></body></html>"));
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.details[0].charset, "utf-8");
  EXPECT_EQ(c.details[0].charset_method, "default");
}

TEST_F(ReadersTest, HtmlUtf16WithBom) {
  std::string ascii = "<html><body><p>Ferry services resumed on Tuesday after the storm, the port said.</p></body></html>";
  std::string le = "\xFF\xFE";
  for (char c : ascii) {
    le.push_back(c);
    le.push_back('\0');
  }
  DetailedOut out = ReadDetailed(Write("wide.html", le));
  ASSERT_EQ(out.docs.size(), 1u) << (out.problems.empty() ? "" : out.problems[0].message);
  EXPECT_EQ(out.docs[0].text, "Ferry services resumed on Tuesday after the storm, the port said.");
  EXPECT_EQ(out.details[0].charset, "utf-16le");
  EXPECT_EQ(out.details[0].charset_method, "bom");
}

TEST_F(ReadersTest, PlainTextStaysStrictAboutUtf8) {
  Out out = Read(Write("latin1.txt", "Caf\xE9 au lait\n"));
  EXPECT_TRUE(out.docs.empty());
  ASSERT_EQ(out.problems.size(), 1u);
}

TEST_F(ReadersTest, DateFromAddressBeatsUtcMetadataADayOff) {
  std::string page =
      "<html><head><meta property=\"article:published_time\" content=\"2020-02-25T02:25:54+00:00\">"
      "<link rel=\"canonical\" href=\"https://news.example/2020/02/24/council-votes/\"></head>"
      "<body><p>The council voted late on Monday to keep the library open for another year.</p></body></html>";
  Out a = Read(Write("a.html", page));
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].published, "2020-02-24");
  EXPECT_EQ(a.docs[0].published_method, "url");
  EXPECT_EQ(a.docs[0].url, "https://news.example/2020/02/24/council-votes/");

  // A date far from the metadata is an archive path, not the publication date.
  std::string far = page;
  far.replace(far.find("2020/02/24"), 10, "2019/05/01");
  Out b = Read(Write("b.html", far));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].published, "2020-02-25");
  EXPECT_EQ(b.docs[0].published_method, "meta");

  // No metadata: the given address (--url) dates the page; a year/month path does not.
  std::string bare = "<html><body><p>The council voted late on Monday to keep the library open.</p></body></html>";
  ReadOptions with_url;
  with_url.url = "https://blog.example/2018/10/09/pair-with-me/";
  Out c = Read(Write("c.html", bare), with_url);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].published, "2018-10-09");
  EXPECT_EQ(c.docs[0].url, with_url.url);
  with_url.url = "https://blog.example/2018/10/pair-with-me/";
  Out d = Read(Write("d.html", bare), with_url);
  ASSERT_EQ(d.docs.size(), 1u);
  EXPECT_EQ(d.docs[0].published, "");
}

TEST_F(ReadersTest, DatePrintedOnThePageSkipsUpdates) {
  std::string page =
      "<html><body><div class=\"title_area\"><h1>Cold wave grips the capital</h1>"
      "<p class=\"date\">Updated: 2023-11-08 09:00 / Written: 2023-11-07 15:03</p></div>"
      "<div class=\"body\"><p>Temperatures fell below zero across the capital on Tuesday morning, forecasters said.</p></div>"
      "<ul class=\"related\"><li><p class=\"date\">2023-11-03</p></li></ul></body></html>";
  DetailedOut out = ReadDetailed(Write("p.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].published, "2023-11-07");
  EXPECT_EQ(out.docs[0].published_method, "text");

  std::string modified =
      "<html><head><meta property=\"article:published_time\" content=\"2021-03-08T11:15:28Z\">"
      "<meta property=\"article:modified_time\" content=\"2021-03-14T20:10:50Z\"></head>"
      "<body><p>The interview was broadcast on Sunday night to an audience of millions.</p></body></html>";
  DetailedOut m = ReadDetailed(Write("m.html", modified));
  ASSERT_EQ(m.docs.size(), 1u);
  EXPECT_EQ(m.docs[0].published, "2021-03-08");  // published, not modified
  EXPECT_EQ(m.details[0].modified, "2021-03-14");
}

TEST_F(ReadersTest, AuthorsFromBylinesAndGraphs) {
  auto author_of = [&](const std::string& name, const std::string& head, const std::string& body_top) {
    std::string page = "<html><head>" + head + "</head><body>" + body_top +
                       "<div><p>The mayor opened the new bridge on Friday after three years of work.</p></div></body></html>";
    Out out = Read(Write(name, page));
    return out.docs.size() == 1 ? out.docs[0].author : std::string("<no document>");
  };
  EXPECT_EQ(author_of("a.html", "<meta name=\"author\" content=\"Rob Picheta, CNN\">", ""), "Rob Picheta");
  EXPECT_EQ(author_of("b.html", "<meta name=\"author\" content=\"Grant Tinsley, PhD\">", ""), "Grant Tinsley");
  // The outlet as its own author gives way to the byline on the page.
  EXPECT_EQ(author_of("c.html", "<meta property=\"og:site_name\" content=\"Harbour Times\"><meta name=\"author\" content=\"Harbour Times\">",
                      "<div class=\"article-byline\">By <span>Mira Jansen</span></div>"),
            "Mira Jansen");
  // Picture credits are not bylines; glued "By" labels and trailing dates are cut.
  EXPECT_EQ(author_of("d.html", "",
                      "<div class=\"img-author\">Photograph by Sam Lee, Agency</div>"
                      "<div data-testid=\"prism-byline\">By<a>Alex Moreno</a> Thursday, November 9, 2023 4:41AM</div>"),
            "Alex Moreno");
  // JSON-LD: the author is a reference into the graph; an organisation is no author;
  // an image's photographer is not the article's author.
  EXPECT_EQ(author_of("e.html",
                      "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\",\"author\":{\"@id\":\"#p1\"}},"
                      "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Giulia Ferri\"}]}</script>",
                      ""),
            "Giulia Ferri");
  EXPECT_EQ(author_of("f.html",
                      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"@type\":\"Organization\",\"name\":\"Harbour Times\"}}</script>"
                      "<script type=\"application/ld+json\">{\"@type\":\"ImageObject\",\"author\":\"Sam Lee\"}</script>",
                      ""),
            "");
}

TEST_F(ReadersTest, AuthorsFromPrintedByLabelsAndPersonalSites) {
  auto author_of = [&](const std::string& name, const std::string& head, const std::string& body_top) {
    std::string page = "<html><head>" + head + "</head><body>" + body_top +
                       "<div><p>The council approved the new budget on Tuesday after a long debate.</p></div></body></html>";
    Out out = Read(Write(name, page));
    return out.docs.size() == 1 ? out.docs[0].author : std::string("<no document>");
  };
  // "By" in the text, in an element no class names as a byline; particles stay lower case.
  EXPECT_EQ(author_of("g.html", "", "<div class=\"wrote_x\">By&nbsp;<a href=\"/r/1\">Lucia de la Vega</a></div>"),
            "Lucia de la Vega");
  // A "By" label element followed by the name, then a date.
  EXPECT_EQ(author_of("h.html", "",
                      "<div class=\"meta\"><span>hot</span> <span class=\"sr\">| By </span><span>Tomas Berg</span> | "
                      "<time>May 2, 2021</time></div>"),
            "Tomas Berg");
  // "By contrast" and other prose openings are no bylines.
  EXPECT_EQ(author_of("i.html", "", "<div class=\"x\">By contrast, the opposition wanted cuts.</div>"), "");
  // A one-person site signs with its own name: kept when it is a person's name...
  EXPECT_EQ(author_of("j.html",
                      "<meta property=\"og:site_name\" content=\"Nora Castell\">"
                      "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":\"Nora Castell\"}</script>",
                      ""),
            "Nora Castell");
  // ...but not when it names a publication, nor from a meta tag (CMSes fill those with
  // the site name).
  EXPECT_EQ(author_of("k.html",
                      "<meta property=\"og:site_name\" content=\"Valley News\">"
                      "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":\"Valley News\"}</script>",
                      ""),
            "");
  EXPECT_EQ(author_of("l.html",
                      "<meta property=\"og:site_name\" content=\"Nora Castell\"><meta name=\"author\" content=\"Nora Castell\">",
                      ""),
            "");
}

TEST_F(ReadersTest, BodyWithoutParagraphsBeatsArticleTeasers) {
  std::string loose =
      "Anchor: Heavy rain fell across the southern provinces on Monday, flooding roads and fields.<br><br>"
      "Report: Emergency crews worked through the night to clear the main highway near the coast.<br><br>"
      "Officials said the water would recede by Wednesday if the forecast held.";
  std::string page = "<html><body><section><h1>Floods in the south</h1><div class=\"body_txt\">" + loose +
                     "</div></section><aside><article><p>Another story teaser with a short summary here.</p></article>"
                     "</aside><div class=\"more\"><article><p>Second teaser about sports results from the weekend.</p>"
                     "</article></div></body></html>";
  Out out = Read(Write("loose.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_NE(out.docs[0].text.find("Emergency crews worked through the night"), std::string::npos);
  EXPECT_EQ(out.docs[0].text.find("teaser"), std::string::npos);
}

}  // namespace
}  // namespace claimgraph

namespace claimgraph {
namespace {

TEST_F(ReadersTest, DivsWithOnlyInlineTextAreParagraphs) {
  std::string page =
      "<html><head><meta property=\"og:site_name\" content=\"Lagos Beat | News you can use\">"
      "<meta name=\"author\" content=\"Lagos Beat\"></head><body>"
      "<div class=\"nav\"><div><a href=\"/\">Home</a> <a href=\"/news\">News</a></div></div>"
      "<div class=\"post\"><div><span><span>The actress shared new photos with her followers on Saturday evening.</span></span></div>"
      "<div><span> </span></div><div class=\"pics\"><div><img src=\"a.jpg\"></div></div>"
      "<div><span>She wore a dress in the colours of the national flag at the gala in the city.</span></div>"
      "<div><span>The event drew guests from film, music and business, organisers said.</span></div></div>"
      "<div class=\"widget\"><ul><li>Weather today: sunny and warm all week long across the whole city</li></ul></div>"
      "<div class=\"footer-links\"><div><a href=\"/a\">About us and our long list of partners</a></div></div>"
      "</body></html>";
  Out out = Read(Write("divs.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].text,
            "The actress shared new photos with her followers on Saturday evening.\n\n"
            "She wore a dress in the colours of the national flag at the gala in the city.\n\n"
            "The event drew guests from film, music and business, organisers said.");
  EXPECT_EQ(out.docs[0].author, "");  // the outlet is no byline, tagline or not
}

}  // namespace
}  // namespace claimgraph

namespace claimgraph {
namespace {

TEST_F(ReadersTest, NoscriptCopyOfTheArticleIsRead) {
  // The article is rendered by a script template; its only HTML copy is in <noscript>.
  std::string page =
      "<html><body><div class=\"blog-title\">Notes from the lab: the latest news from our team</div>"
      "<div itemprop=\"articleBody\"><script type=\"text/template\"><p>Hidden copy</p></script>"
      "<noscript><p>Over the past year the team has seen attacks grow more sophisticated and faster.</p>"
      "<p>The new protection checks downloads against a live list of known threats.</p></noscript></div>"
      "</body></html>";
  Out out = Read(Write("noscript.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].text,
            "Over the past year the team has seen attacks grow more sophisticated and faster.\n\n"
            "The new protection checks downloads against a live list of known threats.");
}

TEST_F(ReadersTest, CaptionsCreditsBylinesAndTimestampsAreNotBodyText) {
  std::string page =
      "<html><body><div class=\"story\">"
      "<div class=\"story-byline\">By Ana Ruiz</div><span class=\"timestamp\">2:54pm</span>"
      "<p>The river rose two metres overnight and flooded the lower town, the mayor said on Sunday.</p>"
      "<div class=\"img-wrap\"><div class=\"img__caption\">The flooded square at dawn.</div>"
      "<div class=\"img__credit\">Photograph by Tom Berg</div></div>"
      "<p>Residents were moved to the school gym, where volunteers handed out blankets and food.</p>"
      "</div></body></html>";
  Out out = Read(Write("captions.html", page));
  ASSERT_EQ(out.docs.size(), 1u);
  EXPECT_EQ(out.docs[0].text,
            "The river rose two metres overnight and flooded the lower town, the mayor said on Sunday.\n\n"
            "Residents were moved to the school gym, where volunteers handed out blankets and food.");
  EXPECT_EQ(out.docs[0].author, "Ana Ruiz");  // still read as metadata
}

}  // namespace
}  // namespace claimgraph

// ---------------------------------------------------------------- feeds

namespace claimgraph {
namespace {

const char kRss2[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Courier</title>
  <language>en-US</language>
  <link>https://courier.example/</link>
  <item>
    <title>Bridge reopens after repairs</title>
    <link>https://courier.example/2024/06/25/bridge</link>
    <guid isPermaLink="false">courier-1001</guid>
    <pubDate>Tue, 25 Jun 2024 10:00:00 GMT</pubDate>
    <author>news@courier.example (Lena Ortiz)</author>
    <description>Short teaser about the bridge.</description>
    <content:encoded><![CDATA[<p>The old river bridge reopened on Tuesday after eight months of repairs, the county said.</p><p>Traffic was light in the morning.</p>]]></content:encoded>
  </item>
  <item>
    <title>Library hours extended</title>
    <link>https://courier.example/library</link>
    <dc:date>2024-06-26T08:30:00+02:00</dc:date>
    <dc:creator>Sam Patel</dc:creator>
    <description>&lt;p&gt;The town library will stay open until nine on weekdays from July, the council decided.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Fair postponed</title>
    <link>https://courier.example/fair</link>
    <pubDate>sometime next week</pubDate>
  </item>
</channel>
</rss>
)";

TEST_F(ReadersTest, Rss2ItemsBecomeDocuments) {
  DetailedOut detailed = ReadDetailed(Write("courier.rss", kRss2));
  ASSERT_EQ(detailed.details.size(), 3u);
  EXPECT_EQ(detailed.details[0].lang, "en-us");
  Out out = Read(Write("courier.rss", kRss2));
  ASSERT_EQ(out.docs.size(), 3u);
  const Document& a = out.docs[0];
  EXPECT_EQ(a.path, dir_.string() + "/courier.rss#1");
  EXPECT_EQ(a.format, "feed");
  EXPECT_EQ(a.id, "courier-1001");
  EXPECT_EQ(a.url, "https://courier.example/2024/06/25/bridge");
  EXPECT_EQ(a.title, "Bridge reopens after repairs");
  EXPECT_EQ(a.source, "Valley Courier");
  EXPECT_EQ(a.author, "Lena Ortiz");
  EXPECT_EQ(a.published, "2024-06-25");
  EXPECT_EQ(a.published_method, "feed");
  // Full content wins over the teaser, read as HTML.
  EXPECT_EQ(a.text.substr(a.body_start),
            "The old river bridge reopened on Tuesday after eight months of repairs, the county said.\n\n"
            "Traffic was light in the morning.");
  const Document& b = out.docs[1];
  EXPECT_EQ(b.published, "2024-06-26");  // the date as written, not moved to UTC
  EXPECT_EQ(b.author, "Sam Patel");
  EXPECT_EQ(b.id, "https://courier.example/library");
  EXPECT_EQ(b.text.substr(b.body_start),
            "The town library will stay open until nine on weekdays from July, the council decided.");
  // A headline-only item with a bad date: analysed, undated, and the problem names it.
  const Document& c = out.docs[2];
  EXPECT_EQ(c.text, "Fair postponed");
  EXPECT_EQ(c.published, "");
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].where, dir_.string() + "/courier.rss#3");
  EXPECT_EQ(out.problems[0].message, "date \"sometime next week\" is not a date; ignored");
}

TEST_F(ReadersTest, RdfAndAtomFeedsAreSniffed) {
  const char rdf[] = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wire.example/"><title>Wire Desk</title><items><rdf:Seq><rdf:li rdf:resource="https://wire.example/a"/></rdf:Seq></items></channel>
  <item rdf:about="https://wire.example/a">
    <title>Port strike ends</title>
    <description>Dock workers returned to work on Monday after a deal on pay, the union said.</description>
    <dc:date>2023-03-06</dc:date>
  </item>
</rdf:RDF>)";
  Out r = Read(Write("wire.xml", rdf));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.docs[0].url, "https://wire.example/a");
  EXPECT_EQ(r.docs[0].source, "Wire Desk");
  EXPECT_EQ(r.docs[0].published, "2023-03-06");

  const char atom[] = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Hill Gazette</title>
  <entry>
    <title type="html">Schools &amp;amp; storms</title>
    <link rel="self" href="https://gazette.example/feed/1"/>
    <link rel="alternate" href="https://gazette.example/schools-storms"/>
    <id>tag:gazette.example,2024:1</id>
    <updated>2024-02-03T09:00:00Z</updated>
    <published>2024-02-01T18:00:00-05:00</published>
    <author><name>Ada Kim</name></author><author><name>Ben Roy</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Schools across the county closed on Thursday as the storm arrived, officials said.</p></div></content>
  </entry>
</feed>)";
  // No extension to go by: sniffed from the content on stdin.
  Out a = ReadStdin(atom);
  ASSERT_EQ(a.docs.size(), 1u) << (a.problems.empty() ? "" : a.problems[0].message);
  const Document& d = a.docs[0];
  EXPECT_EQ(d.title, "Schools & storms");
  EXPECT_EQ(d.url, "https://gazette.example/schools-storms");
  EXPECT_EQ(d.id, "tag:gazette.example,2024:1");
  EXPECT_EQ(d.published, "2024-02-01");  // published, not updated
  EXPECT_EQ(d.author, "Ada Kim; Ben Roy");
  EXPECT_EQ(d.source, "Hill Gazette");
  EXPECT_EQ(d.text.substr(d.body_start), "Schools across the county closed on Thursday as the storm arrived, officials said.");
}

TEST_F(ReadersTest, MalformedFeedKeepsItemsBeforeTheError) {
  std::string broken = std::string(kRss2).substr(0, std::string(kRss2).find("<title>Library")) + "<title>Libr";
  Out out = Read(Write("broken.rss", broken));
  ASSERT_EQ(out.docs.size(), 1u);  // the first item was complete; the second was cut
  EXPECT_EQ(out.docs[0].title, "Bridge reopens after repairs");
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].where, dir_.string() + "/broken.rss");
  EXPECT_EQ(out.problems[0].message.rfind("malformed XML: ", 0), 0u);

  Out other = Read(Write("sitemap.xml", "<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>"));
  EXPECT_TRUE(other.docs.empty());
  ASSERT_EQ(other.problems.size(), 1u);
  EXPECT_EQ(other.problems[0].message, "XML file is not an RSS or Atom feed");
}

TEST_F(ReadersTest, Latin1FeedIsDecodedAndFeedsAreCollectedFromFolders) {
  std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Le Caf\xE9</title>"
      "<item><title>R\xE9ouverture</title><description>Le caf\xE9 du port rouvre ses portes lundi apr\xE8s travaux.</description>"
      "<pubDate>Mon, 01 Jul 2024 07:00:00 +0200</pubDate></item></channel></rss>";
  Write("feeds/cafe.rss", latin1);
  Write("feeds/gazette.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>G</title></feed>");
  std::vector<ReadProblem> problems;
  std::vector<std::string> files = ExpandInputs({(dir_ / "feeds").string()}, &problems);
  ASSERT_EQ(files.size(), 2u);
  Out out = Read(files[1]);  // sorted: cafe.rss, gazette.atom
  EXPECT_TRUE(out.docs.empty());
  ASSERT_EQ(out.problems.size(), 1u);
  EXPECT_EQ(out.problems[0].message, "feed has no items");
  Out cafe = Read(files[0]);
  ASSERT_EQ(cafe.docs.size(), 1u);
  EXPECT_EQ(cafe.docs[0].source, "Le Caf\xC3\xA9");
  EXPECT_EQ(cafe.docs[0].title, "R\xC3\xA9ouverture");
  EXPECT_EQ(cafe.docs[0].published, "2024-07-01");
}

}  // namespace
}  // namespace claimgraph

// ---------------------------------------------------------------- WARC

namespace claimgraph {
namespace {

// Builds WARC records for the tests: no external data needed.
struct WarcRecord {
  std::string type = "response";
  std::string uri;
  std::string date = "2024-06-26T08:00:00Z";
  std::string content_type = "application/http; msgtype=response";
  std::string block;
  long length_delta = 0;  // added to the true Content-Length: a lying header
};

std::string HttpResponse(const std::string& html, const std::string& content_type = "text/html; charset=utf-8",
                         const std::string& extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n" + extra_headers + "\r\n" + html;
}

std::string WarcBytes(const WarcRecord& r) {
  std::string out = "WARC/1.1\r\nWARC-Type: " + r.type + "\r\n";
  if (!r.uri.empty()) out += "WARC-Target-URI: " + r.uri + "\r\n";
  out += "WARC-Date: " + r.date + "\r\nWARC-Record-ID: <urn:uuid:test>\r\nContent-Type: " + r.content_type +
         "\r\nContent-Length: " + std::to_string(static_cast<long>(r.block.size()) + r.length_delta) + "\r\n\r\n" +
         r.block + "\r\n\r\n";
  return out;
}

std::string GzipMember(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

const char kPageA[] =
    "<html><head><title>Dam repairs finished</title></head><body><p>Engineers finished repairs on the old dam on "
    "Monday, two weeks ahead of schedule, the water board said.</p></body></html>";
const char kPageB[] =
    "<html><head><meta property=\"article:published_time\" content=\"2024-06-20\"><title>Market day moves</title>"
    "</head><body><p>The weekly market will move to Thursdays from next month, the town council announced.</p>"
    "</body></html>";

std::vector<WarcRecord> SampleRecords() {
  std::vector<WarcRecord> records;
  records.push_back({"warcinfo", "", "2024-06-26T08:00:00Z", "application/warc-fields", "software: test\r\n"});
  records.push_back({"request", "https://news.example/dam", "2024-06-26T08:00:01Z",
                     "application/http; msgtype=request", "GET /dam HTTP/1.1\r\nHost: news.example\r\n\r\n"});
  records.push_back({"response", "https://news.example/dam", "2024-06-26T08:00:02Z",
                     "application/http; msgtype=response", HttpResponse(kPageA)});
  records.push_back({"response", "https://news.example/logo.png", "2024-06-26T08:00:03Z",
                     "application/http; msgtype=response", HttpResponse("\x89PNG....", "image/png")});
  records.push_back({"response", "https://news.example/market", "2024-06-26T08:00:04Z",
                     "application/http; msgtype=response", HttpResponse(kPageB)});
  return records;
}

TEST_F(ReadersTest, WarcResponsesWithHtmlBecomeDocuments) {
  std::string plain;
  std::string gz;  // one gzip member per record, as crawlers write them
  for (const WarcRecord& r : SampleRecords()) {
    plain += WarcBytes(r);
    gz += GzipMember(WarcBytes(r));
  }
  for (const std::string& name : {std::string("crawl.warc"), std::string("crawl.warc.gz")}) {
    std::string path = Write(name, name.ends_with(".gz") ? gz : plain);
    ReadCounts counts;
    ReadOptions opts;
    opts.counts = &counts;
    DetailedOut out = ReadDetailed(path, opts);
    ASSERT_EQ(out.docs.size(), 2u) << name << (out.problems.empty() ? "" : ": " + out.problems[0].message);
    EXPECT_TRUE(out.problems.empty());
    EXPECT_EQ(out.docs[0].path, path + "#3");
    EXPECT_EQ(out.docs[0].url, "https://news.example/dam");
    EXPECT_EQ(out.docs[0].title, "Dam repairs finished");
    EXPECT_EQ(out.docs[0].published, "");  // the fetch date is not the publication date
    EXPECT_EQ(out.details[0].fetched, "2024-06-26");
    EXPECT_EQ(out.docs[1].path, path + "#5");
    EXPECT_EQ(out.docs[1].published, "2024-06-20");
    EXPECT_EQ(counts.Records(), 5u);
    EXPECT_EQ(counts.documents, 2u);
    EXPECT_EQ(counts.Skipped(), 3u);
    EXPECT_EQ(counts.skipped[kSkipNotResponse], 2u) << name;  // warcinfo, request
    EXPECT_EQ(counts.skipped[kSkipNotHtml], 1u) << name;      // the PNG
  }
}

TEST_F(ReadersTest, WarcChunkedGzippedAndLatin1Payloads) {
  std::string html = "<html><body><p>The caf\xE9 by the harbour reopened on Friday after the winter, its owner said.</p></body></html>";
  std::string gz_body = GzipMember(html);
  char size_hex[16];
  std::snprintf(size_hex, sizeof size_hex, "%zx", gz_body.size());
  std::string chunked = std::string(size_hex) + "\r\n" + gz_body + "\r\n0\r\n\r\n";
  WarcRecord r{"response", "https://news.example/cafe", "2024-06-26T08:00:00Z", "application/http; msgtype=response",
               HttpResponse(chunked, "text/html; charset=ISO-8859-1",
                            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")};
  DetailedOut out = ReadDetailed(Write("one.warc", WarcBytes(r)));
  ASSERT_EQ(out.docs.size(), 1u) << (out.problems.empty() ? "" : out.problems[0].message);
  EXPECT_EQ(out.docs[0].text, "The caf\xC3\xA9 by the harbour reopened on Friday after the winter, its owner said.");
  EXPECT_EQ(out.details[0].charset, "windows-1252");
  EXPECT_EQ(out.details[0].charset_method, "http");
}

TEST_F(ReadersTest, WarcLyingLengthsAndTruncationAreReported) {
  std::vector<WarcRecord> records = SampleRecords();
  // Too short: the reader lands inside the block and finds its way to the next record.
  records[2].length_delta = -40;
  std::string shorter;
  for (const WarcRecord& r : records) shorter += WarcBytes(r);
  std::string path = Write("short.warc", shorter);
  Out a = Read(path);
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].url, "https://news.example/market");
  ASSERT_GE(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].where, path + "#3");
  EXPECT_NE(a.problems[0].message.find("does not match"), std::string::npos);

  // Too long: the block swallows the next record's start, which is given back.
  records = SampleRecords();
  records[2].length_delta = 60;
  std::string longer;
  for (const WarcRecord& r : records) longer += WarcBytes(r);
  Out b = Read(Write("long.warc", longer));
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].url, "https://news.example/market");
  ASSERT_EQ(b.problems.size(), 1u);

  // A gzip member cut short: the pages before it are kept, the cut is reported.
  records = SampleRecords();
  std::string gz;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string member = GzipMember(WarcBytes(records[i]));
    if (i + 1 == records.size()) member.resize(member.size() / 2);
    gz += member;
  }
  std::string gz_path = Write("cut.warc.gz", gz);
  Out c = Read(gz_path);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].url, "https://news.example/dam");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].message.find("gzip member truncated"), std::string::npos) << c.problems[0].message;
}

}  // namespace
}  // namespace claimgraph

namespace claimgraph {
namespace {

TEST_F(ReadersTest, WarcCutAnywhereNeverLosesEarlierPagesOrHangs) {
  std::string plain, gz;
  std::set<size_t> member_ends;  // a cut there leaves a whole, shorter archive
  for (const WarcRecord& r : SampleRecords()) {
    plain += WarcBytes(r);
    gz += GzipMember(WarcBytes(r));
    member_ends.insert(gz.size());
  }
  size_t dam_end = 0;  // end of the first page's record in the plain file
  {
    std::vector<WarcRecord> r = SampleRecords();
    dam_end = WarcBytes(r[0]).size() + WarcBytes(r[1]).size() + WarcBytes(r[2]).size();
  }
  for (size_t cut = 1; cut < plain.size(); cut += 7) {
    Out out = Read(Write("cut.warc", plain.substr(0, cut)));
    EXPECT_LE(out.docs.size(), 2u);
    if (cut >= dam_end) {
      ASSERT_GE(out.docs.size(), 1u) << "cut at " << cut;
      EXPECT_EQ(out.docs[0].url, "https://news.example/dam");
    }
  }
  for (size_t cut = 1; cut < gz.size(); cut += 5) {
    Out out = Read(Write("cut.warc.gz", gz.substr(0, cut)));
    EXPECT_LE(out.docs.size(), 2u);
    if (!member_ends.count(cut)) {
      EXPECT_FALSE(out.problems.empty()) << "cut at " << cut;
    }
  }
}

}  // namespace
}  // namespace claimgraph
