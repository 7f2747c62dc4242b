// Reading a whole file (file.hpp).
#include "base/file.hpp"

#include <fstream>
#include <sstream>

namespace retort {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

}  // namespace retort
