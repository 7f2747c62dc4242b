// PostgresDialect::catalog_objects: everything in the catalogs that inspect() does not reflect
// into tables, by kind, in one query. Autogenerate reports the kinds retort does not manage
// (src/autogen/unmanaged.cpp); the kinds listed here are documented in docs/autogenerate.md.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "dialect/postgresql/postgresql_dialect.hpp"

namespace retort::postgresql {
namespace {

// $1: a JSON array of the schemas to list. An object an extension installed (pg_depend deptype
// 'e') belongs to the extension, which is listed itself.
constexpr const char* kCatalogObjectsSql = R"SQL(
WITH s AS (SELECT n.oid, n.nspname FROM pg_namespace n
           WHERE n.nspname IN (SELECT json_array_elements_text($1::json))),
ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
SELECT 'policy', s.nspname, c.relname, p.polname
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN s ON s.oid = c.relnamespace
UNION ALL
SELECT 'row_security', s.nspname, '', c.relname
  FROM pg_class c JOIN s ON s.oid = c.relnamespace WHERE c.relrowsecurity
UNION ALL
SELECT 'rule', s.nspname, c.relname, r.rulename
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN s ON s.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN'
UNION ALL
SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view'
                      WHEN 'f' THEN 'foreign_table' WHEN 'S' THEN 'sequence' ELSE 'type' END,
       s.nspname, '', c.relname
  FROM pg_class c JOIN s ON s.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm', 'f', 'S', 'c')
    AND (c.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_class'::regclass)
    -- a sequence that belongs to a column (serial, identity) is part of the column
    AND NOT (c.relkind = 'S' AND EXISTS (
      SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
        AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')))
UNION ALL
SELECT 'partitioned_table', s.nspname, '', c.relname
  FROM pg_class c JOIN s ON s.oid = c.relnamespace WHERE c.relkind = 'p'
UNION ALL
SELECT 'partition', s.nspname, '', c.relname
  FROM pg_class c JOIN s ON s.oid = c.relnamespace WHERE c.relispartition AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'grant', s.nspname, '', c.relname
  FROM pg_class c JOIN s ON s.oid = c.relnamespace
  WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND (c.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_class'::regclass)
UNION ALL
SELECT 'trigger', s.nspname, c.relname, t.tgname
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN s ON s.oid = c.relnamespace
  WHERE NOT t.tgisinternal AND t.tgparentid = 0
UNION ALL
SELECT CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'
                      -- plain aggregates are managed; ordered-set and hypothetical-set ones
                      -- (aggkind 'o', 'h') are not reflected, so they are reported
                      WHEN 'a' THEN CASE WHEN (SELECT ag.aggkind FROM pg_aggregate ag
                                               WHERE ag.aggfnoid = p.oid) = 'n'
                                    THEN 'aggregate' ELSE 'ordered_set_aggregate' END
                      ELSE 'window_function' END,
       s.nspname, '', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_proc p JOIN s ON s.oid = p.pronamespace
  WHERE (p.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_proc'::regclass)
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range_type' ELSE 'type' END,
       s.nspname, '', t.typname
  FROM pg_type t JOIN s ON s.oid = t.typnamespace
  WHERE (t.typtype IN ('r', 'b') AND t.typelem = 0 OR t.typtype = 'd')
    AND (t.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_type'::regclass)
UNION ALL
SELECT 'statistics', s.nspname, '', x.stxname
  FROM pg_statistic_ext x JOIN s ON s.oid = x.stxnamespace
UNION ALL
SELECT 'operator', s.nspname, '',
       o.oprname || '(' || COALESCE(format_type(o.oprleft, NULL), 'NONE') || ', ' ||
       COALESCE(format_type(o.oprright, NULL), 'NONE') || ')'
  FROM pg_operator o JOIN s ON s.oid = o.oprnamespace
  WHERE (o.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_operator'::regclass)
UNION ALL
SELECT 'operator_class', s.nspname, '', oc.opcname
  FROM pg_opclass oc JOIN s ON s.oid = oc.opcnamespace
  WHERE (oc.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_opclass'::regclass)
UNION ALL
SELECT 'collation', s.nspname, '', co.collname
  FROM pg_collation co JOIN s ON s.oid = co.collnamespace
  WHERE (co.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_collation'::regclass)
UNION ALL
SELECT 'conversion', s.nspname, '', cv.conname
  FROM pg_conversion cv JOIN s ON s.oid = cv.connamespace
  WHERE (cv.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_conversion'::regclass)
UNION ALL
SELECT 'text_search_configuration', s.nspname, '', tc.cfgname
  FROM pg_ts_config tc JOIN s ON s.oid = tc.cfgnamespace
  WHERE (tc.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_ts_config'::regclass)
UNION ALL
SELECT 'text_search_dictionary', s.nspname, '', td.dictname
  FROM pg_ts_dict td JOIN s ON s.oid = td.dictnamespace
  WHERE (td.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_ts_dict'::regclass)
UNION ALL
SELECT 'extension', '', '', e.extname FROM pg_extension e WHERE e.extname <> 'plpgsql'
UNION ALL
SELECT 'event_trigger', '', '', et.evtname FROM pg_event_trigger et
  WHERE (et.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_event_trigger'::regclass)
UNION ALL
SELECT 'publication', '', '', pb.pubname FROM pg_publication pb
UNION ALL
SELECT 'subscription', '', '', sb.subname FROM pg_subscription sb
  WHERE sb.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
UNION ALL
SELECT 'cast', '', '', '(' || format_type(ca.castsource, NULL) || ' AS ' ||
       format_type(ca.casttarget, NULL) || ')'
  FROM pg_cast ca WHERE ca.oid >= 16384
  AND (ca.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_cast'::regclass)
UNION ALL
SELECT 'foreign_server', '', '', fs.srvname FROM pg_foreign_server fs
  WHERE (fs.oid) NOT IN (SELECT objid FROM ext WHERE classid = 'pg_foreign_server'::regclass)
ORDER BY 1, 2, 3, 4
)SQL";

std::string text(const Value& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}

}  // namespace

std::vector<CatalogObject> PostgresDialect::catalog_objects(Connection& conn,
                                                            const InspectOptions& options) const {
  ResultSet cur = conn.query("SELECT current_schema()");
  const std::string current = cur.rows.empty() ? "" : text(cur.rows[0][0]);
  nlohmann::json wanted = nlohmann::json::array();
  if (options.schemas.empty()) {
    wanted.push_back(current);
  } else {
    for (const auto& s : options.schemas) wanted.push_back(s);
  }
  std::vector<CatalogObject> out;
  for (const auto& row : conn.query(kCatalogObjectsSql, {Value(wanted.dump())}).rows) {
    CatalogObject o{text(row[0]), text(row[1]), text(row[2]), text(row[3])};
    if (o.schema == current) o.schema.clear();
    // The version table is retort's own, with whatever grants it has.
    if (std::find(options.exclude_tables.begin(), options.exclude_tables.end(),
                  o.table.empty() ? o.name : o.table) != options.exclude_tables.end() &&
        o.schema.empty())
      continue;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace retort::postgresql
