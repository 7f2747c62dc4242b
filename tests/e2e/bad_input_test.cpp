// What bad input gets: one clear line on stderr, exit 1 (2 for usage), and nothing applied.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override { p = std::make_unique<Project>("sqlite"); }
  void one_revision() {
    p->write_revision(
        "111111111111", "", "create t",
        "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
        "  op.drop_table(\"t\")");
  }
  void expect_failure(const CommandResult& r, const std::string& text, int code = 1) {
    EXPECT_EQ(r.code, code) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(text));
    EXPECT_EQ(lines(r.err), 1) << r.err;
  }
  std::unique_ptr<Project> p;
};

TEST_F(BadInput, NoConfigFile) { expect_failure(p->retort("current"), "retort.toml"); }

TEST_F(BadInput, MalformedTomlNamesTheLine) {
  write_file(p->dir() / "retort.toml", "[retort]\nscript_location = \"migrations\"\nurl = \n");
  expect_failure(p->retort("current"), "retort.toml:3");
}

TEST_F(BadInput, UnknownSetting) {
  p->write_config("scrip_location = \"x\"\n");
  expect_failure(p->retort("current"), "scrip_location");
}

TEST_F(BadInput, UnsupportedUrl) {
  write_file(p->dir() / "retort.toml", "[retort]\nurl = \"oracle://scott:tiger@db/orcl\"\n");
  auto r = p->retort("current");
  expect_failure(r, "oracle");
  EXPECT_THAT(r.err, Not(HasSubstr("tiger")));
}

TEST_F(BadInput, PasswordIsNeverPrinted) {
  write_file(p->dir() / "retort.toml",
             "[retort]\nurl = \"postgresql://app:s3cr3t@127.0.0.1:1/nodb?connect_timeout=2\"\n");
  std::filesystem::create_directories(p->dir() / "migrations" / "versions");
  auto r = p->retort("current");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(r.err, HasSubstr("***"));
}

TEST_F(BadInput, DatabaseInMissingDirectory) {
  write_file(p->dir() / "retort.toml", "[retort]\nurl = \"sqlite:///nowhere/app.db\"\n");
  std::filesystem::create_directories(p->dir() / "migrations" / "versions");
  one_revision();
  expect_failure(p->retort("upgrade head"), "nowhere");
}

TEST_F(BadInput, ReadOnlyDatabaseFile) {
  p->write_config();
  one_revision();
  ASSERT_EQ(p->retort("stamp base").code, 0);
  chmod((p->dir() / "app.db").c_str(), 0444);
  // root ignores file modes: make the file immutable to the process instead, if we are root.
  if (geteuid() == 0) {
    p->reconnect();
    write_file(p->dir() / "retort.toml", "[retort]\nurl = \"sqlite:///app.db?mode=ro\"\n");
  }
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("read"));
  EXPECT_EQ(lines(r.err), 1) << r.err;
}

TEST_F(BadInput, LuaSyntaxError) {
  p->write_config();
  auto f = p->write_revision("222222222222", "", "broken", "  op.create_table(\"t\",", "");
  expect_failure(p->retort("upgrade head"), "222222222222_broken.lua:");
  EXPECT_FALSE(p->has_table("t"));
}

TEST_F(BadInput, OpWithWrongArguments) {
  p->write_config();
  p->write_revision("333333333333", "", "bad op", "  op.add_column(\"t\")", "");
  expect_failure(p->retort("upgrade head"), "333333333333_bad_op.lua:13:");
}

TEST_F(BadInput, DuplicateRevisionIds) {
  p->write_config();
  one_revision();
  write_file(p->dir() / "migrations" / "versions" / "copy.lua",
             "revision = \"111111111111\"\ndown_revision = nil\nfunction upgrade() end\nfunction "
             "downgrade() end\n");
  auto r = p->retort("heads");
  expect_failure(r, "111111111111");
  EXPECT_THAT(r.err, HasSubstr("copy.lua"));
}

TEST_F(BadInput, MissingParent) {
  p->write_config();
  p->write_revision("444444444444", "999999999999", "orphan", "", "");
  expect_failure(p->retort("upgrade head"), "999999999999");
}

TEST_F(BadInput, Cycle) {
  p->write_config();
  p->write_revision("555555555555", "666666666666", "a", "", "");
  p->write_revision("666666666666", "555555555555", "b", "", "");
  expect_failure(p->retort("heads"), "cycle");
}

TEST_F(BadInput, AmbiguousPrefix) {
  p->write_config();
  p->write_revision("abc111111111", "", "a", "", "");
  p->write_revision("abc222222222", "abc111111111", "b", "", "");
  auto r = p->retort("upgrade abc");
  expect_failure(r, "abc111111111");
  EXPECT_THAT(r.err, HasSubstr("abc222222222"));
}

TEST_F(BadInput, UnknownVerbAndFlagAreUsageErrors) {
  p->write_config();
  EXPECT_EQ(p->retort("frobnicate").code, 2);
  EXPECT_EQ(p->retort("upgrade head --no-such-flag").code, 2);
}

TEST_F(BadInput, InitRefusesNonEmptyDirectory) {
  write_file(p->dir() / "migrations" / "keep.txt", "x");
  auto r = p->retort("init migrations");
  EXPECT_NE(r.code, 0);
  EXPECT_THAT(r.err, HasSubstr("migrations"));
  EXPECT_FALSE(std::filesystem::exists(p->dir() / "retort.toml"));
}

TEST(Workflow, InitRevisionUpgradeFromScratch) {
  Project p("sqlite");
  auto r = p.retort("init migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(p.dir() / "retort.toml"));
  EXPECT_TRUE(std::filesystem::exists(p.dir() / "migrations" / "script.lua.tmpl"));
  EXPECT_TRUE(std::filesystem::exists(p.dir() / "migrations" / "models.lua"));
  r = p.retort("revision -m \"create usuarios\"");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("revision -m \"add avatar_url and created_at to usuarios\" --rev-id 3f2a1b9c8d7e");
  ASSERT_EQ(r.code, 0) << r.err;
  auto f = p.dir() / "migrations" / "versions" /
           "3f2a1b9c8d7e_add_avatar_url_and_created_at_to_usuarios.lua";
  ASSERT_TRUE(std::filesystem::exists(f));
  std::string text = read_file(f);
  EXPECT_THAT(text, HasSubstr("revision = \"3f2a1b9c8d7e\""));
  EXPECT_THAT(text, ::testing::ContainsRegex("down_revision = \"[0-9a-f]{12}\""));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("current");
  EXPECT_THAT(r.out, HasSubstr("3f2a1b9c8d7e"));
}

}  // namespace
}  // namespace retort::test
