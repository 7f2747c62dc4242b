// MysqlConnection over MariaDB Connector/C (see connection.hpp).
#include "dialect/mysql/connection.hpp"

#include <fmt/format.h>
#include <mysql.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "dialect/mysql/mariadb_api.hpp"
#include "retort/error.hpp"

namespace retort::mysql {
namespace {

// mysql_library_init is not thread-safe; mysql_init would call it lazily from any thread.
void init_library_once() {
  static const bool done = [] {
    mariadb().mysql_server_init(0, nullptr, nullptr);
    return true;
  }();
  (void)done;
}

// Statements in messages stay on one line: newlines and runs of blanks become one space.
std::string one_line(const std::string& sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 1000) out.replace(1000, std::string::npos, "...");
  return out;
}

bool is_integer_type(enum_field_types t) {
  switch (t) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
      return true;
    default:
      return false;
  }
}

bool is_real_type(enum_field_types t) { return t == MYSQL_TYPE_FLOAT || t == MYSQL_TYPE_DOUBLE; }

Value decode_text(const MYSQL_FIELD& f, const char* data, unsigned long len) {
  if (!data) return std::monostate{};
  std::string s(data, len);
  if (is_integer_type(f.type)) {
    if (f.flags & UNSIGNED_FLAG)
      return static_cast<std::int64_t>(std::strtoull(s.c_str(), nullptr, 10));
    return static_cast<std::int64_t>(std::strtoll(s.c_str(), nullptr, 10));
  }
  if (is_real_type(f.type)) return std::strtod(s.c_str(), nullptr);
  return s;
}

// Frees a prepared statement on every path out of run_prepared.
struct StmtCloser {
  MYSQL_STMT* stmt;
  ~StmtCloser() {
    if (stmt) mariadb().mysql_stmt_close(stmt);
  }
};

}  // namespace

std::string masked_url(const Url& url) {
  std::string s = "mysql://";
  if (!url.user.empty()) {
    s += url.user;
    if (!url.password.empty()) s += ":***";
    s += "@";
  }
  s += url.host.empty() ? "localhost" : url.host;
  if (url.port) s += ":" + std::to_string(*url.port);
  s += "/" + url.database;
  return s;
}

MysqlConnection::MysqlConnection(const Url& url) {
  init_library_once();
  mysql_ = mariadb().mysql_init(nullptr);
  if (!mysql_)
    throw Error(ErrorKind::Database, "cannot connect to " + masked_url(url) + ": out of memory");
  mariadb().mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  my_bool reconnect = 0;
  mariadb().mysql_options(mysql_, MYSQL_OPT_RECONNECT, &reconnect);
  if (auto it = url.query.find("connect_timeout"); it != url.query.end()) {
    char* end = nullptr;
    unsigned long v = std::strtoul(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0') {
      mariadb().mysql_close(mysql_);
      throw Error(ErrorKind::Config, "connect_timeout must be a number of seconds in " +
                                         masked_url(url) + " (got '" + it->second + "')");
    }
    unsigned int timeout = static_cast<unsigned int>(v);
    mariadb().mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  }
  const char* socket = nullptr;
  if (auto it = url.query.find("unix_socket"); it != url.query.end()) socket = it->second.c_str();
  const char* host = url.host.empty() ? nullptr : url.host.c_str();
  const char* password = url.password.empty() ? nullptr : url.password.c_str();
  const char* db = url.database.empty() ? nullptr : url.database.c_str();
  if (!mariadb().mysql_real_connect(mysql_, host, url.user.c_str(), password, db,
                                    static_cast<unsigned int>(url.port.value_or(0)), socket,
                                    CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS)) {
    std::string msg = mariadb().mysql_error(mysql_);
    mariadb().mysql_close(mysql_);
    mysql_ = nullptr;
    throw Error(ErrorKind::Database, "cannot connect to " + masked_url(url) + ": " + one_line(msg));
  }
  const char* info = mariadb().mysql_get_server_info(mysql_);
  mariadb_ = info && std::strstr(info, "MariaDB") != nullptr;
}

MysqlConnection::~MysqlConnection() {
  for (auto& k : kept_) mariadb().mysql_stmt_close(k.second);
  if (mysql_) mariadb().mysql_close(mysql_);
}

void MysqlConnection::fail(const std::string& sql) const {
  throw Error(ErrorKind::Database,
              fmt::format("{} (error {}) in statement: {}", mariadb().mysql_error(mysql_),
                          mariadb().mysql_errno(mysql_), one_line(sql)));
}

unsigned int MysqlConnection::last_errno() const { return mariadb().mysql_errno(mysql_); }

