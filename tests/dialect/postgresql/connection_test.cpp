// PostgresConnection against the real test server: values, parameters, errors, transactions,
// and connection failures reported on one line with the password masked.
#include "dialect/postgresql/connection.hpp"

#include <gtest/gtest.h>

#include "dialect/postgresql/pg_test_support.hpp"
#include "retort/error.hpp"

namespace retort::test::pg {
namespace {

using PostgresConnectionTest = PgTest;

Error connect_error(const Url& url) {
  try {
    dialect().connect(url);
  } catch (const Error& e) {
    return e;
  }
  throw std::runtime_error("connect did not fail");
}

TEST_F(PostgresConnectionTest, DecodesValuesByColumnType) {
  ResultSet r = conn_->query(
      "SELECT 1::int2 AS a, 2::int4, 3000000000::int8, 1.5::float8, 2.5::float4, "
      "12.345678901234567890::numeric, true, false, 'text', NULL::int, now() IS NOT NULL");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.columns[0], "a");
  const auto& row = r.rows[0];
  EXPECT_EQ(std::get<std::int64_t>(row[0]), 1);
  EXPECT_EQ(std::get<std::int64_t>(row[1]), 2);
  EXPECT_EQ(std::get<std::int64_t>(row[2]), 3000000000LL);
  EXPECT_DOUBLE_EQ(std::get<double>(row[3]), 1.5);
  EXPECT_DOUBLE_EQ(std::get<double>(row[4]), 2.5);
  // numeric keeps its exact digits, as text.
  EXPECT_EQ(std::get<std::string>(row[5]), "12.345678901234567890");
  EXPECT_EQ(std::get<bool>(row[6]), true);
  EXPECT_EQ(std::get<bool>(row[7]), false);
  EXPECT_EQ(std::get<std::string>(row[8]), "text");
  EXPECT_TRUE(is_null(row[9]));
  EXPECT_EQ(std::get<bool>(row[10]), true);
}

TEST_F(PostgresConnectionTest, BindsParametersOfEveryKind) {
  conn_->execute(
      "CREATE TABLE t (i BIGINT, d DOUBLE PRECISION, s TEXT, b BOOLEAN, n INTEGER, q NUMERIC)");
  conn_->execute("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6)",
                 {std::int64_t{-42}, 0.1, std::string("it's \"quoted\""), true, std::monostate{},
                  std::string("3.14159265358979323846")});
  ResultSet r = conn_->query("SELECT i, d, s, b, n, q FROM t WHERE b = $1 AND s LIKE $2",
                             {true, std::string("it%")});
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>(r.rows[0][0]), -42);
  EXPECT_EQ(std::get<double>(r.rows[0][1]), 0.1);  // round-trips exactly
  EXPECT_EQ(std::get<std::string>(r.rows[0][2]), "it's \"quoted\"");
  EXPECT_EQ(std::get<bool>(r.rows[0][3]), true);
  EXPECT_TRUE(is_null(r.rows[0][4]));
  EXPECT_EQ(std::get<std::string>(r.rows[0][5]), "3.14159265358979323846");
}

TEST_F(PostgresConnectionTest, RunsMultiStatementTextWithoutParameters) {
  conn_->execute("CREATE TABLE a (x INT); CREATE TABLE b (y INT); INSERT INTO a VALUES (1), (2);");
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM a")), 2);
}

TEST_F(PostgresConnectionTest, ErrorsNameMessageSqlstateAndStatement) {
  try {
    conn_->execute("SELECT * FROM\n   no_such_table");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_STREQ(e.what(),
                 "relation \"no_such_table\" does not exist (SQLSTATE 42P01) in statement: "
                 "SELECT * FROM no_such_table");
  }
  // The session is usable afterwards.
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT 1")), 1);
}

// Deferred DDL (a migration's own statements) waits for the next command and then goes as one
// text; a failure names its own statement, not the whole text.
TEST_F(PostgresConnectionTest, DeferredStatementsRunInOrderAndAFailureNamesItsStatement) {
  conn_->begin();
  conn_->defer("CREATE TABLE a (x INT)");
  conn_->defer("CREATE INDEX ix_a_x ON a (x)");
  EXPECT_TRUE(conn_->in_transaction());
  // Any other command sends what waits first: the query sees both.
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM pg_indexes WHERE indexname = "
                                          "'ix_a_x'")),
            1);
  conn_->commit();

  conn_->begin();
  conn_->defer("CREATE TABLE b (y INT)");
  conn_->defer("CREATE TABLE a (z INT)");  // already exists
  conn_->defer("CREATE TABLE c (w INT)");
  try {
    conn_->send_deferred();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_STREQ(e.what(),
                 "relation \"a\" already exists (SQLSTATE 42P07) in statement: CREATE TABLE a "
                 "(z INT)");
  }
  EXPECT_TRUE(conn_->in_transaction());  // aborted, as after any failed statement
  conn_->rollback();
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM pg_tables WHERE tablename IN "
                                          "('b', 'c')")),
            0);

  // The first statement of the text failing is named too; commit() sends what waits.
  conn_->begin();
  conn_->defer("DROP TABLE nope");
  conn_->defer("DROP TABLE a");
  try {
    conn_->commit();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("in statement: DROP TABLE nope"), std::string::npos)
        << e.what();
  }
  conn_->rollback();

  // rollback() drops what waits, unsent.
  conn_->begin();
  conn_->defer("DROP TABLE a");
  conn_->rollback();
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM a")), 0);
  conn_->send_deferred();  // nothing waits: a no-op
}

