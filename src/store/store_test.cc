// Store: put/replace/unchanged semantics, atomicity, locking, read-only, schema
// versions. Documents are built by hand so the store is tested without extractors.
#include "claimgraph/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "claimgraph/query.h"
#include "store/schema.h"
#include "store/test_docs.h"

namespace claimgraph {
namespace {

using store_test::DocBuilder;
using store_test::TempDir;

// A raw connection, to play "another process" or to forge old/new schema versions.
struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
  }
  ~RawDb() { sqlite3_close(db); }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (err ? err : "");
    sqlite3_free(err);
  }
  int64_t Int(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
      v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return v;
  }
};

std::unique_ptr<Store> OpenOrDie(const std::string& path, StoreOptions options = {}) {
  auto store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) std::abort();
  return std::move(store).value();
}

void ExpectSameCounts(const StoreCounts& a, const StoreCounts& b) {
  EXPECT_EQ(a.documents, b.documents);
  EXPECT_EQ(a.sentences, b.sentences);
  EXPECT_EQ(a.entities, b.entities);
  EXPECT_EQ(a.mentions, b.mentions);
  EXPECT_EQ(a.claims, b.claims);
  EXPECT_EQ(a.times, b.times);
  EXPECT_EQ(a.amounts, b.amounts);
  EXPECT_EQ(a.signals, b.signals);
}

StoreCounts Counts(Store& store) {
  auto c = CountRows(store);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? c.value() : StoreCounts{};
}

std::vector<ClaimRow> Claims(Store& store, ClaimFilter filter = {}) {
  auto rows = QueryClaims(store, filter);
  EXPECT_TRUE(rows.ok()) << rows.status().message();
  return rows.ok() ? rows.value() : std::vector<ClaimRow>{};
}

class StoreTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string path_ = dir_.path() + "/claims.db";
};

TEST_F(StoreTest, PutThenQueryBackEveryLayer) {
  auto store = OpenOrDie(path_);
  Document doc = store_test::MinisterDocument("kyiv-1", "2024-06-18");
  auto put = store->Put(doc);
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(put.value(), PutOutcome::kInserted);

  StoreCounts c = Counts(*store);
  EXPECT_EQ(c.documents, 1);
  EXPECT_EQ(c.sentences, static_cast<int64_t>(doc.sentences.size()));
  EXPECT_EQ(c.entities, static_cast<int64_t>(doc.entities.size()));
  EXPECT_EQ(c.mentions, 4);
  EXPECT_EQ(c.claims, 2);
  EXPECT_EQ(c.times, 1);
  EXPECT_EQ(c.amounts, 1);
  EXPECT_EQ(c.signals, 1);

  auto rows = Claims(*store);
  ASSERT_EQ(rows.size(), 2u);
  const ClaimRow& first = rows[0];
  const Claim& claim = doc.claims[0];
  EXPECT_EQ(first.doc_id, "kyiv-1");
  EXPECT_EQ(first.url, doc.url);
  EXPECT_EQ(first.published, "2024-06-18");
  EXPECT_TRUE(first.has_source);
  EXPECT_EQ(first.source_text, "Minister Olena Marchenko");
  EXPECT_EQ(first.source_entity_name, "Olena Marchenko");
  EXPECT_EQ(first.cue_lemma, "say");
  EXPECT_EQ(first.cue_text, "said");
  EXPECT_EQ(first.content_text, claim.content.text);
  EXPECT_EQ(first.content_start, claim.content.span.start);
  EXPECT_EQ(first.content_end, claim.content.span.end);
  EXPECT_EQ(first.source_start, claim.source->span.start);
  EXPECT_EQ(first.cue_start, claim.cue.span.start);
  EXPECT_EQ(first.sentence, 0);
  EXPECT_EQ(first.sentence_text, std::string(doc.slice(doc.sentences[0].span)));
  EXPECT_EQ(first.extractor_version, kExtractorVersion);
  EXPECT_EQ(first.kind, "indirect");
  EXPECT_FALSE(first.anonymous);

  const ClaimRow& second = rows[1];
  EXPECT_TRUE(second.anonymous);
  EXPECT_EQ(second.source_text, "officials");
  EXPECT_EQ(second.source_entity_name, "");
  EXPECT_EQ(second.sentence, 1);
  // Sentence text is cut by bytes: the second sentence holds a non-ASCII character.
  EXPECT_EQ(second.sentence_text, std::string(doc.slice(doc.sentences[1].span)));

  // The remaining layers are stored as given.
  RawDb raw(path_);
  EXPECT_EQ(raw.Text("SELECT value FROM times"), "2024-07");
  EXPECT_EQ(raw.Text("SELECT unit FROM amounts"), "troops");
  EXPECT_EQ(raw.Int("SELECT value_max IS NULL FROM amounts"), 1);
  EXPECT_EQ(raw.Text("SELECT kind FROM signals"), "unnamed_source");
  EXPECT_EQ(raw.Text("SELECT title FROM documents"), doc.title);
  EXPECT_EQ(raw.Text("SELECT text FROM documents"), doc.text);
  EXPECT_EQ(raw.Text("SELECT content_hash FROM documents"), Store::ContentHash(doc));
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
}

