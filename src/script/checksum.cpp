#include "script/checksum.hpp"

#include "base/sha256.hpp"

namespace retort {

std::string checksum_normal_form(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string script_checksum(std::string_view text) {
  return "sha256:" + sha256_hex(checksum_normal_form(text));
}

}  // namespace retort
