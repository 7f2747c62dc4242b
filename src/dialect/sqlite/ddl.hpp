// SqliteDdlCompiler: ops -> SQLite statements.
//
// ALTER TABLE in SQLite can rename a table, rename/add/drop a column, and nothing else
// (sqlite.org/lang_altertable.html). Everything else — changing a column's type, nullability or
// default, adding or dropping a constraint, batch_alter_table — is compiled to a table rebuild
// (table_rebuild.hpp). Statements carry no trailing semicolon; identifiers are always quoted.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::sqlite {

// The statements for `op`. `schema` is asked about the current table where the compiler needs
// it (rebuilds, drop_column); a SqliteSchemaView also lets rebuilds keep triggers and views.
// Invalid ops (no such table or column, duplicate constraint): Error(Script).
std::vector<Statement> compile(const ops::Op& op, SchemaView& schema);

// Pieces shared with the rebuild.

// "schema"."name", or "name" alone when schema is empty.
std::string qualified(const std::string& schema, const std::string& name);
// CREATE TABLE <qualified(table.schema, name)> (...) with one column or constraint per line,
// followed by `options` (WITHOUT ROWID, STRICT) when given; `collations` (column -> name) adds
// COLLATE clauses the model does not carry.
std::string create_table_sql(const Table& table, const std::string& name,
                             const std::string& options = "",
                             const std::map<std::string, std::string>& collations = {});
std::string create_index_sql(const std::string& schema, const std::string& table,
                             const Index& index, bool if_not_exists = false);
// `table` with column-level sugar (unique, index, foreign_keys, primary_key flags) moved to
// table level, named by the default naming convention, and primary key columns NOT NULL.
Table normalized(Table table);

// Views, materialized views, functions, procedures, triggers (ddl_objects.cpp): the
// statements of a CreateObject, ReplaceObject or DropObject.
std::vector<Statement> compile_objects(const ops::Op& op);

}  // namespace retort::sqlite