TEST_F(StoreTest, RePutOfSameDocumentChangesNothing) {
  auto store = OpenOrDie(path_);
  Document doc = store_test::MinisterDocument("kyiv-1", "2024-06-18");
  ASSERT_TRUE(store->Put(doc).ok());
  StoreCounts before = Counts(*store);
  RawDb raw(path_);
  int64_t max_claim_id = raw.Int("SELECT max(id) FROM claims");
  std::string ingested_at = raw.Text("SELECT ingested_at FROM documents");
  EXPECT_EQ(ingested_at.size(), 20u) << ingested_at;  // 2024-06-18T10:00:00Z

  auto again = store->Put(doc);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again.value(), PutOutcome::kUnchanged);
  ExpectSameCounts(before, Counts(*store));
  EXPECT_EQ(raw.Int("SELECT max(id) FROM claims"), max_claim_id);  // rows were not rewritten
  EXPECT_EQ(raw.Text("SELECT ingested_at FROM documents"), ingested_at);
  auto unchanged = store->IsUnchanged(doc);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_TRUE(unchanged.value());
}

TEST_F(StoreTest, ChangedDocumentReplacesOldRows) {
  auto store = OpenOrDie(path_);
  Document v1 = store_test::MinisterDocument("kyiv-1", "2024-06-18");
  ASSERT_TRUE(store->Put(v1).ok());

  DocBuilder b("kyiv-1", "Ministry spokesman Petro Koval said the grain corridor remained open.", "2024-06-18");
  b.AddSentence("Ministry spokesman Petro Koval said the grain corridor remained open.");
  b.AddEntity("e1", "Petro Koval", "PERSON", "", {"Petro Koval"});
  b.AddClaim("Ministry spokesman Petro Koval", "e1", false, "said", "say",
             "the grain corridor remained open", 0);
  Document v2 = b.doc;
  EXPECT_FALSE(store->IsUnchanged(v2).value());

  auto put = store->Put(v2);
  ASSERT_TRUE(put.ok()) << put.status().message();
  EXPECT_EQ(put.value(), PutOutcome::kReplaced);

  StoreCounts c = Counts(*store);
  EXPECT_EQ(c.documents, 1);
  EXPECT_EQ(c.sentences, 1);
  EXPECT_EQ(c.claims, 1);
  EXPECT_EQ(c.mentions, 1);
  EXPECT_EQ(c.times, 0);
  EXPECT_EQ(c.amounts, 0);
  EXPECT_EQ(c.signals, 0);
  // Entities only the old version used are pruned.
  EXPECT_EQ(c.entities, 1);

  auto rows = Claims(*store);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].content_text, "the grain corridor remained open");
  // The search index forgot the old claims and is consistent with the table.
  EXPECT_TRUE(Claims(*store, {.about = "negotiations"}).empty());
  EXPECT_EQ(Claims(*store, {.about = "corridor"}).size(), 1u);
  RawDb raw(path_);
  raw.Exec("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)");
}

