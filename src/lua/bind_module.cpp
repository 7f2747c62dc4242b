// op.get_bind(): the live connection for data migrations, with bound parameters.
#include <algorithm>

#include "dialect/connection.hpp"
#include "lua/bind_params.hpp"
#include "lua/op_module.hpp"
#include "retort/error.hpp"

namespace retort::lua {
namespace {

const char* const kBindMeta = "retort.bind";

struct BindHandle {
  Connection* connection;
  std::uint64_t generation;  // the run it belongs to; later runs refuse it
};

Connection& connection_of(lua_State* L, const char* method) {
  auto* h = static_cast<BindHandle*>(luaL_testudata(L, 1, kBindMeta));
  if (!h) raise(L, std::string("use bind:") + method + "(sql, params) (with a colon)");
  if (h->generation != run_state(L).generation || !run_state(L).sink)
    raise(L, std::string("bind:") + method +
                 ": this connection handle belongs to another script run; call op.get_bind() "
                 "again");
  return *h->connection;
}

// Reads (sql, params) at 2 and 3 and returns the statement in the dialect's placeholder style.
BoundSql statement(lua_State* L, const std::string& what) {
  if (lua_gettop(L) > 3) raise(L, what + " takes (sql, params)");
  return bound_statement(L, check_string(L, 2, what, "the SQL"), 3, what);
}

}  // namespace

BoundSql bound_statement(lua_State* L, std::string sql, int params, const std::string& what) {
  PlaceholderFn placeholder = [](int) { return std::string("?"); };
  if (const ScriptContext* ctx = run_state(L).context; ctx && ctx->parameters)
    placeholder = [p = ctx->parameters](int n) { return p->placeholder(n); };
  if (lua_isnoneornil(L, params)) return {sql, {}};
  if (!is_plain_table(L, params))
    raise(L, what + ": params must be a list {a, b} for ? or a table {name = v} for :name");
  // Integer keys: positional (nil holes allowed up to the largest index); string keys: named.
  std::map<std::string, Value> named;
  std::map<lua_Integer, Value> positional;
  lua_pushnil(L);
  while (lua_next(L, params)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      named[lua_tostring(L, -2)] = to_value(L, -1, what);
    } else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1) {
      positional[lua_tointeger(L, -2)] = to_value(L, -1, what);
    } else {
      raise(L, what + ": params keys must be names or list positions");
    }
    lua_pop(L, 1);
  }
  // table.pack(...) style: n counts the list, so a trailing nil is kept.
  lua_Integer count = positional.empty() ? 0 : positional.rbegin()->first;
  if (auto n = named.find("n");
      n != named.end() && named.size() == 1 && std::holds_alternative<std::int64_t>(n->second)) {
    count = std::max<lua_Integer>(count, std::get<std::int64_t>(n->second));
    named.clear();
  }
  if (!named.empty() && !positional.empty())
    raise(L, what + ": params mix a list and names; use one style");
  if (!named.empty()) return bind_named(sql, named, placeholder);
  std::vector<Value> values(count);
  for (auto& [i, v] : positional) values[i - 1] = std::move(v);
  return bind_positional(sql, std::move(values), placeholder);
}

namespace {

void push_value(lua_State* L, const Value& v) {
  std::visit(
      [L](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          lua_pushnil(L);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          lua_pushinteger(L, x);
        } else if constexpr (std::is_same_v<T, double>) {
          lua_pushnumber(L, x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          lua_pushlstring(L, x.data(), x.size());
        } else {
          lua_pushboolean(L, x);
        }
      },
      v);
}

int bind_execute(lua_State* L) {
  Connection& conn = connection_of(L, "execute");
  BoundSql s = statement(L, "bind:execute");
  call_sink(L, [&] { conn.execute(s.sql, s.params); });
  return 0;
}

int bind_query(lua_State* L) {
  Connection& conn = connection_of(L, "query");
  BoundSql s = statement(L, "bind:query");
  ResultSet rs;
  call_sink(L, [&] { rs = conn.query(s.sql, s.params); });
  lua_createtable(L, static_cast<int>(rs.rows.size()), 0);
  for (size_t r = 0; r < rs.rows.size(); ++r) {
    lua_createtable(L, 0, static_cast<int>(rs.columns.size()));
    for (size_t c = 0; c < rs.columns.size() && c < rs.rows[r].size(); ++c) {
      push_value(L, rs.rows[r][c]);
      lua_setfield(L, -2, rs.columns[c].c_str());
    }
    lua_rawseti(L, -2, static_cast<lua_Integer>(r + 1));
  }
  return 1;
}

}  // namespace

int op_get_bind(lua_State* L) {
  OperationSink& sink = sink_of(L, "op.get_bind");
  Connection* conn = nullptr;
  // A script error from the sink (offline: no database) is raised at the script's line, so the
  // message names the file and line that called op.get_bind(); other errors pass unchanged.
  std::string script_error;
  call_sink(L, [&] {
    try {
      conn = &sink.bind();
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Script) throw;
      script_error = e.what();
    }
  });
  if (!script_error.empty()) raise(L, script_error);
  auto* h = static_cast<BindHandle*>(lua_newuserdatauv(L, sizeof(BindHandle), 0));
  *h = {conn, run_state(L).generation};
  if (luaL_newmetatable(L, kBindMeta)) {
    lua_newtable(L);
    lua_pushcfunction(L, guarded<bind_execute>);
    lua_setfield(L, -2, "execute");
    lua_pushcfunction(L, guarded<bind_query>);
    lua_setfield(L, -2, "query");
    lua_setfield(L, -2, "__index");
  }
  lua_setmetatable(L, -2);
  return 1;
}

}  // namespace retort::lua
