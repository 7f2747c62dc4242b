// defines_downgrade and revisions_without_downgrade (downgrade_scan.hpp).
#include "script/downgrade_scan.hpp"

#include <cctype>

#include "script/sql_revision.hpp"

namespace retort {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

bool defines_downgrade(std::string_view lua) {
  constexpr std::string_view word = "downgrade";
  for (size_t at = lua.find(word); at != std::string_view::npos; at = lua.find(word, at + 1)) {
    const size_t end = at + word.size();
    if ((at > 0 && ident_char(lua[at - 1])) || (end < lua.size() && ident_char(lua[end]))) continue;
    // `function downgrade(`: the word before is `function`.
    size_t b = at;
    while (b > 0 && std::isspace(static_cast<unsigned char>(lua[b - 1]))) --b;
    if (b >= 8 && lua.substr(b - 8, 8) == "function" && (b == 8 || !ident_char(lua[b - 9])) &&
        b < at) {
      return true;
    }
    // `downgrade = function`
    size_t i = skip_space(lua, end);
    if (i < lua.size() && lua[i] == '=' && (i + 1 >= lua.size() || lua[i + 1] != '=')) {
      i = skip_space(lua, i + 1);
      if (lua.substr(i, 8) == "function") return true;
    }
  }
  return false;
}

std::vector<std::string> revisions_without_downgrade(const ScriptDirectory& dir) {
  std::vector<std::string> out;
  for (const auto& info : dir.revisions()) {
    if (is_sql_revision(info.path)) continue;
    if (!defines_downgrade(dir.text(info.revision))) out.push_back(info.path);
  }
  return out;
}

}  // namespace retort
