// The two OperationSinks a run uses: online (guard, compile, execute) and offline (compile,
// print). Both share Dialect::compile, so `--sql` prints exactly what an online run executes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "lua/script_runner.hpp"
#include "retort/error.hpp"

namespace retort {

class MigrationJournal;

// A SchemaView over a model tracked from the ops themselves (offline runs without a scratch
// database).
class TrackedSchema : public SchemaView {
 public:
  std::optional<Table> table(const std::string& schema, const std::string& name) override;
  MetaData model;
};

// A connection that holds back execute() until something reads: queries, transactions and
// destruction-free flush() run the queued statements first, in order. Offline (--sql) runs give
// it the scratch database: the SQL must reach the scratch only when a compile asks it about the
// schema (drop_column, a rebuild), and an upgrade made of create_table, create_index and
// add_column never asks. Executing eagerly cost SQLite a full schema re-parse per ALTER TABLE
// ADD COLUMN (O(N^2) over a chain: 3.6 s of a 1,000-revision `upgrade head --sql`, see
// bench/RESULTS.md). As with Alembic's offline mode, SQL that nothing asks about is not
// validated by a database.
//
// The scratch itself is opened by `open` when it is first needed (opening SQLite in memory
// was 0.3 ms of that same run, which never needs it).
class DeferredConnection : public Connection {
 public:
  explicit DeferredConnection(std::function<std::unique_ptr<Connection>()> open)
      : open_(std::move(open)) {}
  void execute(const std::string& sql, const std::vector<Value>& params = {}) override;
  // The same, taking the statement rather than copying it.
  void execute(Statement s);
  ResultSet query(const std::string& sql, const std::vector<Value>& params = {}) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;
  // Runs what is queued; throws what the database reports for the first failing statement.
  void flush();

 private:
  Connection& inner();
  std::function<std::unique_ptr<Connection>()> open_;
  std::unique_ptr<Connection> inner_;
  std::vector<Statement> pending_;
};

// Describes why `op` may destroy data, or nullopt when it cannot (drop_table, drop_column,
// narrowing alter_column, and the same inside batch_alter_table).
struct DestructiveCheck {
  ops::TableRef table;
  std::string column;  // empty: the whole table
  std::string what;    // "drop_column usuarios.avatar_url"
  bool allowed = false;
  bool sql = false;  // a statement of a plain SQL revision (OperationSink::guard_sql)
  // A narrowing type change: the guard asks which values would not come through it
  // (DialectExtras::lossy_values_query), naming one by `key` (the primary key; else the column).
  // `key` is empty when the column is not in the database yet (added by the same batch).
  std::optional<Type> from;
  std::optional<Type> to;
  std::vector<std::string> key;
};
std::vector<DestructiveCheck> destructive_parts(const ops::Op& op, SchemaView* schema);

// Thrown where RunOptions::should_stop asked a run to stop; the Migrator turns it into the
// Error(Cancelled) a user reads, saying where the run stopped and where the database stands.
class RunCancelled : public Error {
 public:
  explicit RunCancelled(bool between_steps)
      : Error(ErrorKind::Cancelled, "cancelled"), between_steps_(between_steps) {}
  // True when no migration was in progress (asked before a migration began).
  bool between_steps() const { return between_steps_; }

