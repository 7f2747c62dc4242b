// The `sa` module: SQLAlchemy-shaped constructors (sa.Column, sa.Integer(), sa.ForeignKey, ...)
// whose values are userdata holding retort::MetaData pieces, and the conversions the op module
// uses to read them back. Internal to src/lua/.
#pragma once

#include <cstddef>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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
                             UniqueConstraint, CheckConstraint, Index, Table, TextClause, FuncCall,
                             ReplaceableObject, Computed, Domain, ExcludeConstraint, Identity,
                             Sequence>;

// Pushes the `sa` module (a read-only table) built once per Lua state.
void push_sa_module(lua_State* L);

// An sa value lives in a userdata of its own type's size (one std::variant would size every
// sa.Integer() like a whole sa.Table): a header with the alternative's index, then the object.
struct alignas(alignof(std::max_align_t)) SaBoxHeader {
  std::size_t index;  // std::variant_size_v<SaValue> while the object is not constructed
};

template <class T, class V = SaValue, std::size_t I = 0>
constexpr std::size_t sa_index_of() {
  static_assert(I < std::variant_size_v<V>, "not an sa value type");
  if constexpr (std::is_same_v<std::variant_alternative_t<I, V>, T>) {
    return I;
  } else {
    return sa_index_of<T, V, I + 1>();
  }
}

// The box of the sa value at `idx` (its header), or nullptr when it is something else.
SaBoxHeader* test_sa_box(lua_State* L, int idx);
template <class T>
T* sa_box_as(SaBoxHeader* box) {
  if (!box || box->index != sa_index_of<T>()) return nullptr;
  return std::launder(reinterpret_cast<T*>(box + 1));
}
template <class T>
T* test_sa_as(lua_State* L, int idx) {
  return sa_box_as<T>(test_sa_box(L, idx));
}

// The `existing` option of an op on a named object (a domain, a sequence): the object as it is
// now, a T made by `ctor` ("sa.Domain"); a default T when the option is absent and not
// `required`. Raises "WHAT 'NAME': existing must be the NOUN as it is now, CTOR(...) (got ...)".
template <class T>
T existing_object(lua_State* L, Options& o, const std::string& what, const std::string& name,
                  const char* noun, const char* ctor, bool required) {
  int t = o.push("existing");
  T out;
  if (auto* e = test_sa_as<T>(L, -1)) {
    out = *e;
  } else if (t != LUA_TNIL || required) {
    raise(L, what + " '" + name + "': existing must be the " + noun + " as it is now, " + ctor +
                 "(...) (got " + type_name(L, -1) + ")");
  }
  lua_pop(L, 1);
  return out;
}

// Pushes a new userdata holding `value`.
SaBoxHeader* new_sa_box(lua_State* L, std::size_t object_size);
template <class T>
void push_sa_as(lua_State* L, T value) {
  SaBoxHeader* box = new_sa_box(L, sizeof(T));
  new (box + 1) T(std::move(value));
  box->index = sa_index_of<T>();
}

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
// The arguments of sa.Table and op.create_table: a name, then columns, constraints and indexes,
// then { schema, comment, mysql_* }. Only a model (`model`) may say renamed_from.
// `if_not_exists`, when given, receives op.create_table's if_not_exists option.
Table build_table(lua_State* L, const std::string& what, bool model, bool* if_not_exists = nullptr);
// How many of the values at indexes from..to are sa.Column values (to reserve room for them).
size_t count_columns(lua_State* L, int from, int to);

// Reads an index's options shared by sa.Index and op.create_index: unique, where and its
// dialect-prefixed aliases.
void read_index_options(Options& options, Index& index);

// sa_columns.cpp: the column, type and index details beyond the core.
// Moves a trailing ASC/DESC and NULLS FIRST/LAST from the element's text into its fields.
void split_sort_order(IndexElement& element);
// sa.Column's mysql_on_update.
void read_column_extras(Options& options, Column& column);
// A type's collation and mysql_charset.
void read_type_extras(Options& options, Type& type);
// postgresql_using, postgresql_include, postgresql_ops, mysql_prefix, mysql_length.
void read_index_extras(Options& options, Index& index);
// Adds sa.desc, sa.asc, sa.nullsfirst and sa.nullslast to the sa table on top of the stack.
void add_sort_helpers(lua_State* L);
// Adds sa.Computed, sa.true_ and sa.false_ to the sa table on top of the stack.
void add_column_helpers(lua_State* L);
// Adds sa.View, sa.MaterializedView, sa.Function, sa.Procedure, sa.Trigger to the sa module
// table on top of the stack, and op.create_view etc. to the op module table (sa_objects.cpp).
void add_object_constructors(lua_State* L);
void add_object_ops(lua_State* L);
// Adds op.create_table_comment and op.drop_table_comment to the op module table on top of the
// stack (op_comments.cpp).
void add_comment_ops(lua_State* L);
// Adds op.alter_table_options to the op module table on top of the stack (op_table_options.cpp).
void add_table_options_ops(lua_State* L);
// A table option of sa.Table / op.alter_table_options: a string, except mysql_partitions (and
// existing_mysql_partitions): a number, or the partitions' definitions as one SQL string or a
// list, kept one "PARTITION name bound" a line (op_table_options.cpp).
std::optional<std::string> read_table_option(Options& o, std::string_view key);
// sa.Domain and sa.Extension, and op.create_domain / alter_domain / drop_domain /
// create_extension / drop_extension (sa_domains.cpp); a domain used as a column's type is
// Native(name), schema-qualified when it has a schema, each part double-quoted when it needs it.
void add_domain_constructor(lua_State* L);
void add_domain_ops(lua_State* L);
Type domain_type(const Domain& d);
// sa.ExcludeConstraint and op.create_exclude_constraint (sa_excludes.cpp).
void add_exclude_constructor(lua_State* L);
void add_exclude_ops(lua_State* L);
// sa.Sequence and sa.Identity, and op.create_sequence / alter_sequence / drop_sequence
// (sa_sequences.cpp). A sequence used as a column's default is nextval('name'::regclass).
void add_sequence_constructors(lua_State* L);
void add_sequence_ops(lua_State* L);
ServerDefault sequence_default(const Sequence& s);

// op.sync_enum_values (op_enums.cpp).
void add_enum_ops(lua_State* L);

// "CASCADE" from "cascade": referential actions are stored upper-case.
std::string upper(std::string s);

}  // namespace retort::lua
