// MigrationJournal — how far a migration got, on databases whose DDL commits on its own
// (Dialect::transactional_ddl() false: MariaDB, MySQL). There a kill, a lost connection or a
// failing statement can leave part of a migration applied; the journal says exactly which part,
// so the next run can name the state and `retort resume` can go on from the next statement.
//
// The journal is the step's history row (VersionTable) written before the step's first
// statement with success unknown, and rewritten in the round trip of each statement the server
// commits on its own: the count of statements applied, a hash chain over them, and the last
// one. Data statements that no DDL follows in the step share one transaction with the version
// table's update and the row's end, so they are applied with it or not at all. The format of
// the row's detail while the journal is open is in docs/design/version-table.md.
//
// Not thread-safe; one per step, on the run's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "runtime/run_record.hpp"
#include "runtime/version_table.hpp"

namespace retort {

// `resume` refused before anything of the step was written: the applied statements no longer
// compile to what ran. Nothing changed; the open journal stays as it was.
class ResumeRefused : public Error {
 public:
  using Error::Error;
};

// An open journal as read back from its history row.
struct JournalState {
  HistoryEntry row;
  std::string target;   // the run's target: a revision, "base", or "heads"
  std::string chain;    // hex SHA-256 chain over the applied statements ("" for none)
  std::string last;     // the last applied statement, on one line (maybe shortened)
  std::string running;  // set: this statement was sent after `last`; its outcome is unknown
  bool bound = false;   // the script ran SQL of its own through op.get_bind()
  std::string error;    // the step failed part-way with this error (else: interrupted)
  std::int64_t applied() const { return row.statements.value_or(0); }
};

// The detail text of an open journal, and back (nullopt: the row holds no open journal).
std::string format_journal(const JournalState& state);
std::optional<JournalState> parse_journal(const HistoryEntry& row);

// "a1b2c3 was interrupted after statement 3 (ALTER TABLE ...): statements 1-3 of its upgrade
// are applied, the rest is not"; the sentence names the uncertain statement and the failure
// when there is one.
std::string describe_journal(const JournalState& state);
// What the user can do about it, as the end of an error message.
std::string journal_remedy(const JournalState& state);

// The next link of the chain: SHA-256 over the previous link, the statement and its parameters.
std::string journal_chain(const Dialect& dialect, const std::string& previous, const Statement& s);

class MigrationJournal {
 public:
  // `row`: the step's history row as RunRecord::begin made it. `target`: the run's target (see
  // JournalState). `resume`: the open journal this step continues (its first applied()
  // statements are checked, not run, and its row is resolved in the round trip that writes this
  // one).
  MigrationJournal(const Dialect& dialect, Connection& conn, const VersionTable& vt,
                   HistoryEntry row, std::string target,
                   std::optional<JournalState> resume = std::nullopt);

  // True when `s` was applied by the interrupted run this one resumes: its link is checked
  // against the recorded chain once all of them are seen (Error(Graph) when they differ).
  bool skip(const Statement& s);
  // Runs one statement compiled from the step's ops with its journal entry, in one round trip
  // where the statement has no parameters. `data`: the statement causes no implicit commit.
  // `tail`: a data statement no DDL follows in this step: it runs in the transaction that
  // finish() commits, and is not journaled on its own.
  void run(const Statement& s, bool data, bool tail);
  // The script is about to run SQL of its own (op.get_bind()): recorded before it does.
  void bound();
  // The step's end: the version rows' change (`version`) and the row finished, committed with
  // the open tail in one transaction.
  void finish(const std::vector<Statement>& version, RunRecord& record);
  // After a failure: rolls back the tail and writes the row's end with the error (best effort).
  // The journal stays open when statements of the step remain applied.
  void fail(const Error& error, RunRecord& record);

  // Statements of the step applied or run so far (the skipped ones included).
  std::int64_t statements() const { return count_; }

 private:
  std::vector<Statement> prefix();  // the row's first write (and the resumed row's end)
  Statement progress(const std::string& running);
  void send(std::vector<Statement> statements);

  const Dialect& dialect_;
  Connection& conn_;
  const VersionTable& vt_;
  JournalState state_;  // the row as the database holds it after each write
  std::optional<JournalState> resume_;
  bool written_ = false;      // the row was sent
  std::int64_t count_ = 0;    // statements of the step so far (tail included)
  std::string chain_;         // the chain over count_ statements
  std::int64_t durable_ = 0;  // statements committed (journaled) so far
  std::string durable_chain_;
  std::string durable_last_;
};

}  // namespace retort
