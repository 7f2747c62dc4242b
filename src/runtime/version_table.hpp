// VersionTable — the one owner of what retort stores in the database: the version rows (one per
// applied head) and the history table beside them (one append-only row per step that ran).
//
// Formats: docs/design/version-table.md. The version table `retort_version` (name and schema
// configurable) has one column `version_num VARCHAR(32) PRIMARY KEY`; each row is a revision id
// that is a head of the applied set. The history table (`<version table>_history` unless
// configured) is created on the first write that needs it, so a database made by an earlier
// retort gains it without a manual step.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "retort/migrator.hpp"

namespace retort {

class VersionTable {
 public:
  VersionTable(const Dialect& dialect, std::string schema, std::string name,
               std::string history_name);

  const std::string& name() const { return name_; }
  const std::string& schema() const { return schema_; }
  const std::string& history_name() const { return history_name_; }
  // The lock key processes agree on: derived from the table's schema and name.
  std::string lock_key() const;

  // Online.
  bool exists(Connection& conn) const;
  void ensure(Connection& conn) const;
  std::vector<std::string> read(Connection& conn) const;  // empty when the table is absent
  void apply(Connection& conn, const std::vector<std::string>& delete_rows,
             const std::vector<std::string>& insert_rows) const;
  // The version rows' change and the history row of the step, in as few round trips as the
  // dialect allows (Dialect::execute_bookkeeping): one on PostgreSQL and MySQL.
  void record(Connection& conn, const std::vector<std::string>& delete_rows,
              const std::vector<std::string>& insert_rows, const HistoryEntry& row) const;

  // History.
  bool history_exists(Connection& conn) const;
  void ensure_history(Connection& conn) const;
  // Newest first; empty when the table is absent.
  std::vector<HistoryEntry> read_history(Connection& conn) const;
  // The same rows, only those that can record a checksum (upgrades and repairs), with only
  // revision, direction, checksum and success read: what each upgrade asks before it runs
  // (recorded_checksums), without decoding the whole history every time.
  std::vector<HistoryEntry> read_checksum_history(Connection& conn) const;
  // One history row on its own (a failure after the rollback, a repair's audit row).
  void append_history(Connection& conn, const HistoryEntry& row) const;
  // The rows of steps whose migration journal is still open (runtime/journal.hpp): interrupted
  // or failed part-way on a database whose DDL commits on its own. Oldest first; empty when the
  // history table is absent.
  std::vector<HistoryEntry> read_open_journals(Connection& conn) const;

  // The statements for create and apply, with bound parameters (offline renders them).
  Statement create_statement() const;
  Statement create_history_statement() const;
  std::vector<Statement> apply_statements(const std::vector<std::string>& delete_rows,
                                          const std::vector<std::string>& insert_rows) const;
  Statement history_insert(const HistoryEntry& row) const;
  // Rewrites the row (run_id, seq) of `row` with its end, count and detail: the journal of a
  // step in progress, the step finished, or an open journal resolved.
  Statement history_update(const HistoryEntry& row) const;
  // Deletes the row (run_id, seq) of `row` (before it is written again whole).
  Statement history_delete(const HistoryEntry& row) const;

 private:
  const Dialect& dialect_;
  std::string schema_;
  std::string name_;
  std::string history_name_;
  std::string qualified_;
  std::string history_qualified_;
};

}  // namespace retort
