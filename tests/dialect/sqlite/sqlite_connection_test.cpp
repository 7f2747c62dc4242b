// SqliteConnection against real database files: statements, errors, transactions, the lock.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "dialect/sqlite/sqlite_test_support.hpp"
#include "support/test_env.hpp"

namespace retort::sqlite {
namespace {

using test::scalar;

Url file_url(const std::filesystem::path& p) {
  Url u;
  u.scheme = "sqlite";
  u.database = p.string();
  return u;
}

TEST(SqliteConnection, ExecutesSeveralStatementsAndBindsParameters) {
  SqliteConnection conn(":memory:");
  conn.execute(
      "CREATE TABLE t (a INTEGER, b TEXT, c REAL); INSERT INTO t VALUES (1, 'x', 1.5);\n-- done\n");
  conn.execute("INSERT INTO t VALUES (?, ?, ?)",
               {Value(std::int64_t{2}), Value(std::string("it's")), Value(2.5)});
  conn.execute("INSERT INTO t VALUES (?, ?, ?)", {Value(true), Value(), Value(std::string("3"))});
  auto rs = conn.query("SELECT a, b, c FROM t WHERE a >= ? ORDER BY c", {Value(std::int64_t{1})});
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[0][0]), 1);
  EXPECT_EQ(std::get<std::string>(rs.rows[1][1]), "it's");
  EXPECT_EQ(std::get<double>(rs.rows[1][2]), 2.5);
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[2][0]), 1);  // true binds as 1
  EXPECT_TRUE(is_null(rs.rows[2][1]));
  EXPECT_EQ(std::get<double>(rs.rows[2][2]), 3.0);  // REAL affinity converts '3'
  EXPECT_EQ(conn.query("SELECT 1; -- trailing comment\n/* and another */").rows.size(), 1u);
  // The same statement again comes from the cache, with fresh bindings.
  auto again =
      conn.query("SELECT a, b, c FROM t WHERE a >= ? ORDER BY c", {Value(std::int64_t{2})});
  EXPECT_EQ(again.rows.size(), 1u);
}

TEST(SqliteConnection, ErrorsNameTheStatement) {
  SqliteConnection conn(":memory:");
  try {
    conn.execute("SELEC 1");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(std::string(e.what()), "near \"SELEC\": syntax error in statement: SELEC 1");
  }
  conn.execute("CREATE TABLE t (a INTEGER NOT NULL)");
  try {
    conn.execute("CREATE TABLE u (x); INSERT INTO t VALUES (NULL)");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "NOT NULL constraint failed: t.a in statement: INSERT INTO t VALUES (NULL)");
  }
}

TEST(SqliteConnection, MissingDirectoryIsAClearError) {
  retort::test::TempDir dir;
  auto path = dir.path() / "nope" / "app.db";
  try {
    test::dialect().connect(file_url(path));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(std::string(e.what()), "cannot open SQLite database " + path.string() +
                                         ": directory " + (dir.path() / "nope").string() +
                                         " does not exist");
  }
}

TEST(SqliteConnection, NotADatabaseIsAConnectError) {
  retort::test::TempDir dir;
  auto path = dir.path() / "junk.db";
  retort::test::write_file(path, std::string(4096, 'x'));
  try {
    SqliteConnection conn(path.string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(std::string(e.what()),
              "cannot open SQLite database " + path.string() + ": file is not a database");
  }
}

TEST(SqliteConnection, ReadOnlyFileIsReportedOnFirstWrite) {
  if (geteuid() == 0) {
    // root ignores file modes; open the file read-only through a URI instead.
    GTEST_LOG_(INFO) << "running as root: using mode=ro";
  }
  retort::test::TempDir dir;
  auto path = dir.path() / "ro.db";
  {
    SqliteConnection conn(path.string());
    conn.execute("CREATE TABLE t (a)");
  }
  std::string target = path.string();
  if (geteuid() == 0) {
    target = "file:" + path.string() + "?mode=ro";
  } else {
    chmod(path.c_str(), 0444);
  }
  SqliteConnection conn(target);
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t"), 0);
  try {
    conn.execute("INSERT INTO t VALUES (1)");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_NE(std::string(e.what()).find(
                  "is read-only (attempt to write a readonly database) in statement: "
                  "INSERT INTO t VALUES (1)"),
              std::string::npos)
        << e.what();
  }
  chmod(path.c_str(), 0644);
}

TEST(SqliteConnection, TransactionsAndRollback) {
  SqliteConnection conn(":memory:");
  conn.execute("CREATE TABLE t (a)");
  EXPECT_FALSE(conn.in_transaction());
  conn.begin();
  EXPECT_TRUE(conn.in_transaction());
  conn.execute("INSERT INTO t VALUES (1)");
  conn.rollback();
  EXPECT_FALSE(conn.in_transaction());
  conn.rollback();  // no transaction: still quiet
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t"), 0);
  conn.begin();
  conn.execute("INSERT INTO t VALUES (1)");
  conn.commit();
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t"), 1);
}

TEST(SqliteConnection, BeginImmediateWaitsForTheLockThenFails) {
  retort::test::TempDir dir;
  auto url = file_url(dir.path() / "lock.db");
  auto holder = test::dialect().connect(url);
  auto waiter = test::dialect().connect(url);
  holder->execute("CREATE TABLE t (a)");
  holder->begin();
  std::vector<std::string> waits;
  LockOptions options;
  options.timeout = std::chrono::milliseconds(300);
  options.on_wait = [&](const std::string& m) { waits.push_back(m); };
  auto lock = test::dialect().acquire_lock(*waiter, options);
  auto started = std::chrono::steady_clock::now();
  try {
    waiter->begin();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Lock);
    EXPECT_NE(
        std::string(e.what()).find("another process holds the SQLite database lock (waited 0.3 s)"),
        std::string::npos)
        << e.what();
  }
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(3));
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_FALSE(waiter->in_transaction());
  holder->commit();
  waiter->begin();  // free now
  waiter->execute("INSERT INTO t VALUES (1)");
  waiter->commit();
  EXPECT_EQ(scalar(*holder, "SELECT count(*) FROM t"), 1);
}

