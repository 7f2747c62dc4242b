// Replacing the cache files retort keeps beside the scripts (.retort-cache, .retort-headers).
#pragma once

#include <filesystem>
#include <string_view>

namespace retort {

// Writes `data` to `<file>.tmp.<pid>` and renames it over `file`, so a concurrent reader sees
// the old file or the new one, never part of one. Returns false (and leaves no temporary file)
// when anything fails; never throws: a cache that cannot be written is simply not written.
bool replace_file_atomically(const std::filesystem::path& file, std::string_view data) noexcept;

}  // namespace retort
