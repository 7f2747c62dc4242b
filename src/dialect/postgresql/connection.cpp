// PostgresConnection over libpq (https://www.postgresql.org/docs/15/libpq-exec.html).
#include "dialect/postgresql/connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <regex>

#include "base/utf8.hpp"
#include "dialect/postgresql/libpq_api.hpp"
#include "retort/error.hpp"

namespace retort::postgresql {
namespace {

// Type OIDs from pg_type.dat; stable across releases.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

std::string first_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  // libpq prefixes server errors with "connection to server at ... failed: " and keeps the
  // server's message on the same line; later lines are hints we leave out.
  auto nl = text.find('\n');
  if (nl != std::string::npos) text.resize(nl);
  return text;
}

// The statement for a one-line message: whitespace runs collapsed, long text cut.
std::string one_line(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 300) out = out.substr(0, 297) + "...";
  return out;
}

std::string param_text(const Value& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return fmt::format("{}", d);  // shortest text that reads back as the same double
    }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
  };
  return std::visit(Visitor{}, v);
}

Value decode(const PGresult* res, int row, int col) {
  if (libpq().PQgetisnull(res, row, col)) return std::monostate{};
  const char* text = libpq().PQgetvalue(res, row, col);
  switch (libpq().PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return static_cast<std::int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
      return std::strtod(text, nullptr);
    case kBoolOid:
      return text[0] == 't';
    default:
      return std::string(text);
  }
}

struct ResultDeleter {
  void operator()(PGresult* r) const { libpq().PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Decodes a successful result and clears it.
ResultSet to_result_set(PGresult* raw) {
  ResultPtr res(raw);
  ResultSet out;
  int ncols = libpq().PQnfields(res.get());
  int nrows = libpq().PQntuples(res.get());
  out.columns.reserve(ncols);
  for (int c = 0; c < ncols; ++c) out.columns.emplace_back(libpq().PQfname(res.get(), c));
  out.rows.reserve(nrows);
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value> row;
    row.reserve(ncols);
    for (int c = 0; c < ncols; ++c) row.push_back(decode(res.get(), r, c));
    out.rows.push_back(std::move(row));
  }
  return out;
}

// Keeps the password out of any text we show, whatever libpq put in it.
std::string scrub(std::string text, const std::string& password) {
  if (password.empty()) return text;
  for (auto pos = text.find(password); pos != std::string::npos; pos = text.find(password, pos))
    text.replace(pos, password.size(), "***");
  return text;
}

}  // namespace

std::string masked_url(const Url& url) {
  std::string out = (url.scheme.empty() ? std::string("postgresql") : url.scheme) + "://";
  if (!url.user.empty() || !url.password.empty()) {
    out += url.user;
    if (!url.password.empty()) out += ":***";
    out += "@";
  }
  out += url.host;
  if (url.port) out += ":" + std::to_string(*url.port);
  out += "/" + url.database;
  char sep = '?';
  for (const auto& [k, v] : url.query) {
    out += sep + k + "=" + (k == "password" ? std::string("***") : v);
    sep = '&';
  }
  return out;
}

