// PostgresDialect: wiring the PostgreSQL pieces into retort::Dialect.
#include "dialect/postgresql/postgresql_dialect.hpp"

#include <fmt/format.h>

#include <cmath>

#include "dialect/postgresql/connection.hpp"
#include "dialect/postgresql/ddl.hpp"
#include "dialect/postgresql/inspect.hpp"
#include "dialect/postgresql/lock.hpp"
#include "dialect/postgresql/types.hpp"

namespace retort {

const Dialect& postgresql_dialect() {
  static const postgresql::PostgresDialect dialect;
  return dialect;
}

namespace postgresql {

std::unique_ptr<Connection> PostgresDialect::connect(const Url& url) const {
  return std::make_unique<PostgresConnection>(url);
}

std::string PostgresDialect::quote(std::string_view ident) const { return quote_identifier(ident); }

std::string PostgresDialect::placeholder(int n) const { return "$" + std::to_string(n); }

std::string PostgresDialect::literal(const Value& v) const {
  struct Visitor {
    std::string operator()(std::monostate) const { return "NULL"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      if (std::isnan(d)) return "'NaN'::float8";
      if (std::isinf(d)) return d > 0 ? "'Infinity'::float8" : "'-Infinity'::float8";
      return fmt::format("{}", d);
    }
    std::string operator()(const std::string& s) const { return quote_string(s); }
    std::string operator()(bool b) const { return b ? "TRUE" : "FALSE"; }
  };
  return std::visit(Visitor{}, v);
}

std::vector<Statement> PostgresDialect::compile(const ops::Op& op, SchemaView& schema) const {
  return PostgresDdlCompiler(schema).compile(op);
}

MetaData PostgresDialect::inspect(Connection& conn, const InspectOptions& options) const {
  return PostgresInspector(conn).inspect(options);
}

std::unique_ptr<SchemaView> PostgresDialect::live_schema(Connection& conn) const {
  return std::make_unique<PostgresLiveSchema>(conn);
}

std::optional<bool> PostgresDialect::holds_data(Connection& conn, const ops::TableRef& table,
                                                const std::string& column) const {
  const std::string relation = qualify(table.schema, table.name);
  // to_regclass() answers NULL for a missing table (or schema) instead of raising, so the
  // caller's transaction survives the question.
  ResultSet found =
      column.empty()
          ? conn.query("SELECT to_regclass($1) IS NOT NULL", {relation})
          : conn.query(
                "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) "
                "AND attname = $2 AND attnum > 0 AND NOT attisdropped)",
                {relation, column});
  if (found.rows.empty() || !std::get<bool>(found.rows[0][0])) return std::nullopt;
  std::string sql = "SELECT EXISTS (SELECT 1 FROM " + relation;
  if (!column.empty()) sql += " WHERE " + quote(column) + " IS NOT NULL";
  ResultSet r = conn.query(sql + ")");
  return std::get<bool>(r.rows[0][0]);
}

std::unique_ptr<MigrationLock> PostgresDialect::acquire_lock(Connection& conn,
                                                             const LockOptions& options) const {
  return PostgresAdvisoryLock::acquire(conn, options);
}

}  // namespace postgresql
}  // namespace retort
