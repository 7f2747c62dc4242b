// Sequences and identity columns in Lua (docs/script-api.md): sa.Sequence for models and
// scripts, op.create_sequence / op.alter_sequence / op.drop_sequence; sa.Identity for a column.
//
//   sa.Sequence(name, { schema, start, increment, minvalue, maxvalue, cycle, cache,
//                       data_type, owned_by })     also a column's default: nextval('name')
//   op.create_sequence(name, { ...the same, if_not_exists })
//   op.alter_sequence(name, { ...the same, existing = sa.Sequence(...) })
//   op.drop_sequence(name, { schema, existing = sa.Sequence(...), if_exists })
//   sa.Identity({ always, start, increment, minvalue, maxvalue, cycle, cache })
//
// The options follow SQLAlchemy's Sequence and Identity; owned_by ("table.column") is
// PostgreSQL's OWNED BY, which a pg_dump of serial columns writes.
#include <cctype>
#include <string>

#include "lua/lua_support.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"
#include "ops/ops.hpp"

namespace retort::lua {
namespace {

std::optional<std::int64_t> int64_option(lua_State* L, Options& o, const char* key) {
  int t = o.push(key);
  std::optional<std::int64_t> out;
  if (t == LUA_TNUMBER && lua_isinteger(L, -1)) {
    out = lua_tointeger(L, -1);
  } else if (t != LUA_TNIL) {
    raise(L, "option '" + std::string(key) + "' for " + o.what() + " must be an integer (got " +
                 type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
  return out;
}

void read_sequence_options(lua_State* L, Options& o, SequenceOptions& s) {
  s.start = int64_option(L, o, "start");
  s.increment = int64_option(L, o, "increment");
  if (s.increment == 0) raise(L, o.what() + ": increment must not be 0");
  s.minvalue = int64_option(L, o, "minvalue");
  s.maxvalue = int64_option(L, o, "maxvalue");
  s.cycle = o.boolean("cycle");
  s.cache = int64_option(L, o, "cache");
  if (s.cache && *s.cache < 1) raise(L, o.what() + ": cache must be at least 1");
}

// The options sa.Sequence, op.create_sequence and op.alter_sequence share, into `s`.
void read_sequence(lua_State* L, Options& o, Sequence& s) {
  if (auto v = o.string("schema")) s.schema = *v;
  read_sequence_options(L, o, s.options);
  if (auto v = o.string("data_type")) {
    std::string t;
    for (char c : *v) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t != "smallint" && t != "integer" && t != "bigint")
      raise(L, o.what() + " '" + s.name + "': data_type must be \"smallint\", \"integer\" or " +
                   "\"bigint\" (got \"" + *v + "\")");
    s.data_type = t == "bigint" ? "" : t;
  }
  if (auto v = o.string("owned_by")) s.owned_by = *v;
}

// name and an options table; returns the options' index (0: none).
int read_sequence_head(lua_State* L, const std::string& what, Sequence& s) {
  int top = lua_gettop(L);
  int opts = top == 2 && (is_plain_table(L, 2) || lua_isnil(L, 2)) ? 2 : 0;
  if (top < 1 || top > 2 || (top == 2 && !opts))
    raise(L, what + " takes a name and an options table (got " + std::to_string(top) +
                 " arguments); usage: " + what + "(\"order_id_seq\", { start = 1000 })");
  s.name = check_string(L, 1, what, "argument 1 (the name)");
  return opts;
}

Sequence existing_sequence(lua_State* L, Options& o, const std::string& what, const Sequence& s,
                           bool required) {
  return existing_object<Sequence>(L, o, what, s.name, "sequence", "sa.Sequence", required);
}

int sa_sequence(lua_State* L) {
  const std::string what = "sa.Sequence";
  Sequence s;
  Options o(L, read_sequence_head(L, what, s), what);
  read_sequence(L, o, s);
  o.done();
  if (auto* models = run_state(L).model_sequences) models->push_back(s);
  push_sa_as(L, std::move(s));
  return 1;
}

int sa_identity(lua_State* L) {
  const std::string what = "sa.Identity";
  int top = lua_gettop(L);
  if (top > 1 || (top == 1 && !is_plain_table(L, 1) && !lua_isnil(L, 1)))
    raise(L, what + " takes one options table; usage: sa.Identity({ always = true, start = 1 })");
  Identity id;
  Options o(L, top == 1 ? 1 : 0, what);
  id.always = o.boolean("always").value_or(false);
  read_sequence_options(L, o, id.options);
  o.done();
  push_sa_as(L, std::move(id));
  return 1;
}

int op_create_sequence(lua_State* L) {
  const std::string what = "op.create_sequence";
  ops::CreateSequence op;
  Options o(L, read_sequence_head(L, what, op.sequence), what);
  read_sequence(L, o, op.sequence);
  op.if_not_exists = o.boolean("if_not_exists").value_or(false);
  o.done();
  emit(L, std::move(op));
  return 0;
}

int op_alter_sequence(lua_State* L) {
  const std::string what = "op.alter_sequence";
  ops::AlterSequence op;
  Options o(L, read_sequence_head(L, what, op.sequence), what);
  read_sequence(L, o, op.sequence);
  op.existing = existing_sequence(L, o, what, op.sequence, true);
  o.done();
  op.existing.schema = op.sequence.schema;
  op.existing.name = op.sequence.name;
  emit(L, std::move(op));
  return 0;
}

int op_drop_sequence(lua_State* L) {
  const std::string what = "op.drop_sequence";
  Sequence probe;
  Options o(L, read_sequence_head(L, what, probe), what);
  ops::DropSequence op;
  op.name = probe.name;
  if (auto v = o.string("schema")) op.schema = *v;
  op.if_exists = o.boolean("if_exists").value_or(false);
  if (o.present("existing")) {
    Sequence e = existing_sequence(L, o, what, probe, true);
    e.name = op.name;
    e.schema = op.schema;
    op.existing = std::move(e);
  }
  o.done();
  emit(L, std::move(op));
  return 0;
}

}  // namespace

ServerDefault sequence_default(const Sequence& s) {
  auto name = [](const std::string& n) {
    bool plain = !n.empty() && !std::isdigit(static_cast<unsigned char>(n[0]));
    for (char c : n)
      plain &= std::islower(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    if (plain) return n;
    std::string q = "\"";
    for (char c : n) q += c == '"' ? std::string("\"\"") : std::string(1, c == '\'' ? '\'' : c);
    return q + "\"";
  };
  std::string full = s.schema.empty() ? name(s.name) : name(s.schema) + "." + name(s.name);
  std::string escaped;
  for (char c : full) escaped += c == '\'' ? std::string("''") : std::string(1, c);
  return {ServerDefault::Kind::Expression, "nextval('" + escaped + "'::regclass)", true};
}

void add_sequence_constructors(lua_State* L) {
  lua_pushcfunction(L, guarded<sa_sequence>);
  lua_setfield(L, -2, "Sequence");
  lua_pushcfunction(L, guarded<sa_identity>);
  lua_setfield(L, -2, "Identity");
}

void add_sequence_ops(lua_State* L) {
  lua_pushcfunction(L, guarded<op_create_sequence>);
  lua_setfield(L, -2, "create_sequence");
  lua_pushcfunction(L, guarded<op_alter_sequence>);
  lua_setfield(L, -2, "alter_sequence");
  lua_pushcfunction(L, guarded<op_drop_sequence>);
  lua_setfield(L, -2, "drop_sequence");
}

}  // namespace retort::lua
