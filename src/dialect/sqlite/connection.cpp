// SqliteConnection: statements, the statement cache, transactions and the busy handler.
#include "dialect/sqlite/connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <thread>

#include "retort/error.hpp"

namespace retort::sqlite {
namespace {

constexpr size_t kCacheLimit = 32;

// The statement for an error message: one line, trimmed, at most ~300 characters.
std::string shorten(const std::string& sql) {
  std::string s;
  for (char c : sql) {
    bool space = std::isspace(static_cast<unsigned char>(c));
    if (space && (s.empty() || s.back() == ' ')) continue;
    s += space ? ' ' : c;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == ';')) s.pop_back();
  if (s.size() > 300) {
    s.resize(297);
    s += "...";
  }
  return s;
}

bool is_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

// Is `sql` a PRAGMA foreign_key_check? (leading white space and comments skipped)
bool is_foreign_key_check(const char* sql) {
  std::string s;
  for (const char* p = sql; *p; ++p)
    s += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
  size_t i = 0;
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.compare(i, 2, "--") == 0) {
      i = s.find('\n', i);
      if (i == std::string::npos) return false;
    } else if (s.compare(i, 2, "/*") == 0) {
      i = s.find("*/", i);
      if (i == std::string::npos) return false;
      i += 2;
    } else {
      break;
    }
  }
  return s.compare(i, 6, "pragma") == 0 && s.find("foreign_key_check", i) != std::string::npos;
}

std::string text_of(sqlite3_stmt* stmt, int col) {
  const unsigned char* t = sqlite3_column_text(stmt, col);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path)
    : path_(is_memory(path) ? ":memory:" : path) {
  if (!is_memory(path) && path.rfind("file:", 0) != 0) {
    auto dir = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
      throw Error(ErrorKind::Database,
                  fmt::format("cannot open SQLite database {}: directory {} does not exist", path,
                              dir.string()));
    }
  }
  // NOMUTEX: a Connection is used by one thread at a time (as every Connection), so SQLite's
  // per-call connection mutex is pure overhead: a few percent of a long upgrade
  // (bench/RESULTS.md). sqlite.org/threadsafe.html: "multi-thread" mode.
  int rc = sqlite3_open_v2(
      path_.c_str(), &db_,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorKind::Database, fmt::format("cannot open SQLite database {}: {}", path_, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  // Explicitly, in case the library was built with SQLITE_DEFAULT_FOREIGN_KEYS=1: rebuilds need
  // enforcement off, and it cannot be switched inside the migration's transaction.
  sqlite3_exec(db_, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr);
  sqlite3_busy_handler(db_, &SqliteConnection::on_busy, this);
  // SQLite reads the file header lazily; read it now so "not a database" is a connect error.
  sqlite3_stmt* probe = nullptr;
  rc = sqlite3_prepare_v2(db_, "SELECT count(*) FROM sqlite_master", -1, &probe, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(probe);
  sqlite3_finalize(probe);
  if (rc != SQLITE_ROW) {
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorKind::Database, fmt::format("cannot open SQLite database {}: {}", path_, msg));
  }
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  if (db_) sqlite3_close_v2(db_);
}

void SqliteConnection::fail(int rc, const std::string& sql) const {
  int primary = rc & 0xff;
  std::string msg = sqlite3_errmsg(db_);
  if (primary == SQLITE_READONLY) {
    throw Error(
        ErrorKind::Database,
        fmt::format(
            "cannot write to SQLite database {}: the file (or its directory) is read-only ({}) "
            "in statement: {}",
            path_, msg, shorten(sql)));
  }
  if (primary == SQLITE_BUSY) {
    throw Error(
        ErrorKind::Lock,
        fmt::format(
            "another process holds the SQLite database lock (waited {} s); {} in statement: {}",
            std::chrono::duration<double>(busy_timeout_).count(), msg, shorten(sql)));
  }
  throw Error(ErrorKind::Database, fmt::format("{} in statement: {}", msg, shorten(sql)));
}

sqlite3_stmt* SqliteConnection::prepare_cached(const std::string& sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK) fail(rc, sql);
  // Only single statements are cached; the caller handles the rest of a multi-statement text.
  // What follows may be white space, semicolons or comments: preparing those yields no statement.
  bool single = true;
  const char* end = sql.c_str() + sql.size();
  while (single && tail && tail < end) {
    sqlite3_stmt* next = nullptr;
    const char* after = nullptr;
    if (sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &next, &after) != SQLITE_OK ||
        next) {
      sqlite3_finalize(next);
      single = false;
    } else if (after == tail) {
      break;
    }
    tail = after;
  }
  if (!single || !stmt) {
    sqlite3_finalize(stmt);
    return nullptr;
  }
  if (cache_.size() >= kCacheLimit) {
    for (auto& [s, st] : cache_) sqlite3_finalize(st);
    cache_.clear();
  }
  cache_.emplace(sql, stmt);
  return stmt;
}