TEST_F(StoreTest, MetadataChangeAloneReplaces) {
  auto store = OpenOrDie(path_);
  Document doc = store_test::MinisterDocument("kyiv-1", "2024-06-18");
  ASSERT_TRUE(store->Put(doc).ok());
  doc.title = "A corrected headline";
  auto put = store->Put(doc);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put.value(), PutOutcome::kReplaced);
  EXPECT_EQ(Counts(*store).claims, 2);
  EXPECT_NE(Store::ContentHash(doc), Store::ContentHash(store_test::MinisterDocument("kyiv-1", "2024-06-18")));
}

TEST_F(StoreTest, FailedPutLeavesThePreviousVersionIntact) {
  auto store = OpenOrDie(path_);
  Document v1 = store_test::MinisterDocument("kyiv-1", "2024-06-18");
  ASSERT_TRUE(store->Put(v1).ok());
  StoreCounts before = Counts(*store);

  // v2 gets far (document row deleted, new rows inserted) before an inverted span
  // breaks a CHECK constraint on its last claim.
  Document v2 = store_test::MinisterDocument("kyiv-1", "2024-06-19");
  v2.claims.back().content.span = {40, 10};
  auto put = store->Put(v2);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(put.status().message().find(path_), std::string::npos) << put.status().message();
  EXPECT_NE(put.status().message().find("kyiv-1"), std::string::npos) << put.status().message();
  EXPECT_NE(put.status().message().find("CHECK constraint failed"), std::string::npos) << put.status().message();

  ExpectSameCounts(before, Counts(*store));
  EXPECT_TRUE(store->IsUnchanged(v1).value());
  auto rows = Claims(*store);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].published, "2024-06-18");
  // The store is still usable afterwards.
  auto fixed = store->Put(store_test::MinisterDocument("kyiv-1", "2024-06-19"));
  ASSERT_TRUE(fixed.ok()) << fixed.status().message();
  EXPECT_EQ(fixed.value(), PutOutcome::kReplaced);
}

TEST_F(StoreTest, BatchKeepsEachDocumentAllOrNothing) {
  auto store = OpenOrDie(path_);
  Document old_bad = store_test::MinisterDocument("bad", "2024-01-01");
  ASSERT_TRUE(store->Put(old_bad).ok());

  Document bad = store_test::MinisterDocument("bad", "2024-02-02");
  bad.entities[0].mentions[0].span = {9, 3};
  std::vector<Document> docs = {store_test::MinisterDocument("x", "2024-03-01"), bad,
                                store_test::MinisterDocument("y", "2024-03-02")};
  auto results = store->PutBatch(docs);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].ok()) << results[0].status().message();
  EXPECT_EQ(results[0].value(), PutOutcome::kInserted);
  ASSERT_FALSE(results[1].ok());
  EXPECT_NE(results[1].status().message().find("'bad'"), std::string::npos);
  ASSERT_TRUE(results[2].ok()) << results[2].status().message();
  EXPECT_FALSE(store->in_batch());

  EXPECT_EQ(CountDocuments(*store).value(), 3);
  EXPECT_TRUE(store->IsUnchanged(old_bad).value());
  EXPECT_EQ(Counts(*store).claims, 6);
}

TEST_F(StoreTest, RolledBackBatchStoresNothing) {
  auto store = OpenOrDie(path_);
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->Put(store_test::MinisterDocument("x", "2024-03-01")).ok());
  EXPECT_EQ(CountDocuments(*store).value(), 1);  // visible inside the transaction
  store->RollbackBatch();
  EXPECT_EQ(CountDocuments(*store).value(), 0);
  EXPECT_TRUE(store->CommitBatch().ok());  // nothing open, nothing to commit
  // Without a batch every Put commits on its own.
  ASSERT_TRUE(store->Put(store_test::MinisterDocument("x", "2024-03-01")).ok());
  EXPECT_EQ(CountDocuments(*store).value(), 1);
}

