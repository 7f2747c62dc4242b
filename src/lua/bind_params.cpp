// Placeholder rewriting for op.get_bind() (see bind_params.hpp).
#include "lua/bind_params.hpp"

#include <cctype>
#include <set>

#include "retort/error.hpp"

namespace retort::lua {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Walks `sql`, copying quoted text and comments verbatim and calling `on_code` at each other
// position; on_code returns how many characters it consumed (0: copy one character as is).
template <class F>
std::string scan(std::string_view sql, F&& on_code) {
  std::string out;
  size_t i = 0;
  auto copy_until = [&](size_t end) {
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      // Doubled quotes ('it''s') close and reopen, which copies them correctly.
      size_t end = sql.find(c, i + 1);
      copy_until(end == std::string_view::npos ? sql.size() : end + 1);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      copy_until(end == std::string_view::npos ? sql.size() : end);
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      copy_until(end == std::string_view::npos ? sql.size() : end + 2);
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      copy_until(i + 2);  // PostgreSQL cast x::text
    } else if (size_t used = on_code(out, i)) {
      i += used;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

BoundSql bind_positional(std::string_view sql, std::vector<Value> params,
                         const PlaceholderFn& placeholder) {
  int n = 0;
  BoundSql bound;
  bound.sql = scan(sql, [&](std::string& out, size_t i) -> size_t {
    if (sql[i] != '?') return 0;
    out += placeholder(++n);
    return 1;
  });
  if (static_cast<size_t>(n) != params.size())
    throw Error(ErrorKind::Script, "the SQL has " + std::to_string(n) + " ? placeholder(s) but " +
                                       std::to_string(params.size()) + " value(s) were given");
  bound.params = std::move(params);
  return bound;
}

BoundSql bind_named(std::string_view sql, const std::map<std::string, Value>& params,
                    const PlaceholderFn& placeholder) {
  int n = 0;
  BoundSql bound;
  std::set<std::string> used;
  bound.sql = scan(sql, [&](std::string& out, size_t i) -> size_t {
    if (sql[i] != ':' || i + 1 >= sql.size() || !ident_start(sql[i + 1])) return 0;
    if (i > 0 && ident_char(sql[i - 1])) return 0;  // e.g. a time literal outside quotes
    size_t end = i + 1;
    while (end < sql.size() && ident_char(sql[end])) ++end;
    std::string name(sql.substr(i + 1, end - i - 1));
    auto it = params.find(name);
    if (it == params.end())
      throw Error(ErrorKind::Script,
                  "the SQL uses :" + name + " but no value named '" + name + "' was given");
    used.insert(name);
    out += placeholder(++n);
    bound.params.push_back(it->second);
    return end - i;
  });
  for (const auto& [name, value] : params)
    if (!used.count(name))
      throw Error(ErrorKind::Script,
                  "a value named '" + name + "' was given but the SQL has no :" + name);
  return bound;
}

}  // namespace retort::lua
