#include "runtime/version_table.hpp"

#include <algorithm>

namespace retort {
namespace {

// The history table's columns, in the order history_insert binds them and read_history reads.
constexpr const char* kHistoryColumns =
    "run_id, seq, revision, direction, checksum, started_at, finished_at, duration_us, "
    "statements, statements_total, lock_wait_ms, applied_by, retort_version, success, tag, "
    "detail";

Value text_or_null(const std::string& s) { return s.empty() ? Value() : Value(s); }
Value int_or_null(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(); }

std::string text_of(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  return {};
}

std::optional<std::int64_t> int_of(const Value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    try {
      return std::stoll(*s);
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

VersionTable::VersionTable(const Dialect& dialect, std::string schema, std::string name,
                           std::string history_name)
    : dialect_(dialect),
      schema_(std::move(schema)),
      name_(std::move(name)),
      history_name_(std::move(history_name)),
      qualified_(dialect.qualify(schema_, name_)),
      history_qualified_(dialect.qualify(schema_, history_name_)) {}

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

void VersionTable::record(Connection& conn, const std::vector<std::string>& delete_rows,
                          const std::vector<std::string>& insert_rows,
                          const HistoryEntry& row) const {
  std::vector<Statement> all = apply_statements(delete_rows, insert_rows);
  all.push_back(history_insert(row));
  dialect_.execute_bookkeeping(conn, all);
}

bool VersionTable::history_exists(Connection& conn) const {
  return dialect_.table_exists(conn, ops::TableRef{schema_, history_name_});
}

void VersionTable::ensure_history(Connection& conn) const {
  if (history_exists(conn)) return;
  conn.execute(create_history_statement().sql);
}

void VersionTable::append_history(Connection& conn, const HistoryEntry& row) const {
  Statement s = history_insert(row);
  conn.execute(s.sql, s.params);
}

namespace {

std::vector<HistoryEntry> history_rows(const ResultSet& rs);

}  // namespace

std::vector<HistoryEntry> VersionTable::read_history(Connection& conn) const {
  if (!history_exists(conn)) return {};
  return history_rows(conn.query(std::string("SELECT ") + kHistoryColumns + " FROM " +
                                 history_qualified_ + " ORDER BY started_at DESC, seq DESC"));
}

std::vector<HistoryEntry> VersionTable::read_open_journals(Connection& conn) const {
  if (!history_exists(conn)) return {};
  // An open journal's detail starts with the journal's first line (docs/design/version-table.md);
  // finished and resolved rows have none, so this reads the few rows of unfinished steps only.
  std::vector<HistoryEntry> rows = history_rows(
      conn.query(std::string("SELECT ") + kHistoryColumns + " FROM " + history_qualified_ +
                     " WHERE (success IS NULL OR success = 0) AND detail LIKE " +
                     dialect_.placeholder(1) + " ORDER BY started_at, seq",
                 {Value(std::string("journal v1%"))}));
  return rows;
}

namespace {

std::vector<HistoryEntry> history_rows(const ResultSet& rs) {
  std::vector<HistoryEntry> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    if (r.size() < 16) continue;
    HistoryEntry e;
    e.run_id = text_of(r[0]);
    e.seq = int_of(r[1]).value_or(0);
    e.revision = text_of(r[2]);
    e.direction = text_of(r[3]);
    e.checksum = text_of(r[4]);
    e.started_at = text_of(r[5]);
    e.finished_at = text_of(r[6]);
    e.duration_us = int_of(r[7]);
    e.statements = int_of(r[8]);
    e.statements_total = int_of(r[9]);
    e.lock_wait_ms = int_of(r[10]);
    e.applied_by = text_of(r[11]);
    e.retort_version = text_of(r[12]);
    if (auto s = int_of(r[13])) e.success = *s != 0;
    e.tag = text_of(r[14]);
    e.detail = text_of(r[15]);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<HistoryEntry> VersionTable::read_checksum_history(Connection& conn) const {
  if (!history_exists(conn)) return {};
  ResultSet rs =
      conn.query("SELECT revision, direction, checksum, success FROM " + history_qualified_ +
                 " WHERE direction IN ('upgrade', 'repair') AND checksum IS NOT NULL "
                 "ORDER BY started_at DESC, seq DESC");
  std::vector<HistoryEntry> out;
  out.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    if (r.size() < 4) continue;
    HistoryEntry e;
    e.revision = text_of(r[0]);
    e.direction = text_of(r[1]);
    e.checksum = text_of(r[2]);
    if (auto s = int_of(r[3])) e.success = *s != 0;
    out.push_back(std::move(e));
  }
  return out;
}

Statement VersionTable::create_statement() const {
  return Statement{dialect_.create_version_table(schema_, name_), {}, true};
}

Statement VersionTable::create_history_statement() const {
  return Statement{dialect_.create_history_table(schema_, history_name_), {}, true};
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

Statement VersionTable::history_insert(const HistoryEntry& row) const {
  std::string sql = "INSERT INTO " + history_qualified_ + " (" + kHistoryColumns + ") VALUES (";
  for (int i = 1; i <= 16; ++i) {
    if (i > 1) sql += ", ";
    sql += dialect_.placeholder(i);
  }
  sql += ")";
  std::vector<Value> params = {
      Value(row.run_id),
      Value(row.seq),
      Value(row.revision),
      Value(row.direction),
      text_or_null(row.checksum),
      Value(row.started_at),
      text_or_null(row.finished_at),
      int_or_null(row.duration_us),
      int_or_null(row.statements),
      int_or_null(row.statements_total),
      int_or_null(row.lock_wait_ms),
      Value(row.applied_by),
      Value(row.retort_version),
      row.success ? Value(std::int64_t(*row.success ? 1 : 0)) : Value(),
      text_or_null(row.tag),
      text_or_null(row.detail),
  };
  return Statement{std::move(sql), std::move(params), true};
}

Statement VersionTable::history_update(const HistoryEntry& row) const {
  std::string sql =
      "UPDATE " + history_qualified_ + " SET finished_at = " + dialect_.placeholder(1) +
      ", duration_us = " + dialect_.placeholder(2) + ", statements = " + dialect_.placeholder(3) +
      ", statements_total = " + dialect_.placeholder(4) + ", success = " + dialect_.placeholder(5) +
      ", detail = " + dialect_.placeholder(6) + " WHERE run_id = " + dialect_.placeholder(7) +
      " AND seq = " + dialect_.placeholder(8);
  std::vector<Value> params = {
      text_or_null(row.finished_at),
      int_or_null(row.duration_us),
      int_or_null(row.statements),
      int_or_null(row.statements_total),
      row.success ? Value(std::int64_t(*row.success ? 1 : 0)) : Value(),
      text_or_null(row.detail),
      Value(row.run_id),
      Value(row.seq),
  };
  return Statement{std::move(sql), std::move(params), true};
}

Statement VersionTable::history_delete(const HistoryEntry& row) const {
  return Statement{"DELETE FROM " + history_qualified_ + " WHERE run_id = " +
                       dialect_.placeholder(1) + " AND seq = " + dialect_.placeholder(2),
                   {Value(row.run_id), Value(row.seq)},
                   true};
}

}  // namespace retort
