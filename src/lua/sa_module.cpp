// The `sa` module: constructors for schema values (see sa_module.hpp).
#include "lua/sa_module.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <new>

#include "base/overloaded.hpp"
#include "lua/sa_dml.hpp"
#include "schema/naming.hpp"

namespace retort::lua {
namespace {

const char* const kSaMeta = "retort.sa";
const char kSaModuleKey = 0;  // registry: the sa proxy table

// Calls f(object) with the object of `box` as its own type.
template <class F, std::size_t... I>
void visit_box(SaBoxHeader* box, F&& f, std::index_sequence<I...>) {
  ((box->index == I
        ? (void)f(*std::launder(reinterpret_cast<std::variant_alternative_t<I, SaValue>*>(box + 1)))
        : (void)0),
   ...);
}
template <class F>
void visit_box(SaBoxHeader* box, F&& f) {
  visit_box(box, std::forward<F>(f), std::make_index_sequence<std::variant_size_v<SaValue>>{});
}

int sa_gc(lua_State* L) {
  auto* box = static_cast<SaBoxHeader*>(lua_touserdata(L, 1));
  if (!box) return 0;
  visit_box(box, [](auto& object) {
    using T = std::decay_t<decltype(object)>;
    object.~T();
  });
  box->index = std::variant_size_v<SaValue>;
  return 0;
}

int sa_tostring(lua_State* L) {
  auto* box = test_sa_box(L, 1);
  if (!box) return 0;
  std::string s;
  auto describe = Overloaded{
      [](const Type& t) {
        std::string args;
        if (t.kind == TypeKind::Native) args = "\"" + t.native + "\"";
        if (t.length) args = std::to_string(*t.length);
        if (t.precision) args = std::to_string(*t.precision);
        if (t.scale) args += ", " + std::to_string(*t.scale);
        if (t.timezone) args = "{ timezone = true }";
        if (!t.enum_values.empty())
          args += fmt::format("\"{}\"", fmt::join(t.enum_values, "\", \""));
        return "sa." + type_label(t) + "(" + args + ")";
      },
      [](const ColumnDef& c) { return "sa.Column(\"" + c.column.name + "\")"; },
      [](const ForeignKeyRef& f) { return "sa.ForeignKey(\"" + f.fk.referred_table + "\")"; },
      [](const ForeignKeyConstraintDef& f) {
        return "sa.ForeignKeyConstraint(\"" + f.fk.referred_table + "\")";
      },
      [](const PrimaryKey&) { return std::string("sa.PrimaryKeyConstraint()"); },
      [](const UniqueConstraint&) { return std::string("sa.UniqueConstraint()"); },
      [](const CheckConstraint&) { return std::string("sa.CheckConstraint()"); },
      [](const Index& i) { return "sa.Index(\"" + i.name + "\")"; },
      [](const Table& t) { return "sa.Table(\"" + t.name + "\")"; },
      [](const TextClause& t) { return "sa.text(\"" + t.sql + "\")"; },
      [](const FuncCall& f) { return "sa.func(" + f.value.text + ")"; },
      [](const Computed& c) { return "sa.Computed(\"" + c.sqltext + "\")"; },
      [](const ReplaceableObject& o) {
        static const char* const names[] = {"View",      "MaterializedView", "Function",
                                            "Procedure", "Trigger",          "Aggregate"};
        return std::string("sa.") + names[static_cast<int>(o.kind)] + "(\"" + o.name + "\")";
      },
      [](const Domain& d) { return "sa.Domain(\"" + d.name + "\")"; },
      [](const ExcludeConstraint& x) { return "sa.ExcludeConstraint(\"" + x.name + "\")"; },
      [](const Identity&) { return std::string("sa.Identity()"); },
      [](const Sequence& q) { return "sa.Sequence(\"" + q.name + "\")"; },
  };
  visit_box(box, [&](const auto& object) { s = describe(object); });
  lua_pushstring(L, s.c_str());
  return 1;
}

// ---- helpers ----

ForeignKey parse_target(lua_State* L, const std::string& target, const std::string& what) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = target.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(target.substr(start, dot - start));
  parts.push_back(target.substr(start));
  bool empty_part = false;
  for (auto& p : parts) empty_part = empty_part || p.empty();
  if (parts.size() < 2 || parts.size() > 3 || empty_part)
    raise(L, what + ": '" + target + "' must be \"table.column\" or \"schema.table.column\"");
  ForeignKey fk;
  if (parts.size() == 3) fk.referred_schema = parts[0];
  fk.referred_table = parts[parts.size() - 2];
  fk.referred_columns = {parts.back()};
  return fk;
}

void read_fk_options(Options& o, ForeignKey& fk) {
  if (auto v = o.string("name")) fk.name = *v;
  if (auto v = o.string("ondelete")) fk.ondelete = upper(*v);
  if (auto v = o.string("onupdate")) fk.onupdate = upper(*v);
  fk.deferrable = o.boolean("deferrable");
  if (auto v = o.string("initially")) fk.initially = upper(*v);
}

// ---- constructors ----

int sa_column(lua_State* L) {
  int top = 0;
  int opts = last_options(L, top);
  ColumnDef def;
  Column& c = def.column;
  c.name = check_string(L, 1, "sa.Column", "argument 1 (the column name)");
  // Only messages use it: made when one is (sa.Column is called for every column of every
  // script).
  auto what = [&c] { return "sa.Column '" + c.name + "'"; };
  if (top < 2 || lua_isnil(L, 2))
    raise(L, what() + " needs a type as its second argument, e.g. sa.Integer()");
  if (const Type* type = test_sa_as<Type>(L, 2))
    c.type = *type;
  else
    c.type = to_type(L, 2, what());
  for (int i = 3; i <= top; ++i) {
    if (auto* fk = test_sa_as<ForeignKeyRef>(L, i)) {
      c.foreign_keys.push_back(fk->fk);
    } else if (auto* ck = test_sa_as<CheckConstraint>(L, i)) {
      def.checks.push_back(*ck);
    } else if (auto* computed = test_sa_as<Computed>(L, i)) {
      c.computed = *computed;
    } else if (auto* identity = test_sa_as<Identity>(L, i)) {
      c.identity = *identity;
    } else if (auto* sequence = test_sa_as<Sequence>(L, i)) {
      // SQLAlchemy's Column("id", Integer, Sequence("s")): the sequence gives the values.
      c.server_default = sequence_default(*sequence);
    } else {
      raise(L, what() + ": unexpected argument " + std::to_string(i) + " (" + type_name(L, i) +
                   "); expected sa.ForeignKey(...), sa.CheckConstraint(...), sa.Computed(...), "
                   "sa.Identity(...), sa.Sequence(...) or an options table");
    }
  }
  Options o(L, opts, "sa.Column");
  c.primary_key = o.boolean("primary_key").value_or(false);
  c.nullable = o.boolean("nullable").value_or(!c.primary_key);
  c.unique = o.boolean("unique").value_or(false);
  c.index = o.boolean("index").value_or(false);
  if (o.push("server_default") != LUA_TNIL) c.server_default = to_server_default(L, -1, what());
  lua_pop(L, 1);
  int t = o.push("autoincrement");
  if (t == LUA_TBOOLEAN) {
    c.autoincrement = lua_toboolean(L, -1) != 0;
  } else if (t == LUA_TSTRING && std::string(lua_tostring(L, -1)) == "auto") {
    c.autoincrement.reset();
  } else if (t != LUA_TNIL) {
    raise(L, "option 'autoincrement' for sa.Column must be true, false or \"auto\"");
  }
  lua_pop(L, 1);
  c.comment = o.string("comment");
  read_column_extras(o, c);
  if (c.computed && c.server_default)
    raise(L, what() + ": a computed column takes no server_default (the database computes it)");
  if (c.identity && (c.server_default || c.computed))
    raise(L, what() +
                 ": an identity column takes no server_default or sa.Computed (the "
                 "identity gives its values)");
  // Models only: the column's previous name, so autogenerate renames instead of drop + add.
  if (auto v = o.string("renamed_from")) c.renamed_from = *v;
  o.done();
  push_sa_as(L, std::move(def));
  return 1;
}

// sa.column(name[, type]): the lightweight column of sa.table(), for bulk_insert.
int sa_lower_column(lua_State* L) {
  ColumnDef def;
  def.column.name = check_string(L, 1, "sa.column", "argument 1 (the column name)");
  if (!lua_isnoneornil(L, 2)) def.column.type = to_type(L, 2, "sa.column");
  push_sa_as(L, std::move(def));
  return 1;
}

int sa_foreign_key(lua_State* L) {
  int top = 0;
  int opts = last_options(L, top);
  std::string target = check_string(L, 1, "sa.ForeignKey", "argument 1 (\"table.column\")");
  if (top > 1) raise(L, "sa.ForeignKey takes one target \"table.column\" and an options table");
  ForeignKeyRef ref{parse_target(L, target, "sa.ForeignKey")};
  Options o(L, opts, "sa.ForeignKey");
  read_fk_options(o, ref.fk);
  o.done();
  push_sa_as(L, std::move(ref));
  return 1;
}

int sa_foreign_key_constraint(lua_State* L) {
  int top = 0;
  int opts = last_options(L, top);
  const std::string what = "sa.ForeignKeyConstraint";
  if (top != 2) raise(L, what + " takes {local columns}, {\"table.column\", ...} and options");
  auto local = check_string_list(L, 1, what, "argument 1 (local columns)");
  auto remote = check_string_list(L, 2, what, "argument 2 (referred \"table.column\"s)");
  if (local.size() != remote.size())
    raise(L, what + ": " + std::to_string(local.size()) + " local column(s) but " +
                 std::to_string(remote.size()) + " referred column(s)");
  ForeignKeyConstraintDef def;
  for (size_t i = 0; i < remote.size(); ++i) {
    ForeignKey one = parse_target(L, remote[i], what);
    if (i == 0) {
      def.fk = one;
      def.fk.referred_columns.clear();
    } else if (one.referred_table != def.fk.referred_table ||
               one.referred_schema != def.fk.referred_schema) {
      raise(L, what + ": all referred columns must be in one table");
    }
    def.fk.referred_columns.push_back(one.referred_columns[0]);
  }
  def.fk.columns = local;
  Options o(L, opts, what);
  read_fk_options(o, def.fk);
  o.done();
  push_sa_as(L, std::move(def));
  return 1;
}

std::vector<std::string> string_args(lua_State* L, int from, int top, const std::string& what) {
  std::vector<std::string> out;
  for (int i = from; i <= top; ++i) out.push_back(check_string(L, i, what, "each column"));
  return out;
}

// sa.PrimaryKeyConstraint("a", "b", { name }) and sa.UniqueConstraint(...): columns and a name.
template <class Constraint>
int push_columns_constraint(lua_State* L, const char* what) {
  int top = 0;
  int opts = last_options(L, top);
  Constraint c;
  c.columns = string_args(L, 1, top, what);
  if (c.columns.empty()) raise(L, std::string(what) + " needs at least one column");
  Options o(L, opts, what);
  if (auto v = o.string("name")) c.name = *v;
  o.done();
  push_sa_as(L, std::move(c));
  return 1;
}

int sa_primary_key(lua_State* L) {
  return push_columns_constraint<PrimaryKey>(L, "sa.PrimaryKeyConstraint");
}

int sa_unique(lua_State* L) {
  return push_columns_constraint<UniqueConstraint>(L, "sa.UniqueConstraint");
}

int sa_check(lua_State* L) {
  int top = 0;
  int opts = last_options(L, top);
  CheckConstraint ck;
  ck.sqltext = to_sql(L, 1, "sa.CheckConstraint", "argument 1 (the condition)");
  if (top > 1) raise(L, "sa.CheckConstraint takes a condition and an options table");
  Options o(L, opts, "sa.CheckConstraint");
  if (auto v = o.string("name")) ck.name = *v;
  o.done();
  push_sa_as(L, std::move(ck));
  return 1;
}

int sa_index(lua_State* L) {
  int top = 0;
  int opts = last_options(L, top);
  Index ix;
  if (auto name = opt_string(L, 1, "sa.Index", "argument 1 (the index name)")) ix.name = *name;
  for (int i = 2; i <= top; ++i) ix.elements.push_back(to_index_element(L, i, "sa.Index"));
  if (ix.elements.empty()) raise(L, "sa.Index needs at least one column or sa.text(expression)");
  Options o(L, opts, "sa.Index");
  read_index_options(o, ix);
  o.done();
  push_sa_as(L, std::move(ix));
  return 1;
}

}  // namespace

