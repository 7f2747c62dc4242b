// Table options as sa.Table and op.alter_table_options read them: MySQL's default character set
// and collation, and its partitioning (mysql_partition_by, mysql_partitions), kept in
// Table::dialect_options as strings. mysql_partitions, as SQLAlchemy's, is a number of
// partitions (HASH, KEY); retort also takes the partitions' definitions, as one SQL string
// ("PARTITION p1 VALUES LESS THAN (10), PARTITION p2 ...") or a list of them, and keeps them one
// a line.
#include <cctype>

#include "lua/op_args.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"

namespace retort::lua {
namespace {

constexpr const char* kTableOptions[] = {"mysql_charset", "mysql_collate", "mysql_partition_by",
                                         "mysql_partitions"};

std::string trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// One definition as the DDL writes it: "PARTITION name bound", whitespace folded to one space.
std::string definition(const std::string& item, lua_State* L, const std::string& what) {
  std::string t;
  char quote = 0;
  for (char c : trimmed(item)) {
    if (quote) {
      t += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') quote = c;
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!t.empty() && t.back() != ' ') t += ' ';
      continue;
    }
    t += c;
  }
  if (t.empty()) raise(L, what + ": option 'mysql_partitions' holds an empty partition");
  std::string head = t.substr(0, 10);
  for (auto& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (head != "PARTITION ") t = "PARTITION " + t;
  return t;
}

// "PARTITION a ..., PARTITION b ..." split at the commas outside quotes and parentheses.
std::vector<std::string> split_definitions(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!trimmed(cur).empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::optional<std::string> read_table_option(Options& o, std::string_view key) {
  if (!key.ends_with("mysql_partitions")) return o.string(key);
  lua_State* L = o.state();
  const std::string what = o.what();
  const std::string k(key);
  int t = o.push(key);
  std::optional<std::string> out;
  if (t == LUA_TNUMBER) {
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1)
      raise(L, what + ": option '" + k + "' must be a number of partitions (1 or more)");
    out = std::to_string(lua_tointeger(L, -1));
  } else if (t == LUA_TSTRING) {
    std::string text = lua_tostring(L, -1);
    std::string joined;
    if (trimmed(text).empty()) {
      out = "";  // no partitioning (op.alter_table_options)
    } else {
      for (const auto& item : split_definitions(text))
        joined += (joined.empty() ? "" : "\n") + definition(item, L, what);
      out = joined;
    }
  } else if (t == LUA_TTABLE) {
    std::string joined;
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
      if (lua_rawgeti(L, -1, i) != LUA_TSTRING)
        raise(L, what + ": option '" + k + "' item " + std::to_string(i) +
                     " must be a string (\"PARTITION p1 VALUES LESS THAN (10)\")");
      joined += (joined.empty() ? "" : "\n") + definition(lua_tostring(L, -1), L, what);
      lua_pop(L, 1);
    }
    if (joined.empty()) raise(L, what + ": option '" + k + "' lists no partition");
    out = joined;
  } else if (t != LUA_TNIL) {
    raise(L, what + ": option '" + k +
                 "' must be a number of partitions, or the partitions' definitions as a string "
                 "or a list of strings (got " +
                 type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
  return out;
}

namespace {

// op.alter_table_options(table_name, { mysql_charset, mysql_collate, mysql_partition_by,
//   mysql_partitions, existing_<each>, allow_data_loss, schema })
int op_alter_table_options(lua_State* L) {
  const std::string what = "op.alter_table_options";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what,
           "op.alter_table_options(table_name, { mysql_charset, mysql_collate, "
           "mysql_partition_by, mysql_partitions, existing_..., allow_data_loss, schema })");
  Options o(L, opts, what);
  ops::AlterTableOptions op;
  op.table = OpArgs(L, what, o, top, 1).table();
  for (const char* key : kTableOptions) {
    if (auto v = read_table_option(o, key)) op.options[key] = *v;
    const std::string existing = std::string("existing_") + key;
    if (auto v = read_table_option(o, existing)) op.existing[key] = *v;
  }
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
  o.done();
  if (op.options.empty())
    raise(L, what + " " + op.table.name +
                 ": no option to change (mysql_charset, mysql_collate, mysql_partition_by, "
                 "mysql_partitions)");
  emit(L, std::move(op));
  return 0;
}

}  // namespace

void add_table_options_ops(lua_State* L) {
  // [-1] = the op module table.
  lua_pushcfunction(L, guarded<op_alter_table_options>);
  lua_setfield(L, -2, "alter_table_options");
}

}  // namespace retort::lua
