// Column, type and index details beyond the core of sa/op: collations and MySQL character
// sets on types, MySQL ON UPDATE and AUTO_INCREMENT in alter_column, index methods, operator
// classes, INCLUDE columns, sort order and MySQL prefix lengths. Options named after a dialect
// (postgresql_*, mysql_*) are read here for every dialect and honoured by their own only, as
// SQLAlchemy does, so one models file serves all three.
#include <fmt/format.h>

#include <cctype>
#include <string>

#include "lua/op_args.hpp"
#include "lua/sa_module.hpp"

namespace retort::lua {
namespace {

bool iequals_at(const std::string& s, size_t pos, std::string_view word) {
  if (pos + word.size() > s.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(s[pos + i])) != word[i]) return false;
  return true;
}

// Removes a trailing " WORD" (case-insensitive, after whitespace) from `s`; true when it did.
bool strip_word(std::string& s, std::string_view word) {
  if (s.size() <= word.size()) return false;
  size_t pos = s.size() - word.size();
  if (!iequals_at(s, pos, word) || !std::isspace(static_cast<unsigned char>(s[pos - 1])))
    return false;
  s.erase(pos);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return true;
}

// sa.desc(x), sa.asc(x), sa.nullsfirst(x), sa.nullslast(x): the element with the suffix added,
// a string for a column name and sa.text for an expression, as index elements take them.
int sort_suffix(lua_State* L) {
  const char* suffix = lua_tostring(L, lua_upvalueindex(1));
  const std::string what = std::string("sa.") + lua_tostring(L, lua_upvalueindex(2));
  if (lua_gettop(L) != 1) raise(L, what + " takes one column name or sa.text(expression)");
  if (lua_type(L, 1) == LUA_TSTRING) {
    lua_pushstring(L, (std::string(lua_tostring(L, 1)) + " " + suffix).c_str());
    return 1;
  }
  if (auto* t = test_sa_as<TextClause>(L, 1)) {
    push_sa_as(L, TextClause{t->sql + " " + suffix});
    return 1;
  }
  raise(L, what + ": expected a column name or sa.text(expression) (got " + type_name(L, 1) + ")");
}

// Calls f(key, value index) for each string key of the table at `idx`.
template <class F>
void each_key(lua_State* L, int idx, const std::string& what, const char* option, F&& f) {
  idx = lua_absindex(L, idx);
  if (lua_type(L, idx) != LUA_TTABLE)
    raise(L, fmt::format("option '{}' for {} must be a table {{ column = ... }} (got {})", option,
                         what, type_name(L, idx)));
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING)
      raise(L, fmt::format("option '{}' for {}: keys must be column names", option, what));
    f(std::string(lua_tostring(L, -2)), lua_gettop(L));
    lua_pop(L, 1);
  }
}

IndexElement* element_named(Index& ix, const std::string& name) {
  for (auto& e : ix.elements)
    if (e.text == name) return &e;
  return nullptr;
}

// sa.Computed(sqltext, { persisted = true|false }): a generated column's expression, given as a
// positional argument of sa.Column, as SQLAlchemy's.
int sa_computed(lua_State* L) {
  int top = 0;
  int opts = last_options(L, top);
  if (top < 1 || lua_isnil(L, 1))
    raise(L, "sa.Computed needs the expression as its argument, e.g. sa.Computed(\"price * qty\")");
  if (top > 1) raise(L, "sa.Computed takes an expression and an options table");
  Computed c;
  c.sqltext = to_sql(L, 1, "sa.Computed", "argument 1 (the expression)");
  if (c.sqltext.find_first_not_of(" \t\r\n") == std::string::npos)
    raise(L, "sa.Computed: the expression is empty");
  Options o(L, opts, "sa.Computed");
  c.persisted = o.boolean("persisted");
  o.done();
  push_sa_as(L, std::move(c));
  return 1;
}

std::optional<ServerDefault> read_on_update(Options& o, const char* key) {
  lua_State* L = o.state();
  std::optional<ServerDefault> out;
  if (o.push(key) != LUA_TNIL) out = to_server_default(L, -1, o.what());
  lua_pop(L, 1);
  return out;
}

}  // namespace

void split_sort_order(IndexElement& e) {
  if (strip_word(e.text, "NULLS FIRST")) {
    e.nulls = "FIRST";
  } else if (strip_word(e.text, "NULLS LAST")) {
    e.nulls = "LAST";
  }
  if (strip_word(e.text, "DESC")) {
    e.descending = true;
  } else {
    strip_word(e.text, "ASC");
  }
}

void read_column_extras(Options& o, Column& c) {
  c.mysql_on_update = read_on_update(o, "mysql_on_update");
}

void read_type_extras(Options& o, Type& t) {
  if (auto v = o.string("collation")) t.collation = *v;
  if (auto v = o.string("mysql_charset")) t.mysql_charset = *v;
  // charset: the spelling of SQLAlchemy's MySQL string types (mysql.VARCHAR(charset=...)).
  if (auto v = o.string("charset")) {
    if (!t.mysql_charset.empty() && t.mysql_charset != *v)
      raise(o.state(), o.what() + ": give either charset or mysql_charset, not both");
    t.mysql_charset = *v;
  }
}