void SqliteConnection::bind(sqlite3_stmt* stmt, const std::vector<Value>& params,
                            const std::string& sql) {
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    throw Error(ErrorKind::Database,
                fmt::format("statement takes {} parameters but {} were given in statement: {}",
                            expected, params.size(), shorten(sql)));
  }
  for (int i = 0; i < expected; ++i) {
    const Value& v = params[i];
    int rc = std::visit(
        [&](const auto& x) -> int {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::monostate>)
            return sqlite3_bind_null(stmt, i + 1);
          else if constexpr (std::is_same_v<T, std::int64_t>)
            return sqlite3_bind_int64(stmt, i + 1, x);
          else if constexpr (std::is_same_v<T, double>)
            return sqlite3_bind_double(stmt, i + 1, x);
          else if constexpr (std::is_same_v<T, bool>)
            return sqlite3_bind_int(stmt, i + 1, x ? 1 : 0);
          else
            return sqlite3_bind_text(stmt, i + 1, x.data(), static_cast<int>(x.size()),
                                     SQLITE_TRANSIENT);
        },
        v);
    if (rc != SQLITE_OK) fail(rc, sql);
  }
}

void SqliteConnection::run(sqlite3_stmt* stmt, const std::string& sql, ResultSet* out) {
  const bool fk_check = out == nullptr && is_foreign_key_check(sqlite3_sql(stmt));
  if (out) {
    out->columns.clear();
    for (int i = 0; i < sqlite3_column_count(stmt); ++i)
      out->columns.emplace_back(sqlite3_column_name(stmt, i));
  }
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      sqlite3_reset(stmt);
      fail(rc, sql);
    }
    if (fk_check) {
      // Columns: table, rowid, parent, fkid (sqlite.org/pragma.html#pragma_foreign_key_check).
      std::string table = text_of(stmt, 0), rowid = text_of(stmt, 1), parent = text_of(stmt, 2);
      sqlite3_reset(stmt);
      throw Error(
          ErrorKind::Database,
          fmt::format("foreign key violation in table {}: row {} references a missing row of {} "
                      "(found by PRAGMA foreign_key_check after the change; fix the data or the "
                      "migration)",
                      table, rowid.empty() ? "?" : rowid, parent));
    }
    if (!out) continue;
    std::vector<Value> row;
    row.reserve(out->columns.size());
    for (int i = 0; i < static_cast<int>(out->columns.size()); ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_NULL:
          row.emplace_back(std::monostate{});
          break;
        case SQLITE_INTEGER:
          row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT:
          row.emplace_back(sqlite3_column_double(stmt, i));
          break;
        default: {
          const void* data = sqlite3_column_blob(stmt, i);
          int n = sqlite3_column_bytes(stmt, i);
          row.emplace_back(std::string(static_cast<const char*>(data ? data : ""), n));
        }
      }
    }
    out->rows.push_back(std::move(row));
  }
  sqlite3_reset(stmt);
}

void SqliteConnection::execute(const std::string& sql, const std::vector<Value>& params) {
  if (sqlite3_stmt* stmt = prepare_cached(sql)) {
    bind(stmt, params, sql);
    run(stmt, sql, nullptr);
    return;
  }
  // Several statements (op.execute("a; b;")): prepare and run them one by one; parameters, if
  // any, belong to the first.
  const char* p = sql.c_str();
  const char* end = p + sql.size();
  bool first = true;
  while (p < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &stmt, &tail);
    std::string one(p, tail ? tail : end);
    if (rc != SQLITE_OK) fail(rc, one);
    p = tail ? tail : end;
    if (!stmt) continue;  // white space or a comment
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
    bind(stmt, first ? params : std::vector<Value>{}, one);
    first = false;
    run(stmt, one, nullptr);
  }
}

ResultSet SqliteConnection::query(const std::string& sql, const std::vector<Value>& params) {
  ResultSet out;
  if (sqlite3_stmt* stmt = prepare_cached(sql)) {
    bind(stmt, params, sql);
    run(stmt, sql, &out);
    return out;
  }
  throw Error(ErrorKind::Database, "query() takes one statement in statement: " + shorten(sql));
}

void SqliteConnection::begin() {
  try {
    execute("BEGIN IMMEDIATE");
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Lock) throw;
    throw Error(
        ErrorKind::Lock,
        fmt::format("another process holds the SQLite database lock (waited {} s); wait for it to "
                    "finish or raise the lock timeout",
                    std::chrono::duration<double>(busy_timeout_).count()));
  }
}

void SqliteConnection::commit() { execute("COMMIT"); }

void SqliteConnection::rollback() {
  if (sqlite3_get_autocommit(db_)) return;
  // Not through the cache or execute(): must never throw.
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void SqliteConnection::set_busy_timeout(std::chrono::milliseconds timeout,
                                        std::function<void(const std::string&)> on_wait) {
  busy_timeout_ = timeout;
  on_wait_ = std::move(on_wait);
}

int SqliteConnection::on_busy(void* self_ptr, int count) {
  auto* self = static_cast<SqliteConnection*>(self_ptr);
  auto now = std::chrono::steady_clock::now();
  if (count == 0) {
    self->wait_started_ = now;
    if (self->on_wait_)
      self->on_wait_("waiting for another process to release the SQLite database lock on " +
                     self->path_);
  }
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - self->wait_started_);
  if (waited >= self->busy_timeout_) return 0;
  static constexpr int kDelays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
  auto delay = std::chrono::milliseconds(kDelays[std::min(count, 11)]);
  std::this_thread::sleep_for(std::min(delay, self->busy_timeout_ - waited));
  return 1;
}

}  // namespace retort::sqlite
