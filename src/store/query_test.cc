// Queries over a small hand-built corpus, and the three output formats.
#include "claimgraph/query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "store/test_docs.h"

namespace claimgraph {
namespace {

using store_test::DocBuilder;
using store_test::TempDir;

// Published 2024-03-02: a named source, an anonymous one, and a claim with none.
Document PortDocument() {
  DocBuilder b("port-1",
               "Port authority chief Ahmed Karim told reporters that shipments to Ukraine doubled. "
               "Officials said the harbour would close for repairs. "
               "Prices are expected to rise, it was claimed.",
               "2024-03-02");
  b.AddSentence("Port authority chief Ahmed Karim told reporters that shipments to Ukraine doubled.");
  b.AddSentence("Officials said the harbour would close for repairs.");
  b.AddSentence("Prices are expected to rise, it was claimed.");
  b.AddEntity("e1", "Ahmed Karim", "PERSON", "", {"Ahmed Karim"});
  b.AddEntity("e2", "Ukraine", "GPE", "UKR", {"Ukraine"});
  b.AddClaim("Port authority chief Ahmed Karim", "e1", false, "told reporters", "tell",
             "shipments to Ukraine doubled", 0);
  b.AddClaim("Officials", "", true, "said", "say", "the harbour would close for repairs", 1);
  b.AddClaim("", "", false, "claimed", "claim", "Prices are expected to rise", 2);
  return b.doc;
}

// No publication date; Cyrillic source linked to a curated id.
Document UndatedDocument() {
  DocBuilder b("undated-1", "Денис Шмигаль заявив, що мости відкриють.", "");
  b.AddSentence("Денис Шмигаль заявив, що мости відкриють.");
  b.AddEntity("e1", "Денис Шмигаль", "PERSON", "Q2000001", {"Денис Шмигаль"});
  b.AddClaim("Денис Шмигаль", "e1", false, "заявив", "заявити", "мости відкриють", 0);
  return b.doc;
}

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path() + "/q.db");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    std::vector<Document> docs = {store_test::MinisterDocument("kyiv-1", "2024-06-18"), PortDocument(),
                                  UndatedDocument()};
    for (auto& r : store_->PutBatch(docs)) ASSERT_TRUE(r.ok()) << r.status().message();
  }

  // "doc:content" of each matching claim, in result order.
  std::vector<std::string> Find(const ClaimFilter& filter) {
    auto rows = QueryClaims(*store_, filter);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& r : rows.value()) out.push_back(r.doc_id + ":" + r.content_text);
    }
    return out;
  }

  static ClaimFilter About(std::string s) {
    ClaimFilter f;
    f.about = std::move(s);
    return f;
  }
  static ClaimFilter By(std::string s) {
    ClaimFilter f;
    f.by = std::move(s);
    return f;
  }
  static ClaimFilter Since(std::string s) {
    ClaimFilter f;
    f.since = std::move(s);
    return f;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

const std::string kKyivNamed = "kyiv-1:negotiations with Ukraine's neighbours would resume in July";
const std::string kKyivAnon = "kyiv-1:about 300 troops had arrived from Ukraine’s west";
const std::string kPortNamed = "port-1:shipments to Ukraine doubled";
const std::string kPortAnon = "port-1:the harbour would close for repairs";
const std::string kPortNone = "port-1:Prices are expected to rise";
const std::string kUndated = "undated-1:мости відкриють";

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(QueryTest, AllClaimsInDateThenDocumentThenOffsetOrder) {
  EXPECT_THAT(Find({}), ElementsAre(kPortNamed, kPortAnon, kPortNone, kKyivNamed, kKyivAnon, kUndated));
}

TEST_F(QueryTest, AboutMatchesKbIdNameMentionOrWords) {
  // kb id, case-insensitive: every claim whose source or content mentions Ukraine.
  EXPECT_THAT(Find(About("ukr")), ElementsAre(kPortNamed, kKyivNamed, kKyivAnon));
  // The entity's name.
  EXPECT_THAT(Find(About("Ukraine")), ElementsAre(kPortNamed, kKyivNamed, kKyivAnon));
  // A source entity by name.
  EXPECT_THAT(Find(About("olena marchenko")), ElementsAre(kKyivNamed));
  // Kharkiv is mentioned in the sentence but neither in a source nor in a content.
  EXPECT_THAT(Find(About("Kharkiv")), IsEmpty());
  // Free text: words as a phrase, in order.
  EXPECT_THAT(Find(About("harbour")), ElementsAre(kPortAnon));
  EXPECT_THAT(Find(About("would resume")), ElementsAre(kKyivNamed));
  EXPECT_THAT(Find(About("resume would")), IsEmpty());
  // Search syntax in the user's text is taken literally.
  EXPECT_THAT(Find(About("harbour OR \"prices")), IsEmpty());
  EXPECT_THAT(Find(About("?!")), IsEmpty());
  // Source text is indexed too, and non-Latin words are found.
  EXPECT_THAT(Find(About("шмигаль")), ElementsAre(kUndated));
}

TEST_F(QueryTest, ByMatchesSourceEntityOrText) {
  EXPECT_THAT(Find(By("marchenko")), ElementsAre(kKyivNamed));
  EXPECT_THAT(Find(By("OFFICIALS")), ElementsAre(kPortAnon, kKyivAnon));
  EXPECT_THAT(Find(By("authority chief")), ElementsAre(kPortNamed));
  EXPECT_THAT(Find(By("q2000001")), ElementsAre(kUndated));
  EXPECT_THAT(Find(By("ШМИГАЛЬ")), ElementsAre(kUndated));  // Unicode case folding
  EXPECT_THAT(Find(By("nobody")), IsEmpty());
}

TEST_F(QueryTest, SinceKeepsDatedDocumentsFromThatDay) {
  EXPECT_THAT(Find(Since("2024-06-18")), ElementsAre(kKyivNamed, kKyivAnon));
  EXPECT_THAT(Find(Since("2024-06-19")), IsEmpty());
  EXPECT_THAT(Find(Since("2024-03")), ElementsAre(kPortNamed, kPortAnon, kPortNone, kKyivNamed, kKyivAnon));
  EXPECT_THAT(Find(Since("2023")).size(), 5u);
  auto bad = QueryClaims(*store_, Since("June 2024"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("June 2024"), std::string::npos);
}

TEST_F(QueryTest, UnattributedAndLimitAndCombinations) {
  ClaimFilter f;
  f.unattributed_only = true;
  EXPECT_THAT(Find(f), ElementsAre(kPortAnon, kPortNone, kKyivAnon));
  f.limit = 2;
  EXPECT_THAT(Find(f), ElementsAre(kPortAnon, kPortNone));

  ClaimFilter g = About("UKR");
  g.by = "officials";
  EXPECT_THAT(Find(g), ElementsAre(kKyivAnon));
  g.since = "2024-07-01";
  EXPECT_THAT(Find(g), IsEmpty());

  ClaimFilter negative;
  negative.limit = -1;
  EXPECT_FALSE(QueryClaims(*store_, negative).ok());
}

TEST_F(QueryTest, RowsCarryEvidence) {
  auto rows = QueryClaims(*store_, By("karim"));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const ClaimRow& r = rows->front();
  Document doc = PortDocument();
  EXPECT_EQ(r.url, "https://news.example/port-1");
  EXPECT_EQ(r.source_entity_name, "Ahmed Karim");
  EXPECT_EQ(r.source_kb, "");
  EXPECT_EQ(r.cue_lemma, "tell");
  EXPECT_EQ(doc.slice({r.content_start, r.content_end}), r.content_text);
  EXPECT_EQ(doc.slice({r.cue_start, r.cue_end}), r.cue_text);
  EXPECT_EQ(doc.slice({r.source_start, r.source_end}), r.source_text);
  EXPECT_EQ(r.sentence_text, "Port authority chief Ahmed Karim told reporters that shipments to Ukraine doubled.");

  auto none = QueryClaims(*store_, About("prices"));
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none->size(), 1u);
  EXPECT_FALSE(none->front().has_source);
  EXPECT_EQ(none->front().sentence, 2);
}

TEST_F(QueryTest, EntitiesAreGlobalAndCounted) {
  auto all = QueryEntities(*store_, "");
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 5u);
  const EntityRow& top = all->front();
  EXPECT_EQ(top.name, "Ukraine");
  EXPECT_EQ(top.kb, "UKR");
  EXPECT_EQ(top.mentions, 3);
  EXPECT_EQ(top.documents, 2);
  EXPECT_EQ(top.claims_as_source, 0);

  auto gpe = QueryEntities(*store_, "gpe");
  ASSERT_TRUE(gpe.ok());
  ASSERT_EQ(gpe->size(), 2u);
  EXPECT_EQ((*gpe)[1].name, "Kharkiv");

  auto people = QueryEntities(*store_, "PERSON");
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 3u);
  for (const auto& p : *people) EXPECT_EQ(p.claims_as_source, 1) << p.name;
}

