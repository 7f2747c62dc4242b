// Plain SQL revisions on every database: listed, planned and run like Lua revisions, mixed with
// them in one graph, printed by --sql, and guarded where the guard can read the statement.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;

class SqlRevision : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
    p->write_revision("9a8b7c6d5e4f", "", "create usuarios",
                      "  op.create_table(\"usuarios\", sa.Column(\"id\", sa.Integer(), { "
                      "primary_key = true }), sa.Column(\"nome\", sa.String(50)))",
                      "  op.drop_table(\"usuarios\", { allow_data_loss = true })");
  }
  // migrations/versions/<rev>_<slug>.sql
  void write_sql(const std::string& rev, const std::string& down, const std::string& slug,
                 const std::string& upgrade, const std::string& downgrade) {
    write_file(p->dir() / "migrations/versions" / (rev + "_" + slug + ".sql"),
               "-- " + slug + "\n--\n-- Create Date: 2026-12-07 10:00:00\n--\n-- revision: " + rev +
                   "\n-- down_revision: " + down + "\n-- branch_labels:\n-- depends_on:\n\n" +
                   "-- retort:upgrade\n" + upgrade + "\n\n-- retort:downgrade\n" + downgrade +
                   "\n");
  }
  void things() {
    write_sql("5776a6d4e53d", "9a8b7c6d5e4f", "add_things",
              "CREATE TABLE things (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
              "INSERT INTO things (id, name) VALUES (1, 'a; b');",
              "DROP TABLE things;");
  }
  std::unique_ptr<Project> p;
};

TEST_P(SqlRevision, ListedPlannedAndRunLikeLuaRevisions) {
  things();
  p->write_revision("c0ffee000001", "5776a6d4e53d", "lua after sql",
                    "  op.add_column(\"things\", sa.Column(\"price\", sa.Integer()))",
                    "  op.drop_column(\"things\", \"price\", { allow_data_loss = true })");
  CommandResult r = p->retort("history");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "5776a6d4e53d -> c0ffee000001 (head), lua after sql\n"
            "9a8b7c6d5e4f -> 5776a6d4e53d, add_things\n"
            "<base> -> 9a8b7c6d5e4f, create usuarios\n");
  r = p->retort("show 5776");
  EXPECT_THAT(r.out, HasSubstr("Path: " + p->dir().string() +
                               "/migrations/versions/5776a6d4e53d_add_things.sql\n"));

  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("upgrade 9a8b7c6d5e4f -> 5776a6d4e53d, add_things ("));
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{"c0ffee000001"});
  EXPECT_EQ(p->scalar("SELECT name FROM things WHERE id = 1"), "a; b");
  EXPECT_EQ(p->columns("things"), (std::vector<std::string>{"id", "name", "price"}));

  r = p->retort("downgrade 9a8b7c6d5e4f --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("downgrade 5776a6d4e53d -> 9a8b7c6d5e4f, add_things ("));
  EXPECT_FALSE(p->has_table("things"));
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{"9a8b7c6d5e4f"});
}

TEST_P(SqlRevision, OfflineSqlPrintsTheStatementsAsWritten) {
  things();
  CommandResult r = p->retort("upgrade 9a8b7c6d5e4f:head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("-- Running upgrade 9a8b7c6d5e4f -> 5776a6d4e53d, add_things\n\n"
                               "CREATE TABLE things (id INTEGER PRIMARY KEY, name VARCHAR(50));\n\n"
                               "INSERT INTO things (id, name) VALUES (1, 'a; b');\n\n"));
  r = p->retort("downgrade head:9a8b7c6d5e4f --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("-- WARNING: DROP TABLE things destroys data if there is any; "
                               "offline mode cannot check. Review before running.\nDROP TABLE "
                               "things;\n"));
  EXPECT_FALSE(p->has_table("things"));  // --sql touched nothing
}

TEST_P(SqlRevision, DropTableWithRowsIsRefusedUnlessAllowed) {
  things();
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  CommandResult r = p->retort("downgrade -1");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("retort: error: downgrade 5776a6d4e53d failed: "
                               "migrations/versions/5776a6d4e53d_add_things.sql: DROP TABLE "
                               "things would destroy data (table things holds rows). Put a "
                               "`-- retort:allow-data-loss` line before the statement, or run "
                               "with --allow-data-loss"));
  EXPECT_TRUE(p->has_table("things"));
  EXPECT_EQ(p->count("things"), 1);
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{"5776a6d4e53d"});

  // The marker before the statement lets it run.
  write_sql("5776a6d4e53d", "9a8b7c6d5e4f", "add_things", "SELECT 1;",
            "-- retort:allow-data-loss\nDROP TABLE things;");
  r = p->retort("downgrade -1");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_FALSE(p->has_table("things"));
}

