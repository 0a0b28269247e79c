// Thin RAII wrappers over the SQLite C API, used only inside src/store/ and src/server/.
//
// Db owns a connection, Stmt a prepared statement. Every statement is parameterised: values are
// bound with Bind(), never pasted into SQL text. Errors come back as Status with a store id
// (E301 open, E303 write, E304 query) and SQLite's own message.
#ifndef KRONIEK_STORE_SQLITE_UTIL_H_
#define KRONIEK_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/errors.h"
#include "kroniek/status.h"

namespace kroniek::store {

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    if (this != &o) {
      Finalize();
      s_ = o.s_;
      o.s_ = nullptr;
    }
    return *this;
  }
  ~Stmt() { Finalize(); }

  bool valid() const { return s_ != nullptr; }
  sqlite3_stmt* get() const { return s_; }

  // Bind helpers; `i` is 1-based as in SQLite.
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, uint32_t v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::optional<std::string>& v) {
    if (v) return Bind(i, std::string_view(*v));
    return BindNull(i);
  }
  Stmt& BindBlob(int i, const void* data, size_t n) {
    sqlite3_bind_blob(s_, i, data, static_cast<int>(n), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // Binds NULL when v < 0.
  Stmt& BindOrNull(int i, int64_t v) {
    if (v < 0) return BindNull(i);
    return Bind(i, v);
  }

  // sqlite3_step: SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Real(int col) const { return sqlite3_column_double(s_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const auto* p = sqlite3_column_text(s_, col);
    int n = sqlite3_column_bytes(s_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n))
             : std::string();
  }
  std::optional<std::string> OptText(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Text(col);
  }
  std::string_view Blob(int col) const {
    const void* p = sqlite3_column_blob(s_, col);
    int n = sqlite3_column_bytes(s_, col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(n))
             : std::string_view();
  }
  int ColumnCount() const { return sqlite3_column_count(s_); }
  int ColumnType(int col) const { return sqlite3_column_type(s_, col); }
  const char* ColumnName(int col) const { return sqlite3_column_name(s_, col); }

 private:
  void Finalize() {
    if (s_) sqlite3_finalize(s_);
    s_ = nullptr;
  }
  friend class Db;
  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  Db() = default;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept {
    if (this != &o) {
      Close();
      db_ = o.db_;
      o.db_ = nullptr;
    }
    return *this;
  }
  ~Db() { Close(); }

  // Opens `path` with sqlite3_open_v2 flags. Fails with E301.
  static Result<Db> Open(const std::string& path, int flags);

  sqlite3* get() const { return db_; }
  void Close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
  }

  // Runs one or more statements without results (schema, pragmas). `id` names the error.
  Status Exec(std::string_view sql, ErrorId id = ErrorId::kStoreWrite);
  // Prepares one statement (kept for reuse with SQLITE_PREPARE_PERSISTENT when `persistent`).
  Result<Stmt> Prepare(std::string_view sql, bool persistent = true,
                       ErrorId id = ErrorId::kStoreQuery);
  // The error for a failed call on this connection: "<what>: <sqlite message>".
  Status Error(ErrorId id, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
};

// Runs a statement that returns no rows; false on error.
inline bool StepDone(Stmt& s) {
  int rc = s.Step();
  s.Reset();
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_SQLITE_UTIL_H_
