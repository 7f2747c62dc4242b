// Ops on a table of an attached database ("aux"): every statement names the schema.
#include <gtest/gtest.h>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/sqlite_test_support.hpp"
#include "support/test_env.hpp"

namespace retort::sqlite {
namespace {

TEST(SqliteAttached, RebuildAndAlterInAnAttachedSchema) {
  retort::test::TempDir dir;
  SqliteConnection conn((dir.path() / "main.db").string());
  conn.execute("ATTACH DATABASE '" + (dir.path() / "aux.db").string() + "' AS aux");
  conn.execute(
      "CREATE TABLE aux.t (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX aux.ix_t_a ON t "
      "(a);"
      "INSERT INTO aux.t VALUES (1, 'x', 'y'); CREATE TABLE t (other TEXT); CREATE TABLE aux.log "
      "(m TEXT);"
      "CREATE TRIGGER aux.tr_t AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.b); END;"
      "CREATE VIEW aux.v_t AS SELECT b FROM t");
  ops::AlterColumn alter;
  alter.table = {"aux", "t"};
  alter.column = "a";
  alter.nullable = false;
  auto stmts = test::apply(conn, alter);
  auto sql = test::sql_of(stmts);
  EXPECT_EQ(sql[0], "DROP VIEW \"aux\".\"v_t\"");
  EXPECT_EQ(sql[1], "DROP TRIGGER \"aux\".\"tr_t\"");
  EXPECT_EQ(sql[2].rfind("CREATE TABLE \"aux\".\"_retort_tmp_t\"", 0), 0u);
  EXPECT_EQ(sql.back(), "PRAGMA \"aux\".foreign_key_check(\"t\")");
  InspectOptions options;
  options.schemas = {"aux"};
  MetaData md = test::dialect().inspect(conn, options);
  const Table* t = md.find_table("aux", "t");
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->find_column("a")->nullable);
  ASSERT_EQ(t->indexes.size(), 1u);
  EXPECT_EQ(
      test::strings(conn,
                    "SELECT name FROM aux.sqlite_master WHERE type IN ('index', 'trigger', 'view') "
                    "ORDER BY name"),
      (std::vector<std::string>{"ix_t_a", "tr_t", "v_t"}));
  EXPECT_EQ(test::strings(conn, "SELECT name FROM main.sqlite_master"),
            (std::vector<std::string>{"t"}));
  test::apply(conn, ops::DropColumn{{"aux", "t"}, "a"});
  test::apply(conn, ops::AddColumn{{"aux", "t"}, test::col("c", TypeKind::Integer)});
  EXPECT_EQ(test::strings(conn, "SELECT b FROM aux.t"), (std::vector<std::string>{"y"}));
  EXPECT_EQ(test::dialect().holds_data(conn, {"aux", "t"}, "b"), std::optional<bool>(true));
  EXPECT_EQ(test::dialect().holds_data(conn, {"aux", "t"}, "c"), std::optional<bool>(false));
  // The main schema's table of the same name was never touched.
  EXPECT_EQ(test::dialect().inspect(conn, {}).tables.at(0).columns.size(), 1u);
  conn.execute("INSERT INTO aux.t (b) VALUES ('z')");
  EXPECT_EQ(test::strings(conn, "SELECT m FROM aux.log"), (std::vector<std::string>{"z"}));
}

}  // namespace
}  // namespace retort::sqlite
