// MariaDB: a routine or trigger runs under the sql_mode it was created with. Autogenerate
// compares it (information_schema ROUTINES.SQL_MODE, TRIGGERS.SQL_MODE), writes it at the head of
// the definition where it is not the server's default (`SET sql_mode = '...';`), and the upgrade
// creates the routine under it, the session's own mode put back after.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::filesystem::path generated(const std::string& out) {
  size_t at = out.find("Generating ");
  if (at == std::string::npos) return {};
  return out.substr(at + 11, out.find(" ... done") - at - 11);
}

TEST(MysqlRoutineMode, SqlModeIsComparedAndKept) {
  Project p("mysql", "routine_mode");
  p.write_config();
  // As mysqldump writes a routine: its sql_mode set before it (PIPES_AS_CONCAT: || joins text).
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "CREATE TABLE t (id int PRIMARY KEY, name varchar(10));\n"
         "/*!50003 SET @saved_sql_mode = @@sql_mode */ ;\n"
         "/*!50003 SET sql_mode = 'PIPES_AS_CONCAT' */ ;\n"
         "DELIMITER ;;\n"
         "CREATE FUNCTION ab() RETURNS varchar(10) DETERMINISTIC RETURN 'a' || 'b' ;;\n"
         "CREATE TRIGGER t_name BEFORE INSERT ON t FOR EACH ROW SET NEW.name = NEW.name || '!' "
         ";;\n"
         "DELIMITER ;\n"
         "/*!50003 SET sql_mode = @saved_sql_mode */ ;\n";
  auto r = p.retort("revision --autogenerate -m ab");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string file = read_text(generated(r.out));
  EXPECT_THAT(file, HasSubstr("op.create_function(\"ab\", [[\nSET sql_mode = 'PIPES_AS_CONCAT';\n"
                              "CREATE FUNCTION `ab`() RETURNS varchar(10)"));
  EXPECT_THAT(file, HasSubstr("SET sql_mode = 'PIPES_AS_CONCAT';\nCREATE TRIGGER `t_name`"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT ab()"), "ab");
  p.db().execute("INSERT INTO t VALUES (1, 'x')");
  EXPECT_EQ(p.scalar("SELECT name FROM t WHERE id = 1"), "x!");
  EXPECT_EQ(p.scalar("SELECT SQL_MODE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = "
                     "DATABASE() AND ROUTINE_NAME = 'ab'"),
            "PIPES_AS_CONCAT");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // The same function made again under the server's default mode differs ('a' || 'b' is then
  // a logical OR, which fails on text in strict mode).
  const std::string mode_of_ab =
      "SELECT SQL_MODE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND "
      "ROUTINE_NAME = 'ab'";
  p.db().execute("DROP FUNCTION ab");
  p.db().execute("CREATE FUNCTION ab() RETURNS varchar(10) DETERMINISTIC RETURN 'a' || 'b'");
  const std::string server_default = p.scalar("SELECT @@GLOBAL.sql_mode");
  EXPECT_EQ(p.scalar(mode_of_ab), server_default);
  r = p.retort("check");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("replace_function ab"));
  r = p.retort("revision --autogenerate -m mode_back");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("Generating")), "Detected replace_function ab\n");
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT ab()"), "ab");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  // The downgrade puts back what it replaced: the function under the default mode.
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar(mode_of_ab), server_default);
  // The statements: the session's own mode saved, set, and put back after the CREATE.
  r = p.retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("SET @retort_sql_mode = @@SESSION.sql_mode;\n\n"
                               "SET SESSION sql_mode = 'PIPES_AS_CONCAT';\n\n"
                               "CREATE OR REPLACE FUNCTION `ab`() RETURNS varchar(10)\n"
                               "    DETERMINISTIC\nRETURN 'a' || 'b';\n\n"
                               "SET SESSION sql_mode = @retort_sql_mode;\n"));
}

}  // namespace
}  // namespace retort::test
