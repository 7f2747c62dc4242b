// Parameter binding for op.get_bind():execute/query: rewrites a script's `?` or `:name`
// placeholders (SQLAlchemy text() style) into the dialect's own ($1 on PostgreSQL) and orders
// the values to match. Values are always bound, never pasted. Pure: no Lua, no database.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "retort/value.hpp"

namespace retort::lua {

struct BoundSql {
  std::string sql;
  std::vector<Value> params;
};

// The dialect's n-th (1-based) placeholder, e.g. "?" or "$1".
using PlaceholderFn = std::function<std::string(int)>;

// `?` placeholders, in order. Placeholders inside string literals, quoted identifiers and
// comments are left alone. Error(Script) when the count of `?` differs from params.size().
BoundSql bind_positional(std::string_view sql, std::vector<Value> params,
                         const PlaceholderFn& placeholder);

// `:name` placeholders (a name used twice binds its value twice); `::` casts, literals, quoted
// identifiers and comments are left alone. Error(Script) for a name without a value or a value
// no placeholder uses.
BoundSql bind_named(std::string_view sql, const std::map<std::string, Value>& params,
                    const PlaceholderFn& placeholder);

}  // namespace retort::lua
