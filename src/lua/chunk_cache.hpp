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
// save() replaces the file atomically (temporary file + rename), so concurrent runs never see
// a half-written one, and any failure to write is ignored (a read-only deployment still runs).
// Not thread-safe; one per ScriptRunner.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace retort {
class MappedFile;
}

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
  // Records the chunk compiled from `source` under `name`, replacing an older one.
  void store(const std::string& name, std::string_view source, std::string chunk);
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
    std::string_view chunk;  // into the mapped file, or `owned`
    std::string owned;       // stored by this run
  };
  void read();

  std::filesystem::path file_;
  bool read_ = false;
  std::unique_ptr<MappedFile> map_;  // the file as read (chunks point into it)
  std::unordered_map<std::string, Entry> entries_;
  bool dirty_ = false;
};

}  // namespace retort::lua
