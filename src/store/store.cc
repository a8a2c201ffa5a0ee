#include "claimgraph/store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <xxhash.h>

#include <unordered_map>
#include <utility>

#include "core/utf8.h"
#include "store/schema.h"
#include "store/sqlite_util.h"

namespace claimgraph {

using store_internal::DbError;
using store_internal::Exec;
using store_internal::kMigrations;
using store_internal::kSchemaVersion;
using store_internal::ResetOnExit;
using store_internal::Stmt;

namespace {

// cg_lower(text): Unicode lower case for case-insensitive matching in queries (SQLite's
// lower() folds ASCII only). Registered per connection and never used in the schema,
// so the sqlite3 shell can still open our databases.
void SqlLower(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  std::string lowered = utf8::Lower(std::string_view(p, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text64(ctx, lowered.data(), lowered.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// The key that makes an entity global: a linked entity is the same wherever it is
// mentioned; an unlinked one is the same when type and lower-cased name agree.
std::string EntityKey(const Entity& e) {
  if (!e.kb.empty()) return "kb:" + e.kb;
  return e.type + ":" + utf8::Lower(e.name);
}

void HashField(XXH3_state_t* state, std::string_view s) {
  // Length first, so ("ab","c") and ("a","bc") hash differently.
  uint64_t n = s.size();
  XXH3_64bits_update(state, &n, sizeof n);
  XXH3_64bits_update(state, s.data(), s.size());
}

}  // namespace

const char* ToString(PutOutcome outcome) {
  switch (outcome) {
    case PutOutcome::kInserted: return "inserted";
    case PutOutcome::kUnchanged: return "unchanged";
    case PutOutcome::kReplaced: return "replaced";
  }
  return "?";
}

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  bool read_only = false;
  bool in_batch = false;
  bool batch_lost = false;  // SQLite rolled the batch back under us

  // Statements of Put, prepared on first use.
  bool write_prepared = false;
  Stmt select_hash, select_old_entities, delete_doc, insert_doc, insert_sentence, find_entity,
      insert_entity, insert_mention, insert_claim, insert_time, insert_amount, insert_signal, prune_entity;

  ~Impl() {
    if (in_batch) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    // close_v2 defers the close until the statements above are finalised.
    sqlite3_close_v2(db);
  }

  Status Error(std::string_view what) const { return DbError(db, path, what); }

  Status PrepareWriteStatements();
  Result<PutOutcome> PutInTransaction(const Document& doc, const std::string& hash);
  Status Migrate();
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
bool Store::read_only() const { return impl_->read_only; }
bool Store::in_batch() const { return impl_->in_batch; }
sqlite3* Store::handle() const { return impl_->db; }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, bool read_only) {
  StoreOptions options;
  options.read_only = read_only;
  return Open(path, options);
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = options.read_only;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string cause = impl->db != nullptr ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
    return Status::DatabaseError(fmt::format("{}: cannot open database: {}", path, cause));
  }
  sqlite3* db = impl->db;
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (sqlite3_create_function_v2(db, "cg_lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 SqlLower, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return impl->Error("registering cg_lower");
  }
  // A file the process may not write opens read-only even without the option.
  if (sqlite3_db_readonly(db, "main") == 1) impl->read_only = true;

  if (Status s = Exec(db, path, "PRAGMA foreign_keys = ON", "enabling foreign keys"); !s.ok()) return s;

  // The version is read before anything is written, so a newer database is refused
  // untouched. This is also where a file that is not SQLite at all fails.
  Stmt version_stmt;
  if (version_stmt.Prepare(db, "PRAGMA user_version") != SQLITE_OK || version_stmt.Step() != SQLITE_ROW) {
    return impl->Error("reading the schema version");
  }
  int version = static_cast<int>(version_stmt.Int(0));
  version_stmt = Stmt();
  if (version > kSchemaVersion) {
    return Status::Unsupported(
        fmt::format("{}: database schema version {} is newer than this claimgraph supports ({}); "
                    "use a newer claimgraph",
                    path, version, kSchemaVersion));
  }

  if (!impl->read_only) {
    // WAL: readers never block the writer nor the writer the readers. NORMAL sync is
    // durable across process crashes in WAL mode and much faster than FULL.
    Status wal = Exec(db, path, "PRAGMA journal_mode = WAL", "switching to WAL mode");
    if (!wal.ok()) {
      if (sqlite3_errcode(db) != SQLITE_READONLY) return wal;
      impl->read_only = true;  // the file or its directory is not writable
    } else if (Status s = Exec(db, path, "PRAGMA synchronous = NORMAL", "setting synchronous"); !s.ok()) {
      return s;
    }
  }

  if (version < kSchemaVersion) {
    if (impl->read_only) {
      return Status::Unsupported(
          fmt::format("{}: database schema version {} must be migrated to {}, which a read-only "
                      "connection cannot do; open it once for writing",
                      path, version, kSchemaVersion));
    }
    if (Status s = impl->Migrate(); !s.ok()) return s;
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Status Store::Impl::Migrate() {
  // IMMEDIATE takes the write lock first, so two processes opening a fresh file at
  // once migrate it once: the second re-reads the version after the first commits.
  if (Status s = Exec(db, path, "BEGIN IMMEDIATE", "migrating the schema"); !s.ok()) return s;
  auto fail = [&](Status s) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  };
  Stmt q;
  if (q.Prepare(db, "PRAGMA user_version") != SQLITE_OK || q.Step() != SQLITE_ROW) {
    return fail(Error("reading the schema version"));
  }
  int version = static_cast<int>(q.Int(0));
  q = Stmt();
  if (version == 0) {
    if (q.Prepare(db, "SELECT count(*) FROM sqlite_schema") != SQLITE_OK || q.Step() != SQLITE_ROW) {
      return fail(Error("reading the schema"));
    }
    if (q.Int(0) > 0) {
      return fail(Status::DatabaseError(
          fmt::format("{}: not a claimgraph database (it has tables but no claimgraph schema version)", path)));
    }
    q = Stmt();
  }
  for (int v = version; v < kSchemaVersion; ++v) {
    if (Status s = Exec(db, path, kMigrations[static_cast<size_t>(v)], fmt::format("applying migration {}", v + 1));
        !s.ok()) {
      return fail(s);
    }
  }
  std::string set_version = fmt::format("PRAGMA user_version = {}", kSchemaVersion);
  if (Status s = Exec(db, path, set_version.c_str(), "recording the schema version"); !s.ok()) return fail(s);
  if (Status s = Exec(db, path, "COMMIT", "committing the migration"); !s.ok()) return fail(s);
  return Status::Ok();
}

Status Store::Impl::PrepareWriteStatements() {
  if (write_prepared) return Status::Ok();
  struct Item {
    Stmt* stmt;
    const char* sql;
  };
  const Item items[] = {
      {&select_hash, "SELECT content_hash FROM documents WHERE id = ?1"},
      {&select_old_entities,
       "SELECT entity FROM mentions WHERE doc = ?1 "
       "UNION SELECT source_entity FROM claims WHERE doc = ?1 AND source_entity IS NOT NULL"},
      {&delete_doc, "DELETE FROM documents WHERE id = ?1"},
      {&insert_doc,
       "INSERT INTO documents(id, url, path, title, source, author, published, published_method, format, "
       "content_hash, extractor_version, ingested_at, body_start, text) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?12, ?13)"},
      {&insert_sentence,
       "INSERT INTO sentences(doc, idx, start, \"end\", paragraph, headline) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&find_entity, "SELECT id FROM entities WHERE key = ?1"},
      {&insert_entity, "INSERT INTO entities(key, name, type, kb) VALUES (?1, ?2, ?3, ?4)"},
      {&insert_mention,
       "INSERT INTO mentions(doc, entity, doc_entity_id, start, \"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&insert_claim,
       "INSERT INTO claims(doc, sentence, source_text, source_start, source_end, source_entity, "
       "source_doc_entity, anonymous, cue_text, cue_lemma, cue_start, cue_end, content_text, content_start, "
       "content_end, kind, extractor_version) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"},
      {&insert_time,
       "INSERT INTO times(doc, start, \"end\", text, type, value, anchor, certainty) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
      {&insert_amount,
       "INSERT INTO amounts(doc, start, \"end\", text, value, value_max, unit, approx, per, vague) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
      {&insert_signal,
       "INSERT INTO signals(doc, kind, start, \"end\", text, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&prune_entity,
       "DELETE FROM entities WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity = ?1) "
       "AND NOT EXISTS (SELECT 1 FROM claims WHERE source_entity = ?1)"},
  };
  for (const Item& item : items) {
    if (item.stmt->Prepare(db, item.sql) != SQLITE_OK) return Error("preparing statements for storing");
  }
  write_prepared = true;
  return Status::Ok();
}

std::string Store::ContentHash(const Document& doc) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (std::string_view field : {std::string_view(doc.text), std::string_view(doc.url), std::string_view(doc.path),
                                 std::string_view(doc.title), std::string_view(doc.source),
                                 std::string_view(doc.author), std::string_view(doc.published),
                                 std::string_view(doc.published_method), std::string_view(doc.format),
                                 std::string_view(kExtractorVersion)}) {
    HashField(state, field);
  }
  uint64_t body_start = doc.body_start;
  XXH3_64bits_update(state, &body_start, sizeof body_start);
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return fmt::format("{:016x}", h);
}

Result<PutOutcome> Store::Impl::PutInTransaction(const Document& doc, const std::string& hash) {
  const std::string what = fmt::format("storing document '{}'", doc.id);
  auto fail = [&]() { return Error(what); };

  // 1. Unchanged? Otherwise remember which entities the old version used.
  bool existed = false;
  {
    ResetOnExit reset(select_hash);
    select_hash.BindText(1, doc.id);
    int rc = select_hash.Step();
    if (rc == SQLITE_ROW) {
      if (select_hash.Text(0) == hash) return PutOutcome::kUnchanged;
      existed = true;
    } else if (rc != SQLITE_DONE) {
      return fail();
    }
  }
  std::vector<int64_t> old_entities;
  if (existed) {
    {
      ResetOnExit reset(select_old_entities);
      select_old_entities.BindText(1, doc.id);
      int rc;
      while ((rc = select_old_entities.Step()) == SQLITE_ROW) old_entities.push_back(select_old_entities.Int(0));
      if (rc != SQLITE_DONE) return fail();
    }
    // Cascades to every layer table (and, by trigger, to the search index).
    delete_doc.BindText(1, doc.id);
    if (delete_doc.Run() != SQLITE_DONE) return fail();
  }

  // 2. The document row.
  Stmt& d = insert_doc;
  d.BindText(1, doc.id);
  d.BindText(2, doc.url);
  d.BindText(3, doc.path);
  d.BindText(4, doc.title);
  d.BindText(5, doc.source);
  d.BindText(6, doc.author);
  d.BindText(7, doc.published);
  d.BindText(8, doc.published_method);
  d.BindText(9, doc.format);
  d.BindText(10, hash);
  d.BindText(11, kExtractorVersion);
  d.BindInt(12, doc.body_start);
  d.BindText(13, doc.text);
  if (d.Run() != SQLITE_DONE) return fail();

  // 3. Layers.
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    Stmt& st = insert_sentence;
    st.BindText(1, doc.id);
    st.BindInt(2, static_cast<int64_t>(i));
    st.BindInt(3, s.span.start);
    st.BindInt(4, s.span.end);
    st.BindInt(5, s.paragraph);
    st.BindInt(6, s.headline ? 1 : 0);
    if (st.Run() != SQLITE_DONE) return fail();
  }

  std::unordered_map<std::string, int64_t> global_id;  // Entity::id -> entities.id
  for (const Entity& e : doc.entities) {
    std::string key = EntityKey(e);
    int64_t id = 0;
    {
      ResetOnExit reset(find_entity);
      find_entity.BindText(1, key);
      int rc = find_entity.Step();
      if (rc == SQLITE_ROW) {
        id = find_entity.Int(0);
      } else if (rc != SQLITE_DONE) {
        return fail();
      }
    }
    if (id == 0) {
      insert_entity.BindText(1, key);
      insert_entity.BindText(2, e.name);
      insert_entity.BindText(3, e.type);
      insert_entity.BindTextOrNull(4, e.kb);
      if (insert_entity.Run() != SQLITE_DONE) return fail();
      id = sqlite3_last_insert_rowid(db);
    }
    global_id[e.id] = id;
    for (const Mention& m : e.mentions) {
      Stmt& st = insert_mention;
      st.BindText(1, doc.id);
      st.BindInt(2, id);
      st.BindText(3, e.id);
      st.BindInt(4, m.span.start);
      st.BindInt(5, m.span.end);
      st.BindText(6, m.text);
      if (st.Run() != SQLITE_DONE) return fail();
    }
  }

  for (const Claim& c : doc.claims) {
    Stmt& st = insert_claim;
    st.BindText(1, doc.id);
    st.BindInt(2, c.sentence);
    if (c.source) {
      st.BindText(3, c.source->text);
      st.BindInt(4, c.source->span.start);
      st.BindInt(5, c.source->span.end);
    } else {
      st.BindNull(3);
      st.BindNull(4);
      st.BindNull(5);
    }
    auto it = c.source_entity.empty() ? global_id.end() : global_id.find(c.source_entity);
    if (it != global_id.end()) {
      st.BindInt(6, it->second);
    } else {
      st.BindNull(6);
    }
    st.BindTextOrNull(7, c.source_entity);
    st.BindInt(8, c.anonymous ? 1 : 0);
    st.BindText(9, c.cue.text);
    st.BindText(10, c.cue_lemma);
    st.BindInt(11, c.cue.span.start);
    st.BindInt(12, c.cue.span.end);
    st.BindText(13, c.content.text);
    st.BindInt(14, c.content.span.start);
    st.BindInt(15, c.content.span.end);
    st.BindText(16, c.kind);
    st.BindText(17, kExtractorVersion);
    if (st.Run() != SQLITE_DONE) return fail();
  }

  for (const Timex& t : doc.times) {
    Stmt& st = insert_time;
    st.BindText(1, doc.id);
    st.BindInt(2, t.span.start);
    st.BindInt(3, t.span.end);
    st.BindText(4, t.text);
    st.BindText(5, t.type);
    st.BindText(6, t.value);
    st.BindTextOrNull(7, t.anchor);
    st.BindDouble(8, t.certainty);
    if (st.Run() != SQLITE_DONE) return fail();
  }

  for (const Amount& a : doc.amounts) {
    Stmt& st = insert_amount;
    st.BindText(1, doc.id);
    st.BindInt(2, a.span.start);
    st.BindInt(3, a.span.end);
    st.BindText(4, a.text);
    st.BindDouble(5, a.value);
    if (a.value_max) {
      st.BindDouble(6, *a.value_max);
    } else {
      st.BindNull(6);
    }
    st.BindText(7, a.unit);
    st.BindText(8, a.approx);
    st.BindTextOrNull(9, a.per);
    st.BindInt(10, a.vague ? 1 : 0);
    if (st.Run() != SQLITE_DONE) return fail();
  }

  for (const Signal& s : doc.signals) {
    Stmt& st = insert_signal;
    st.BindText(1, doc.id);
    st.BindText(2, s.kind);
    st.BindInt(3, s.span.start);
    st.BindInt(4, s.span.end);
    st.BindText(5, s.text);
    st.BindText(6, s.note);
    if (st.Run() != SQLITE_DONE) return fail();
  }

  // 4. Entities only the old version referred to are dropped.
  for (int64_t id : old_entities) {
    prune_entity.BindInt(1, id);
    if (prune_entity.Run() != SQLITE_DONE) return fail();
  }
  return existed ? PutOutcome::kReplaced : PutOutcome::kInserted;
}

Result<PutOutcome> Store::Put(const Document& doc) {
  Impl& im = *impl_;
  if (doc.id.empty()) {
    return Status::InvalidInput(fmt::format("{}: cannot store a document without id (read from '{}')", im.path,
                                            doc.path));
  }
  if (Status s = im.PrepareWriteStatements(); !s.ok()) return s;
  const std::string what = fmt::format("storing document '{}'", doc.id);
  const std::string hash = ContentHash(doc);

  // Outside a batch the document gets its own transaction; inside, a savepoint.
  // IMMEDIATE takes the write lock up front: a deferred transaction that read first
  // could not wait for the lock and would fail at once under concurrency.
  const char* begin = im.in_batch ? "SAVEPOINT put_document" : "BEGIN IMMEDIATE";
  if (Status s = Exec(im.db, im.path, begin, what); !s.ok()) return s;

  Result<PutOutcome> result = im.PutInTransaction(doc, hash);
  if (result.ok()) {
    const char* commit = im.in_batch ? "RELEASE put_document" : "COMMIT";
    Status s = Exec(im.db, im.path, commit, what);
    if (s.ok()) return result;
    result = std::move(s);
  }

  // Undo this document only. An I/O error or full disk may already have made SQLite
  // roll back the whole transaction; then there is nothing left to undo.
  if (sqlite3_get_autocommit(im.db) == 0) {
    const char* undo = im.in_batch ? "ROLLBACK TO put_document; RELEASE put_document" : "ROLLBACK";
    sqlite3_exec(im.db, undo, nullptr, nullptr, nullptr);
  } else if (im.in_batch) {
    im.in_batch = false;
    im.batch_lost = true;
  }
  return result;
}

Status Store::BeginBatch() {
  Impl& im = *impl_;
  assert(!im.in_batch && "BeginBatch while a batch is open");
  if (Status s = Exec(im.db, im.path, "BEGIN IMMEDIATE", "starting a batch"); !s.ok()) return s;
  im.in_batch = true;
  im.batch_lost = false;
  return Status::Ok();
}

Status Store::CommitBatch() {
  Impl& im = *impl_;
  if (im.batch_lost) {
    im.batch_lost = false;
    return Status::DatabaseError(
        fmt::format("{}: committing a batch: SQLite aborted the transaction; the batch was not stored", im.path));
  }
  if (!im.in_batch) return Status::Ok();  // nothing open: nothing to commit
  Status s = Exec(im.db, im.path, "COMMIT", "committing a batch");
  if (!s.ok() && sqlite3_get_autocommit(im.db) == 0) sqlite3_exec(im.db, "ROLLBACK", nullptr, nullptr, nullptr);
  im.in_batch = false;
  return s;
}

void Store::RollbackBatch() {
  Impl& im = *impl_;
  if (im.in_batch && sqlite3_get_autocommit(im.db) == 0) {
    sqlite3_exec(im.db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  im.in_batch = false;
  im.batch_lost = false;
}

std::vector<Result<PutOutcome>> Store::PutBatch(std::span<const Document> docs) {
  std::vector<Result<PutOutcome>> results;
  results.reserve(docs.size());
  if (Status s = BeginBatch(); !s.ok()) {
    for (size_t i = 0; i < docs.size(); ++i) results.emplace_back(s);
    return results;
  }
  for (const Document& doc : docs) results.push_back(Put(doc));
  if (Status s = CommitBatch(); !s.ok()) {
    for (auto& r : results) {
      if (r.ok()) r = s;
    }
  }
  return results;
}

Result<bool> Store::IsUnchanged(const Document& doc) {
  Impl& im = *impl_;
  Stmt q;
  if (q.Prepare(im.db, "SELECT content_hash FROM documents WHERE id = ?1") != SQLITE_OK) {
    return im.Error("looking up a document");
  }
  q.BindText(1, doc.id);
  int rc = q.Step();
  if (rc == SQLITE_DONE) return false;
  if (rc != SQLITE_ROW) return im.Error(fmt::format("looking up document '{}'", doc.id));
  return q.Text(0) == ContentHash(doc);
}

}  // namespace claimgraph
