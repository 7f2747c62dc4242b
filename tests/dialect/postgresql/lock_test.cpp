// PostgresAdvisoryLock against the real server: contention, timeouts that name the holder,
// release on destruction and when the holding session dies, and CREATE INDEX CONCURRENTLY
// while the lock is held.
#include "dialect/postgresql/lock.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "dialect/postgresql/connection.hpp"
#include "dialect/postgresql/pg_test_support.hpp"
#include "retort/error.hpp"

namespace retort::test::pg {
namespace {

using PostgresLockTest = PgTest;
using namespace std::chrono_literals;

LockOptions options(std::chrono::milliseconds timeout, std::vector<std::string>* waits = nullptr) {
  LockOptions o;
  o.key = "public.retort_version";
  o.timeout = timeout;
  if (waits) o.on_wait = [waits](const std::string& m) { waits->push_back(m); };
  return o;
}

int pid_of(Connection& c) {
  return static_cast<int>(std::get<std::int64_t>(c.query("SELECT pg_backend_pid()").rows[0][0]));
}

TEST(PostgresLockKey, IsAStableFnv1aHash) {
  EXPECT_EQ(postgresql::advisory_lock_key("public.retort_version"), 5071597371117836883LL);
  EXPECT_NE(postgresql::advisory_lock_key("a"), postgresql::advisory_lock_key("b"));
}

TEST_F(PostgresLockTest, SecondSessionTimesOutNamingTheHolder) {
  auto holder = dialect().acquire_lock(*conn_, options(1s));
  EXPECT_FALSE(conn_->in_transaction());  // taken without opening a transaction
  auto other = connect();
  std::vector<std::string> waits;
  auto start = std::chrono::steady_clock::now();
  try {
    dialect().acquire_lock(*other, options(700ms, &waits));
    FAIL() << "took a lock that is held";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Lock);
    std::string expected = "timed out after 0.7 s waiting for the migration lock held by pid " +
                           std::to_string(pid_of(*conn_)) +
                           " (application 'retort', client 127.0.0.1, user " + url_.user + ")";
    EXPECT_EQ(std::string(e.what()).rfind(expected, 0), 0u) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 700ms);
  EXPECT_LT(waited, 3s);
  ASSERT_EQ(waits.size(), 1u);  // told once, not at every poll
  EXPECT_EQ(waits[0].rfind("waiting for the migration lock held by pid ", 0), 0u) << waits[0];
  // A different key is a different lock.
  LockOptions elsewhere = options(100ms);
  elsewhere.key = "other.version_table";
  EXPECT_NO_THROW(dialect().acquire_lock(*other, elsewhere));
}

TEST_F(PostgresLockTest, RefusedInsideATransaction) {
  conn_->begin();
  try {
    dialect().acquire_lock(*conn_, options(1s));
    FAIL() << "took the lock inside a transaction";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
  conn_->rollback();
  EXPECT_NO_THROW(dialect().acquire_lock(*conn_, options(1s)));
}

TEST_F(PostgresLockTest, ReleasedWhenTheLockObjectDies) {
  auto other = connect();
  {
    auto lock = dialect().acquire_lock(*conn_, options(1s));
    EXPECT_THROW(dialect().acquire_lock(*other, options(50ms)), Error);
  }
  EXPECT_NO_THROW(dialect().acquire_lock(*other, options(50ms)));
}

TEST_F(PostgresLockTest, WaiterGetsTheLockWhenTheHolderReleasesIt) {
  auto other = connect();
  auto lock = dialect().acquire_lock(*conn_, options(1s));
  std::thread release([&] {
    std::this_thread::sleep_for(300ms);
    lock.reset();
  });
  std::vector<std::string> waits;
  std::unique_ptr<MigrationLock> mine;
  EXPECT_NO_THROW(mine = dialect().acquire_lock(*other, options(10s, &waits)));
  release.join();
  EXPECT_EQ(waits.size(), 1u);
}

TEST_F(PostgresLockTest, TerminatedHolderLeavesNoStaleLock) {
  auto holder_conn = connect();
  auto lock = dialect().acquire_lock(*holder_conn, options(1s));
  EXPECT_THROW(dialect().acquire_lock(*conn_, options(50ms)), Error);
  conn_->query("SELECT pg_terminate_backend($1::int)", {std::int64_t{pid_of(*holder_conn)}});
  EXPECT_NO_THROW(dialect().acquire_lock(*conn_, options(5s)));
  lock.reset();  // releasing on a dead session does not throw
}

TEST_F(PostgresLockTest, KilledProcessLeavesNoStaleLock) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child: its own session, takes the lock, says so, and waits to be killed.
    close(ready[0]);
    try {
      auto c = dialect().connect(url_);
      auto lock = dialect().acquire_lock(*c, options(5s));
      char ok = 'y';
      if (write(ready[1], &ok, 1) != 1) _exit(2);
      pause();
    } catch (...) {
    }
    _exit(1);
  }
  close(ready[1]);
  char got = 0;
  ASSERT_EQ(read(ready[0], &got, 1), 1);
  close(ready[0]);
  EXPECT_THROW(dialect().acquire_lock(*conn_, options(50ms)), Error);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_NO_THROW(dialect().acquire_lock(*conn_, options(5s)));
}

