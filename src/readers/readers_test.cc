#include "claimgraph/readers.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace claimgraph {
namespace {

namespace fs = std::filesystem;

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
  Out a = Read(path, ReadOptions{"2024-06-18"});
  ASSERT_EQ(a.docs.size(), 1u);
  EXPECT_EQ(a.docs[0].published, "2024-06-18");
  EXPECT_EQ(a.docs[0].published_method, "option");

  Out b = Read(path, ReadOptions{"June 18, 2024"});
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].published, "2024-06-18");

  Out c = Read(path, ReadOptions{"18th of never"});
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
  Out out = Read(Write("page.html", kArticlePage), ReadOptions{"2024-06-18"});
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