TEST_F(PostgresConnectionTest, TransactionsCommitAndRollBack) {
  conn_->execute("CREATE TABLE t (x INT)");
  EXPECT_FALSE(conn_->in_transaction());
  conn_->begin();
  EXPECT_TRUE(conn_->in_transaction());
  conn_->execute("INSERT INTO t VALUES (1)");
  conn_->rollback();
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM t")), 0);

  conn_->begin();
  conn_->execute("INSERT INTO t VALUES (2)");
  conn_->commit();
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM t")), 1);

  // A failed statement leaves the transaction aborted; rollback recovers and never throws.
  conn_->begin();
  EXPECT_THROW(conn_->execute("SELECT 1/0"), Error);
  EXPECT_TRUE(conn_->in_transaction());
  conn_->rollback();
  EXPECT_FALSE(conn_->in_transaction());
  conn_->rollback();  // nothing to roll back: still no throw
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT 1")), 1);
}

// Statements sent again and again are prepared on their second use in a transaction, and none
// outlives the transaction (a pooler in transaction mode would hand it to another client).
TEST_F(PostgresConnectionTest, RepeatedStatementsArePreparedOnlyInsideATransaction) {
  conn_->execute("CREATE TABLE t (a INT)");
  auto prepared = [&] {
    return std::get<std::int64_t>(
        conn_->query("SELECT count(*) FROM pg_prepared_statements").rows.at(0).at(0));
  };
  const std::string insert = "INSERT INTO t VALUES ($1)";
  const std::string select = "SELECT count(*) FROM t WHERE a >= $1";
  // Outside a transaction: never prepared.
  for (int i = 0; i < 3; ++i) conn_->execute_repeated(insert, {Value(std::int64_t{i})});
  EXPECT_EQ(prepared(), 0);

  conn_->begin();
  conn_->execute_repeated(insert, {Value(std::int64_t{10})});
  EXPECT_EQ(prepared(), 0);  // once: as usual, no extra round trip
  for (int i = 11; i < 14; ++i) {
    conn_->execute_repeated(insert, {Value(std::int64_t{i})});
    // Interleaved DDL changes nothing the prepared statement relies on.
    conn_->execute("ALTER TABLE t ADD COLUMN c" + std::to_string(i) + " INT");
  }
  EXPECT_EQ(prepared(), 1);
  for (std::int64_t from : {0, 10, 13, 14}) {
    EXPECT_EQ(conn_->query_repeated(select, {Value(from)}).rows.at(0).at(0),
              Value(std::int64_t{from == 0    ? 7
                                 : from == 10 ? 4
                                 : from == 13 ? 1
                                              : 0}));
  }
  EXPECT_EQ(prepared(), 2);
  conn_->commit();
  EXPECT_EQ(prepared(), 0);

  // Rolled back: deallocated too, and the next transaction prepares again.
  conn_->begin();
  for (int i = 0; i < 3; ++i) conn_->query_repeated(select, {Value(std::int64_t{i})});
  EXPECT_EQ(prepared(), 1);
  conn_->rollback();
  EXPECT_EQ(prepared(), 0);

  // A failed statement aborts the transaction; ROLLBACK still deallocates.
  conn_->begin();
  for (int i = 0; i < 3; ++i) conn_->query_repeated(select, {Value(std::int64_t{i})});
  EXPECT_THROW(conn_->query_repeated(select, {Value(std::string("not a number"))}), Error);
  conn_->rollback();
  EXPECT_EQ(prepared(), 0);

  // A script that deallocates everything itself does not break the commit.
  conn_->begin();
  for (int i = 0; i < 3; ++i) conn_->query_repeated(select, {Value(std::int64_t{i})});
  conn_->execute("DEALLOCATE ALL");
  EXPECT_EQ(conn_->query_repeated(select, {Value(std::int64_t{0})}).rows.at(0).at(0),
            Value(std::int64_t{7}));
  EXPECT_NO_THROW(conn_->commit());
  EXPECT_EQ(prepared(), 0);
}