Table build_table(lua_State* L, const std::string& what, bool model, bool* if_not_exists) {
  int top = 0;
  int opts = last_options(L, top);
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
  for (const char* key :
       {"mysql_engine", "mysql_charset", "mysql_collate", "mysql_partition_by", "mysql_partitions",
        "postgresql_partition_by", "partition_of", "partition_bound"})
    if (auto v = read_table_option(o, key); v && !v->empty()) t.dialect_options[key] = *v;
  // Models only: the table's previous name (autogenerate emits rename_table).
  if (model)
    if (auto v = o.string("renamed_from")) t.renamed_from = *v;
  if (if_not_exists) *if_not_exists = o.boolean("if_not_exists").value_or(false);
  o.done();
  return t;
}

namespace {

int sa_table(lua_State* L) {
  Table t = build_table(L, "sa.Table", true);
  normalize_table(t, naming_of(L));
  if (auto* models = run_state(L).models) models->push_back(t);
  push_sa_as(L, std::move(t));
  return 1;
}

// sa.table(name, sa.column(...), ...): a table shape for bulk_insert; never a model.
int sa_lower_table(lua_State* L) {
  push_sa_as<Table>(L, build_table(L, "sa.table", true));
  return 1;
}

int sa_text(lua_State* L) {
  if (lua_gettop(L) != 1) raise(L, "sa.text takes one SQL string");
  push_sa_as(L, TextClause{check_string(L, 1, "sa.text", "argument 1 (the SQL)")});
  return 1;
}

std::string render_func_arg(lua_State* L, int i) {
  if (lua_type(L, i) == LUA_TNUMBER) return luaL_tolstring(L, i, nullptr);
  if (lua_type(L, i) == LUA_TSTRING) {
    std::string s = "'";
    for (char c : std::string(lua_tostring(L, i)))
      s += c == '\'' ? std::string("''") : std::string(1, c);
    return s + "'";
  }
  if (auto* t = test_sa_as<TextClause>(L, i)) return t->sql;
  if (auto* f = test_sa_as<FuncCall>(L, i))
    return f->value.kind == ServerDefault::Kind::Now ? "CURRENT_TIMESTAMP" : f->value.text;
  raise(L, "sa.func: argument " + std::to_string(i) + " must be a number, string or sa.text (got " +
               type_name(L, i) + ")");
}

int func_call(lua_State* L) {
  std::string name = lua_tostring(L, lua_upvalueindex(1));
  std::string lower = name;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  FuncCall f;
  int top = lua_gettop(L);
  if ((lower == "now" || lower == "current_timestamp") && top == 0) {
    f.value = {ServerDefault::Kind::Now, ""};
  } else {
    std::vector<std::string> args;
    for (int i = 1; i <= top; ++i) args.push_back(render_func_arg(L, i));
    f.value = {ServerDefault::Kind::Expression, fmt::format("{}({})", name, fmt::join(args, ", "))};
  }
  push_sa_as(L, std::move(f));
  return 1;
}

int func_index(lua_State* L) {  // sa.func.<name>
  if (lua_type(L, 2) != LUA_TSTRING) return 0;
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, guarded<func_call>, 1);
  return 1;
}

}  // namespace

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// Pushes the metatable of sa values, made on first use.
void push_sa_meta(lua_State* L) {
  RunState& rs = run_state(L);
  if (rs.sa_meta_ref != LUA_NOREF) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs.sa_meta_ref);
    return;
  }
  luaL_newmetatable(L, kSaMeta);
  lua_pushcfunction(L, sa_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, sa_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushcfunction(L, guarded<sa_value_index>);  // t:insert(), t.c.id (sa_dml.cpp)
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pushvalue(L, -1);
  rs.sa_meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  rs.sa_meta = lua_topointer(L, -1);
}

