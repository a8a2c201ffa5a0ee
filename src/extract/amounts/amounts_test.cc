#include "extract/amounts/amounts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/times/times.h"
#include "text/tokenizer.h"

namespace claimgraph::extract {
namespace {

// As the pipeline runs it: amounts come after times, which claim years and dates.
Document Analyse(const std::string& text) {
  Document doc;
  doc.text = text;
  doc.published = "2024-06-26";
  text::Segment(doc);
  ExtractTimes(doc);
  ExtractAmounts(doc);
  return doc;
}

std::string Describe(const Document& doc) {
  std::string out;
  for (const auto& a : doc.amounts) {
    out += "  [" + a.text + "] " + std::to_string(a.value);
    if (a.value_max) out += ".." + std::to_string(*a.value_max);
    out += " unit=" + a.unit + " approx=" + a.approx + " per=" + a.per + (a.vague ? " vague" : "") + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

std::vector<std::vector<std::string>> ReadTable(const std::string& name) {
  std::string path = std::string(CLAIMGRAPH_SOURCE_DIR) + "/tests/golden/amounts/" + name;
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

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

std::string Col(const std::vector<std::string>& r, size_t i, const std::string& fallback) {
  return i < r.size() && r[i] != "-" ? r[i] : fallback;
}

// cases.tsv: sentence, text, value, unit [, approx [, per [, value_max [, vague]]]]
// ("-" = default; value "-": no amount may overlap that text).
TEST(AmountsGolden, Cases) {
  auto rows = ReadTable("cases.tsv");
  ASSERT_GT(rows.size(), 40u);
  for (const auto& r : rows) {
    ASSERT_GE(r.size(), 3u) << "bad row: " << r[0];
    Document doc = Analyse(r[0]);
    if (r[2] == "-") {
      size_t at = r[0].find(r[1]);
      ASSERT_NE(at, std::string::npos) << r[0];
      Span s{static_cast<uint32_t>(at), static_cast<uint32_t>(at + r[1].size())};
      for (const auto& a : doc.amounts) EXPECT_FALSE(a.span.overlaps(s)) << "counted \"" << a.text << "\" in: " << r[0];
      continue;
    }
    ASSERT_GE(r.size(), 4u) << "bad row: " << r[0];
    double value = std::stod(r[2]);
    std::string approx = Col(r, 4, "exact"), per = Col(r, 5, ""), vmax = Col(r, 6, ""), vague = Col(r, 7, "");
    bool found = false;
    for (const auto& a : doc.amounts) {
      if (a.text != r[1] || !Near(a.value, value) || a.unit != r[3] || a.approx != approx || a.per != per) continue;
      if (vmax.empty() != !a.value_max.has_value()) continue;
      if (a.value_max && !Near(*a.value_max, std::stod(vmax))) continue;
      if (a.vague != (vague == "vague")) continue;
      EXPECT_EQ(doc.slice(a.span), a.text);
      found = true;
    }
    EXPECT_TRUE(found) << "expected [" << r[1] << "] = " << r[2] << " " << r[3] << " " << approx << " per=" << per
                       << " in: " << r[0] << "\ngot:\n"
                       << Describe(doc);
  }
}

// none.tsv: sentences with no amount at all.
TEST(AmountsGolden, NothingToFind) {
  auto rows = ReadTable("none.tsv");
  ASSERT_GT(rows.size(), 10u);
  for (const auto& r : rows) {
    Document doc = Analyse(r[0]);
    EXPECT_TRUE(doc.amounts.empty()) << r[0] << "\ngot:\n" << Describe(doc);
  }
}

// vague.tsv: sentence <TAB> the unstated quantities it holds, joined by "|" ("-": none).
TEST(AmountsGolden, VagueQuantities) {
  auto rows = ReadTable("vague.tsv");
  ASSERT_GT(rows.size(), 5u);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 2u) << r[0];
    Document doc;
    doc.text = r[0];
    text::Segment(doc);
    std::string got;
    for (const Span& s : FindVagueQuantities(doc)) {
      if (!got.empty()) got += '|';
      got.append(doc.slice(s));
    }
    EXPECT_EQ(got.empty() ? "-" : got, r[1]) << r[0];
  }
}

TEST(Amounts, AbsurdInputNeverCrashes) {
  std::string huge(5000, '9');
  for (const std::string& text :
       std::vector<std::string>{"10^400 missiles and 1e999 shells.", huge + " troops were sent.",
                                "$" + huge + " was paid.", "999 trillion trillion trillion dollars.", "$.", "$",
                                "between and", "as many as", "1,2,3,4 troops", "5-", "-5 troops", "%%%"}) {
    Document doc = Analyse(text);
    for (const auto& a : doc.amounts) {
      EXPECT_TRUE(std::isfinite(a.value)) << text;
      EXPECT_LE(a.value, 1e18) << text;
    }
  }
}

}  // namespace
}  // namespace claimgraph::extract
