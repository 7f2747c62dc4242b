// `retort baseline` (docs/commands.md): a database that predates the project becomes its first
// revision, stamped; the revision rebuilds the same tables, and `retort test` passes on it. The
// same on SQLite, PostgreSQL and MariaDB.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class Baseline : public ::testing::TestWithParam<std::string> {};

TEST_P(Baseline, AdoptsAnExistingSchemaAsTheFirstRevision) {
  Project p(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
  p.write_config();
  p.db().execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL)");
  p.db().execute(
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title VARCHAR(200), "
      "CONSTRAINT fk_posts_users FOREIGN KEY (user_id) REFERENCES users (id))");
  p.db().execute("CREATE INDEX ix_posts_title ON posts (title)");
  p.db().execute("INSERT INTO users (id, email) VALUES (1, 'a@example.com')");
  const auto users = p.columns("users");
  const auto posts = p.columns("posts");

  auto r = p.retort("baseline -m \"adopt the schema\"");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("Generating .*/migrations/versions/[0-9a-f]{12}_adopt_the_schema"
                                  "\\.lua \\.\\.\\. done\nStamped the database at [0-9a-f]{12}\n"));
  ASSERT_EQ(p.version_rows().size(), 1u);
  EXPECT_EQ(p.count("users"), 1);  // nothing ran: the rows are where they were

  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  // The revision builds the same tables on a database of its own, and undoes them.
  r = p.retort("test --check upgrade --check offline_sql --check downgrade --check stairway");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // Rebuilt from the revision, the tables are the same.
  p.db().execute("DELETE FROM users");
  r = p.retort("downgrade base");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(p.has_table("users"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.columns("users"), users);
  EXPECT_EQ(p.columns("posts"), posts);

  r = p.retort("baseline -m again");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: baseline writes a project's first revision, and this project has 1 "
            "already: adopt the database with `retort stamp REV` instead\n");
}

TEST_P(Baseline, RefusesAnEmptyDatabase) {
  Project p(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
  p.write_config();
  auto r = p.retort("baseline -m adopt");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: the database holds no tables: there is nothing to adopt; start with "
            "`retort revision -m MSG`\n");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Baseline, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