SaBoxHeader* test_sa_box(lua_State* L, int idx) {
  if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return nullptr;
  // The metatable compared by address with the one the run state remembers: no lookup of its
  // name (luaL_testudata's), nor of the registry, for each of the many values a script builds.
  const bool ours = lua_topointer(L, -1) == run_state(L).sa_meta;
  lua_pop(L, 1);
  if (!ours) return nullptr;
  auto* box = static_cast<SaBoxHeader*>(lua_touserdata(L, idx));
  return box->index < std::variant_size_v<SaValue> ? box : nullptr;
}

SaBoxHeader* new_sa_box(lua_State* L, std::size_t object_size) {
  void* mem = lua_newuserdatauv(L, sizeof(SaBoxHeader) + object_size, 0);
  auto* box = new (mem) SaBoxHeader{std::variant_size_v<SaValue>};
  push_sa_meta(L);
  lua_setmetatable(L, -2);
  return box;
}

ServerDefault to_server_default(lua_State* L, int idx, const std::string& what) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TSTRING:
      return {ServerDefault::Kind::Literal, lua_tostring(L, idx)};
    case LUA_TNUMBER: {
      std::string s = luaL_tolstring(L, idx, nullptr);
      lua_pop(L, 1);
      return {ServerDefault::Kind::Literal, s};
    }
    default:
      break;
  }
  if (auto* t = test_sa_as<TextClause>(L, idx))
    return {ServerDefault::Kind::Expression, t->sql, true};
  if (auto* f = test_sa_as<FuncCall>(L, idx)) return f->value;
  if (auto* q = test_sa_as<Sequence>(L, idx)) return sequence_default(*q);
  raise(L, what +
               ": server_default must be a string, a number, sa.text(\"...\"), sa.func.now() "
               "or sa.Sequence(...) (got " +
               type_name(L, idx) + ")");
}

