// The arguments of the op calls that op.X(...) and batch:X(...) share (Alembic's op.add_column
// and batch_op.add_column): one reader per op builds its ops::Op from either form, so the two
// accept the same arguments and word their errors alike. Internal to src/lua/.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "lua/lua_support.hpp"
#include "ops/ops.hpp"

namespace retort::lua {

// One call's arguments. op.X names its table among the positional arguments (at its table
// slot); a batch knows its table, so there every later argument comes one place earlier.
// Readers count arguments the batch's way (`n`, the table left out) and messages count them as
// the script wrote them.
class OpArgs {
 public:
  // op.X(...): the table is named at argument `table_slot`.
  OpArgs(lua_State* L, const std::string& what, Options& o, int top, int table_slot)
      : L(L), what(what), o(o), top(top), table_slot_(table_slot) {}
  // batch:X(...) on the batch's table.
  OpArgs(lua_State* L, const std::string& what, Options& o, int top, ops::TableRef table)
      : L(L), what(what), o(o), top(top), table_(std::move(table)) {}

  lua_State* const L;
  const std::string& what;  // "op.add_column" or "batch.add_column"
  Options& o;
  const int top;  // the last positional argument (the options table left out)

  bool in_batch() const { return table_slot_ == 0; }
  // The stack index of argument `n` as a batch counts it.
  int index(int n) const { return !in_batch() && n >= table_slot_ ? n + 1 : n; }
  // "argument 3 (the columns)", numbered as the script wrote it.
  std::string label(int n, const char* desc) const;

  // The table: op.X reads it at its slot (`desc` names it in messages) with the option that
  // gives its schema; a batch has it already.
  ops::TableRef table(const char* desc = nullptr, std::string_view schema_key = "schema");
  std::string string(int n, const char* desc) const;
  std::vector<std::string> string_list(int n, const char* desc) const;
  // A constraint or index name: a string, or nil for "name it by the convention".
  std::string name(int n) const;

 private:
  int table_slot_ = 0;
  ops::TableRef table_;
};

// An op that op.NAME and batch.NAME both take, and how op.NAME lays out its arguments.
struct OpSpec {
  const char* name;
  int args;           // positional arguments, the table not counted
  int table_slot;     // where op.NAME names its table
  const char* usage;  // op.NAME's, quoted when it gets too many arguments
  // Reads the arguments (rejecting unknown options) and appends the op(s) they make.
  void (*read)(OpArgs& args, std::vector<ops::BatchOp>& out);
  bool table_optional = false;  // op.NAME may leave its table out
  int optional = 0;  // how many of the last positional arguments may be left out (a table there
                     // is the options)
};

// The ops batch_alter_table offers; op offers them too.
std::span<const OpSpec> shared_op_specs();

// alter_column's autoincrement, mysql_on_update and their existing_* (sa_columns.cpp).
void read_alter_extras(Options& options, ops::AlterColumn& op);

// Raises "what: too many arguments (N)", with "; usage: ..." when `usage` is given.
void max_args(lua_State* L, int top, int n, const std::string& what, const char* usage);

}  // namespace retort::lua
