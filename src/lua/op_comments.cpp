// op.create_table_comment and op.drop_table_comment, as Alembic's: the comment, and the
// comment the table had (existing_comment) so the op can be reversed.
#include "lua/op_args.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"

namespace retort::lua {
namespace {

// op.create_table_comment(table_name, comment, { existing_comment, schema })
int op_create_table_comment(lua_State* L) {
  const std::string what = "op.create_table_comment";
  int top = 0;
  int opts = last_options(L, top, 2);
  max_args(L, top, 2, what,
           "op.create_table_comment(table_name, comment, { existing_comment, schema })");
  Options o(L, opts, what);
  OpArgs args(L, what, o, top, 1);
  ops::CreateTableComment op;
  op.table = args.table();
  op.comment = args.string(1, "the comment");
  op.existing_comment = o.string("existing_comment");
  o.done();
  emit(L, std::move(op));
  return 0;
}

// op.drop_table_comment(table_name, { existing_comment, schema })
int op_drop_table_comment(lua_State* L) {
  const std::string what = "op.drop_table_comment";
  int top = 0;
  int opts = last_options(L, top, 1);
  max_args(L, top, 1, what, "op.drop_table_comment(table_name, { existing_comment, schema })");
  Options o(L, opts, what);
  ops::DropTableComment op;
  op.table = OpArgs(L, what, o, top, 1).table();
  op.existing_comment = o.string("existing_comment");
  o.done();
  emit(L, std::move(op));
  return 0;
}

}  // namespace

void add_comment_ops(lua_State* L) {
  // [-1] = the op module table.
  lua_pushcfunction(L, guarded<op_create_table_comment>);
  lua_setfield(L, -2, "create_table_comment");
  lua_pushcfunction(L, guarded<op_drop_table_comment>);
  lua_setfield(L, -2, "drop_table_comment");
}

}  // namespace retort::lua