TEST_P(SqlRevision, DropColumnWithValuesIsRefused) {
  things();
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  write_sql("d00d00000001", "5776a6d4e53d", "drop_name", "ALTER TABLE things DROP COLUMN name;",
            "ALTER TABLE things ADD COLUMN name VARCHAR(50);");
  CommandResult r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("migrations/versions/d00d00000001_drop_name.sql: ALTER TABLE "
                               "things DROP COLUMN name would destroy data (column things.name "
                               "holds non-NULL values)"));
  EXPECT_EQ(p->scalar("SELECT name FROM things WHERE id = 1"), "a; b");
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{"5776a6d4e53d"});
  r = p->retort("upgrade head --allow-data-loss");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("things"), std::vector<std::string>{"id"});
}

TEST_P(SqlRevision, AnEditedAppliedSqlRevisionIsNamedByVerify) {
  things();
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  CommandResult r = p->retort("verify");
  EXPECT_EQ(r.code, 0) << r.err;
  write_sql("5776a6d4e53d", "9a8b7c6d5e4f", "add_things",
            "CREATE TABLE things (id INTEGER PRIMARY KEY, name VARCHAR(60));",
            "DROP TABLE things;");
  r = p->retort("verify");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("5776a6d4e53d: migrations/versions/5776a6d4e53d_add_things.sql "
                               "changed since it was applied"));
}

TEST_P(SqlRevision, AMissingSectionIsNamed) {
  write_file(p->dir() / "migrations/versions/5776a6d4e53d_x.sql",
             "-- x\n-- revision: 5776a6d4e53d\n-- down_revision: 9a8b7c6d5e4f\n\n"
             "-- retort:upgrade\nCREATE TABLE things (id INTEGER);\n");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  CommandResult r = p->retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("migrations/versions/5776a6d4e53d_x.sql: no `-- retort:downgrade` "
                               "section; add one with the statements to run (it may be empty)"));
}

TEST_P(SqlRevision, RevisionSqlWritesAFileThatRuns) {
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  CommandResult r = p->retort("revision --sql -m \"add notes\" --rev-id abc123");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = read_file(p->dir() / "migrations/versions/abc123_add_notes.sql");
  EXPECT_THAT(text, HasSubstr("-- revision: abc123\n-- down_revision: 9a8b7c6d5e4f\n"));
  EXPECT_THAT(text, HasSubstr("-- retort:upgrade\n"));
  EXPECT_THAT(text, HasSubstr("-- retort:downgrade\n"));
  r = p->retort("heads");
  EXPECT_EQ(r.out, "abc123 (head)\n");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{"abc123"});
  r = p->retort("revision --sql --autogenerate -m x");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: --autogenerate writes a Lua revision; --sql revisions are written by "
            "hand\n");
}

// PostgreSQL folds an unquoted name to lower case and SQLite ignores its case: the guard checks
// `DROP TABLE Things` against the table `things`. (On MySQL table names are case-sensitive on
// Linux, so that statement names another table there.)
TEST(SqlRevisionCase, AnUnquotedNameIsGuardedAsTheDatabaseFoldsIt) {
  for (const std::string dialect : {"sqlite", "postgresql"}) {
    Project p(dialect, "sql_case");
    p.write_config();
    write_file(p.dir() / "migrations/versions/a1_things.sql",
               "-- things\n-- revision: a1\n\n-- retort:upgrade\n"
               "CREATE TABLE things (id INTEGER);\nINSERT INTO things (id) VALUES (1);\n"
               "-- retort:downgrade\nDROP TABLE Things;\n");
    ASSERT_EQ(p.retort("upgrade head").code, 0) << dialect;
    CommandResult r = p.retort("downgrade base");
    EXPECT_EQ(r.code, 1) << dialect;
    EXPECT_THAT(r.err, HasSubstr("a1_things.sql: DROP TABLE Things would destroy data (table "))
        << dialect;
    EXPECT_EQ(p.count("things"), 1) << dialect;
  }
}

INSTANTIATE_TEST_SUITE_P(Dialects, SqlRevision, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