TEST_F(PostgresLockTest, ConcurrentIndexBuildsWhileTheLockIsHeld) {
  conn_->execute(
      "CREATE TABLE t (id INT PRIMARY KEY, v TEXT); "
      "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 1000) g");
  // A deadlock would show as a statement timeout, not a hung test.
  conn_->execute("SET statement_timeout = '20s'");
  auto lock = dialect().acquire_lock(*conn_, options(1s));
  auto view = dialect().live_schema(*conn_);
  Index ix{"ix_t_v", {IndexElement{"v", false}}, false, ""};
  auto st = dialect().compile(ops::CreateIndex{{"", "t"}, ix, false, true}, *view);
  ASSERT_EQ(st.size(), 1u);
  ASSERT_FALSE(st[0].transactional);
  // As the runtime does it: the migration's transaction commits before the statement.
  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (1001, 'x')");
  conn_->commit();
  auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(conn_->execute(st[0].sql));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_EQ(std::get<bool>(scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = "
                                  "'ix_t_v'::regclass")),
            true);

  // The same with the lock held by a second, idle session (a lock-only connection).
  auto lock_conn = connect();
  lock.reset();
  auto other_lock = dialect().acquire_lock(*lock_conn, options(1s));
  auto drop = dialect().compile(ops::DropIndex{{"", "t"}, "ix_t_v", false, true}, *view);
  EXPECT_NO_THROW(conn_->execute(drop[0].sql));
  EXPECT_NO_THROW(conn_->execute(st[0].sql));
}

TEST_F(PostgresLockTest, ConcurrentIndexOfTheHolderDoesNotWaitForAWaiter) {
  // Another instance polls for the lock while the holder builds an index concurrently. The
  // waiter's polls are short autocommit statements, so the build (which waits for older
  // transactions) completes; then the waiter gets the lock.
  conn_->execute(
      "CREATE TABLE t (id INT PRIMARY KEY, v TEXT); "
      "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
  conn_->execute("SET statement_timeout = '20s'");
  auto lock = dialect().acquire_lock(*conn_, options(1s));
  auto waiter_conn = connect();
  std::vector<std::string> waits;
  std::unique_ptr<MigrationLock> waiter_lock;
  std::string waiter_error;
  std::thread waiter([&] {
    try {
      waiter_lock = dialect().acquire_lock(*waiter_conn, options(30s, &waits));
    } catch (const std::exception& e) {
      waiter_error = e.what();
    }
  });
  std::this_thread::sleep_for(200ms);  // the waiter is polling now
  auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(conn_->execute("CREATE INDEX CONCURRENTLY ix_t_v ON t (v)"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 15s);
  lock.reset();
  waiter.join();
  EXPECT_EQ(waiter_error, "");
  EXPECT_NE(waiter_lock, nullptr);
  EXPECT_EQ(waits.size(), 1u);
}

}  // namespace
}  // namespace retort::test::pg
