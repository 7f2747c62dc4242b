#include "script/path_display.hpp"

namespace retort {

const PathDisplay::Folder& PathDisplay::folder(const std::string& as_given) {
  auto it = folders_.find(as_given);
  if (it != folders_.end()) return it->second;
  Folder f;
  std::error_code ec;
  if (!base_ready_) {
    base_ready_ = true;
    if (base_.empty()) base_ = std::filesystem::current_path(ec);
    if (!ec) base_ = std::filesystem::weakly_canonical(base_, ec);
    if (ec) base_.clear();
  }
  if (!base_.empty()) {
    std::filesystem::path canonical = std::filesystem::weakly_canonical(
        as_given.empty() ? std::filesystem::path(".") : std::filesystem::path(as_given), ec);
    if (!ec && !canonical.empty()) {
      // Relative to the base as a file in it would be: "x" stands for the file name.
      std::filesystem::path rel = (canonical / "x").lexically_relative(base_);
      if (!rel.empty() && rel.native().rfind("..", 0) != 0) {
        f.relative = true;
        f.prefix = rel.parent_path().native();
        if (!f.prefix.empty()) f.prefix += '/';
      }
    }
  }
  return folders_.emplace(as_given, std::move(f)).first->second;
}

std::string PathDisplay::operator()(std::string_view file) {
  const size_t slash = file.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
  // "a/b/" names no file; "/x" lies in the root folder.
  if (name.empty() || name == "." || name == "..") return std::string(file);
  const std::string as_given(slash == std::string_view::npos ? std::string_view{}
                             : slash == 0                    ? file.substr(0, 1)
                                                             : file.substr(0, slash));
  const Folder& f = folder(as_given);
  if (!f.relative) return std::string(file);
  std::string out;
  out.reserve(f.prefix.size() + name.size());
  out.append(f.prefix).append(name);
  return out;
}

}  // namespace retort
