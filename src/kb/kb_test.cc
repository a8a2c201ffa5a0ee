#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kb/knowledge_base.h"

namespace claimgraph::kb {
namespace {

namespace fs = std::filesystem;

std::string ModelsKbDir() {
  if (const char* env = std::getenv("CLAIMGRAPH_MODELS"); env && *env) return std::string(env) + "/kb";
  return std::string(CLAIMGRAPH_SOURCE_DIR) + "/models/kb";
}

const KnowledgeBase& Real() {
  static const KnowledgeBase kb = [] {
    auto r = KnowledgeBase::Load(ModelsKbDir());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : KnowledgeBase();
  }();
  return kb;
}

std::string IdOf(const KnowledgeBase& kb, std::string_view alias) {
  const auto* hits = kb.Lookup(alias);
  if (!hits || hits->empty()) return "";
  return kb.entry(hits->front().entry).id;
}

std::string Holder(const KnowledgeBase& kb, std::string_view office, std::string_view country, std::string_view date) {
  auto p = kb.HolderOn(office, country, date);
  return p ? kb.entry(*p).name : "";
}

TEST(KnowledgeBaseTest, CountriesByNameShortFormAndIso) {
  const auto& kb = Real();
  EXPECT_EQ(IdOf(kb, "North Korea"), "PRK");
  EXPECT_EQ(IdOf(kb, "N Korea"), "PRK");
  EXPECT_EQ(IdOf(kb, "DPRK"), "PRK");
  EXPECT_EQ(IdOf(kb, "South Korea"), "KOR");
  EXPECT_EQ(IdOf(kb, "Korea, Republic of"), "KOR");
  EXPECT_EQ(IdOf(kb, "Russian Federation"), "RUS");
  EXPECT_EQ(IdOf(kb, "U.S."), "USA");
  EXPECT_EQ(IdOf(kb, "US"), "USA");
  EXPECT_EQ(IdOf(kb, "us"), "");  // the pronoun is not a country
  EXPECT_EQ(IdOf(kb, "Britain"), "GBR");
  EXPECT_EQ(IdOf(kb, "Syria"), "SYR");
  EXPECT_EQ(IdOf(kb, "Iran"), "IRN");
  EXPECT_EQ(IdOf(kb, "DR Congo"), "COD");
  EXPECT_EQ(IdOf(kb, "Côte d'Ivoire"), "CIV");
  EXPECT_EQ(IdOf(kb, "C\xC3\xB4te d\xE2\x80\x99Ivoire"), "CIV");  // curly apostrophe folds
  EXPECT_EQ(kb.entry(*kb.FindId("RUS")).name, "Russia");
  EXPECT_EQ(kb.entry(*kb.FindId("KOR")).demonym, "South Korean");
  // every ISO 3166-1 country is there
  for (const char* code : {"AFG", "ZWE", "TUV", "VAT", "PSE", "TWN", "SSD", "MMR", "COD", "YEM", "LBN", "ISR"})
    EXPECT_TRUE(kb.FindId(code).has_value()) << code;
}

TEST(KnowledgeBaseTest, DemonymsAndCapitalsAreMarked) {
  const auto& kb = Real();
  const auto* hits = kb.Lookup("North Korean");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb.entry(hits->front().entry).id, "PRK");
  EXPECT_EQ(hits->front().kind, AliasKind::kDemonym);
  for (const char* capital :
       {"Washington", "Washington, D.C.", "Moscow", "Kyiv", "Kiev", "Pyongyang", "Seoul", "Beijing"}) {
    hits = kb.Lookup(capital);
    ASSERT_NE(hits, nullptr) << capital;
    bool capital_hit = false;
    for (const auto& h : *hits)
      capital_hit = capital_hit || (h.kind == AliasKind::kCapital && kb.entry(h.entry).type == "GPE");
    EXPECT_TRUE(capital_hit) << capital;
  }
  EXPECT_EQ(IdOf(kb, "Washington, D.C."), "USA");
}

TEST(KnowledgeBaseTest, PlacesOrganisationsPersons) {
  const auto& kb = Real();
  auto donetsk = kb.FindId("UA-14");
  ASSERT_TRUE(donetsk);
  EXPECT_EQ(kb.entry(*donetsk).type, "LOC");
  EXPECT_EQ(IdOf(kb, "Donetsk region"), "UA-14");
  EXPECT_EQ(IdOf(kb, "Donetsk Oblast"), "UA-14");
  EXPECT_EQ(IdOf(kb, "Texas"), "US-TX");
  EXPECT_EQ(IdOf(kb, "Black Sea"), "L:black-sea");
  EXPECT_EQ(IdOf(kb, "Georgia"), "GEO");  // the country wins over the US state
  EXPECT_EQ(IdOf(kb, "NATO"), "O:nato");
  EXPECT_EQ(IdOf(kb, "IAEA"), "O:iaea");
  EXPECT_EQ(kb.entry(*kb.FindId("O:us-whitehouse")).type, "ORG");
  EXPECT_EQ(IdOf(kb, "White House"), "O:us-whitehouse");
  EXPECT_EQ(IdOf(kb, "Kim Jong-un"), "P:kim-jong-un");
  EXPECT_EQ(IdOf(kb, "Kim Jong Un"), "P:kim-jong-un");
  EXPECT_EQ(IdOf(kb, "Putin"), "P:vladimir-putin");
  EXPECT_EQ(IdOf(kb, "Kim"), "");  // too ambiguous alone
}

TEST(KnowledgeBaseTest, CaselessLookupOnlyForLongNames) {
  const auto& kb = Real();
  const auto* hits = kb.LookupCaseless("NORTH KOREA");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(kb.entry(hits->front().entry).id, "PRK");
  EXPECT_EQ(kb.LookupCaseless("us"), nullptr);
  EXPECT_EQ(kb.LookupCaseless("who"), nullptr);  // WHO only in capitals
}

TEST(KnowledgeBaseTest, OfficeHoldersByDate) {
  const auto& kb = Real();
  EXPECT_EQ(Holder(kb, "president", "USA", "2016-05-01"), "Barack Obama");
  EXPECT_EQ(Holder(kb, "president", "USA", "2019-05-01"), "Donald Trump");
  EXPECT_EQ(Holder(kb, "president", "USA", "2024-06-18"), "Joe Biden");
  EXPECT_EQ(Holder(kb, "president", "USA", "2025-01-19"), "Joe Biden");
  EXPECT_EQ(Holder(kb, "president", "USA", "2025-01-20"), "Donald Trump");
  EXPECT_EQ(Holder(kb, "president", "RUS", "2010-01-01"), "Dmitry Medvedev");
  EXPECT_EQ(Holder(kb, "president", "RUS", "2024-06-18"), "Vladimir Putin");
  EXPECT_EQ(Holder(kb, "defence_minister", "KOR", "2024-06-18"), "Shin Won-sik");
  EXPECT_EQ(Holder(kb, "defence_minister", "KOR", "2023-10-06"), "Lee Jong-sup");
  EXPECT_EQ(Holder(kb, "defence_minister", "KOR", "2024-10-01"), "Kim Yong-hyun");
  EXPECT_EQ(Holder(kb, "defence_minister", "RUS", "2024-06-18"), "Andrei Belousov");
  EXPECT_EQ(Holder(kb, "defence_minister", "RUS", "2023-06-18"), "Sergei Shoigu");
  EXPECT_EQ(Holder(kb, "foreign_minister", "USA", "2024-06-18"), "Antony Blinken");
  EXPECT_EQ(Holder(kb, "prime_minister", "GBR", "2022-10-01"), "Liz Truss");
  EXPECT_EQ(Holder(kb, "leader", "PRK", "2024-06-18"), "Kim Jong Un");
  EXPECT_EQ(Holder(kb, "secretary_general", "O:nato", "2024-06-18"), "Jens Stoltenberg");
  EXPECT_EQ(Holder(kb, "president", "USA", "1990-01-01"), "George H. W. Bush");
  EXPECT_EQ(Holder(kb, "president", "USA", "1850-01-01"), "");
  auto biden = kb.FindId("P:joe-biden");
  ASSERT_TRUE(biden);
  EXPECT_EQ(kb.TermsOf(*biden).size(), 2u);
  EXPECT_GE(kb.TermsOn("president", "2024-06-18").size(), 10u);
}

TEST(KnowledgeBaseTest, TitlesPortfoliosLexicons) {
  const auto& kb = Real();
  ASSERT_NE(kb.TitleOffice("president"), nullptr);
  EXPECT_EQ(*kb.TitleOffice("president"), "president");
  EXPECT_EQ(*kb.TitleOffice("defense minister"), "defence_minister");
  EXPECT_EQ(*kb.TitleOffice("secretary of state"), "foreign_minister");
  EXPECT_EQ(*kb.TitleOffice("gen."), "");
  EXPECT_EQ(kb.TitleOffice("report"), nullptr);
  EXPECT_GE(kb.max_title_words(), 3u);
  ASSERT_NE(kb.FindPortfolio("foreign affairs"), nullptr);
  EXPECT_EQ(kb.FindPortfolio("foreign affairs")->code, "MFA");
  EXPECT_EQ(kb.FindPortfolio("defense")->code, "MOD");
  EXPECT_EQ(kb.FindPortfolio("defence")->name, "defence");
  EXPECT_GT(kb.GivenNameCount("John"), 10);
  EXPECT_TRUE(kb.IsCommonWord("report"));
  EXPECT_FALSE(kb.IsCommonWord("pyongyang"));
}

TEST(KnowledgeBaseTest, NormaliseFoldsAndCollapses) {
  EXPECT_EQ(KnowledgeBase::Normalise("  North\n  Korea\xE2\x80\x99s "), "North Korea's");
  EXPECT_EQ(KnowledgeBase::Normalise("Guinea\xE2\x80\x93"
                                     "Bissau"),
            "Guinea-Bissau");
}

TEST(KnowledgeBaseTest, EmptyKnowledgeBaseMissesEverything) {
  KnowledgeBase kb;
  EXPECT_EQ(kb.size(), 0u);
  EXPECT_EQ(kb.Lookup("Russia"), nullptr);
  EXPECT_FALSE(kb.HolderOn("president", "USA", "2024-01-01"));
  EXPECT_EQ(kb.TitleOffice("president"), nullptr);
}

// A small KB in a temporary directory, one file replaced per test.
class MalformedKbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cg_kb_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    Write("countries.tsv",
          "# id\tname\taliases\tdemonyms\tcapitals\nRUS\tRussia\tRussian Federation\tRussian\tMoscow\n");
    Write("organisations.tsv", "O:un\tORG\tUnited Nations\t\tUN\n");
    Write("persons.tsv", "P:vladimir-putin\tVladimir Putin\tRUS\tPutin\n");
    Write("offices.tsv", "P:vladimir-putin\tpresident\tRUS\t2012-05-07\t\n");
    Write("places.tsv", "RU-MOW\tGPE\tMoscow\tRUS\tMoskva\n");
    Write("titles.tsv", "President\tpresident\nGen.\t\n");
    Write("ministries.tsv", "foreign\tMFA\tforeign\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string LoadError() {
    auto r = KnowledgeBase::Load(dir_.string());
    return r.ok() ? "" : r.status().message();
  }
  fs::path dir_;
};

