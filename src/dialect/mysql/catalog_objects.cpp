// MysqlDialect::catalog_objects: views, triggers, routines, events, subpartitions, sequences and
// table grants, in one query over information_schema. Autogenerate reports the kinds retort
// does not manage (src/autogen/unmanaged.cpp).
#include <algorithm>
#include <iterator>

#include "dialect/mysql/mysql_dialect.hpp"

namespace retort {
namespace {

// {} stands for the schema filter of each part: "<column> IN (...)".
constexpr const char* kParts[] = {
    "SELECT 'view', TABLE_SCHEMA, '', TABLE_NAME FROM information_schema.VIEWS WHERE {}",
    "SELECT 'trigger', TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME "
    "FROM information_schema.TRIGGERS WHERE {}",
    "SELECT LOWER(ROUTINE_TYPE), ROUTINE_SCHEMA, '', ROUTINE_NAME "
    "FROM information_schema.ROUTINES WHERE {}",
    "SELECT 'event', EVENT_SCHEMA, '', EVENT_NAME FROM information_schema.EVENTS WHERE {}",
    // Partitions are managed (mysql_partition_by, mysql_partitions); subpartitions are not.
    "SELECT DISTINCT 'table_subpartition', TABLE_SCHEMA, TABLE_NAME, SUBPARTITION_NAME "
    "FROM information_schema.PARTITIONS WHERE SUBPARTITION_NAME IS NOT NULL AND {}",
    "SELECT 'sequence', TABLE_SCHEMA, '', TABLE_NAME FROM information_schema.TABLES "
    "WHERE TABLE_TYPE = 'SEQUENCE' AND {}",
    "SELECT DISTINCT 'grant', TABLE_SCHEMA, '', TABLE_NAME "
    "FROM information_schema.TABLE_PRIVILEGES WHERE {}",
};
constexpr const char* kSchemaColumns[] = {"TABLE_SCHEMA", "TRIGGER_SCHEMA", "ROUTINE_SCHEMA",
                                          "EVENT_SCHEMA", "TABLE_SCHEMA",   "TABLE_SCHEMA",
                                          "TABLE_SCHEMA"};

std::string text(const Value& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}

}  // namespace

std::vector<CatalogObject> MysqlDialect::catalog_objects(Connection& conn,
                                                         const InspectOptions& options) const {
  ResultSet cur = conn.query("SELECT DATABASE()");
  const std::string current = cur.rows.empty() ? "" : text(cur.rows[0][0]);
  std::vector<std::string> schemas = options.schemas;
  if (schemas.empty()) schemas.push_back(current);
  std::string in = "(";
  for (size_t i = 0; i < schemas.size(); ++i) in += i ? ", ?" : "?";
  in += ")";
  std::string sql;
  std::vector<Value> params;
  for (size_t p = 0; p < std::size(kParts); ++p) {
    std::string part = kParts[p];
    part.replace(part.find("{}"), 2, std::string(kSchemaColumns[p]) + " IN " + in);
    sql += (p ? " UNION ALL " : "") + part;
    for (const auto& s : schemas) params.emplace_back(s);
  }
  sql += " ORDER BY 1, 2, 3, 4";
  std::vector<CatalogObject> out;
  for (const auto& row : conn.query(sql, params).rows) {
    CatalogObject o{text(row[0]), text(row[1]), text(row[2]), text(row[3])};
    if (o.schema == current) o.schema.clear();
    const std::string& owner = o.table.empty() ? o.name : o.table;
    if (o.schema.empty() && std::find(options.exclude_tables.begin(), options.exclude_tables.end(),
                                      owner) != options.exclude_tables.end())
      continue;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace retort
