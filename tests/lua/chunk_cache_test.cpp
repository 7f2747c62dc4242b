// ChunkCache and ScriptRunner::use_cache: a cached chunk is used only for the very source it was
// compiled from; a damaged, foreign or unwritable cache file is never an error.
#include "lua/chunk_cache.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdint>

#include "collecting_sink.hpp"
#include "lua/script_runner.hpp"
#include "script/cache_file.hpp"
#include "support/test_env.hpp"

namespace retort {
namespace {

using lua::ChunkCache;
using test::CollectingSink;
using test::read_file;
using test::TempDir;
using test::write_file;

TEST(ChunkCacheTest, StoredChunkIsFoundAgainOnlyForTheSameSource) {
  TempDir dir;
  const auto file = dir.path() / ".retort-cache";
  {
    ChunkCache cache(file);
    EXPECT_FALSE(cache.find("a.lua", "return 1"));
    cache.store("a.lua", "return 1", "compiled-a");
    cache.store("b.lua", "return 2", "compiled-b");
    cache.save();
  }
  ChunkCache cache(file);
  ASSERT_TRUE(cache.find("a.lua", "return 1"));
  EXPECT_EQ(*cache.find("a.lua", "return 1"), "compiled-a");
  EXPECT_EQ(*cache.find("b.lua", "return 2"), "compiled-b");
  EXPECT_FALSE(cache.find("a.lua", "return 3"));   // edited, same length
  EXPECT_FALSE(cache.find("a.lua", "return 10"));  // edited, other length
  EXPECT_FALSE(cache.find("c.lua", "return 1"));   // same source, other file
}

TEST(ChunkCacheTest, StoringReplacesTheOlderChunkOfAName) {
  TempDir dir;
  const auto file = dir.path() / ".retort-cache";
  {
    ChunkCache cache(file);
    cache.store("a.lua", "v1", "one");
    cache.save();
  }
  {
    ChunkCache cache(file);
    cache.store("a.lua", "v2", "two");
    cache.save();
  }
  ChunkCache cache(file);
  EXPECT_FALSE(cache.find("a.lua", "v1"));
  EXPECT_EQ(*cache.find("a.lua", "v2"), "two");
}

TEST(ChunkCacheTest, DamagedTruncatedOrForeignFilesAreMisses) {
  TempDir dir;
  const auto file = dir.path() / ".retort-cache";
  {
    ChunkCache cache(file);
    cache.store("a.lua", "return 1", "compiled-chunk-bytes");
    cache.save();
  }
  const std::string good = read_file(file);

  std::string flipped = good;
  flipped[flipped.size() - 3] ^= 0x20;  // inside the chunk's bytes
  write_file(file, flipped);
  EXPECT_FALSE(ChunkCache(file).find("a.lua", "return 1"));

  write_file(file, good.substr(0, good.size() - 5));
  EXPECT_FALSE(ChunkCache(file).find("a.lua", "return 1"));

  write_file(file, "not a cache at all\n");
  EXPECT_FALSE(ChunkCache(file).find("a.lua", "return 1"));

  write_file(file, good);
  EXPECT_TRUE(ChunkCache(file).find("a.lua", "return 1"));
}

TEST(ChunkCacheTest, SaveWithNothingNewWritesNothingAndUnwritableFoldersAreIgnored) {
  TempDir dir;
  const auto file = dir.path() / ".retort-cache";
  ChunkCache(file).save();
  EXPECT_FALSE(std::filesystem::exists(file));

  ChunkCache missing(dir.path() / "no" / "such" / "folder" / ".retort-cache");
  missing.store("a.lua", "x", "y");
  missing.save();  // no throw, no file
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "no"));
}

TEST(ChunkCacheTest, HashTellsSourcesApart) {
  EXPECT_EQ(ChunkCache::hash("abc"), ChunkCache::hash("abc"));
  EXPECT_NE(ChunkCache::hash("abc"), ChunkCache::hash("abd"));
  EXPECT_NE(ChunkCache::hash(""), ChunkCache::hash(std::string_view("\0", 1)));
  EXPECT_NE(ChunkCache::hash("0123456789abcdef"), ChunkCache::hash("0123456789abcdeg"));
}

// --- through ScriptRunner --------------------------------------------------------------------

// Runs upgrade() of `file` with a cache at `cache`, returning the SQL of the op.execute calls.
std::vector<std::string> run_cached(const std::filesystem::path& file,
                                    const std::filesystem::path& cache) {
  ScriptRunner runner;
  runner.use_cache(cache);
  CollectingSink sink;
  runner.run(file, "upgrade", sink, {});
  std::vector<std::string> sql;
  for (const auto& op : sink.ops)
    if (const auto* e = std::get_if<ops::Execute>(&op)) sql.push_back(e->sql);
  return sql;
}

TEST(ChunkCacheTest, RunnerUsesTheCacheAndNeverRunsAStaleChunk) {
  TempDir dir;
  const auto script = dir.path() / "a.lua";
  const auto cache = dir.path() / ".retort-cache";
  write_file(script, "function upgrade()\n  op.execute('SELECT 1')\nend\n");
  EXPECT_EQ(run_cached(script, cache), std::vector<std::string>{"SELECT 1"});
  ASSERT_TRUE(std::filesystem::exists(cache));
  EXPECT_EQ(run_cached(script, cache), std::vector<std::string>{"SELECT 1"});

  // Edited in place, same length: the new text runs, and the cache learns it.
  write_file(script, "function upgrade()\n  op.execute('SELECT 2')\nend\n");
  EXPECT_EQ(run_cached(script, cache), std::vector<std::string>{"SELECT 2"});
  EXPECT_EQ(run_cached(script, cache), std::vector<std::string>{"SELECT 2"});
}

