// SQLite: views and triggers from sqlite_master, as the text SQLite keeps (it does not
// normalise it; the comparison loads the models into a scratch database the same way).
#include "dialect/sqlite/inspect_objects.hpp"

#include <cctype>

#include "dialect/sqlite/sql_parser.hpp"

namespace retort::sqlite {
namespace {

std::string text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

// The SELECT of a CREATE VIEW: what follows the first AS outside parentheses (a column list).
std::string view_select(const std::string& sql) {
  int depth = 0;
  bool after_view = false;
  for (const Token& t : tokenize(sql)) {
    if (t.kind == Token::Kind::Punct && t.value == "(") ++depth;
    if (t.kind == Token::Kind::Punct && t.value == ")") --depth;
    if (t.is("VIEW")) after_view = true;
    if (after_view && depth == 0 && t.is("AS")) {
      size_t start = t.end;
      while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
      return sql.substr(start);
    }
  }
  return sql;
}

}  // namespace

void inspect_objects(Connection& conn, const InspectOptions& options, MetaData& md) {
  std::vector<std::string> schemas = options.schemas;
  if (schemas.empty()) schemas.push_back("");
  for (const auto& schema : schemas) {
    std::string master = schema.empty() ? "sqlite_master" : quote_identifier(schema) + ".sqlite_master";
    ResultSet r = conn.query("SELECT type, name, tbl_name, sql FROM " + master +
                             " WHERE type IN ('view', 'trigger') AND sql IS NOT NULL "
                             "ORDER BY type DESC, rowid");
    for (const auto& row : r.rows) {
      ReplaceableObject o;
      o.schema = schema == "main" ? "" : schema;
      o.name = text(row[1]);
      const std::string sql = text(row[3]);
      if (text(row[0]) == "view") {
        o.kind = ObjectKind::View;
        o.definition = view_select(sql);
      } else {
        o.kind = ObjectKind::Trigger;
        o.table = text(row[2]);
        o.definition = sql;
      }
      md.objects.push_back(std::move(o));
    }
  }
}

}  // namespace retort::sqlite
