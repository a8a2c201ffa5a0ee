#include "text/tokenizer.h"

#include <gtest/gtest.h>

namespace claimgraph::text {
namespace {

std::vector<std::string> Words(const std::string& text) {
  Document doc;
  doc.text = text;
  Segment(doc);
  std::vector<std::string> out;
  for (size_t i = 0; i < doc.tokens.size(); ++i) out.emplace_back(doc.token_text(i));
  return out;
}

TEST(Tokenizer, KeepsInitialismsNumbersAndHyphens) {
  EXPECT_EQ(Words("The U.S. sent $1.6 million to Washington, D.C., on Sept. 4."),
            (std::vector<std::string>{"The", "U.S.", "sent", "$", "1.6", "million", "to", "Washington", ",", "D.C.",
                                      ",", "on", "Sept.", "4", "."}));
  EXPECT_EQ(Words("North Korea-made missiles, 10,000 containers"),
            (std::vector<std::string>{"North", "Korea-made", "missiles", ",", "10,000", "containers"}));
}

TEST(Tokenizer, SplitsCliticsAndQuotes) {
  EXPECT_EQ(Words("Korea\u2019s minister didn't say \u201cno.\u201d"),
            (std::vector<std::string>{"Korea", "\u2019s", "minister", "did", "n't", "say", "\u201c", "no", ".",
                                      "\u201d"}));
  EXPECT_EQ(Words("O'Brien's view"), (std::vector<std::string>{"O'Brien", "'s", "view"}));
}

TEST(Sentences, SplitsOnPunctuationAndParagraphs) {
  Document doc;
  doc.text = "Headline Here\n\nMr. Smith said it. \"We won,\" he said. The U.S. agreed.\n\nNew paragraph";
  doc.body_start = 15;
  Segment(doc);
  ASSERT_EQ(doc.sentences.size(), 5u);
  EXPECT_TRUE(doc.sentences[0].headline);
  EXPECT_EQ(doc.slice(doc.sentences[1].span), "Mr. Smith said it.");
  EXPECT_EQ(doc.slice(doc.sentences[2].span), "\"We won,\" he said.");
  EXPECT_EQ(doc.slice(doc.sentences[3].span), "The U.S. agreed.");
  EXPECT_EQ(doc.sentences[4].paragraph, 2u);
}

TEST(Sentences, QuoteEndingSentence) {
  Document doc;
  doc.text = "He called it \u201cvery dangerous.\u201d She disagreed.";
  Segment(doc);
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.slice(doc.sentences[1].span), "She disagreed.");
}

TEST(Tokenizer, KeepsUrlsAndAddressesWhole) {
  EXPECT_EQ(Words("See https://example.org/a/b.html?x=1, or www.example.net."),
            (std::vector<std::string>{"See", "https://example.org/a/b.html?x=1", ",", "or", "www.example.net", "."}));
  EXPECT_EQ(Words("Write to jane.doe@mail.example.com or visit Shop.com today."),
            (std::vector<std::string>{"Write", "to", "jane.doe@mail.example.com", "or", "visit", "Shop.com", "today",
                                      "."}));
  // A period between ordinary words is not a domain.
  EXPECT_EQ(Words("It ended.Then"), (std::vector<std::string>{"It", "ended", ".", "Then"}));
}

TEST(Tokenizer, MarkRunsAndFusedWords) {
  EXPECT_EQ(Words("He left -- quietly!!! We cannot stay *** gonna go"),
            (std::vector<std::string>{"He", "left", "--", "quietly", "!!!", "We", "can", "not", "stay", "***", "gon",
                                      "na", "go"}));
}

TEST(Sentences, LowerCaseStartsAndAbbreviationEnds) {
  Document doc;
  doc.text = "where did you grow up? india? i was born in 1990. we moved. He works at Acme Inc. The firm grew.";
  Segment(doc);
  std::vector<std::string> sentences;
  for (const auto& s : doc.sentences) sentences.emplace_back(doc.slice(s.span));
  EXPECT_EQ(sentences, (std::vector<std::string>{"where did you grow up?", "india?", "i was born in 1990.",
                                                 "we moved.", "He works at Acme Inc.", "The firm grew."}));
  // After a capitalised word the period may be an abbreviation's; a quoted question goes on.
  doc.text = "Officials in Sacramento, Calif. said so. \"Why?\" he asked.";
  Segment(doc);
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.slice(doc.sentences[1].span), "\"Why?\" he asked.");
}

}  // namespace
}  // namespace claimgraph::text
