// MySQL/MariaDB table options end to end with the real `retort` binary and rows in the tables:
// partitioning (mysql_partition_by, mysql_partitions) created, reflected, compared and changed
// by op.alter_table_options (a partition added before MAXVALUE and removed again, one merged into
// the next, the last one dropped: refused while it holds rows); a table's default character set
// changed together with its columns, the conversion refused while a value would not survive it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> detected(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Detected ", 0) == 0) lines.push_back(line.substr(9));
  return lines;
}

std::filesystem::path generated_file(const std::string& out) {
  size_t at = out.find("Generating ");
  if (at == std::string::npos) return {};
  size_t end = out.find(" ... done", at);
  return out.substr(at + 11, end - at - 11);
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

std::string salaries(const std::vector<std::string>& partitions) {
  std::string s = R"lua(sa.Table("salaries",
  sa.Column("emp_no", sa.Integer(), { nullable = false, autoincrement = false }),
  sa.Column("salary", sa.Integer(), { nullable = false }),
  sa.Column("from_date", sa.Date(), { nullable = false }),
  sa.PrimaryKeyConstraint("emp_no", "from_date"),
  { mysql_partition_by = "RANGE COLUMNS(from_date)",
    mysql_partitions = {
)lua";
  for (const auto& p : partitions) s += "      \"" + p + "\",\n";
  return s + "    } })\n";
}

const char* kP01 = "PARTITION p01 VALUES LESS THAN ('1986-01-01')";
const char* kP02 = "PARTITION p02 VALUES LESS THAN ('1987-01-01')";
const char* kP03 = "PARTITION p03 VALUES LESS THAN ('1988-01-01')";
const char* kPmax = "PARTITION pmax VALUES LESS THAN (MAXVALUE)";

std::string partitions_of(Project& p, const std::string& table) {
  return p.scalar(
      "SELECT GROUP_CONCAT(CONCAT_WS(' ', PARTITION_NAME, PARTITION_DESCRIPTION) ORDER BY "
      "PARTITION_ORDINAL_POSITION SEPARATOR ', ') FROM information_schema.PARTITIONS WHERE "
      "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" +
      table + "'");
}

TEST(MysqlPartitions, CreatedComparedAddedAndDroppedWithRows) {
  Project p("mysql", "mysql_partitions");
  p.write_config();
  write_models(p, salaries({kP01, kP02, kPmax}));
  auto r = p.retort("revision --autogenerate -m salaries");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string file = read(generated_file(r.out));
  EXPECT_THAT(file, HasSubstr("mysql_partition_by = \"RANGE COLUMNS(from_date)\""));
  EXPECT_THAT(file, HasSubstr("\"PARTITION p01 VALUES LESS THAN ('1986-01-01')\""));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(partitions_of(p, "salaries"), "p01 '1986-01-01', p02 '1987-01-01', pmax MAXVALUE");
  p.db().execute(
      "INSERT INTO salaries VALUES (1, 100, '1985-06-01'), (1, 110, '1986-06-01'), "
      "(1, 120, '1987-06-01'), (1, 130, '1999-06-01')");

  // Managed: nothing unmanaged, nothing differs.
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // A partition added before MAXVALUE: pmax is split, its rows move, none is lost.
  write_models(p, salaries({kP01, kP02, kP03, kPmax}));
  r = p.retort("revision --autogenerate -m p03");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("alter_table_options salaries"));
  file = read(generated_file(r.out));
  EXPECT_THAT(file, HasSubstr("op.alter_table_options(\"salaries\""));
  EXPECT_THAT(file, HasSubstr("existing_mysql_partitions"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(partitions_of(p, "salaries"),
            "p01 '1986-01-01', p02 '1987-01-01', p03 '1988-01-01', pmax MAXVALUE");
  EXPECT_EQ(p.count("salaries"), 4);
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM salaries PARTITION (p03)"), "1");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  // Downgrade merges p03 back into pmax, with its row.
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(partitions_of(p, "salaries"), "p01 '1986-01-01', p02 '1987-01-01', pmax MAXVALUE");
  EXPECT_EQ(p.count("salaries"), 4);
  ASSERT_EQ(p.retort("upgrade head").code, 0);

  // A partition removed before another merges into it: its row moves, nothing is lost.
  write_models(p, salaries({kP02, kP03, kPmax}));
  r = p.retort("revision --autogenerate -m merge_p01");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("alter_table_options salaries"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(partitions_of(p, "salaries"), "p02 '1987-01-01', p03 '1988-01-01', pmax MAXVALUE");
  EXPECT_EQ(p.count("salaries"), 4);

  // The last partition dropped takes its rows (they have nowhere to go): refused while pmax
  // holds one.
  write_models(p, salaries({kP02, kP03}));
  r = p.retort("revision --autogenerate -m drop_pmax");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("alter_table_options salaries"));
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("alter_table_options salaries would destroy data (partition pmax "
                               "holds rows). Add { allow_data_loss = true } to the op, or run "
                               "with --allow-data-loss"));
  EXPECT_EQ(partitions_of(p, "salaries"), "p02 '1987-01-01', p03 '1988-01-01', pmax MAXVALUE");
  EXPECT_EQ(p.count("salaries"), 4);
  r = p.retort("upgrade head --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(partitions_of(p, "salaries"), "p02 '1987-01-01', p03 '1988-01-01'");
  EXPECT_EQ(p.count("salaries"), 3);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

// HASH partitions by number, as SQLAlchemy's mysql_partitions = N; more of them is
// ADD PARTITION PARTITIONS, which keeps every row.
TEST(MysqlPartitions, HashCountGrows) {
  Project p("mysql", "mysql_hash_partitions");
  p.write_config();
  auto models = [](int n) {
    return "sa.Table(\"sessions\",\n  sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
           "  { mysql_partition_by = \"HASH(id)\", mysql_partitions = " +
           std::to_string(n) + " })\n";
  };
  write_models(p, models(2));
  ASSERT_EQ(p.retort("revision --autogenerate -m s").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO sessions VALUES (1), (2), (3)");
  EXPECT_EQ(partitions_of(p, "sessions"), "p0, p1");
  auto r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  write_models(p, models(3));
  r = p.retort("revision --autogenerate -m three");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(read(generated_file(r.out)), HasSubstr("mysql_partitions = 3"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(partitions_of(p, "sessions"), "p0, p1, p2");
  EXPECT_EQ(p.count("sessions"), 3);
  EXPECT_EQ(p.retort("check").code, 0);
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(partitions_of(p, "sessions"), "p0, p1");
  EXPECT_EQ(p.count("sessions"), 3);
}

std::string people(const std::string& charset, const std::string& collate) {
  return R"lua(sa.Table("people",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("name", sa.String(40)),
  sa.Column("bio", sa.Text()),
  sa.Column("code", sa.String(8, { mysql_charset = "ascii" })),
  { mysql_charset = ")lua" +
         charset + "\", mysql_collate = \"" + collate + "\" })\n";
}

std::string charsets_of(Project& p) {
  return p.scalar(
      "SELECT CONCAT((SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
      "DATABASE() AND TABLE_NAME = 'people'), ': ', GROUP_CONCAT(CONCAT(COLUMN_NAME, ' ', "
      "COLLATION_NAME) ORDER BY ORDINAL_POSITION SEPARATOR ', ')) FROM information_schema.COLUMNS "
      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'people' AND COLLATION_NAME IS NOT NULL");
}

TEST(MysqlCharset, TableDefaultChangedWithItsColumnsGuardedByTheData) {
  Project p("mysql", "mysql_charset");
  p.write_config();
  write_models(p, people("utf8mb4", "utf8mb4_unicode_ci"));
  ASSERT_EQ(p.retort("revision --autogenerate -m people").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(charsets_of(p),
            "utf8mb4_unicode_ci: name utf8mb4_unicode_ci, bio utf8mb4_unicode_ci, code "
            "ascii_general_ci");
  p.db().execute("SET NAMES utf8mb4");
  p.db().execute("INSERT INTO people VALUES (1, 'Zoë', 'café', 'A1'), (2, 'Ana 😀', 'ok', 'B2')");
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // The table's default alone would change no column: each one that takes it is altered too.
  write_models(p, people("latin1", "latin1_swedish_ci"));
  r = p.retort("revision --autogenerate -m latin1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("alter_table_options people", "alter_column people.name",
                                           "alter_column people.bio"));
  std::string file = read(generated_file(r.out));
  EXPECT_THAT(file, HasSubstr("existing_mysql_charset = \"utf8mb4\""));

  // The emoji has no latin1 character: refused, naming the row; nothing changed.
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("alter_column people.name from"));
  EXPECT_THAT(r.err, HasSubstr("would cut, round, reject or convert the value of 1 row (e.g. id "
                               "= 2). Fix those rows first, add { allow_data_loss = true } to "
                               "the op, or run with --allow-data-loss"));
  EXPECT_EQ(charsets_of(p),
            "utf8mb4_unicode_ci: name utf8mb4_unicode_ci, bio utf8mb4_unicode_ci, code "
            "ascii_general_ci");

  // Fixed, it goes through and every value reads back the same.
  p.db().execute("UPDATE people SET name = 'Ana' WHERE id = 2");
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(charsets_of(p),
            "latin1_swedish_ci: name latin1_swedish_ci, bio latin1_swedish_ci, code "
            "ascii_general_ci");
  p.db().execute("SET NAMES utf8mb4");
  EXPECT_EQ(p.scalar("SELECT CONCAT(name, '/', bio) FROM people WHERE id = 1"), "Zoë/café");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // Down: back to utf8mb4, table and columns.
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(charsets_of(p),
            "utf8mb4_unicode_ci: name utf8mb4_unicode_ci, bio utf8mb4_unicode_ci, code "
            "ascii_general_ci");
  EXPECT_EQ(p.scalar("SELECT CONCAT(name, '/', bio) FROM people WHERE id = 1"), "Zoë/café");
}

}  // namespace
}  // namespace retort::test
