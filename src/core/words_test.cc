#include "core/words.h"

#include <gtest/gtest.h>

namespace claimgraph::words {
namespace {

TEST(Words, CardinalWords) {
  EXPECT_EQ(CardinalWord("one"), 1);
  EXPECT_EQ(CardinalWord("nineteen"), 19);
  EXPECT_EQ(CardinalWord("forty"), 40);
  EXPECT_EQ(CardinalWord("ninety-nine"), 99);
  EXPECT_EQ(CardinalWord("zero"), 0);
  EXPECT_EQ(CardinalWord("forty-"), 0);
  EXPECT_EQ(CardinalWord("hundred"), 0);
}

TEST(Words, FoldedLower) { EXPECT_EQ(FoldedLower("Korea\u2019S \u2013 X"), "korea's - x"); }

}  // namespace
}  // namespace claimgraph::words
