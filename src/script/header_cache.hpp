// HeaderCache: the parsed headers of a versions folder, kept between runs.
//
// `retort heads` and `history` need only each revision's header, but reading it costs three
// system calls per file (open, read, close): with 1,000 revisions that was most of the time of
// `heads` (bench/RESULTS.md). The cache (<versions folder>/.retort-headers, one per folder)
// records for each file name the header parsed from it and the file's identity when it was
// read: inode, size, and modification and change times in nanoseconds. A later run stats the
// file (one system call) and reuses the header only when all four match and the file changed
// before the cache was written (see find()); any other file is read and parsed as before. A
// missing, damaged or foreign cache is an empty one; writes are atomic (temporary file + rename)
// and failures to write are ignored. The format is in docs/design/script-cache.md. find() may be
// called from several threads at once; store() and save() from one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "retort/scripts.hpp"

namespace retort {

// What tells one version of a file from another without reading it.
struct FileStamp {
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

class HeaderCache {
 public:
  // Reads `file` if it is a cache this build wrote.
  explicit HeaderCache(std::filesystem::path file);

  // The header stored for `name` when it was read from a file stamped `stamp`; else null.
  // RevisionInfo::path and the is_* flags are not stored (the caller sets them).
  const RevisionInfo* find(const std::string& name, const FileStamp& stamp) const;
  void store(const std::string& name, const FileStamp& stamp, const RevisionInfo& info);
  // Writes the file if anything changed: entries stored, or entries for files no longer in
  // `present` (all the folder's revision files this run saw) dropped. Never throws.
  void save(const std::vector<std::string>& present) noexcept;

 private:
  struct Entry {
    FileStamp stamp;
    RevisionInfo info;
  };
  std::filesystem::path file_;
  std::int64_t written_ns_ = 0;  // the cache file's modification time when it was read
  std::unordered_map<std::string, Entry> entries_;
  bool dirty_ = false;
};

}  // namespace retort
