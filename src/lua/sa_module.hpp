// The `sa` module: SQLAlchemy-shaped constructors (sa.Column, sa.Integer(), sa.ForeignKey, ...)
// whose values are userdata holding retort::MetaData pieces, and the conversions the op module
// uses to read them back. Internal to src/lua/.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "lua/lua_support.hpp"
#include "retort/metadata.hpp"

namespace retort::lua {

// sa.ForeignKey("table.col"): the column-level form, columns filled in when attached.
struct ForeignKeyRef {
  ForeignKey fk;
};
// sa.ForeignKeyConstraint({"a"}, {"t.x"}): the table-level form.
struct ForeignKeyConstraintDef {
  ForeignKey fk;
};
// sa.Column(...): the column plus any CheckConstraint given positionally.
struct ColumnDef {
  Column column;
  std::vector<CheckConstraint> checks;
};
// sa.text("raw sql")
struct TextClause {
  std::string sql;
};
// sa.func.now(), sa.func.lower("x"): usable as a server_default.
struct FuncCall {
  ServerDefault value;
};

using SaValue = std::variant<Type, ColumnDef, ForeignKeyRef, ForeignKeyConstraintDef, PrimaryKey,
                             UniqueConstraint, CheckConstraint, Index, Table, TextClause, FuncCall>;

// Pushes the `sa` module (a read-only table) built once per Lua state.
void push_sa_module(lua_State* L);

// The sa value at `idx`, or nullptr when it is something else.
SaValue* test_sa(lua_State* L, int idx);
template <class T>
T* test_sa_as(lua_State* L, int idx) {
  SaValue* v = test_sa(L, idx);
  return v ? std::get_if<T>(v) : nullptr;
}
void push_sa(lua_State* L, SaValue value);

// Adds sa.Integer, sa.String, ... to the sa module table on top of the stack (sa_types.cpp).
void add_type_constructors(lua_State* L);
// "String", "DateTime", ...: the constructor name of a type (sa.<name>).
std::string type_label(const Type& type);

// Conversions for op arguments; `what` names the call for error messages.
Type to_type(lua_State* L, int idx, const std::string& what);
// A string (literal), number (literal of its text), sa.text (expression) or sa.func.now().
ServerDefault to_server_default(lua_State* L, int idx, const std::string& what);
// A string or sa.text(...): raw SQL.
std::string to_sql(lua_State* L, int idx, const std::string& what, const char* arg);
// One index element: a column name or sa.text(expression).
IndexElement to_index_element(lua_State* L, int idx, const std::string& what);
// Index elements from a list {"a", sa.text("lower(b)")} or a single one.
std::vector<IndexElement> to_index_elements(lua_State* L, int idx, const std::string& what);

// Adds a table item (sa.Column, a constraint, sa.Index) at `idx` to `table`; false when the value
// is none of those.
bool add_table_item(lua_State* L, int idx, Table& table);

// Reads an index's options shared by sa.Index and op.create_index: unique, where and its
// dialect-prefixed aliases.
void read_index_options(Options& options, Index& index);

// "CASCADE" from "cascade": referential actions are stored upper-case.
std::string upper(std::string s);

}  // namespace retort::lua