// Reflection reads its large results row by row: each row decoded as query() decodes it, in
// the same order, and a failing statement calls back nothing.
TEST_F(PostgresConnectionTest, EachRowMatchesQueryRowForRow) {
  const std::string sql =
      "SELECT i, CASE WHEN i % 2 = 0 THEN NULL ELSE 'r' || i END, i > $1 "
      "FROM generate_series(1, 5) AS g(i) ORDER BY i";
  const std::vector<Value> params{Value(std::int64_t{2})};
  const ResultSet whole = conn_->query(sql, params);
  std::vector<std::vector<Value>> rows;
  conn_->each_row(sql, params, [&](const std::vector<Value>& row) { rows.push_back(row); });
  EXPECT_EQ(rows, whole.rows);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0],
            (std::vector<Value>{Value(std::int64_t{1}), Value(std::string("r1")), Value(false)}));
  EXPECT_TRUE(is_null(rows[1][1]));
  EXPECT_EQ(rows[4][2], Value(true));

  int called = 0;
  EXPECT_THROW(conn_->each_row("SELECT * FROM no_such_table", {},
                               [&](const std::vector<Value>&) { ++called; }),
               Error);
  EXPECT_EQ(called, 0);
}

TEST_F(PostgresConnectionTest, NoticesAreSilencedAndParametersPassThrough) {
  EXPECT_EQ(std::get<std::string>(scalar("SHOW client_min_messages")), "warning");
  EXPECT_EQ(std::get<std::string>(scalar("SELECT current_setting('application_name')")), "retort");
  Url u = url_;
  u.query["application_name"] = "my app";
  u.query["options"] = "-c statement_timeout=1234";
  auto c = dialect().connect(u);
  EXPECT_EQ(std::get<std::string>(c->query("SHOW statement_timeout").rows[0][0]), "1234ms");
  EXPECT_EQ(
      std::get<std::string>(c->query("SELECT current_setting('application_name')").rows[0][0]),
      "my app");
}

TEST_F(PostgresConnectionTest, ConnectsThroughTheUnixSocketGivenAsHostParameter) {
  // The test server's socket directory is DIR/pg; find it from the server itself.
  std::string dir = std::get<std::string>(scalar("SHOW unix_socket_directories"));
  Url u = url_;
  u.host.clear();
  u.password.clear();  // local connections use trust
  u.query["host"] = dir;
  auto c = dialect().connect(u);
  EXPECT_TRUE(is_null(c->query("SELECT inet_client_addr()").rows[0][0]));
}

TEST_F(PostgresConnectionTest, WrongPasswordIsOneLineWithPasswordMasked) {
  Url u = url_;
  u.password = "definitely-wrong-pw";
  Error e = connect_error(u);
  EXPECT_EQ(e.kind(), ErrorKind::Database);
  std::string msg = e.what();
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  EXPECT_EQ(msg.find("definitely-wrong-pw"), std::string::npos) << msg;
  EXPECT_EQ(msg.find(url_.password), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot connect to postgresql://" + u.user + ":***@" + u.host + ":" +
                     std::to_string(*u.port) + "/" + db_name_ + ": "),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("password authentication failed"), std::string::npos) << msg;
}

TEST_F(PostgresConnectionTest, ServerDownIsOneLine) {
  Url u = url_;
  u.port = 1;  // nothing listens on port 1
  Error e = connect_error(u);
  std::string msg = e.what();
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  EXPECT_EQ(msg.find(url_.password), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot connect to postgresql://" + u.user + ":***@" + u.host + ":1/"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("Connection refused"), std::string::npos) << msg;
}

TEST_F(PostgresConnectionTest, UnknownDatabaseIsOneLine) {
  Url u = url_;
  u.database = "no_such_db_here";
  Error e = connect_error(u);
  std::string msg = e.what();
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  EXPECT_EQ(msg.find(url_.password), std::string::npos) << msg;
  EXPECT_NE(msg.find("database \"no_such_db_here\" does not exist"), std::string::npos) << msg;
}

TEST(PostgresMaskedUrl, NeverShowsThePassword) {
  Url u;
  u.scheme = "postgresql";
  u.user = "app";
  u.password = "s3cret";
  u.host = "db.example";
  u.port = 5433;
  u.database = "prod";
  u.query["sslmode"] = "require";
  u.query["password"] = "other";
  EXPECT_EQ(postgresql::masked_url(u),
            "postgresql://app:***@db.example:5433/prod?password=***&sslmode=require");
}

TEST(PostgresDialectBasics, QuotesPlaceholdersAndLiterals) {
  const Dialect& d = dialect();
  EXPECT_EQ(d.name(), "postgresql");
  EXPECT_EQ(d.quote("we\"ird"), "\"we\"\"ird\"");
  EXPECT_EQ(d.qualify("s", "t"), "\"s\".\"t\"");
  EXPECT_EQ(d.placeholder(3), "$3");
  EXPECT_EQ(d.literal(Value{std::string("it's")}), "'it''s'");
  EXPECT_EQ(d.literal(Value{std::monostate{}}), "NULL");
  EXPECT_EQ(d.literal(Value{true}), "TRUE");
  EXPECT_EQ(d.literal(Value{std::int64_t{7}}), "7");
  EXPECT_TRUE(d.transactional_ddl());
  EXPECT_EQ(d.offline_scratch(), nullptr);
}

}  // namespace
}  // namespace retort::test::pg
