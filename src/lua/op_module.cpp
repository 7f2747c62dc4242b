// The `op` module: Alembic's operations, each building one ops::Op (see op_module.hpp).
#include "lua/op_module.hpp"

#include <algorithm>
#include <map>

#include "schema/naming.hpp"

namespace retort::lua {
namespace {

int last_options(lua_State* L, int& top, int min_positional) {
  top = lua_gettop(L);
  if (top > min_positional && is_plain_table(L, top)) return top--;
  return 0;
}

void max_args(lua_State* L, int top, int n, const std::string& what, const char* usage) {
  if (top > n)
    raise(L, what + ": too many arguments (" + std::to_string(top) + "); usage: " + usage);
}

ops::TableRef table_ref(lua_State* L, int idx, const std::string& what, Options& o) {
  ops::TableRef t;
  t.name = check_string(L, idx, what, "the table name");
  if (auto s = o.string("schema")) t.schema = *s;
  return t;
}

int op_create_table(lua_State* L) {
  const std::string what = "op.create_table";
  int top = 0;
  int opts = last_options(L, top, 1);
  Table t;
  t.name = check_string(L, 1, what, "argument 1 (the table name)");
  t.columns.reserve(count_columns(L, 2, top));  // no regrowth: a Column is 312 bytes
  for (int i = 2; i <= top; ++i)
    if (!add_table_item(L, i, t))
      raise(L, what + " '" + t.name + "': unexpected argument " + std::to_string(i) + " (" +
                   type_name(L, i) + "); expected sa.Column, a constraint or sa.Index");
  Options o(L, opts, what);
  if (auto v = o.string("schema")) t.schema = *v;
  t.comment = o.string("comment");
  for (const char* key : {"mysql_engine", "mysql_charset", "mysql_collate"})
    if (auto v = o.string(key)) t.dialect_options[key] = *v;
  o.done();
  if (t.columns.empty()) raise(L, what + " '" + t.name + "' needs at least one sa.Column");
  normalize_table(t, naming_of(L));
  push_sa_as<Table>(L, t);  // returned, as Alembic does, so op.bulk_insert(t, rows) can follow
  emit(L, ops::CreateTable{std::move(t)});
  return 1;
}

int op_drop_table(lua_State* L) {
  const std::string what = "op.drop_table";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what, "op.drop_table(name, { schema, allow_data_loss })");
  Options o(L, opts, what);
  ops::DropTable op;
  op.table = table_ref(L, 1, what, o);
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
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
  ops::RenameTable op;
  op.table = table_ref(L, 1, what, o);
  op.new_name = check_string(L, 2, what, "argument 2 (the new name)");
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_add_column(lua_State* L) {
  const std::string what = "op.add_column";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what, "op.add_column(table, sa.Column(...), { schema })");
  Options o(L, opts, what);
  ops::TableRef table = table_ref(L, 1, what, o);
  o.done();
  SplitColumn s = split_column(L, table, 2, what);
  emit(L, std::move(s.add));
  for (auto& op : s.uniques) emit(L, std::move(op));
  for (auto& op : s.foreign_keys) emit(L, std::move(op));
  for (auto& op : s.checks) emit(L, std::move(op));
  for (auto& op : s.indexes) emit(L, std::move(op));
  return 0;
}

int op_drop_column(lua_State* L) {
  const std::string what = "op.drop_column";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what, "op.drop_column(table, column, { schema, allow_data_loss })");
  Options o(L, opts, what);
  ops::DropColumn op;
  op.table = table_ref(L, 1, what, o);
  op.column = check_string(L, 2, what, "argument 2 (the column name)");
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_alter_column(lua_State* L) {
  const std::string what = "op.alter_column";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what, "op.alter_column(table, column, { nullable, type_, ... })");
  Options o(L, opts, what);
  ops::AlterColumn op;
  op.table = table_ref(L, 1, what, o);
  op.column = check_string(L, 2, what, "argument 2 (the column name)");
  read_alter_options(o, op);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_create_index(lua_State* L) {
  const std::string what = "op.create_index";
  int top = 0;
  int opts = last_options(L, top, 3);
  max_args(L, top, 3, what, "op.create_index(name | nil, table, { columns }, { unique, ... })");
  Options o(L, opts, what);
  ops::CreateIndex op;
  std::string name = opt_name(L, 1, what);
  op.table = table_ref(L, 2, what, o);
  if (top < 3) raise(L, what + ": argument 3 must list the columns, e.g. { \"email\" }");
  op.index.elements = to_index_elements(L, 3, what);
  read_create_index_options(o, op);
  o.done();
  op.index.name = name.empty() ? index_name(naming_of(L), op.table.name, op.index) : name;
  emit(L, std::move(op));
  return 0;
}

int op_drop_index(lua_State* L) {
  const std::string what = "op.drop_index";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 2, what, "op.drop_index(name, [table_name], { table_name, schema, ... })");
  Options o(L, opts, what);
  ops::DropIndex op;
  op.name = check_string(L, 1, what, "argument 1 (the index name)");
  if (top >= 2) op.table.name = check_string(L, 2, what, "argument 2 (the table name)");
  if (auto v = o.string("table_name")) op.table.name = *v;
  if (auto v = o.string("schema")) op.table.schema = *v;
  op.if_exists = o.boolean("if_exists").value_or(false);
  auto c1 = o.boolean("concurrently");
  auto c2 = o.boolean("postgresql_concurrently");
  op.concurrently = c1.value_or(false) || c2.value_or(false);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_create_unique_constraint(lua_State* L) {
  const std::string what = "op.create_unique_constraint";
  int top = 0;
  int opts = last_options(L, top, 3);
  max_args(L, top, 3, what, "op.create_unique_constraint(name | nil, table, { columns })");
  Options o(L, opts, what);
  ops::CreateUniqueConstraint op;
  op.constraint.name = opt_name(L, 1, what);
  op.table = table_ref(L, 2, what, o);
  op.constraint.columns = check_string_list(L, 3, what, "argument 3 (the columns)");
  o.done();
  if (op.constraint.name.empty())
    op.constraint.name =
        constraint_name(naming_of(L), "uq", op.table.name, op.constraint.columns, "", "");
  emit(L, std::move(op));
  return 0;
}

int op_create_foreign_key(lua_State* L) {
  const std::string what = "op.create_foreign_key";
  int top = 0;
  int opts = last_options(L, top, 5);
  max_args(L, top, 5, what,
           "op.create_foreign_key(name | nil, source, referent, { local }, { remote }, {...})");
  Options o(L, opts, what);
  ops::CreateForeignKey op;
  ForeignKey& fk = op.constraint;
  fk.name = opt_name(L, 1, what);
  op.table.name = check_string(L, 2, what, "argument 2 (the source table)");
  fk.referred_table = check_string(L, 3, what, "argument 3 (the referent table)");
  fk.columns = check_string_list(L, 4, what, "argument 4 (the local columns)");
  fk.referred_columns = check_string_list(L, 5, what, "argument 5 (the remote columns)");
  if (fk.columns.size() != fk.referred_columns.size())
    raise(L, what + ": " + std::to_string(fk.columns.size()) + " local column(s) but " +
                 std::to_string(fk.referred_columns.size()) + " remote column(s)");
  if (auto v = o.string("ondelete")) fk.ondelete = upper(*v);
  if (auto v = o.string("onupdate")) fk.onupdate = upper(*v);
  fk.deferrable = o.boolean("deferrable");
  if (auto v = o.string("initially")) fk.initially = upper(*v);
  if (auto v = o.string("source_schema")) op.table.schema = *v;
  if (auto v = o.string("referent_schema")) fk.referred_schema = *v;
  o.done();
  if (fk.name.empty())
    fk.name = constraint_name(naming_of(L), "fk", op.table.name, fk.columns, fk.referred_table, "");
  emit(L, std::move(op));
  return 0;
}

int op_create_check_constraint(lua_State* L) {
  const std::string what = "op.create_check_constraint";
  int top = 0;
  int opts = last_options(L, top, 3);
  max_args(L, top, 3, what, "op.create_check_constraint(name, table, condition, { schema })");
  Options o(L, opts, what);
  ops::CreateCheckConstraint op;
  op.constraint.name = opt_name(L, 1, what);
  op.table = table_ref(L, 2, what, o);
  op.constraint.sqltext = to_sql(L, 3, what, "argument 3 (the condition)");
  o.done();
  if (op.constraint.name.empty())
    op.constraint.name = constraint_name(naming_of(L), "ck", op.table.name, {}, "", "");
  emit(L, std::move(op));
  return 0;
}

int op_create_primary_key(lua_State* L) {
  const std::string what = "op.create_primary_key";
  int top = 0;
  int opts = last_options(L, top, 3);
  max_args(L, top, 3, what, "op.create_primary_key(name | nil, table, { columns }, { schema })");
  Options o(L, opts, what);
  ops::CreatePrimaryKey op;
  op.constraint.name = opt_name(L, 1, what);
  op.table = table_ref(L, 2, what, o);
  op.constraint.columns = check_string_list(L, 3, what, "argument 3 (the columns)");
  o.done();
  if (op.constraint.name.empty())
    op.constraint.name =
        constraint_name(naming_of(L), "pk", op.table.name, op.constraint.columns, "", "");
  emit(L, std::move(op));
  return 0;
}

int op_drop_constraint(lua_State* L) {
  const std::string what = "op.drop_constraint";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what, "op.drop_constraint(name, table, { type_, schema })");
  Options o(L, opts, what);
  ops::DropConstraint op;
  op.name = check_string(L, 1, what, "argument 1 (the constraint name)");
  op.table = table_ref(L, 2, what, o);
  op.type = read_constraint_type(o);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_execute(lua_State* L) {
  const std::string what = "op.execute";
  if (lua_gettop(L) != 1) raise(L, what + " takes one SQL string or sa.text(...)");
  emit(L, ops::Execute{to_sql(L, 1, what, "argument 1 (the SQL)")});
  return 0;
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

std::string opt_name(lua_State* L, int idx, const std::string& what) {
  if (lua_isnoneornil(L, idx)) return "";
  return check_string(L, idx, what, "the name (a string, or nil to use the naming convention)");
}

SplitColumn split_column(lua_State* L, const ops::TableRef& table, int idx,
                         const std::string& what) {
  auto* def = test_sa_as<ColumnDef>(L, idx);
  if (!def) raise(L, what + ": expected sa.Column(...) (got " + type_name(L, idx) + ")");
  if (def->column.primary_key)
    raise(L, what + ": column " + def->column.name +
                 " has primary_key = true; a primary key cannot be added with add_column, use "
                 "op.create_primary_key() after adding the column");
  Table t;
  t.schema = table.schema;
  t.name = table.name;
  t.columns.push_back(def->column);
  t.check_constraints = def->checks;
  normalize_table(t, naming_of(L));
  SplitColumn s;
  s.add = {table, t.columns[0]};
  for (auto& uq : t.unique_constraints) s.uniques.push_back({table, uq});
  for (auto& fk : t.foreign_keys) s.foreign_keys.push_back({table, fk});
  for (auto& ck : t.check_constraints) s.checks.push_back({table, ck});
  for (auto& ix : t.indexes) s.indexes.push_back({table, ix, false, false});
  return s;
}

void read_alter_options(Options& o, ops::AlterColumn& op) {
  lua_State* L = o.state();
  const std::string& what = o.what();
  op.nullable = o.boolean("nullable");
  bool has_type_ = o.present("type_");
  if (has_type_ && o.present("type")) raise(L, what + ": give either type_ or type, not both");
  if (o.push(has_type_ ? "type_" : "type") != LUA_TNIL) op.type = to_type(L, -1, what);
  lua_pop(L, 1);
  o.ignore("type_");
  o.ignore("type");

  int t = o.push("server_default");
  if (t == LUA_TBOOLEAN) {
    if (lua_toboolean(L, -1))
      raise(L, what + ": server_default = true makes no sense; give a default or false to drop it");
    op.server_default = std::optional<ServerDefault>{};
  } else if (t != LUA_TNIL) {
    op.server_default = to_server_default(L, -1, what);
  }
  lua_pop(L, 1);

  op.new_column_name = o.string("new_column_name");

  t = o.push("comment");
  if (t == LUA_TBOOLEAN) {
    if (lua_toboolean(L, -1))
      raise(L, what + ": comment = true makes no sense; give text or false");
    op.comment = std::optional<std::string>{};
  } else if (t == LUA_TSTRING) {
    op.comment = std::optional<std::string>{lua_tostring(L, -1)};
  } else if (t != LUA_TNIL) {
    raise(L, "option 'comment' for " + what + " must be a string or false");
  }
  lua_pop(L, 1);

  if (o.push("existing_type") != LUA_TNIL) op.existing_type = to_type(L, -1, what);
  lua_pop(L, 1);
  op.existing_nullable = o.boolean("existing_nullable");
  t = o.push("existing_server_default");
  if (t != LUA_TNIL && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
    op.existing_server_default = to_server_default(L, -1, what);
  lua_pop(L, 1);
  t = o.push("existing_comment");
  if (t == LUA_TSTRING)
    op.existing_comment = lua_tostring(L, -1);
  else if (t != LUA_TNIL && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
    raise(L, "option 'existing_comment' for " + what + " must be a string or false");
  lua_pop(L, 1);
  o.ignore("existing_autoincrement");  // Alembic renders it; the model keeps no such state
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
}

void read_create_index_options(Options& o, ops::CreateIndex& op) {
  read_index_options(o, op.index);
  op.if_not_exists = o.boolean("if_not_exists").value_or(false);
  auto c1 = o.boolean("concurrently");
  auto c2 = o.boolean("postgresql_concurrently");
  op.concurrently = c1.value_or(false) || c2.value_or(false);
}

std::string read_constraint_type(Options& o) {
  lua_State* L = o.state();
  if (o.present("type_") && o.present("type"))
    raise(L, o.what() + ": give either type_ or type, not both");
  auto t = o.string("type_");
  if (auto t2 = o.string("type")) t = t2;
  std::string type = t.value_or("");
  if (type == "foreignkey" || type == "unique" || type == "check" || type == "primary" ||
      type.empty())
    return type;
  raise(L, "option 'type_' for " + o.what() +
               " must be \"foreignkey\", \"unique\", \"check\" or "
               "\"primary\" (got \"" +
               type + "\")");
}

void push_op_module(lua_State* L) {
  static const char kKey = 0;
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kKey) != LUA_TNIL) return;
  lua_pop(L, 1);
  const luaL_Reg fns[] = {
      {"create_table", guarded<op_create_table>},
      {"drop_table", guarded<op_drop_table>},
      {"rename_table", guarded<op_rename_table>},
      {"add_column", guarded<op_add_column>},
      {"drop_column", guarded<op_drop_column>},
      {"alter_column", guarded<op_alter_column>},
      {"create_index", guarded<op_create_index>},
      {"drop_index", guarded<op_drop_index>},
      {"create_unique_constraint", guarded<op_create_unique_constraint>},
      {"create_foreign_key", guarded<op_create_foreign_key>},
      {"create_check_constraint", guarded<op_create_check_constraint>},
      {"create_primary_key", guarded<op_create_primary_key>},
      {"drop_constraint", guarded<op_drop_constraint>},
      {"execute", guarded<op_execute>},
      {"bulk_insert", guarded<op_bulk_insert>},
      {"batch_alter_table", guarded<op_batch_alter_table>},
      {"get_bind", guarded<op_get_bind>},
      {"f", guarded<op_f>},
      {nullptr, nullptr},
  };
  luaL_newlib(L, fns);
  make_module_proxy(L, "op");
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kKey);
}

}  // namespace retort::lua
