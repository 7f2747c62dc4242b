// PostgresAdvisoryLock: pg_try_advisory_lock in a loop, pg_advisory_unlock on release.
#include "dialect/postgresql/lock.hpp"

#include <fmt/format.h>

#include <thread>

#include "retort/error.hpp"

namespace retort::postgresql {

std::int64_t advisory_lock_key(std::string_view key) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : key) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return static_cast<std::int64_t>(h);
}

std::string describe_lock_holder(Connection& conn, std::int64_t key) {
  // pg_locks shows a bigint advisory key as classid = high 32 bits, objid = low 32 bits,
  // objsubid = 1; advisory locks are per database.
  const auto u = static_cast<std::uint64_t>(key);
  ResultSet r = conn.query(
      "SELECT l.pid, a.application_name, host(a.client_addr), a.usename "
      "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND l.classid::int8 = $1 AND l.objid::int8 = $2 "
      "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
      "LIMIT 1",
      {static_cast<std::int64_t>(u >> 32), static_cast<std::int64_t>(u & 0xffffffffULL)});
  if (r.rows.empty()) return "another session";
  const auto& row = r.rows[0];
  auto text = [](const Value& v) { return is_null(v) ? std::string() : std::get<std::string>(v); };
  std::string out = fmt::format("pid {} (", std::get<std::int64_t>(row[0]));
  std::string app = text(row[1]);
  out += app.empty() ? "no application name" : "application '" + app + "'";
  std::string client = text(row[2]);
  out += client.empty() ? ", local socket" : ", client " + client;
  std::string user = text(row[3]);
  if (!user.empty()) out += ", user " + user;
  return out + ")";
}

std::unique_ptr<MigrationLock> PostgresAdvisoryLock::acquire(Connection& conn,
                                                             const LockOptions& options) {
  using Clock = std::chrono::steady_clock;
  // A waiter polling inside an open transaction would deadlock with a holder running CREATE
  // INDEX CONCURRENTLY, which waits for every transaction older than itself to end.
  if (conn.in_transaction()) {
    throw Error(ErrorKind::Usage,
                "the PostgreSQL migration lock must be taken outside a transaction: take it "
                "before begin()");
  }
  const std::int64_t key = advisory_lock_key(options.key);
  const auto deadline = Clock::now() + options.timeout;
  bool told = false;
  auto pause = std::chrono::milliseconds(20);
  while (true) {
    ResultSet r = conn.query("SELECT pg_try_advisory_lock($1::int8)", {key});
    if (std::get<bool>(r.rows[0][0]))
      return std::unique_ptr<MigrationLock>(new PostgresAdvisoryLock(conn, key));
    std::string holder = describe_lock_holder(conn, key);
    if (!told && options.on_wait) {
      options.on_wait("waiting for the migration lock held by " + holder);
      told = true;
    }
    auto now = Clock::now();
    if (now >= deadline) {
      double seconds = std::chrono::duration<double>(options.timeout).count();
      throw Error(ErrorKind::Lock,
                  fmt::format("timed out after {:g} s waiting for the migration lock held by {}: "
                              "another migration is running; retry when it ends, or end that "
                              "session (SELECT pg_terminate_backend(pid))",
                              seconds, holder));
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(250));
  }
}

PostgresAdvisoryLock::~PostgresAdvisoryLock() {
  try {
    conn_.execute("SELECT pg_advisory_unlock($1::int8)", {key_});
  } catch (...) {
    // Releasing never throws (MigrationLock's contract); a session that cannot run the unlock
    // (connection lost, failed transaction) loses the lock when it ends anyway.
  }
}

}  // namespace retort::postgresql
