// MysqlLock — the migration lock as a MySQL/MariaDB named lock (GET_LOCK).
//
// Named locks belong to the session: RELEASE_LOCK frees it, and so does the end of the
// connection, so a killed process never leaves it behind. Lock names are limited to 64
// characters; longer keys are shortened to a prefix plus a stable hash.
// Thread-safety: uses the connection it was taken on; destroy it before the connection.
#pragma once

#include <memory>
#include <string>

#include "dialect/dialect.hpp"

namespace retort::mysql {

// The name GET_LOCK is called with for `key` (at most 64 characters).
std::string lock_name(const std::string& key);

// Waits for the lock, polling in short steps so it can report (once, through on_wait) which
// connection holds it. Error(Lock, "timed out after N s waiting for the migration lock held by
// connection N (user@host)") after options.timeout.
std::unique_ptr<MigrationLock> acquire_named_lock(Connection& conn, const LockOptions& options);

}  // namespace retort::mysql