TEST(ChunkCacheTest, ErrorsFromACachedChunkKeepFileAndLine) {
  TempDir dir;
  const auto script = dir.path() / "a.lua";
  const auto cache = dir.path() / ".retort-cache";
  write_file(script, "function upgrade()\n  op.execute('SELECT 1')\n  error('boom')\nend\n");
  std::string first, second;
  for (std::string* msg : {&first, &second}) {
    try {
      run_cached(script, cache);
    } catch (const Error& e) {
      *msg = e.what();
    }
  }
  EXPECT_NE(first.find("a.lua:3: boom"), std::string::npos) << first;
  EXPECT_EQ(first, second);
}

TEST(ChunkCacheTest, StampedEntriesAreFoundOnlyForTheSameStampOlderThanTheCache) {
  TempDir dir;
  const auto file = dir.path() / ".retort-cache";
  const FileStamp stamp{7, 40, 1000, 2000};
  {
    ChunkCache cache(file);
    cache.store("a.lua", "return 1", "CHUNK-A", &stamp);
    cache.store("b.lua", "return 2", "CHUNK-B");  // no stamp: found by source only
    // Not in the file yet: a stamp is trusted only against a written cache.
    EXPECT_FALSE(cache.find_stamped("a.lua", stamp));
    cache.save();
  }
  ChunkCache cache(file);  // written long after time 2000
  auto hit = cache.find_stamped("a.lua", stamp);
  ASSERT_TRUE(hit);
  EXPECT_EQ(*hit, "CHUNK-A");
  for (FileStamp other : {FileStamp{8, 40, 1000, 2000}, FileStamp{7, 41, 1000, 2000},
                          FileStamp{7, 40, 1001, 2000}, FileStamp{7, 40, 1000, 2001}})
    EXPECT_FALSE(cache.find_stamped("a.lua", other));
  EXPECT_FALSE(cache.find_stamped("b.lua", FileStamp{}));
  EXPECT_FALSE(cache.find_stamped("c.lua", stamp));
  EXPECT_TRUE(cache.find("b.lua", "return 2"));
}

TEST(ChunkCacheTest, StampNotOlderThanTheCacheIsNotTrusted) {
  TempDir dir;
  const auto file = dir.path() / ".retort-cache";
  const auto when = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  const std::int64_t when_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::file_clock::to_sys(when).time_since_epoch())
                                   .count();
  const FileStamp racy{7, 40, when_ns, when_ns};
  {
    ChunkCache cache(file);
    cache.store("a.lua", "return 1", "CHUNK-A", &racy);
    cache.save();
  }
  std::filesystem::last_write_time(file, when);  // the file changed in the cache's own tick
  ChunkCache cache(file);
  EXPECT_FALSE(cache.find_stamped("a.lua", racy));
  EXPECT_TRUE(cache.find("a.lua", "return 1"));
}

// With a stamp the runner takes the chunk stored for it and does not read the file: shown here
// by changing the text behind an unchanged (old, made-up) stamp. In real runs the stamp comes
// from stat, so an edit changes it and the file is read again (RunnerUsesTheCache... above).
TEST(ChunkCacheTest, RunnerWithAKnownStampDoesNotReadTheFile) {
  TempDir dir;
  const auto script = dir.path() / "a.lua";
  const auto cache = dir.path() / ".retort-cache";
  const FileStamp stamp{12345, 50, 1000, 1000};
  auto run = [&](const FileStamp* s) {
    ScriptRunner runner;
    runner.use_cache(cache);
    CollectingSink sink;
    runner.run(script, "upgrade", sink, {}, nullptr, s);
    std::vector<std::string> sql;
    for (const auto& op : sink.ops)
      if (const auto* e = std::get_if<ops::Execute>(&op)) sql.push_back(e->sql);
    return sql;
  };
  write_file(script, "function upgrade()\n  op.execute('SELECT 1')\nend\n");
  EXPECT_EQ(run(&stamp), std::vector<std::string>{"SELECT 1"});
  write_file(script, "function upgrade()\n  op.execute('SELECT 2')\nend\n");
  EXPECT_EQ(run(&stamp), std::vector<std::string>{"SELECT 1"});  // the file was not read
  EXPECT_EQ(run(nullptr), std::vector<std::string>{"SELECT 2"});  // without a stamp it is
  const FileStamp other{12345, 50, 1000, 1001};
  EXPECT_EQ(run(&other), std::vector<std::string>{"SELECT 2"});  // another stamp: read
  // A stamp from the future (newer than the run) is never trusted nor stored.
  const FileStamp future{12345, 50, 1000, INT64_MAX};
  EXPECT_EQ(run(&future), std::vector<std::string>{"SELECT 2"});
}

TEST(ChunkCacheTest, SyntaxErrorsAreNotCached) {
  TempDir dir;
  const auto script = dir.path() / "a.lua";
  const auto cache = dir.path() / ".retort-cache";
  write_file(script, "function upgrade(\nend\n");
  EXPECT_THROW(run_cached(script, cache), Error);
  EXPECT_FALSE(std::filesystem::exists(cache));
}

}  // namespace
}  // namespace retort
