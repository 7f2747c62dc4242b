// dialect_sql — the few places where autogenerate must speak one database's SQL or follow one
// database's habit, kept out of the generic comparison (compare.cpp):
//   - table comments, which no op carries: written as op.execute (PostgreSQL, MySQL);
//   - PostgreSQL enum types losing or reordering values, which ALTER TYPE cannot do: rebuilt
//     by an op.execute;
//   - MySQL's index on every foreign key, created implicitly and left behind on drop: made
//     explicit so that check stays clean after upgrade and downgrade.
// Pure functions over the schema model; the SQL is quoted by the dialect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "retort/metadata.hpp"

namespace retort::autogen {

// The statement that sets (or, comment nullopt, clears) a table's comment; nullopt on a
// database that keeps none.
std::optional<std::string> table_comment_sql(const Dialect& dialect, const std::string& schema,
                                             const std::string& table,
                                             const std::optional<std::string>& comment);

// A column of an enum type, with the default it must have after the type is rebuilt.
struct EnumColumn {
  std::string schema;
  std::string table;
  std::string column;
  bool has_default_now = false;  // the column has a default now (it must go while converting)
  std::optional<ServerDefault> default_after;
};

// PostgreSQL: the statements that turn enum type `from` into `to` (same name, in `schema`)
// when `to` lacks some of `from`'s values or orders them differently: rename the old type away,
// create the new one, convert `columns` through text (a row holding a removed value makes this
// fail, and the transaction rolls back), drop the old type. nullopt when ALTER TYPE ADD VALUE
// suffices, or on another database.
std::optional<std::string> enum_rebuild_sql(const Dialect& dialect, const std::string& schema,
                                            const Type& from, const Type& to,
                                            const std::vector<EnumColumn>& columns);

// Does the primary key, an index on plain columns, or a unique constraint of `t` start with
// `columns`? (MySQL then needs no index of its own for a foreign key on them.)
bool leads_with(const Table& t, const std::vector<std::string>& columns);

// The index MySQL makes for a foreign key: the key's name, its columns.
Index foreign_key_index(const ForeignKey& fk);

}  // namespace retort::autogen