void MysqlConnection::defer(const std::string& sql) {
  note(sql);
  if (deferred_bytes_ + sql.size() > kMaxDeferredBytes) send_waiting();
  deferred_.push_back(sql);
  deferred_bytes_ += sql.size() + 2;
}

void MysqlConnection::send_deferred() { send_waiting(); }

// One text for every waiting statement. The server runs them in order and stops at the first
// error; the number of results read so far says which statement that was.
void MysqlConnection::send_waiting() const {
  if (deferred_.empty()) return;
  std::vector<std::string> batch;
  batch.swap(deferred_);  // sent once, whatever happens
  deferred_bytes_ = 0;
  std::string text;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (i) text += ";\n";
    text += batch[i];
  }
  size_t at = 0;
  if (mariadb().mysql_real_query(mysql_, text.data(), text.size()) != 0) fail(batch[0]);
  for (;;) {
    if (MYSQL_RES* res = mariadb().mysql_store_result(mysql_)) {
      mariadb().mysql_free_result(res);
    } else if (mariadb().mysql_field_count(mysql_) != 0) {
      fail(batch[at]);
    }
    int next = mariadb().mysql_next_result(mysql_);
    if (next < 0) break;
    if (at + 1 < batch.size()) ++at;
    if (next > 0) fail(batch[at]);
  }
}

void MysqlConnection::execute(const std::string& sql, const std::vector<Value>& params) {
  note(sql);
  send_waiting();
  if (params.empty()) {
    run_text(sql, false);
  } else {
    run_prepared(sql, params, false);
  }
}

ResultSet MysqlConnection::query(const std::string& sql, const std::vector<Value>& params) {
  note(sql);
  send_waiting();
  if (params.empty()) return run_text(sql, true);
  return run_prepared(sql, params, true);
}

// Text protocol: may carry several statements; the first result set is returned and every
// other result drained, so the session is ready for the next command even after an error.
ResultSet MysqlConnection::run_text(const std::string& sql, bool want_rows) {
  ResultSet out;
  bool have_rows = false;
  if (mariadb().mysql_real_query(mysql_, sql.data(), sql.size()) != 0) fail(sql);
  for (;;) {
    MYSQL_RES* res = mariadb().mysql_store_result(mysql_);
    if (res) {
      if (want_rows && !have_rows) {
        have_rows = true;
        unsigned int n = mariadb().mysql_num_fields(res);
        MYSQL_FIELD* fields = mariadb().mysql_fetch_fields(res);
        for (unsigned int i = 0; i < n; ++i)
          out.columns.emplace_back(fields[i].name, fields[i].name_length);
        while (MYSQL_ROW row = mariadb().mysql_fetch_row(res)) {
          unsigned long* lengths = mariadb().mysql_fetch_lengths(res);
          std::vector<Value> r;
          r.reserve(n);
          for (unsigned int i = 0; i < n; ++i)
            r.push_back(decode_text(fields[i], row[i], lengths[i]));
          out.rows.push_back(std::move(r));
        }
      }
      mariadb().mysql_free_result(res);
    } else if (mariadb().mysql_field_count(mysql_) != 0) {
      fail(sql);
    }
    int next = mariadb().mysql_next_result(mysql_);
    if (next < 0) break;
    if (next > 0) fail(sql);
  }
  return out;
}

// A statement with parameters and no result set (the version table's UPDATE, sent once per
// migration; bulk inserts) is prepared once per session and kept: each later run is one
// COM_STMT_EXECUTE, where a one-off statement costs the server a prepare, an execute and a close.
// Returns false when the statement is not one to keep (it has a result set, or kMaxKept are kept
// already); the caller then runs it as a one-off.
bool MysqlConnection::run_kept(const std::string& sql, std::vector<MYSQL_BIND>& binds) {
  MYSQL_STMT* stmt = nullptr;
  for (const auto& k : kept_) {
    if (k.first == sql) {
      stmt = k.second;
      break;
    }
  }
  auto error_of = [&](MYSQL_STMT* st) {
    return Error(ErrorKind::Database,
                 fmt::format("{} (error {}) in statement: {}", mariadb().mysql_stmt_error(st),
                             mariadb().mysql_stmt_errno(st), one_line(sql)));
  };
  if (!stmt) {
    if (kept_.size() >= kMaxKept) return false;
    stmt = mariadb().mysql_stmt_init(mysql_);
    if (!stmt) fail(sql);
    StmtCloser closer{stmt};
    if (mariadb().mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) throw error_of(stmt);
    if (MYSQL_RES* meta = mariadb().mysql_stmt_result_metadata(stmt)) {
      mariadb().mysql_free_result(meta);
      return false;  // rows come back: the one-off path reads them
    }
    closer.stmt = nullptr;
    kept_.emplace_back(sql, stmt);
  }
  const unsigned long expected = mariadb().mysql_stmt_param_count(stmt);
  if (expected != binds.size()) {
    throw Error(ErrorKind::Database,
                fmt::format("statement takes {} parameters but {} were given in statement: {}",
                            expected, binds.size(), one_line(sql)));
  }
  if ((!binds.empty() && mariadb().mysql_stmt_bind_param(stmt, binds.data()) != 0) ||
      mariadb().mysql_stmt_execute(stmt) != 0) {
    // Whatever went wrong (a constraint, a dropped table, a lost session), the next run of
    // this text prepares afresh.
    Error e = error_of(stmt);
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
      if (it->second == stmt) {
        kept_.erase(it);
        break;
      }
    }
    mariadb().mysql_stmt_close(stmt);
    throw e;
  }
  return true;
}