std::string to_sql(lua_State* L, int idx, const std::string& what, const char* arg) {
  if (lua_type(L, idx) == LUA_TSTRING) return lua_tostring(L, idx);
  if (auto* t = test_sa_as<TextClause>(L, idx)) return t->sql;
  raise(L, what + ": " + arg + " must be an SQL string or sa.text(...) (got " + type_name(L, idx) +
               ")");
}

IndexElement to_index_element(lua_State* L, int idx, const std::string& what) {
  IndexElement e;
  if (lua_type(L, idx) == LUA_TSTRING) {
    e.text = lua_tostring(L, idx);
  } else if (auto* t = test_sa_as<TextClause>(L, idx)) {
    e.text = t->sql;
    e.expression = true;
  }
  if (!e.text.empty()) {
    split_sort_order(e);
    return e;
  }
  raise(L, what + ": index elements must be column names or sa.text(expression) (got " +
               type_name(L, idx) + ")");
}

std::vector<IndexElement> to_index_elements(lua_State* L, int idx, const std::string& what) {
  idx = lua_absindex(L, idx);
  std::vector<IndexElement> out;
  if (lua_type(L, idx) == LUA_TTABLE) {
    lua_Integer n = luaL_len(L, idx);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L, idx, i);
      out.push_back(to_index_element(L, -1, what));
      lua_pop(L, 1);
    }
  } else {
    out.push_back(to_index_element(L, idx, what));
  }
  if (out.empty()) raise(L, what + " needs at least one column or sa.text(expression)");
  return out;
}

