// The MySQL/MariaDB migration lock (see lock.hpp).
#include "dialect/mysql/lock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "retort/error.hpp"

namespace retort::mysql {
namespace {

constexpr size_t kMaxLockName = 64;  // MySQL 5.7+/MariaDB limit on GET_LOCK names
// Each GET_LOCK waits at most this long, so the holder can be reported soon after we start.
constexpr std::chrono::milliseconds kStep{1000};

class NamedLock : public MigrationLock {
 public:
  NamedLock(Connection& conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~NamedLock() override {
    // Never throws: if the session is gone, so is the lock.
    try {
      conn_.query("SELECT RELEASE_LOCK(?)", {Value(name_)});
    } catch (const std::exception&) {
    }
  }

 private:
  Connection& conn_;
  std::string name_;
};

// "connection 42 (retort@127.0.0.1:5678)", or "another connection" when it already went away.
std::string holder(Connection& conn, const std::string& name) {
  ResultSet r = conn.query(
      "SELECT p.ID, p.USER, p.HOST FROM information_schema.PROCESSLIST p WHERE p.ID = "
      "IS_USED_LOCK(?)",
      {Value(name)});
  if (r.rows.empty()) return "another connection";
  auto text = [](const Value& v) -> std::string {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    return "?";
  };
  return fmt::format("connection {} ({}@{})", text(r.rows[0][0]), text(r.rows[0][1]),
                     text(r.rows[0][2]));
}

// GET_LOCK: 1 taken, 0 timed out, NULL on error (e.g. killed while waiting).
bool try_get(Connection& conn, const std::string& name, std::chrono::milliseconds wait) {
  double seconds = static_cast<double>(wait.count()) / 1000.0;
  ResultSet r = conn.query("SELECT GET_LOCK(?, ?)", {Value(name), Value(seconds)});
  if (r.rows.empty() || is_null(r.rows[0][0])) {
    throw Error(ErrorKind::Lock, "GET_LOCK(" + name + ") failed on the server");
  }
  const Value& v = r.rows[0][0];
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n == 1;
  if (auto* s = std::get_if<std::string>(&v)) return *s == "1";
  return false;
}

}  // namespace

std::string lock_name(const std::string& key) {
  if (key.size() <= kMaxLockName) return key;
  // FNV-1a: stable across builds and processes, unlike std::hash.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::string suffix = fmt::format("_{:016x}", h);
  return key.substr(0, kMaxLockName - suffix.size()) + suffix;
}

std::unique_ptr<MigrationLock> acquire_named_lock(Connection& conn, const LockOptions& options) {
  // GET_LOCK names are server-wide: the session's database is part of the name, so migrations
  // of two databases on one server (tenants, CI jobs) never wait for each other.
  ResultSet db = conn.query("SELECT DATABASE()");
  std::string database;
  if (!db.rows.empty() && !db.rows[0].empty()) {
    if (const auto* s = std::get_if<std::string>(&db.rows[0][0])) database = *s;
  }
  std::string name = lock_name(options.key + "@" + database);
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + options.timeout;
  if (try_get(conn, name, std::chrono::milliseconds(0)))
    return std::make_unique<NamedLock>(conn, name);
  if (options.on_wait) {
    options.on_wait("waiting for the migration lock held by " + holder(conn, name));
  }
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    if (try_get(conn, name, std::min(left, kStep))) return std::make_unique<NamedLock>(conn, name);
  }
  double seconds = static_cast<double>(options.timeout.count()) / 1000.0;
  throw Error(ErrorKind::Lock,
              fmt::format("timed out after {:g} s waiting for the migration lock held by {}; "
                          "is another migration running?",
                          seconds, holder(conn, name)));
}

}  // namespace retort::mysql