ResultSet MysqlConnection::run_prepared(const std::string& sql, const std::vector<Value>& params,
                                        bool want_rows) {
  // Parameter storage must outlive the execution.
  std::vector<MYSQL_BIND> binds(params.size());
  std::vector<long long> ints(params.size());
  std::vector<double> reals(params.size());
  std::vector<signed char> bools(params.size());
  std::vector<unsigned long> lengths(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    MYSQL_BIND& b = binds[i];
    std::memset(&b, 0, sizeof b);
    const Value& v = params[i];
    if (std::holds_alternative<std::monostate>(v)) {
      b.buffer_type = MYSQL_TYPE_NULL;
    } else if (auto* n = std::get_if<std::int64_t>(&v)) {
      ints[i] = *n;
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &ints[i];
    } else if (auto* d = std::get_if<double>(&v)) {
      reals[i] = *d;
      b.buffer_type = MYSQL_TYPE_DOUBLE;
      b.buffer = &reals[i];
    } else if (auto* s = std::get_if<std::string>(&v)) {
      lengths[i] = s->size();
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = const_cast<char*>(s->data());
      b.buffer_length = s->size();
      b.length = &lengths[i];
    } else if (auto* t = std::get_if<bool>(&v)) {
      bools[i] = *t ? 1 : 0;
      b.buffer_type = MYSQL_TYPE_TINY;
      b.buffer = &bools[i];
    }
  }
  if (!want_rows && run_kept(sql, binds)) return {};

  MYSQL_STMT* stmt = mariadb().mysql_stmt_init(mysql_);
  if (!stmt) fail(sql);
  StmtCloser closer{stmt};
  auto stmt_fail = [&]() {
    throw Error(ErrorKind::Database,
                fmt::format("{} (error {}) in statement: {}", mariadb().mysql_stmt_error(stmt),
                            mariadb().mysql_stmt_errno(stmt), one_line(sql)));
  };
  if (mariadb_ && mariadb().mariadb_stmt_execute_direct) {
    // A one-off (a statement that returns rows, such as the migration lock's GET_LOCK, or one
    // more text than run_kept keeps): one round trip instead of two (prepare, then execute).
    // The server checks the parameter count.
    unsigned int count = static_cast<unsigned int>(params.size());
    if (mariadb().mysql_stmt_attr_set(stmt, STMT_ATTR_PREBIND_PARAMS, &count) != 0) stmt_fail();
    if (!binds.empty() && mariadb().mysql_stmt_bind_param(stmt, binds.data()) != 0) stmt_fail();
    if (mariadb().mariadb_stmt_execute_direct(stmt, sql.data(), sql.size()) != 0) stmt_fail();
  } else {
    if (mariadb().mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) stmt_fail();
    unsigned long expected = mariadb().mysql_stmt_param_count(stmt);
    if (expected != params.size()) {
      throw Error(ErrorKind::Database,
                  fmt::format("statement takes {} parameters but {} were given in statement: {}",
                              expected, params.size(), one_line(sql)));
    }
    if (!binds.empty() && mariadb().mysql_stmt_bind_param(stmt, binds.data()) != 0) stmt_fail();
    if (mariadb().mysql_stmt_execute(stmt) != 0) stmt_fail();
  }

  ResultSet out;
  MYSQL_RES* meta = mariadb().mysql_stmt_result_metadata(stmt);
  if (!meta) return out;  // no result set (DML, DDL)
  struct MetaCloser {
    MYSQL_RES* m;
    ~MetaCloser() { mariadb().mysql_free_result(m); }
  } meta_closer{meta};
  if (!want_rows) return out;  // the statement is closed (and its rows discarded) by StmtCloser

  // max_length tells us how big the string buffers must be before the first fetch.
  my_bool update_max = 1;
  mariadb().mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
  if (mariadb().mysql_stmt_store_result(stmt) != 0) stmt_fail();

  unsigned int n = mariadb().mysql_num_fields(meta);
  MYSQL_FIELD* fields = mariadb().mysql_fetch_fields(meta);
  for (unsigned int i = 0; i < n; ++i)
    out.columns.emplace_back(fields[i].name, fields[i].name_length);

  std::vector<MYSQL_BIND> rb(n);
  std::vector<long long> rints(n);
  std::vector<double> rreals(n);
  std::vector<std::string> rstrs(n);
  std::vector<unsigned long> rlens(n);
  std::vector<my_bool> rnull(n), rerr(n);
  for (unsigned int i = 0; i < n; ++i) {
    MYSQL_BIND& b = rb[i];
    std::memset(&b, 0, sizeof b);
    b.is_null = &rnull[i];
    b.length = &rlens[i];
    b.error = &rerr[i];
    if (is_integer_type(fields[i].type)) {
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &rints[i];
      b.is_unsigned = (fields[i].flags & UNSIGNED_FLAG) ? 1 : 0;
    } else if (is_real_type(fields[i].type)) {
      b.buffer_type = MYSQL_TYPE_DOUBLE;
      b.buffer = &rreals[i];
    } else {
      // Temporal values are converted to text by the client library; 64 bytes covers them.
      rstrs[i].resize(std::max<unsigned long>(fields[i].max_length, 64) + 1);
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = rstrs[i].data();
      b.buffer_length = rstrs[i].size();
    }
  }
  if (mariadb().mysql_stmt_bind_result(stmt, rb.data()) != 0) stmt_fail();
  for (;;) {
    int rc = mariadb().mysql_stmt_fetch(stmt);
    if (rc == MYSQL_NO_DATA) break;
    if (rc == 1) stmt_fail();
    std::vector<Value> row;
    row.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
      if (rnull[i]) {
        row.emplace_back(std::monostate{});
      } else if (rb[i].buffer_type == MYSQL_TYPE_LONGLONG) {
        row.emplace_back(static_cast<std::int64_t>(rints[i]));
      } else if (rb[i].buffer_type == MYSQL_TYPE_DOUBLE) {
        row.emplace_back(rreals[i]);
      } else if (rlens[i] > rb[i].buffer_length) {
        // Truncated (max_length was not known for this type): fetch the whole value.
        std::string big(rlens[i], '\0');
        MYSQL_BIND one;
        std::memset(&one, 0, sizeof one);
        unsigned long len = 0;
        one.buffer_type = MYSQL_TYPE_STRING;
        one.buffer = big.data();
        one.buffer_length = big.size();
        one.length = &len;
        if (mariadb().mysql_stmt_fetch_column(stmt, &one, i, 0) != 0) stmt_fail();
        row.emplace_back(std::move(big));
      } else {
        row.emplace_back(std::string(rstrs[i].data(), rlens[i]));
      }
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

void MysqlConnection::begin() { execute("START TRANSACTION"); }

void MysqlConnection::commit() {
  send_waiting();
  if (mariadb().mysql_commit(mysql_) != 0) fail("COMMIT");
}

void MysqlConnection::rollback() {
  deferred_.clear();
  deferred_bytes_ = 0;
  mariadb().mysql_rollback(mysql_);
}

bool MysqlConnection::in_transaction() const {
  send_waiting();
  unsigned int status = 0;
  if (mariadb().mariadb_get_infov(mysql_, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0)
    return false;
  return (status & SERVER_STATUS_IN_TRANS) != 0;
}

unsigned long MysqlConnection::connection_id() const { return mariadb().mysql_thread_id(mysql_); }

void MysqlConnection::note(const std::string& sql) {
  if (!anonymous_blocks_) return;
  constexpr std::string_view kName = "sql_mode";
  auto it = std::search(sql.begin(), sql.end(), kName.begin(), kName.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  if (it != sql.end()) anonymous_blocks_.reset();
}

bool MysqlConnection::anonymous_blocks() {
  if (!mariadb_) return false;
  if (!anonymous_blocks_) {
    ResultSet r = query("SELECT @@SESSION.sql_mode");
    const std::string* mode =
        r.rows.empty() || r.rows[0].empty() ? nullptr : std::get_if<std::string>(&r.rows[0][0]);
    anonymous_blocks_ = mode && mode->find("ORACLE") == std::string::npos;
  }
  return *anonymous_blocks_;
}

std::string MysqlConnection::server_version() const {
  const char* info = mariadb().mysql_get_server_info(mysql_);
  return info ? info : "";
}

}  // namespace retort::mysql
