// The parts of Dialect that every database shares.
#include "dialect/dialect.hpp"

#include <fmt/format.h>

#include "dialect/scratch.hpp"

namespace retort {

void Dialect::parse_url(const std::string& text, std::string_view location, Url& url) const {
  url::parse_server(text, location, url);
}

std::string Dialect::format_url(const Url& url) const { return url::format_server(url); }

std::string Dialect::qualify(std::string_view schema, std::string_view name) const {
  if (schema.empty()) return quote(name);
  return quote(schema) + "." + quote(name);
}

bool Dialect::table_exists(Connection& conn, const ops::TableRef& table) const {
  return holds_data(conn, table, "").has_value();
}

std::vector<std::optional<bool>> Dialect::holds_data(Connection& conn,
                                                     const std::vector<DataProbe>& probes) const {
  std::vector<std::optional<bool>> out;
  out.reserve(probes.size());
  for (const auto& p : probes) out.push_back(holds_data(conn, p.table, p.column));
  return out;
}

std::optional<std::string> Dialect::guard_statement(Connection&,
                                                    const std::vector<DataProbe>&) const {
  return std::nullopt;
}

std::optional<std::size_t> Dialect::refused_probe(Connection&, const Error&) const {
  return std::nullopt;
}

std::string Dialect::create_version_table(std::string_view schema, std::string_view name) const {
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (version_num VARCHAR(32) NOT NULL, CONSTRAINT {} PRIMARY KEY "
      "(version_num))",
      qualify(schema, name), quote(std::string(name) + "_pkc"));
}

std::string Dialect::create_history_table(std::string_view schema, std::string_view name) const {
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (run_id VARCHAR(32) NOT NULL, seq INTEGER NOT NULL, "
      "revision VARCHAR(255) NOT NULL, direction VARCHAR(16) NOT NULL, checksum VARCHAR(80), "
      "started_at VARCHAR(32) NOT NULL, finished_at VARCHAR(32), duration_us BIGINT, "
      "statements INTEGER, statements_total INTEGER, lock_wait_ms BIGINT, "
      "applied_by VARCHAR(255) NOT NULL, retort_version VARCHAR(32) NOT NULL, success SMALLINT, "
      "tag TEXT, detail TEXT, CONSTRAINT {} PRIMARY KEY (run_id, seq))",
      qualify(schema, name), quote(std::string(name) + "_pkc"));
}

void Dialect::execute_bookkeeping(Connection& conn,
                                  const std::vector<Statement>& statements) const {
  for (const auto& s : statements) conn.execute_repeated(s.sql, s.params);
}

MetaData Dialect::load_schema_sql(Connection&, const Url&, const SchemaScript& script) const {
  std::unique_ptr<Connection> scratch = offline_scratch();
  if (!scratch) {
    throw Error(ErrorKind::Config, "schema.sql models are not supported for the " +
                                       std::string(name()) + " dialect: use a models.lua");
  }
  run_schema_script(*scratch, script);
  MetaData m = inspect(*scratch, {});
  m.unmanaged = catalog_objects(*scratch, {});
  return m;
}

}  // namespace retort
