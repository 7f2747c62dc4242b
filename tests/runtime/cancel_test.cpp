// RunOptions::should_stop: a program stops a long run between migrations, or between the
// statements of one where DDL is transactional, and the database is left at a revision the
// error names. Against SQLite and PostgreSQL (transactional DDL), and MySQL/MariaDB, where the
// run stops only between migrations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "dialect/dialect.hpp"
#include "dialect/url.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "support/test_env.hpp"

namespace retort {
namespace {

std::string script(const std::string& rev, const std::string& down, const std::string& up_body,
                   const std::string& down_body) {
  return "--- " + rev + "\nrevision = \"" + rev +
         "\"\ndown_revision = " + (down.empty() ? "nil" : "\"" + down + "\"") +
         "\n\nfunction upgrade()\n" + up_body + "\nend\n\nfunction downgrade()\n" + down_body +
         "\nend\n";
}

std::string create(const std::string& table) {
  return "  op.create_table(\"" + table +
         "\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n  op.execute(\"INSERT "
         "INTO " +
         table + " (id) VALUES (1)\")\n  op.execute(\"INSERT INTO " + table + " (id) VALUES (2)\")";
}

class Cancel : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    config = Config::defaults();
    config.root = dir.path();
    const std::string hint = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    if (GetParam() == "sqlite")
      config.url = "sqlite:///" + (dir.path() / "app.db").string();
    else if (GetParam() == "postgresql")
      config.url = test::fresh_pg_database(hint);
    else
      config.url = test::fresh_mysql_database(hint);
    config.embedded_scripts = std::vector<ScriptText>{
        {"0001_a.lua", script("0001", "", create("a"), "  op.drop_table(\"a\")")},
        {"0002_b.lua", script("0002", "0001", create("b"), "  op.drop_table(\"b\")")},
        {"0003_c.lua", script("0003", "0002", create("c"), "  op.drop_table(\"c\")")}};
  }

  // The tables in the database (the version and history tables aside), and how many rows each
  // holds.
  std::map<std::string, int64_t> tables() {
    Url url = Url::parse(config.url);
    const Dialect& d = find_dialect(url.scheme);
    auto conn = d.connect(d.resolve_paths(url, config.root));
    InspectOptions io;
    io.exclude_tables = {config.version_table, config.history_table_name()};
    std::map<std::string, int64_t> out;
    for (const Table& t : d.inspect(*conn, io).tables) {
      auto rows = conn->query("SELECT COUNT(*) FROM " + d.qualify("", t.name)).rows;
      out[t.name] = std::get<int64_t>(rows.at(0).at(0));
    }
    return out;
  }

  // Runs `run` and returns the Error(Cancelled) it must throw.
  template <class Run>
  Error cancelled(Run&& run) {
    try {
      run();
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Cancelled) << e.what();
      return e;
    }
    ADD_FAILURE() << "the run was not cancelled";
    return Error(ErrorKind::Usage, "");
  }

  test::TempDir dir;
  Config config;
};

// Stops once the step `after` has been reported: the next question is the one before the
// following migration.
RunOptions stop_after(const std::string& after, bool& stop) {
  RunOptions o;
  o.on_step = [&stop, after](const StepReport& s) {
    if (s.revision == after) stop = true;
  };
  o.should_stop = [&stop] { return stop; };
  return o;
}

using Transactional = Cancel;
using NotTransactional = Cancel;

TEST_P(Transactional, StoppedBetweenMigrationsRollsBackTheWholeRun) {
  bool stop = false;
  Migrator m(config);
  Error e = cancelled([&] { m.upgrade("head", stop_after("0001", stop)); });
  EXPECT_STREQ(e.what(),
               "upgrade cancelled before 0002: the run was rolled back; the database is at base");
  EXPECT_TRUE(tables().empty());
  EXPECT_TRUE(Migrator(config).current().empty());
}

