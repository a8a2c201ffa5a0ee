#include "corpus.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "claimgraph/readers.h"

namespace claimgraph::bench {
namespace {

namespace fs = std::filesystem;

TEST(CorpusTest, SameSeedAndIndexGiveTheSameArticle) {
  for (uint32_t i = 0; i < 20; ++i) {
    GeneratedArticle a = GenerateArticle(7, i), b = GenerateArticle(7, i);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(a.published, b.published);
  }
  EXPECT_NE(GenerateArticle(7, 0).body, GenerateArticle(8, 0).body);
  EXPECT_NE(GenerateArticle(7, 0).body, GenerateArticle(7, 1).body);
}

TEST(CorpusTest, ArticlesHaveFourToNineHundredWordsInSeveralParagraphs) {
  for (uint32_t i = 0; i < 300; ++i) {
    GeneratedArticle a = GenerateArticle(42, i);
    EXPECT_GE(a.words, 400u) << a.id;
    EXPECT_LE(a.words, 900u) << a.id;
    size_t paragraphs = 1;
    for (size_t p = a.body.find("\n\n"); p != std::string::npos; p = a.body.find("\n\n", p + 2)) ++paragraphs;
    EXPECT_GE(paragraphs, 4u) << a.id;
    EXPECT_EQ(a.title.find('\n'), std::string::npos) << a.id;
  }
}

TEST(CorpusTest, EverySlotIsFilled) {
  for (uint32_t i = 0; i < 300; ++i) {
    GeneratedArticle a = GenerateArticle(3, i);
    EXPECT_EQ(a.title.find_first_of("{}"), std::string::npos) << a.title;
    EXPECT_EQ(a.body.find_first_of("{}"), std::string::npos) << a.id;
    EXPECT_EQ(a.body.find("  "), std::string::npos) << a.id;
  }
}

TEST(CorpusTest, CorpusCoversTopicsAndReportingPatterns) {
  std::set<std::string> topics;
  std::string all;
  for (uint32_t i = 0; i < 200; ++i) {
    GeneratedArticle a = GenerateArticle(11, i);
    topics.insert(a.topic);
    all += a.body + "\n\n";
  }
  EXPECT_EQ(topics.size(), 7u);
  for (const char* needle : {",\u201D said ", ": \u201C", "\u201D he said, \u201C", "\u201D she said, \u201C",
                             "According to ", ", according to ", "Officials said", "who asked not to be named",
                             " denied ", " warned ", " told reporters", "more than ", "at least ", "as many as ",
                             "between ", " a year", " pct", " mln dlrs", "billion euros", "since ", "last week",
                             "next year", " ago"}) {
    EXPECT_NE(all.find(needle), std::string::npos) << "no \"" << needle << "\" in 200 articles";
  }
}

class CorpusReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/cg_corpus_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::vector<Document> Read(const fs::path& path, std::vector<ReadProblem>* problems) {
    std::vector<Document> docs;
    ReadInput(path.string(), {}, [&](Document&& d) { docs.push_back(std::move(d)); },
              [&](ReadProblem p) { problems->push_back(std::move(p)); });
    return docs;
  }
  void Write(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
  }
  fs::path dir_;
};

// The in-memory documents of micro_bench must be what the text reader makes of the file.
TEST_F(CorpusReaderTest, ToDocumentMatchesTheTextReader) {
  GeneratedArticle a = GenerateArticle(5, 1);
  Document expected = ToDocument(a);
  fs::path path = dir_ / "a.txt";
  Write(path, ToPlainText(a));
  std::vector<ReadProblem> problems;
  std::vector<Document> docs = Read(path, &problems);
  ASSERT_TRUE(problems.empty()) << problems[0].message;
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, expected.text);
  EXPECT_EQ(docs[0].title, expected.title);
  EXPECT_EQ(docs[0].body_start, expected.body_start);
  EXPECT_EQ(docs[0].format, expected.format);
}

TEST_F(CorpusReaderTest, JsonLinesRecordsReadBackWithTextAndHtml) {
  GeneratedArticle a = GenerateArticle(5, 2), b = GenerateArticle(5, 3);
  fs::path path = dir_ / "c.jsonl";
  Write(path, ToJsonLine(a, false) + "\n" + ToJsonLine(b, true) + "\n");
  std::vector<ReadProblem> problems;
  std::vector<Document> docs = Read(path, &problems);
  ASSERT_TRUE(problems.empty()) << problems[0].message;
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, a.id);
  EXPECT_EQ(docs[0].published, a.published);
  EXPECT_EQ(docs[0].source, a.source);
  EXPECT_NE(docs[0].text.find(a.body.substr(0, 60)), std::string::npos);
  EXPECT_EQ(docs[1].id, b.id);
  EXPECT_EQ(docs[1].title, b.title);
  const std::string first_paragraph = b.body.substr(0, b.body.find("\n\n"));
  EXPECT_NE(docs[1].text.find(first_paragraph), std::string::npos);
  EXPECT_EQ(docs[1].text.find("More stories"), std::string::npos) << "related links leaked into the text";
}

}  // namespace
}  // namespace claimgraph::bench