PostgresConnection::PostgresConnection(const Url& url) {
  std::vector<std::string> keys, values;
  auto add = [&](const std::string& k, const std::string& v) {
    keys.push_back(k);
    values.push_back(v);
  };
  if (!url.host.empty()) add("host", url.host);
  if (url.port) add("port", std::to_string(*url.port));
  if (!url.user.empty()) add("user", url.user);
  if (!url.password.empty()) add("password", url.password);
  if (!url.database.empty()) add("dbname", url.database);
  // Query parameters are libpq keywords as they are (sslmode, connect_timeout, options,
  // host=/run/postgresql for a unix socket, ...); they override the URL's parts.
  for (const auto& [k, v] : url.query) add(k, v);
  // A server that never answers (a black-holed host) should not hang a deploy forever.
  if (!url.query.count("connect_timeout")) add("connect_timeout", "10");
  if (!url.query.count("application_name")) add("application_name", "retort");
  // Parts the URL leaves out fall back to libpq's PG* environment variables and ~/.pgpass,
  // as they do for psql.
  std::vector<const char*> k, v;
  for (size_t i = 0; i < keys.size(); ++i) {
    k.push_back(keys[i].c_str());
    v.push_back(values[i].c_str());
  }
  k.push_back(nullptr);
  v.push_back(nullptr);
  conn_ = libpq().PQconnectdbParams(k.data(), v.data(), /*expand_dbname=*/0);
  if (conn_ == nullptr || libpq().PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = conn_ ? first_line(libpq().PQerrorMessage(conn_)) : "out of memory";
    if (conn_) libpq().PQfinish(conn_);
    conn_ = nullptr;
    throw Error(ErrorKind::Database,
                "cannot connect to " + masked_url(url) + ": " + scrub(reason, url.password));
  }
  try {
    // run(), not the virtual execute(): this object is still being constructed.
    libpq().PQclear(run("SET client_min_messages = warning", {}));
  } catch (...) {
    libpq().PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

PostgresConnection::~PostgresConnection() {
  if (conn_) libpq().PQfinish(conn_);
}

namespace {

// Parameters as libpq takes them: text, or a null pointer for NULL.
struct ParamTexts {
  explicit ParamTexts(const std::vector<Value>& params) {
    texts.reserve(params.size());
    for (const auto& p : params) texts.push_back(param_text(p));
    for (size_t i = 0; i < params.size(); ++i)
      ptrs.push_back(is_null(params[i]) ? nullptr : texts[i].c_str());
  }
  std::vector<std::string> texts;
  std::vector<const char*> ptrs;
};

// A string whose meaning depends on the parameter's type: text cannot hold a NUL byte and must be
// UTF-8, and bytea's text input reads a backslash as an escape (`\x41` is one byte). Any other
// string is the same bytes whether the server reads it as text or as bytea.
bool type_sensitive(const Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s && (s->find('\0') != std::string::npos || s->find('\\') != std::string::npos ||
               !valid_utf8(*s));
}

// Does `sql` (a script's own text) possibly drop prepared statements (DEALLOCATE, DISCARD)?
bool may_deallocate(const std::string& sql) {
  std::string lower;
  lower.reserve(sql.size());
  for (char c : sql) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("deallocate") != std::string::npos ||
         lower.find("discard") != std::string::npos;
}

}  // namespace

PGresult* PostgresConnection::check(PGresult* res, const std::string& sql) {
  ExecStatusType status = res ? libpq().PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    return res;
  std::string message;
  const char* primary = res ? libpq().PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* sqlstate = res ? libpq().PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (primary) {
    message = primary;
    if (sqlstate) message += std::string(" (SQLSTATE ") + sqlstate + ")";
  } else {
    message = first_line(libpq().PQerrorMessage(conn_));
    if (message.empty()) message = "unexpected result " + std::string(libpq().PQresStatus(status));
  }
  if (res) libpq().PQclear(res);
  throw Error(ErrorKind::Database, message + " in statement: " + one_line(sql));
}

void PostgresConnection::defer(const std::string& sql) { deferred_.push_back(sql); }

void PostgresConnection::send_deferred() { send_waiting(); }

// One text for every waiting statement. The server runs them in order, one result each, and
// skips the rest after an error; the number of results before the error says which failed.
void PostgresConnection::send_waiting() {
  if (deferred_.empty()) return;
  std::vector<std::string> batch;
  batch.swap(deferred_);  // sent once, whatever happens
  if (batch.size() == 1) {
    libpq().PQclear(check(libpq().PQexec(conn_, batch[0].c_str()), batch[0]));
    return;
  }
  std::string text;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (i) text += ";\n";
    text += batch[i];
  }
  if (libpq().PQsendQuery(conn_, text.c_str()) == 0) check(nullptr, batch[0]);
  PGresult* failed = nullptr;
  size_t failed_at = 0, at = 0;
  while (PGresult* res = libpq().PQgetResult(conn_)) {  // every result, so the session is idle
    const ExecStatusType st = libpq().PQresultStatus(res);
    const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
    if (!ok && !failed) {
      failed = res;
      failed_at = std::min(at, batch.size() - 1);
      continue;
    }
    libpq().PQclear(res);
    ++at;
  }
  if (failed) check(failed, batch[failed_at]);
}

PGresult* PostgresConnection::run(const std::string& sql, const std::vector<Value>& params) {
  send_waiting();
  if (params.empty()) {
    // A script's SQL may drop our prepared statements: forget them (they are not ours to
    // deallocate any more, and new ones get new names).
    if (!repeated_.empty() && may_deallocate(sql)) {
      repeated_.clear();
      prepared_names_.clear();
    }
    PGresult* res = libpq().PQexec(conn_, sql.c_str());
    const ExecStatusType st = res ? libpq().PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_FATAL_ERROR && !in_transaction()) {
      if (std::string dropped = drop_invalid_index(sql); !dropped.empty()) {
        try {
          check(res, sql);
        } catch (const Error& e) {
          throw Error(e.kind(), std::string(e.what()) + " (the invalid index " + dropped +
                                    " it left behind was dropped)");
        }
      }
    }
    return check(res, sql);
  }
  if (std::any_of(params.begin(), params.end(), type_sensitive)) return run_typed(sql, params);
  ParamTexts p(params);
  return check(libpq().PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                    p.ptrs.data(), nullptr, nullptr, 0),
               sql);
}

