// Run state, error positions and argument checking for the Lua bridge (see lua_support.hpp).
#include "lua/lua_support.hpp"

#include <cstring>
#include <vector>

namespace retort::lua {

// The pointer lives in the state's extra space (LUA_EXTRASPACE bytes before it, copied into
// every coroutine it creates), not the registry: every op and sa call reads it, and a registry
// lookup was 1 % of an offline run.
static_assert(LUA_EXTRASPACE >= sizeof(RunState*), "Lua's extra space holds a pointer");

RunState& run_state(lua_State* L) {
  RunState* state;
  std::memcpy(&state, lua_getextraspace(L), sizeof state);
  return *state;
}

void set_run_state(lua_State* L, RunState* state) {
  std::memcpy(lua_getextraspace(L), &state, sizeof state);
}

const NamingConvention& naming_of(lua_State* L) {
  static const NamingConvention kDefault;
  const ScriptContext* ctx = run_state(L).context;
  return ctx ? ctx->naming_convention : kDefault;
}

std::string where(lua_State* L) {
  // The first Lua function up the stack: the script line, whether our C function was called
  // directly, through pcall, or from a batch_alter_table callback. We build the position from
  // `source` rather than luaL_where, whose short_src truncates long paths to 60 characters.
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
    std::string source = ar.source ? ar.source : "?";
    if (!source.empty() && (source[0] == '@' || source[0] == '=')) source.erase(0, 1);
    return source + ":" + std::to_string(ar.currentline) + ": ";
  }
  return "";
}

void raise(lua_State* L, const std::string& message) {
  std::string full = where(L) + message;
  lua_pushlstring(L, full.data(), full.size());
  lua_error(L);
  // lua_error does not return; this keeps [[noreturn]] honest for the compiler.
  throw std::logic_error("lua_error returned");
}

std::string type_name(lua_State* L, int idx) {
  if (lua_isnone(L, idx)) return "nothing";
  if (lua_type(L, idx) == LUA_TUSERDATA && luaL_getmetafield(L, idx, "__name") == LUA_TSTRING) {
    std::string name = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (name == "retort.sa") {
      // sa values tell their own kind through __tostring; keep it short: "sa.Column".
      luaL_tolstring(L, idx, nullptr);
      std::string s = lua_tostring(L, -1);
      lua_pop(L, 1);
      auto paren = s.find('(');
      return paren == std::string::npos ? s : s.substr(0, paren);
    }
    return name;
  }
  return luaL_typename(L, idx);
}

Value to_value(lua_State* L, int idx, const std::string& what) {
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      return std::monostate{};
    case LUA_TBOOLEAN:
      return lua_toboolean(L, idx) != 0;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx)) return static_cast<std::int64_t>(lua_tointeger(L, idx));
      return static_cast<double>(lua_tonumber(L, idx));
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, idx, &len);
      return std::string(s, len);
    }
    default:
      raise(L, what + ": values must be nil, booleans, numbers or strings (got " +
                   type_name(L, idx) + ")");
  }
}

std::string check_string(lua_State* L, int idx, const std::string& what, const char* arg) {
  if (lua_type(L, idx) != LUA_TSTRING)
    raise(L, what + ": " + arg + " must be a string (got " + type_name(L, idx) + ")");
  size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  return std::string(s, len);
}

std::optional<std::string> opt_string(lua_State* L, int idx, const std::string& what,
                                      const char* arg) {
  if (lua_isnoneornil(L, idx)) return std::nullopt;
  return check_string(L, idx, what, arg);
}

std::vector<std::string> check_string_list(lua_State* L, int idx, const std::string& what,
                                           const char* arg) {
  if (lua_type(L, idx) == LUA_TSTRING) return {lua_tostring(L, idx)};
  if (lua_type(L, idx) != LUA_TTABLE)
    raise(L, what + ": " + arg + " must be a list of names like {\"a\", \"b\"} (got " +
                 type_name(L, idx) + ")");
  std::vector<std::string> out;
  lua_Integer n = luaL_len(L, idx);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, idx, i);
    if (lua_type(L, -1) != LUA_TSTRING)
      raise(L, what + ": " + arg + "[" + std::to_string(i) + "] must be a string (got " +
                   type_name(L, -1) + ")");
    out.push_back(lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  if (out.empty()) raise(L, what + ": " + arg + " must name at least one column");
  return out;
}

int last_options(lua_State* L, int& top, int min_positional) {
  top = lua_gettop(L);
  if (top > min_positional && is_plain_table(L, top)) return top--;
  return 0;
}

Options::Options(lua_State* L, int idx, const char* what) : L_(L), what_(what) {
  if (idx == 0 || lua_isnoneornil(L, idx)) return;
  idx_ = lua_absindex(L, idx);
  if (lua_type(L, idx_) != LUA_TTABLE)
    raise(L, std::string(what_) + ": options must be a table like { nullable = false } (got " +
                 type_name(L, idx_) + ")");
  keys_complete_ = !lua_getmetatable(L, idx_);
  if (!keys_complete_) lua_pop(L, 1);
  lua_pushnil(L);
  while (lua_next(L, idx_)) {
    const int value_type = lua_type(L, -1);
    const bool value = value_type == LUA_TBOOLEAN && lua_toboolean(L, -1) != 0;
    std::string_view text;
    if (value_type == LUA_TSTRING) {
      size_t len = 0;
      const char* s = lua_tolstring(L, -1, &len);  // a string already: nothing converted
      text = std::string_view(s, len);
    }
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
      std::string key = luaL_tolstring(L, -1, nullptr);
      raise(L, std::string("unexpected positional value in the options of ") + what_ + " (key " +
                   key + ")");
    }
    size_t len = 0;
    const char* key = lua_tolstring(L, -1, &len);
    if (key_count_ < keys_.size()) {
      types_[key_count_] = value_type;
      booleans_[key_count_] = value;
      strings_[key_count_] = text;
      keys_[key_count_++] = std::string_view(key, len);
    } else {
      keys_complete_ = false;
    }
    if (unread_count_ < inline_.size())
      inline_[unread_count_] = std::string_view(key, len);
    else
      more_.emplace_back(key, len);
    ++unread_count_;
  }
}