TEST_F(StoreTest, ClosingWithAnOpenBatchDiscardsIt) {
  {
    auto store = OpenOrDie(path_);
    ASSERT_TRUE(store->BeginBatch().ok());
    ASSERT_TRUE(store->Put(store_test::MinisterDocument("x", "2024-03-01")).ok());
  }
  auto store = OpenOrDie(path_);
  EXPECT_EQ(CountDocuments(*store).value(), 0);
}

TEST_F(StoreTest, ManyDocumentsInBatches) {
  auto store = OpenOrDie(path_);
  constexpr int kDocs = 512;
  constexpr int kBatch = 64;
  auto t0 = std::chrono::steady_clock::now();
  for (int start = 0; start < kDocs; start += kBatch) {
    std::vector<Document> batch;
    for (int i = start; i < start + kBatch; ++i) {
      batch.push_back(store_test::MinisterDocument("doc-" + std::to_string(i), "2024-05-01"));
    }
    for (auto& r : store->PutBatch(batch)) ASSERT_TRUE(r.ok()) << r.status().message();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "[ figures  ] " << kDocs << " documents in batches of " << kBatch << ": " << seconds << " s ("
            << kDocs / seconds << " docs/s)\n";
  StoreCounts c = Counts(*store);
  EXPECT_EQ(c.documents, kDocs);
  EXPECT_EQ(c.claims, 2 * kDocs);
  // Entities are global: the same three entities in every document.
  EXPECT_EQ(c.entities, 3);
  auto entities = QueryEntities(*store, "");
  ASSERT_TRUE(entities.ok());
  ASSERT_FALSE(entities->empty());
  EXPECT_EQ(entities->front().documents, kDocs);
}

TEST_F(StoreTest, EmptyIdIsInvalidInput) {
  auto store = OpenOrDie(path_);
  Document doc = store_test::MinisterDocument("", "2024-06-18");
  auto put = store->Put(doc);
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidInput);
}

TEST_F(StoreTest, ReadOnlyStoreRefusesWritesButAnswersQueries) {
  {
    auto store = OpenOrDie(path_);
    ASSERT_TRUE(store->Put(store_test::MinisterDocument("kyiv-1", "2024-06-18")).ok());
  }
  auto store = OpenOrDie(path_, {.read_only = true});
  EXPECT_TRUE(store->read_only());
  auto put = store->Put(store_test::MinisterDocument("kyiv-2", "2024-06-18"));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(put.status().message().find(path_), std::string::npos) << put.status().message();
  EXPECT_NE(put.status().message().find("attempt to write a readonly database"), std::string::npos)
      << put.status().message();
  EXPECT_EQ(Claims(*store).size(), 2u);
}

TEST_F(StoreTest, ReadOnlyFileRefusesWrites) {
  {
    auto store = OpenOrDie(path_);
    ASSERT_TRUE(store->Put(store_test::MinisterDocument("kyiv-1", "2024-06-18")).ok());
  }
  const std::string copy = dir_.path() + "/copy.db";
  std::filesystem::copy_file(path_, copy);
  ASSERT_EQ(chmod(copy.c_str(), 0444), 0);
  // Only the file is read-only: WAL readers may still create the -shm file beside it.
  ASSERT_EQ(chmod(dir_.path().c_str(), 0777), 0);

  // Runs in a child process, which gives up root first (root may write 0444 files).
  auto put_into_read_only_file = [&] {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) {
      std::fprintf(stderr, "cannot drop root\n");
      std::_Exit(2);
    }
    if (access(copy.c_str(), W_OK) == 0) {
      std::fprintf(stderr, "file is still writable\n");
      std::_Exit(3);
    }
    auto store = Store::Open(copy);
    if (!store.ok()) {
      std::fprintf(stderr, "open failed: %s\n", store.status().message().c_str());
      std::_Exit(4);
    }
    if (!store.value()->read_only()) std::_Exit(5);
    if (!CountDocuments(*store.value()).ok()) std::_Exit(6);
    auto put = store.value()->Put(store_test::MinisterDocument("kyiv-2", "2024-06-18"));
    if (put.ok()) std::_Exit(7);
    std::fprintf(stderr, "%s\n", put.status().message().c_str());
    std::_Exit(put.status().code() == StatusCode::kDatabaseError ? 0 : 8);
  };
  GTEST_FLAG_SET(death_test_style, "fast");
  EXPECT_EXIT(put_into_read_only_file(), ::testing::ExitedWithCode(0), "copy\\.db: .*readonly database");
}