// A failed CREATE INDEX CONCURRENTLY leaves its index behind, INVALID
// (https://www.postgresql.org/docs/15/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY), and
// the next run's CREATE INDEX would fail on the name: dropped here, so the next run continues.
std::string PostgresConnection::drop_invalid_index(const std::string& sql) {
  static const std::string ident = R"((?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))";
  static const std::regex create(
      R"(^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?()" + ident +
          R"()\s+ON\s+(?:ONLY\s+)?()" + ident + R"((?:\.)" + ident + R"()?))",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_search(sql, m, create)) return {};
  std::string name = m[1].str();
  if (name.front() == '"') {
    std::string unquoted;
    for (size_t i = 1; i + 1 < name.size(); ++i) {
      unquoted += name[i];
      if (name[i] == '"') ++i;  // "" stands for one "
    }
    name = unquoted;
  } else {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  try {
    ResultSet r = query(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i JOIN pg_class c ON c.oid "
        "= i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND "
        "NOT i.indisvalid AND i.indrelid = to_regclass($2)",
        {Value(name), Value(m[2].str())});
    if (r.rows.empty()) return {};
    const std::string qualified = std::get<std::string>(r.rows[0][0]);
    execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualified);
    return qualified;
  } catch (const Error&) {
    return {};  // the original failure is what the user needs to read
  }
}

// The unnamed statement is prepared and described first, so each parameter's type is the one the
// server inferred from the SQL (the column a value goes to): a bytea parameter takes the string's
// bytes in binary format, exactly as they are; a text one refuses a NUL byte, which libpq would
// otherwise cut the value at. Two more round trips, only for statements with such strings.
PGresult* PostgresConnection::run_typed(const std::string& sql, const std::vector<Value>& params) {
  const int n = static_cast<int>(params.size());
  libpq().PQclear(check(libpq().PQprepare(conn_, "", sql.c_str(), n, nullptr), sql));
  ResultPtr described(check(libpq().PQdescribePrepared(conn_, ""), sql));
  ParamTexts p(params);
  std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
  for (int i = 0; i < n && i < libpq().PQnparams(described.get()); ++i) {
    const auto* s = std::get_if<std::string>(&params[static_cast<size_t>(i)]);
    if (!s) continue;
    if (libpq().PQparamtype(described.get(), i) == kByteaOid) {
      formats[static_cast<size_t>(i)] = 1;
      lengths[static_cast<size_t>(i)] = static_cast<int>(s->size());
      p.ptrs[static_cast<size_t>(i)] = s->data();
    } else if (s->find('\0') != std::string::npos) {
      throw Error(
          ErrorKind::Database,
          fmt::format("parameter ${} holds a NUL byte (\\0), which PostgreSQL text cannot "
                      "store: bind it to a bytea column (sa.LargeBinary) or remove the NUL, "
                      "in statement: {}",
                      i + 1, one_line(sql)));
    }
  }
  return check(
      libpq().PQexecPrepared(conn_, "", n, p.ptrs.data(), lengths.data(), formats.data(), 0), sql);
}

