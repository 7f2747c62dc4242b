// The MySQL migration lock (GET_LOCK) against a real MariaDB: contention times out with the
// holder named, release hands it over, and killing the holder's session frees it.
#include <gtest/gtest.h>

#include <thread>

#include "dialect/mysql/connection.hpp"
#include "dialect/mysql/lock.hpp"
#include "dialect/mysql/mysql_test_support.hpp"
#include "retort/error.hpp"

namespace retort::test {
namespace {

using namespace std::chrono_literals;

class MysqlLockTest : public MysqlFixture {
 protected:
  // Named locks are server-wide: keep each test's key to itself.
  LockOptions options(std::chrono::milliseconds timeout) {
    LockOptions o;
    o.key = "retort:" + db_ + ".retort_version";
    o.timeout = timeout;
    return o;
  }
  static unsigned long id_of(Connection& c) {
    return dynamic_cast<mysql::MysqlConnection&>(c).connection_id();
  }
};

// The same version table in two databases of one server: two locks, no waiting.
TEST_F(MysqlLockTest, TwoDatabasesOnOneServerDoNotShareTheLock) {
  const std::string other = db_ + "_b";
  admin_->execute("DROP DATABASE IF EXISTS `" + other + "`");
  admin_->execute("CREATE DATABASE `" + other + "`");
  Url url = url_;
  url.database = other;
  {
    auto elsewhere = dialect().connect(url);
    LockOptions o;
    o.key = "retort:retort_version";
    o.timeout = 0ms;
    std::vector<std::string> waits;
    o.on_wait = [&](const std::string& m) { waits.push_back(m); };
    auto first = dialect().acquire_lock(*conn_, o);
    auto second = dialect().acquire_lock(*elsewhere, o);  // would time out at once if shared
    EXPECT_TRUE(first);
    EXPECT_TRUE(second);
    EXPECT_TRUE(waits.empty());
    // The same database still excludes.
    auto third = another();
    EXPECT_THROW(dialect().acquire_lock(*third, o), Error);
  }
  admin_->execute("DROP DATABASE IF EXISTS `" + other + "`");
}

TEST_F(MysqlLockTest, ContentionTimesOutNamingTheHolder) {
  auto holder = another();
  auto held = dialect().acquire_lock(*holder, options(1s));
  ASSERT_TRUE(held);

  std::vector<std::string> waits;
  LockOptions o = options(300ms);
  o.on_wait = [&](const std::string& m) { waits.push_back(m); };
  auto start = std::chrono::steady_clock::now();
  try {
    dialect().acquire_lock(*conn_, o);
    FAIL() << "took a held lock";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Lock);
    std::string expected =
        "timed out after 0.3 s waiting for the migration lock held by connection " +
        std::to_string(id_of(*holder)) + " (retort@127.0.0.1:";
    EXPECT_EQ(std::string(e.what()).rfind(expected, 0), 0u) << e.what();
  }
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 3s);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_EQ(
      waits[0].rfind(
          "waiting for the migration lock held by connection " + std::to_string(id_of(*holder)), 0),
      0u)
      << waits[0];

  held.reset();  // RELEASE_LOCK
  auto mine = dialect().acquire_lock(*conn_, options(1s));
  EXPECT_TRUE(mine);
}

TEST_F(MysqlLockTest, WaitsUntilTheHolderReleases) {
  auto holder = another();
  auto held = dialect().acquire_lock(*holder, options(1s));
  std::thread releaser([&] {
    std::this_thread::sleep_for(1500ms);
    held.reset();
  });
  int waits = 0;
  LockOptions o = options(10s);
  o.on_wait = [&](const std::string&) { ++waits; };
  auto mine = dialect().acquire_lock(*conn_, o);
  releaser.join();
  EXPECT_TRUE(mine);
  EXPECT_EQ(waits, 1);  // told once, not once per poll
}

TEST_F(MysqlLockTest, KillingTheHolderFreesTheLock) {
  auto holder = another();
  auto held = dialect().acquire_lock(*holder, options(1s));
  EXPECT_THROW(dialect().acquire_lock(*conn_, options(100ms)), Error);

  auto third = another();
  third->execute("KILL " + std::to_string(id_of(*holder)));
  auto mine = dialect().acquire_lock(*conn_, options(5s));
  EXPECT_TRUE(mine);
  held.reset();  // its session is gone: releasing must not throw
  holder.reset();
}

TEST_F(MysqlLockTest, LongKeysAreHashedToSixtyFourCharacters) {
  std::string long_key = "retort:" + std::string(100, 'k') + db_;
  std::string name = mysql::lock_name(long_key);
  EXPECT_EQ(name.size(), 64u);
  EXPECT_EQ(name, mysql::lock_name(long_key));
  EXPECT_NE(name, mysql::lock_name(long_key + "2"));
  EXPECT_EQ(mysql::lock_name("short"), "short");
  LockOptions o = options(1s);
  o.key = long_key;
  auto held = dialect().acquire_lock(*conn_, o);
  auto other = another();
  o.timeout = 100ms;
  EXPECT_THROW(dialect().acquire_lock(*other, o), Error);
}

}  // namespace
}  // namespace retort::test
