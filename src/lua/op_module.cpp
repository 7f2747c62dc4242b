// The `op` module: Alembic's operations, each building one ops::Op (see op_module.hpp).
#include "lua/op_module.hpp"

#include <algorithm>

#include "lua/op_args.hpp"
#include "lua/sa_dml.hpp"
#include "lua/sa_module.hpp"
#include "schema/naming.hpp"

namespace retort::lua {
namespace {

int op_create_table(lua_State* L) {
  const std::string what = "op.create_table";
  bool if_not_exists = false;
  Table t = build_table(L, what, false, &if_not_exists);
  // A partition (partition_of) takes its columns from its parent.
  if (t.columns.empty() && !t.dialect_options.count("partition_of"))
    raise(L, what + " '" + t.name + "' needs at least one sa.Column");
  normalize_table(t, naming_of(L));
  push_sa_as<Table>(L, t);  // returned, as Alembic does, so op.bulk_insert(t, rows) can follow
  emit(L, ops::CreateTable{std::move(t), if_not_exists});
  return 1;
}

// op.X(...) for an op a batch also takes; the closure's upvalue is its OpSpec.
int op_call(lua_State* L) {
  const auto& spec = *static_cast<const OpSpec*>(lua_touserdata(L, lua_upvalueindex(1)));
  const std::string what = std::string("op.") + spec.name;
  int top = 0;
  int opts =
      last_options(L, top, (spec.table_optional ? spec.args : spec.args + 1) - spec.optional);
  max_args(L, top, spec.args + 1, what, spec.usage);
  Options o(L, opts, what);
  OpArgs args(L, what, o, top, spec.table_slot);
  std::vector<ops::BatchOp> out;
  spec.read(args, out);
  for (auto& op : out) emit(L, std::visit([](auto& x) -> ops::Op { return std::move(x); }, op));
  return 0;
}

int op_drop_table(lua_State* L) {
  const std::string what = "op.drop_table";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what, "op.drop_table(name, { schema, if_exists, allow_data_loss })");
  Options o(L, opts, what);
  ops::DropTable op;
  op.table = OpArgs(L, what, o, top, 1).table();
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
  op.if_exists = o.boolean("if_exists").value_or(false);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_rename_table(lua_State* L) {
  const std::string what = "op.rename_table";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what, "op.rename_table(old, new, { schema })");
  Options o(L, opts, what);
  OpArgs args(L, what, o, top, 1);
  ops::RenameTable op;
  op.table = args.table();
  op.new_name = args.string(1, "the new name");
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_execute(lua_State* L) {
  const std::string what = "op.execute";
  if (lua_gettop(L) < 1 || lua_gettop(L) > 2)
    raise(L, what + " takes an SQL string or sa.text(...), and optionally its params");
  // t:insert():values{...}, t:update():where(...):values{...}, t:delete():where(...)
  if (auto s = dml_statement(L, 1, what)) {
    if (lua_gettop(L) > 1) raise(L, what + ": a table statement carries its own values");
    emit(L, ops::Execute{std::move(s->sql), std::move(s->params)});
    return 0;
  }
  BoundSql s = bound_statement(L, to_sql(L, 1, what, "argument 1 (the SQL)"), 2, what);
  emit(L, ops::Execute{std::move(s.sql), std::move(s.params)});
  return 0;
}

// op.inline_literal(value): the value as an SQL literal of the run's database ('it''s', 42,
// NULL), for SQL text that cannot take a bound parameter. Alembic's returns an expression
// rendered later; here there is no expression language, so it is the rendered text.
int op_inline_literal(lua_State* L) {
  const std::string what = "op.inline_literal";
  if (lua_gettop(L) != 1) raise(L, what + " takes one value");
  const ScriptContext* ctx = run_state(L).context;
  if (!ctx || !ctx->literal) raise(L, what + " is only available in a revision script");
  const std::string text = ctx->literal(to_value(L, 1, what));
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

int op_bulk_insert(lua_State* L) {
  const std::string what = "op.bulk_insert";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what, "op.bulk_insert(table_name | sa.Table, { rows }, { schema })");
  Options o(L, opts, what);
  ops::BulkInsert op;
  const Table* shape = test_sa_as<Table>(L, 1);
  if (shape) {
    op.table = {shape->schema, shape->name};
  } else {
    op.table.name = check_string(L, 1, what, "argument 1 (a table name or sa.Table)");
  }
  if (auto v = o.string("schema")) op.table.schema = *v;
  o.ignore("multiinsert");  // Alembic's batching hint; each dialect decides
  o.done();
  if (!is_plain_table(L, 2)) raise(L, what + ": argument 2 must be a list of row tables");

  lua_Integer n = luaL_len(L, 2);
  std::vector<std::string> keys;  // union of row keys, first seen order
  for (lua_Integer r = 1; r <= n; ++r) {
    if (lua_geti(L, 2, r) != LUA_TTABLE)
      raise(L, what + ": row " + std::to_string(r) + " must be a table (got " + type_name(L, -1) +
                   ")");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      lua_pop(L, 1);
      if (lua_type(L, -1) != LUA_TSTRING)
        raise(L, what + ": row " + std::to_string(r) + " has a key that is not a column name");
      std::string k = lua_tostring(L, -1);
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
        if (shape && !shape->find_column(k))
          raise(L, what + ": row " + std::to_string(r) + " sets column '" + k + "', which " +
                       shape->name + " does not have");
        keys.push_back(k);
      }
    }
    lua_pop(L, 1);
  }
  if (shape) {
    for (const auto& c : shape->columns)
      if (std::find(keys.begin(), keys.end(), c.name) != keys.end()) op.columns.push_back(c.name);
  } else {
    op.columns = keys;
    std::sort(op.columns.begin(), op.columns.end());
  }
  for (lua_Integer r = 1; r <= n; ++r) {
    lua_geti(L, 2, r);
    std::vector<Value> row;
    for (const auto& c : op.columns) {
      lua_getfield(L, -1, c.c_str());
      int t = lua_type(L, -1);
      if (t != LUA_TNIL && t != LUA_TBOOLEAN && t != LUA_TNUMBER && t != LUA_TSTRING)
        raise(L, what + ": row " + std::to_string(r) + ", column " + c +
                     ": values must be nil, booleans, numbers or strings (got " + type_name(L, -1) +
                     ")");
      row.push_back(to_value(L, -1, what));
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    op.rows.push_back(std::move(row));
  }
  emit(L, std::move(op));
  return 0;
}

// op.f("name"): Alembic's marker for "this name is final". retort never runs explicit names
// through the convention, so it returns the name unchanged.
int op_f(lua_State* L) {
  lua_settop(L, 1);
  check_string(L, 1, "op.f", "argument 1 (the name)");
  return 1;
}

}  // namespace

