// End to end: the built binary on fixture articles written for these tests
// (tests/data), through every subcommand and every kind of bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct RunResult {
  int status = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("claimgraph_e2e_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }

  RunResult Run(const std::string& args, const std::string& prefix = "") {
    std::string cmd = prefix + std::string(CLAIMGRAPH_BINARY) + " " + args + " >" + (dir_ / "out").string() + " 2>" +
                      (dir_ / "err").string() + " </dev/null";
    int rc = std::system(cmd.c_str());
    RunResult r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = Slurp(dir_ / "out");
    r.err = Slurp(dir_ / "err");
    return r;
  }

  static std::string Data(const std::string& rel) { return std::string(CLAIMGRAPH_SOURCE_DIR) + "/tests/data/" + rel; }
  std::string Db() const { return (dir_ / "test.db").string(); }

  fs::path dir_;
};

TEST_F(Cli, ExtractPrintsTheContractJson) {
  auto r = Run("extract --format json --date 2025-03-10 " + Data("articles/oslofjord_collision.txt"));
  ASSERT_EQ(r.status, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["claims"].size(), 4u) << r.out;
  const std::string text = Slurp(Data("articles/oslofjord_collision.txt"));
  for (const auto& c : doc["claims"]) {
    for (const char* part : {"cue", "content"}) {
      size_t s = c[part]["start"], e = c[part]["end"];
      EXPECT_EQ(text.substr(s, e - s), c[part]["text"].get<std::string>()) << "byte offsets into the file";
    }
  }
  EXPECT_EQ(doc["claims"][0]["content"]["start"], 203);
  EXPECT_EQ(doc["claims"][0]["content"]["end"], 265);
  EXPECT_EQ(doc["claims"][1]["source"]["anonymous"], true);
  EXPECT_EQ(doc["claims"][3]["cue"]["lemma"], "according to");
  bool norway = false;
  for (const auto& e : doc["entities"]) norway |= e.value("kb", "") == "NOR" && e["type"] == "GPE";
  EXPECT_TRUE(norway) << "Norway's -> NOR";
  bool at_least_40 = false;
  for (const auto& a : doc["amounts"]) at_least_40 |= a["value"] == 40 && a["approx"] == "at_least";
  EXPECT_TRUE(at_least_40);
  EXPECT_EQ(doc["published"], "2025-03-10");
}

