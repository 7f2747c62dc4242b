// HeaderCache and ScriptDirectory::load with it: a header is reused only while its file is the
// very file it was read from; edits, new and deleted files and a damaged cache are all seen.
#include "script/header_cache.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "retort/config.hpp"
#include "script/script_directory.hpp"
#include "support/test_env.hpp"

namespace retort {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::TempDir;
using test::write_file;

std::string script(const std::string& rev, const std::string& down, const std::string& msg) {
  return "--- " + msg + "\nrevision = \"" + rev +
         "\"\ndown_revision = " + (down.empty() ? "nil" : "\"" + down + "\"") +
         "\n\nfunction upgrade()\nend\n\nfunction downgrade()\nend\n";
}

class HeaderCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = Config::defaults();
    config_.root = dir_.path();
    versions_ = dir_.path() / "migrations" / "versions";
    fs::create_directories(versions_);
  }
  std::vector<std::string> heads() { return ScriptDirectory::load(config_).graph().heads(); }
  fs::path cache() const { return versions_ / ".retort-headers"; }

  TempDir dir_;
  Config config_;
  fs::path versions_;
};

TEST_F(HeaderCacheTest, WrittenByAHeadersOnlyRunAndReused) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  write_file(versions_ / "b.lua", script("bbbb", "aaaa", "second"));
  EXPECT_EQ(heads(), std::vector<std::string>{"bbbb"});
  ASSERT_TRUE(fs::exists(cache()));
  ScriptDirectory sd = ScriptDirectory::load(config_);
  EXPECT_EQ(sd.graph().heads(), std::vector<std::string>{"bbbb"});
  EXPECT_EQ(sd.info("bbbb").message, "second");
  EXPECT_EQ(sd.info("bbbb").path, versions_ / "b.lua");
  EXPECT_EQ(sd.info("bbbb").down_revisions, std::vector<std::string>{"aaaa"});
}

TEST_F(HeaderCacheTest, AnEditedFileIsReadAgainEvenAtTheSameSize) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  write_file(versions_ / "b.lua", script("bbbb", "aaaa", "second"));
  write_file(versions_ / "c.lua", script("cccc", "aaaa", "third"));
  EXPECT_EQ(heads(), (std::vector<std::string>{"bbbb", "cccc"}));
  // Rebased in place onto bbbb: same length, same inode.
  write_file(versions_ / "c.lua", script("cccc", "bbbb", "third"));
  EXPECT_EQ(heads(), std::vector<std::string>{"cccc"});
}

TEST_F(HeaderCacheTest, NewAndDeletedFilesAreSeen) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  EXPECT_EQ(heads(), std::vector<std::string>{"aaaa"});
  write_file(versions_ / "b.lua", script("bbbb", "aaaa", "second"));
  EXPECT_EQ(heads(), std::vector<std::string>{"bbbb"});
  fs::remove(versions_ / "b.lua");
  EXPECT_EQ(heads(), std::vector<std::string>{"aaaa"});
  // The deleted file's entry is gone from the cache too.
  EXPECT_EQ(read_file(cache()).find("bbbb"), std::string::npos);
}

TEST_F(HeaderCacheTest, DamagedCacheIsIgnoredAndRewritten) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  write_file(versions_ / "b.lua", script("bbbb", "aaaa", "second"));
  EXPECT_EQ(heads(), std::vector<std::string>{"bbbb"});
  const std::string good = read_file(cache());
  for (const std::string& bad :
       {std::string("junk"), good.substr(0, good.size() / 2), good + "trailing"}) {
    write_file(cache(), bad);
    EXPECT_EQ(heads(), std::vector<std::string>{"bbbb"});
    EXPECT_EQ(ScriptDirectory::load(config_).info("bbbb").message, "second");
  }
}

TEST_F(HeaderCacheTest, OffWithScriptCacheFalseAndNotUsedWhenSourcesAreKept) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  config_.script_cache = false;
  EXPECT_EQ(heads(), std::vector<std::string>{"aaaa"});
  EXPECT_FALSE(fs::exists(cache()));
  config_.script_cache = true;
  ScriptDirectory::load(config_, /*keep_sources=*/true);
  EXPECT_FALSE(fs::exists(cache()));
}

TEST(HeaderCacheUnit, StampMustMatchExactly) {
  TempDir dir;
  HeaderCache cache(dir.path() / "c");
  RevisionInfo info;
  info.revision = "r1";
  info.down_revisions = {"p1", "p2"};
  info.branch_labels = {"l"};
  info.depends_on = {"d"};
  info.message = "m";
  info.doc = "m\n\nmore";
  info.create_date = "2026-12-01 00:00:00";
  const FileStamp stamp{1, 2, 3, 4};
  cache.store("x.lua", stamp, info);
  cache.save({"x.lua"});
  HeaderCache again(dir.path() / "c");  // written long after time 4
  ASSERT_NE(again.find("x.lua", stamp), nullptr);
  const RevisionInfo& got = *again.find("x.lua", stamp);
  EXPECT_EQ(got.revision, "r1");
  EXPECT_EQ(got.down_revisions, info.down_revisions);
  EXPECT_EQ(got.branch_labels, info.branch_labels);
  EXPECT_EQ(got.depends_on, info.depends_on);
  EXPECT_EQ(got.doc, info.doc);
  EXPECT_EQ(got.create_date, info.create_date);
  for (FileStamp other :
       {FileStamp{9, 2, 3, 4}, FileStamp{1, 9, 3, 4}, FileStamp{1, 2, 9, 4}, FileStamp{1, 2, 3, 9}})
    EXPECT_EQ(again.find("x.lua", other), nullptr);
  EXPECT_EQ(again.find("y.lua", stamp), nullptr);
}

TEST(HeaderCacheUnit, EntriesNotOlderThanTheCacheAreNotTrusted) {
  TempDir dir;
  const fs::path file = dir.path() / "c";
  RevisionInfo info;
  info.revision = "r1";
  // The file changed at the very time the cache was written: same coarse tick, so an edit in
  // that tick could keep the stamp. Such an entry is a miss until a later cache postdates it.
  const auto when = fs::file_time_type::clock::now() - std::chrono::hours(1);
  const std::int64_t when_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::file_clock::to_sys(when).time_since_epoch())
                                   .count();
  {
    HeaderCache cache(file);
    cache.store("racy.lua", FileStamp{1, 2, when_ns, when_ns}, info);
    cache.store("old.lua", FileStamp{1, 2, when_ns - 10, when_ns - 10}, info);
    cache.save({"racy.lua", "old.lua"});
  }
  fs::last_write_time(file, when);
  HeaderCache again(file);
  EXPECT_EQ(again.find("racy.lua", FileStamp{1, 2, when_ns, when_ns}), nullptr);
  EXPECT_NE(again.find("old.lua", FileStamp{1, 2, when_ns - 10, when_ns - 10}), nullptr);
}

}  // namespace
}  // namespace retort
