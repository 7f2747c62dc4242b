#include "script/path_display.hpp"

namespace retort {

std::string PathDisplay::operator()(const std::filesystem::path& file) {
  std::error_code ec;
  if (!base_ready_) {
    base_ready_ = true;
    if (base_.empty()) base_ = std::filesystem::current_path(ec);
    if (!ec) base_ = std::filesystem::weakly_canonical(base_, ec);
    if (ec) base_.clear();
  }
  if (base_.empty()) return file.string();
  const std::string folder = file.parent_path().string();
  auto it = folders_.find(folder);
  if (it == folders_.end()) {
    std::filesystem::path canonical = std::filesystem::weakly_canonical(
        folder.empty() ? std::filesystem::path(".") : std::filesystem::path(folder), ec);
    if (ec) canonical.clear();
    it = folders_.emplace(folder, std::move(canonical)).first;
  }
  if (it->second.empty()) return file.string();
  std::filesystem::path rel = (it->second / file.filename()).lexically_relative(base_);
  if (rel.empty() || rel.native().rfind("..", 0) == 0) return file.string();
  return rel.string();
}

}  // namespace retort