TEST_F(QueryTest, UnlinkedEntitiesMergeByTypeAndCaseInsensitiveName) {
  DocBuilder b("karim-2", "AHMED KARIM said nothing had changed.", "2024-04-01");
  b.AddSentence("AHMED KARIM said nothing had changed.");
  b.AddEntity("e1", "AHMED KARIM", "PERSON", "", {"AHMED KARIM"});
  b.AddClaim("AHMED KARIM", "e1", false, "said", "say", "nothing had changed", 0);
  ASSERT_TRUE(store_->Put(b.doc).ok());
  auto people = QueryEntities(*store_, "PERSON");
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 3u);
  EXPECT_EQ(people->front().name, "Ahmed Karim");  // the first name stored stays
  EXPECT_EQ(people->front().documents, 2);
  EXPECT_EQ(people->front().claims_as_source, 2);
}

TEST_F(QueryTest, SourcesGroupedAndCounted) {
  auto sources = QuerySources(*store_);
  ASSERT_TRUE(sources.ok()) << sources.status().message();
  std::vector<std::string> got;
  for (const auto& s : *sources) {
    got.push_back(s.source + "|" + s.kb + "|" + std::to_string(s.claims) + "|" + std::to_string(s.documents) + "|" +
                  std::to_string(s.anonymous));
  }
  EXPECT_THAT(got, ElementsAre("officials||2|2|2", "(no source)||1|1|0", "Ahmed Karim||1|1|0",
                               "Olena Marchenko||1|1|0", "Денис Шмигаль|Q2000001|1|1|0"));
}

