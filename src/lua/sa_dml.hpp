// Table expressions for op.execute, as Alembic's data migrations write them with SQLAlchemy Core:
//
//   local accounts = sa.table("accounts", sa.column("id"), sa.column("name"))
//   op.execute(accounts:insert():values({ id = 1, name = "checking" }))
//   op.execute(accounts:update():where(accounts.c.id:eq(1)):values({ name = "savings" }))
//   op.execute(accounts:delete():where(accounts.c.name:eq("old")))
//
// Lua cannot overload `==` to build an expression, so a condition is a method of the column:
// eq, ne, lt, le, gt, ge, is_(nil), isnot(nil), in_({...}), like(pattern); several conditions
// given to where() are joined with AND, and sa.text("...") is taken as written. Identifiers are
// quoted by the run's dialect; values are bound parameters. Internal to src/lua/.
#pragma once

#include <optional>
#include <string>

#include "lua/bind_params.hpp"
#include "lua/lua_support.hpp"

namespace retort::lua {

// __index of sa values: on an sa.table / sa.Table, `insert`, `update`, `delete` and `c` (the
// columns); nil otherwise.
int sa_value_index(lua_State* L);

// The statement at `idx` as SQL in the dialect's placeholder style with its values, or nullopt
// when the value there is no table expression.
std::optional<BoundSql> dml_statement(lua_State* L, int idx, const std::string& what);

}  // namespace retort::lua