TEST_F(StoreTest, LockedDatabaseFailsAfterBusyTimeout) {
  auto store = OpenOrDie(path_, {.busy_timeout_ms = 150});
  ASSERT_TRUE(store->Put(store_test::MinisterDocument("kyiv-1", "2024-06-18")).ok());

  RawDb other(path_);
  other.Exec("BEGIN EXCLUSIVE");
  other.Exec("DELETE FROM signals");
  auto t0 = std::chrono::steady_clock::now();
  auto put = store->Put(store_test::MinisterDocument("kyiv-2", "2024-06-18"));
  auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(put.status().message().find(path_), std::string::npos) << put.status().message();
  EXPECT_NE(put.status().message().find("database is locked"), std::string::npos) << put.status().message();
  EXPECT_GE(waited, std::chrono::milliseconds(100));

  // WAL: reading goes on while the other connection holds the write lock, and sees
  // the last committed state.
  EXPECT_EQ(Counts(*store).signals, 1);
  for (bool read_only : {true, false}) {
    auto another = Store::Open(path_, {.read_only = read_only, .busy_timeout_ms = 150});
    ASSERT_TRUE(another.ok()) << another.status().message();
    EXPECT_EQ(CountDocuments(*another.value()).value(), 1);
  }
  EXPECT_FALSE(store->BeginBatch().ok());
  EXPECT_FALSE(store->in_batch());

  other.Exec("ROLLBACK");
  auto retry = store->Put(store_test::MinisterDocument("kyiv-2", "2024-06-18"));
  ASSERT_TRUE(retry.ok()) << retry.status().message();
  EXPECT_EQ(CountDocuments(*store).value(), 2);
}

TEST_F(StoreTest, ReadersSeeOnlyCommittedBatches) {
  auto writer = OpenOrDie(path_);
  auto reader = OpenOrDie(path_, {.read_only = true, .busy_timeout_ms = 100});
  ASSERT_TRUE(writer->BeginBatch().ok());
  ASSERT_TRUE(writer->Put(store_test::MinisterDocument("kyiv-1", "2024-06-18")).ok());
  auto during = CountDocuments(*reader);
  ASSERT_TRUE(during.ok()) << during.status().message();
  EXPECT_EQ(during.value(), 0);
  ASSERT_TRUE(writer->CommitBatch().ok());
  EXPECT_EQ(CountDocuments(*reader).value(), 1);
}

TEST_F(StoreTest, NewerSchemaIsRefusedUntouched) {
  { OpenOrDie(path_); }
  {
    RawDb raw(path_);
    raw.Exec("PRAGMA user_version = " + std::to_string(store_internal::kSchemaVersion + 5));
  }
  for (bool read_only : {false, true}) {
    auto store = Store::Open(path_, read_only);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kUnsupported);
    const std::string& m = store.status().message();
    EXPECT_NE(m.find(path_), std::string::npos) << m;
    EXPECT_NE(m.find("version " + std::to_string(store_internal::kSchemaVersion + 5)), std::string::npos) << m;
    EXPECT_NE(m.find("newer"), std::string::npos) << m;
  }
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), store_internal::kSchemaVersion + 5);
}

