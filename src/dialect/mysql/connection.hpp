// MysqlConnection — a session on MySQL or MariaDB through MariaDB Connector/C.
//
// Statements with parameters run as server-side prepared statements (values are bound, never
// pasted into the text); those without a result set are kept prepared for the session (up to
// eight texts) and executed again with new values. Statements without parameters run through
// the text protocol with CLIENT_MULTI_STATEMENTS, so op.execute() may hold several statements
// (every result is drained). Values read back: integers -> int64, FLOAT/DOUBLE -> double,
// DECIMAL -> string (exact, never rounded through a double), text/blob/dates -> string,
// NULL -> monostate. Booleans are TINYINT(1) and read back as int64 0/1.
//
// MySQL commits DDL implicitly: after a CREATE/ALTER/DROP, in_transaction() is false again.
// Not thread-safe: one connection per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dialect/url.hpp"
#include "dialect/dialect.hpp"

struct st_mysql;
struct st_mysql_stmt;
struct st_mysql_bind;

namespace retort::mysql {

// "mysql://user:***@host:port/db" for messages: the password is never shown.
std::string masked_url(const Url& url);

class MysqlConnection : public Connection {
 public:
  // Connects to url.host:url.port (or ?unix_socket=PATH) as url.user, database url.database,
  // charset utf8mb4, ?connect_timeout=SECONDS, no automatic reconnect (a reconnect would
  // silently drop the session's transaction and migration lock).
  // Errors: Error(Database, "cannot connect to mysql://user:***@host:port/db: <client message>").
  explicit MysqlConnection(const Url& url);
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  // Errors: Error(Database, "<message> (error NNNN) in statement: <sql>").
  void execute(const std::string& sql, const std::vector<Value>& params = {}) override;
  ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) override;
  // Statements deferred together go as one multi-statement text (at most kMaxDeferredBytes of
  // it), so a migration that drops an index and a table costs one round trip, not two.
  void defer(const std::string& sql) override;
  void send_deferred() override;
  void begin() override;
  void commit() override;
  void rollback() override;
  // From the server status flags the server sends with every reply (after sending what waits).
  bool in_transaction() const override;

  // The server's connection (thread) id, as CONNECTION_ID() / PROCESSLIST.ID say.
  unsigned long connection_id() const;
  // True on MariaDB, false on MySQL (information_schema differs in places).
  bool is_mariadb() const { return mariadb_; }
  // The server's error number for the last statement that failed on this session (ER_...).
  unsigned int last_errno() const;
  std::string server_version() const;
  // True when the session can run MariaDB's anonymous compound statements (BEGIN NOT ATOMIC ...
  // END) as written: MariaDB, and a sql_mode without ORACLE (whose blocks are PL/SQL's). Asked
  // once (SELECT @@SESSION.sql_mode), and again after any statement that names sql_mode.
  bool anonymous_blocks();

 private:
  // Forgets anonymous_blocks()'s answer when `sql` names sql_mode (a script may change it).
  void note(const std::string& sql);
  [[noreturn]] void fail(const std::string& sql) const;
  void send_waiting() const;
  ResultSet run_text(const std::string& sql, bool want_rows);
  ResultSet run_prepared(const std::string& sql, const std::vector<Value>& params, bool want_rows);
  bool run_kept(const std::string& sql, std::vector<st_mysql_bind>& binds);

  // Prepared statements kept for the session (see run_kept), by their text.
  static constexpr std::size_t kMaxKept = 8;
  std::vector<std::pair<std::string, st_mysql_stmt*>> kept_;

  // Deferred statements not sent yet (see defer); mutable because in_transaction() sends them.
  static constexpr std::size_t kMaxDeferredBytes = 256 * 1024;
  mutable std::vector<std::string> deferred_;
  mutable std::size_t deferred_bytes_ = 0;

  st_mysql* mysql_ = nullptr;
  bool mariadb_ = true;
  std::optional<bool> anonymous_blocks_;
};

}  // namespace retort::mysql
