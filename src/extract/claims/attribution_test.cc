#include "extract/claims/attribution.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "extract/claims/attribution_features.h"
#include "extract/claims/attribution_trainer.h"
#include "learn/model_file.h"
#include "tagging/pos_tagger.h"
#include "text/tokenizer.h"

namespace claimgraph::extract {
namespace {

namespace fs = std::filesystem;

std::string Slice(std::string_view text, Span s) { return std::string(text.substr(s.start, s.end - s.start)); }

TEST(Brat, ReadsRelationsWithCodePointOffsets) {
  // "é" is two bytes: offsets after it differ between code points and bytes.
  std::string text = "Renée said the vote was close.\nNext line.";
  std::string ann =
      "T1\tSource 0 5\tRenée\n"
      "T2\tCue 6 10\tsaid\n"
      "T3\tContent 11 29\tthe vote was close\n"
      "T4\tAttribution 6 10\tsaid\n"
      "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
  auto rels = ParseBratAttributions(ann, text, "x.ann");
  ASSERT_TRUE(rels.ok()) << rels.status().message();
  ASSERT_EQ(rels->size(), 1u);
  const auto& r = (*rels)[0];
  ASSERT_EQ(r.source.size(), 1u);
  EXPECT_EQ(Slice(text, r.source[0]), "Renée");
  EXPECT_EQ(Slice(text, r.cue[0]), "said");
  EXPECT_EQ(Slice(text, r.content[0]), "the vote was close");
}

TEST(Brat, KeepsDiscontinuousPiecesAndSkipsContinuationLines) {
  std::string text = "\"We won,\" she said, \"and we will again.\"";
  std::string ann =
      "T1\tContent 1 7;21 38\tWe won and we will\nagain\n"  // covered text spans two lines
      "T2\tCue 14 18\tsaid\n"
      "T3\tSource 10 13\tshe\n"
      "#1\tAnnotatorNotes T1\tsplit quote\n"
      "E1\tAttribution-no-source:T2 Content:T1 Cue:T2\n";
  auto rels = ParseBratAttributions(ann, text, "y.ann");
  ASSERT_TRUE(rels.ok()) << rels.status().message();
  ASSERT_EQ(rels->size(), 1u);
  ASSERT_EQ((*rels)[0].content.size(), 2u);
  EXPECT_EQ(Slice(text, (*rels)[0].content[0]), "We won");
  EXPECT_EQ(Slice(text, (*rels)[0].content[1]), "and we will again");
  EXPECT_TRUE((*rels)[0].source.empty());
}

TEST(Brat, BadOffsetsNameFileAndLine) {
  std::string text = "short";
  auto rels = ParseBratAttributions("T1\tCue 2 99\tx\n", text, "bad.ann");
  ASSERT_FALSE(rels.ok());
  EXPECT_NE(rels.status().message().find("bad.ann:1"), std::string::npos) << rels.status().message();
}

Document Segmented(std::string text) {
  Document doc;
  doc.text = std::move(text);
  text::Segment(doc);
  return doc;
}

TEST(AttributionView, MarksTokensInsideQuotations) {
  Document doc = Segmented("He said \u201Cwe will win\u201D and left.");
  AttributionView v(doc, nullptr);
  std::vector<std::string> quoted;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i)
    if (v.in_quote[i]) quoted.emplace_back(doc.token_text(i));
  EXPECT_EQ(quoted, (std::vector<std::string>{"we", "will", "win"}));
}

TEST(AttributionView, HeadOfUsesTheTreeWhenParsed) {
  Document doc = Segmented("Officials have said nothing.");
  ASSERT_GE(doc.tokens.size(), 4u);
  // have -> said, said root, Officials -> said, nothing -> said
  doc.tokens[0].head = 2, doc.tokens[1].head = 2, doc.tokens[2].head = -1, doc.tokens[3].head = 2;
  doc.parsed = true;
  AttributionView v(doc, nullptr);
  EXPECT_EQ(v.HeadOf({1, 3}), 2u);
}

TEST(DecodeRoles, SourceNearestTheCueAndContentPiecesAroundIt) {
  Document doc = Segmented("Smith, the mayor, told Jones that taxes will rise.");
  AttributionView v(doc, nullptr);
  // tokens: Smith , the mayor , told Jones that taxes will rise .
  TokenRange cue{5, 6};
  CueContext ctx = MakeCueContext(v, cue);
  TokenRange window{0, static_cast<uint32_t>(doc.tokens.size())};
  std::vector<int> labels(window.end, kRoleOut);
  labels[0] = kSourceBegin;
  for (uint32_t i = 7; i < 11; ++i) labels[i] = i == 7 ? kContentBegin : kContentInside;
  labels[11] = kContentInside;  // the full stop is trimmed
  FoundAttribution f = DecodeRoles(v, ctx, window, labels);
  ASSERT_TRUE(f.source.has_value());
  EXPECT_EQ(f.source->first, 0u);
  ASSERT_EQ(f.content.size(), 1u);
  EXPECT_EQ(doc.slice({doc.tokens[f.content[0].first].span.start, doc.tokens[f.content[0].end - 1].span.end}),
            "that taxes will rise");
}

TEST(AttributionModel, RefusesMissingAndForeignFiles) {
  auto missing = AttributionModel::Load("/nonexistent/attribution.cgm");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/attribution.cgm"), std::string::npos);

  fs::path dir = fs::temp_directory_path() / "cg_attribution_test";
  fs::create_directories(dir);
  std::string other = (dir / "other.cgm").string();
  ASSERT_TRUE(learn::WriteModelFile(other, "pos-tagger", "payload").ok());
  auto wrong_kind = AttributionModel::Load(other);
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_NE(wrong_kind.status().message().find("other.cgm"), std::string::npos);

  std::string truncated = (dir / "truncated.cgm").string();
  ASSERT_TRUE(learn::WriteModelFile(truncated, kAttributionModelKind, std::string("\x03\x00", 2)).ok());
  EXPECT_FALSE(AttributionModel::Load(truncated).ok());
  fs::remove_all(dir);
}

// The committed model on a sentence we wrote: a cue outside the rule lexicon.
TEST(AttributionModel, CommittedModelFindsCueSourceAndContent) {
  auto model = AttributionModel::Load(AttributionModel::DefaultPath());
  if (!model.ok()) GTEST_SKIP() << model.status().message();
  auto tagger = tagging::PosTagger::Load(tagging::PosTagger::DefaultPath());
  if (!tagger.ok()) GTEST_SKIP() << tagger.status().message();
  Document doc = Segmented("The senator urged voters to reject the measure in November.");
  std::vector<std::string> upos, xpos;
  tagger->Tag(doc, &upos, &xpos);
  for (size_t i = 0; i < doc.tokens.size(); ++i) doc.tokens[i].upos = upos[i], doc.tokens[i].xpos = xpos[i];
  doc.tagged = true;
  auto found = model->Find(doc);
  ASSERT_FALSE(found.empty());
  const auto& f = found[0];
  EXPECT_EQ(doc.token_text(f.cue.first), "urged");
  ASSERT_TRUE(f.source.has_value());
  EXPECT_EQ(doc.token_text(f.source->end - 1), "senator");
  ASSERT_FALSE(f.content.empty());
  EXPECT_EQ(doc.token_text(f.content.back().end - 1), "November");
}

}  // namespace
}  // namespace claimgraph::extract
