// MysqlDialect: ties the MySQL connection, DDL compiler, inspector and lock together.
#include "dialect/mysql/mysql_dialect.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <string_view>

#include "dialect/mysql/connection.hpp"
#include "dialect/mysql/inspect.hpp"
#include "dialect/mysql/inspect_objects.hpp"
#include "dialect/mysql/lock.hpp"
#include "dialect/mysql/types.hpp"
#include "dialect/scratch.hpp"
#include "retort/error.hpp"

namespace retort {

std::unique_ptr<Connection> MysqlDialect::connect(const Url& url) const {
  return std::make_unique<mysql::MysqlConnection>(url);
}

std::string MysqlDialect::quote(std::string_view ident) const { return mysql::quote_ident(ident); }

std::string MysqlDialect::literal(const Value& v) const {
  if (is_null(v)) return "NULL";
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "1" : "0";
  return mysql::quote_string(std::get<std::string>(v));
}

void MysqlDialect::execute_bookkeeping(Connection& conn,
                                       const std::vector<Statement>& statements) const {
  if (statements.empty()) return;
  // One multi-statement text (Connection::defer), which the server runs in order up to the
  // first error; a failure names the statement that failed.
  const bool wrap = statements.size() > 1 && !conn.in_transaction();
  if (wrap) conn.defer("START TRANSACTION");
  for (const auto& s : statements) conn.defer(inline_parameters(s));
  if (wrap) conn.defer("COMMIT");
  conn.send_deferred();
}

std::string MysqlDialect::inline_parameters(const Statement& s) const {
  // Placeholders are `?` and retort's own statements hold no string literal or `?` in a name
  // that is not a placeholder, except inside backquoted identifiers, which are skipped. The
  // multi-statement text protocol has no bound parameters, so values go in as literals that
  // cannot be read as anything else (text as hex).
  std::string out;
  size_t next = 0;
  bool quoted = false;
  for (char c : s.sql) {
    if (c == '`') quoted = !quoted;
    if (c == '?' && !quoted && next < s.params.size()) {
      const Value& v = s.params[next++];
      if (const auto* text = std::get_if<std::string>(&v)) {
        // A text value as a hex literal with its character set: no byte of it can end the
        // literal, whatever sql_mode says about backslashes (NO_BACKSLASH_ESCAPES) or quotes.
        out += "_utf8mb4 X'";
        static constexpr char kHex[] = "0123456789ABCDEF";
        for (unsigned char b : *text) {
          out += kHex[b >> 4];
          out += kHex[b & 15];
        }
        out += '\'';
      } else {
        out += literal(v);
      }
      continue;
    }
    out += c;
  }
  return out;
}

std::vector<Statement> MysqlDialect::compile(const ops::Op& op, SchemaView& schema) const {
  return compiler_.compile(op, schema);
}

MetaData MysqlDialect::inspect(Connection& conn, const InspectOptions& options) const {
  MetaData md = mysql::MysqlInspector(conn).inspect(options);
  mysql::inspect_objects(conn, options, md);
  mysql::inspect_sequences(conn, options, md);
  return md;
}

std::unique_ptr<SchemaView> MysqlDialect::live_schema(Connection& conn) const {
  return mysql::make_live_schema(conn);
}

namespace {

std::string exists_probe(const MysqlDialect& d, const ops::TableRef& table,
                         const std::string& column) {
  std::string sql = "EXISTS (SELECT 1 FROM " + d.qualify(table.schema, table.name);
  if (!column.empty()) sql += " WHERE " + d.quote(column) + " IS NOT NULL";
  return sql + ")";
}

bool truthy(const Value& v) {
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n != 0;
  if (auto* s = std::get_if<std::string>(&v)) return *s != "0";
  return false;
}

// "No such table / column / database": the answer "not there", not a failure.
bool names_something_missing(const mysql::MysqlConnection& my) {
  constexpr unsigned kNoSuchTable = 1146, kBadField = 1054, kBadDb = 1049;
  const unsigned code = my.last_errno();
  return code == kNoSuchTable || code == kBadField || code == kBadDb;
}

// What a guard statement's SIGNAL says, followed by the probe's index. Nothing the database or a
// script says begins with it.
constexpr std::string_view kRefusal = "retort data-loss guard: data behind probe ";
constexpr unsigned kSignalException = 1644;  // ER_SIGNAL_EXCEPTION: an unhandled SIGNAL

}  // namespace

std::optional<std::string> MysqlDialect::guard_statement(
    Connection& conn, const std::vector<DataProbe>& probes) const {
  auto* my = dynamic_cast<mysql::MysqlConnection*>(&conn);
  if (!my || probes.empty() || !my->anonymous_blocks()) return std::nullopt;
  // A missing table, column or database (1146, 1054, 1049) is handled, so the IF that asked
  // about it is skipped: "not there" passes, and the DDL reports what is missing itself.
  std::string sql = "BEGIN NOT ATOMIC DECLARE CONTINUE HANDLER FOR 1146, 1054, 1049 BEGIN END;";
  for (size_t i = 0; i < probes.size(); ++i) {
    sql += " IF " + exists_probe(*this, probes[i].table, probes[i].column) +
           " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + std::string(kRefusal) +
           std::to_string(i) + "'; END IF;";
  }
  return sql + " END";
}

std::optional<std::size_t> MysqlDialect::refused_probe(Connection& conn, const Error& error) const {
  auto* my = dynamic_cast<mysql::MysqlConnection*>(&conn);
  const std::string_view what = error.what();
  if (!my || my->last_errno() != kSignalException || what.substr(0, kRefusal.size()) != kRefusal)
    return std::nullopt;
  std::size_t i = 0;
  const char* digits = what.data() + kRefusal.size();
  if (std::from_chars(digits, what.data() + what.size(), i).ec != std::errc()) return std::nullopt;
  return i;
}

std::vector<std::optional<bool>> MysqlDialect::holds_data(
    Connection& conn, const std::vector<DataProbe>& probes) const {
  auto* my = dynamic_cast<mysql::MysqlConnection*>(&conn);
  if (!my || probes.size() < 2) return Dialect::holds_data(conn, probes);
  // A downgrade that drops a column and a table asks both in one round trip.
  std::string sql = "SELECT ";
  for (size_t i = 0; i < probes.size(); ++i) {
    if (i) sql += ", ";
    sql += exists_probe(*this, probes[i].table, probes[i].column);
  }
  try {
    ResultSet r = my->query(sql);
    std::vector<std::optional<bool>> out;
    out.reserve(probes.size());
    for (size_t i = 0; i < probes.size(); ++i)
      out.emplace_back(!r.rows.empty() && i < r.rows[0].size() && truthy(r.rows[0][i]));
    return out;
  } catch (const Error&) {
    if (!names_something_missing(*my)) throw;
  }
  return Dialect::holds_data(conn, probes);
}

std::optional<bool> MysqlDialect::holds_data(Connection& conn, const ops::TableRef& table,
                                             const std::string& column) const {
  if (auto* my = dynamic_cast<mysql::MysqlConnection*>(&conn)) {
    // Straight to the data, in one round trip: a failed SELECT leaves MySQL's transaction (and
    // session) as it was, so "no such table / column / database" is the answer "not there",
    // and the catalog lookup below (two more round trips per probe) is not needed.
    try {
      ResultSet r = my->query("SELECT " + exists_probe(*this, table, column));
      return !r.rows.empty() && truthy(r.rows[0][0]);
    } catch (const Error&) {
      if (names_something_missing(*my)) return std::nullopt;
      throw;
    }
  }
  // Existence first, through the catalog, so a missing table is an answer and not an error.
  std::string schema_expr = table.schema.empty() ? "DATABASE()" : "?";
  std::vector<Value> params;
  if (!table.schema.empty()) params.emplace_back(table.schema);
  params.emplace_back(table.name);
  ResultSet exists =
      column.empty() ? conn.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                                      schema_expr + " AND TABLE_NAME = ?",
                                  params)
                     : conn.query("SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " +
                                      schema_expr + " AND TABLE_NAME = ? AND COLUMN_NAME = ?",
                                  [&] {
                                    auto p = params;
                                    p.emplace_back(column);
                                    return p;
                                  }());
  if (exists.rows.empty()) return std::nullopt;
  std::string sql = "SELECT EXISTS (SELECT 1 FROM " + qualify(table.schema, table.name);
  if (!column.empty()) sql += " WHERE " + quote(column) + " IS NOT NULL";
  sql += ")";
  ResultSet r = conn.query(sql);
  if (r.rows.empty()) return false;
  const Value& v = r.rows[0][0];
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n != 0;
  if (auto* s = std::get_if<std::string>(&v)) return *s != "0";
  return false;
}

