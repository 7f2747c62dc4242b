// Connection — a live session with a database, and ParameterStyle, how it writes bound
// parameters: the narrow part of a dialect that code running SQL on it needs. Lua's
// op.get_bind() sees only these two, never the whole Dialect (dialect.hpp), which can also
// compile, inspect and lock.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "retort/value.hpp"

namespace retort {

// A live session. Errors are Error(Database) carrying the database's message and the statement.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void execute(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  virtual ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  // The same, for a statement of retort's own that a run sends many times with other parameters
  // (the data-loss guard's question, the version table's update): a connection may prepare it
  // once per transaction rather than have the server parse and plan it each time. The default
  // is execute()/query().
  virtual void execute_repeated(const std::string& sql, const std::vector<Value>& params) {
    execute(sql, params);
  }
  virtual ResultSet query_repeated(const std::string& sql, const std::vector<Value>& params) {
    return query(sql, params);
  }
  // Calls `row` with each row of the result, in order; the row is only valid during the call.
  // For the large results of schema reflection: a connection may decode one row at a time
  // rather than hold the whole result decoded (on PostgreSQL that was 4.5 MiB of a 1,000-table
  // `check`). The default is query() and a loop.
  virtual void each_row(const std::string& sql, const std::vector<Value>& params,
                        const std::function<void(const std::vector<Value>&)>& row) {
    for (const auto& r : query(sql, params).rows) row(r);
  }
  // A statement of retort's own DDL (no parameters, no result set, no user SQL) that may wait
  // and go to the server with the ones deferred after it, in one round trip: on MySQL and
  // PostgreSQL one multi-statement text, which the server runs in order up to the first error.
  // What waits is sent before any other command on the connection and by send_deferred(); a
  // failure names the statement that failed, as execute() would; rollback() drops what still
  // waits. The default (SQLite, with no round trips to save) runs the statement at once.
  virtual void defer(const std::string& sql) { execute(sql); }
  virtual void send_deferred() {}
  // SQLite: BEGIN IMMEDIATE (this is its migration lock, waiting up to the busy timeout).
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws
  virtual bool in_transaction() const = 0;
};

// How a database writes the n-th bound parameter. Dialect is one; op.get_bind() rewrites a
// script's `?` and `:name` through it.
class ParameterStyle {
 public:
  // The n-th (1-based) parameter placeholder: ? or $n.
  virtual std::string placeholder(int n) const = 0;

 protected:
  ~ParameterStyle() = default;
};

}  // namespace retort
