// MySQL/MariaDB: views, functions, procedures and triggers from information_schema (VIEWS,
// ROUTINES with PARAMETERS, TRIGGERS): one query per kind, never SHOW CREATE per object. The
// definitions are rebuilt in SHOW CREATE's shape without DEFINER (the account that ran the
// migration is not part of the schema), and view definitions lose the database qualifier the
// server adds to every name of their own database. A routine or trigger created under another
// sql_mode than the server's default starts with `SET sql_mode = '...';`.
#include "dialect/mysql/inspect_objects.hpp"

#include <map>

#include "dialect/mysql/types.hpp"

namespace retort::mysql {
namespace {

std::string text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "";
}

void erase_all(std::string& s, const std::string& what) {
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at))
    s.erase(at, what.size());
}

}  // namespace

void inspect_objects(Connection& conn, const InspectOptions& options, MetaData& md) {
  ResultSet who = conn.query("SELECT DATABASE()");
  const std::string current = who.rows.empty() ? "" : text(who.rows[0][0]);
  std::vector<std::string> schemas = options.schemas;
  if (schemas.empty()) schemas.push_back(current);
  std::vector<Value> params;
  std::string in_list = "(";
  for (size_t i = 0; i < schemas.size(); ++i) {
    in_list += i ? ", ?" : "?";
    params.emplace_back(schemas[i]);
  }
  in_list += ")";
  auto shown = [&](const std::string& s) { return s == current ? std::string() : s; };
  // A routine or trigger runs under the sql_mode it was created with (ROUTINES.SQL_MODE,
  // TRIGGERS.SQL_MODE): where that is not the server's default, its definition starts with it,
  // as `SET sql_mode = '...';` (replaceable_ddl.cpp creates it under that mode), so a routine
  // made under another mode differs.
  // The default comes with each row (@@GLOBAL.sql_mode), not in a query of its own.
  auto under_mode = [&](const std::string& mode, const std::string& default_mode) {
    return mode == default_mode ? std::string() : "SET sql_mode = '" + mode + "';\n";
  };

  for (const auto& row :
       conn.query("SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, SECURITY_TYPE, CHECK_OPTION "
                  "FROM information_schema.VIEWS "
                  "WHERE TABLE_SCHEMA IN " +
                      in_list + " ORDER BY TABLE_SCHEMA, TABLE_NAME",
                  params)
           .rows) {
    ReplaceableObject o;
    o.kind = ObjectKind::View;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    o.definition = text(row[2]);
    erase_all(o.definition, quote_ident(text(row[0])) + ".");
    // What information_schema keeps apart from the SELECT, put back around it: SQL SECURITY
    // INVOKER as a first line (written before VIEW: ddl_objects.cpp), the check option after.
    if (text(row[3]) == "INVOKER") o.definition = "SQL SECURITY INVOKER\n" + o.definition;
    if (text(row[4]) == "CASCADED" || text(row[4]) == "LOCAL")
      o.definition += " WITH " + text(row[4]) + " CHECK OPTION";
    md.objects.push_back(std::move(o));
  }

  // Parameters of every routine, in order: (schema, name) -> "`a` int(11), ...".
  std::map<std::pair<std::string, std::string>, std::string> parameters;
  for (const auto& row :
       conn.query("SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, PARAMETER_MODE, PARAMETER_NAME, "
                  "DTD_IDENTIFIER, "
                  "ROUTINE_TYPE FROM information_schema.PARAMETERS WHERE ORDINAL_POSITION > 0 AND "
                  "SPECIFIC_SCHEMA IN " +
                      in_list + " ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION",
                  params)
           .rows) {
    std::string& list = parameters[{text(row[0]), text(row[1]) + "/" + text(row[5])}];
    if (!list.empty()) list += ", ";
    if (text(row[5]) == "PROCEDURE") list += text(row[2]) + " ";
    list += quote_ident(text(row[3])) + " " + text(row[4]);
  }
  for (const auto& row :
       conn.query("SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, "
                  "ROUTINE_DEFINITION, "
                  "IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT, SQL_MODE, "
                  "@@GLOBAL.sql_mode "
                  "FROM information_schema.ROUTINES WHERE ROUTINE_TYPE IN ('FUNCTION', "
                  "'PROCEDURE') AND "
                  "ROUTINE_SCHEMA IN " +
                      in_list + " ORDER BY CREATED, ROUTINE_SCHEMA, ROUTINE_NAME",
                  params)
           .rows) {
    ReplaceableObject o;
    const std::string type = text(row[2]);
    o.kind = type == "PROCEDURE" ? ObjectKind::Procedure : ObjectKind::Function;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    std::string def = "CREATE " + type + " " +
                      (o.schema.empty() ? "" : quote_ident(o.schema) + ".") + quote_ident(o.name) +
                      "(" + parameters[{text(row[0]), o.name + "/" + type}] + ")";
    if (o.kind == ObjectKind::Function) def += " RETURNS " + text(row[3]);
    if (text(row[5]) == "YES") def += "\n    DETERMINISTIC";
    if (text(row[6]) != "CONTAINS SQL") def += "\n    " + text(row[6]);
    if (text(row[7]) == "INVOKER") def += "\n    SQL SECURITY INVOKER";
    if (!text(row[8]).empty()) def += "\n    COMMENT " + quote_string(text(row[8]));
    o.definition = under_mode(text(row[9]), text(row[10])) + def + "\n" + text(row[4]);
    md.objects.push_back(std::move(o));
  }

  for (const auto& row :
       conn.query("SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, "
                  "EVENT_MANIPULATION, ACTION_STATEMENT, SQL_MODE, @@GLOBAL.sql_mode "
                  "FROM information_schema.TRIGGERS "
                  "WHERE TRIGGER_SCHEMA IN " +
                      in_list + " ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_ORDER",
                  params)
           .rows) {
    ReplaceableObject o;
    o.kind = ObjectKind::Trigger;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    o.table = text(row[2]);
    o.definition = under_mode(text(row[6]), text(row[7])) + "CREATE TRIGGER " +
                   (o.schema.empty() ? "" : quote_ident(o.schema) + ".") + quote_ident(o.name) +
                   " " + text(row[3]) + " " + text(row[4]) + " ON " + quote_ident(o.table) +
                   " FOR EACH ROW " + text(row[5]);
    md.objects.push_back(std::move(o));
  }
}

}  // namespace retort::mysql
