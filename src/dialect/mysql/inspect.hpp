// MysqlInspector — reflects a MySQL/MariaDB database into MetaData with one information_schema
// query per kind of object for the whole schema (tables, columns, indexes, key constraints with
// their foreign-key rules, check constraints), never one per table.
//
// How MySQL's catalog maps onto the model (choices made so autogenerate sees no false diffs):
//   - A table in the connection's own database gets schema "" (the default schema); tables and
//     referred tables in other databases keep their database name.
//   - The primary key is always named PRIMARY.
//   - MySQL does not distinguish a unique constraint from a unique index: every unique index
//     is reported once, as a UniqueConstraint.
//   - InnoDB creates an index named after a foreign key when no index covers its columns; that
//     index is not reported (it belongs to the foreign key).
//   - MariaDB's JSON is LONGTEXT plus a column CHECK (json_valid(`c`)): reported as JSON, and
//     the check is not reported.
//   - ON DELETE/UPDATE RESTRICT and NO ACTION (InnoDB's default, the same thing) read as "".
//   - Defaults: 'x' -> Literal x, current_timestamp() -> Now, numbers -> Literal, other
//     expressions -> Expression; NULL (no default) -> none.
//   - autoincrement: true for AUTO_INCREMENT columns, false for other integer primary key
//     columns, unset otherwise.
//   - ON UPDATE -> mysql_on_update; a column's collation (and character set) only where it
//     differs from the table's default; index kinds (FULLTEXT, SPATIAL), prefix lengths and
//     DESC key parts from STATISTICS.
// What the model has no field for but MODIFY COLUMN must restate (a generated column's
// expression) is kept beside it as ColumnExtras, which the DDL compiler asks MysqlLiveSchema
// for.
// Thread-safety: uses the connection it is given; one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "dialect/dialect.hpp"

namespace retort::mysql {

// Column attributes outside the model that ALTER TABLE ... MODIFY COLUMN would otherwise drop.
struct ColumnExtras {
  std::string generated;  // generation expression of a generated column
  bool stored = false;    // generated: STORED (PERSISTENT) rather than VIRTUAL
  bool operator==(const ColumnExtras&) const = default;
};

// (model schema, table, column) -> extras, for columns that have any.
using ColumnExtrasMap = std::map<std::tuple<std::string, std::string, std::string>, ColumnExtras>;

class MysqlInspector {
 public:
  explicit MysqlInspector(Connection& conn) : conn_(conn) {}

  // The schemas in options (empty: DATABASE()), without options.exclude_tables.
  // Error(Database) when no database is selected and none is named.
  MetaData inspect(const InspectOptions& options);

  // One table (schema "" = the connection's database); nullopt when it does not exist.
  std::optional<Table> table(const std::string& schema, const std::string& name);

  // The extras of the columns reflected by the last inspect() or table().
  const ColumnExtrasMap& extras() const { return extras_; }

 private:
  MetaData reflect(std::vector<std::string> schemas, const std::optional<std::string>& only_table,
                   const std::vector<std::string>& exclude);

  Connection& conn_;
  ColumnExtrasMap extras_;
};

// A SchemaView over a live connection: reflects single tables on demand, and remembers the
// extras of the columns it reflected for the DDL compiler.
class MysqlLiveSchema : public SchemaView {
 public:
  explicit MysqlLiveSchema(Connection& conn) : inspector_(conn) {}
  std::optional<Table> table(const std::string& schema, const std::string& name) override;
  // Extras of a column of a table reflected through this view; nullptr when it has none.
  const ColumnExtras* extras(const std::string& schema, const std::string& table,
                             const std::string& column) const;

 private:
  MysqlInspector inspector_;
  ColumnExtrasMap extras_;
};

std::unique_ptr<SchemaView> make_live_schema(Connection& conn);

}  // namespace retort::mysql
