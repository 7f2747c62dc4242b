// PostgresConnection — a retort::Connection over one libpq session.
//
// Parameters travel in libpq's text format (PQexecParams) with their types left for the server
// to infer from context, except a string the text format would change (a NUL byte, a backslash,
// bytes that are not UTF-8): its statement is described first, a bytea parameter takes the bytes
// in binary format, and a NUL bound to anything else is refused (PostgreSQL text cannot hold it);
// text without parameters goes through PQexec, so a script's multi- statement op.execute() works.
// Result values are decoded by column type OID: int2/int4/int8/oid
// -> int64, float4/float8 -> double, bool -> bool, NULL -> monostate, everything else (numeric
// included, to keep its exact digits) -> string.
//
// Not thread-safe: one connection per thread, like the PGconn it owns.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dialect/dialect.hpp"
#include "dialect/url.hpp"

namespace retort::postgresql {

// The URL for messages: postgresql://user:***@host:port/db?k=v, never the password.
std::string masked_url(const Url& url);

class PostgresConnection : public Connection {
 public:
  // Connects (PQconnectdbParams) and sets client_min_messages = warning so NOTICEs (e.g. from
  // IF NOT EXISTS) do not reach the user. Error(Database) with the masked URL on failure.
  explicit PostgresConnection(const Url& url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void execute(const std::string& sql, const std::vector<Value>& params = {}) override;
  ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) override;
  void each_row(const std::string& sql, const std::vector<Value>& params,
                const std::function<void(const std::vector<Value>&)>& row) override;
  // Prepared (PQprepare) the second time the same text comes in one transaction, executed by
  // name after that, and deallocated when the transaction ends: nothing prepared outlives it, so
  // a pooler in transaction mode (PgBouncer) never hands our statements to another client.
  void execute_repeated(const std::string& sql, const std::vector<Value>& params) override;
  ResultSet query_repeated(const std::string& sql, const std::vector<Value>& params) override;
  // Statements deferred together go as one simple-query text (PQsendQuery), each result read
  // in turn, so the failing statement is the one named. Outside a transaction block the server
  // runs such a text as one implicit transaction (a failure undoes the statements before it in
  // the text); migrations defer only inside their transaction.
  void defer(const std::string& sql) override;
  void send_deferred() override;
  void begin() override;
  void commit() override;
  void rollback() override;
  // Does not send what waits: deferred DDL never begins or ends a transaction on PostgreSQL, so
  // the answer is the same before and after it.
  bool in_transaction() const override;

  // The server process serving this session (pg_backend_pid), e.g. to name a lock holder.
  int backend_pid() const;
  PGconn* native() const { return conn_; }

 private:
  // Runs `sql`; throws Error(Database) naming the statement when the server refuses it.
  PGresult* run(const std::string& sql, const std::vector<Value>& params);
  // After `sql` failed outside a transaction: when it was a CREATE INDEX CONCURRENTLY that
  // left an invalid index, drops it and returns its name; "" otherwise. Never throws.
  std::string drop_invalid_index(const std::string& sql);
  // run() for parameters whose meaning depends on their type (see type_sensitive()).
  PGresult* run_typed(const std::string& sql, const std::vector<Value>& params);
  PGresult* run_repeated(const std::string& sql, const std::vector<Value>& params);
  // Returns `res` when it is a success, else clears it and throws Error(Database) naming `sql`.
  PGresult* check(PGresult* res, const std::string& sql);
  void send_waiting();
  // "DEALLOCATE name; " for each statement prepared in this transaction; forgets them.
  std::string deallocate_prepared();

  PGconn* conn_ = nullptr;
  std::vector<std::string> deferred_;  // see defer()
  // Per transaction: statement text -> times seen, and its name once prepared.
  struct Repeated {
    int uses = 0;
    std::string name;
  };
  std::unordered_map<std::string, Repeated> repeated_;
  std::vector<std::string> prepared_names_;
  unsigned next_name_ = 0;
};

}  // namespace retort::postgresql