void read_index_options(Options& o, Index& index) {
  lua_State* L = o.state();
  index.unique = o.boolean("unique").value_or(false);
  for (const char* key : {"where", "postgresql_where", "sqlite_where"}) {
    if (o.push(key) != LUA_TNIL)
      index.where = to_sql(L, -1, o.what(), ("option '" + std::string(key) + "'").c_str());
    lua_pop(L, 1);
  }
  read_index_extras(o, index);
}

size_t count_columns(lua_State* L, int from, int to) {
  size_t n = 0;
  for (int i = from; i <= to; ++i) {
    SaBoxHeader* box = test_sa_box(L, i);
    if (box && sa_box_as<ColumnDef>(box)) ++n;
  }
  return n;
}

bool add_table_item(lua_State* L, int idx, Table& table) {
  SaBoxHeader* box = test_sa_box(L, idx);
  if (!box) return false;
  if (auto* c = sa_box_as<ColumnDef>(box)) {
    if (table.find_column(c->column.name))
      raise(L, "table " + table.name + " has two columns named " + c->column.name);
    table.columns.push_back(c->column);
    for (const auto& ck : c->checks) table.check_constraints.push_back(ck);
  } else if (auto* pk = sa_box_as<PrimaryKey>(box)) {
    if (table.primary_key) raise(L, "table " + table.name + " has two primary keys");
    table.primary_key = *pk;
  } else if (auto* uq = sa_box_as<UniqueConstraint>(box)) {
    table.unique_constraints.push_back(*uq);
  } else if (auto* ck = sa_box_as<CheckConstraint>(box)) {
    table.check_constraints.push_back(*ck);
  } else if (auto* fk = sa_box_as<ForeignKeyConstraintDef>(box)) {
    table.foreign_keys.push_back(fk->fk);
  } else if (auto* ix = sa_box_as<Index>(box)) {
    table.indexes.push_back(*ix);
  } else if (auto* x = sa_box_as<ExcludeConstraint>(box)) {
    table.exclude_constraints.push_back(*x);
  } else {
    return false;
  }
  return true;
}