void read_index_extras(Options& o, Index& ix) {
  lua_State* L = o.state();
  const std::string what = o.what();
  if (auto v = o.string("postgresql_using")) {
    ix.postgresql_using = *v;
    for (auto& ch : ix.postgresql_using)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ix.postgresql_using == "btree") ix.postgresql_using.clear();
  }
  if (o.present("postgresql_include")) {
    o.push("postgresql_include");
    ix.postgresql_include = check_string_list(L, -1, what, "option 'postgresql_include'");
    lua_pop(L, 1);
  }
  if (o.push("postgresql_ops") != LUA_TNIL) {
    each_key(L, -1, what, "postgresql_ops", [&](const std::string& col, int v) {
      IndexElement* e = element_named(ix, col);
      if (!e)
        raise(L, fmt::format("option 'postgresql_ops' for {}: the index has no element {}", what,
                             col));
      e->postgresql_ops = check_string(L, v, what, "each operator class");
    });
  }
  lua_pop(L, 1);
  if (auto v = o.string("mysql_prefix")) {
    std::string p = upper(*v);
    if (p != "FULLTEXT" && p != "SPATIAL")
      raise(L, fmt::format("option 'mysql_prefix' for {} must be \"FULLTEXT\" or \"SPATIAL\" "
                           "(got \"{}\")",
                           what, *v));
    ix.mysql_prefix = p;
  }
  int t = o.push("mysql_length");
  if (t == LUA_TNUMBER) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) <= 0)
      raise(L, "option 'mysql_length' for " + what + " must be a positive integer");
    for (auto& e : ix.elements) e.mysql_length = static_cast<int>(lua_tointeger(L, -1));
  } else if (t != LUA_TNIL) {
    each_key(L, -1, what, "mysql_length", [&](const std::string& col, int v) {
      IndexElement* e = element_named(ix, col);
      if (!e)
        raise(L,
              fmt::format("option 'mysql_length' for {}: the index has no column {}", what, col));
      if (!lua_isinteger(L, v) || lua_tointeger(L, v) <= 0)
        raise(L, fmt::format("option 'mysql_length' for {}: the length of {} must be a positive "
                             "integer",
                             what, col));
      e->mysql_length = static_cast<int>(lua_tointeger(L, v));
    });
  }
  lua_pop(L, 1);
}

void read_alter_extras(Options& o, ops::AlterColumn& op) {
  lua_State* L = o.state();
  op.autoincrement = o.boolean("autoincrement");
  op.existing_autoincrement = o.boolean("existing_autoincrement");
  // identity = sa.Identity(...) makes the column one (or changes it); false drops it.
  int it = o.push("identity");
  if (auto* id = test_sa_as<Identity>(L, -1)) {
    op.identity = std::optional<Identity>(*id);
  } else if (it == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
    op.identity = std::optional<Identity>{};
  } else if (it != LUA_TNIL) {
    raise(L,
          o.what() + ": identity must be sa.Identity(...) or false (got " + type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
  it = o.push("existing_identity");
  if (auto* id = test_sa_as<Identity>(L, -1)) {
    op.existing_identity = *id;
  } else if (it != LUA_TNIL && !(it == LUA_TBOOLEAN && !lua_toboolean(L, -1))) {
    raise(L,
          o.what() + ": existing_identity must be sa.Identity(...) (got " + type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
  int t = o.push("mysql_on_update");
  if (t == LUA_TBOOLEAN) {
    if (lua_toboolean(L, -1))
      raise(L, o.what() + ": mysql_on_update = true makes no sense; give a value or false");
    op.mysql_on_update = std::optional<ServerDefault>{};
  } else if (t != LUA_TNIL) {
    op.mysql_on_update = to_server_default(L, -1, o.what());
  }
  lua_pop(L, 1);
  t = o.push("existing_mysql_on_update");
  if (t != LUA_TNIL && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
    op.existing_mysql_on_update = to_server_default(L, -1, o.what());
  lua_pop(L, 1);
}

void add_sort_helpers(lua_State* L) {
  // [-1] = the sa module table.
  const char* const helpers[][2] = {
      {"desc", "DESC"},
      {"asc", "ASC"},
      {"nullsfirst", "NULLS FIRST"},
      {"nullslast", "NULLS LAST"},
  };
  for (const auto& h : helpers) {
    lua_pushstring(L, h[1]);
    lua_pushstring(L, h[0]);
    lua_pushcclosure(L, guarded<sort_suffix>, 2);
    lua_setfield(L, -2, h[0]);
  }
}

// sa.true_() / sa.false_(): a portable boolean server default (SQLAlchemy's sa.true() and
// sa.false(); `true` and `false` are Lua keywords, so the names take a trailing underscore as
// SQLAlchemy's and_/or_ do).
int sa_boolean(lua_State* L) {
  const bool value = lua_toboolean(L, lua_upvalueindex(1));
  if (lua_gettop(L) != 0)
    raise(L, std::string("sa.") + (value ? "true_" : "false_") + "() takes no arguments");
  push_sa_as(L, FuncCall{ServerDefault{ServerDefault::Kind::Boolean, value ? "true" : "false"}});
  return 1;
}

void add_column_helpers(lua_State* L) {
  // [-1] = the sa module table.
  lua_pushcfunction(L, guarded<sa_computed>);
  lua_setfield(L, -2, "Computed");
  for (bool value : {true, false}) {
    lua_pushboolean(L, value);
    lua_pushcclosure(L, guarded<sa_boolean>, 1);
    lua_setfield(L, -2, value ? "true_" : "false_");
  }
}

}  // namespace retort::lua