TEST(SqliteConnection, ForeignKeyCheckWithViolationsRaises) {
  SqliteConnection conn(":memory:");
  conn.execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id "
      "REFERENCES p (id));"
      "INSERT INTO p VALUES (1); INSERT INTO c VALUES (10, 1)");
  conn.execute("PRAGMA foreign_key_check(\"c\")");  // clean: nothing happens
  conn.execute("INSERT INTO c VALUES (11, 2)");
  try {
    conn.execute("PRAGMA foreign_key_check(\"c\")");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_NE(std::string(e.what()).find(
                  "foreign key violation in table c: row 11 references a missing row of p"),
              std::string::npos)
        << e.what();
  }
  // query() still returns the rows to whoever asks for them.
  EXPECT_EQ(conn.query("PRAGMA foreign_key_check(\"c\")").rows.size(), 1u);
  EXPECT_EQ(scalar(conn, "PRAGMA foreign_keys"), 0);
}

TEST(SqliteConnection, LiteralsAndQuoting) {
  const auto& d = test::dialect();
  EXPECT_EQ(d.name(), "sqlite");
  EXPECT_EQ(d.quote("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(d.qualify("aux", "t"), "\"aux\".\"t\"");
  EXPECT_EQ(d.placeholder(3), "?");
  EXPECT_EQ(d.literal(Value(std::string("it's"))), "'it''s'");
  EXPECT_EQ(d.literal(Value()), "NULL");
  EXPECT_EQ(d.literal(Value(std::int64_t{-7})), "-7");
  EXPECT_EQ(d.literal(Value(1.5)), "1.5");
  EXPECT_EQ(d.literal(Value(true)), "1");
  EXPECT_TRUE(d.transactional_ddl());
  auto scratch = d.offline_scratch();
  scratch->execute("CREATE TABLE t (a)");
  EXPECT_EQ(scalar(*scratch, "SELECT count(*) FROM sqlite_master"), 1);
}

TEST(SqliteConnection, HoldsData) {
  SqliteConnection conn(":memory:");
  conn.execute("CREATE TABLE t (a, b); INSERT INTO t VALUES (1, NULL); CREATE TABLE e (a)");
  const auto& d = test::dialect();
  EXPECT_EQ(d.holds_data(conn, {"", "t"}, ""), std::optional<bool>(true));
  EXPECT_EQ(d.holds_data(conn, {"", "t"}, "a"), std::optional<bool>(true));
  EXPECT_EQ(d.holds_data(conn, {"", "t"}, "b"), std::optional<bool>(false));
  EXPECT_EQ(d.holds_data(conn, {"", "e"}, ""), std::optional<bool>(false));
  EXPECT_EQ(d.holds_data(conn, {"", "missing"}, ""), std::nullopt);
  EXPECT_EQ(d.holds_data(conn, {"", "t"}, "zzz"), std::nullopt);
  conn.begin();
  EXPECT_EQ(d.holds_data(conn, {"", "missing"}, "x"), std::nullopt);
  EXPECT_TRUE(conn.in_transaction());
  conn.rollback();
}

TEST(SqliteConnection, TableExistsInEverySchema) {
  retort::test::TempDir dir;
  SqliteConnection conn((dir.path() / "main.db").string());
  conn.execute("ATTACH DATABASE '" + (dir.path() / "aux.db").string() + "' AS aux");
  conn.execute(
      "CREATE TABLE Versions (v); CREATE VIEW v_main AS SELECT 1 AS one; CREATE INDEX ix_v ON "
      "Versions (v); CREATE TEMP TABLE scratch (a); CREATE TABLE aux.only_aux (a)");
  const auto& d = test::dialect();
  // Names as SQLite resolves them: any ASCII case; a view is a table here, an index is not.
  EXPECT_TRUE(d.table_exists(conn, {"", "Versions"}));
  EXPECT_TRUE(d.table_exists(conn, {"main", "VERSIONS"}));
  EXPECT_TRUE(d.table_exists(conn, {"", "v_main"}));
  EXPECT_FALSE(d.table_exists(conn, {"", "ix_v"}));
  EXPECT_FALSE(d.table_exists(conn, {"", "only_aux"}));
  EXPECT_TRUE(d.table_exists(conn, {"temp", "scratch"}));
  EXPECT_FALSE(d.table_exists(conn, {"", "scratch"}));
  EXPECT_TRUE(d.table_exists(conn, {"aux", "only_aux"}));
  EXPECT_FALSE(d.table_exists(conn, {"aux", "Versions"}));
  // Inside a transaction: a missing table is a plain "no"; a schema that is not attached is
  // an error that names it, and the transaction goes on.
  conn.begin();
  EXPECT_FALSE(d.table_exists(conn, {"", "it's \"odd\""}));
  try {
    d.table_exists(conn, {"nowhere", "Versions"});
    ADD_FAILURE() << "no error for a schema that is not attached";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown database 'nowhere'"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(conn.in_transaction());
  conn.rollback();
}

}  // namespace
}  // namespace retort::sqlite
