#include "extract/signals/signals.h"

#include <gtest/gtest.h>

#include "extract/claims/claims.h"
#include "text/tokenizer.h"

namespace claimgraph::extract {
namespace {

std::vector<std::string> Kinds(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& s : doc.signals) out.push_back(s.kind + ":" + s.text);
  return out;
}

Document Analyse(std::string text, std::string format = "text") {
  Document doc;
  doc.text = std::move(text);
  doc.format = std::move(format);
  text::Segment(doc);
  ExtractClaims(doc);
  DetectSignals(doc);
  return doc;
}

TEST(Signals, UnnamedSourceVagueNumberAndFraming) {
  auto doc = Analyse("( \xE2\x80\x93 Officials said a large number of troops moved as fears about World War III grow.");
  auto kinds = Kinds(doc);
  auto has = [&](const std::string& k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
  EXPECT_TRUE(has("unnamed_source:Officials said")) << ::testing::PrintToString(kinds);
  EXPECT_TRUE(has("vague_quantity:large number"));
  EXPECT_TRUE(has("sensational_framing:as fears about World War III grow"));
  EXPECT_TRUE(has("missing_source_name:( \xE2\x80\x93"));
}

TEST(Signals, NamedSourcesAndPreciseNumbersRaiseNothing) {
  auto doc = Analyse("The minister said 40 vessels were delayed.");
  EXPECT_TRUE(doc.signals.empty()) << ::testing::PrintToString(Kinds(doc));
}

TEST(Signals, MissingBylineOnlyWhereThePageCouldHaveOne) {
  auto page = Analyse("The minister said 40 vessels were delayed.", "html");
  EXPECT_EQ(page.signals.size(), 2u);  // no byline, no outlet
  auto text = Analyse("The minister said 40 vessels were delayed.", "text");
  EXPECT_TRUE(text.signals.empty());
}

}  // namespace
}  // namespace claimgraph::extract
