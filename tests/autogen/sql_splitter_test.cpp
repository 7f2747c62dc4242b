// split_sql_statements: how schema.sql is cut into statements for the scratch database.
#include "autogen/sql_splitter.hpp"

#include <gtest/gtest.h>

namespace retort {
namespace {

using autogen::split_sql_statements;
using V = std::vector<std::string>;

TEST(AutogenSqlSplitter, PlainStatements) {
  EXPECT_EQ(split_sql_statements("CREATE TABLE a (id INTEGER);\n\nCREATE TABLE b (id INTEGER)"),
            (V{"CREATE TABLE a (id INTEGER)", "CREATE TABLE b (id INTEGER)"}));
  EXPECT_EQ(split_sql_statements(""), V{});
  EXPECT_EQ(split_sql_statements(" ;; \n;"), V{});
}

TEST(AutogenSqlSplitter, QuotesAndComments) {
  EXPECT_EQ(split_sql_statements("INSERT INTO t VALUES ('a;b', 'it''s;');\n"
                                 "CREATE TABLE \"x;y\" (`c;d` INT); -- trailing; comment\n"
                                 "/* block; comment */\n"
                                 "-- only a comment;\n"),
            (V{"INSERT INTO t VALUES ('a;b', 'it''s;')", "CREATE TABLE \"x;y\" (`c;d` INT)"}));
  EXPECT_EQ(split_sql_statements("-- header\nCREATE TABLE a (x INT /* ; */);"),
            (V{"-- header\nCREATE TABLE a (x INT /* ; */)"}));
}

TEST(AutogenSqlSplitter, DollarQuotes) {
  std::string fn =
      "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.x := 1; RETURN NEW; END; "
      "$body$ LANGUAGE plpgsql";
  EXPECT_EQ(split_sql_statements(fn + ";\nSELECT $$a;b$$;"), (V{fn, "SELECT $$a;b$$"}));
}

TEST(AutogenSqlSplitter, TriggerBodies) {
  std::string sqlite =
      "CREATE TRIGGER t_upd AFTER UPDATE ON t BEGIN\n"
      "  UPDATE t SET n = CASE WHEN new.n > 0 THEN 1 ELSE 0 END WHERE id = new.id;\n"
      "  INSERT INTO log VALUES (new.id);\n"
      "END";
  EXPECT_EQ(split_sql_statements(sqlite + ";\nCREATE INDEX ix ON t (n);"),
            (V{sqlite, "CREATE INDEX ix ON t (n)"}));
  std::string mysql =
      "CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN\n"
      "  IF NEW.n < 0 THEN SET NEW.n = 0; END IF;\n"
      "END";
  EXPECT_EQ(split_sql_statements(mysql + ";\nBEGIN;\nCOMMIT;"), (V{mysql, "BEGIN", "COMMIT"}));
}

}  // namespace
}  // namespace retort