void push_sa_module(lua_State* L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kSaModuleKey) != LUA_TNIL) return;
  lua_pop(L, 1);

  push_sa_meta(L);
  lua_pop(L, 1);

  lua_newtable(L);  // sa
  add_type_constructors(L);

  const luaL_Reg fns[] = {
      {"Column", guarded<sa_column>},
      {"column", guarded<sa_lower_column>},
      {"ForeignKey", guarded<sa_foreign_key>},
      {"ForeignKeyConstraint", guarded<sa_foreign_key_constraint>},
      {"PrimaryKeyConstraint", guarded<sa_primary_key>},
      {"UniqueConstraint", guarded<sa_unique>},
      {"CheckConstraint", guarded<sa_check>},
      {"Index", guarded<sa_index>},
      {"Table", guarded<sa_table>},
      {"table", guarded<sa_lower_table>},
      {"text", guarded<sa_text>},
      {nullptr, nullptr},
  };
  luaL_setfuncs(L, fns, 0);
  add_sort_helpers(L);
  add_column_helpers(L);
  add_object_constructors(L);
  add_domain_constructor(L);
  add_exclude_constructor(L);
  add_sequence_constructors(L);

  lua_newuserdatauv(L, 0, 0);  // sa.func: any name builds a function call
  lua_newtable(L);
  lua_pushcfunction(L, func_index);
  lua_setfield(L, -2, "__index");
  lua_pushnil(L);
  lua_pushstring(L, "sa.func");
  lua_pushcclosure(L, guarded<read_only_newindex>, 2);
  lua_setfield(L, -2, "__newindex");
  lua_setmetatable(L, -2);
  lua_setfield(L, -2, "func");

  make_module_proxy(L, "sa");
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kSaModuleKey);
}

}  // namespace retort::lua
