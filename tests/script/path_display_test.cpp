// PathDisplay: how error messages name a script. Below the base folder, relative to it, however
// the path was written; elsewhere, exactly as given.
#include "script/path_display.hpp"

#include <gtest/gtest.h>

#include "support/test_env.hpp"

namespace retort {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

class PathDisplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::weakly_canonical(dir_.path() / "project");
    fs::create_directories(base_ / "migrations" / "versions");
    fs::create_directories(dir_.path() / "elsewhere");
  }
  TempDir dir_;
  fs::path base_;
};

TEST_F(PathDisplayTest, BelowTheBaseRelativeToIt) {
  PathDisplay show(base_);
  const std::string abs = (base_ / "migrations" / "versions" / "a.lua").string();
  EXPECT_EQ(show(abs), "migrations/versions/a.lua");
  // The second file of a folder is answered from that folder's prefix; the same answer.
  EXPECT_EQ(show((base_ / "migrations" / "versions" / "b.lua").string()),
            "migrations/versions/b.lua");
  EXPECT_EQ(show((base_ / "migrations" / "versions" / ".." / "versions" / "c.lua").string()),
            "migrations/versions/c.lua");
  EXPECT_EQ(show((base_ / "env.lua").string()), "env.lua");
  EXPECT_EQ(show(fs::path(abs)), "migrations/versions/a.lua");  // the path overload agrees
}

TEST_F(PathDisplayTest, OutsideTheBaseAsGiven) {
  PathDisplay show(base_);
  const std::string other = (dir_.path() / "elsewhere" / "x.lua").string();
  EXPECT_EQ(show(other), other);
  EXPECT_EQ(show(other), other);  // and again, from the folder's cached answer
  const std::string up = (base_ / ".." / "elsewhere" / "y.lua").string();
  EXPECT_EQ(show(up), up);
}

TEST_F(PathDisplayTest, RelativePathsAgainstTheWorkingDirectory) {
  const fs::path saved = fs::current_path();
  fs::current_path(base_);
  PathDisplay show;  // the working directory, read on first use
  EXPECT_EQ(show(std::string("migrations/versions/a.lua")), "migrations/versions/a.lua");
  EXPECT_EQ(show(std::string("./migrations/versions/b.lua")), "migrations/versions/b.lua");
  EXPECT_EQ(show(std::string("a.lua")), "a.lua");
  EXPECT_EQ(show(std::string("../elsewhere/x.lua")), "../elsewhere/x.lua");
  // Not a file name: left alone.
  EXPECT_EQ(show(std::string("migrations/")), "migrations/");
  fs::current_path(saved);
}

}  // namespace
}  // namespace retort
