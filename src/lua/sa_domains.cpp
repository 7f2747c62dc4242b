// Domains and extensions in Lua (PostgreSQL; docs/script-api.md): sa.Domain for models and
// scripts, and op.create_domain / op.alter_domain / op.drop_domain; sa.Extension for models,
// op.create_extension / op.drop_extension.
//
//   sa.Domain(name, type, { schema, not_null, default, check, constraint_name, checks,
//                           collation })            a type: sa.Column("y", year)
//   op.create_domain(name, type, { ...the same })
//   op.alter_domain(name, type, { ...the same, existing = sa.Domain(...) })
//   op.drop_domain(name, { schema, existing = sa.Domain(...) })
//   sa.Extension(name, { schema })
//   op.create_extension(name, { schema, if_not_exists })
//   op.drop_extension(name, { schema, if_exists })      schema: where downgrade creates it
//
// The options follow SQLAlchemy's postgresql.DOMAIN (not_null, default, check,
// constraint_name, collation); `nullable = false` is accepted for not_null, and `checks` lists
// several checks as strings or sa.CheckConstraint(sql, { name }).
#include <cctype>
#include <string>

#include "lua/lua_support.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"
#include "ops/ops.hpp"

namespace retort::lua {
namespace {

// One check of `checks`: a string, sa.text or sa.CheckConstraint.
CheckConstraint to_domain_check(lua_State* L, int idx, const std::string& what) {
  if (auto* ck = test_sa_as<CheckConstraint>(L, idx)) return *ck;
  return {"", to_sql(L, idx, what, "a check")};
}

// The options sa.Domain, op.create_domain and op.alter_domain share, into `d`.
void read_domain_options(lua_State* L, Options& o, Domain& d) {
  const std::string what = o.what();
  if (auto v = o.string("schema")) d.schema = *v;
  auto not_null = o.boolean("not_null");
  auto nullable = o.boolean("nullable");
  if (not_null && nullable && *not_null == *nullable)
    raise(L, what + " '" + d.name + "': not_null and nullable contradict each other");
  d.not_null = not_null ? *not_null : nullable ? !*nullable : false;
  if (o.push("default") != LUA_TNIL) d.server_default = to_server_default(L, -1, what);
  lua_pop(L, 1);
  if (auto v = o.string("collation")) d.type.collation = *v;
  if (o.push("check") != LUA_TNIL) d.checks.push_back({"", to_sql(L, -1, what, "check")});
  lua_pop(L, 1);
  if (auto v = o.string("constraint_name")) {
    if (d.checks.empty())
      raise(L, what + " '" + d.name + "': constraint_name names the check, but there is none");
    d.checks.front().name = *v;
  }
  int t = o.push("checks");
  if (t == LUA_TTABLE) {
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L, -1, i);
      d.checks.push_back(to_domain_check(L, -1, what));
      lua_pop(L, 1);
    }
  } else if (t != LUA_TNIL) {
    raise(L, what + " '" + d.name +
                 "': checks must be a list of strings or sa.CheckConstraint (got " +
                 type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
}

// name, type and the options table; returns the options' index (0: none).
int read_domain_head(lua_State* L, const std::string& what, Domain& d) {
  int top = lua_gettop(L);
  int opts = 0;
  if (top == 3 && (is_plain_table(L, 3) || lua_isnil(L, 3))) opts = 3;
  if (top < 2 || top > 3 || (top == 3 && !opts))
    raise(L, what + " takes a name, a type and an options table (got " + std::to_string(top) +
                 " arguments); usage: " + what +
                 "(\"year\", sa.Integer(), { not_null = true, check = \"VALUE > 0\" })");
  d.name = check_string(L, 1, what, "argument 1 (the name)");
  Type base = to_type(L, 2, what + " '" + d.name + "' argument 2 (the base type)");
  d.type = std::move(base);
  return opts;
}

Domain existing_domain(lua_State* L, Options& o, const std::string& what, const Domain& d,
                       bool required) {
  return existing_object<Domain>(L, o, what, d.name, "domain", "sa.Domain", required);
}

int sa_domain(lua_State* L) {
  const std::string what = "sa.Domain";
  Domain d;
  int opts = read_domain_head(L, what, d);
  Options o(L, opts, what);
  read_domain_options(L, o, d);
  o.done();
  if (auto* models = run_state(L).model_domains) models->push_back(d);
  push_sa_as(L, std::move(d));
  return 1;
}

int op_create_domain(lua_State* L) {
  const std::string what = "op.create_domain";
  Domain d;
  int opts = read_domain_head(L, what, d);
  Options o(L, opts, what);
  read_domain_options(L, o, d);
  o.done();
  emit(L, ops::CreateDomain{std::move(d)});
  return 0;
}

int op_alter_domain(lua_State* L) {
  const std::string what = "op.alter_domain";
  Domain d;
  int opts = read_domain_head(L, what, d);
  Options o(L, opts, what);
  read_domain_options(L, o, d);
  Domain existing = existing_domain(L, o, what, d, true);
  o.done();
  existing.schema = d.schema;
  existing.name = d.name;
  emit(L, ops::AlterDomain{std::move(d), std::move(existing)});
  return 0;
}

int op_drop_domain(lua_State* L) {
  const std::string what = "op.drop_domain";
  int top = lua_gettop(L);
  int opts = top == 2 && (is_plain_table(L, 2) || lua_isnil(L, 2)) ? 2 : 0;
  if (top < 1 || top > 2 || (top == 2 && !opts))
    raise(L, what + " takes a name and an options table (got " + std::to_string(top) +
                 " arguments); usage: op.drop_domain(\"year\", { existing = sa.Domain(...) })");
  ops::DropDomain op;
  op.name = check_string(L, 1, what, "argument 1 (the name)");
  Options o(L, opts, what);
  if (auto v = o.string("schema")) op.schema = *v;
  Domain probe;
  probe.name = op.name;
  if (o.present("existing")) {
    Domain e = existing_domain(L, o, what, probe, true);
    e.name = op.name;
    e.schema = op.schema;
    op.existing = std::move(e);
  }
  o.done();
  emit(L, std::move(op));
  return 0;
}

// name and an options table; returns the options' index (0: none).
int read_extension_head(lua_State* L, const std::string& what, Extension& x) {
  int top = lua_gettop(L);
  int opts = top == 2 && (is_plain_table(L, 2) || lua_isnil(L, 2)) ? 2 : 0;
  if (top < 1 || top > 2 || (top == 2 && !opts))
    raise(L, what + " takes a name and an options table (got " + std::to_string(top) +
                 " arguments); usage: " + what + "(\"pg_trgm\", { schema = \"public\" })");
  x.name = check_string(L, 1, what, "argument 1 (the name)");
  return opts;
}

int sa_extension(lua_State* L) {
  const std::string what = "sa.Extension";
  Extension x;
  Options o(L, read_extension_head(L, what, x), what);
  if (auto v = o.string("schema")) x.schema = *v;
  o.done();
  if (auto* models = run_state(L).model_extensions) models->push_back(x);
  lua_pushstring(L, x.name.c_str());
  return 1;
}

int op_create_extension(lua_State* L) {
  const std::string what = "op.create_extension";
  ops::CreateExtension op;
  Options o(L, read_extension_head(L, what, op.extension), what);
  if (auto v = o.string("schema")) op.extension.schema = *v;
  op.if_not_exists = o.boolean("if_not_exists").value_or(false);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_drop_extension(lua_State* L) {
  const std::string what = "op.drop_extension";
  ops::DropExtension op;
  Options o(L, read_extension_head(L, what, op.extension), what);
  if (auto v = o.string("schema")) op.extension.schema = *v;
  op.if_exists = o.boolean("if_exists").value_or(false);
  o.done();
  emit(L, std::move(op));
  return 0;
}

}  // namespace

namespace {

// A name as PostgreSQL's format_type prints it: as is when it is lower-case and plain, else in
// double quotes ("PosInt"), so the DDL keeps its case and the reflected type compares equal.
std::string type_name_sql(const std::string& name) {
  bool plain =
      !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) && name[0] != '$';
  for (char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$');
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Type domain_type(const Domain& d) {
  Type t;
  t.kind = TypeKind::Native;
  t.native = d.schema.empty() ? type_name_sql(d.name)
                              : type_name_sql(d.schema) + "." + type_name_sql(d.name);
  return t;
}

void add_domain_ops(lua_State* L) {
  lua_pushcfunction(L, guarded<op_create_domain>);
  lua_setfield(L, -2, "create_domain");
  lua_pushcfunction(L, guarded<op_alter_domain>);
  lua_setfield(L, -2, "alter_domain");
  lua_pushcfunction(L, guarded<op_drop_domain>);
  lua_setfield(L, -2, "drop_domain");
  lua_pushcfunction(L, guarded<op_create_extension>);
  lua_setfield(L, -2, "create_extension");
  lua_pushcfunction(L, guarded<op_drop_extension>);
  lua_setfield(L, -2, "drop_extension");
}

void add_domain_constructor(lua_State* L) {
  lua_pushcfunction(L, guarded<sa_domain>);
  lua_setfield(L, -2, "Domain");
  lua_pushcfunction(L, guarded<sa_extension>);
  lua_setfield(L, -2, "Extension");
}

}  // namespace retort::lua
