#include "core/utf8.h"

#include <gtest/gtest.h>

namespace claimgraph::utf8 {
namespace {

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_FALSE(FindInvalid("plain \xE2\x80\x9Cquoted\xE2\x80\x9D").has_value());
  EXPECT_EQ(FindInvalid("ab\xFF" "cd"), 2u);
  EXPECT_EQ(FindInvalid("ok\xE2\x80"), 2u);  // truncated sequence
}

TEST(Utf8, FoldsTypographicPunctuation) {
  EXPECT_EQ(Fold("Korea\u2019s \u201cwar\u201d \u2014 now"), "Korea's \"war\" - now");
  EXPECT_EQ(Lower("\u00C9COLE"), "\u00E9cole");
}

}  // namespace
}  // namespace claimgraph::utf8
