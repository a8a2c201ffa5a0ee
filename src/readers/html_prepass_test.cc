#include "readers/html_prepass.h"

#include <gtest/gtest.h>

#include "readers/html_reader.h"

namespace claimgraph::readers {
namespace {

TEST(StripUnreadHtml, RemovesScriptsStylesAndCommentsAndEmptiesDrawings) {
  EXPECT_EQ(StripUnreadHtml("<p>a</p><script src=x>var s = '<p>no</p>';</script><p>b</p>"), "<p>a</p><p>b</p>");
  EXPECT_EQ(StripUnreadHtml("<STYLE media=all>p{color:red}</Style ><p>b</p>"), "<p>b</p>");
  EXPECT_EQ(StripUnreadHtml("<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><title>icon</title></svg>x"),
            "<svg viewBox=\"0 0 1 1\"></svg>x");
  EXPECT_EQ(StripUnreadHtml("a<!-- note <p>hidden</p> -->b<!---->c<!-->d"), "abcd");
  // An unclosed comment runs to the end, as in the tokenizer.
  EXPECT_EQ(StripUnreadHtml("a<!-- never closed <p>x</p>"), "a");
}

TEST(StripUnreadHtml, KeepsWhatTheExtractorReadsAndWhatItCannotCutSafely) {
  // JSON-LD is metadata.
  std::string ld = "<script type=\"application/ld+json\">{\"author\":\"Ana Reyes\"}</script>";
  EXPECT_EQ(StripUnreadHtml(ld), ld);
  std::vector<std::string> taken;
  EXPECT_EQ(StripUnreadHtml("<p>a</p>" + ld + "<SCRIPT TYPE='application/LD+JSON'>[1]</SCRIPT>", &taken), "<p>a</p>");
  EXPECT_EQ(taken, (std::vector<std::string>{"{\"author\":\"Ana Reyes\"}", "[1]"}));
  // A script holding "<!--" ends where the tokenizer's escape rules say: left to it.
  std::string escaped = "<script><!-- document.write('<script>x</script>'); --></script><p>a</p>";
  EXPECT_EQ(StripUnreadHtml(escaped), escaped);
  // Markup-like text in attribute values and in text-only elements is not markup.
  std::string attr = "<div class=\"<script>\" content='<!-- no -->'>text</div><p>more</p>";
  EXPECT_EQ(StripUnreadHtml(attr), attr);
  std::string title = "<title>A <!-- b --> <script>c</title><textarea><style>d</textarea>";
  EXPECT_EQ(StripUnreadHtml(title), title);
  // <svg/> has no content to cut; an unclosed script is left to the tokenizer.
  EXPECT_EQ(StripUnreadHtml("<svg/><p>kept</p><svg>x</svg>"), "<svg/><p>kept</p><svg></svg>");
  EXPECT_EQ(StripUnreadHtml("<p>a</p><script>never closed <p>b</p>"), "<p>a</p><script>never closed <p>b</p>");
  // Only whole end tags end an element: "</scripts" does not.
  EXPECT_EQ(StripUnreadHtml("<script>a</scripts>b</script>c"), "c");
  EXPECT_EQ(StripUnreadHtml(""), "");
  EXPECT_EQ(StripUnreadHtml("<"), "<");
  EXPECT_EQ(StripUnreadHtml("<p"), "<p");
}

TEST(StripUnreadHtml, EmptiesNavigationAndPageFootersButNotAnArticlesOwn) {
  EXPECT_EQ(StripUnreadHtml("<nav><a>Home</a></nav><p>x</p>"), "<nav></nav><p>x</p>");
  EXPECT_EQ(StripUnreadHtml("<aside><span class=author>Other Writer</span></aside><footer>(c) Site</footer>"),
            "<aside></aside><footer></footer>");
  std::string own = "<article><p>x</p><footer>Posted by <span class=author>Jo Lin</span></footer></article>";
  EXPECT_EQ(StripUnreadHtml(own), own);
  // After the article closes, the page footer goes again.
  EXPECT_EQ(StripUnreadHtml(own + "<footer>links</footer>"), own + "<footer></footer>");
}

TEST(StripUnreadHtml, DropsUnreadLinksAndShortensIndentation) {
  EXPECT_EQ(StripUnreadHtml("<head>\n  <link rel=stylesheet href=a.css>\n  <link rel=\"canonical\" href=\"/a\">\n</head>"),
            "<head>\n\n<link rel=\"canonical\" href=\"/a\">\n</head>");
  // Text keeps its spaces; <pre> keeps all of them.
  EXPECT_EQ(StripUnreadHtml("<p>a  b</p>   <p>c</p>"), "<p>a  b</p> <p>c</p>");
  EXPECT_EQ(StripUnreadHtml("<pre><b>x</b>   <i>y</i></pre>   <p>z</p>"), "<pre><b>x</b>   <i>y</i></pre> <p>z</p>");
}

TEST(StripUnreadHtml, DropsAttributesNothingReads) {
  EXPECT_EQ(StripUnreadHtml("<a href=\"/x\" class=\"byline\" data-track='{\"a\":1}' onclick=go()>Jo</a>"),
            "<a class=\"byline\">Jo</a>");
  EXPECT_EQ(StripUnreadHtml("<link rel=canonical href=\"https://n.example/a\"><img src=a.jpg alt=\"x > y\"/>"),
            "<link rel=canonical href=\"https://n.example/a\"><img/>");
  EXPECT_EQ(StripUnreadHtml("<DIV Data-TestId=byline ID=main hidden>t</DIV>"), "<DIV Data-TestId=byline ID=main hidden>t</DIV>");
  EXPECT_EQ(StripUnreadHtml("<meta property=\"og:title\" content=\"A &amp; B\"><time datetime=2024-01-02 title=t>"),
            "<meta property=\"og:title\" content=\"A &amp; B\"><time datetime=2024-01-02>");
  // An unclosed tag is left to the tokenizer.
  EXPECT_EQ(StripUnreadHtml("<p>a</p><a href=\"never closed"), "<p>a</p><a href=\"never closed");
}

TEST(StripUnreadHtml, ExtractionIsTheSameWithOrWithoutThePass) {
  std::string page =
      "<html><head><title>Bridge reopens</title><style>.x{}</style>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-05\","
      "\"author\":{\"@type\":\"Person\",\"name\":\"Ana Reyes\"}}</script><script>var a = 1 < 2;</script></head>"
      "<body><!-- header --><article><p>The old bridge reopened on Monday after repairs, the council said.</p>"
      "<svg><text>Share</text></svg><p>Traffic was light <!-- ad slot --> in the morning.</p></article></body></html>";
  HtmlArticle a = ExtractHtml(page);
  EXPECT_EQ(a.author, "Ana Reyes");
  EXPECT_EQ(a.published, "2024-03-05");
  EXPECT_EQ(a.body,
            "The old bridge reopened on Monday after repairs, the council said.\n\nTraffic was light in the morning.");
}

}  // namespace
}  // namespace claimgraph::readers