TEST_F(MalformedKbTest, ValidFilesLoad) {
  auto r = KnowledgeBase::Load(dir_.string());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(IdOf(*r, "Putin"), "P:vladimir-putin");
  EXPECT_EQ(Holder(*r, "president", "RUS", "2020-01-01"), "Vladimir Putin");
  // no lexicons directory beside it: the lexicons are simply empty
  EXPECT_FALSE(r->IsCommonWord("report"));
}

TEST_F(MalformedKbTest, MissingColumnNamesFileAndLine) {
  Write("countries.tsv", "# comment\nRUS\tRussia\tRussian Federation\tRussian\tMoscow\nUKR\n");
  std::string err = LoadError();
  EXPECT_NE(err.find("countries.tsv:3"), std::string::npos) << err;
  EXPECT_NE(err.find("columns"), std::string::npos) << err;
}

TEST_F(MalformedKbTest, BadDateNamesFileAndLine) {
  Write("offices.tsv",
        "P:vladimir-putin\tpresident\tRUS\t2012-05-07\t\nP:vladimir-putin\tpresident\tRUS\t07/05/2012\t\n");
  std::string err = LoadError();
  EXPECT_NE(err.find("offices.tsv:2"), std::string::npos) << err;
  EXPECT_NE(err.find("YYYY-MM-DD"), std::string::npos) << err;
}

