// claimgraph claims | entities | sources: read-only queries over the database.
#include <filesystem>
#include <iostream>

#include "claimgraph/query.h"
#include "claimgraph/store.h"
#include "commands.h"

namespace claimgraph::cli {
namespace {

Result<std::unique_ptr<Store>> OpenForQuery(const std::string& db) {
  if (!std::filesystem::exists(db))
    return Status::NotFound(db + ": no such database (run 'claimgraph ingest PATH --db " + db + "' first)");
  return Store::Open(db, /*read_only=*/true);
}

template <class Rows>
int Emit(const Result<Rows>& rows, const std::string& out) {
  if (!rows.ok()) {
    std::cerr << "claimgraph: " << rows.status().message() << "\n";
    return 1;
  }
  std::cout << out;
  return 0;
}

}  // namespace

int RunClaims(const QueryOptions& o) {
  auto store = OpenForQuery(o.db);
  if (!store.ok()) { std::cerr << "claimgraph: " << store.status().message() << "\n"; return 1; }
  ClaimFilter f;
  f.about = o.about;
  f.by = o.by;
  f.since = o.since;
  f.unattributed_only = o.unattributed;
  f.limit = o.limit;
  auto rows = QueryClaims(**store, f);
  return Emit(rows, rows.ok() ? FormatClaims(*rows, o.format) : "");
}

int RunEntities(const QueryOptions& o) {
  auto store = OpenForQuery(o.db);
  if (!store.ok()) { std::cerr << "claimgraph: " << store.status().message() << "\n"; return 1; }
  std::string type = o.type;
  for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto rows = QueryEntities(**store, type);
  return Emit(rows, rows.ok() ? FormatEntities(*rows, o.format) : "");
}

int RunSources(const QueryOptions& o) {
  auto store = OpenForQuery(o.db);
  if (!store.ok()) { std::cerr << "claimgraph: " << store.status().message() << "\n"; return 1; }
  auto rows = QuerySources(**store);
  return Emit(rows, rows.ok() ? FormatSources(*rows, o.format) : "");
}

}  // namespace claimgraph::cli