OperationSink& sink_of(lua_State* L, const std::string& what) {
  OperationSink* sink = run_state(L).sink;
  if (!sink) raise(L, what + " is only available in upgrade()/downgrade() of a revision script");
  return *sink;
}

void emit(lua_State* L, ops::Op op) {
  OperationSink& sink = sink_of(L, "op");
  call_sink(L, [&] { sink.emit(std::move(op)); });
}

void push_op_module(lua_State* L) {
  static const char kKey = 0;
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kKey) != LUA_TNIL) return;
  lua_pop(L, 1);
  const luaL_Reg fns[] = {
      {"create_table", guarded<op_create_table>},
      {"drop_table", guarded<op_drop_table>},
      {"rename_table", guarded<op_rename_table>},
      {"execute", guarded<op_execute>},
      {"inline_literal", guarded<op_inline_literal>},
      {"bulk_insert", guarded<op_bulk_insert>},
      {"batch_alter_table", guarded<op_batch_alter_table>},
      {"get_bind", guarded<op_get_bind>},
      {"f", guarded<op_f>},
      {nullptr, nullptr},
  };
  luaL_newlib(L, fns);
  add_object_ops(L);
  add_comment_ops(L);
  add_table_options_ops(L);
  add_domain_ops(L);
  add_exclude_ops(L);
  add_sequence_ops(L);
  add_enum_ops(L);
  for (const OpSpec& spec : shared_op_specs()) {
    lua_pushlightuserdata(L, const_cast<OpSpec*>(&spec));
    lua_pushcclosure(L, guarded<op_call>, 1);
    lua_setfield(L, -2, spec.name);
  }
  make_module_proxy(L, "op");
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kKey);
}

}  // namespace retort::lua
