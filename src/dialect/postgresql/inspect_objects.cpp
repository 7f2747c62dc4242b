// PostgreSQL: views and materialized views (pg_get_viewdef, with the relations each reads from
// pg_depend, and the columns of them it reads as "relation(column)"; a materialized view's
// indexes as CREATE INDEX statements after its SELECT), functions and procedures
// (pg_get_functiondef), triggers (pg_get_triggerdef). Skipped: objects that belong to an
// extension (pg_depend deptype 'e'), functions another object made and owns (deptype 'i': the
// constructors CREATE TYPE ... AS RANGE makes for the range and its multirange, which go with
// the type), internal triggers (foreign keys), the clones of a partitioned table's trigger on
// its partitions, and window functions. Aggregates (plain ones: aggkind 'n') are rebuilt as the
// CREATE AGGREGATE of their state function, state type, final and combine functions and initial
// condition, the parts pg_dump also writes for them; ordered-set and hypothetical-set
// aggregates are not reflected (catalog_objects.cpp reports them).
#include "dialect/postgresql/inspect_objects.hpp"

#include <nlohmann/json.hpp>

#include "dialect/replaceable_ddl.hpp"

namespace retort::postgresql {
namespace {

std::string text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

constexpr const char* kSchemas = "n.nspname IN (SELECT json_array_elements_text($1::json))";

std::string not_extension(const char* catalog, const char* oid) {
  return std::string("NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '") + catalog +
         "'::regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
}

// Nor a part of another object, which makes and drops it (a range type's constructors).
std::string not_internal(const char* catalog, const char* oid) {
  return std::string("NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = '") + catalog +
         "'::regclass AND i.objid = " + oid + " AND i.deptype = 'i')";
}

}  // namespace

void inspect_objects(Connection& conn, const InspectOptions& options, MetaData& md) {
  ResultSet cur = conn.query("SELECT current_schema()");
  const std::string current = cur.rows.empty() ? "" : text(cur.rows[0][0]);
  nlohmann::json wanted = nlohmann::json::array();
  if (options.schemas.empty()) {
    wanted.push_back(current);
  } else {
    for (const auto& s : options.schemas) wanted.push_back(s);
  }
  const std::vector<Value> params = {wanted.dump()};
  auto shown = [&](const std::string& s) { return s == current ? std::string() : s; };

  // Views and materialized views, each with the relations its rewrite rule depends on.
  const std::string views =
      std::string(
          "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true), "
          "(SELECT json_agg(DISTINCT CASE WHEN rn.nspname = current_schema() THEN rc.relname "
          "ELSE rn.nspname || '.' || rc.relname END) FROM pg_rewrite r "
          "JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid "
          "AND d.refclassid = 'pg_class'::regclass "
          "JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = "
          "rc.relnamespace WHERE r.ev_class = c.oid AND rc.oid <> c.oid)::text, "
          // The columns it reads, as "relation(column)": pg_depend records each column a
          // rewrite rule uses (refobjsubid), the ones an ALTER COLUMN TYPE or DROP COLUMN of
          // the table would be refused for.
          "(SELECT json_agg(DISTINCT CASE WHEN rn.nspname = current_schema() THEN rc.relname "
          "ELSE rn.nspname || '.' || rc.relname END || '(' || a.attname || ')') FROM pg_rewrite r "
          "JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid "
          "AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 "
          "JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = "
          "rc.relnamespace JOIN pg_attribute a ON a.attrelid = rc.oid "
          "AND a.attnum = d.refobjsubid WHERE r.ev_class = c.oid AND rc.oid <> c.oid)::text, "
          // A materialized view's indexes, as CREATE INDEX statements on the view named as the
          // view's own is (pg_get_indexdef qualifies it always), by name.
          "(SELECT string_agg('CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || "
          "'INDEX ' || quote_ident(ic.relname) || ' ON ' || CASE WHEN n.nspname = "
          "current_schema() THEN '' ELSE quote_ident(n.nspname) || '.' END || "
          "quote_ident(c.relname) || substr(pg_get_indexdef(i.indexrelid), "
          "strpos(pg_get_indexdef(i.indexrelid), ' USING ')) || ';', E'\\n' "
          "ORDER BY ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
          "WHERE i.indrelid = c.oid) "
          "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          "WHERE c.relkind IN ('v', 'm') AND ") +
      kSchemas + " AND " + not_extension("pg_class", "c.oid") + " ORDER BY c.oid";
  for (const auto& row : conn.query(views, params).rows) {
    ReplaceableObject o;
    o.kind = std::get<bool>(row[2]) ? ObjectKind::MaterializedView : ObjectKind::View;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    o.definition = text(row[3]);
    // A materialized view's indexes follow its SELECT, as the statements that create them
    // (replaceable_ddl.cpp runs them after the CREATE MATERIALIZED VIEW).
    if (!is_null(row[6])) {
      o.definition = trim_definition(o.definition) + ";\n" + text(row[6]);
    }
    if (!is_null(row[4]))
      for (const auto& e : nlohmann::json::parse(text(row[4])))
        o.depends_on.push_back(e.get<std::string>());
    if (!is_null(row[5]))
      for (const auto& e : nlohmann::json::parse(text(row[5])))
        o.depends_on.push_back(e.get<std::string>());
    md.objects.push_back(std::move(o));
  }

  // Functions and procedures. pg_get_functiondef always qualifies the name with its schema:
  // dropped for the default schema, as everywhere else in the model.
  const std::string routines =
      std::string(
          "SELECT n.nspname, p.proname, p.prokind = 'p', pg_get_functiondef(p.oid), "
          "quote_ident(n.nspname) || '.' FROM pg_proc p "
          "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND ") +
      kSchemas + " AND " + not_extension("pg_proc", "p.oid") + " AND " +
      not_internal("pg_proc", "p.oid") + " ORDER BY p.oid";
  for (const auto& row : conn.query(routines, params).rows) {
    ReplaceableObject o;
    o.kind = std::get<bool>(row[2]) ? ObjectKind::Procedure : ObjectKind::Function;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    o.definition = text(row[3]);
    if (o.schema.empty()) {
      const std::string prefix = text(row[4]);
      size_t at = o.definition.find(prefix);
      if (at != std::string::npos && at < o.definition.find('('))
        o.definition.erase(at, prefix.size());
    }
    md.objects.push_back(std::move(o));
  }

  // Aggregates: PostgreSQL has no pg_get_aggregatedef; the statement is built from pg_aggregate.
  // regproc names a function with its schema only where search_path does not find it.
  const std::string aggregates =
      std::string(
          "SELECT n.nspname, p.proname, 'CREATE AGGREGATE ' || "
          "CASE WHEN n.nspname = current_schema() THEN '' ELSE quote_ident(n.nspname) || '.' END "
          "|| quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ') ("
          "SFUNC = ' || a.aggtransfn::regproc::text || ', STYPE = ' || "
          "format_type(a.aggtranstype, NULL) || "
          "CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text "
          "ELSE '' END || "
          "CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text "
          "ELSE '' END || "
          "CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) "
          "ELSE '' END || ')' "
          "FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid "
          "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE a.aggkind = 'n' AND ") +
      kSchemas + " AND " + not_extension("pg_proc", "p.oid") + " ORDER BY p.oid";
  for (const auto& row : conn.query(aggregates, params).rows) {
    ReplaceableObject o;
    o.kind = ObjectKind::Aggregate;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    o.definition = text(row[2]);
    md.objects.push_back(std::move(o));
  }

  const std::string triggers =
      std::string(
          "SELECT n.nspname, t.tgname, c.relname, pg_get_triggerdef(t.oid, true) "
          "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
          "JOIN pg_namespace n ON n.oid = c.relnamespace "
          "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ") +
      kSchemas + " AND " + not_extension("pg_trigger", "t.oid") + " ORDER BY t.oid";
  for (const auto& row : conn.query(triggers, params).rows) {
    ReplaceableObject o;
    o.kind = ObjectKind::Trigger;
    o.schema = shown(text(row[0]));
    o.name = text(row[1]);
    o.table = text(row[2]);
    o.definition = text(row[3]);
    md.objects.push_back(std::move(o));
  }
}

}  // namespace retort::postgresql
