// Reading a whole file: the one helper the folders that read user files share.
// Ground floor (src/base/): depends on nothing but the standard library. Callers word their own
// error, since only they know what the file is to the user (a models file, retort.toml, ...).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace retort {

// The file's bytes, unchanged (binary mode: no newline translation); nullopt when it cannot be
// opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

// Writes a new file, refusing to overwrite one that exists: Error(Usage) "PATH already exists:
// not overwriting it"; Error(Config) when it cannot be written.
void write_new_file(const std::filesystem::path& path, const std::string& text);

}  // namespace retort
