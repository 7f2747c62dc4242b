// DialectExtras — per-database facts kept beside Dialect rather than in it: the data-loss
// guard's questions about values for a narrowing type change, and what an offline script starts
// with. Each dialect folder defines its own (extras.cpp); dialect_extras() finds it through the
// dialect registry, so code outside src/dialect never asks which database it is. Kept out of
// Dialect's own interface for now so that adding them did not change every translation unit
// that sees Dialect; they can move into it unchanged.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort {

class DialectExtras {
 public:
  virtual ~DialectExtras() = default;

  // What an offline (--sql) script starts with, before any statement, so the database's own
  // client reads the rest as retort wrote it. "" by default.
  virtual std::string offline_preamble() const { return {}; }

  // Where DDL is not transactional (Dialect::transactional_ddl() false): true when the server
  // commits on its own around `sql`, a statement of a migration (DDL, and anything retort cannot
  // tell is data), so the migration journal must record it as soon as it ran; false for a data
  // statement (INSERT, UPDATE, DELETE, REPLACE) that can share a transaction with the journal's
  // row or with the version table's update. Unused where DDL is transactional.
  virtual bool commits_implicitly(const std::string& sql) const { return true; }

  // Data-loss guard for a narrowing type change (alter_column from `from` to `to`): the
  // condition, over `col` (the column, quoted by `d`), true for a non-NULL value that would not
  // come through the change unchanged: cut, rounded, rejected or converted (it would read back
  // differently). It never fails whatever the value, so it never aborts a transaction. nullopt
  // when it cannot tell for this pair of types: then every non-NULL value counts. The default
  // covers VARCHAR lengths, integer ranges, NUMERIC precision and scale, NUMERIC to FLOAT and
  // removed enum values, through char_length_sql() and lossy_text_to_integer().
  virtual std::optional<std::string> lossy_value_condition(const Dialect& d, const std::string& col,
                                                           const Type& from, const Type& to) const;
  // The length in characters of the text `col` (CHAR_LENGTH by default).
  virtual std::string char_length_sql(const std::string& col) const {
    return "CHAR_LENGTH(" + col + ")";
  }
  // True for a text `col` that is not an integer written plainly (an optional minus, no leading
  // zero, at most 18 digits) within [lo, hi]. Never fails. nullopt (the default): cannot tell.
  virtual std::optional<std::string> lossy_text_to_integer(const std::string& col, long long lo,
                                                           long long hi) const {
    return std::nullopt;
  }

  // The longest name the database keeps whole, in bytes; nullopt (the default): no limit that
  // it would apply silently. PostgreSQL cuts longer names to 63 bytes with only a NOTICE, so
  // autogenerate refuses models (and naming-convention names) past it.
  virtual std::optional<std::size_t> max_identifier_bytes() const { return std::nullopt; }

  // ---- Scratch databases for `retort test` (src/runtime/migration_test.cpp) ----------------

  // A scratch database for `retort test`: `url` is the text of its URL (the project's
  // credentials, another database), and `drop()` removes it. The default makes one on the
  // project's server: CREATE DATABASE through `admin` (a session on the project's URL), DROP
  // DATABASE in drop(). `keeper`, when set, is a session that keeps an in-memory scratch alive.
  struct Scratch {
    std::string url;
    std::function<void()> drop;
    std::unique_ptr<Connection> keeper;
  };
  // `project_url` is the configured URL as text (with its password), `name` a fresh
  // scratch_name(). `admin` may be null for a dialect whose scratch needs no server
  // (scratch_needs_server() false).
  virtual Scratch create_scratch(const Dialect& d, const std::string& project_url,
                                 Connection* admin, const std::string& name) const;
  // Whether create_scratch() needs a session on the project's database (the default: yes).
  virtual bool scratch_needs_server() const { return true; }
  // A cheap text that is equal for two states of a database only when their schemas are equal
  // (SQLite: sqlite_master's rows), so `retort test` skips reflecting a schema that did not
  // change; nullopt (the default): always reflect. Excludes `skip_tables` (retort's own).
  virtual std::optional<std::string> schema_digest(
      Connection& conn, const std::vector<std::string>& skip_tables) const {
    return std::nullopt;
  }
  // ---- Table options (op.alter_table_options; MySQL's character set and partitioning) -----

  // The alter_table_options that makes a table's options as they are (`current`, reflected)
  // the model's, with the values now as existing_* for its reverse; nullopt when they mean the
  // same, or the model leaves them to the database. The default (no table options): nullopt.
  virtual std::optional<ops::AlterTableOptions> table_options_change(const ops::TableRef& table,
                                                                     const Table& current,
                                                                     const Table& model) const {
    return std::nullopt;
  }
  // Where the table's default character set or collation changes, its character columns that
  // take the default made explicit on both sides (the old default in `current`, the new one in
  // `model`): a table's default applies to columns added later, never to those it has, so
  // autogenerate then alters each such column as well. The default: nothing.
  virtual void pin_default_charsets(Table& current, Table& model) const {}
  // The partitions an alter_table_options drops, and their rows with them, as the compiler will
  // do it (`schema`: the table as it is). The default: none.
  virtual std::vector<std::string> dropped_partitions(const ops::AlterTableOptions& op,
                                                      SchemaView& schema) const {
    return {};
  }
  // A query giving one row, the name of the first partition of `partitions` that holds a row,
  // or none. "" when the dialect has no partitions (the default).
  virtual std::string partition_rows_query(const Dialect& d, const ops::TableRef& table,
                                           const std::vector<std::string>& partitions) const {
    return {};
  }

  // The guard's one query for such a change: a single row (none when no value is lost) with the
  // number of rows whose value would be lost, then `key_columns` of the first of them by key.
  // nullopt when lossy_value_condition() is.
  std::optional<std::string> lossy_values_query(const Dialect& d, const ops::TableRef& table,
                                                const std::string& column,
                                                const std::vector<std::string>& key_columns,
                                                const Type& from, const Type& to) const;
};

// `project_url` (a server URL's text) with its database replaced by `name`, the rest (password,
// query) unchanged (scratch_database.cpp).
std::string url_with_database(const std::string& project_url, const std::string& name);

// The extras of `dialect` (defined in dialect_registry.cpp, beside the list of dialects).
const DialectExtras& dialect_extras(const Dialect& dialect);

}  // namespace retort
