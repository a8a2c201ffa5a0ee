#include "extract/claims/claims.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "text/tokenizer.h"

namespace claimgraph::extract {
namespace {

struct Case {
  std::string text;
  std::vector<std::string> expected;  // "source | lemma | content"
  int line = 0;
};

std::vector<Case> LoadCases(const std::string& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("text: ", 0) == 0) cases.push_back({line.substr(6), {}, n});
    else if (line.rfind("claim: ", 0) == 0 && !cases.empty()) cases.back().expected.push_back(line.substr(7));
  }
  return cases;
}

std::string Describe(const Claim& c) {
  std::string src = c.source ? c.source->text : "-";
  if (c.anonymous) src += " (anonymous)";
  return src + " | " + c.cue_lemma + " | " + c.content.text;
}

TEST(ClaimsGolden, EveryCaseMatches) {
  auto cases = LoadCases(std::string(CLAIMGRAPH_SOURCE_DIR) + "/tests/golden/claims/attribution.txt");
  ASSERT_GE(cases.size(), 15u);
  for (const auto& k : cases) {
    Document doc;
    doc.text = k.text;
    text::Segment(doc);
    ExtractClaims(doc);
    std::vector<std::string> got;
    for (const auto& c : doc.claims) got.push_back(Describe(c));
    EXPECT_EQ(got, k.expected) << "attribution.txt:" << k.line << ": " << k.text;
  }
}

TEST(Claims, OffsetsAreBytesIntoTheText) {
  Document doc;
  doc.text = "Dr\xC3\xB8" "bak\n\n\xE2\x80\x9CIt is over,\xE2\x80\x9D the mayor said.";
  doc.body_start = 9;
  text::Segment(doc);
  ExtractClaims(doc);
  ASSERT_EQ(doc.claims.size(), 1u);
  const auto& c = doc.claims[0];
  EXPECT_EQ(doc.slice(c.content.span), "It is over");
  EXPECT_EQ(doc.slice(c.source->span), "the mayor");
  EXPECT_EQ(doc.slice(c.cue.span), "said");
}

TEST(Claims, HeadlineAttribution) {
  Document doc;
  doc.text = "Report Claims Rebels Will Take The Capital\n\nFighting continued.";
  doc.body_start = 44;
  text::Segment(doc);
  ExtractClaims(doc);
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].cue_lemma, "claim");
  EXPECT_TRUE(doc.claims[0].anonymous);
  EXPECT_EQ(doc.claims[0].content.text, "Rebels Will Take The Capital");
}

TEST(Claims, CueLemmas) {
  EXPECT_EQ(CueLemma("claimed"), "claim");
  EXPECT_EQ(CueLemma("Says"), "say");
  EXPECT_EQ(CueLemma("denied"), "deny");
  EXPECT_EQ(CueLemma("table"), "");
}

// "she" passes over a man the text has already called "he".
TEST(Claims, PronounSourceFollowsGenderEvidence) {
  Document doc;
  doc.text =
      "Maria Lopez chaired the meeting. Daniel Reyes spoke next. He said the plan was late. "
      "She said the budget was fine.";
  text::Segment(doc);
  auto mention = [&](std::string_view name, std::string id) {
    Entity e;
    e.id = std::move(id), e.name = std::string(name), e.type = "PERSON";
    uint32_t at = static_cast<uint32_t>(doc.text.find(name));
    e.mentions.push_back({{at, at + static_cast<uint32_t>(name.size())}, std::string(name)});
    doc.entities.push_back(e);
  };
  mention("Maria Lopez", "e1");
  mention("Daniel Reyes", "e2");
  ExtractClaims(doc);
  ASSERT_EQ(doc.claims.size(), 2u);
  EXPECT_EQ(doc.claims[0].source_entity, "e2");
  EXPECT_EQ(doc.claims[1].source_entity, "e1");
}

}  // namespace
}  // namespace claimgraph::extract