std::unique_ptr<MigrationLock> MysqlDialect::acquire_lock(Connection& conn,
                                                          const LockOptions& options) const {
  return mysql::acquire_named_lock(conn, options);
}

// DDL is not transactional, so the scratch is a temporary database, dropped afterwards even
// when loading fails. A crash may leave a retort_scratch_* database behind (docs).
MetaData MysqlDialect::load_schema_sql(Connection& conn, const Url& url,
                                       const SchemaScript& script) const {
  std::string scratch = scratch_name(url.database);
  // With the project database's default character set and collation: a table of the script that
  // states none takes them, in the scratch as in the database, so its table options compare equal.
  std::string defaults;
  ResultSet db = conn.query("SELECT @@character_set_database, @@collation_database");
  if (!db.rows.empty() && db.rows[0].size() == 2) {
    auto plain = [](const Value& v) {
      const auto* s = std::get_if<std::string>(&v);
      if (!s || s->empty()) return std::string();
      for (char c : *s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return std::string();
      return *s;
    };
    const std::string cs = plain(db.rows[0][0]), co = plain(db.rows[0][1]);
    if (!cs.empty() && !co.empty()) defaults = " CHARACTER SET " + cs + " COLLATE " + co;
  }
  conn.execute("CREATE DATABASE " + quote(scratch) + defaults);
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
  } drop{conn, "DROP DATABASE IF EXISTS " + quote(scratch)};
  Url scratch_url = url;
  scratch_url.database = scratch;
  std::unique_ptr<Connection> scratch_conn = connect(scratch_url);
  run_schema_script(*scratch_conn, script);
  MetaData m = inspect(*scratch_conn, {});
  m.unmanaged = catalog_objects(*scratch_conn, {});
  forget_scratch_schema(m, scratch);
  return m;
}

const Dialect& mysql_dialect() {
  static const MysqlDialect dialect;
  return dialect;
}

}  // namespace retort
