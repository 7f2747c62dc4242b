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
  // A comment before a statement is not part of it (an error quotes the statement itself).
  EXPECT_EQ(split_sql_statements("-- header\nCREATE TABLE a (x INT /* ; */);"),
            (V{"CREATE TABLE a (x INT /* ; */)"}));
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

// Each statement knows the line it starts on, after the comments before it.
TEST(AutogenSqlSplitter, Lines) {
  auto s = autogen::split_sql_script(
      "--\n-- header\n--\n\nCREATE TABLE a (\n  x INT\n);\n/* note\n */ CREATE TABLE b (y INT);"
      "\n\n\nSELECT 1");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].text, "CREATE TABLE a (\n  x INT\n)");
  EXPECT_EQ(s[0].line, 5);
  EXPECT_EQ(s[1].text, "CREATE TABLE b (y INT)");
  EXPECT_EQ(s[1].line, 9);
  EXPECT_EQ(s[2].line, 12);
}

// mysqldump: DELIMITER changes what ends a statement; executable comments are statements.
TEST(AutogenSqlSplitter, MysqlDumpDelimiterAndVersionComments) {
  std::string dump =
      "/*M!999999\\- enable the sandbox mode */ \n"
      "-- MariaDB dump 10.19\n"
      "/*!40101 SET NAMES utf8mb4 */;\n"
      "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n"
      "DELIMITER ;;\n"
      "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE "
      "INSERT ON child FOR EACH ROW BEGIN IF NEW.n < 0 THEN SET NEW.n = 0; END IF; END \n*/;;\n"
      "CREATE PROCEDURE `p`()\nBEGIN SELECT 1; END\n;;\n"
      "DELIMITER ;\n"
      "/*!50003 SET sql_mode = @saved_sql_mode */ ;\n";
  auto s = autogen::split_sql_script(dump);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].text,
            "/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19\n"
            "/*!40101 SET NAMES utf8mb4 */");
  EXPECT_EQ(s[0].line, 1);
  EXPECT_EQ(s[1].line, 4);
  EXPECT_EQ(s[2].text,
            "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE "
            "INSERT ON child FOR EACH ROW BEGIN IF NEW.n < 0 THEN SET NEW.n = 0; END IF; END \n*/");
  EXPECT_EQ(s[2].line, 6);
  EXPECT_EQ(s[3].text, "CREATE PROCEDURE `p`()\nBEGIN SELECT 1; END");
  EXPECT_EQ(s[3].line, 8);
  EXPECT_EQ(s[4].text, "/*!50003 SET sql_mode = @saved_sql_mode */");
  EXPECT_EQ(s[4].line, 12);
}

// pg_dump: psql's meta-commands (\\restrict) are not SQL and are dropped.
TEST(AutogenSqlSplitter, PsqlMetaCommands) {
  EXPECT_EQ(split_sql_statements("--\n\\restrict abc\n\nSET x = 0;\nCREATE TABLE a (i int);\n"
                                 "\\unrestrict abc\n"),
            (V{"SET x = 0", "CREATE TABLE a (i int)"}));
}

}  // namespace
}  // namespace retort
