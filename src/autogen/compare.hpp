// compare — the ops that turn one schema (reflected from a database) into another (the models).
//
// Pure: no I/O, no database. The only database knowledge it needs comes through two Dialect
// hooks (types_equivalent, defaults_equivalent). The result carries the upgrade ops, their exact
// reverse for downgrade(), and warnings for a human (likely renames, things it cannot express).
// What is and is not compared is documented in docs/autogenerate.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ops/ops.hpp"
#include "retort/metadata.hpp"

namespace retort {
class Dialect;
}

namespace retort::autogen {

struct CompareOptions {
  // Globs (fnmatch: *, ?, [..]) over "name" and "schema.name". Empty include: every table.
  std::vector<std::string> include_tables;
  std::vector<std::string> exclude_tables;
  // Only tables in these schemas ("" is the default schema). Empty: every schema.
  std::vector<std::string> schemas;
  // Never compared, in any schema: it is retort's own bookkeeping.
  std::string version_table = "retort_version";
  std::string history_table = "retort_version_history";  // never compared either
  // false where the database keeps no comments (SQLite): otherwise every commented model
  // column would differ on every run.
  bool compare_comments = true;
  // Names the model's unnamed constraints and indexes (the models loader normally has already).
  NamingConvention naming_convention;
  // A table lost exactly one column and gained one of a compatible type: is it a rename?
  // (table as "schema.name" or "name", old column, new column). Null: never a rename.
  std::function<bool(const std::string& table, const std::string& from, const std::string& to)>
      ask_rename;
};

struct CompareResult {
  std::vector<ops::Op> upgrade;    // current -> target, in an order that can run
  std::vector<ops::Op> downgrade;  // target -> current: the reverse of each op, last first
  std::vector<std::string> warnings;
  // A comment for the reviewer above some upgrade ops (same size as upgrade; "" for none):
  // the drop and the add of a column pair that may be a rename.
  std::vector<std::string> upgrade_notes;
  // Same size as upgrade: true for an op that is no difference of its own but goes with another
  // change (a view dropped before a change of a column it reads, which PostgreSQL refuses under
  // a view, and created again after it); the described changes leave it out, and the change it
  // goes with names it (upgrade_described).
  std::vector<bool> upgrade_implied;
  // Same size as upgrade: what each op changes, as the command prints it ("alter_column t.c",
  // with the views dropped and created again around it); "" for an implied op.
  std::vector<std::string> upgrade_described;
  bool empty() const { return upgrade.empty(); }
};

// Compares `current` (reflected) with `target` (models). Deterministic: the same inputs give
// the same ops in the same order. Destructive ops never carry allow_data_loss. Never throws for
// schema content; warnings say what it could not express.
CompareResult compare(MetaData current, MetaData target, const Dialect& dialect,
                      const CompareOptions& options = {});

// A table with column sugar (primary_key, unique, index, foreign_keys on a column) moved into
// table-level constraints, primary key columns NOT NULL, and — when `convention` is given —
// unnamed constraints and indexes named by it. Idempotent.
Table normalize_table(Table table, const NamingConvention* convention);

// The name `convention` gives to a constraint of kind `key` ("pk", "fk", "uq", "ix", "ck").
std::string convention_name(const NamingConvention& convention, const std::string& key,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& referred_table = "",
                            const std::string& constraint_name = "");

}  // namespace retort::autogen
