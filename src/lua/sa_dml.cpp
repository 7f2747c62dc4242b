// Table expressions for op.execute (see sa_dml.hpp).
#include "lua/sa_dml.hpp"

#include <algorithm>
#include <new>
#include <utility>
#include <vector>

#include "dialect/dialect.hpp"
#include "lua/sa_module.hpp"
#include "lua/script_runner.hpp"

namespace retort::lua {
namespace {

const char* const kStatementMeta = "retort.sa.statement";
const char* const kColumnMeta = "retort.sa.column_expr";
const char* const kConditionMeta = "retort.sa.condition";

// One condition of a WHERE: `column op value(s)`, or SQL text as written.
struct Condition {
  std::string column;  // empty: `sql` is raw text
  std::string op;      // "=", "<>", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL", "IN", "LIKE"
  std::vector<Value> values;
  std::string sql;
};

struct ColumnExpr {
  std::string table;
  std::string column;
};

enum class Kind { Insert, Update, Delete };

struct Statement {
  Kind kind = Kind::Insert;
  std::string schema;
  std::string table;
  std::vector<std::string> columns;  // the table's declared columns, in order (may be empty)
  std::vector<std::pair<std::string, Value>> values;
  std::vector<Condition> where;
};

const char* kind_name(Kind k) {
  return k == Kind::Insert ? "insert" : k == Kind::Update ? "update" : "delete";
}

template <class T>
int gc(lua_State* L) {
  static_cast<T*>(lua_touserdata(L, 1))->~T();
  return 0;
}

template <class T>
T* push_new(lua_State* L, const char* meta, T value, lua_CFunction index);

int statement_index(lua_State* L);
int column_index(lua_State* L);

template <class T>
T* push_new(lua_State* L, const char* meta, T value, lua_CFunction index) {
  void* mem = lua_newuserdatauv(L, sizeof(T), 0);
  T* out = new (mem) T(std::move(value));
  if (luaL_newmetatable(L, meta)) {
    lua_pushcfunction(L, gc<T>);
    lua_setfield(L, -2, "__gc");
    if (index) {
      lua_pushcfunction(L, index);
      lua_setfield(L, -2, "__index");
    }
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
  }
  lua_setmetatable(L, -2);
  return out;
}

Statement& check_statement(lua_State* L, int idx, const char* method) {
  auto* s = static_cast<Statement*>(luaL_testudata(L, idx, kStatementMeta));
  if (!s)
    raise(L, std::string("sa statement: call it as stmt:") + method + "(...) (got " +
                 type_name(L, idx) + ")");
  return *s;
}

bool declared(const Statement& s, const std::string& column) {
  return s.columns.empty() ||
         std::find(s.columns.begin(), s.columns.end(), column) != s.columns.end();
}

// stmt:values({ col = value, ... }): the columns set, in the table's column order (else by name).
int statement_values(lua_State* L) {
  Statement s = check_statement(L, 1, "values");
  const std::string what = std::string(kind_name(s.kind)) + "():values";
  if (s.kind == Kind::Delete) raise(L, "delete(): a DELETE sets no values; use where(...)");
  if (!is_plain_table(L, 2) || lua_gettop(L) != 2)
    raise(L, what + " takes one table { column = value, ... }");
  std::vector<std::pair<std::string, Value>> values;
  lua_pushnil(L);
  while (lua_next(L, 2)) {
    if (lua_type(L, -2) != LUA_TSTRING) raise(L, what + ": keys must be column names");
    std::string column = lua_tostring(L, -2);
    if (!declared(s, column)) raise(L, what + ": table " + s.table + " has no column " + column);
    values.emplace_back(column, to_value(L, -1, what));
    lua_pop(L, 1);
  }
  if (values.empty()) raise(L, what + " needs at least one column");
  auto rank = [&](const std::string& c) {
    auto it = std::find(s.columns.begin(), s.columns.end(), c);
    return std::make_pair(it - s.columns.begin(), c);
  };
  std::sort(values.begin(), values.end(),
            [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
  s.values = std::move(values);
  push_new(L, kStatementMeta, std::move(s), guarded<statement_index>);
  return 1;
}

// stmt:where(cond, ...): conditions joined with AND (several where() calls add up, as in
// SQLAlchemy).
int statement_where(lua_State* L) {
  Statement s = check_statement(L, 1, "where");
  const std::string what = std::string(kind_name(s.kind)) + "():where";
  if (s.kind == Kind::Insert) raise(L, "insert(): an INSERT takes no where(...)");
  const int top = lua_gettop(L);
  if (top < 2) raise(L, what + " needs a condition, e.g. t.c.id:eq(1)");
  for (int i = 2; i <= top; ++i) {
    if (auto* c = static_cast<Condition*>(luaL_testudata(L, i, kConditionMeta))) {
      s.where.push_back(*c);
    } else if (auto* t = test_sa_as<TextClause>(L, i)) {
      s.where.push_back(Condition{"", "", {}, t->sql});
    } else {
      raise(L, what + ": argument " + std::to_string(i - 1) +
                   " must be a condition such as t.c.id:eq(1), or sa.text(\"...\") (got " +
                   type_name(L, i) + ")");
    }
  }
  push_new(L, kStatementMeta, std::move(s), guarded<statement_index>);
  return 1;
}

int statement_index(lua_State* L) {
  const char* key = lua_tostring(L, 2);
  if (!key) return 0;
  std::string k = key;
  if (k == "values")
    lua_pushcfunction(L, guarded<statement_values>);
  else if (k == "where")
    lua_pushcfunction(L, guarded<statement_where>);
  else
    return 0;
  return 1;
}

// A column's comparison methods: col:eq(v) and the others each make one Condition.
int column_compare(lua_State* L) {
  auto* c = static_cast<ColumnExpr*>(luaL_testudata(L, 1, kColumnMeta));
  const std::string op = lua_tostring(L, lua_upvalueindex(1));
  const std::string method = lua_tostring(L, lua_upvalueindex(2));
  if (!c) raise(L, "sa column: call it as t.c.name:" + method + "(...)");
  const std::string what = c->table + ".c." + c->column + ":" + method;
  Condition cond{c->column, op, {}, ""};
  if (op == "IS NULL" || op == "IS NOT NULL") {
    if (!lua_isnoneornil(L, 2)) raise(L, what + " takes nil (IS NULL / IS NOT NULL)");
  } else if (op == "IN") {
    if (!is_plain_table(L, 2)) raise(L, what + " takes a list of values");
    const lua_Integer n = luaL_len(L, 2);
    if (n == 0) raise(L, what + ": the list is empty");
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L, 2, i);
      cond.values.push_back(to_value(L, -1, what));
      lua_pop(L, 1);
    }
  } else {
    if (lua_gettop(L) != 2) raise(L, what + " takes one value");
    if (lua_isnil(L, 2)) {
      // As SQLAlchemy: col == None is IS NULL, col != None IS NOT NULL.
      if (op == "=")
        cond.op = "IS NULL";
      else if (op == "<>")
        cond.op = "IS NOT NULL";
      else
        raise(L, what + ": nil compares with eq, ne, is_ or isnot only");
    } else {
      cond.values.push_back(to_value(L, 2, what));
    }
  }
  push_new(L, kConditionMeta, std::move(cond), nullptr);
  return 1;
}

int column_index(lua_State* L) {
  const char* key = lua_tostring(L, 2);
  if (!key) return 0;
  static const std::pair<const char*, const char*> kMethods[] = {
      {"eq", "="},   {"ne", "<>"},     {"lt", "<"},        {"le", "<="},
      {"gt", ">"},   {"ge", ">="},     {"is_", "IS NULL"}, {"isnot", "IS NOT NULL"},
      {"in_", "IN"}, {"like", "LIKE"},
  };
  for (const auto& [name, op] : kMethods) {
    if (std::string(key) == name) {
      lua_pushstring(L, op);
      lua_pushstring(L, name);
      lua_pushcclosure(L, guarded<column_compare>, 2);
      return 1;
    }
  }
  return 0;
}

// t.c.name: the column as an expression; a table that declares its columns knows them.
int columns_index(lua_State* L) {
  const Table* t = test_sa_as<Table>(L, lua_upvalueindex(1));
  const char* key = lua_tostring(L, 2);
  if (!t || !key) return 0;
  if (!t->columns.empty() && !t->find_column(key))
    raise(L, "table " + t->name + " has no column " + key);
  push_new(L, kColumnMeta, ColumnExpr{t->name, key}, guarded<column_index>);
  return 1;
}

int table_statement(lua_State* L) {
  const Kind kind = static_cast<Kind>(lua_tointeger(L, lua_upvalueindex(1)));
  const Table* t = test_sa_as<Table>(L, 1);
  if (!t)
    raise(L, std::string("sa.table: call it as t:") + kind_name(kind) + "() (got " +
                 type_name(L, 1) + ")");
  if (lua_gettop(L) > 1)
    raise(L, std::string("t:") + kind_name(kind) + "() takes no arguments; use :values{...}" +
                 (kind == Kind::Insert ? "" : " and :where(...)"));
  Statement s;
  s.kind = kind;
  s.schema = t->schema;
  s.table = t->name;
  for (const auto& c : t->columns) s.columns.push_back(c.name);
  push_new(L, kStatementMeta, std::move(s), guarded<statement_index>);
  return 1;
}

}  // namespace

int sa_value_index(lua_State* L) {
  if (!test_sa_as<Table>(L, 1) || lua_type(L, 2) != LUA_TSTRING) return 0;
  const std::string key = lua_tostring(L, 2);
  if (key == "insert" || key == "update" || key == "delete") {
    const Kind kind = key == "insert"   ? Kind::Insert
                      : key == "update" ? Kind::Update
                                        : Kind::Delete;
    lua_pushinteger(L, static_cast<lua_Integer>(kind));
    lua_pushcclosure(L, guarded<table_statement>, 1);
    return 1;
  }
  if (key == "c") {
    lua_newtable(L);
    lua_newtable(L);
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, guarded<columns_index>, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    return 1;
  }
  return 0;
}

std::optional<BoundSql> dml_statement(lua_State* L, int idx, const std::string& what) {
  auto* s = static_cast<Statement*>(luaL_testudata(L, idx, kStatementMeta));
  if (!s) return std::nullopt;
  const ScriptContext* ctx = run_state(L).context;
  const auto* dialect = ctx ? dynamic_cast<const Dialect*>(ctx->parameters) : nullptr;
  auto quote = [&](const std::string& name) {
    if (dialect) return dialect->quote(name);
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string table = (s->schema.empty() ? "" : quote(s->schema) + ".") + quote(s->table);
  std::string sql;
  std::vector<Value> params;
  switch (s->kind) {
    case Kind::Insert: {
      if (s->values.empty())
        raise(L, what + ": " + s->table + ":insert() needs :values({ column = value, ... })");
      std::string cols, marks;
      for (const auto& [column, value] : s->values) {
        cols += (cols.empty() ? "" : ", ") + quote(column);
        marks += marks.empty() ? "?" : ", ?";
        params.push_back(value);
      }
      sql = "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
      break;
    }
    case Kind::Update: {
      if (s->values.empty())
        raise(L, what + ": " + s->table + ":update() needs :values({ column = value, ... })");
      std::string sets;
      for (const auto& [column, value] : s->values) {
        sets += (sets.empty() ? "" : ", ") + quote(column) + " = ?";
        params.push_back(value);
      }
      sql = "UPDATE " + table + " SET " + sets;
      break;
    }
    case Kind::Delete:
      sql = "DELETE FROM " + table;
      break;
  }
  std::string where;
  for (const auto& c : s->where) {
    std::string part;
    if (c.column.empty()) {
      part = "(" + c.sql + ")";
    } else if (c.op == "IS NULL" || c.op == "IS NOT NULL") {
      part = quote(c.column) + " " + c.op;
    } else if (c.op == "IN") {
      std::string marks;
      for (size_t i = 0; i < c.values.size(); ++i) marks += i ? ", ?" : "?";
      part = quote(c.column) + " IN (" + marks + ")";
    } else {
      part = quote(c.column) + " " + c.op + " ?";
    }
    params.insert(params.end(), c.values.begin(), c.values.end());
    where += (where.empty() ? " WHERE " : " AND ") + part;
  }
  sql += where;
  PlaceholderFn placeholder = [](int) { return std::string("?"); };
  if (ctx && ctx->parameters)
    placeholder = [p = ctx->parameters](int n) { return p->placeholder(n); };
  return bind_positional(sql, std::move(params), placeholder);
}

}  // namespace retort::lua
