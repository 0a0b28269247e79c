#include "store/sqlite_util.h"

#include <mutex>

namespace kroniek::store {

Result<Db> Db::Open(const std::string& path, int flags) {
  // SQLite counts the memory it allocates under one process-wide mutex unless told not to; the
  // server's threads, each with its own connection, would queue on it. (The call is refused,
  // harmlessly, when SQLite was already initialised by someone else.)
  static std::once_flag no_memstatus;
  std::call_once(no_memstatus, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  Db db;
  int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
    return MakeError(StatusCode::kIOError, ErrorId::kStoreOpen, path + ": cannot open: " + msg);
  }
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

Status Db::Exec(std::string_view sql, ErrorId id) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return MakeError(StatusCode::kIOError, id, "SQLite: " + msg);
  }
  return Status();
}

Result<Stmt> Db::Prepare(std::string_view sql, bool persistent, ErrorId id) {
  Stmt st;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st.s_, nullptr);
  if (rc != SQLITE_OK) return Error(id, "prepare");
  return st;
}

Status Db::Error(ErrorId id, std::string_view what) const {
  std::string msg =
      std::string(what) + ": SQLite: " + (db_ ? sqlite3_errmsg(db_) : "no connection");
  StatusCode code = StatusCode::kIOError;
  if (db_) {
    int rc = sqlite3_errcode(db_);
    if (rc == SQLITE_INTERRUPT) code = StatusCode::kResourceExhausted;
    if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
      code = StatusCode::kCorruption;
  }
  return MakeError(code, id, msg);
}

}  // namespace kroniek::store
