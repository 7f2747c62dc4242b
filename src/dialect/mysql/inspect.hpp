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
//   - A generated column: Column::computed, GENERATION_EXPRESSION as the server prints it
//     (identifiers in backquotes), persisted from EXTRA (STORED/PERSISTENT GENERATED); no
//     default, and nullable (MariaDB takes no NOT NULL there).
// Thread-safety: uses the connection it is given; one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "dialect/dialect.hpp"

namespace retort::mysql {

class MysqlInspector {
 public:
  explicit MysqlInspector(Connection& conn) : conn_(conn) {}

  // The schemas in options (empty: DATABASE()), without options.exclude_tables.
  // Error(Database) when no database is selected and none is named.
  MetaData inspect(const InspectOptions& options);

  // One table (schema "" = the connection's database); nullopt when it does not exist.
  std::optional<Table> table(const std::string& schema, const std::string& name);

 private:
  MetaData reflect(std::vector<std::string> schemas, const std::optional<std::string>& only_table,
                   const std::vector<std::string>& exclude);

  Connection& conn_;
};

// A SchemaView over a live connection: reflects single tables on demand.
class MysqlLiveSchema : public SchemaView {
 public:
  explicit MysqlLiveSchema(Connection& conn) : inspector_(conn) {}
  std::optional<Table> table(const std::string& schema, const std::string& name) override;

 private:
  MysqlInspector inspector_;
};

std::unique_ptr<SchemaView> make_live_schema(Connection& conn);

}  // namespace retort::mysql
