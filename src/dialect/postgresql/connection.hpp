// PostgresConnection — a retort::Connection over one libpq session.
//
// Parameters travel in libpq's text format (PQexecParams) with their types left for the server
// to infer from context; text without parameters goes through PQexec, so a script's multi-
// statement op.execute() works. Result values are decoded by column type OID: int2/int4/int8/oid
// -> int64, float4/float8 -> double, bool -> bool, NULL -> monostate, everything else (numeric
// included, to keep its exact digits) -> string.
//
// Not thread-safe: one connection per thread, like the PGconn it owns.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "config/url.hpp"
#include "dialect/dialect.hpp"

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
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;

  // The server process serving this session (pg_backend_pid), e.g. to name a lock holder.
  int backend_pid() const;
  PGconn* native() const { return conn_; }

 private:
  // Runs `sql`; throws Error(Database) naming the statement when the server refuses it.
  PGresult* run(const std::string& sql, const std::vector<Value>& params);

  PGconn* conn_ = nullptr;
};

}  // namespace retort::postgresql
