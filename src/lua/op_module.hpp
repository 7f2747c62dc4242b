// The `op` module (Alembic's operations: op.add_column, op.create_table, ...), its
// batch_alter_table companion and op.get_bind(). Each op.* call builds one ops::Op and hands it
// to the run's OperationSink at once, in script order. The arguments of the ops a batch also
// takes are read in op_args.cpp. Internal to src/lua/.
#pragma once

#include <string>

#include "lua/bind_params.hpp"
#include "lua/lua_support.hpp"
#include "lua/sa_module.hpp"
#include "ops/ops.hpp"

namespace retort::lua {

// Pushes the `op` module (a read-only table) built once per Lua state.
void push_op_module(lua_State* L);

// The run's sink; raises when op.* is used outside a revision script (e.g. in models).
OperationSink& sink_of(lua_State* L, const std::string& what);
// Hands `op` to the sink; an exception from it unwinds the script and is rethrown unchanged.
void emit(lua_State* L, ops::Op op);

// op.batch_alter_table(name, function(batch) ... end, {schema})
int op_batch_alter_table(lua_State* L);
// op.get_bind()
int op_get_bind(lua_State* L);

// `sql` with the params table at stack index `params` (a list for `?`, names for `:name`; none
// or nil: no parameters), rewritten to the dialect's placeholders with the values in order
// (bind:execute, bind:query, op.execute). Raises naming `what` for a malformed table.
BoundSql bound_statement(lua_State* L, std::string sql, int params, const std::string& what);

}  // namespace retort::lua
