// Dialect — the one interface the generic code (runtime, autogen, lua bridge) sees of a database.
//
// A dialect is a folder under src/dialect/ with the same files in each: connection (the C client
// library), ddl (op -> SQL), inspect (database -> MetaData, one catalog query per kind of object),
// types (mapping and comparison), lock (the migration lock). Dialects are listed in one explicit
// table (dialect.cpp: find_dialect), never registered by static initialisers.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/url.hpp"
#include "ops/ops.hpp"
#include "retort/error.hpp"
#include "retort/metadata.hpp"
#include "retort/value.hpp"

namespace retort {

// One SQL statement with its bound parameters, in the dialect's placeholder style.
struct Statement {
  std::string sql;
  std::vector<Value> params;
  // false: must run outside any transaction (PostgreSQL CREATE INDEX CONCURRENTLY); the runtime
  // commits before it and begins again after it.
  bool transactional = true;
};

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

// What the compiler may ask about the schema as it is at this point of the run: online, the
// live database; offline, a scratch database or a model tracked from the ops so far.
class SchemaView {
 public:
  virtual ~SchemaView() = default;
  // nullopt: no such table.
  virtual std::optional<Table> table(const std::string& schema, const std::string& name) = 0;
  // Something outside the compiler (SQL a script ran through op.get_bind()) may have changed the
  // schema: a view that remembers facts about the database between questions drops them.
  virtual void forget() {}
};

// One question of the data-loss guard: does `column` (or, when empty, any row of `table`) hold
// data?
struct DataProbe {
  ops::TableRef table;
  std::string column;
};

// Held while migrating; releasing it (destructor) never throws. Session-scoped on every
// database, so a killed process never leaves it behind.
class MigrationLock {
 public:
  virtual ~MigrationLock() = default;
};

struct LockOptions {
  std::string key;  // derived from the version table's schema and name
  std::chrono::milliseconds timeout{60000};
  std::function<void(const std::string&)> on_wait;  // "waiting for the migration lock held by ..."
};

struct InspectOptions {
  std::vector<std::string> schemas;         // empty: the default schema
  std::vector<std::string> exclude_tables;  // exact names (the version table)
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  virtual std::string_view name() const = 0;  // "sqlite", "postgresql", "mysql"

  // Opens a session. Errors: Error(Database) naming the masked URL and the client's message.
  virtual std::unique_ptr<Connection> connect(const Url& url) const = 0;

  // "ident" quoted for this database ("x" or `x`), escaping embedded quotes.
  virtual std::string quote(std::string_view ident) const = 0;
  // schema-qualified and quoted; empty schema: the name alone.
  std::string qualify(std::string_view schema, std::string_view name) const;
  // The n-th (1-based) parameter placeholder: ? or $n.
  virtual std::string placeholder(int n) const = 0;
  // A value as an SQL literal, for offline output only.
  virtual std::string literal(const Value& v) const = 0;

  // DDL is transactional (PostgreSQL, SQLite) or commits implicitly (MySQL).
  virtual bool transactional_ddl() const = 0;

  // The statements that carry out `op`. The compiler may ask `schema` about current tables
  // (SQLite rebuilds, MySQL MODIFY without existing_type). Invalid ops: Error(Script).
  virtual std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) const = 0;

  // The schema as it is, one catalog query per kind of object.
  virtual MetaData inspect(Connection& conn, const InspectOptions& options) const = 0;

  // A SchemaView over a live connection (reflecting single tables on demand).
  virtual std::unique_ptr<SchemaView> live_schema(Connection& conn) const = 0;

  // For offline (--sql) runs: a scratch session the compiled SQL is also executed on, so later
  // ops see the schema earlier ones built (SQLite: an in-memory database). nullptr when the
  // dialect has none; the runtime then tracks the schema from the ops.
  virtual std::unique_ptr<Connection> offline_scratch() const = 0;
  // Whether offline_scratch() gives one, without opening it: an offline run opens its scratch
  // only when a compile first asks about the schema, which many runs never do.
  virtual bool has_offline_scratch() const = 0;

  // Does `table` exist? Must not abort the surrounding transaction. The default asks
  // holds_data (one more query than needed when the table exists); SQLite answers from
  // sqlite_master, which spares `retort current` the pragma virtual table on start-up.
  virtual bool table_exists(Connection& conn, const ops::TableRef& table) const;

  // Data-loss guard: does `column` (or, when empty, any row of `table`) hold data?
  // nullopt when the table or column does not exist. Must not abort the surrounding transaction.
  virtual std::optional<bool> holds_data(Connection& conn, const ops::TableRef& table,
                                         const std::string& column) const = 0;
  // The same for several probes, answered in their order; the runtime asks once for all the
  // destructive ops of a batch. The default asks the single-probe form for each; a dialect that
  // can answer them in one round trip overrides it. Must not abort the surrounding transaction.
  virtual std::vector<std::optional<bool>> holds_data(Connection& conn,
                                                      const std::vector<DataProbe>& probes) const;
  // The guard as one statement sent ahead of the DDL it guards, in the same round trip: the
  // server checks the probes in their order, just before the DDL, and the statement fails (and
  // with it the rest of what was sent) at the first probe that holds data. A probe naming a
  // missing table or column passes, as with holds_data. nullopt when the dialect, or this
  // session, cannot: the runtime then asks holds_data() and waits for the answer. The default.
  virtual std::optional<std::string> guard_statement(Connection& conn,
                                                     const std::vector<DataProbe>& probes) const;
  // Which probe made a guard_statement() fail, from the error its batch reported; nullopt when
  // the error is anything else.
  virtual std::optional<std::size_t> refused_probe(Connection& conn, const Error& error) const;

  // The migration lock (PostgreSQL advisory lock, MySQL GET_LOCK, SQLite: a no-op object, since
  // begin() is BEGIN IMMEDIATE). Error(Lock) on timeout.
  virtual std::unique_ptr<MigrationLock> acquire_lock(Connection& conn,
                                                      const LockOptions& options) const = 0;

  // Autogenerate: does a reflected column type mean the model's type? The default applies
  // generic rules; dialects refine it for their aliases (int4, TINYINT(1), jsonb, ...).
  virtual bool types_equivalent(const Type& reflected, const Type& model) const;
  // Autogenerate: do a reflected server default and the model's mean the same (now() vs
  // CURRENT_TIMESTAMP, 'x'::text vs 'x')? The default compares normalised text.
  virtual bool defaults_equivalent(const std::optional<ServerDefault>& reflected,
                                   const std::optional<ServerDefault>& model) const;

  // The version table DDL: CREATE TABLE IF NOT EXISTS <name> (version_num VARCHAR(32) NOT NULL,
  // PRIMARY KEY). Default implementation is portable; dialects may refine.
  virtual std::string create_version_table(std::string_view schema, std::string_view name) const;
};

// The dialect for a URL scheme ("sqlite", "postgresql", "mysql"); Error(Config) otherwise.
const Dialect& find_dialect(std::string_view scheme);

}  // namespace retort