PGresult* PostgresConnection::run_repeated(const std::string& sql,
                                           const std::vector<Value>& params) {
  send_waiting();
  // Outside a transaction nothing is prepared: it would outlive the statement. The first time
  // in a transaction it runs as usual, so a statement sent once costs no extra round trip.
  if (params.empty() || libpq().PQtransactionStatus(conn_) != PQTRANS_INTRANS ||
      std::any_of(params.begin(), params.end(), type_sensitive))
    return run(sql, params);
  Repeated& r = repeated_[sql];
  if (r.name.empty()) {
    if (++r.uses < 2) return run(sql, params);
    std::string name = "retort_" + std::to_string(++next_name_);
    libpq().PQclear(check(libpq().PQprepare(conn_, name.c_str(), sql.c_str(),
                                            static_cast<int>(params.size()), nullptr),
                          sql));
    r.name = name;
    prepared_names_.push_back(std::move(name));
  }
  ParamTexts p(params);
  return check(libpq().PQexecPrepared(conn_, r.name.c_str(), static_cast<int>(params.size()),
                                      p.ptrs.data(), nullptr, nullptr, 0),
               sql);
}

std::string PostgresConnection::deallocate_prepared() {
  std::string sql;
  for (const auto& name : prepared_names_) sql += "DEALLOCATE " + name + "; ";
  repeated_.clear();
  prepared_names_.clear();
  return sql;
}

void PostgresConnection::execute_repeated(const std::string& sql,
                                          const std::vector<Value>& params) {
  libpq().PQclear(run_repeated(sql, params));
}

ResultSet PostgresConnection::query_repeated(const std::string& sql,
                                             const std::vector<Value>& params) {
  return to_result_set(run_repeated(sql, params));
}

void PostgresConnection::execute(const std::string& sql, const std::vector<Value>& params) {
  libpq().PQclear(run(sql, params));
}

ResultSet PostgresConnection::query(const std::string& sql, const std::vector<Value>& params) {
  return to_result_set(run(sql, params));
}

void PostgresConnection::each_row(const std::string& sql, const std::vector<Value>& params,
                                  const std::function<void(const std::vector<Value>&)>& row) {
  ResultPtr res(run(sql, params));
  const int ncols = libpq().PQnfields(res.get());
  const int nrows = libpq().PQntuples(res.get());
  std::vector<Value> values(static_cast<size_t>(ncols));
  for (int r = 0; r < nrows; ++r) {
    for (int c = 0; c < ncols; ++c) values[static_cast<size_t>(c)] = decode(res.get(), r, c);
    row(values);
  }
}

void PostgresConnection::begin() { execute("BEGIN"); }

void PostgresConnection::commit() {
  // The statements prepared in this transaction go in the COMMIT's round trip. A failed
  // COMMIT (a deferred constraint) has deallocated them already.
  send_waiting();
  const std::string sql = deallocate_prepared() + "COMMIT";
  libpq().PQclear(check(libpq().PQexec(conn_, sql.c_str()), "COMMIT"));
}

void PostgresConnection::rollback() {
  // Nothing to undo outside a transaction, and a broken connection has already lost it. The
  // prepared statements go after the ROLLBACK, so they go whatever state the transaction was
  // in; errors are ignored. What waits is dropped unsent.
  deferred_.clear();
  const std::string deallocate = deallocate_prepared();
  const std::string sql = in_transaction() ? "ROLLBACK; " + deallocate : deallocate;
  if (sql.empty()) return;
  if (PGresult* res = libpq().PQexec(conn_, sql.c_str())) libpq().PQclear(res);
}

bool PostgresConnection::in_transaction() const {
  switch (libpq().PQtransactionStatus(conn_)) {
    case PQTRANS_ACTIVE:
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
      return true;
    default:
      return false;
  }
}

int PostgresConnection::backend_pid() const { return libpq().PQbackendPID(conn_); }

}  // namespace retort::postgresql
