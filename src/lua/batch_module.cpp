// op.batch_alter_table(name, function(batch) ... end): collects the batch's changes and emits
// them as one BatchAlterTable when the function returns (on SQLite: one table rebuild).
#include <new>

#include "lua/op_args.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"

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
  int opts = last_options(L, top, spec.args - spec.optional);
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

// Alembic's batch_alter_table options: recreate, naming_convention, table_kwargs, copy_from.
// (partial_reordering and reflect_args/reflect_kwargs are SQLAlchemy reflection details retort
// has no use for; they stay unknown options, so a script that relies on them says so.)
ops::BatchAlterTable read_batch_options(Options& o) {
  lua_State* L = o.state();
  const std::string& what = o.what();
  ops::BatchAlterTable b;
  if (auto v = o.string("recreate")) {
    if (*v != "auto" && *v != "always" && *v != "never")
      raise(L, "option 'recreate' for " + what +
                   " must be \"auto\", \"always\" or \"never\" (got \"" + *v + "\")");
    b.recreate = *v;
  }
  if (o.push("naming_convention") != LUA_TNIL) {
    if (!is_plain_table(L, -1))
      raise(L, "option 'naming_convention' for " + what +
                   " must be a table such as { ck = \"ck_%(table_name)s_%(constraint_name)s\" }");
    NamingConvention nc = naming_of(L);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      static const char* const kKinds[] = {"pk", "fk", "uq", "ix", "ck"};
      const char* key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : nullptr;
      bool known = false;
      for (const char* k : kKinds) known = known || (key && std::string(key) == k);
      if (!known || lua_type(L, -1) != LUA_TSTRING)
        raise(L, "option 'naming_convention' for " + what +
                     ": keys are pk, fk, uq, ix and ck, each a pattern string");
      nc.patterns[key] = lua_tostring(L, -1);
      lua_pop(L, 1);
    }
    b.naming_convention = std::move(nc);
  }
  lua_pop(L, 1);
  if (o.push("table_kwargs") != LUA_TNIL) {
    if (!is_plain_table(L, -1))
      raise(L, "option 'table_kwargs' for " + what + " must be a table of table options");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      if (lua_type(L, -2) != LUA_TSTRING ||
          (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TBOOLEAN))
        raise(L,
              "option 'table_kwargs' for " + what +
                  ": each entry is a name and a string or boolean, e.g. { sqlite_strict = true }");
      b.table_kwargs[lua_tostring(L, -2)] = lua_type(L, -1) == LUA_TBOOLEAN
                                                ? (lua_toboolean(L, -1) ? "true" : "false")
                                                : lua_tostring(L, -1);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  if (o.push("copy_from") != LUA_TNIL) {
    const Table* t = test_sa_as<Table>(L, -1);
    if (!t)
      raise(L, "option 'copy_from' for " + what + " must be an sa.Table (got " + type_name(L, -1) +
                   ")");
    b.copy_from = *t;
  }
  lua_pop(L, 1);
  return b;
}

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
  ops::BatchAlterTable options = read_batch_options(o);
  o.done();

  void* mem = lua_newuserdatauv(L, sizeof(BatchState), 0);
  auto* state = new (mem) BatchState();
  state->batch = std::move(options);
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
  // An empty batch does nothing, unless it asks for the table to be rebuilt (recreate =
  // "always", as Alembic's does: to apply table_kwargs such as sqlite_strict).
  if (!state->batch.ops.empty() || state->batch.recreate == "always")
    emit(L, std::move(state->batch));
  return 0;
}

}  // namespace retort::lua
