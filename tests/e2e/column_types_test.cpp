// sa.true_() / sa.false_() as portable boolean server defaults on SQLite, PostgreSQL and MariaDB,
// and PostgreSQL's sa.ARRAY and sa.Interval, end to end with the real `retort` binary: models ->
// autogenerate -> upgrade -> check clean -> a second autogenerate finds nothing -> rows get the
// defaults -> a changed default autogenerates exactly one alter_column -> downgrade -> check
// clean against the older models.
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

using ::testing::ElementsAreArray;
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

std::string models(const std::string& dialect, const std::string& active_default) {
  std::string pg_only = dialect == "postgresql"
                            ? ",\n  sa.Column(\"tags\", sa.ARRAY(sa.Text())),\n"
                              "  sa.Column(\"grid\", sa.ARRAY(sa.Integer(), { dimensions = 2 })),\n"
                              "  sa.Column(\"wait\", sa.Interval())"
                            : "";
  return "sa.Table(\"flag\",\n"
         "  sa.Column(\"id\", sa.Integer(), { primary_key = true, autoincrement = false }),\n"
         "  sa.Column(\"active\", sa.Boolean(), { nullable = false, server_default = " +
         active_default +
         " }),\n"
         "  sa.Column(\"hidden\", sa.Boolean(), { nullable = false, server_default = "
         "sa.false_() })" +
         pg_only + ")\n";
}

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

class ColumnTypes : public ::testing::TestWithParam<std::string> {};

TEST_P(ColumnTypes, BooleanDefaultsArraysAndIntervalsRoundTrip) {
  const std::string dialect = GetParam();
  Project p(dialect, "column_types");
  p.write_config();
  write_models(p, models(dialect, "sa.true_()"));
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string a = read(generated_file(r.out));
  EXPECT_THAT(a, HasSubstr("server_default = sa.true_()"));
  EXPECT_THAT(a, HasSubstr("server_default = sa.false_()"));
  if (dialect == "postgresql") {
    EXPECT_THAT(a, HasSubstr("sa.ARRAY(sa.Integer(), { dimensions = 2 })"));
    EXPECT_THAT(a, HasSubstr("sa.Interval()"));
  }
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("revision --autogenerate -m again");
  EXPECT_THAT(r.out, HasSubstr("No changes detected")) << r.out << r.err;

  p.db().execute("INSERT INTO flag (id) VALUES (1)");
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM flag WHERE active AND NOT hidden"), "1");
  if (dialect == "postgresql") {
    p.db().execute(
        "UPDATE flag SET tags = '{a,b}', grid = '{{1,2},{3,4}}', wait = '1 day 2 hours'");
    EXPECT_EQ(p.scalar("SELECT array_length(tags, 1) || ' ' || grid[2][1] || ' ' || "
                       "extract(epoch from wait)::int FROM flag"),
              "2 3 93600");
  }
  p.reconnect();

  write_models(p, models(dialect, "sa.false_()"));
  r = p.retort("revision --autogenerate -m b");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray({"alter_column flag.active"})) << r.out;
  std::filesystem::path b = generated_file(r.out);
  EXPECT_THAT(read(b), HasSubstr("server_default = sa.false_()"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  p.db().execute("INSERT INTO flag (id) VALUES (2)");
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM flag WHERE id = 2 AND NOT active"), "1");
  p.reconnect();

  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::filesystem::remove(b);
  write_models(p, models(dialect, "sa.true_()"));
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, ColumnTypes, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

// sa.true_() takes no arguments; sa.ARRAY and sa.Interval are PostgreSQL only.
TEST(ColumnTypesErrors, BadInput) {
  Project p("mysql", "column_types");
  p.write_config();
  p.write_revision("dddddddddddd", "", "bad",
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}), sa.Column(\"tags\", sa.ARRAY(sa.Text())))",
                   "  op.drop_table(\"t\")");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("column t.tags: sa.ARRAY is PostgreSQL only; MySQL/MariaDB has no "
                               "array type (use sa.JSON())"));
  EXPECT_FALSE(p.has_table("t"));
  p.write_revision("dddddddddddd", "", "bad",
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}), sa.Column(\"b\", sa.Boolean(), { server_default = sa.true_(1) }))",
                   "  op.drop_table(\"t\")");
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":13: sa.true_() takes no arguments"));
}

}  // namespace
}  // namespace retort::test
