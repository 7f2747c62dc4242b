// PostgresAdvisoryLock — the migration lock on PostgreSQL: a session-level advisory lock.
//
// The key is a stable 64-bit FNV-1a hash of LockOptions::key, so every retort process (any
// version, any platform) computes the same bigint for the same version table. Session level
// (not transaction level) because a run commits several times (one transaction per migration,
// CREATE INDEX CONCURRENTLY outside any transaction) and must keep the lock throughout; and
// because PostgreSQL releases it when the session ends, a killed process never leaves a stale
// lock behind. It is taken with pg_try_advisory_lock in a polling loop rather than a blocking
// pg_advisory_lock, so the caller can be told who holds it and the wait can time out.
// https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS
//
// Not thread-safe; the lock refers to its connection, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dialect/dialect.hpp"

namespace retort::postgresql {

// FNV-1a 64 of `key`, as the signed bigint the advisory lock functions take.
std::int64_t advisory_lock_key(std::string_view key);

class PostgresAdvisoryLock : public MigrationLock {
 public:
  // Takes the lock on `conn`, calling options.on_wait once (naming the holder) if it has to
  // wait. Error(Lock) naming the holder when options.timeout passes. Error(Usage) when `conn`
  // is inside a transaction: take it before begin(), so no transaction stays open while we wait
  // (a holder's CREATE INDEX CONCURRENTLY would wait for it: an undetectable deadlock).
  static std::unique_ptr<MigrationLock> acquire(Connection& conn, const LockOptions& options);

  // Releases the lock (pg_advisory_unlock); never throws. If the session is gone or in a failed
  // transaction the server releases it when the session ends.
  ~PostgresAdvisoryLock() override;

 private:
  PostgresAdvisoryLock(Connection& conn, std::int64_t key) : conn_(conn), key_(key) {}

  Connection& conn_;
  std::int64_t key_;
};

// Who holds the advisory lock `key` in the current database, e.g.
// "pid 4242 (application 'retort', client 127.0.0.1, user deploy)"; "another session" when it
// has just been released.
std::string describe_lock_holder(Connection& conn, std::int64_t key);

}  // namespace retort::postgresql
