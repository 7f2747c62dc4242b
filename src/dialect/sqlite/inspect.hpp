// SqliteInspector: the schema of a SQLite database as retort's MetaData, and the SchemaView the
// DDL compiler asks during table rebuilds.
//
// Reflection is bulk: one query per kind of object for the whole schema, joining sqlite_master
// with SQLite's table-valued pragma functions (pragma_table_info, pragma_index_list,
// pragma_index_info, pragma_foreign_key_list). What the pragmas do not report (constraint names,
// CHECK expressions, AUTOINCREMENT, DEFERRABLE, index expressions and WHERE clauses) is read from
// the CREATE statements SQLite keeps in sqlite_master (sql_parser.hpp).
//
// Conventions of the reflected model: primary key columns are marked on the Column
// (primary_key, nullable = false) and in Table::primary_key; a constraint the table's SQL does
// not name has name ""; ON DELETE/UPDATE NO ACTION (SQLite's default) is reported as "";
// UNIQUE constraints are unique_constraints, never indexes (their sqlite_autoindex_* indexes are
// skipped). Column comments do not exist in SQLite.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::sqlite {

// Reflects the tables of `schema` ("" = main); `only_table` non-empty: that table alone.
MetaData inspect_schema(Connection& conn, const std::string& schema, const std::string& only_table,
                        const std::vector<std::string>& exclude_tables);

MetaData inspect(Connection& conn, const InspectOptions& options);

// A trigger, view or index, as sqlite_master keeps it.
struct SchemaObject {
  std::string type;  // "trigger", "view" or "index"
  std::string name;
  std::string sql;
};

// The live schema for the DDL compiler: tables reflected one at a time on demand, plus what a
// table rebuild must save and restore around the table.
class SqliteSchemaView : public SchemaView {
 public:
  explicit SqliteSchemaView(Connection& conn) : conn_(conn) {}
  std::optional<Table> table(const std::string& schema, const std::string& name) override;
  // Triggers and views that mention `table` (or a view that does, transitively), in creation
  // order: a rebuild drops them before replacing the table and recreates them after, since
  // ALTER TABLE RENAME refuses to run while a view or trigger names a missing table.
  std::vector<SchemaObject> dependents(const std::string& schema, const std::string& table);
  // CREATE INDEX statements of `table`'s own indexes, by index name, as they were written.
  std::vector<SchemaObject> index_statements(const std::string& schema, const std::string& table);
  // What the table model does not carry and a rebuild must keep or refuse: the table options
  // after the column list (WITHOUT ROWID, STRICT) and column collations. (Generated columns are
  // in the table model, Column::computed, and the rebuild recreates them.)
  struct TableTraits {
    std::string options;
    std::map<std::string, std::string> collations;  // column -> collation
  };
  TableTraits traits(const std::string& schema, const std::string& table);
  // Names of the other tables whose foreign keys refer to `table`.
  std::vector<std::string> referencing_tables(const std::string& schema, const std::string& table);

 private:
  Connection& conn_;
};

}  // namespace retort::sqlite
