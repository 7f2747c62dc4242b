// SqliteConnection — a retort Connection over the system libsqlite3.
//
// One sqlite3 handle, a small cache of prepared statements (the version table's statements run
// once per migration), and a busy handler that waits up to a timeout for other processes' locks
// (begin() is BEGIN IMMEDIATE, which is SQLite's migration lock). Foreign key enforcement stays
// OFF (SQLite's default): `PRAGMA foreign_keys` cannot change inside a transaction
// (sqlite.org/foreignkeys.html), and table rebuilds need it off; rebuilds verify foreign keys
// with PRAGMA foreign_key_check instead (see execute()).
// Thread-safety: one thread at a time, like the sqlite3 handle it owns.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::sqlite {

class SqliteConnection : public Connection {
 public:
  // Opens `path` ("" or ":memory:" for a private in-memory database), creating the file if
  // needed. Error(Database): the directory does not exist, the file is not a database, or
  // SQLite cannot open it.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs every statement of `sql` (several are allowed when `params` is empty). A statement
  // `PRAGMA [schema.]foreign_key_check(...)` that reports a violation raises
  // Error(Database, "foreign key violation ...") instead of returning rows quietly: this is how
  // a compiled table rebuild fails when the copied rows no longer satisfy their foreign keys.
  void execute(const std::string& sql, const std::vector<Value>& params = {}) override;
  ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) override;
  // BEGIN IMMEDIATE: takes the database's write lock now, waiting up to the busy timeout;
  // Error(Lock) when another process still holds it.
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;

  // How long a statement waits for another connection's lock before SQLITE_BUSY; `on_wait` (may
  // be empty) is told once per wait that we are waiting.
  void set_busy_timeout(std::chrono::milliseconds timeout,
                        std::function<void(const std::string&)> on_wait = {});
  std::chrono::milliseconds busy_timeout() const { return busy_timeout_; }

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  sqlite3_stmt* prepare_cached(const std::string& sql);
  [[noreturn]] void fail(int rc, const std::string& sql) const;
  void bind(sqlite3_stmt* stmt, const std::vector<Value>& params, const std::string& sql);
  // Steps `stmt` to completion, collecting rows into `out` when non-null.
  void run(sqlite3_stmt* stmt, const std::string& sql, ResultSet* out);
  static int on_busy(void* self, int count);

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  std::chrono::milliseconds busy_timeout_{5000};
  std::function<void(const std::string&)> on_wait_;
  std::chrono::steady_clock::time_point wait_started_;
};

}  // namespace retort::sqlite
