// PostgreSQL: domains (pg_type typtype 'd'), one catalog query for all the schemas asked for,
// skipping domains an extension installed (pg_depend deptype 'e'); and extensions (pg_extension),
// which belong to the database rather than a schema, but plpgsql, which every database has.
#include <nlohmann/json.hpp>

#include "dialect/postgresql/inspect.hpp"
#include "dialect/postgresql/inspect_objects.hpp"
#include "dialect/postgresql/types.hpp"

namespace retort::postgresql {
namespace {

std::string text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

// $1: a JSON array of schema names; empty: the current schema. The schema comes back empty for
// the current one, as everywhere in the model. Checks as [name, pg_get_constraintdef], by name.
constexpr const char* kDomainsSql =
    "SELECT CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname END, t.typname, "
    "format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
    "CASE WHEN t.typcollation <> bt.typcollation THEN co.collname END, "
    "(SELECT json_agg(json_build_array(k.conname, pg_get_constraintdef(k.oid, true)) "
    "ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c')::text "
    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "JOIN pg_type bt ON bt.oid = t.typbasetype "
    "LEFT JOIN pg_collation co ON co.oid = t.typcollation "
    "WHERE t.typtype = 'd' AND (n.nspname IN (SELECT json_array_elements_text($1::json)) OR "
    "(json_array_length($1::json) = 0 AND n.nspname = current_schema())) "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass "
    "AND e.objid = t.oid AND e.deptype = 'e') ORDER BY t.oid";

}  // namespace

void inspect_domains(Connection& conn, const InspectOptions& options, MetaData& md) {
  nlohmann::json wanted = nlohmann::json::array();
  for (const auto& s : options.schemas) wanted.push_back(s);
  for (const auto& row : conn.query(kDomainsSql, {wanted.dump()}).rows) {
    Domain d;
    d.schema = text(row[0]);
    d.name = text(row[1]);
    d.type = type_from_format(text(row[2]));
    d.type.collation = text(row[5]);
    d.not_null = std::get<bool>(row[3]);
    bool sequence = false;
    if (!is_null(row[4])) d.server_default = parse_default(text(row[4]), sequence);
    if (!is_null(row[6]))
      for (const auto& c : nlohmann::json::parse(text(row[6])))
        d.checks.push_back({c[0].get<std::string>(), check_sqltext(c[1].get<std::string>())});
    md.domains.push_back(std::move(d));
  }
}

void inspect_extensions(Connection& conn, MetaData& md) {
  const char* sql =
      "SELECT e.extname, CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname END "
      "FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
      "WHERE e.extname <> 'plpgsql' ORDER BY e.oid";
  for (const auto& row : conn.query(sql).rows)
    md.extensions.push_back({text(row[0]), text(row[1])});
}

}  // namespace retort::postgresql
