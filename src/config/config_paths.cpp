// Config: defaults and path resolution (loading from TOML is in config.cpp).
#include <filesystem>

#include "retort/config.hpp"

namespace retort {

Config Config::defaults() {
  Config c;
  c.root = std::filesystem::current_path();
  return c;
}

std::filesystem::path Config::resolve(const std::filesystem::path& p) const {
  if (p.empty() || p.is_absolute()) return p;
  return root / p;
}

std::vector<std::filesystem::path> Config::version_dirs() const {
  std::vector<std::filesystem::path> dirs;
  if (version_locations.empty()) {
    dirs.push_back(resolve(script_location) / "versions");
  } else {
    for (const auto& p : version_locations) dirs.push_back(resolve(p));
  }
  return dirs;
}

std::string Config::history_table_name() const {
  return history_table.empty() ? version_table + "_history" : history_table;
}

}  // namespace retort
