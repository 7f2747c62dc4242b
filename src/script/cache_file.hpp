// Replacing the cache files retort keeps beside the scripts (.retort-cache, .retort-headers).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace retort {

// What tells one version of a file from another without reading it (as Git's index does):
// inode, size, and modification and change times in nanoseconds. All zero: not known.
struct FileStamp {
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
  bool known() const { return inode != 0 || ctime_ns != 0; }
};

// The stamp of what `st` describes.
FileStamp stamp_of(const struct stat& st);

// The coarse wall clock file times are taken from, in nanoseconds. A file whose stamp has a
// change time before this reading, taken before the file is read, keeps that stamp only while
// it is unchanged: any later change gets a change time at least this. A stamp that is not
// older may be shared with an edit still to come (times are coarse), so it is not recorded.
std::int64_t file_clock_now_ns();

// Writes `data` to `<file>.tmp.<pid>` and renames it over `file`, so a concurrent reader sees
// the old file or the new one, never part of one. Returns false (and leaves no temporary file)
// when anything fails; never throws: a cache that cannot be written is simply not written.
bool replace_file_atomically(const std::filesystem::path& file, std::string_view data) noexcept;

// A cache file mapped read-only, or nothing when it is missing, empty or not a regular file.
// Only the pages a run reads become resident, a fault-around's worth at a time, where reading
// the file into a buffer would fault in every page of the buffer twice over (zeroed, then
// copied). Never throws.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& file) noexcept;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  explicit operator bool() const { return data_ != nullptr; }
  // The file's modification time when it was mapped, in nanoseconds since the epoch.
  std::int64_t mtime_ns() const { return mtime_ns_; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
  std::int64_t mtime_ns_ = 0;
};

}  // namespace retort
