// The `sa` type constructors: sa.Integer(), sa.String(50), sa.Enum("a", "b", { name }), ...
#include "lua/sa_module.hpp"

namespace retort::lua {
namespace {

const char kTypeCtorsKey = 0;  // registry: {[constructor function] = true}

// ---- types ----

struct TypeSpec {
  const char* name;
  TypeKind kind;
};
const TypeSpec kTypes[] = {
    {"Integer", TypeKind::Integer},
    {"BigInteger", TypeKind::BigInteger},
    {"SmallInteger", TypeKind::SmallInteger},
    {"String", TypeKind::String},
    {"Text", TypeKind::Text},
    {"Boolean", TypeKind::Boolean},
    {"Date", TypeKind::Date},
    {"DateTime", TypeKind::DateTime},
    {"Time", TypeKind::Time},
    {"Numeric", TypeKind::Numeric},
    {"Float", TypeKind::Float},
    {"LargeBinary", TypeKind::LargeBinary},
    {"JSON", TypeKind::JSON},
    {"Uuid", TypeKind::Uuid},
    {"Enum", TypeKind::Enum},
    {"Type", TypeKind::Native},
    {"ARRAY", TypeKind::Array},
    {"Interval", TypeKind::Interval},
    // SQLAlchemy's other spellings of the same generic types.
    {"Unicode", TypeKind::String},
    {"UnicodeText", TypeKind::Text},
    // SQLAlchemy's uppercase types name the database type literally (sa.TIMESTAMP() is
    // TIMESTAMP, never DATETIME): their kind plus the name, in Type::native
    // (dialect/literal_types.hpp).
    {"VARCHAR", TypeKind::String},
    {"CHAR", TypeKind::String},
    {"NVARCHAR", TypeKind::String},
    {"TEXT", TypeKind::Text},
    {"CLOB", TypeKind::Text},
    {"INTEGER", TypeKind::Integer},
    {"INT", TypeKind::Integer},
    {"BIGINT", TypeKind::BigInteger},
    {"SMALLINT", TypeKind::SmallInteger},
    {"BOOLEAN", TypeKind::Boolean},
    {"DATE", TypeKind::Date},
    {"DATETIME", TypeKind::DateTime},
    {"TIMESTAMP", TypeKind::DateTime},
    {"TIME", TypeKind::Time},
    {"NUMERIC", TypeKind::Numeric},
    {"DECIMAL", TypeKind::Numeric},
    {"FLOAT", TypeKind::Float},
    {"REAL", TypeKind::Float},
    {"DOUBLE", TypeKind::Float},
    {"DOUBLE_PRECISION", TypeKind::Float},
    {"BLOB", TypeKind::LargeBinary},
    // UUID keeps the generic mapping: SQLite would give a declared UUID column NUMERIC
    // affinity, and turn hex strings of digits into numbers.
    {"UUID", TypeKind::Uuid},
};

// The database's own name of an uppercase type, or "" for a generic one (sa.String, sa.Type).
std::string literal_name(const std::string& ctor) {
  // JSON is SQLAlchemy's generic JSON type (JSONB on PostgreSQL here); UUID: see kTypes; ARRAY
  // is the generic array of its item type.
  if (ctor == "UUID" || ctor == "JSON" || ctor == "ARRAY") return "";
  for (char c : ctor)
    if (c >= 'a' && c <= 'z') return "";
  return ctor == "DOUBLE_PRECISION" ? "DOUBLE PRECISION" : ctor;
}

std::optional<int> positional_int(lua_State* L, int i, int top, const std::string& what,
                                  const char* arg) {
  if (i > top || lua_isnil(L, i)) return std::nullopt;
  if (!lua_isinteger(L, i))
    raise(L, what + ": " + arg + " must be an integer (got " + type_name(L, i) + ")");
  return static_cast<int>(lua_tointeger(L, i));
}

int type_ctor(lua_State* L) {
  // sa values are immutable, so every argument-less call (sa.Integer(), sa.Text(), ... most of
  // the types a script names) returns the one value made by the first: no userdata, C++ object
  // and finaliser per column.
  const bool no_arguments = lua_gettop(L) == 0;
  if (no_arguments && lua_type(L, lua_upvalueindex(3)) == LUA_TUSERDATA) {
    lua_pushvalue(L, lua_upvalueindex(3));
    return 1;
  }
  const std::string name = lua_tostring(L, lua_upvalueindex(1));
  const auto kind = static_cast<TypeKind>(lua_tointeger(L, lua_upvalueindex(2)));
  const std::string what = "sa." + name;
  int top = lua_gettop(L);
  int opts = 0;
  // The last plain table holds options; for Enum a table with list items is the value list.
  if (top >= 1 && is_plain_table(L, top) && !(kind == TypeKind::Enum && lua_rawlen(L, top) > 0)) {
    opts = top;
    --top;
  }
  Options o(L, opts, what);
  Type t;
  t.kind = kind;
  t.native = literal_name(name);
  auto at_most = [&](int n) {
    if (top > n)
      raise(L, what + " takes " + (n ? "at most " + std::to_string(n) : std::string("no")) +
                   " positional argument" + (n == 1 ? "" : "s") + " (got " + std::to_string(top) +
                   ")");
  };
  switch (kind) {
    case TypeKind::String:
      at_most(1);
      t.length = positional_int(L, 1, top, what, "length");
      if (auto v = o.integer("length")) t.length = v;
      read_type_extras(o, t);
      break;
    case TypeKind::Text:
      at_most(0);
      read_type_extras(o, t);
      break;
    case TypeKind::DateTime:
    case TypeKind::Time:
      at_most(1);
      if (top >= 1) {
        if (!lua_isboolean(L, 1))
          raise(L, what + ": timezone must be true or false (got " + type_name(L, 1) + ")");
        t.timezone = lua_toboolean(L, 1);
      }
      if (auto v = o.boolean("timezone")) t.timezone = *v;
      break;
    case TypeKind::Numeric:
      at_most(2);
      t.precision = positional_int(L, 1, top, what, "precision");
      t.scale = positional_int(L, 2, top, what, "scale");
      if (auto v = o.integer("precision")) t.precision = v;
      if (auto v = o.integer("scale")) t.scale = v;
      o.ignore("asdecimal");
      break;
    case TypeKind::Float:
      at_most(1);
      t.precision = positional_int(L, 1, top, what, "precision");
      if (auto v = o.integer("precision")) t.precision = v;
      o.ignore("asdecimal");
      break;
    case TypeKind::Uuid:
      at_most(0);
      o.ignore("as_uuid");  // Python-side only
      break;
    case TypeKind::Enum: {
      for (int i = 1; i <= top; ++i) {
        if (lua_type(L, i) == LUA_TTABLE) {
          for (auto& v : check_string_list(L, i, what, "values")) t.enum_values.push_back(v);
        } else {
          t.enum_values.push_back(check_string(L, i, what, "each value"));
        }
      }
      if (t.enum_values.empty()) raise(L, what + " needs at least one value");
      if (auto v = o.string("name")) t.enum_name = *v;
      break;
    }
    case TypeKind::Array:
      // sa.ARRAY(item_type, { dimensions = n }): PostgreSQL only (the DDL of the others says so).
      at_most(1);
      if (top < 1) raise(L, what + " needs the item type, e.g. sa.ARRAY(sa.Integer())");
      t.item_type.push_back(to_type(L, 1, what));
      if (t.item_type[0].kind == TypeKind::Array)
        raise(L, what + ": the item type is an array; say { dimensions = n } instead");
      t.dimensions = o.integer("dimensions");
      if (t.dimensions && *t.dimensions < 1)
        raise(L, what + ": dimensions must be a positive integer");
      o.ignore("as_tuple");      // Python-side only
      o.ignore("zero_indexes");  // Python-side only
      break;
    case TypeKind::Native:
      at_most(1);
      t.native = check_string(L, 1, what, "the type name");
      if (t.native.empty()) raise(L, what + " needs a type name, e.g. sa.Type(\"tsvector\")");
      read_type_extras(o, t);
      break;
    default:
      at_most(0);
      break;
  }
  o.done();
  push_sa_as(L, std::move(t));
  if (no_arguments) {
    lua_pushvalue(L, -1);
    lua_replace(L, lua_upvalueindex(3));
  }
  return 1;
}

}  // namespace

std::string type_label(const Type& t) {
  // A kind's first spelling in kTypes is SQLAlchemy's class name for it.
  for (const auto& spec : kTypes)
    if (spec.kind == t.kind) return spec.name;
  return "Type";
}

Type to_type(lua_State* L, int idx, const std::string& what) {
  idx = lua_absindex(L, idx);
  if (auto* t = test_sa_as<Type>(L, idx)) return *t;
  if (auto* d = test_sa_as<Domain>(L, idx)) return domain_type(*d);
  if (lua_type(L, idx) == LUA_TFUNCTION) {
    // sa.Integer without the call, as SQLAlchemy allows: call the constructor with no arguments.
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kTypeCtorsKey);
    lua_pushvalue(L, idx);
    bool is_ctor = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    if (is_ctor) {
      lua_pushvalue(L, idx);
      lua_call(L, 0, 1);
      Type t = *test_sa_as<Type>(L, -1);
      lua_pop(L, 1);
      return t;
    }
  }
  raise(L, what + ": expected a type such as sa.Integer() or sa.String(50) (got " +
               type_name(L, idx) + ")");
}

void add_type_constructors(lua_State* L) {
  // [-1] = the sa module table.
  lua_newtable(L);  // type constructors registry
  for (const auto& spec : kTypes) {
    lua_pushstring(L, spec.name);
    lua_pushinteger(L, static_cast<lua_Integer>(spec.kind));
    lua_pushnil(L);  // the argument-less value, made on first use
    lua_pushcclosure(L, guarded<type_ctor>, 3);
    lua_pushvalue(L, -1);
    lua_pushboolean(L, 1);
    lua_rawset(L, -4);  // ctors[fn] = true
    lua_setfield(L, -3, spec.name);
  }
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kTypeCtorsKey);
}

}  // namespace retort::lua
