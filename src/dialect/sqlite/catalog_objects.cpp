// SqliteDialect::catalog_objects: views, triggers and virtual tables, from sqlite_master.
// Autogenerate reports the kinds retort does not manage (src/autogen/unmanaged.cpp).
#include "dialect/sqlite/sqlite_dialect.hpp"

namespace retort::sqlite {
namespace {

std::string text(const Value& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}

}  // namespace

std::vector<CatalogObject> SqliteDialect::catalog_objects(Connection& conn,
                                                          const InspectOptions& options) const {
  std::vector<std::string> schemas = options.schemas;
  if (schemas.empty()) schemas.push_back("main");
  std::vector<CatalogObject> out;
  for (const auto& schema : schemas) {
    std::string sql =
        "SELECT CASE WHEN type = 'table' THEN 'virtual_table' ELSE type END, "
        "CASE WHEN type = 'trigger' THEN tbl_name ELSE '' END, name FROM " +
        quote(schema) +
        ".sqlite_master WHERE type IN ('view', 'trigger') OR (type = 'table' AND "
        "sql LIKE 'CREATE VIRTUAL TABLE%') ORDER BY 1, 2, 3";
    for (const auto& row : conn.query(sql).rows) {
      out.push_back({text(row[0]), schema == "main" ? "" : schema, text(row[1]), text(row[2])});
    }
  }
  return out;
}

}  // namespace retort::sqlite
