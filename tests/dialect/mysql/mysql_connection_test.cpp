// MysqlConnection against a real MariaDB: values both ways, multi-statement text, errors,
// transactions, and connection failures reported on one line with the password masked.
#include <gtest/gtest.h>

#include "dialect/mysql/connection.hpp"
#include "dialect/mysql/mysql_test_support.hpp"
#include "retort/error.hpp"

namespace retort::test {
namespace {

using MysqlConnectionTest = MysqlFixture;

TEST_F(MysqlConnectionTest, BindsAndDecodesValues) {
  conn_->execute(
      "CREATE TABLE v (i INTEGER, b BIGINT, d DOUBLE, f FLOAT, n NUMERIC(10, 2), s VARCHAR(20), "
      "t TEXT, bl BLOB, dt DATETIME, flag BOOL, nul INTEGER)");
  conn_->execute("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {Value(std::int64_t{-7}), Value(std::int64_t{9007199254740993}), Value(2.5),
                  Value(1.5), Value(std::string("12.34")), Value(std::string("ação")),
                  Value(std::string(5000, 'x')), Value(std::string("a\0b", 3)),
                  Value(std::string("2026-11-24 10:00:00")), Value(true), Value()});
  for (bool prepared : {true, false}) {
    ResultSet r = prepared ? conn_->query("SELECT * FROM v WHERE i = ?", {Value(std::int64_t{-7})})
                           : conn_->query("SELECT * FROM v");
    ASSERT_EQ(r.rows.size(), 1u) << prepared;
    ASSERT_EQ(r.columns.size(), 11u);
    EXPECT_EQ(r.columns[0], "i");
    const auto& row = r.rows[0];
    EXPECT_EQ(std::get<std::int64_t>(row[0]), -7);
    EXPECT_EQ(std::get<std::int64_t>(row[1]), 9007199254740993);
    EXPECT_DOUBLE_EQ(std::get<double>(row[2]), 2.5);
    EXPECT_DOUBLE_EQ(std::get<double>(row[3]), 1.5);
    EXPECT_EQ(std::get<std::string>(row[4]), "12.34");  // DECIMAL stays exact, as text
    EXPECT_EQ(std::get<std::string>(row[5]), "ação");
    EXPECT_EQ(std::get<std::string>(row[6]), std::string(5000, 'x'));
    EXPECT_EQ(std::get<std::string>(row[7]), std::string("a\0b", 3));
    EXPECT_EQ(std::get<std::string>(row[8]), "2026-11-24 10:00:00");
    EXPECT_EQ(std::get<std::int64_t>(row[9]), 1);  // BOOL is TINYINT(1)
    EXPECT_TRUE(is_null(row[10]));
  }
}

TEST_F(MysqlConnectionTest, RunsSeveralStatementsInOneText) {
  conn_->execute(
      "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2); "
      "SELECT * FROM a; UPDATE a SET x = x + 10");
  ResultSet r = conn_->query("SELECT SUM(x) FROM a");
  EXPECT_EQ(std::get<std::string>(r.rows[0][0]), "23");  // SUM of integers is DECIMAL
  // The session is usable afterwards (every result was drained).
  EXPECT_EQ(std::get<std::int64_t>(conn_->query("SELECT 1").rows[0][0]), 1);
}

TEST_F(MysqlConnectionTest, StatementErrorsNameTheCodeAndStatement) {
  try {
    conn_->query("SELECT * FROM\n  nope WHERE x = ?", {Value(std::int64_t{1})});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    std::string m = e.what();
    EXPECT_NE(m.find("doesn't exist (error 1146) in statement: SELECT * FROM nope WHERE x = ?"),
              std::string::npos)
        << m;
  }
  try {
    conn_->execute("CREATE TABLE a (x INTEGER); INSERT INTO nope VALUES (1)");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("(error 1146)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(std::get<std::int64_t>(conn_->query("SELECT 1").rows[0][0]), 1);
}

// A parameterized statement with no result set (the version table's UPDATE, once per
// migration) is prepared once per session; a failure of the kept statement is reported like any
// other and the next run of the same text prepares it again.
TEST_F(MysqlConnectionTest, KeepsParameterizedDmlPreparedAndRecoversFromItsErrors) {
  auto prepares = [&] {
    ResultSet r = conn_->query("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'");
    return std::stoll(std::get<std::string>(r.rows.at(0).at(1)));
  };
  const std::string insert = "INSERT INTO k (id, s) VALUES (?, ?)";
  auto row = [](std::int64_t id, const char* s) {
    return std::vector<Value>{Value(id), Value(std::string(s))};
  };
  conn_->execute("CREATE TABLE k (id INTEGER PRIMARY KEY, s VARCHAR(10))");
  const long long before = prepares();
  for (std::int64_t id = 1; id <= 5; ++id) conn_->execute(insert, row(id, "v"));
  EXPECT_EQ(prepares() - before, 1);
  EXPECT_EQ(std::get<std::int64_t>(conn_->query("SELECT COUNT(*) FROM k").rows[0][0]), 5);

  auto expect_error = [&](const std::vector<Value>& params, const std::string& part) {
    try {
      conn_->execute(insert, params);
      FAIL() << "no error for " << part;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Database);
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("in statement: " + insert), std::string::npos)
          << e.what();
    }
  };
  expect_error(row(3, "dup"), "Duplicate entry '3' for key 'PRIMARY' (error 1062)");
  expect_error({Value(std::int64_t{9})}, "statement takes 2 parameters but 1 were given");
  conn_->execute(insert, row(6, "after"));
  conn_->execute("DROP TABLE k");
  expect_error(row(7, "gone"), "(error 1146)");
  conn_->execute("CREATE TABLE k (id INTEGER PRIMARY KEY, s VARCHAR(10), extra INTEGER)");
  conn_->execute(insert, row(8, "again"));
  ResultSet r = conn_->query("SELECT id, s FROM k");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(r.rows[0][0]), 8);
  EXPECT_EQ(std::get<std::string>(r.rows[0][1]), "again");
  // A parameterized statement that returns rows is not kept, and still returns them.
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(conn_->query("SELECT s FROM k WHERE id = ?", {Value(std::int64_t{8})}).rows.size(),
              1u);
}