TEST_F(MalformedKbTest, EndBeforeStartIsRejected) {
  Write("offices.tsv", "P:vladimir-putin\tpresident\tRUS\t2012-05-07\t2008-05-07\n");
  EXPECT_NE(LoadError().find("offices.tsv:1: end 2008-05-07 is before start"), std::string::npos) << LoadError();
}

TEST_F(MalformedKbTest, UnknownPersonInOfficesIsRejected) {
  Write("offices.tsv", "\nP:nobody\tpresident\tRUS\t2012-05-07\t\n");
  std::string err = LoadError();
  EXPECT_NE(err.find("offices.tsv:2"), std::string::npos) << err;
  EXPECT_NE(err.find("P:nobody"), std::string::npos) << err;
}

TEST_F(MalformedKbTest, BadTypeAndDuplicateIdAreRejected) {
  Write("places.tsv", "RU-MOW\tCITY\tMoscow\tRUS\t\n");
  EXPECT_NE(LoadError().find("places.tsv:1: type must be"), std::string::npos) << LoadError();
  Write("places.tsv", "RU-MOW\tGPE\tMoscow\tRUS\t\nRU-MOW\tGPE\tMoskva\tRUS\t\n");
  EXPECT_NE(LoadError().find("places.tsv:2: duplicate id RU-MOW"), std::string::npos) << LoadError();
}

TEST_F(MalformedKbTest, MissingFileAndDirectory) {
  fs::remove(dir_ / "titles.tsv");
  EXPECT_NE(LoadError().find("titles.tsv"), std::string::npos) << LoadError();
  auto r = KnowledgeBase::Load((dir_ / "nowhere").string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST_F(MalformedKbTest, MalformedLexiconNamesFile) {
  fs::path lex = dir_ / "lexicons";
  fs::path kb_dir = dir_ / "kb";
  fs::create_directories(lex);
  fs::create_directories(kb_dir);
  for (const char* f : {"countries.tsv", "organisations.tsv", "persons.tsv", "offices.tsv", "places.tsv", "titles.tsv",
                        "ministries.tsv"})
    fs::copy_file(dir_ / f, kb_dir / f);
  std::ofstream(lex / "person_names.tsv") << "John\t12\t0\nSmith\tmany\t3\n";
  auto r = KnowledgeBase::Load(kb_dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("person_names.tsv:2: counts must be integers"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace claimgraph::kb
