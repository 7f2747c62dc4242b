// DialectExtras — per-database facts kept beside Dialect rather than in it: the data-loss
// guard's questions about values for a narrowing type change, and what an offline script starts
// with. Each dialect folder defines its own (extras.cpp); dialect_extras() finds it through the
// dialect registry, so code outside src/dialect never asks which database it is. Kept out of
// Dialect's own interface for now so that adding them did not change every translation unit
// that sees Dialect; they can move into it unchanged.
#pragma once

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

  // The guard's one query for such a change: a single row (none when no value is lost) with the
  // number of rows whose value would be lost, then `key_columns` of the first of them by key.
  // nullopt when lossy_value_condition() is.
  std::optional<std::string> lossy_values_query(const Dialect& d, const ops::TableRef& table,
                                                const std::string& column,
                                                const std::vector<std::string>& key_columns,
                                                const Type& from, const Type& to) const;
};

// The extras of `dialect` (defined in dialect_registry.cpp, beside the list of dialects).
const DialectExtras& dialect_extras(const Dialect& dialect);

}  // namespace retort