TEST_P(Transactional, PerMigrationTransactionsKeepTheMigrationsThatFinished) {
  config.transaction_per_migration = true;
  bool stop = false;
  Migrator m(config);
  Error e = cancelled([&] { m.upgrade("head", stop_after("0001", stop)); });
  EXPECT_STREQ(e.what(),
               "upgrade cancelled before 0002: 1 migration(s) of the run stay applied; the "
               "database is at revision 0001");
  EXPECT_EQ(tables(), (std::map<std::string, int64_t>{{"a", 2}}));
  EXPECT_EQ(Migrator(config).current(), std::vector<std::string>{"0001"});

  // Run again without stopping: it goes on from there.
  RunReport r = Migrator(config).upgrade("head");
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(tables(), (std::map<std::string, int64_t>{{"a", 2}, {"b", 2}, {"c", 2}}));
}

TEST_P(Transactional, StoppedBetweenTheStatementsOfAMigrationRollsItBack) {
  config.transaction_per_migration = true;
  // Once 0001 is done: asked before 0002 (go on), before its create_table (go on), before its
  // first INSERT (stop), so the migration stops after one of its statements.
  bool armed = false;
  int asked = 0;
  RunOptions o;
  o.on_step = [&](const StepReport& s) { armed = armed || s.revision == "0001"; };
  o.should_stop = [&] { return armed && ++asked == 3; };
  Migrator m(config);
  Error e = cancelled([&] { m.upgrade("head", o); });
  EXPECT_STREQ(e.what(),
               "upgrade cancelled during 0002: this migration was rolled back, 1 earlier "
               "migration(s) of the run stay applied; the database is at revision 0001");
  EXPECT_EQ(tables(), (std::map<std::string, int64_t>{{"a", 2}}));
  EXPECT_EQ(Migrator(config).current(), std::vector<std::string>{"0001"});
}

TEST_P(Transactional, ADowngradeStopsTheSameWay) {
  Migrator(config).upgrade("head");
  bool stop = false;
  Migrator m(config);
  RunOptions o = stop_after("0003", stop);
  o.allow_data_loss = true;  // the tables hold rows; the guard is not what this test is about
  Error e = cancelled([&] { m.downgrade("base", o); });
  EXPECT_STREQ(e.what(),
               "downgrade cancelled before 0002: the run was rolled back; the database is at "
               "revision 0003");
  EXPECT_EQ(tables(), (std::map<std::string, int64_t>{{"a", 2}, {"b", 2}, {"c", 2}}));
}

TEST_P(Transactional, ARunNobodyStopsAsksAndGoesOn) {
  int asked = 0;
  RunOptions o;
  o.should_stop = [&] { return ++asked < 0; };
  RunReport r = Migrator(config).upgrade("head", o);
  EXPECT_EQ(r.steps.size(), 3u);
  // Before each migration, and before each of its three operations.
  EXPECT_EQ(asked, 3 * 4);
  EXPECT_EQ(tables(), (std::map<std::string, int64_t>{{"a", 2}, {"b", 2}, {"c", 2}}));
}

INSTANTIATE_TEST_SUITE_P(Dialects, Transactional, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// MySQL/MariaDB commit DDL as it runs: stopping inside a migration would leave it half
// applied and unrecorded, so the run is asked only before each migration.
TEST_P(NotTransactional, StopsOnlyBetweenMigrations) {
  int asked = 0;
  RunOptions o;
  o.should_stop = [&] { return ++asked == 2; };
  Migrator m(config);
  Error e = cancelled([&] { m.upgrade("head", o); });
  EXPECT_EQ(asked, 2);
  EXPECT_STREQ(e.what(),
               "upgrade cancelled before 0002: 1 migration(s) of the run stay applied; the "
               "database is at revision 0001");
  EXPECT_EQ(tables(), (std::map<std::string, int64_t>{{"a", 2}}));
}

INSTANTIATE_TEST_SUITE_P(Dialects, NotTransactional, ::testing::Values("mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort
