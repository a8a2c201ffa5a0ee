// Thin RAII over the SQLite C API, private to the store: prepared statements and
// error messages that name the database file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "claimgraph/status.h"

namespace claimgraph::store_internal {

// One prepared statement. Not copyable; finalised on destruction. Text is bound with
// SQLITE_TRANSIENT (SQLite copies it), so arguments may be temporaries.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt();
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // SQLite result code; on failure the statement stays empty.
  int Prepare(sqlite3* db, std::string_view sql);
  bool prepared() const { return stmt_ != nullptr; }

  // Parameters are 1-based, as in SQLite. ParamIndex(":name") is 0 when absent.
  int ParamIndex(const char* name) const;
  void BindText(int i, std::string_view s);
  void BindTextOrNull(int i, std::string_view s);  // NULL when s is empty
  void BindInt(int i, int64_t v);
  void BindDouble(int i, double v);
  void BindNull(int i);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step();
  // Steps to completion and resets: for statements that return no rows.
  int Run();
  // Ready for reuse with new bindings.
  void Reset();

  // Columns are 0-based. NULL reads as "" / 0.
  std::string Text(int i) const;
  int64_t Int(int i) const;
  double Double(int i) const;
  bool IsNull(int i) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement when leaving a scope, so a failed step never leaves it active
// (an active statement would hold a read lock and block ROLLBACK TO).
class ResetOnExit {
 public:
  explicit ResetOnExit(Stmt& s) : s_(s) {}
  ~ResetOnExit() { s_.Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Stmt& s_;
};

// "<path>: <what>: <SQLite's message>", e.g. "/x/claims.db: storing document 'd1': database is locked".
Status DbError(sqlite3* db, const std::string& path, std::string_view what);

// Runs one or more statements without results (sqlite3_exec).
Status Exec(sqlite3* db, const std::string& path, const char* sql, std::string_view what);

}  // namespace claimgraph::store_internal
