// HeaderCache and ScriptDirectory::load with it: a header is reused only while its file is the
// very file it was read from; edits, new and deleted files and a damaged cache are all seen.
#include "script/header_cache.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

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

TEST_F(HeaderCacheTest, OffWithScriptCacheFalse) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  config_.script_cache = false;
  EXPECT_EQ(heads(), std::vector<std::string>{"aaaa"});
  EXPECT_FALSE(fs::exists(cache()));
  EXPECT_EQ(ScriptDirectory::load(config_, /*keep_sources=*/true).stamp("aaaa"), nullptr);
}

// A run that executes scripts (keep_sources) uses the cache too: a cached header's file is not
// read, and the runner gets its stamp instead of its text, to take its chunk from the chunk
// cache. Only stamps older than the run are handed out (a newer one may be shared with an edit
// still to come).
TEST_F(HeaderCacheTest, RunsThatExecuteScriptsGetStampsForCachedFiles) {
  write_file(versions_ / "a.lua", script("aaaa", "", "first"));
  // Change times cannot be set back: wait until the file's is older than the coarse clock.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  {
    ScriptDirectory first = ScriptDirectory::load(config_, /*keep_sources=*/true);
    ASSERT_NE(first.file_text("aaaa"), nullptr);  // read: not cached yet
  }
  ASSERT_TRUE(fs::exists(cache()));
  fs::last_write_time(cache(), fs::file_time_type::clock::now() + std::chrono::seconds(1));
  ScriptDirectory again = ScriptDirectory::load(config_, /*keep_sources=*/true);
  EXPECT_EQ(again.file_text("aaaa"), nullptr);  // the header came from the cache
  const FileStamp* stamp = again.stamp("aaaa");
  ASSERT_NE(stamp, nullptr);
  struct stat st {};
  ASSERT_EQ(::stat((versions_ / "a.lua").c_str(), &st), 0);
  EXPECT_EQ(*stamp, stamp_of(st));
  EXPECT_EQ(again.info("aaaa").message, "first");
}

// Writes a cache holding `infos` for `names` (sorted) with `stamps`.
void write_cache(const fs::path& file, const std::vector<std::string>& names,
                 const std::vector<FileStamp>& stamps, const std::vector<RevisionInfo>& infos) {
  HeaderCache cache(file);
  cache.save(names, stamps, std::vector<char>(names.size(), 1), infos.data(), 0);
}

TEST(HeaderCacheUnit, StampMustMatchExactly) {
  TempDir dir;
  RevisionInfo info;
  info.revision = "r1";
  info.down_revisions = {"p1", "p2"};
  info.branch_labels = {"l"};
  info.depends_on = {"d"};
  info.message = "m";
  info.doc = "m\n\nmore";
  info.create_date = "2026-12-01 00:00:00";
  const FileStamp stamp{1, 2, 3, 4};
  write_cache(dir.path() / "c", {"x.lua"}, {stamp}, {info});
  {
    HeaderCache again(dir.path() / "c");  // written long after time 4
    RevisionInfo got;
    ASSERT_TRUE(again.take("x.lua", stamp, got));
    EXPECT_EQ(got.revision, "r1");
    EXPECT_EQ(got.down_revisions, info.down_revisions);
    EXPECT_EQ(got.branch_labels, info.branch_labels);
    EXPECT_EQ(got.depends_on, info.depends_on);
    EXPECT_EQ(got.message, info.message);
    EXPECT_EQ(got.doc, info.doc);
    EXPECT_EQ(got.create_date, info.create_date);
  }
  for (FileStamp other :
       {FileStamp{9, 2, 3, 4}, FileStamp{1, 9, 3, 4}, FileStamp{1, 2, 9, 4}, FileStamp{1, 2, 3, 9}}) {
    HeaderCache again(dir.path() / "c");
    RevisionInfo got;
    EXPECT_FALSE(again.take("x.lua", other, got));
  }
  HeaderCache again(dir.path() / "c");
  RevisionInfo got;
  EXPECT_FALSE(again.take("y.lua", stamp, got));
  EXPECT_FALSE(again.take("a.lua", stamp, got));
}

TEST(HeaderCacheUnit, ManyEntriesAreFoundWhateverTheOrderAsked) {
  TempDir dir;
  std::vector<std::string> names;
  std::vector<FileStamp> stamps;
  std::vector<RevisionInfo> infos;
  for (int i = 0; i < 300; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d_r.lua", i);
    names.push_back(name);
    stamps.push_back(FileStamp{static_cast<std::uint64_t>(i), 10, 5, 5});
    RevisionInfo info;
    info.revision = "rev" + std::to_string(i);
    infos.push_back(info);
  }
  write_cache(dir.path() / "c", names, stamps, infos);
  HeaderCache again(dir.path() / "c");
  for (int i = 299; i >= 0; i -= 7) {
    RevisionInfo got;
    ASSERT_TRUE(again.take(names[i], stamps[i], got)) << names[i];
    EXPECT_EQ(got.revision, "rev" + std::to_string(i));
  }
}

TEST(HeaderCacheUnit, NotRewrittenWhenEveryHeaderWasTaken) {
  TempDir dir;
  const fs::path file = dir.path() / "c";
  RevisionInfo info;
  info.revision = "r1";
  write_cache(file, {"a.lua", "b.lua"}, {FileStamp{1, 1, 1, 1}, FileStamp{2, 2, 2, 2}},
              {info, info});
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(file, old);
  std::vector<RevisionInfo> got(2);
  {
    HeaderCache cache(file);
    ASSERT_TRUE(cache.take("a.lua", FileStamp{1, 1, 1, 1}, got[0]));
    ASSERT_TRUE(cache.take("b.lua", FileStamp{2, 2, 2, 2}, got[1]));
    cache.save({"a.lua", "b.lua"}, {FileStamp{1, 1, 1, 1}, FileStamp{2, 2, 2, 2}}, {1, 1},
               got.data(), 2);
  }
  EXPECT_EQ(fs::last_write_time(file), old);
  {
    // One file gone: the cache is written again, without it.
    HeaderCache cache(file);
    ASSERT_TRUE(cache.take("a.lua", FileStamp{1, 1, 1, 1}, got[0]));
    cache.save({"a.lua"}, {FileStamp{1, 1, 1, 1}}, {1}, got.data(), 1);
  }
  EXPECT_NE(fs::last_write_time(file), old);
  HeaderCache again(file);
  RevisionInfo r;
  EXPECT_TRUE(again.take("a.lua", FileStamp{1, 1, 1, 1}, r));
  EXPECT_EQ(r.revision, "r1");
  EXPECT_FALSE(again.take("b.lua", FileStamp{2, 2, 2, 2}, r));
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
  write_cache(file, {"old.lua", "racy.lua"},
              {FileStamp{1, 2, when_ns - 10, when_ns - 10}, FileStamp{1, 2, when_ns, when_ns}},
              {info, info});
  fs::last_write_time(file, when);
  HeaderCache again(file);
  RevisionInfo got;
  EXPECT_FALSE(again.take("racy.lua", FileStamp{1, 2, when_ns, when_ns}, got));
  EXPECT_TRUE(again.take("old.lua", FileStamp{1, 2, when_ns - 10, when_ns - 10}, got));
}

}  // namespace
}  // namespace retort