TEST_F(StoreTest, OldSchemaIsMigratedKeepingItsData) {
  {
    // A database as the first release wrote it: migration 1 only, with one claim.
    RawDb raw(path_);
    raw.Exec(store_internal::kMigrations[0]);
    raw.Exec("PRAGMA user_version = 1");
    raw.Exec(
        "INSERT INTO documents(id, content_hash, extractor_version, ingested_at, published, text) VALUES "
        "('old', '0', 'claimgraph-0.0.9', '2024-01-01T00:00:00Z', '2024-01-01', "
        "'The mayor said the bridge reopens soon.')");
    raw.Exec(
        "INSERT INTO claims(doc, sentence, source_text, source_start, source_end, cue_text, cue_lemma, "
        "cue_start, cue_end, content_text, content_start, content_end, extractor_version) VALUES "
        "('old', 0, 'The mayor', 0, 9, 'said', 'say', 10, 14, 'the bridge reopens soon', 15, 38, "
        "'claimgraph-0.0.9')");
  }
  // Read-only cannot migrate.
  auto ro = Store::Open(path_, true);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(ro.status().message().find("migrated"), std::string::npos) << ro.status().message();

  auto store = OpenOrDie(path_);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), store_internal::kSchemaVersion);
  // Migration 2 indexed the claim that was already there.
  auto rows = Claims(*store, {.about = "bridge"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].doc_id, "old");
  EXPECT_EQ(rows[0].extractor_version, "claimgraph-0.0.9");
  // And new documents go in beside it.
  ASSERT_TRUE(store->Put(store_test::MinisterDocument("kyiv-1", "2024-06-18")).ok());
  EXPECT_EQ(CountDocuments(*store).value(), 2);
}

TEST_F(StoreTest, ForeignDatabaseIsRefused) {
  {
    RawDb raw(path_);
    raw.Exec("CREATE TABLE recipes(name TEXT)");
  }
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(store.status().message().find("not a claimgraph database"), std::string::npos);
  RawDb raw(path_);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema"), 1);
}

TEST_F(StoreTest, FileThatIsNotSqliteIsRefused) {
  std::ofstream(path_) << "this is a plain text file, long enough to hold a header of a hundred bytes or so, "
                          "which SQLite reads before anything else.\n";
  auto store = Store::Open(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(store.status().message().find(path_), std::string::npos);
  EXPECT_NE(store.status().message().find("not a database"), std::string::npos) << store.status().message();
}

TEST_F(StoreTest, MissingDirectoryIsAnOpenError) {
  auto store = Store::Open(dir_.path() + "/no/such/dir/claims.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabaseError);
  EXPECT_NE(store.status().message().find("no/such/dir/claims.db"), std::string::npos);
}

TEST(ContentHash, CoversTextMetadataAndFieldBoundaries) {
  Document a = store_test::MinisterDocument("d", "2024-06-18");
  Document b = a;
  EXPECT_EQ(Store::ContentHash(a), Store::ContentHash(b));
  EXPECT_EQ(Store::ContentHash(a).size(), 16u);
  b.text += " ";
  EXPECT_NE(Store::ContentHash(a), Store::ContentHash(b));
  b = a;
  b.author = "Someone";
  EXPECT_NE(Store::ContentHash(a), Store::ContentHash(b));
  // Moving a character from one field to the next changes the hash.
  Document c = a, d = a;
  c.title = "ab";
  c.source = "c";
  d.title = "a";
  d.source = "bc";
  EXPECT_NE(Store::ContentHash(c), Store::ContentHash(d));
  // The analysis layers are derived from text and metadata, so they do not count.
  b = a;
  b.claims.clear();
  EXPECT_EQ(Store::ContentHash(a), Store::ContentHash(b));
}

}  // namespace
}  // namespace claimgraph
