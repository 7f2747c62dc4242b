// The `op` module (Alembic's operations: op.add_column, op.create_table, ...), its
// batch_alter_table companion and op.get_bind(). Each op.* call builds one ops::Op and hands it
// to the run's OperationSink at once, in script order. Internal to src/lua/.
#pragma once

#include <string>
#include <vector>

#include "lua/lua_support.hpp"
#include "lua/sa_module.hpp"
#include "ops/ops.hpp"

namespace retort::lua {

// Pushes the `op` module (a read-only table) built once per Lua state.
void push_op_module(lua_State* L);

// --- shared by op.* and batch.* ---

// The run's sink; raises when op.* is used outside a revision script (e.g. in models).
OperationSink& sink_of(lua_State* L, const std::string& what);
// Hands `op` to the sink; an exception from it unwinds the script and is rethrown unchanged.
void emit(lua_State* L, ops::Op op);

// A column from sa.Column split as Alembic does: the AddColumn without its sugar, then the
// constraints and indexes it declared, named by the convention. Raises for primary_key.
struct SplitColumn {
  ops::AddColumn add;
  std::vector<ops::CreateUniqueConstraint> uniques;
  std::vector<ops::CreateForeignKey> foreign_keys;
  std::vector<ops::CreateCheckConstraint> checks;
  std::vector<ops::CreateIndex> indexes;
};
SplitColumn split_column(lua_State* L, const ops::TableRef& table, int idx,
                         const std::string& what);

// Reads alter_column's keyword arguments (all but schema) into `op`.
void read_alter_options(Options& o, ops::AlterColumn& op);
// Reads create_index's keyword arguments (all but schema) into `op`.
void read_create_index_options(Options& o, ops::CreateIndex& op);
// Validates drop_constraint's type_ ("foreignkey", "unique", "check", "primary" or empty).
std::string read_constraint_type(Options& o);

// A constraint or index name: a string, or nil for "name it by the convention".
std::string opt_name(lua_State* L, int idx, const std::string& what);

// op.batch_alter_table(name, function(batch) ... end, {schema})
int op_batch_alter_table(lua_State* L);
// op.get_bind()
int op_get_bind(lua_State* L);

}  // namespace retort::lua
