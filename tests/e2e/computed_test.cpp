// Computed (generated) columns end to end with the real `retort` binary on SQLite, PostgreSQL
// and MariaDB: models with sa.Computed -> autogenerate -> upgrade -> check clean -> values
// computed; a changed expression autogenerates exactly drop + add of the column (and of its
// index), upgrades without the data-loss flag (a computed column holds no data of its own),
// downgrades back; a plain column becoming computed stays guarded; schema.sql's GENERATED
// ALWAYS AS comes back computed; op.add_column of a stored computed column on a table with
// rows; and the errors of bad input.
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

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

std::string models(const std::string& total, const std::string& bonus) {
  return R"lua(sa.Table("item",
  sa.Column("id", sa.Integer(), { primary_key = true, autoincrement = false }),
  sa.Column("price", sa.Integer(), { nullable = false }),
  sa.Column("qty", sa.Integer(), { nullable = false }),
  sa.Column("total", sa.Integer(), )lua" +
         total + R"lua(),
  sa.Column("bonus", sa.Integer() )lua" +
         bonus + R"lua(),
  sa.Index("ix_item_total", "total"))
)lua";
}

const char* kStored = R"(sa.Computed("price * qty", { persisted = true }))";
const char* kStoredPlusOne = R"(sa.Computed("price * qty + 1", { persisted = true }))";

class Computed : public ::testing::TestWithParam<std::string> {};

TEST_P(Computed, AutogenerateChangeAndDowngrade) {
  const std::string dialect = GetParam();
  Project p(dialect, "computed");
  p.write_config();

  write_models(p, models(kStored, ""));
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray({"create_table item"})) << r.out;
  EXPECT_THAT(read(generated_file(r.out)), HasSubstr("sa.Computed(")) << r.out;
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  ASSERT_EQ(r.code, 0) << "models A do not round-trip:\n" << r.out << r.err;
  r = p.retort("revision --autogenerate -m again");
  EXPECT_THAT(r.out, HasSubstr("No changes detected")) << r.out << r.err;

  p.db().execute("INSERT INTO item (id, price, qty, bonus) VALUES (1, 3, 4, 7)");
  EXPECT_EQ(p.scalar("SELECT total FROM item WHERE id = 1"), "12");
  p.reconnect();

  // A changed expression: the column (and its index) dropped and added again, on a table with
  // rows and without --allow-data-loss.
  write_models(p, models(kStoredPlusOne, ""));
  r = p.retort("revision --autogenerate -m b");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out),
              ElementsAreArray({"drop_index ix_item_total", "drop_column item.total",
                                "add_column item.total", "create_index ix_item_total on item"}))
      << r.out;
  std::filesystem::path b_file = generated_file(r.out);
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << "after upgrade to B:\n" << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT total FROM item WHERE id = 1"), "13");
  EXPECT_EQ(p.scalar("SELECT bonus FROM item WHERE id = 1"), "7");
  p.reconnect();

  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::filesystem::remove(b_file);
  write_models(p, models(kStored, ""));
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << "after downgrade to A:\n" << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT total FROM item WHERE id = 1"), "12");
  p.reconnect();

  // A plain column that becomes computed holds data: its drop stays guarded.
  write_models(p, models(kStored, R"(, sa.Computed("qty + 100"))"));
  r = p.retort("revision --autogenerate -m c");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out),
              ElementsAreArray({"drop_column item.bonus", "add_column item.bonus"}))
      << r.out;
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("drop_column item.bonus would destroy data"));
  r = p.retort("upgrade head --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT bonus FROM item WHERE id = 1"), "104");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  p.reconnect();

  // Down to base and up again.
  r = p.retort("downgrade base --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// A generated column in schema.sql (pg_dump and mysqldump print GENERATED ALWAYS AS ... STORED)
// is reflected from the scratch as computed, not as a plain column.
TEST_P(Computed, SchemaSqlGeneratedColumn) {
  const std::string dialect = GetParam();
  Project p(dialect, "computed_sql");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "CREATE TABLE item (id INTEGER PRIMARY KEY, price INTEGER NOT NULL, qty INTEGER NOT "
         "NULL, total INTEGER GENERATED ALWAYS AS (price * qty) STORED);\n";
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(read(generated_file(r.out)), HasSubstr("{ persisted = true })")) << r.out;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  p.db().execute("INSERT INTO item (id, price, qty) VALUES (1, 5, 6)");
  EXPECT_EQ(p.scalar("SELECT total FROM item"), "30");
}

// op.add_column with a stored computed column on a table with rows (SQLite rebuilds the table:
// its ALTER TABLE cannot add a stored one), and a virtual one where the dialect has it.
TEST_P(Computed, AddColumnToATableWithRows) {
  const std::string dialect = GetParam();
  Project p(dialect, "computed_add");
  p.write_config();
  p.write_revision("aaaaaaaaaaaa", "", "create item",
                   "  local t = op.create_table(\"item\",\n"
                   "    sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
                   "    sa.Column(\"qty\", sa.Integer()))\n"
                   "  op.bulk_insert(t, { { id = 1, qty = 2 }, { id = 2, qty = 5 } })",
                   "  op.drop_table(\"item\", { allow_data_loss = true })");
  const std::string virtual_too =
      dialect == "postgresql"
          ? ""
          : "  op.add_column(\"item\", sa.Column(\"less\", sa.Integer(), sa.Computed(\"qty - "
            "1\", { persisted = false })))\n";
  p.write_revision(
      "bbbbbbbbbbbb", "aaaaaaaaaaaa", "add total",
      "  op.add_column(\"item\", sa.Column(\"total\", sa.Integer(), "
      "sa.Computed(\"qty * 10\", { persisted = true })))\n" +
          virtual_too,
      std::string(dialect == "postgresql" ? "" : "  op.drop_column(\"item\", \"less\")\n") +
          "  op.drop_column(\"item\", \"total\")");
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT SUM(total) FROM item"), "70");
  if (dialect != "postgresql") EXPECT_EQ(p.scalar("SELECT less FROM item WHERE id = 2"), "4");
  p.reconnect();
  r = p.retort("downgrade -1");  // computed columns hold no data: no flag needed
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.count("item"), 2);
  EXPECT_EQ(p.columns("item"), (std::vector<std::string>{"id", "qty"}));
}

