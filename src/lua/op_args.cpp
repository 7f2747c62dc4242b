// One reader per op for op.X and batch:X (see op_args.hpp).
#include "lua/op_args.hpp"

#include <fmt/format.h>

#include "lua/sa_module.hpp"
#include "schema/naming.hpp"

namespace retort::lua {

std::string OpArgs::label(int n, const char* desc) const {
  return fmt::format("argument {} ({})", index(n), desc);
}

ops::TableRef OpArgs::table(const char* desc, std::string_view schema_key) {
  if (in_batch()) return table_;
  ops::TableRef t;
  t.name = desc ? check_string(L, table_slot_, what,
                               fmt::format("argument {} ({})", table_slot_, desc).c_str())
                : check_string(L, table_slot_, what, "the table name");
  if (auto s = o.string(schema_key)) t.schema = *s;
  return t;
}

std::string OpArgs::string(int n, const char* desc) const {
  return check_string(L, index(n), what, label(n, desc).c_str());
}

std::vector<std::string> OpArgs::string_list(int n, const char* desc) const {
  return check_string_list(L, index(n), what, label(n, desc).c_str());
}

std::string OpArgs::name(int n) const {
  const int i = index(n);
  if (lua_isnoneornil(L, i)) return "";
  return check_string(L, i, what, "the name (a string, or nil to use the naming convention)");
}

void max_args(lua_State* L, int top, int n, const std::string& what, const char* usage) {
  if (top <= n) return;
  std::string message = what + ": too many arguments (" + std::to_string(top) + ")";
  if (usage) message += std::string("; usage: ") + usage;
  raise(L, message);
}

namespace {

// An OpSpec::read for a reader that makes one op.
template <auto Read>
void read_one(OpArgs& a, std::vector<ops::BatchOp>& out) {
  out.emplace_back(Read(a));
}

bool read_concurrently(Options& o) {
  auto c1 = o.boolean("concurrently");
  auto c2 = o.boolean("postgresql_concurrently");
  return c1.value_or(false) || c2.value_or(false);
}

// add_column(table, sa.Column(...)), split as Alembic does: the AddColumn without its sugar,
// then the constraints and indexes the column declared, named by the convention as a table's
// would be.
void read_add_column(OpArgs& a, std::vector<ops::BatchOp>& out) {
  const ops::TableRef table = a.table();
  const bool if_not_exists = a.o.boolean("if_not_exists").value_or(false);
  // Alembic 1.18.4's inline_primary_key: PRIMARY KEY written in the ADD COLUMN itself.
  const bool inline_primary_key = a.o.boolean("inline_primary_key").value_or(false);
  std::string before, after;
  if (a.in_batch()) {  // where the column goes in the rebuilt table (Alembic's batch options)
    before = a.o.string("insert_before").value_or("");
    after = a.o.string("insert_after").value_or("");
    if (!before.empty() && !after.empty())
      raise(a.L, a.what + ": give either insert_before or insert_after, not both");
  }
  a.o.done();
  const int idx = a.index(1);
  auto* def = test_sa_as<ColumnDef>(a.L, idx);
  if (!def) raise(a.L, a.what + ": expected sa.Column(...) (got " + type_name(a.L, idx) + ")");
  if (def->column.primary_key && !inline_primary_key)
    raise(a.L, a.what + ": column " + def->column.name +
                   " has primary_key = true; add { inline_primary_key = true } to write PRIMARY "
                   "KEY in the ADD COLUMN, or use op.create_primary_key() after adding the column");
  if (inline_primary_key && !def->column.primary_key)
    raise(a.L, a.what + ": inline_primary_key = true needs a column with primary_key = true");
  Table t;
  t.schema = table.schema;
  t.name = table.name;
  t.columns.push_back(def->column);
  t.check_constraints = def->checks;
  normalize_table(t, naming_of(a.L));
  out.push_back(ops::AddColumn{table, t.columns[0], if_not_exists, before, after});
  for (auto& uq : t.unique_constraints) out.push_back(ops::CreateUniqueConstraint{table, uq});
  for (auto& fk : t.foreign_keys) out.push_back(ops::CreateForeignKey{table, fk});
  for (auto& ck : t.check_constraints) out.push_back(ops::CreateCheckConstraint{table, ck});
  for (auto& ix : t.indexes) out.push_back(ops::CreateIndex{table, ix, false, false});
}

// drop_column's existing_type / existing_nullable / existing_server_default / existing_comment
// (Alembic's): what the column is, so the drop can be reversed and offline runs know its type.
void read_drop_column_existing(Options& o, ops::DropColumn& op) {
  lua_State* L = o.state();
  const std::string& what = o.what();
  std::optional<Column> c;
  auto column = [&]() -> Column& {
    if (!c) {
      c.emplace();
      c->name = op.column;
    }
    return *c;
  };
  if (o.push("existing_type") != LUA_TNIL) column().type = to_type(L, -1, what);
  lua_pop(L, 1);
  if (auto v = o.boolean("existing_nullable")) column().nullable = *v;
  int t = o.push("existing_server_default");
  if (t != LUA_TNIL && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
    column().server_default = to_server_default(L, -1, what);
  lua_pop(L, 1);
  if (auto v = o.string("existing_comment")) column().comment = *v;
  if (c && !o.present("existing_type"))
    raise(L, what +
                 ": existing_nullable, existing_server_default and existing_comment need "
                 "existing_type");
  op.existing = std::move(c);
}

ops::DropColumn read_drop_column(OpArgs& a) {
  ops::DropColumn op;
  op.table = a.table();
  op.column = a.string(1, "the column name");
  op.allow_data_loss = a.o.boolean("allow_data_loss").value_or(false);
  op.if_exists = a.o.boolean("if_exists").value_or(false);
  read_drop_column_existing(a.o, op);
  a.o.done();
  return op;
}

// alter_column's options (schema aside): server_default and comment tell false (drop it) from
// nil (leave it alone).
void read_alter_options(Options& o, ops::AlterColumn& op) {
  lua_State* L = o.state();
  const std::string& what = o.what();
  op.nullable = o.boolean("nullable");
  bool has_type_ = o.present("type_");
  if (has_type_ && o.present("type")) raise(L, what + ": give either type_ or type, not both");
  if (o.push(has_type_ ? "type_" : "type") != LUA_TNIL) op.type = to_type(L, -1, what);
  lua_pop(L, 1);
  o.ignore("type_");
  o.ignore("type");

  int t = o.push("server_default");
  if (t == LUA_TBOOLEAN) {
    if (lua_toboolean(L, -1))
      raise(L, what + ": server_default = true makes no sense; give a default or false to drop it");
    op.server_default = std::optional<ServerDefault>{};
  } else if (t != LUA_TNIL) {
    op.server_default = to_server_default(L, -1, what);
  }
  lua_pop(L, 1);

  op.new_column_name = o.string("new_column_name");

  t = o.push("comment");
  if (t == LUA_TBOOLEAN) {
    if (lua_toboolean(L, -1))
      raise(L, what + ": comment = true makes no sense; give text or false");
    op.comment = std::optional<std::string>{};
  } else if (t == LUA_TSTRING) {
    op.comment = std::optional<std::string>{lua_tostring(L, -1)};
  } else if (t != LUA_TNIL) {
    raise(L, "option 'comment' for " + what + " must be a string or false");
  }
  lua_pop(L, 1);

  if (o.push("existing_type") != LUA_TNIL) op.existing_type = to_type(L, -1, what);
  lua_pop(L, 1);
  op.existing_nullable = o.boolean("existing_nullable");
  t = o.push("existing_server_default");
  if (t != LUA_TNIL && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
    op.existing_server_default = to_server_default(L, -1, what);
  lua_pop(L, 1);
  t = o.push("existing_comment");
  if (t == LUA_TSTRING)
    op.existing_comment = lua_tostring(L, -1);
  else if (t != LUA_TNIL && !(t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
    raise(L, "option 'existing_comment' for " + what + " must be a string or false");
  lua_pop(L, 1);
  read_alter_extras(o, op);
  op.allow_data_loss = o.boolean("allow_data_loss").value_or(false);
  // PostgreSQL: the USING expression of the type change (Alembic's postgresql_using).
  if (auto v = o.string("postgresql_using")) {
    if (!op.type)
      raise(L, what + ": postgresql_using is the USING of a type change; give type_ too");
    op.postgresql_using = *v;
  }
}

ops::AlterColumn read_alter_column(OpArgs& a) {
  ops::AlterColumn op;
  op.table = a.table();
  op.column = a.string(1, "the column name");
  read_alter_options(a.o, op);
  a.o.done();
  return op;
}

ops::CreateIndex read_create_index(OpArgs& a) {
  ops::CreateIndex op;
  std::string name = a.name(1);
  op.table = a.table();
  if (a.top < a.index(2))
    raise(a.L, fmt::format("{}: argument {} must list the columns, e.g. {{ \"email\" }}", a.what,
                           a.index(2)));
  op.index.elements = to_index_elements(a.L, a.index(2), a.what);
  read_index_options(a.o, op.index);
  op.if_not_exists = a.o.boolean("if_not_exists").value_or(false);
  op.concurrently = read_concurrently(a.o);
  a.o.done();
  op.index.name = name.empty() ? index_name(naming_of(a.L), op.table.name, op.index) : name;
  return op;
}

ops::DropIndex read_drop_index(OpArgs& a) {
  ops::DropIndex op;
  op.name = a.string(1, "the index name");
  if (a.in_batch()) {
    op.table = a.table();
  } else {
    // Alembic's op.drop_index takes its table optionally, by position or as table_name.
    if (a.top >= 2) op.table.name = check_string(a.L, 2, a.what, "argument 2 (the table name)");
    if (auto v = a.o.string("table_name")) op.table.name = *v;
    if (auto v = a.o.string("schema")) op.table.schema = *v;
  }
  op.if_exists = a.o.boolean("if_exists").value_or(false);
  if (!a.in_batch()) op.concurrently = read_concurrently(a.o);
  a.o.done();
  return op;
}

// create_unique_constraint and create_primary_key: a name and the columns.
template <class Op>
Op read_columns_constraint(OpArgs& a, const char* kind) {
  Op op;
  op.constraint.name = a.name(1);
  op.table = a.table();
  op.constraint.columns = a.string_list(2, "the columns");
  a.o.done();
  if (op.constraint.name.empty())
    op.constraint.name =
        constraint_name(naming_of(a.L), kind, op.table.name, op.constraint.columns, "", "");
  return op;
}

ops::CreateUniqueConstraint read_create_unique_constraint(OpArgs& a) {
  return read_columns_constraint<ops::CreateUniqueConstraint>(a, "uq");
}

ops::CreatePrimaryKey read_create_primary_key(OpArgs& a) {
  return read_columns_constraint<ops::CreatePrimaryKey>(a, "pk");
}

ops::CreateForeignKey read_create_foreign_key(OpArgs& a) {
  ops::CreateForeignKey op;
  ForeignKey& fk = op.constraint;
  fk.name = a.name(1);
  op.table = a.table("the source table", "source_schema");
  fk.referred_table = a.string(2, "the referent table");
  fk.columns = a.string_list(3, "the local columns");
  fk.referred_columns = a.string_list(4, "the remote columns");
  if (fk.columns.size() != fk.referred_columns.size()) {
    // Each form keeps the wording its users have seen.
    if (a.in_batch()) raise(a.L, a.what + ": the local and remote column lists differ in length");
    raise(a.L, fmt::format("{}: {} local column(s) but {} remote column(s)", a.what,
                           fk.columns.size(), fk.referred_columns.size()));
  }
  if (auto v = a.o.string("ondelete")) fk.ondelete = upper(*v);
  if (auto v = a.o.string("onupdate")) fk.onupdate = upper(*v);
  fk.deferrable = a.o.boolean("deferrable");
  if (auto v = a.o.string("initially")) fk.initially = upper(*v);
  if (auto v = a.o.string("referent_schema")) fk.referred_schema = *v;
  if (auto v = a.o.string("match")) {
    fk.match = upper(*v);
    if (fk.match != "FULL" && fk.match != "PARTIAL" && fk.match != "SIMPLE")
      raise(a.L, "option 'match' for " + a.what +
                     " must be \"FULL\", \"PARTIAL\" or \"SIMPLE\" (got \"" + *v + "\")");
  }
  op.not_valid = a.o.boolean("postgresql_not_valid").value_or(false);
  a.o.done();
  if (fk.name.empty())
    fk.name =
        constraint_name(naming_of(a.L), "fk", op.table.name, fk.columns, fk.referred_table, "");
  return op;
}

ops::CreateCheckConstraint read_create_check_constraint(OpArgs& a) {
  ops::CreateCheckConstraint op;
  op.constraint.name = a.name(1);
  op.table = a.table();
  op.constraint.sqltext = to_sql(a.L, a.index(2), a.what, a.label(2, "the condition").c_str());
  op.not_valid = a.o.boolean("postgresql_not_valid").value_or(false);
  a.o.done();
  if (op.constraint.name.empty())
    op.constraint.name = check_name(naming_of(a.L), op.table.name, op.constraint.sqltext);
  return op;
}

bool constraint_type(const std::string& type) {
  return type == "foreignkey" || type == "unique" || type == "check" || type == "primary" ||
         type == "exclude";
}

// drop_constraint's type_ (or type): "foreignkey", "unique", "check", "primary", "exclude" or
// none.
std::string read_constraint_type(Options& o) {
  lua_State* L = o.state();
  if (o.present("type_") && o.present("type"))
    raise(L, o.what() + ": give either type_ or type, not both");
  auto t = o.string("type_");
  if (auto t2 = o.string("type")) t = t2;
  std::string type = t.value_or("");
  if (constraint_type(type) || type.empty()) return type;
  raise(L, "option 'type_' for " + o.what() +
               " must be \"foreignkey\", \"unique\", \"check\", \"primary\" or "
               "\"exclude\" (got \"" +
               type + "\")");
}

ops::DropConstraint read_drop_constraint(OpArgs& a) {
  ops::DropConstraint op;
  op.name = a.string(1, "the constraint name");
  op.table = a.table();
  op.type = read_constraint_type(a.o);
  // Alembic's positional type_: op.drop_constraint("name", "t", "foreignkey").
  if (a.top >= a.index(2) && !lua_isnil(a.L, a.index(2))) {
    if (!op.type.empty() || a.o.present("type_") || a.o.present("type"))
      raise(a.L, a.what + ": type_ is given twice (as argument " + std::to_string(a.index(2)) +
                     " and as an option)");
    const std::string type = a.string(2, "the constraint type");
    if (!constraint_type(type))
      raise(a.L, a.what + ": " + a.label(2, "the constraint type") +
                     " must be \"foreignkey\", \"unique\", \"check\", \"primary\" or "
                     "\"exclude\" (got \"" +
                     type + "\")");
    op.type = type;
  }
  // existing = sa.ExcludeConstraint(...): what an exclusion constraint was, so the drop can be
  // reversed (the other types carry nothing).
  if (a.o.push("existing") != LUA_TNIL) {
    auto* x = test_sa_as<ExcludeConstraint>(a.L, -1);
    if (!x)
      raise(a.L, a.what +
                     ": existing must be the constraint as it is, sa.ExcludeConstraint(...) "
                     "(got " +
                     type_name(a.L, -1) + ")");
    if (op.type != "exclude")
      raise(a.L, a.what + ": existing = sa.ExcludeConstraint(...) needs type_ \"exclude\"");
    op.existing_exclude = *x;
    op.existing_exclude->name = op.name;
  }
  lua_pop(a.L, 1);
  a.o.done();
  return op;
}

const OpSpec kSharedOps[] = {
    {"add_column", 1, 1, "op.add_column(table, sa.Column(...), { schema })", read_add_column},
    {"drop_column", 1, 1,
     "op.drop_column(table, column, { schema, if_exists, existing_type, allow_data_loss })",
     read_one<read_drop_column>},
    {"alter_column", 1, 1, "op.alter_column(table, column, { nullable, type_, ... })",
     read_one<read_alter_column>},
    {"create_index", 2, 2, "op.create_index(name | nil, table, { columns }, { unique, ... })",
     read_one<read_create_index>},
    {"drop_index", 1, 2, "op.drop_index(name, [table_name], { table_name, schema, ... })",
     read_one<read_drop_index>, true},
    {"create_unique_constraint", 2, 2,
     "op.create_unique_constraint(name | nil, table, { columns })",
     read_one<read_create_unique_constraint>},
    {"create_foreign_key", 4, 2,
     "op.create_foreign_key(name | nil, source, referent, { local }, { remote }, {...})",
     read_one<read_create_foreign_key>},
    {"create_check_constraint", 2, 2,
     "op.create_check_constraint(name, table, condition, { schema })",
     read_one<read_create_check_constraint>},
    {"create_primary_key", 2, 2,
     "op.create_primary_key(name | nil, table, { columns }, { schema })",
     read_one<read_create_primary_key>},
    {"drop_constraint", 2, 2,
     "op.drop_constraint(name, table, [type_], { type_, schema, existing })",
     read_one<read_drop_constraint>, false, 1},
};

}  // namespace

std::span<const OpSpec> shared_op_specs() { return kSharedOps; }

}  // namespace retort::lua
