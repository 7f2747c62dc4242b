// HeaderCache: the parsed headers of a versions folder, kept between runs.
//
// `retort heads` and `history` need only each revision's header, but reading it costs three
// system calls per file (open, read, close): with 1,000 revisions that was most of the time of
// `heads` (bench/RESULTS.md). The cache (<versions folder>/.retort-headers, one per folder)
// records for each file name the header parsed from it and the file's identity when it was
// read: inode, size, and modification and change times in nanoseconds. A later run stats the
// file (one system call) and reuses the header only when all four match and the file changed
// before the cache was written (see take()); any other file is read and parsed as before. A
// missing, damaged or foreign cache is an empty one; writes are atomic (temporary file + rename)
// and failures to write are ignored. The format is in docs/design/script-cache.md. take() may be
// called from several threads at once (for different names); save() from one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "retort/scripts.hpp"
#include "script/cache_file.hpp"

namespace retort {

class HeaderCache {
 public:
  // Reads `file` if it is a cache this build wrote.
  explicit HeaderCache(std::filesystem::path file);

  // Moves the header stored for `name` into `out` when it was read from a file stamped `stamp`
  // (RevisionInfo::path and the is_* flags are not stored: the caller sets them); false
  // otherwise. Each name is taken at most once; calls for different names may run on several
  // threads at once.
  bool take(std::string_view name, const FileStamp& stamp, RevisionInfo& out);

  // Makes the cache hold exactly these files: `names` (sorted, as the folder lists them), their
  // stamps and headers; `stamped[i]` false means file i could not be stamped and is left out.
  // `taken` is how many headers take() gave: when that is every name and every entry, the file
  // already says all this and is not written again. Never throws.
  void save(const std::vector<std::string>& names, const std::vector<FileStamp>& stamps,
            const std::vector<char>& stamped, const RevisionInfo* infos, size_t taken) noexcept;

 private:
  // The header itself is decoded from the mapped file only when take() hands it out.
  struct Entry {
    std::string_view name;    // into map_
    FileStamp stamp;
    std::string_view record;  // into map_: the encoded header
  };
  std::filesystem::path file_;
  MappedFile map_;
  // Sorted by name (the order save() writes), so a lookup is a binary search: no hashing, and
  // no copy of each name.
  std::vector<Entry> entries_;
  bool rewrite_ = false;  // the file is readable but not as save() writes it
};

}  // namespace retort