INSTANTIATE_TEST_SUITE_P(Dialects, Computed, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

// Bad input: one line, the exact error, nothing applied.
class ComputedErrors : public ::testing::Test {
 protected:
  CommandResult upgrade(Project& p, const std::string& body) {
    p.write_config();
    p.write_revision("cccccccccccc", "", "bad", body, "  op.drop_table(\"t\")");
    return p.retort("upgrade head");
  }
};

TEST_F(ComputedErrors, ComputedWithoutAnExpression) {
  Project p("sqlite");
  auto r = upgrade(p,
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}), sa.Column(\"x\", sa.Integer(), sa.Computed()))");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":13: sa.Computed needs the expression as its argument, e.g. "
                               "sa.Computed(\"price * qty\")"));
  EXPECT_FALSE(p.has_table("t"));
}

TEST_F(ComputedErrors, ComputedWithAServerDefault) {
  Project p("sqlite");
  auto r = upgrade(p,
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}), sa.Column(\"x\", sa.Integer(), sa.Computed(\"id * 2\"), { server_default "
                   "= \"1\" }))");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":13: sa.Column 'x': a computed column takes no server_default "
                               "(the database computes it)"));
  EXPECT_FALSE(p.has_table("t"));
}

TEST_F(ComputedErrors, UnknownComputedOption) {
  Project p("sqlite");
  auto r = upgrade(p,
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}), sa.Column(\"x\", sa.Integer(), sa.Computed(\"id * 2\", { stored = true "
                   "})))");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":13: unknown option 'stored' for sa.Computed"));
}

TEST_F(ComputedErrors, VirtualOnPostgresql) {
  Project p("postgresql");
  auto r = upgrade(p,
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}), sa.Column(\"x\", sa.Integer(), sa.Computed(\"id * 2\", { persisted = false "
                   "})))");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("column t.x: PostgreSQL has only stored generated columns; "
                               "sa.Computed(..., { persisted = false }) cannot be created there "
                               "(say persisted = true, or leave it unset)"));
  EXPECT_FALSE(p.has_table("t"));
}

}  // namespace
}  // namespace retort::test
