// The no-op migration lock object for SQLite.
#include "dialect/sqlite/lock.hpp"

#include "dialect/sqlite/connection.hpp"
#include "retort/error.hpp"

namespace retort::sqlite {
namespace {

class SqliteMigrationLock : public MigrationLock {
 public:
  explicit SqliteMigrationLock(SqliteConnection& conn) : conn_(conn) {}
  // The wait callback may capture the caller's state, which may die with the lock.
  ~SqliteMigrationLock() override { conn_.set_busy_timeout(conn_.busy_timeout(), {}); }

 private:
  SqliteConnection& conn_;
};

}  // namespace

std::unique_ptr<MigrationLock> acquire_lock(Connection& conn, const LockOptions& options) {
  auto* sqlite = dynamic_cast<SqliteConnection*>(&conn);
  if (!sqlite) throw Error(ErrorKind::Usage, "the SQLite migration lock needs a SQLite connection");
  sqlite->set_busy_timeout(options.timeout, options.on_wait);
  return std::make_unique<SqliteMigrationLock>(*sqlite);
}

}  // namespace retort::sqlite
