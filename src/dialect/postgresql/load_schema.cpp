// PostgresDialect::load_schema_sql: the models as a schema.sql, loaded into a scratch.
//
// A scratch database (CREATE DATABASE from template0, dropped afterwards) takes a pg_dump
// --schema-only output as it is: the dump empties search_path and names every object
// schema-qualified (public.x), creates its schemas and extensions, and would collide with the
// project's own objects anywhere else. A role without CREATEDB falls back to a scratch schema
// inside a transaction that is rolled back, which serves hand-written schema.sql files (whose
// names are unqualified) but not dumps; docs/autogenerate.md says so.
#include <fmt/format.h>

#include "dialect/postgresql/postgresql_dialect.hpp"
#include "dialect/scratch.hpp"

namespace retort::postgresql {
namespace {

// insufficient_privilege: the role may not create databases.
bool refused_for_privilege(const Error& e) {
  return std::string(e.what()).find("(SQLSTATE 42501)") != std::string::npos;
}

}  // namespace

MetaData PostgresDialect::load_schema_sql(Connection& conn, const Url& url,
                                          const SchemaScript& script) const {
  const std::string scratch = scratch_name(url.database);
  // CREATE DATABASE cannot run inside a transaction block; a caller inside one gets the
  // scratch schema.
  bool created = false;
  if (!conn.in_transaction()) {
    try {
      conn.execute("CREATE DATABASE " + quote(scratch) + " TEMPLATE template0");
      created = true;
    } catch (const Error& e) {
      if (!refused_for_privilege(e)) throw;
    }
  }
  if (!created) return load_schema_sql_in_schema(url, script);

  struct DropScratch {
    Connection& conn;
    std::string sql;
    ~DropScratch() {
      try {
        conn.execute(sql);
      } catch (const std::exception&) {
        // Best effort: the error that brought us here matters more than the cleanup's.
      }
    }
  } drop{conn, "DROP DATABASE IF EXISTS " + quote(scratch) + " WITH (FORCE)"};
  Url scratch_url = url;
  scratch_url.database = scratch;
  MetaData m;
  {
    std::unique_ptr<Connection> sc = connect(scratch_url);
    // Each statement commits on its own, as under psql; nothing here needs to be durable.
    sc->execute("SET synchronous_commit = off");
    run_schema_script(*sc, script);
    // A dump empties search_path (set_config('search_path', '', false)); reflection reads the
    // default schema.
    sc->execute("RESET search_path");
    m = inspect(*sc, {});
    m.unmanaged = catalog_objects(*sc, {});
  }  // closed before the DROP DATABASE
  return m;
}

// Inside one transaction that is rolled back, nothing the script does (even to other schemas)
// survives, and a crash leaves nothing behind. A session of its own: the project's may be in
// the middle of something.
MetaData PostgresDialect::load_schema_sql_in_schema(const Url& url,
                                                    const SchemaScript& script) const {
  std::string scratch = scratch_name(url.database);
  std::unique_ptr<Connection> conn = connect(url);
  conn->begin();
  try {
    conn->execute("CREATE SCHEMA " + quote(scratch));
    // public stays on the path for the types extensions put there (citext, hstore, ...).
    conn->execute("SET LOCAL search_path TO " + quote(scratch) + ", public");
    run_schema_script(*conn, script);
    MetaData m = inspect(*conn, {{scratch}, {}});
    m.unmanaged = catalog_objects(*conn, {{scratch}, {}});
    conn->rollback();
    forget_scratch_schema(m, scratch);
    return m;
  } catch (...) {
    conn->rollback();
    throw;
  }
}

}  // namespace retort::postgresql