TEST_F(QueryTest, Counts) {
  auto n = CountDocuments(*store_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 3);
  auto c = CountRows(*store_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->claims, 6);
  EXPECT_EQ(c->entities, 5);
  EXPECT_EQ(c->sentences, 6);
}

// ---- formats ----

std::vector<ClaimRow> SampleClaims() {
  ClaimRow a;
  a.id = 7;
  a.doc_id = "d1";
  a.url = "https://news.example/d1";
  a.published = "2024-06-18";
  a.has_source = true;
  a.source_text = "Minister Olena Marchenko";
  a.source_entity_name = "Olena Marchenko";
  a.cue_lemma = "say";
  a.cue_text = "said";
  a.content_text = std::string(50, 'x') + " — " + std::string(50, 'y');
  a.sentence_text = "Minister Olena Marchenko said " + a.content_text + ".";
  a.kind = "indirect";
  a.extractor_version = kExtractorVersion;
  a.source_start = 0;
  a.source_end = 24;
  a.cue_start = 25;
  a.cue_end = 29;
  a.content_start = 30;
  a.content_end = 30 + static_cast<uint32_t>(a.content_text.size());
  ClaimRow b;
  b.id = 8;
  b.doc_id = "d2";
  b.cue_text = "claimed";
  b.cue_lemma = "claim";
  b.content_text = "He said \"no\", then left\nlater";
  b.sentence = 3;
  b.cue_start = 40;
  b.cue_end = 47;
  b.content_start = 0;
  b.content_end = 29;
  b.extractor_version = kExtractorVersion;
  return {a, b};
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

size_t Columns(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(Format, KnownFormats) {
  EXPECT_TRUE(IsOutputFormat("table"));
  EXPECT_TRUE(IsOutputFormat("csv"));
  EXPECT_TRUE(IsOutputFormat("json"));
  EXPECT_FALSE(IsOutputFormat("xml"));
}

TEST(Format, ClaimsTableIsAlignedAndTruncated) {
  std::string table = FormatClaims(SampleClaims(), "table");
  auto lines = Lines(table);
  ASSERT_EQ(lines.size(), 4u) << table;  // header, rule, two rows (the newline in b is flattened)
  EXPECT_EQ(lines[0], "ID  PUBLISHED   DOC  SOURCE           CUE      CONTENT");
  EXPECT_EQ(lines[3].rfind(" 8              d2   (none)           claimed  He said", 0), 0u) << lines[3];
  // Every row starts its CONTENT column where the header does.
  size_t content_col = Columns(lines[0].substr(0, lines[0].find("CONTENT")));
  std::string row_a = lines[2];
  size_t x_at = row_a.find("xxxx");
  ASSERT_NE(x_at, std::string::npos);
  EXPECT_EQ(Columns(row_a.substr(0, x_at)), content_col);
  // 104 columns of content are cut to 72 ending in an ellipsis.
  EXPECT_EQ(Columns(row_a) - content_col, 72u) << row_a;
  EXPECT_EQ(row_a.substr(row_a.size() - 3), "…");
  EXPECT_NE(lines[3].find("(none)"), std::string::npos);
  EXPECT_NE(lines[3].find("He said \"no\", then left later"), std::string::npos);
  // An empty result is still a header.
  EXPECT_EQ(Lines(FormatClaims({}, "table")).size(), 2u);
}

TEST(Format, ClaimsCsvFollowsRfc4180) {
  std::string csv = FormatClaims(SampleClaims(), "csv");
  EXPECT_EQ(csv.rfind("id,doc_id,url,published,sentence,source_text,source_entity,source_kb,anonymous,"
                      "source_start,source_end,cue_lemma,cue_text,cue_start,cue_end,content_text,content_start,"
                      "content_end,kind,sentence_text,extractor_version\r\n",
                      0),
            0u)
      << csv;
  EXPECT_NE(csv.find(",\"He said \"\"no\"\", then left\nlater\","), std::string::npos) << csv;
  // Row b has no source: empty text and empty offsets.
  EXPECT_NE(csv.find("8,d2,,,3,,,,0,,,claim,claimed,40,47,"), std::string::npos) << csv;
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(Format, ClaimsJsonHasEvidence) {
  auto parsed = nlohmann::json::parse(FormatClaims(SampleClaims(), "json"));
  ASSERT_TRUE(parsed.is_array());
  ASSERT_EQ(parsed.size(), 2u);
  const auto& a = parsed[0];
  EXPECT_EQ(a["id"], 7);
  EXPECT_EQ(a["doc"], "d1");
  EXPECT_EQ(a["url"], "https://news.example/d1");
  EXPECT_EQ(a["source"]["text"], "Minister Olena Marchenko");
  EXPECT_EQ(a["source"]["entity"], "Olena Marchenko");
  EXPECT_EQ(a["source"]["end"], 24);
  EXPECT_EQ(a["cue"]["lemma"], "say");
  EXPECT_EQ(a["content"]["start"], 30);
  EXPECT_EQ(a["sentence"]["index"], 0);
  EXPECT_EQ(a["extractor_version"], kExtractorVersion);
  const auto& b = parsed[1];
  EXPECT_TRUE(b["source"]["text"].is_null());
  EXPECT_FALSE(b["source"].contains("start"));
  EXPECT_TRUE(b["published"].is_null());
  EXPECT_EQ(b["content"]["text"], "He said \"no\", then left\nlater");
  EXPECT_EQ(nlohmann::json::parse(FormatClaims({}, "json")), nlohmann::json::array());
}

TEST(Format, EntitiesAndSources) {
  std::vector<EntityRow> entities = {{1, "Ukraine", "GPE", "UKR", 2, 3, 0}, {2, "Smith, John", "PERSON", "", 1, 1, 1}};
  std::string table = FormatEntities(entities, "table");
  auto lines = Lines(table);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "NAME         TYPE    KB   DOCS  MENTIONS  CLAIMS");
  EXPECT_EQ(lines[2], "Ukraine      GPE     UKR     2         3       0");
  std::string csv = FormatEntities(entities, "csv");
  EXPECT_EQ(csv, "id,name,type,kb,documents,mentions,claims_as_source\r\n1,Ukraine,GPE,UKR,2,3,0\r\n"
                 "2,\"Smith, John\",PERSON,,1,1,1\r\n");
  auto json = nlohmann::json::parse(FormatEntities(entities, "json"));
  EXPECT_EQ(json[0]["kb"], "UKR");
  EXPECT_TRUE(json[1]["kb"].is_null());
  EXPECT_EQ(json[1]["claims_as_source"], 1);

  std::vector<SourceRow> sources = {{"officials", "", 4, 3, 4}, {"Olena Marchenko", "", 1, 1, 0}};
  EXPECT_EQ(FormatSources(sources, "csv"),
            "source,kb,claims,documents,anonymous\r\nofficials,,4,3,4\r\nOlena Marchenko,,1,1,0\r\n");
  auto sj = nlohmann::json::parse(FormatSources(sources, "json"));
  EXPECT_EQ(sj[0]["anonymous"], 4);
  EXPECT_EQ(Lines(FormatSources(sources, "table"))[0], "SOURCE           KB  CLAIMS  DOCS  ANONYMOUS");
}

}  // namespace
}  // namespace claimgraph
