// Replaceable objects in Lua: op.create_view / replace_view / drop_view and the same for
// materialized_view, function, procedure and trigger; sa.View, sa.MaterializedView,
// sa.Function, sa.Procedure and sa.Trigger for models (docs/script-api.md).
//
//   op.create_view(name, sql, { schema })              sql: the SELECT
//   op.replace_view(name, sql, { schema, replaces })   replaces: the previous SELECT
//   op.drop_view(name, { schema, existing })           existing: the SELECT, for downgrade
//   op.create_function(name, ddl, { schema })          ddl: the whole CREATE FUNCTION
//   op.create_trigger(name, table, ddl, { schema })    ddl: the whole CREATE TRIGGER
//   op.drop_trigger(name, table, { schema, existing })
#include <iterator>
#include <string>

#include "lua/lua_support.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"
#include "ops/ops.hpp"

namespace retort::lua {
namespace {

enum class Verb { Create, Replace, Drop };

struct KindName {
  ObjectKind kind;
  const char* op;  // "view": op.create_view
  const char* sa;  // "View": sa.View
};

constexpr KindName kKinds[] = {
    {ObjectKind::View, "view", "View"},
    {ObjectKind::MaterializedView, "materialized_view", "MaterializedView"},
    {ObjectKind::Function, "function", "Function"},
    {ObjectKind::Procedure, "procedure", "Procedure"},
    {ObjectKind::Trigger, "trigger", "Trigger"},
    {ObjectKind::Aggregate, "aggregate", "Aggregate"},
};

const char* body_label(ObjectKind kind) {
  return kind == ObjectKind::View || kind == ObjectKind::MaterializedView
             ? "(the SELECT)"
             : "(the CREATE statement)";
}

// Reads name[, table] and, unless `with_body` is false, the definition from the positional
// arguments; returns the index of the options table (0: none).
int read_object(lua_State* L, const std::string& what, const std::string& usage, bool with_body,
                ReplaceableObject& o) {
  const bool trigger = o.kind == ObjectKind::Trigger;
  const int positional = 1 + (trigger ? 1 : 0) + (with_body ? 1 : 0);
  int top = lua_gettop(L);
  int opts = 0;
  if (top == positional + 1 && (is_plain_table(L, top) || lua_isnil(L, top))) {
    opts = top;
    --top;
  }
  if (top != positional)
    raise(L, what + " takes " + std::to_string(positional) + " arguments and an options table (got " +
                 std::to_string(lua_gettop(L)) + "); usage: " + usage);
  int i = 1;
  o.name = check_string(L, i++, what, "argument 1 (the name)");
  if (trigger) o.table = check_string(L, i++, what, "argument 2 (the table)");
  if (with_body) {
    std::string label = "argument " + std::to_string(i) + " " + body_label(o.kind);
    o.definition = to_sql(L, i, what, label.c_str());
    if (o.definition.find_first_not_of(" \t\r\n;") == std::string::npos)
      raise(L, what + " '" + o.name + "': the definition is empty");
  }
  return opts;
}

std::string usage_of(Verb verb, const KindName& k) {
  const bool trigger = k.kind == ObjectKind::Trigger;
  const bool view = k.kind == ObjectKind::View || k.kind == ObjectKind::MaterializedView;
  std::string args = trigger ? "name, table" : "name";
  std::string body = view ? "sql" : "ddl";
  switch (verb) {
    case Verb::Create:
      return std::string("op.create_") + k.op + "(" + args + ", " + body + ", { schema })";
    case Verb::Replace:
      return std::string("op.replace_") + k.op + "(" + args + ", " + body +
             ", { schema, replaces = previous_" + body + " })";
    case Verb::Drop:
      return std::string("op.drop_") + k.op + "(" + args + ", { schema, existing = " + body +
             " })";
  }
  return "";
}

// op.<verb>_<kind>(...): upvalues are the verb and the index in kKinds.
int op_object(lua_State* L) {
  const auto verb = static_cast<Verb>(lua_tointeger(L, lua_upvalueindex(1)));
  const KindName& k = kKinds[lua_tointeger(L, lua_upvalueindex(2))];
  const char* verb_name = verb == Verb::Create ? "create_" : verb == Verb::Replace ? "replace_"
                                                                                    : "drop_";
  const std::string what = std::string("op.") + verb_name + k.op;
  ReplaceableObject o;
  o.kind = k.kind;
  int opts = read_object(L, what, usage_of(verb, k), verb != Verb::Drop, o);
  Options options(L, opts, what);
  if (auto v = options.string("schema")) o.schema = *v;
  switch (verb) {
    case Verb::Create:
      options.done();
      emit(L, ops::CreateObject{std::move(o)});
      break;
    case Verb::Replace: {
      ops::ReplaceObject op{std::move(o), options.string("replaces").value_or("")};
      options.done();
      emit(L, std::move(op));
      break;
    }
    case Verb::Drop:
      o.definition = options.string("existing").value_or("");
      options.done();
      emit(L, ops::DropObject{std::move(o)});
      break;
  }
  return 0;
}

// sa.View(name, sql, { schema }) and the others: a model object (upvalue: the index in kKinds).
int sa_object(lua_State* L) {
  const KindName& k = kKinds[lua_tointeger(L, lua_upvalueindex(1))];
  const std::string what = std::string("sa.") + k.sa;
  ReplaceableObject o;
  o.kind = k.kind;
  const bool trigger = k.kind == ObjectKind::Trigger;
  const bool view = k.kind == ObjectKind::View || k.kind == ObjectKind::MaterializedView;
  std::string usage = what + "(name, " + (trigger ? "table, " : "") +
                      (view ? "\"SELECT ...\"" : "\"CREATE ...\"") + ", { schema })";
  int opts = read_object(L, what, usage, true, o);
  Options options(L, opts, what);
  if (auto v = options.string("schema")) o.schema = *v;
  options.done();
  if (auto* models = run_state(L).model_objects) models->push_back(o);
  push_sa_as(L, std::move(o));
  return 1;
}

}  // namespace

void add_object_ops(lua_State* L) {
  for (lua_Integer i = 0; i < static_cast<lua_Integer>(std::size(kKinds)); ++i) {
    for (Verb verb : {Verb::Create, Verb::Replace, Verb::Drop}) {
      lua_pushinteger(L, static_cast<lua_Integer>(verb));
      lua_pushinteger(L, i);
      lua_pushcclosure(L, guarded<op_object>, 2);
      const char* prefix = verb == Verb::Create ? "create_" : verb == Verb::Replace ? "replace_"
                                                                                     : "drop_";
      lua_setfield(L, -2, (std::string(prefix) + kKinds[i].op).c_str());
    }
  }
}

void add_object_constructors(lua_State* L) {
  for (lua_Integer i = 0; i < static_cast<lua_Integer>(std::size(kKinds)); ++i) {
    lua_pushinteger(L, i);
    lua_pushcclosure(L, guarded<sa_object>, 1);
    lua_setfield(L, -2, kKinds[i].sa);
  }
}

}  // namespace retort::lua
