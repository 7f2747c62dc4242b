// PostgreSQL CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction: `--sql` prints it
// between a COMMIT and a BEGIN, as the online run executes it, so psql accepts the file; and
// when a concurrent build fails online, what was committed before it is recorded and named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// c1: a table and an enum (with two rows whose v is the same when `duplicates`), c2: another
// table, c3: a unique index built concurrently on c1's table.
void write_revisions(Project& p, bool duplicates) {
  p.write_revision(
      "c1", "", "tables",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"v\", sa.Integer()), sa.Column(\"mood\", sa.Enum(\"ok\", \"sad\", { name = "
      "\"mood\" })))\n" +
          std::string(duplicates
                          ? "  op.bulk_insert(\"t\", { { id = 1, v = 7 }, { id = 2, v = 7 } })"
                          : ""),
      "  op.drop_table(\"t\")  -- drops the enum with its last table");
  p.write_revision("c2", "c1", "more",
                   "  op.create_table(\"u\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}))",
                   "  op.drop_table(\"u\")");
  p.write_revision("c3", "c2", "index",
                   "  op.create_index(\"ix_t_v\", \"t\", { \"v\" }, { unique = true, "
                   "postgresql_concurrently = true })",
                   "  op.drop_index(\"ix_t_v\", { table_name = \"t\", postgresql_concurrently = "
                   "true })");
}

TEST(PostgresConcurrently, OfflineSqlRunsInPsql) {
  Project p("postgresql", "concurrently");
  p.write_config();
  write_revisions(p, false);
  auto r = p.retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("COMMIT;\n\nCREATE UNIQUE INDEX CONCURRENTLY \"ix_t_v\" ON \"t\" "
                               "(\"v\");\n\nBEGIN;\n\n"));
  write_file(p.dir() / "up.sql", r.out);
  auto fed = p.shell("psql -X -q -v ON_ERROR_STOP=1 '" + p.url() + "' -f up.sql");
  ASSERT_EQ(fed.code, 0) << fed.err;
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{"c3"}));
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_t_v'"), "1");

  r = p.retort("downgrade head:base --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("COMMIT;\n\nDROP INDEX CONCURRENTLY \"ix_t_v\";\n\nBEGIN;\n\n"));
  write_file(p.dir() / "down.sql", r.out);
  fed = p.shell("psql -X -q -v ON_ERROR_STOP=1 '" + p.url() + "' -f down.sql");
  ASSERT_EQ(fed.code, 0) << fed.err;
  EXPECT_FALSE(p.has_table("t"));
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{}));
}

TEST(PostgresConcurrently, FailedBuildOnlineRecordsWhatWasCommitted) {
  Project p("postgresql", "concurrently");
  p.write_config();
  write_revisions(p, true);
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: upgrade c3 failed: could not create unique index \"ix_t_v\" (SQLSTATE "
            "23505) in statement: CREATE UNIQUE INDEX CONCURRENTLY \"ix_t_v\" ON \"t\" (\"v\") "
            "(the invalid index public.ix_t_v it left behind was dropped); retort committed "
            "before `CREATE UNIQUE INDEX CONCURRENTLY \"ix_t_v\" ON \"t\"`, which cannot run "
            "inside a transaction: the migrations up to c2 are applied and recorded, and nothing "
            "of c3 is applied\n");
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{"c2"}));
  EXPECT_TRUE(p.has_table("u"));
  // The invalid index the failed build left is gone: fix the data and the next run continues.
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_class WHERE relname = 'ix_t_v'"), "0");
  p.db().execute("UPDATE t SET v = 8 WHERE id = 2");
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{"c3"}));
}

TEST(PostgresConcurrently, StatementsOfTheFailingMigrationCommittedBeforeItAreNamed) {
  Project p("postgresql", "concurrently");
  p.write_config();
  write_revisions(p, true);
  p.write_revision("c3", "c2", "index",
                   "  op.create_table(\"w\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}))\n"
                   "  op.create_index(\"ix_t_v\", \"t\", { \"v\" }, { unique = true, "
                   "postgresql_concurrently = true })",
                   "");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: upgrade c3 failed: could not create unique index \"ix_t_v\" (SQLSTATE "
            "23505) in statement: CREATE UNIQUE INDEX CONCURRENTLY \"ix_t_v\" ON \"t\" (\"v\") "
            "(the invalid index public.ix_t_v it left behind was dropped); retort committed "
            "before `CREATE UNIQUE INDEX CONCURRENTLY \"ix_t_v\" ON \"t\"`, which cannot run "
            "inside a transaction: the migrations up to c2 are applied and recorded, and 1 of "
            "c3's statements before it is applied but c3 is not recorded (CREATE TABLE \"w\" ( "
            "\"id\" INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL, CONSTRAINT \"pk_w\" "
            "PRIMARY KEY (\"id\") )): undo them before running again\n");
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{"c2"}));
  EXPECT_TRUE(p.has_table("w"));
}

}  // namespace
}  // namespace retort::test
