// ChunkCache: compiled Lua chunks kept on disk between runs, like Python's __pycache__.
//
// Parsing is most of what running a revision script costs: for a 1,000-revision
// `upgrade head --sql` Lua's parser ran 220 M of 527 M instructions, loading the same chunks
// precompiled (lua_dump / lua_load in binary mode) 26 M (bench/RESULTS.md). The cache is one
// file per project (<script_location>/.retort-cache, format in docs/design/script-cache.md)
// holding, per chunk name, the chunk compiled from a source whose length and 64-bit hash it
// records. An entry is used only when the source being run has that length and hash and the
// stored bytes still hash to what was written; anything else (a missing, foreign, truncated or
// corrupt file) is a miss, never an error: the script is parsed as if there were no cache.
// An entry also records the stamp (inode, size, times) its file had when it was compiled, so a
// run that knows a file's current stamp can take the chunk without reading the file at all
// (find_stamped; the same trust rule as the header cache and Git's index).
// save() replaces the file atomically (temporary file + rename), so concurrent runs never see
// a half-written one, and any failure to write is ignored (a read-only deployment still runs).
// Thread-safe: the runners of one offline run share it (runtime/scripts_ahead.hpp). The
// destructor saves, as save() does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace retort {
class MappedFile;
struct FileStamp;
}  // namespace retort

namespace retort::lua {

class ChunkCache {
 public:
  // `file` is read on first use, if it exists and is a cache this build can use.
  explicit ChunkCache(std::filesystem::path file);
  ~ChunkCache();
  ChunkCache(const ChunkCache&) = delete;
  ChunkCache& operator=(const ChunkCache&) = delete;

  // The compiled chunk stored for `name`, if it was compiled from exactly `source`.
  std::optional<std::string_view> find(const std::string& name, std::string_view source);
  // The chunk stored for `name` when its file, at the time it was compiled, had exactly
  // `stamp`, and changed strictly before the cache was written (an edit within the file
  // system's time granularity could keep a stamp, so such "racy" entries are not trusted).
  std::optional<std::string_view> find_stamped(const std::string& name, const FileStamp& stamp);
  // Records the chunk compiled from `source` under `name`, replacing an older one; `stamp`,
  // when known, is the stamp the file had before `source` was read from it.
  void store(const std::string& name, std::string_view source, std::string chunk,
             const FileStamp* stamp = nullptr);
  // Records that the file of `name`, found unchanged by find(), now has `stamp`.
  void restamp(const std::string& name, const FileStamp& stamp);
  // Writes the file when something was stored since it was read. Never throws.
  void save() noexcept;

  // The 64-bit hash the file records for sources and chunks (not cryptographic: it tells an
  // edited script or a damaged file, it does not resist a forger who can write the cache).
  static std::uint64_t hash(std::string_view bytes);

 private:
  struct Entry {
    std::uint64_t source_hash = 0;
    std::uint64_t source_size = 0;
    std::uint64_t chunk_hash = 0;
    std::uint64_t stamp[4] = {0, 0, 0, 0};  // inode, size, mtime, ctime; zeros: none
    std::string_view chunk;                 // into the mapped file, or `owned`
    std::string owned;                      // stored by this run
  };
  void read();
  // The chunk stored for `name` when accept(entry) holds, its bytes checked against its hash.
  template <class Accept>
  std::optional<std::string_view> checked(const std::string& name, Accept accept);

  std::filesystem::path file_;
  bool read_ = false;
  std::unique_ptr<MappedFile> map_;  // the file as read (chunks point into it)
  std::unordered_map<std::string, Entry> entries_;
  bool dirty_ = false;
  std::mutex mutex_;
};

}  // namespace retort::lua