size_t Options::find(std::string_view key) const {
  for (size_t i = 0; i < key_count_; ++i)
    if (keys_[i] == key) return i;
  return keys_complete_ ? kAbsent : kUnknown;
}

bool Options::present(std::string_view key) {
  if (!idx_) return false;
  const size_t at = find(key);
  if (at == kAbsent) return false;
  if (at != kUnknown) return true;  // lua_next lists no nil values
  lua_pushlstring(L_, key.data(), key.size());
  bool set = lua_gettable(L_, idx_) != LUA_TNIL;
  lua_pop(L_, 1);
  return set;
}

int Options::push(std::string_view key) {
  if (!idx_ || find(key) == kAbsent) {
    lua_pushnil(L_);
    return LUA_TNIL;
  }
  mark_read(key);
  lua_pushlstring(L_, key.data(), key.size());
  return lua_gettable(L_, idx_);
}

std::optional<bool> Options::boolean(std::string_view key) {
  if (!idx_) return std::nullopt;
  if (const size_t at = find(key); at == kAbsent) {
    return std::nullopt;
  } else if (at != kUnknown && types_[at] == LUA_TBOOLEAN) {
    mark_read(key);
    return booleans_[at];
  }
  int t = push(key);
  std::optional<bool> out;
  if (t == LUA_TBOOLEAN)
    out = lua_toboolean(L_, -1) != 0;
  else if (t != LUA_TNIL)
    raise(L_, "option '" + std::string(key) + "' for " + what_ + " must be true or false (got " +
                  type_name(L_, -1) + ")");
  lua_pop(L_, 1);
  return out;
}

std::optional<std::string> Options::string(std::string_view key) {
  if (!idx_) return std::nullopt;
  if (const size_t at = find(key); at == kAbsent) {
    return std::nullopt;
  } else if (keys_complete_ && at != kUnknown && types_[at] == LUA_TSTRING) {
    mark_read(key);
    return std::string(strings_[at]);
  }
  int t = push(key);
  std::optional<std::string> out;
  if (t == LUA_TSTRING) {
    size_t len = 0;
    const char* s = lua_tolstring(L_, -1, &len);
    out.emplace(s, len);
  } else if (t != LUA_TNIL) {
    raise(L_, "option '" + std::string(key) + "' for " + what_ + " must be a string (got " +
                  type_name(L_, -1) + ")");
  }
  lua_pop(L_, 1);
  return out;
}

std::optional<int> Options::integer(std::string_view key) {
  int t = push(key);
  std::optional<int> out;
  if (t == LUA_TNUMBER && lua_isinteger(L_, -1))
    out = static_cast<int>(lua_tointeger(L_, -1));
  else if (t != LUA_TNIL)
    raise(L_, "option '" + std::string(key) + "' for " + what_ + " must be an integer (got " +
                  type_name(L_, -1) + ")");
  lua_pop(L_, 1);
  return out;
}

void Options::mark_read(std::string_view k) {
  for (size_t i = 0; i < unread_count_; ++i) {
    std::string_view& slot = i < inline_.size() ? inline_[i] : more_[i - inline_.size()];
    if (slot != k) continue;
    // Swap-remove: order does not matter, done() reports the first unread key alphabetically.
    std::string_view& last = unread_count_ - 1 < inline_.size()
                                 ? inline_[unread_count_ - 1]
                                 : more_[unread_count_ - 1 - inline_.size()];
    slot = last;
    if (unread_count_ > inline_.size()) more_.pop_back();
    --unread_count_;
    return;
  }
}

void Options::ignore(std::string_view key) { mark_read(key); }

void Options::done() {
  if (unread_count_ == 0) return;
  std::string_view first = inline_[0];
  for (size_t i = 1; i < unread_count_; ++i) {
    std::string_view k = i < inline_.size() ? inline_[i] : more_[i - inline_.size()];
    if (k < first) first = k;
  }
  raise(L_, "unknown option '" + std::string(first) + "' for " + what_);
}

namespace {

// Module proxies: reading an unknown name is an error (a typo such as sa.Strin fails at its
// line), and assigning into the module is refused so no script can change it for the next.
int module_index(lua_State* L) {
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
  std::string key = luaL_tolstring(L, 2, nullptr);
  raise(L, std::string(lua_tostring(L, lua_upvalueindex(2))) + "." + key + " does not exist");
}

}  // namespace

int read_only_newindex(lua_State* L) {
  raise(L, std::string(lua_tostring(L, lua_upvalueindex(2))) + " is read-only");
}

void make_module_proxy(lua_State* L, const char* name) {
  // [-1] = the real module table; replaced by its proxy.
  // A userdata, not a table, so that not even rawset() can change the module for later scripts.
  int real = lua_gettop(L);
  lua_newuserdatauv(L, 0, 0);  // proxy
  lua_newtable(L);             // metatable
  lua_pushstring(L, name);
  lua_setfield(L, -2, "__name");
  lua_pushvalue(L, real);
  lua_pushstring(L, name);
  lua_pushcclosure(L, guarded<module_index>, 2);
  lua_setfield(L, -2, "__index");
  lua_pushvalue(L, real);
  lua_pushstring(L, name);
  lua_pushcclosure(L, guarded<read_only_newindex>, 2);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_remove(L, real);
}

}  // namespace retort::lua
