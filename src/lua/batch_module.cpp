// op.batch_alter_table(name, function(batch) ... end): collects the batch's changes and emits
// them as one BatchAlterTable when the function returns (on SQLite: one table rebuild).
#include <new>

#include "lua/op_args.hpp"
#include "lua/op_module.hpp"

namespace retort::lua {
namespace {

const char* const kBatchMeta = "retort.batch";

struct BatchState {
  ops::BatchAlterTable batch;
  bool open = true;
};

int batch_gc(lua_State* L) {
  static_cast<BatchState*>(luaL_checkudata(L, 1, kBatchMeta))->~BatchState();
  return 0;
}

// Both batch.f(x) and batch:f(x) work: a first argument that is the batch itself is dropped.
BatchState& batch_self(lua_State* L, const char* fn) {
  if (lua_rawequal(L, 1, lua_upvalueindex(2))) lua_remove(L, 1);
  auto* state = static_cast<BatchState*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (!state->open)
    raise(L, std::string("batch.") + fn + ": the batch of table " + state->batch.table.name +
                 " is closed; call it inside the batch_alter_table function");
  return *state;
}

// batch.NAME(...): op.NAME's arguments without the table; the closure's third upvalue is the
// OpSpec.
int batch_call(lua_State* L) {
  const auto& spec = *static_cast<const OpSpec*>(lua_touserdata(L, lua_upvalueindex(3)));
  BatchState& b = batch_self(L, spec.name);
  const std::string what = std::string("batch.") + spec.name;
  int top = 0;
  int opts = last_options(L, top, spec.args);
  max_args(L, top, spec.args, what, nullptr);
  Options o(L, opts, what);
  OpArgs args(L, what, o, top, b.batch.table);
  spec.read(args, b.batch.ops);
  return 0;
}

// Closes the batch even when the callback raises, so a stashed handle cannot add to it later.
struct CloseOnExit {
  BatchState* state;
  ~CloseOnExit() { state->open = false; }
};

}  // namespace

int op_batch_alter_table(lua_State* L) {
  const std::string what = "op.batch_alter_table";
  sink_of(L, what);
  int top = lua_gettop(L);
  ops::TableRef table;
  table.name = check_string(L, 1, what, "argument 1 (the table name)");
  int fn = 0;
  int opts = 0;
  for (int i = 2; i <= top; ++i) {
    if (lua_type(L, i) == LUA_TFUNCTION && !fn) {
      fn = i;
    } else if (is_plain_table(L, i) && !opts) {
      opts = i;
    } else {
      raise(L, what + ": unexpected argument " + std::to_string(i) + " (" + type_name(L, i) +
                   "); usage: op.batch_alter_table(name, function(batch) ... end, { schema })");
    }
  }
  if (!fn) raise(L, what + ": argument 2 must be a function(batch) ... end");
  Options o(L, opts, what);
  if (auto v = o.string("schema")) table.schema = *v;
  o.done();

  void* mem = lua_newuserdatauv(L, sizeof(BatchState), 0);
  auto* state = new (mem) BatchState();
  state->batch.table = table;
  if (luaL_newmetatable(L, kBatchMeta)) {
    lua_pushcfunction(L, batch_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  int state_idx = lua_gettop(L);

  lua_newtable(L);  // the batch object handed to the function
  int batch_idx = lua_gettop(L);
  for (const OpSpec& spec : shared_op_specs()) {
    lua_pushvalue(L, state_idx);
    lua_pushvalue(L, batch_idx);
    lua_pushlightuserdata(L, const_cast<OpSpec*>(&spec));
    lua_pushcclosure(L, guarded<batch_call>, 3);
    lua_setfield(L, batch_idx, spec.name);
  }
  lua_pushstring(L, table.name.c_str());
  lua_setfield(L, batch_idx, "table_name");

  {
    CloseOnExit close{state};
    lua_pushvalue(L, fn);
    lua_pushvalue(L, batch_idx);
    lua_call(L, 1, 0);
  }
  if (!state->batch.ops.empty()) emit(L, std::move(state->batch));
  return 0;
}

}  // namespace retort::lua
