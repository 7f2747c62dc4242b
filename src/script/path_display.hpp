// PathDisplay: a script's path as messages show it, relative to a base folder when it lies inside.
//
// std::filesystem::relative() canonicalises both paths on every call (a readlink per path
// component): for a 1,000-revision run that was most of the system time of `upgrade --sql`
// (bench/RESULTS.md). Scripts of a run live in a handful of folders, so the base and each folder
// are canonicalised once and the rest is lexical. Not thread-safe; one per run.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

namespace retort {

class PathDisplay {
 public:
  // `base` empty: the working directory, read on first use.
  explicit PathDisplay(std::filesystem::path base = {}) : base_(std::move(base)) {}

  // `file` relative to the base when it lies below it, else `file` as given.
  std::string operator()(const std::filesystem::path& file);

 private:
  std::filesystem::path base_;
  bool base_ready_ = false;
  std::unordered_map<std::string, std::filesystem::path> folders_;  // as given -> canonical
};

}  // namespace retort
