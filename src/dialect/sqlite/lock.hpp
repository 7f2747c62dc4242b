// SQLite's migration lock: begin() is BEGIN IMMEDIATE, which takes the database's write lock
// (sqlite.org/lang_transaction.html), so the lock object itself holds nothing. Acquiring it sets
// how long BEGIN IMMEDIATE waits for another process (the busy timeout).
#pragma once

#include <memory>

#include "dialect/dialect.hpp"

namespace retort::sqlite {

// Sets `conn`'s busy timeout to options.timeout and its wait callback to options.on_wait.
// Error(Usage) if `conn` is not a SQLite connection.
std::unique_ptr<MigrationLock> acquire_lock(Connection& conn, const LockOptions& options);

}  // namespace retort::sqlite