TEST_F(MysqlConnectionTest, TransactionsAndImplicitCommitOfDdl) {
  conn_->execute("CREATE TABLE a (x INTEGER)");
  EXPECT_FALSE(conn_->in_transaction());
  conn_->begin();
  EXPECT_TRUE(conn_->in_transaction());
  conn_->execute("INSERT INTO a VALUES (?)", {Value(std::int64_t{1})});
  conn_->rollback();
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_TRUE(conn_->query("SELECT * FROM a").rows.empty());

  conn_->begin();
  conn_->execute("INSERT INTO a VALUES (2)");
  conn_->commit();
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(conn_->query("SELECT * FROM a").rows.size(), 1u);

  // MySQL commits DDL implicitly: the transaction ends, and the insert before it stays.
  EXPECT_FALSE(dialect().transactional_ddl());
  conn_->begin();
  conn_->execute("INSERT INTO a VALUES (3)");
  conn_->execute("CREATE TABLE b (y INTEGER)");
  EXPECT_FALSE(conn_->in_transaction());
  conn_->rollback();
  EXPECT_EQ(conn_->query("SELECT * FROM a").rows.size(), 2u);
}

// Deferred DDL (a migration's own statements) waits for the next command and then goes as one
// text; the server stops at the first error, which names that statement, not the whole text.
TEST_F(MysqlConnectionTest, DeferredStatementsRunInOrderAndAFailureNamesItsStatement) {
  conn_->defer("CREATE TABLE a (x INTEGER)");
  conn_->defer("CREATE INDEX ix_a_x ON a (x)");
  // Any other command sends what waits first: the query sees both.
  ResultSet r = conn_->query(
      "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND "
      "TABLE_NAME = 'a' AND INDEX_NAME = 'ix_a_x'");
  EXPECT_EQ(std::get<std::int64_t>(r.rows.at(0).at(0)), 1);

  conn_->execute("INSERT INTO a VALUES (1)");
  conn_->defer("CREATE TABLE b (y INTEGER)");
  conn_->defer("CREATE TABLE a (z INTEGER)");  // already exists
  conn_->defer("DROP TABLE b");
  try {
    conn_->send_deferred();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    std::string m = e.what();
    EXPECT_NE(m.find("(error 1050) in statement: CREATE TABLE a (z INTEGER)"), std::string::npos)
        << m;
    EXPECT_EQ(m.find("CREATE TABLE b"), std::string::npos) << m;
  }
  // Before the failure: ran. After it: did not. The session is ready for more.
  EXPECT_TRUE(conn_->query("SELECT * FROM b").rows.empty());
  EXPECT_EQ(conn_->query("SELECT * FROM a").rows.size(), 1u);
  conn_->send_deferred();  // nothing waits: a no-op

  // The first statement of the text failing is named too.
  conn_->defer("DROP TABLE nope");
  conn_->defer("DROP TABLE b");
  try {
    conn_->execute("SELECT 1");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("(error 1051) in statement: DROP TABLE nope"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(conn_->query("SELECT * FROM b").rows.empty());

  // rollback() drops what waits, unsent.
  conn_->defer("DROP TABLE b");
  conn_->rollback();
  EXPECT_TRUE(conn_->query("SELECT * FROM b").rows.empty());

  // in_transaction() answers after what waits: deferred DDL ends the transaction.
  conn_->begin();
  conn_->execute("INSERT INTO a VALUES (2)");
  conn_->defer("DROP TABLE b");
  EXPECT_FALSE(conn_->in_transaction());
  conn_->rollback();
  EXPECT_EQ(conn_->query("SELECT * FROM a").rows.size(), 2u);
}

void expect_connect_error(const Url& url, const std::string& expected_part) {
  try {
    mysql_dialect().connect(url);
    FAIL() << "connected";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    EXPECT_EQ(m.find("retort_pw"), std::string::npos) << m;
    EXPECT_EQ(m.find("wrong_pw"), std::string::npos) << m;
    EXPECT_EQ(m.rfind("cannot connect to mysql://", 0), 0u) << m;
    EXPECT_NE(m.find(expected_part), std::string::npos) << m;
  }
}

TEST_F(MysqlConnectionTest, ConnectErrorsAreOneLineWithPasswordMasked) {
  Url bad = url_;
  bad.password = "wrong_pw";
  expect_connect_error(bad, "retort:***@127.0.0.1:" + std::to_string(*url_.port) + "/" + db_ +
                                ": Access denied for user 'retort'");

  Url nodb = url_;
  nodb.database = "no_such_database_here";
  expect_connect_error(nodb, "/no_such_database_here: Unknown database 'no_such_database_here'");

  Url down = url_;
  down.port = 1;  // nothing listens there
  down.query["connect_timeout"] = "2";
  expect_connect_error(down, "mysql://retort:***@127.0.0.1:1/");

  Url badopt = url_;
  badopt.query["connect_timeout"] = "soon";
  try {
    mysql_dialect().connect(badopt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
  }
}

TEST_F(MysqlConnectionTest, ConnectsThroughUnixSocketParameter) {
  // The admin URL's server also listens on a socket; find it from the server itself.
  ResultSet r = conn_->query("SELECT @@socket");
  std::string socket = std::get<std::string>(r.rows[0][0]);
  Url u = url_;
  u.host = "localhost";
  u.port.reset();
  u.query["unix_socket"] = socket;
  auto c = dialect().connect(u);
  EXPECT_EQ(std::get<std::string>(c->query("SELECT DATABASE()").rows[0][0]), db_);
}

}  // namespace
}  // namespace retort::test
