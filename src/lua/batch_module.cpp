// op.batch_alter_table(name, function(batch) ... end): collects the batch's changes and emits
// them as one BatchAlterTable when the function returns (on SQLite: one table rebuild).
#include <new>

#include "lua/op_module.hpp"
#include "schema/naming.hpp"

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

int last_options(lua_State* L, int& top, int min_positional) {
  top = lua_gettop(L);
  if (top > min_positional && is_plain_table(L, top)) return top--;
  return 0;
}

void max_args(lua_State* L, int top, int n, const std::string& what) {
  if (top > n) raise(L, what + ": too many arguments (" + std::to_string(top) + ")");
}

int batch_add_column(lua_State* L) {
  BatchState& b = batch_self(L, "add_column");
  const std::string what = "batch.add_column";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what);
  Options o(L, opts, what);
  o.done();
  SplitColumn s = split_column(L, b.batch.table, 1, what);
  b.batch.ops.push_back(std::move(s.add));
  for (auto& op : s.uniques) b.batch.ops.push_back(std::move(op));
  for (auto& op : s.foreign_keys) b.batch.ops.push_back(std::move(op));
  for (auto& op : s.checks) b.batch.ops.push_back(std::move(op));
  for (auto& op : s.indexes) b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_drop_column(lua_State* L) {
  BatchState& b = batch_self(L, "drop_column");
  const std::string what = "batch.drop_column";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what);
  ops::DropColumn op;
  op.table = b.batch.table;
  op.column = check_string(L, 1, what, "argument 1 (the column name)");
  Options o(L, opts, what);
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
  o.done();
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_alter_column(lua_State* L) {
  BatchState& b = batch_self(L, "alter_column");
  const std::string what = "batch.alter_column";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what);
  ops::AlterColumn op;
  op.table = b.batch.table;
  op.column = check_string(L, 1, what, "argument 1 (the column name)");
  Options o(L, opts, what);
  read_alter_options(o, op);
  o.done();
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_create_index(lua_State* L) {
  BatchState& b = batch_self(L, "create_index");
  const std::string what = "batch.create_index";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what);
  ops::CreateIndex op;
  op.table = b.batch.table;
  std::string name = opt_name(L, 1, what);
  if (top < 2) raise(L, what + ": argument 2 must list the columns, e.g. { \"email\" }");
  op.index.elements = to_index_elements(L, 2, what);
  Options o(L, opts, what);
  read_create_index_options(o, op);
  o.done();
  op.index.name = name.empty() ? index_name(naming_of(L), op.table.name, op.index) : name;
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_drop_index(lua_State* L) {
  BatchState& b = batch_self(L, "drop_index");
  const std::string what = "batch.drop_index";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what);
  ops::DropIndex op;
  op.table = b.batch.table;
  op.name = check_string(L, 1, what, "argument 1 (the index name)");
  Options o(L, opts, what);
  op.if_exists = o.boolean("if_exists").value_or(false);
  o.done();
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_create_unique_constraint(lua_State* L) {
  BatchState& b = batch_self(L, "create_unique_constraint");
  const std::string what = "batch.create_unique_constraint";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what);
  ops::CreateUniqueConstraint op;
  op.table = b.batch.table;
  op.constraint.name = opt_name(L, 1, what);
  op.constraint.columns = check_string_list(L, 2, what, "argument 2 (the columns)");
  Options o(L, opts, what);
  o.done();
  if (op.constraint.name.empty())
    op.constraint.name =
        constraint_name(naming_of(L), "uq", op.table.name, op.constraint.columns, "", "");
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_create_foreign_key(lua_State* L) {
  BatchState& b = batch_self(L, "create_foreign_key");
  const std::string what = "batch.create_foreign_key";
  int top = 0;
  int opts = last_options(L, top, 4);
  max_args(L, top, 4, what);
  ops::CreateForeignKey op;
  op.table = b.batch.table;
  ForeignKey& fk = op.constraint;
  fk.name = opt_name(L, 1, what);
  fk.referred_table = check_string(L, 2, what, "argument 2 (the referent table)");
  fk.columns = check_string_list(L, 3, what, "argument 3 (the local columns)");
  fk.referred_columns = check_string_list(L, 4, what, "argument 4 (the remote columns)");
  if (fk.columns.size() != fk.referred_columns.size())
    raise(L, what + ": the local and remote column lists differ in length");
  Options o(L, opts, what);
  if (auto v = o.string("ondelete")) fk.ondelete = upper(*v);
  if (auto v = o.string("onupdate")) fk.onupdate = upper(*v);
  fk.deferrable = o.boolean("deferrable");
  if (auto v = o.string("initially")) fk.initially = upper(*v);
  if (auto v = o.string("referent_schema")) fk.referred_schema = *v;
  o.done();
  if (fk.name.empty())
    fk.name = constraint_name(naming_of(L), "fk", op.table.name, fk.columns, fk.referred_table, "");
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_create_check_constraint(lua_State* L) {
  BatchState& b = batch_self(L, "create_check_constraint");
  const std::string what = "batch.create_check_constraint";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what);
  ops::CreateCheckConstraint op;
  op.table = b.batch.table;
  op.constraint.name = opt_name(L, 1, what);
  op.constraint.sqltext = to_sql(L, 2, what, "argument 2 (the condition)");
  Options o(L, opts, what);
  o.done();
  if (op.constraint.name.empty())
    op.constraint.name = constraint_name(naming_of(L), "ck", op.table.name, {}, "", "");
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_create_primary_key(lua_State* L) {
  BatchState& b = batch_self(L, "create_primary_key");
  const std::string what = "batch.create_primary_key";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what);
  ops::CreatePrimaryKey op;
  op.table = b.batch.table;
  op.constraint.name = opt_name(L, 1, what);
  op.constraint.columns = check_string_list(L, 2, what, "argument 2 (the columns)");
  Options o(L, opts, what);
  o.done();
  if (op.constraint.name.empty())
    op.constraint.name =
        constraint_name(naming_of(L), "pk", op.table.name, op.constraint.columns, "", "");
  b.batch.ops.push_back(std::move(op));
  return 0;
}

int batch_drop_constraint(lua_State* L) {
  BatchState& b = batch_self(L, "drop_constraint");
  const std::string what = "batch.drop_constraint";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what);
  ops::DropConstraint op;
  op.table = b.batch.table;
  op.name = check_string(L, 1, what, "argument 1 (the constraint name)");
  Options o(L, opts, what);
  op.type = read_constraint_type(o);
  o.done();
  b.batch.ops.push_back(std::move(op));
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
  const luaL_Reg fns[] = {
      {"add_column", guarded<batch_add_column>},
      {"drop_column", guarded<batch_drop_column>},
      {"alter_column", guarded<batch_alter_column>},
      {"create_index", guarded<batch_create_index>},
      {"drop_index", guarded<batch_drop_index>},
      {"create_unique_constraint", guarded<batch_create_unique_constraint>},
      {"create_foreign_key", guarded<batch_create_foreign_key>},
      {"create_check_constraint", guarded<batch_create_check_constraint>},
      {"create_primary_key", guarded<batch_create_primary_key>},
      {"drop_constraint", guarded<batch_drop_constraint>},
  };
  for (const auto& f : fns) {
    lua_pushvalue(L, state_idx);
    lua_pushvalue(L, batch_idx);
    lua_pushcclosure(L, f.func, 2);
    lua_setfield(L, batch_idx, f.name);
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
