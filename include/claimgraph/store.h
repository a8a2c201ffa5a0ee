// The SQLite database of analysed documents (schema: doc/formats/sqlite_schema.md).
// Store owns one connection. It is not thread-safe: use it from one thread at a time;
// for parallel reading open one Store per thread (WAL mode lets readers run while a
// writer writes). Queries over a Store are in claimgraph/query.h.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

struct sqlite3;

namespace claimgraph {

struct StoreOptions {
  // Open without write access: Put fails, the schema is never migrated.
  bool read_only = false;
  // How long a statement waits for another connection's lock before failing with
  // "database is locked".
  int busy_timeout_ms = 5000;
};

enum class PutOutcome {
  kInserted,   // the id was not stored before
  kUnchanged,  // same id and same content hash: nothing was written
  kReplaced,   // same id, different content hash: old rows deleted, new ones written
};

const char* ToString(PutOutcome outcome);  // "inserted" | "unchanged" | "replaced"

class Store {
 public:
  // Opens (creating when absent and not read-only) the database at `path`, in WAL
  // mode, and brings its schema to the current version. Fails with
  //  - DatabaseError naming the file when SQLite cannot open it, it is locked beyond
  //    the busy timeout, or it is not a claimgraph database;
  //  - Unsupported when its schema version is newer than this build knows, or older
  //    and the store is read-only (so it cannot be migrated).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool read_only = false);

  // Rolls back a batch that was not committed.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores `doc` (metadata, text, sentences, entities, mentions, claims, times,
  // amounts, signals) keyed by doc.id; see PutOutcome. Always all-or-nothing: on any
  // failure nothing of this document is written and the version stored before, if
  // any, is left intact. Errors: InvalidInput for an empty id; DatabaseError naming
  // the file, the document and SQLite's cause ("database is locked", "attempt to write
  // a readonly database", "CHECK constraint failed" for an inverted span...).
  Result<PutOutcome> Put(const Document& doc);

  // Batches: between BeginBatch and CommitBatch every Put runs inside one transaction
  // (one disk sync per batch instead of per document; the write lock is held
  // throughout). Each Put keeps its own SAVEPOINT, so a failed document leaves the
  // others of the batch intact. Other connections see the batch only after
  // CommitBatch. If SQLite itself aborts the transaction (disk full, I/O error) the
  // whole batch is lost and CommitBatch says so. CommitBatch without an open batch
  // (e.g. after BeginBatch failed) has nothing to commit and returns Ok.
  Status BeginBatch();
  Status CommitBatch();
  void RollbackBatch();
  bool in_batch() const;

  // BeginBatch, Put of each document, CommitBatch. One Result per document, in order;
  // when the commit fails every document's Result becomes that error.
  std::vector<Result<PutOutcome>> PutBatch(std::span<const Document> docs);

  // True when doc.id is stored with the same content hash, i.e. Put would return
  // kUnchanged. Lets ingest skip analysing documents it already has: the hash depends
  // only on text and metadata, which are known before analysis.
  Result<bool> IsUnchanged(const Document& doc);

  // 16 hex digits of XXH3-64 over the text, the metadata fields and kExtractorVersion.
  static std::string ContentHash(const Document& doc);

  const std::string& path() const;
  bool read_only() const;

  // The connection, for the query functions of claimgraph/query.h. Owned by the
  // Store and valid while it lives; never close it.
  sqlite3* handle() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimgraph
