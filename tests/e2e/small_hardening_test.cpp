// Smaller guards a new user runs into: MariaDB offline SQL declares its character set, a
// file_template cannot write outside the versions folder, control characters never reach the
// terminal, PostgreSQL names over 63 bytes are refused, a revision without downgrade() is
// warned about, and a directory named like a revision is an error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(SmallHardening, MariadbOfflineSqlStartsWithSetNames) {
  Project p("mysql", "setnames");
  p.write_config();
  p.write_revision(
      "m1", "", "emoji",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"v\", sa.String(20, { mysql_charset = \"utf8mb4\" })))\n"
      "  op.bulk_insert(\"t\", { { id = 1, v = \"party \\u{1F389}\" } })",
      "  op.drop_table(\"t\")");
  auto r = p.retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("SET NAMES utf8mb4;\n\n-- retort upgrade head (mysql)\n"));
  write_file(p.dir() / "up.sql", r.out);
  Url u = Url::parse(p.url());
  // The client's own default character set is latin1 here: only SET NAMES keeps the emoji.
  auto fed = p.shell("mariadb --default-character-set=latin1 -h " + u.host + " -P " +
                     std::to_string(*u.port) + " -u " + u.user + " -p" + u.password + " " +
                     u.database + " < up.sql");
  ASSERT_EQ(fed.code, 0) << fed.err;
  EXPECT_EQ(p.scalar("SELECT HEX(v) FROM t WHERE id = 1"), "706172747920F09F8E89");
}

TEST(SmallHardening, FileTemplateOutsideTheVersionsFolderIsRefused) {
  Project p("sqlite", "template");
  p.write_config("file_template = \"../../%(rev)s_x\"\n");
  auto r = p.retort("revision -m first --rev-id abc123");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: file_template '../../%(rev)s_x' makes the file name "
            "'../../abc123_x', which is not a file in the versions folder (" +
                (p.dir() / "migrations" / "versions").string() +
                "): use a template without '/' or '..', such as %(rev)s_%(slug)s\n");
  EXPECT_FALSE(std::filesystem::exists(p.dir().parent_path() / "abc123_x.lua"));
}

TEST(SmallHardening, ControlCharactersAreEscapedInErrors) {
  Project p("sqlite", "controls");
  p.write_config();
  auto r = p.retort("--url \"$(printf 'sqlite:////nonexistent\\033[31mred/app.db')\" current");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, Not(HasSubstr("\x1b")));
  EXPECT_EQ(r.err,
            "retort: error: cannot open SQLite database /nonexistent\\x1b[31mred/app.db: "
            "directory /nonexistent\\x1b[31mred does not exist\n");
}

TEST(SmallHardening, PostgresNamesOver63BytesAreRefused) {
  Project p("postgresql", "longnames");
  p.write_config();
  const std::string name(64, 'n');
  p.write_revision("l1", "", "long",
                   "  op.create_table(\"t\", sa.Column(\"" + name + "\", sa.Integer()))", "");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "retort: error: upgrade l1 failed: the name \"" + name +
                       "\" is 64 bytes long, and PostgreSQL keeps only the first 63 of a name: "
                       "use a shorter name; the run was rolled back, the database is as it was\n");
  EXPECT_FALSE(p.has_table("t"));
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{}));
}

TEST(SmallHardening, RevisionWithoutDowngradeIsWarnedAbout) {
  Project p("sqlite", "nodown");
  p.write_config();
  write_file(p.dir() / "migrations" / "versions" / "d1_only_up.lua",
             "revision = \"d1\"\ndown_revision = nil\n\nfunction upgrade()\n"
             "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n"
             "end\n");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err,
            "retort: warning: migrations/versions/d1_only_up.lua has no downgrade(): this "
            "revision cannot be undone; add `function downgrade() ... end` (raise an error in it "
            "if the change cannot be reversed)\n");
  EXPECT_TRUE(p.has_table("t"));
}

TEST(SmallHardening, DirectoryNamedLikeARevisionIsAnError) {
  Project p("sqlite", "dirrev");
  p.write_config();
  p.write_revision("r1", "", "first", "", "");
  std::filesystem::create_directories(p.dir() / "migrations" / "versions" / "r2_second.lua");
  auto r = p.retort("heads");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: " + (p.dir() / "migrations" / "versions" / "r2_second.lua").string() +
                " is a directory, not a revision file: move it out of the versions "
                "folder or rename it\n");
}

}  // namespace
}  // namespace retort::test
