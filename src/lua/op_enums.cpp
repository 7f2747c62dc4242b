// op.sync_enum_values: alembic-postgresql-enum's op, so scripts that use it (and Alembic
// projects imported with it) run unchanged. Two spellings, told apart by the fourth argument:
//
//   op.sync_enum_values(schema, name, new_values [, affected_columns [, enum_values_to_rename]]
//                       [, { existing = old_values, affected_columns, enum_values_to_rename }])
//   op.sync_enum_values(schema, name, old_values, new_values)   -- the 0.1 releases' order
//
// affected_columns: a list of { table_name = "t", column_name = "c" [, table_schema = "s"] }
// (TableReference's fields; `table`, `column`, `schema` also do); enum_values_to_rename: a list
// of { "old", "new" } pairs.
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"

namespace retort::lua {
namespace {

// A table whose first element is set: a list (possibly of lists), not an options table.
bool is_list(lua_State* L, int idx) {
  if (!is_plain_table(L, idx)) return false;
  lua_rawgeti(L, idx, 1);
  bool list = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (list) return true;
  lua_pushnil(L);
  bool empty = lua_next(L, idx) == 0;
  if (!empty) lua_pop(L, 2);
  return empty;
}

// A list whose elements are strings (the old values of the 0.1 order), not tables.
bool is_string_list(lua_State* L, int idx) {
  if (!is_plain_table(L, idx)) return false;
  lua_rawgeti(L, idx, 1);
  bool s = lua_type(L, -1) == LUA_TSTRING;
  lua_pop(L, 1);
  return s;
}

// Calls f(i) with list item i (1-based) on top of the stack, for each item of the list at
// `idx`, and pops it after.
template <class F>
void each_item(lua_State* L, int idx, F f) {
  idx = lua_absindex(L, idx);
  for (lua_Integer i = 1;; ++i) {
    lua_rawgeti(L, idx, i);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      return;
    }
    f(i);
    lua_pop(L, 1);
  }
}

std::vector<ops::EnumColumnRef> read_columns(lua_State* L, int idx, const std::string& what) {
  std::vector<ops::EnumColumnRef> out;
  if (lua_isnoneornil(L, idx)) return out;
  if (!is_plain_table(L, idx))
    raise(L, what + ": affected_columns must be a list of { table_name = ..., column_name = ... }"
                    " (got " + type_name(L, idx) + ")");
  each_item(L, idx, [&](lua_Integer i) {
    const std::string item = what + ": affected_columns[" + std::to_string(i) + "]";
    if (!is_plain_table(L, -1))
      raise(L, item + " must be a table like { table_name = \"t\", column_name = \"c\" }");
    ops::EnumColumnRef ref;
    {
      Options o(L, -1, item);
      auto pick = [&](std::string_view a, std::string_view b) {
        auto x = o.string(a);
        auto y = o.string(b);
        return x ? *x : y.value_or("");
      };
      ref.table.name = pick("table_name", "table");
      ref.column = pick("column_name", "column");
      ref.table.schema = pick("table_schema", "schema");
      o.ignore("existing_server_default");  // read from the database or the schema model
      o.done();
    }
    if (ref.table.name.empty() || ref.column.empty())
      raise(L, item + " needs table_name and column_name");
    out.push_back(std::move(ref));
  });
  return out;
}

std::vector<std::pair<std::string, std::string>> read_renames(lua_State* L, int idx,
                                                              const std::string& what) {
  std::vector<std::pair<std::string, std::string>> out;
  if (lua_isnoneornil(L, idx)) return out;
  if (!is_plain_table(L, idx))
    raise(L, what + ": enum_values_to_rename must be a list of { \"old\", \"new\" } pairs");
  each_item(L, idx, [&](lua_Integer i) {
    std::vector<std::string> pair = check_string_list(
        L, lua_gettop(L), what, ("enum_values_to_rename[" + std::to_string(i) + "]").c_str());
    if (pair.size() != 2)
      raise(L, what + ": enum_values_to_rename[" + std::to_string(i) +
                   "] must be a pair { \"old\", \"new\" }");
    out.emplace_back(pair[0], pair[1]);
  });
  return out;
}

int op_sync_enum_values(lua_State* L) {
  const std::string what = "op.sync_enum_values";
  int top = lua_gettop(L);
  int opts = 0;
  if (top >= 4 && is_plain_table(L, top) && !is_list(L, top)) opts = top--;
  if (top < 3)
    raise(L, what + " takes (schema, name, new_values [, affected_columns [, "
                    "enum_values_to_rename]] [, options])");
  ops::SyncEnumValues op;
  if (!lua_isnil(L, 1)) op.schema = check_string(L, 1, what, "schema");
  op.name = check_string(L, 2, what, "name");
  if (top == 4 && is_string_list(L, 4)) {
    // The 0.1 releases' order: (schema, name, old_values, new_values).
    op.existing = check_string_list(L, 3, what, "old_values");
    op.values = check_string_list(L, 4, what, "new_values");
  } else {
    op.values = check_string_list(L, 3, what, "new_values");
    if (top >= 4) op.columns = read_columns(L, 4, what);
    if (top >= 5) op.renames = read_renames(L, 5, what);
    if (top > 5) raise(L, what + ": too many arguments");
  }
  Options o(L, opts, what);
  if (o.present("existing")) {
    o.push("existing");
    op.existing = check_string_list(L, lua_gettop(L), what, "existing");
    lua_pop(L, 1);
  }
  if (o.present("affected_columns")) {
    o.push("affected_columns");
    op.columns = read_columns(L, lua_gettop(L), what);
    lua_pop(L, 1);
  }
  if (o.present("enum_values_to_rename")) {
    o.push("enum_values_to_rename");
    op.renames = read_renames(L, lua_gettop(L), what);
    lua_pop(L, 1);
  }
  o.done();
  if (op.values.empty()) raise(L, what + ": an enum type needs at least one value");
  emit(L, std::move(op));
  return 0;
}

}  // namespace

void add_enum_ops(lua_State* L) {
  lua_pushcfunction(L, guarded<op_sync_enum_values>);
  lua_setfield(L, -2, "sync_enum_values");
}

}  // namespace retort::lua
