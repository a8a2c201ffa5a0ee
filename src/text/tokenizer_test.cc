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

}  // namespace
}  // namespace claimgraph::text
