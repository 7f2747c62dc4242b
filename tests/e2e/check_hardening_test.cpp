// Two `check` / autogenerate guards (issue 23): a revision without downgrade() is named by
// `check` as `upgrade` names it; and on PostgreSQL, a name the models (or the naming convention)
// would give past 63 bytes is refused before any revision holds it, instead of being cut by the
// server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"
#include "script/downgrade_scan.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;

TEST(DowngradeScan, FindsTheDefinitionsLuaAllows) {
  EXPECT_TRUE(defines_downgrade("function upgrade()\nend\nfunction downgrade()\nend\n"));
  EXPECT_TRUE(defines_downgrade("function  downgrade ()\nend"));
  EXPECT_TRUE(defines_downgrade("downgrade = function()\nend"));
  EXPECT_FALSE(defines_downgrade("function upgrade()\nend\n"));
  EXPECT_FALSE(defines_downgrade("function my_downgrade()\nend\nfunction downgrade_all() end"));
  EXPECT_FALSE(defines_downgrade("if downgrade == nil then end"));
}

TEST(CheckWarnings, ARevisionWithoutDowngradeIsNamed) {
  Project p("sqlite", "check_no_downgrade");
  p.write_config();
  write_file(p.dir() / "migrations" / "models.lua",
             "sa.Table(\"t1\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n");
  auto path = p.write_revision(
      "a1a1a1a1a1a1", "", "create t1",
      "  op.create_table(\"t1\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
      "  op.drop_table(\"t1\")");
  // The same file without its downgrade().
  std::string text = read_file(path);
  text = text.substr(0, text.find("function downgrade()"));
  write_file(path, text);
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err,
            "retort: warning: migrations/versions/a1a1a1a1a1a1_create_t1.lua has no downgrade(): "
            "this revision cannot be undone; add `function downgrade() ... end` (raise an error "
            "in it if the change cannot be reversed)\n");
}

class LongNames : public ::testing::TestWithParam<std::string> {};

// The default convention names a foreign key fk_<table>_<column>_<referred table>: 75 bytes
// here.
constexpr const char* kLongModels = R"(sa.Table("customer_accounts_with_history",
  sa.Column("id", sa.Integer(), { primary_key = true }))
sa.Table("invoice_lines_of_the_month",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("account_id", sa.Integer(), sa.ForeignKey("customer_accounts_with_history.id")))
)";

TEST_P(LongNames, AConventionNamePastTheLimitIsRefusedOnPostgresql) {
  Project p(GetParam(), "long_names");
  p.write_config();
  write_file(p.dir() / "migrations" / "models.lua", kLongModels);
  auto r = p.retort("revision --autogenerate -m first");
  if (GetParam() != "postgresql") {
    EXPECT_EQ(r.code, 0) << r.err;  // SQLite and MariaDB (64 characters) keep the name whole
    return;
  }
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: the models give the foreign key "
            "\"fk_invoice_lines_of_the_month_account_id_customer_accounts_with_history\" of table "
            "invoice_lines_of_the_month a name of 71 bytes, and postgresql keeps only the first "
            "63 bytes of a name: name it yourself ({ name = \"...\" }) or shorten the naming "
            "convention\n");
  EXPECT_TRUE(std::filesystem::is_empty(p.dir() / "migrations" / "versions"));
  // Named by hand, it goes through.
  std::string models = kLongModels;
  models.replace(models.find("_history.id\")"), 13,
                 "_history.id\", { name = \"fk_lines_account\" })");
  write_file(p.dir() / "migrations" / "models.lua", models);
  r = p.retort("revision --autogenerate -m first");
  EXPECT_EQ(r.code, 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, LongNames, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
