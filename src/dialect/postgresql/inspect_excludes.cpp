// PostgresInspector's exclusion constraints (pg_constraint contype 'x'): one query for every
// reflected table. Each keeps pg_get_constraintdef's text, which autogenerate compares, and its
// parts (elements from the backing index, operators from conexclop, method, predicate,
// deferrability), which autogenerate renders.
#include <nlohmann/json.hpp>

#include "dialect/postgresql/inspect.hpp"

namespace retort::postgresql {
namespace {

// Each element: [is_expression, pg_get_indexdef's text of it, the column name or null,
// indoption (bit 1: DESC, bit 2: NULLS FIRST), the operator class when it is not the type's
// default, the operator]. A partition's clone of its parent's constraint is left out
// (conparentid), as the other constraints' are.
const char* const kExcludesSql =
    "SELECT co.conrelid::int8, co.conname, "
    "(SELECT json_agg(json_build_array(i.indkey[k.n - 1] = 0, "
    "pg_get_indexdef(i.indexrelid, k.n, true), a.attname, i.indoption[k.n - 1], "
    "CASE WHEN NOT oc.opcdefault THEN oc.opcname END, op.oprname) ORDER BY k.n) "
    "FROM generate_series(1, i.indnkeyatts::int) AS k(n) "
    "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1] "
    "LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k.n - 1] "
    "LEFT JOIN pg_operator op ON op.oid = co.conexclop[k.n])::text, "
    "am.amname, pg_get_expr(i.indpred, i.indrelid, true), co.condeferrable, co.condeferred, "
    "pg_get_constraintdef(co.oid, true) "
    "FROM pg_constraint co JOIN pg_index i ON i.indexrelid = co.conindid "
    "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
    "JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE co.contype = 'x' AND co.conparentid = 0 AND";

std::string text_of(const Value& v) {
  return is_null(v) ? std::string() : std::get<std::string>(v);
}

}  // namespace

void reflect_exclude_constraints(Connection& conn, const std::string& filter,
                                 const std::vector<Value>& params,
                                 const std::function<Table*(const Value&)>& table_of) {
  const std::string sql = std::string(kExcludesSql) + filter + "ORDER BY co.conrelid, co.conname";
  for (const auto& row : conn.query(sql, params).rows) {
    Table* t = table_of(row[0]);
    if (!t) continue;
    ExcludeConstraint x;
    x.name = text_of(row[1]);
    if (!is_null(row[2])) {
      for (const auto& e : nlohmann::json::parse(std::get<std::string>(row[2]))) {
        ExcludeElement el;
        el.element.expression = e[0].get<bool>();
        el.element.text = el.element.expression || !e[2].is_string() ? e[1].get<std::string>()
                                                                     : e[2].get<std::string>();
        int option = e[3].is_number() ? e[3].get<int>() : 0;
        el.element.descending = (option & 1) != 0;
        bool nulls_first = (option & 2) != 0;
        if (nulls_first != el.element.descending) el.element.nulls = nulls_first ? "FIRST" : "LAST";
        if (e[4].is_string()) el.element.postgresql_ops = e[4].get<std::string>();
        if (e[5].is_string()) el.op = e[5].get<std::string>();
        x.elements.push_back(std::move(el));
      }
    }
    x.using_method = text_of(row[3]);
    x.where = text_of(row[4]);
    if (std::get<bool>(row[5])) {
      x.deferrable = true;
      if (std::get<bool>(row[6])) x.initially = "DEFERRED";
    }
    x.definition = text_of(row[7]);
    t->exclude_constraints.push_back(std::move(x));
  }
}

}  // namespace retort::postgresql
