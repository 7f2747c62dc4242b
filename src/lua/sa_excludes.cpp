// Exclusion constraints in Lua (PostgreSQL; docs/script-api.md), as SQLAlchemy's
// postgresql.ExcludeConstraint and Alembic's op.create_exclude_constraint:
//
//   sa.ExcludeConstraint({ "room", "=" }, { "during", "&&" },
//                        { name, using, where, ops, deferrable, initially })   a table item
//   op.create_exclude_constraint(name, table, { { "room", "=" }, { "during", "&&" } },
//                                { schema, using, where, ops, deferrable, initially })
//   op.drop_constraint(name, table, "exclude", { existing = sa.ExcludeConstraint(...) })
//
// An element is a pair: a column or an expression, then the operator. A string that is a plain
// name ("room", "RoomId") is a column, quoted as needed; any other string ("tsrange(a, b)") or
// sa.text(...) is an SQL expression. Elements come one per argument (as Alembic's *elements) or
// as one list of pairs. `ops` maps an element (its column name or expression text) to an
// operator class, as SQLAlchemy's. A name is required: autogenerate compares exclusion
// constraints by name, and there is no naming-convention key for them.
#include <regex>
#include <string>

#include "lua/lua_support.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"
#include "ops/ops.hpp"

namespace retort::lua {
namespace {

const char* const kElementUsage = "{ \"column\" or \"expression\" or sa.text(...), \"operator\" }";

bool plain_name(const std::string& s) {
  static const std::regex name(R"(^[A-Za-z_][A-Za-z0-9_$]*$)");
  return std::regex_match(s, name);
}

// Is the table at `idx` one element pair (its first item a string or sa.text)?
bool is_pair(lua_State* L, int idx) {
  lua_geti(L, idx, 1);
  bool pair = lua_type(L, -1) == LUA_TSTRING || test_sa_as<TextClause>(L, -1);
  lua_pop(L, 1);
  return pair;
}

ExcludeElement to_exclude_element(lua_State* L, int idx, const std::string& what) {
  idx = lua_absindex(L, idx);
  if (!is_plain_table(L, idx) || luaL_len(L, idx) != 2)
    raise(L, what + ": an element must be a pair " + kElementUsage + " (got " + type_name(L, idx) +
                 ")");
  ExcludeElement e;
  lua_geti(L, idx, 1);
  if (auto* t = test_sa_as<TextClause>(L, -1)) {
    e.element.text = t->sql;
    e.element.expression = true;
  } else if (lua_type(L, -1) == LUA_TSTRING) {
    e.element.text = lua_tostring(L, -1);
    split_sort_order(e.element);
    e.element.expression = !plain_name(e.element.text);
  }
  lua_pop(L, 1);
  lua_geti(L, idx, 2);
  if (lua_type(L, -1) == LUA_TSTRING) e.op = lua_tostring(L, -1);
  lua_pop(L, 1);
  if (e.element.text.empty() || e.op.empty())
    raise(L, what + ": an element must be a pair " + kElementUsage);
  return e;
}

// The elements at argument indexes from..to: pairs, or lists of pairs.
std::vector<ExcludeElement> read_elements(lua_State* L, int from, int to, const std::string& what) {
  std::vector<ExcludeElement> out;
  for (int i = from; i <= to; ++i) {
    if (is_plain_table(L, i) && !is_pair(L, i)) {
      lua_Integer n = luaL_len(L, i);
      for (lua_Integer k = 1; k <= n; ++k) {
        lua_geti(L, i, k);
        out.push_back(to_exclude_element(L, -1, what));
        lua_pop(L, 1);
      }
    } else {
      out.push_back(to_exclude_element(L, i, what));
    }
  }
  if (out.empty())
    raise(L,
          what + " needs at least one element " + kElementUsage + ", e.g. { \"during\", \"&&\" }");
  return out;
}

// using, where, ops, deferrable, initially.
void read_exclude_options(lua_State* L, Options& o, ExcludeConstraint& c) {
  const std::string what = o.what();
  if (o.present("using") && o.present("postgresql_using"))
    raise(L, what + ": give either using or postgresql_using, not both");
  if (auto v = o.string("using")) c.using_method = *v;
  if (auto v = o.string("postgresql_using")) c.using_method = *v;
  if (c.using_method.empty()) raise(L, what + ": using must name an index method, e.g. \"gist\"");
  if (o.push("where") != LUA_TNIL) c.where = to_sql(L, -1, what, "option 'where'");
  lua_pop(L, 1);
  c.deferrable = o.boolean("deferrable");
  if (auto v = o.string("initially")) {
    c.initially = upper(*v);
    if (c.initially != "DEFERRED" && c.initially != "IMMEDIATE")
      raise(L, "option 'initially' for " + what + " must be \"DEFERRED\" or \"IMMEDIATE\" (got \"" +
                   *v + "\")");
  }
  int t = o.push("ops");
  if (t == LUA_TTABLE) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
        raise(L, "option 'ops' for " + what +
                     " must map elements to operator classes, e.g. { room = \"gist_int4_ops\" }");
      const std::string key = lua_tostring(L, -2);
      bool found = false;
      for (auto& e : c.elements) {
        if (e.element.text != key) continue;
        e.element.postgresql_ops = lua_tostring(L, -1);
        found = true;
      }
      if (!found)
        raise(L, "option 'ops' for " + what + " names '" + key + "', which is no element");
      lua_pop(L, 1);
    }
  } else if (t != LUA_TNIL) {
    raise(L, "option 'ops' for " + what + " must be a table (got " + type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
}

int sa_exclude_constraint(lua_State* L) {
  const std::string what = "sa.ExcludeConstraint";
  int top = lua_gettop(L);
  int opts = 0;
  if (top >= 1 && is_plain_table(L, top)) {
    lua_geti(L, top, 1);
    if (lua_isnil(L, -1)) opts = top--;
    lua_pop(L, 1);
  }
  ExcludeConstraint c;
  c.elements = read_elements(L, 1, top, what);
  Options o(L, opts, what);
  if (auto v = o.string("name")) c.name = *v;
  read_exclude_options(L, o, c);
  o.done();
  if (c.name.empty())
    raise(L, what +
                 " needs a name: { name = \"...\" } (exclusion constraints are compared and "
                 "dropped by name)");
  push_sa_as(L, std::move(c));
  return 1;
}

int op_create_exclude_constraint(lua_State* L) {
  const std::string what = "op.create_exclude_constraint";
  int top = lua_gettop(L);
  int opts = 0;
  if (top >= 4 && is_plain_table(L, top)) {
    lua_geti(L, top, 1);
    if (lua_isnil(L, -1)) opts = top--;
    lua_pop(L, 1);
  }
  if (top < 3)
    raise(L, what + " takes a name, a table, the elements and an options table; usage: " + what +
                 "(\"no_overlap\", \"booking\", { { \"room\", \"=\" }, { \"during\", \"&&\" } }, "
                 "{ using = \"gist\" })");
  ops::CreateExcludeConstraint op;
  op.constraint.name = check_string(L, 1, what, "argument 1 (the constraint name)");
  op.table.name = check_string(L, 2, what, "argument 2 (the table name)");
  op.constraint.elements = read_elements(L, 3, top, what);
  Options o(L, opts, what);
  if (auto v = o.string("schema")) op.table.schema = *v;
  read_exclude_options(L, o, op.constraint);
  o.done();
  emit(L, std::move(op));
  return 0;
}

}  // namespace

void add_exclude_constructor(lua_State* L) {
  lua_pushcfunction(L, guarded<sa_exclude_constraint>);
  lua_setfield(L, -2, "ExcludeConstraint");
}

void add_exclude_ops(lua_State* L) {
  lua_pushcfunction(L, guarded<op_create_exclude_constraint>);
  lua_setfield(L, -2, "create_exclude_constraint");
}

}  // namespace retort::lua
