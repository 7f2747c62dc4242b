// PathDisplay: a script's path as messages show it, relative to a base folder when it lies inside.
//
// std::filesystem::relative() canonicalises both paths on every call (a readlink per path
// component): for a 1,000-revision run that was most of the system time of `upgrade --sql`
// (bench/RESULTS.md). Scripts of a run live in a handful of folders, so the base and each folder
// are canonicalised once, and the answer for each folder is kept as a prefix: a script's name is
// that prefix and its file name, no path parsed per script. Not thread-safe; one per run.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

namespace retort {

class PathDisplay {
 public:
  // `base` empty: the working directory, read on first use.
  explicit PathDisplay(std::filesystem::path base = {}) : base_(std::move(base)) {}

  // `file` relative to the base when it lies below it, else `file` as given.
  std::string operator()(std::string_view file);
  std::string operator()(const std::string& file) { return (*this)(std::string_view(file)); }
  std::string operator()(const std::filesystem::path& file) {
    return (*this)(std::string_view(file.native()));
  }

 private:
  struct Folder {
    bool relative = false;  // below the base: shown as `prefix` + file name
    std::string prefix;     // the folder relative to the base, with a trailing '/' (or empty)
  };
  const Folder& folder(const std::string& as_given);

  std::filesystem::path base_;
  bool base_ready_ = false;
  std::unordered_map<std::string, Folder> folders_;  // as given -> how files in it are shown
};

}  // namespace retort
