// Table comments end to end with the real `retort` binary: a comment on sa.Table is created with
// the table; a changed or removed comment autogenerates exactly op.create_table_comment or
// op.drop_table_comment (carrying the old comment, so downgrade restores it), upgrades and
// downgrades with `check` clean at each head. SQLite keeps no comments: nothing is detected
// there, and a hand-written op does nothing. Bad input gets its exact error.
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
using ::testing::Not;

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

void write_models(const Project& p, const std::string& comment) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc)
      << "sa.Table(\"item\",\n  sa.Column(\"id\", sa.Integer(), { primary_key = true })"
      << (comment.empty() ? "" : ",\n  { comment = \"" + comment + "\" }") << ")\n";
}

std::string comment_of(Project& p) {
  if (p.dialect_name() == "postgresql")
    return p.scalar("SELECT coalesce(obj_description('item'::regclass, 'pg_class'), '<none>')");
  return p.scalar(
      "SELECT CASE WHEN TABLE_COMMENT = '' THEN '<none>' ELSE TABLE_COMMENT END FROM "
      "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'item'");
}

class TableComment : public ::testing::TestWithParam<std::string> {};

TEST_P(TableComment, ChangeAndDropAutogenerateTheCommentOps) {
  Project p(GetParam(), "table_comment");
  p.write_config();
  write_models(p, "stock items");
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(comment_of(p), "stock items");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  write_models(p, "items in stock");
  r = p.retort("revision --autogenerate -m b");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray({"create_table_comment item"})) << r.out;
  std::filesystem::path b = generated_file(r.out);
  std::string text = read(b);
  EXPECT_THAT(text, HasSubstr("op.create_table_comment(\"item\", \"items in stock\", { "
                              "existing_comment = \"stock items\" })"));
  EXPECT_THAT(text, HasSubstr("op.create_table_comment(\"item\", \"stock items\", { "
                              "existing_comment = \"items in stock\" })"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(comment_of(p), "items in stock");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  write_models(p, "");
  r = p.retort("revision --autogenerate -m c");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray({"drop_table_comment item"})) << r.out;
  std::filesystem::path c = generated_file(r.out);
  EXPECT_THAT(read(c), HasSubstr("op.drop_table_comment(\"item\", { existing_comment = \"items "
                                 "in stock\" })"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(comment_of(p), "<none>");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // Down one step at a time: each comment comes back.
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(comment_of(p), "items in stock");
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(comment_of(p), "stock items");
  std::filesystem::remove(b);
  std::filesystem::remove(c);
  write_models(p, "stock items");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, TableComment, ::testing::Values("postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

// SQLite keeps no comments: a changed comment is no change, and the ops run as nothing.
TEST(TableCommentSqlite, CommentsAreNotKeptAndTheOpsDoNothing) {
  Project p("sqlite", "table_comment");
  p.write_config();
  write_models(p, "stock items");
  ASSERT_EQ(p.retort("revision --autogenerate -m a").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  write_models(p, "items in stock");
  auto r = p.retort("revision --autogenerate -m b");
  EXPECT_THAT(r.out, HasSubstr("No changes detected")) << r.out << r.err;
  p.write_revision("bbbbbbbbbbbb", "", "comments",
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}))\n  op.create_table_comment(\"t\", \"a table\")\n  "
                   "op.drop_table_comment(\"t\", { existing_comment = \"a table\" })",
                   "  op.drop_table(\"t\")");
  r = p.retort("upgrade heads");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(p.has_table("t"));
  r = p.retort("upgrade bbbbbbbbbbbb --sql");
  EXPECT_THAT(r.out, Not(HasSubstr("COMMENT")));
}

TEST(TableCommentErrors, CommentMissing) {
  Project p("postgresql", "table_comment");
  p.write_config();
  p.write_revision("cccccccccccc", "", "bad",
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                   "}))\n  op.create_table_comment(\"t\")",
                   "  op.drop_table(\"t\")");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":14: op.create_table_comment: argument 2 (the comment) must be a "
                               "string (got nothing)"));
  EXPECT_FALSE(p.has_table("t"));
  p.write_revision("cccccccccccc", "", "bad",
                   "  op.drop_table_comment(\"t\", { existing = \"x\" })",
                   "  op.drop_table(\"t\")");
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(":13: unknown option 'existing' for op.drop_table_comment"));
}

}  // namespace
}  // namespace retort::test
