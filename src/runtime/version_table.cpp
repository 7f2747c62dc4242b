#include "runtime/version_table.hpp"

#include <algorithm>

namespace retort {

VersionTable::VersionTable(const Dialect& dialect, std::string schema, std::string name)
    : dialect_(dialect),
      schema_(std::move(schema)),
      name_(std::move(name)),
      qualified_(dialect.qualify(schema_, name_)) {}

std::string VersionTable::lock_key() const {
  return "retort:" + (schema_.empty() ? std::string() : schema_ + ".") + name_;
}

bool VersionTable::exists(Connection& conn) const {
  // Without aborting a transaction (PostgreSQL): table_exists never raises for a missing table.
  return dialect_.table_exists(conn, ops::TableRef{schema_, name_});
}

void VersionTable::ensure(Connection& conn) const {
  if (exists(conn)) return;
  Statement s = create_statement();
  conn.execute(s.sql, s.params);
}

std::vector<std::string> VersionTable::read(Connection& conn) const {
  if (!exists(conn)) return {};
  ResultSet rs = conn.query("SELECT version_num FROM " + qualified_);
  std::vector<std::string> rows;
  rows.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    if (!r.empty() && std::holds_alternative<std::string>(r[0]))
      rows.push_back(std::get<std::string>(r[0]));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

void VersionTable::apply(Connection& conn, const std::vector<std::string>& delete_rows,
                         const std::vector<std::string>& insert_rows) const {
  // The same UPDATE after every migration of a run.
  for (const auto& s : apply_statements(delete_rows, insert_rows))
    conn.execute_repeated(s.sql, s.params);
}

Statement VersionTable::create_statement() const {
  return Statement{dialect_.create_version_table(schema_, name_), {}, true};
}

std::vector<Statement> VersionTable::apply_statements(
    const std::vector<std::string>& delete_rows,
    const std::vector<std::string>& insert_rows) const {
  std::vector<Statement> out;
  // A single replaced row is an UPDATE, as Alembic writes it; the rest deletes and inserts.
  size_t paired = std::min(delete_rows.size(), insert_rows.size());
  for (size_t i = 0; i < paired; ++i) {
    out.push_back(Statement{"UPDATE " + qualified_ + " SET version_num=" + dialect_.placeholder(1) +
                                " WHERE version_num = " + dialect_.placeholder(2),
                            {Value(insert_rows[i]), Value(delete_rows[i])},
                            true});
  }
  for (size_t i = paired; i < delete_rows.size(); ++i) {
    out.push_back(
        Statement{"DELETE FROM " + qualified_ + " WHERE version_num = " + dialect_.placeholder(1),
                  {Value(delete_rows[i])},
                  true});
  }
  for (size_t i = paired; i < insert_rows.size(); ++i) {
    out.push_back(Statement{
        "INSERT INTO " + qualified_ + " (version_num) VALUES (" + dialect_.placeholder(1) + ")",
        {Value(insert_rows[i])},
        true});
  }
  return out;
}

}  // namespace retort