TEST_F(Cli, ExtractTextReportAndStdin) {
  auto r = Run("extract --format text " + Data("articles/oslofjord_collision.txt"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("CLAIMS (4)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("harbour master Kari Lunde"), std::string::npos);
  std::string cmd = "sh -c 'cat " + Data("articles/oslofjord_collision.txt") + " | " + CLAIMGRAPH_BINARY +
                    " extract --format json -' > " + (dir_ / "stdin.json").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(nlohmann::json::parse(Slurp(dir_ / "stdin.json"))["claims"].size(), 4u);
}

TEST_F(Cli, IngestIsIdempotentAndReplacesChangedArticles) {
  fs::copy(Data("articles"), dir_ / "in");
  auto r = Run("ingest -q --db " + Db() + " " + (dir_ / "in").string());
  ASSERT_EQ(r.status, 1) << "the fixture JSON Lines file has one malformed line: " << r.err;
  EXPECT_NE(r.err.find("wire_mixed.jsonl:2"), std::string::npos) << r.err;
  auto first = Run("claims --format json --db " + Db());
  ASSERT_EQ(first.status, 0) << first.err;
  auto claims_before = nlohmann::json::parse(first.out).size();
  EXPECT_GE(claims_before, 7u);

  r = Run("ingest --db " + Db() + " " + (dir_ / "in").string());
  EXPECT_NE(r.err.find("0 new, 0 replaced, 4 unchanged"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(Run("claims --format json --db " + Db()).out).size(), claims_before);

  std::ofstream(dir_ / "in" / "oslofjord_collision.txt", std::ios::app) << "\nThe mayor said the fjord was safe again.\n";
  r = Run("ingest --db " + Db() + " " + (dir_ / "in").string());
  EXPECT_NE(r.err.find("0 new, 1 replaced, 3 unchanged"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(Run("claims --format json --db " + Db()).out).size(), claims_before + 1);
}

TEST_F(Cli, BadInputIsReportedAndTheBatchGoesOn) {
  auto r = Run("ingest -q --db " + Db() + " " + Data("bad") + " " + Data("articles/oslofjord_collision.txt") +
               " " + (dir_ / "missing.txt").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("latin1.txt: not UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nobody.html: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt: "), std::string::npos) << r.err;
  auto q = Run("claims --format json --db " + Db());
  ASSERT_EQ(q.status, 0);
  EXPECT_EQ(nlohmann::json::parse(q.out).size(), 4u) << "the good article is stored";
}

TEST_F(Cli, ReadOnlyDatabaseFailsCleanly) {
  ASSERT_EQ(Run("ingest -q --db " + Db() + " " + Data("articles/oslofjord_collision.txt")).status, 0);
  auto before = Slurp(Db());
  chmod(Db().c_str(), 0444);
  fs::permissions(dir_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  // root writes read-only files, so run the ingest as nobody
  std::string as_nobody = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  if (!as_nobody.empty() && std::system("command -v setpriv >/dev/null") != 0) GTEST_SKIP() << "no setpriv";
  auto r = Run("ingest -q --db " + Db() + " " + Data("articles/harbour_strike.html"), as_nobody);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("test.db"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(Db()), before);
}

TEST_F(Cli, LockedDatabaseFailsCleanly) {
  ASSERT_EQ(Run("ingest -q --db " + Db() + " " + Data("articles/oslofjord_collision.txt")).status, 0);
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(Db().c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = Run("ingest -q --db " + Db() + " " + Data("articles/harbour_strike.html"));
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
  auto q = Run("claims --format json --db " + Db());
  EXPECT_EQ(nlohmann::json::parse(q.out).size(), 4u) << "what was stored is intact";
}

TEST_F(Cli, UnknownOptionIsAUsageError) {
  auto r = Run("ingest --frobnicate x");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("frobnicate"), std::string::npos) << r.err;
  r = Run("claims --db " + (dir_ / "nope.db").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("nope.db"), std::string::npos) << r.err;
}

TEST_F(Cli, QueriesFilterAndFormat) {
  Run("ingest -q --db " + Db() + " " + Data("articles"));
  auto by = nlohmann::json::parse(Run("claims --format json --by 'Kari Lunde' --db " + Db()).out);
  ASSERT_EQ(by.size(), 1u);
  EXPECT_NE(by[0].dump().find("wreck is moved"), std::string::npos);
  auto anon = nlohmann::json::parse(Run("claims --format json --unattributed --db " + Db()).out);
  ASSERT_GE(anon.size(), 1u);
  for (const auto& c : anon) EXPECT_TRUE(c["source"]["anonymous"].get<bool>()) << c.dump();
  auto csv = Run("claims --format csv --db " + Db());
  EXPECT_EQ(csv.status, 0);
  EXPECT_GE(std::count(csv.out.begin(), csv.out.end(), '\n'), 8);
  auto ents = Run("entities --type GPE --db " + Db());
  EXPECT_NE(ents.out.find("Norway"), std::string::npos) << ents.out;
  auto sources = Run("sources --db " + Db());
  EXPECT_EQ(sources.status, 0);
  EXPECT_NE(sources.out.find("Kari Lunde"), std::string::npos) << sources.out;
}

TEST_F(Cli, ReadPrintsMainTextAndMetadata) {
  auto r = Run("read --format json " + Data("articles/harbour_strike.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  auto page = nlohmann::json::parse(r.out);
  EXPECT_EQ(page["title"], "Dock workers in Rotterdam extend strike");
  EXPECT_EQ(page["author"], "Sanne de Vries");
  EXPECT_EQ(page["published"], "2025-05-14");
  EXPECT_EQ(page["site"], "Lowlands Port News");
  const std::string text = page["text"];
  EXPECT_NE(text.find("extended their strike"), std::string::npos);
  for (const char* noise : {"cookies", "Jobs board", "Related stories", "Privacy policy"})
    EXPECT_EQ(text.find(noise), std::string::npos) << noise;
  r = Run("read --format json " + Data("bad/nobody.html"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("nobody.html"), std::string::npos) << r.err;
}

// The reference article of ../shared/eval and its scorer; skipped where shared/ is absent.
TEST_F(Cli, ReferenceArticleQuality) {
  fs::path shared = fs::path(CLAIMGRAPH_SOURCE_DIR) / ".." / "shared" / "eval";
  if (!fs::exists(shared / "score.py")) GTEST_SKIP() << "../shared/eval not present";
  std::string cmd = "python3 " + (shared / "score.py").string() + " --quiet --gold-dir " + shared.string() +
                    " --run '" + CLAIMGRAPH_BINARY + " extract --format json --date {published} {article}'" +
                    " --min-claims-f1 0.85 --min-entities-f1 0.85 --min-times-f1 0.85 --min-amounts-f1 1.0 > " +
                    (dir_ / "score.txt").string() + " 2>&1";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << Slurp(dir_ / "score.txt");
}

// Who-said-what on real news: PolNeAR dev with the attribution recipe's expected
// full F1; skipped where shared/ is absent.
TEST_F(Cli, PolnearAttributionQuality) {
  fs::path root = fs::path(CLAIMGRAPH_SOURCE_DIR);
  fs::path scorer = root / ".." / "shared" / "eval" / "score_attribution.py";
  fs::path corpus = root / ".." / "shared" / "data" / "polnear" / "dev";
  if (!fs::exists(scorer) || !fs::exists(corpus)) GTEST_SKIP() << "../shared PolNeAR dev not present";
  auto recipe = nlohmann::json::parse(Slurp(root / "models" / "recipes" / "attribution.json"));
  double expected = recipe.at("expected_dev").at("full_f1").get<double>();
  std::string cmd = "python3 " + scorer.string() + " --corpus " + corpus.string() + " --show 0 --min-f1 " +
                    std::to_string(expected) + " --run '" + CLAIMGRAPH_BINARY +
                    " extract --format json --date {published} {article}' > " + (dir_ / "polnear.txt").string() +
                    " 2>&1";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << Slurp(dir_ / "polnear.txt");
}

}  // namespace
