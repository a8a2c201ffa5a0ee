#include "store/sqlite_util.h"

#include <fmt/format.h>

#include <utility>

namespace claimgraph::store_internal {

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

int Stmt::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_finalize(stmt_);
  stmt_ = nullptr;
  return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                            nullptr);
}

int Stmt::ParamIndex(const char* name) const { return sqlite3_bind_parameter_index(stmt_, name); }

void Stmt::BindText(int i, std::string_view s) {
  sqlite3_bind_text64(stmt_, i, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Stmt::BindTextOrNull(int i, std::string_view s) {
  if (s.empty()) {
    BindNull(i);
  } else {
    BindText(i, s);
  }
}

void Stmt::BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
void Stmt::BindDouble(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
void Stmt::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

int Stmt::Step() { return sqlite3_step(stmt_); }

int Stmt::Run() {
  int rc = sqlite3_step(stmt_);
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
  // The error message stays readable through sqlite3_errmsg after the reset.
  sqlite3_reset(stmt_);
  return rc;
}

void Stmt::Reset() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Stmt::Text(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  if (p == nullptr) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
}

int64_t Stmt::Int(int i) const { return sqlite3_column_int64(stmt_, i); }
double Stmt::Double(int i) const { return sqlite3_column_double(stmt_, i); }
bool Stmt::IsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

Status DbError(sqlite3* db, const std::string& path, std::string_view what) {
  return Status::DatabaseError(fmt::format("{}: {}: {}", path, what, sqlite3_errmsg(db)));
}

Status Exec(sqlite3* db, const std::string& path, const char* sql, std::string_view what) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status::DatabaseError(fmt::format("{}: {}: {}", path, what, message));
}

}  // namespace claimgraph::store_internal