 private:
  bool between_steps_;
};

// Runs a statement, stepping out of the transaction for statements that cannot run inside one.
void execute_statement(Connection& conn, const Statement& s);

// What a run committed early because a statement could not run inside its transaction (PostgreSQL
// CREATE INDEX CONCURRENTLY): set by the OnlineSink that stepped out, read when the run fails so
// the error says what is applied rather than "rolled back".
struct StepOut {
  bool happened = false;
  std::string statement;               // the first statement that stepped out
  std::vector<std::string> committed;  // statements of that step committed with what came before
  bool in_step = false;                // the running step stepped out
};

class OnlineSink : public OperationSink {
 public:
  // `should_stop` (may be empty): asked before each op runs; true throws RunCancelled. Given
  // only where the step's transaction can take back what ran before it.
  OnlineSink(const Dialect& dialect, Connection& conn, SchemaView& schema, bool allow_data_loss,
             std::string script, std::function<bool()> should_stop = {});
  // Ops wait until bind() or flush(): every op of the batch passes the data-loss guard before
  // the first one runs, so a refused migration leaves nothing applied even where DDL commits
  // implicitly (MySQL).
  void emit(ops::Op op) override;
  // Flushes, then has the schema view forget() what it remembers: the script's own SQL follows.
  Connection& bind() override;
  // Adds the statement's drop to what the guard checks at the next flush.
  void guard_sql(const ops::TableRef& table, const std::string& column,
                 const std::string& statement) override;
  // Guards, compiles and runs the pending ops. A narrowing type change is refused only when
  // some value would not come through it, one DialectExtras::lossy_values_query each (where the
  // dialect cannot tell for the pair of types, any value counts). The guard asks about every
  // other destructive part before anything of the batch runs: as Dialect::guard_statement, sent
  // ahead of the DDL in the same round trip (MariaDB), else as one Dialect::holds_data question.
  // Error(DataLoss), with nothing of the batch applied, when a part would destroy data. The ops'
  // DDL goes through Connection::defer (one round trip for the batch on MySQL and PostgreSQL)
  // and is all sent before flush() returns, so a failure is reported from here, naming its
  // statement.
  void flush();
  // The statements compiled from ops that were sent so far (the history table's count; SQL a
  // script runs through bind() is not counted).
  std::int64_t statements_run() const { return statements_run_; }
  // True once the script asked for bind(): it ran SQL of its own.
  bool bound() const { return bound_; }
  // Where DDL commits on its own: each statement goes through the step's journal
  // (runtime/journal.hpp) rather than straight to the connection. May be null.
  void set_journal(MigrationJournal* journal) { journal_ = journal; }
  // flush() at the step's end: data statements that no DDL follows go in the transaction that
  // the journal's finish() commits with the version table's update.
  void flush_final();

 private:
  const Dialect& dialect_;
  Connection& conn_;
  SchemaView& schema_;
  bool allow_data_loss_;
  std::int64_t statements_run_ = 0;
  bool bound_ = false;
  std::string script_;
  std::function<bool()> should_stop_;
  std::vector<ops::Op> pending_;
  std::vector<DestructiveCheck> sql_parts_;  // from guard_sql, checked with pending_
  StepOut* step_out_ = nullptr;              // see set_step_out
  MigrationJournal* journal_ = nullptr;      // see set_journal
  bool final_ = false;                       // in flush_final()
  std::vector<std::string> ran_;  // this step's statements so far, while step_out_ is set

 public:
  // Where to record a step out of the transaction (may be null: not recorded).
  void set_step_out(StepOut* out) { step_out_ = out; }

 private:
  // Runs the lossy-values query of a narrowing part: false when it cannot tell (the part stays
  // a plain "holds data" probe), true when every value fits; Error(DataLoss) when some do not.
  bool check_values(const DestructiveCheck& part);
  // Error(DataLoss) when an alter_table_options drops a partition that holds rows.
  void check_partitions(const ops::AlterTableOptions& op);
};

// `scratch` (may be null): a database the SQL also runs on so later ops see the schema.
// `tracked` (may be null): a model the ops are applied to instead. When `print` is false
// nothing is written (replaying the revisions before an A:B range).
class OfflineSink : public OperationSink {
 public:
  // `in_transaction`: the output around this sink's SQL is between BEGIN and COMMIT, so a
  // statement that cannot run in a transaction (CREATE INDEX CONCURRENTLY) is printed after a
  // COMMIT and followed by a BEGIN, as the online run executes it.
  OfflineSink(const Dialect& dialect, std::ostream& out, SchemaView& schema,
              DeferredConnection* scratch, TrackedSchema* tracked, bool print,
              bool in_transaction = false);
  // Prints the op's SQL (with a warning for each destructive part), runs it on the scratch
  // database and applies the op to the tracked model.
  void emit(ops::Op op) override;
  Connection& bind() override;
  // Prints a warning before the statement (once, however many drops it announces): offline
  // mode cannot check for data.
  void guard_sql(const ops::TableRef& table, const std::string& column,
                 const std::string& statement) override;

 private:
  const Dialect& dialect_;
  std::ostream& out_;
  SchemaView& schema_;
  DeferredConnection* scratch_;
  TrackedSchema* tracked_;
  bool print_;
  bool in_transaction_;
  std::string last_warned_;  // the statement guard_sql last warned about
};

// The statement as offline SQL text: parameters rendered as literals, followed by ";".
std::string render_offline(const Dialect& dialect, const Statement& s);
// The same, appended to `to`.
void render_offline_to(std::string& to, const Dialect& dialect, const Statement& s);

}  // namespace retort
