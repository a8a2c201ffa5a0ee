#include "extract/times/times.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/times/calendar.h"
#include "text/tokenizer.h"

namespace claimgraph::extract {
namespace {

Document Analyse(const std::string& text, const std::string& published) {
  Document doc;
  doc.text = text;
  doc.published = published;
  text::Segment(doc);
  ExtractTimes(doc);
  return doc;
}

std::string Describe(const Document& doc) {
  std::string out;
  for (const auto& t : doc.times) out += "  [" + t.text + "] " + t.type + " " + t.value + "\n";
  return out.empty() ? "  (none)\n" : out;
}

std::vector<std::vector<std::string>> ReadTable(const std::string& name) {
  std::string path = std::string(CLAIMGRAPH_SOURCE_DIR) + "/tests/golden/times/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

// cases.tsv: published <TAB> sentence <TAB> expected text <TAB> expected value [<TAB> type]
// ("-" as published: no date; "-" as value: nothing may be tagged over that text).
TEST(TimesGolden, Cases) {
  auto rows = ReadTable("cases.tsv");
  ASSERT_GT(rows.size(), 50u);
  for (const auto& r : rows) {
    ASSERT_GE(r.size(), 4u) << "bad row: " << r[0];
    Document doc = Analyse(r[1], r[0] == "-" ? "" : r[0]);
    if (r[3] == "-") {
      size_t at = r[1].find(r[2]);
      ASSERT_NE(at, std::string::npos) << r[1];
      Span s{static_cast<uint32_t>(at), static_cast<uint32_t>(at + r[2].size())};
      for (const auto& t : doc.times)
        EXPECT_FALSE(t.span.overlaps(s)) << "tagged \"" << t.text << "\" = " << t.value << " in: " << r[1];
      continue;
    }
    bool found = false;
    for (const auto& t : doc.times) {
      if (t.text != r[2] || t.value != r[3]) continue;
      if (r.size() > 4 && t.type != r[4]) continue;
      EXPECT_EQ(doc.slice(t.span), t.text);
      found = true;
    }
    EXPECT_TRUE(found) << "expected [" << r[2] << "] = " << r[3] << " (" << r[0] << ") in: " << r[1] << "\ngot:\n"
                       << Describe(doc);
  }
}

// none.txt: published <TAB> sentence, where no time expression may be found.
TEST(TimesGolden, NothingToFind) {
  auto rows = ReadTable("none.tsv");
  ASSERT_GT(rows.size(), 10u);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 2u);
    Document doc = Analyse(r[1], r[0] == "-" ? "" : r[0]);
    EXPECT_TRUE(doc.times.empty()) << r[1] << "\ngot:\n" << Describe(doc);
  }
}

TEST(Calendar, DayNumbersRoundTrip) {
  for (int64_t n = cal::ToDayNumber({1899, 12, 25}); n < cal::ToDayNumber({2101, 1, 10}); n += 13) {
    cal::Date d = cal::FromDayNumber(n);
    ASSERT_TRUE(cal::IsValid(d)) << n;
    ASSERT_EQ(cal::ToDayNumber(d), n);
  }
  EXPECT_EQ(cal::ToDayNumber({1970, 1, 1}), 0);
  EXPECT_EQ(cal::FormatDay(cal::AddDays({2024, 2, 28}, 1)), "2024-02-29");
  EXPECT_EQ(cal::FormatDay(cal::AddDays({2023, 2, 28}, 1)), "2023-03-01");
}

TEST(Calendar, WeekdaysAndIsoWeeks) {
  EXPECT_EQ(cal::Weekday({2024, 6, 26}), 3);  // a Wednesday
  EXPECT_EQ(cal::Weekday({2000, 1, 1}), 6);   // a Saturday
  EXPECT_EQ(cal::FormatWeek(cal::IsoWeekOf({2024, 12, 30})), "2025-W01");
  EXPECT_EQ(cal::FormatWeek(cal::IsoWeekOf({2021, 1, 3})), "2020-W53");
  EXPECT_EQ(cal::FormatWeek(cal::IsoWeekOf({2024, 6, 26})), "2024-W26");
}

TEST(Calendar, MonthsClampAndParsing) {
  EXPECT_EQ(cal::FormatDay(cal::AddMonths({2024, 1, 31}, 1)), "2024-02-29");
  EXPECT_EQ(cal::FormatDay(cal::AddMonths({2024, 3, 15}, -15)), "2022-12-15");
  EXPECT_TRUE(cal::ParseIsoDate("2024-02-29").has_value());
  EXPECT_FALSE(cal::ParseIsoDate("2023-02-29").has_value());
  EXPECT_FALSE(cal::ParseIsoDate("2024-13-01").has_value());
  EXPECT_FALSE(cal::ParseIsoDate("2024-6-1").has_value());
  EXPECT_FALSE(cal::ParseIsoDate("").has_value());
}

TEST(Calendar, EasterSundayByTheComputus) {
  // earliest (March 22) and latest (April 25) possible dates included
  const cal::Date known[] = {{1818, 3, 22}, {1998, 4, 12}, {1999, 4, 4},  {2000, 4, 23}, {2008, 3, 23},
                             {2011, 4, 24}, {2019, 4, 21}, {2024, 3, 31}, {2025, 4, 20}, {2038, 4, 25}};
  for (const auto& d : known) {
    cal::Date got = cal::EasterSunday(d.year);
    EXPECT_EQ(got, d) << d.year << " gave " << cal::FormatDay(got);
    EXPECT_EQ(cal::Weekday(got), 7) << d.year;
  }
  for (int y = 1600; y <= 2400; ++y) {
    cal::Date e = cal::EasterSunday(y);
    ASSERT_EQ(cal::Weekday(e), 7) << y;
    ASSERT_TRUE(e >= (cal::Date{y, 3, 22}) && e <= (cal::Date{y, 4, 25})) << y;
  }
}

TEST(Times, RepeatedMonthKeepsTheYearFirstResolved) {
  // the second "April" has no cue of its own and alone would go back to April 1998
  Document doc =
      Analyse("The three are expected to join in April. They also can take part in planning for the summit in April.",
              "1998-12-05");
  ASSERT_EQ(doc.times.size(), 2u) << Describe(doc);
  for (const auto& t : doc.times) EXPECT_EQ(t.value, "1999-04") << Describe(doc);
  Document alone = Analyse("They also can take part in planning for the summit in April.", "1998-12-05");
  ASSERT_EQ(alone.times.size(), 1u) << Describe(alone);
  EXPECT_EQ(alone.times[0].value, "1998-04");
}

TEST(Times, InfersPublicationDateFromStatedDates) {
  Document doc;
  doc.text = "Posted June 20, 2024\n\nThe vote will be held on July 4, 2024. Talks began on 3 May 2024.";
  text::Segment(doc);
  // the latest stated date that is not looked forward to
  EXPECT_EQ(InferPublicationDate(doc), "2024-06-20");
  Document none;
  none.text = "Nothing here is dated. It happened on Tuesday.";
  text::Segment(none);
  EXPECT_EQ(InferPublicationDate(none), "");
}

TEST(Times, ResolvesAgainstTheInferredDateWhenNoneIsGiven) {
  Document doc = Analyse("Posted June 20, 2024\n\nThe minister resigned yesterday.", "");
  bool found = false;
  for (const auto& t : doc.times) {
    if (t.text != "yesterday") continue;
    found = true;
    EXPECT_EQ(t.value, "2024-06-19");
    EXPECT_EQ(t.anchor, "2024-06-20");
    EXPECT_LT(t.certainty, 1.0);  // an inferred anchor is less sure than a given one
  }
  EXPECT_TRUE(found) << Describe(doc);
}

TEST(Times, AbsoluteDatesCarryNoAnchor) {
  Document doc = Analyse("The treaty was signed on June 18, 2024.", "2024-06-26");
  ASSERT_EQ(doc.times.size(), 1u) << Describe(doc);
  EXPECT_EQ(doc.times[0].anchor, "");
  EXPECT_EQ(doc.times[0].certainty, 1.0);
  EXPECT_EQ(doc.times[0].span.start, 25u);
}

TEST(Times, RunningTwiceGivesTheSameLayer) {
  Document doc = Analyse("Troops will arrive in July.", "2024-06-26");
  auto first = doc.times;
  ExtractTimes(doc);
  ASSERT_EQ(doc.times.size(), first.size());
}

TEST(Times, GarbageNeverCrashes) {
  std::string long_number(4000, '7');
  for (const std::string& text : std::vector<std::string>{"",
                                                          " ",
                                                          "June",
                                                          "June 31",
                                                          "February 30, 2024",
                                                          "0/0/0000",
                                                          "99/99/9999",
                                                          "2024-02-30",
                                                          "9999-99-99",
                                                          long_number + " years ago",
                                                          "the " + long_number + "s",
                                                          "10^400 days",
                                                          "1e999 years ago",
                                                          "in 0000",
                                                          "Q9 2024",
                                                          "at 99:99 p.m.",
                                                          "at 25:00 GMT",
                                                          "last",
                                                          "next",
                                                          "the past",
                                                          "\xff\xfe June 18",
                                                          "mid-",
                                                          "'",
                                                          "' 90s",
                                                          "since",
                                                          "31st of February",
                                                          "Monday, February 30",
                                                          "the 1988 quarter",
                                                          "Year-ago results were restated a year ago.",
                                                          "the year-earlier third quarter",
                                                          "the latest period",
                                                          "for the year ended",
                                                          "next year's fourth-quarter"}) {
    for (const char* published : {"2024-06-26", "", "2024-02-30", "garbage"}) {
      Document doc = Analyse(text, published);
      for (const auto& t : doc.times) {
        EXPECT_FALSE(t.value.empty()) << text;
        EXPECT_LE(t.span.end, doc.text.size());
        EXPECT_EQ(t.value.find("-02-30"), std::string::npos) << text;
        EXPECT_EQ(t.value.find("-02-31"), std::string::npos) << text;
      }
    }
  }
}


// parsed.tsv: the same sentence with and without the hand-made tags and tree; the tree's
// reading of the governing verb must decide, and without tags the window heuristics must.
TEST(TimesGolden, ParsedCases) {
  auto rows = ReadTable("parsed.tsv");
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 6u) << r[0];
    for (bool parsed : {true, false}) {
      Document doc;
      doc.text = r[1];
      doc.published = r[0];
      text::Segment(doc);
      if (parsed) {
        std::vector<std::string> cols;
        std::stringstream ss(r[2]);
        std::string item;
        while (std::getline(ss, item, '|')) cols.push_back(item);
        ASSERT_EQ(cols.size(), doc.tokens.size()) << "token count of: " << r[1];
        for (size_t k = 0; k < cols.size(); ++k) {
          std::stringstream fields(cols[k]);
          int head = 0;
          Token& t = doc.tokens[k];
          fields >> t.upos >> t.xpos >> head >> t.deprel;
          ASSERT_FALSE(t.deprel.empty()) << cols[k];
          t.head = head - 1;
        }
        doc.tagged = doc.parsed = true;
      }
      ExtractTimes(doc);
      const std::string& want = parsed ? r[4] : r[5];
      bool found = false;
      for (const auto& t : doc.times)
        if (t.text == r[3]) {
          found = true;
          EXPECT_EQ(t.value, want) << (parsed ? "parsed: " : "unparsed: ") << r[1] << "\n" << Describe(doc);
        }
      EXPECT_TRUE(found) << r[3] << " not found in: " << r[1] << "\n" << Describe(doc);
    }
  }
}

}  // namespace
}  // namespace claimgraph::extract
