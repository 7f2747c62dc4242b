// include_tables / exclude_tables in retort.toml reach `check` and `revision --autogenerate`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

TEST(AutogenFilters, ExcludedTablesAreLeftAlone) {
  Project p("sqlite");
  p.write_config("exclude_tables = [\"legacy_*\"]\n");
  write_file(p.dir() / "migrations" / "models.lua",
             "sa.Table(\"orders\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n");
  p.write_revision(
      "aaaaaaaaaaaa", "", "orders",
      "  op.create_table(\"orders\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
      "  op.drop_table(\"orders\")");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("CREATE TABLE legacy_users (id INTEGER PRIMARY KEY)");
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // Without the filter, the extra table is a difference (a drop autogenerate would write).
  p.write_config();
  r = p.retort("check");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("drop_table legacy_users"));
}

}  // namespace
}  // namespace retort::test
