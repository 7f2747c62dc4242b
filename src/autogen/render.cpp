// render_lua: one builder per op kind over the Lua pretty-printer (lua_writer.hpp).
#include "autogen/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "autogen/lua_writer.hpp"
#include "autogen/render_excludes.hpp"
#include "base/overloaded.hpp"

namespace retort::autogen {
namespace {

using namespace lua;  // NOLINT: the printer is this file's vocabulary

// ---- schema values ------------------------------------------------------------------------

Node base_type_node(const Type& t);

// The type, with its collation and MySQL character set as a trailing options table.
Node type_node(const Type& t) {
  Node n = base_type_node(t);
  if (t.collation.empty() && t.mysql_charset.empty()) return n;
  Options o;
  if (!t.collation.empty()) o.add("collation", str(t.collation));
  if (!t.mysql_charset.empty()) o.add("mysql_charset", str(t.mysql_charset));
  n.items.push_back(std::move(o.node));
  return n;
}

// A table option's value: a number as a number (mysql_partitions = 4), a value of several lines
// (MySQL's partition definitions, one a line) as a list of strings, else a string.
Node option_node(const std::string& value) {
  if (!value.empty() && value.size() < 10 &&
      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return atom(value);
  if (value.find('\n') == std::string::npos) return str(value);
  std::vector<std::string> items;
  size_t from = 0;
  for (size_t nl; (nl = value.find('\n', from)) != std::string::npos; from = nl + 1)
    items.push_back(value.substr(from, nl - from));
  items.push_back(value.substr(from));
  Node n = list(items);
  n.force_break = true;
  return n;
}

Node base_type_node(const Type& t) {
  auto opt_args = [](std::initializer_list<std::optional<int>> args) {
    std::vector<Node> out;
    std::vector<std::optional<int>> v(args);
    while (!v.empty() && !v.back()) v.pop_back();
    for (const auto& a : v) out.push_back(atom(a ? std::to_string(*a) : "nil"));
    return out;
  };
  auto tz = [&](const char* fn) {
    std::vector<Node> args;
    if (t.timezone) {
      Options o;
      o.add("timezone", boolean(true));
      args.push_back(std::move(o.node));
    }
    return call(fn, std::move(args));
  };
  // An uppercase type (sa.TIMESTAMP(), sa.VARCHAR(50)) renders under its own name.
  if (t.kind != TypeKind::Native && !t.native.empty()) {
    std::string ctor = "sa.";
    for (char c : t.native) ctor += c == ' ' ? '_' : c;
    switch (t.kind) {
      case TypeKind::String:
        return call(ctor, opt_args({t.length}));
      case TypeKind::Numeric:
        return call(ctor, opt_args({t.precision, t.scale}));
      case TypeKind::Float:
        return call(ctor, opt_args({t.precision}));
      case TypeKind::DateTime:
      case TypeKind::Time:
        return tz(ctor.c_str());
      default:
        return call(ctor, {});
    }
  }
  switch (t.kind) {
    case TypeKind::Integer:
      return call("sa.Integer", {});
    case TypeKind::BigInteger:
      return call("sa.BigInteger", {});
    case TypeKind::SmallInteger:
      return call("sa.SmallInteger", {});
    case TypeKind::String:
      return call("sa.String", opt_args({t.length}));
    case TypeKind::Text:
      return call("sa.Text", {});
    case TypeKind::Boolean:
      return call("sa.Boolean", {});
    case TypeKind::Date:
      return call("sa.Date", {});
    case TypeKind::DateTime:
      return tz("sa.DateTime");
    case TypeKind::Time:
      return tz("sa.Time");
    case TypeKind::Numeric:
      return call("sa.Numeric", opt_args({t.precision, t.scale}));
    case TypeKind::Float:
      return call("sa.Float", opt_args({t.precision}));
    case TypeKind::LargeBinary:
      return call("sa.LargeBinary", {});
    case TypeKind::JSON:
      return call("sa.JSON", {});
    case TypeKind::Uuid:
      return call("sa.Uuid", {});
    case TypeKind::Enum: {
      std::vector<Node> args;
      for (const auto& v : t.enum_values) args.push_back(str(v));
      if (!t.enum_name.empty()) {
        Options o;
        o.add("name", str(t.enum_name));
        args.push_back(std::move(o.node));
      }
      return call("sa.Enum", std::move(args), 0);
    }
    case TypeKind::Native:
      return call("sa.Type", {str(t.native)});
    case TypeKind::Interval:
      return call("sa.Interval", {});
    case TypeKind::Array: {
      std::vector<Node> args;
      if (!t.item_type.empty()) args.push_back(type_node(t.item_type[0]));
      if (t.dimensions) {
        Options o;
        o.add("dimensions", atom(std::to_string(*t.dimensions)));
        args.push_back(std::move(o.node));
      }
      return call("sa.ARRAY", std::move(args));
    }
  }
  return atom("nil");
}

Node default_node(const ServerDefault& d) {
  switch (d.kind) {
    case ServerDefault::Kind::Literal:
      return str(d.text);
    case ServerDefault::Kind::Expression:
      return call("sa.text", {str(d.text)});
    case ServerDefault::Kind::Now:
      return call("sa.func.now", {});
    case ServerDefault::Kind::Boolean:
      return call(d.text == "true" ? "sa.true_" : "sa.false_", {});
  }
  return atom("nil");
}

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? name : schema + "." + name;
}

void fk_options(Options& o, const ForeignKey& fk) {
  if (!fk.ondelete.empty()) o.add("ondelete", str(fk.ondelete));
  if (!fk.onupdate.empty()) o.add("onupdate", str(fk.onupdate));
  if (fk.deferrable) o.add("deferrable", boolean(*fk.deferrable));
  if (!fk.initially.empty()) o.add("initially", str(fk.initially));
}

// sa.ForeignKey("schema.table.column", { name, ondelete, ... }) — single-column keys only.
Node foreign_key_node(const ForeignKey& fk) {
  std::string target = qualified(fk.referred_schema, fk.referred_table) + "." +
                       (fk.referred_columns.empty() ? "" : fk.referred_columns[0]);
  std::vector<Node> args{str(target)};
  Options o;
  if (!fk.name.empty()) o.add("name", str(fk.name));
  fk_options(o, fk);
  if (!o.empty()) args.push_back(std::move(o.node));
  return call("sa.ForeignKey", std::move(args));
}

// sa.Computed("expr", { persisted = ... }).
Node computed_node(const Computed& c) {
  std::vector<Node> args{str(c.sqltext)};
  Options o;
  if (c.persisted) o.add("persisted", boolean(*c.persisted));
  if (!o.empty()) args.push_back(std::move(o.node));
  return call("sa.Computed", std::move(args));
}

// start, increment, minvalue, maxvalue, cycle, cache: the sequence options that are set.
void sequence_options(Options& o, const SequenceOptions& s) {
  auto number = [&](const char* key, const std::optional<std::int64_t>& v) {
    if (!v) return;
    o.add(key, atom(*v == INT64_MIN ? std::string("math.mininteger") : std::to_string(*v)));
  };
  number("start", s.start);
  number("increment", s.increment);
  number("minvalue", s.minvalue);
  number("maxvalue", s.maxvalue);
  if (s.cycle) o.add("cycle", boolean(*s.cycle));
  number("cache", s.cache);
}

// sa.Identity({ always = true, start = 1, ... }), or sa.Identity() with nothing to say.
Node identity_node(const Identity& id) {
  Options o;
  if (id.always) o.add("always", boolean(true));
  sequence_options(o, id.options);
  std::vector<Node> args;
  if (!o.empty()) args.push_back(std::move(o.node));
  return call("sa.Identity", std::move(args));
}

// The arguments sa.Sequence and op.create_sequence share: the name and { schema, options,
// data_type, owned_by }, plus `extra` options.
std::vector<Node> sequence_args(const Sequence& s,
                                std::vector<std::pair<const char*, Node>> extra = {}) {
  std::vector<Node> args{str(s.name)};
  Options o;
  if (!s.schema.empty()) o.add("schema", str(s.schema));
  if (!s.data_type.empty()) o.add("data_type", str(s.data_type));
  sequence_options(o, s.options);
  if (!s.owned_by.empty()) o.add("owned_by", str(s.owned_by));
  for (auto& [key, value] : extra) o.add(key, std::move(value));
  if (!o.empty()) args.push_back(std::move(o.node));
  return args;
}

Node column_node(const Column& c, bool primary_key, const std::vector<const ForeignKey*>& fks) {
  std::vector<Node> args{str(c.name), type_node(c.type)};
  for (const auto& fk : c.foreign_keys) args.push_back(foreign_key_node(fk));
  for (const auto* fk : fks) args.push_back(foreign_key_node(*fk));
  if (c.computed) args.push_back(computed_node(*c.computed));
  // An identity BY DEFAULT without options on an autoincrement column is what the DDL makes of
  // autoincrement = true alone (PostgreSQL), so it is left at that.
  if (c.identity &&
      (c.identity->always || c.identity->options != SequenceOptions{} || c.autoincrement != true))
    args.push_back(identity_node(*c.identity));
  Options o;
  if (!c.nullable && !primary_key) o.add("nullable", boolean(false));
  if (primary_key) o.add("primary_key", boolean(true));
  if (c.unique) o.add("unique", boolean(true));
  if (c.index) o.add("index", boolean(true));
  if (c.server_default) o.add("server_default", default_node(*c.server_default));
  if (c.autoincrement) o.add("autoincrement", boolean(*c.autoincrement));
  if (c.comment) o.add("comment", str(*c.comment));
  if (c.mysql_on_update) o.add("mysql_on_update", default_node(*c.mysql_on_update));
  if (!o.empty()) args.push_back(std::move(o.node));
  return call("sa.Column", std::move(args), 2);
}

Node elements_node(const std::vector<IndexElement>& elements) {
  Node t{Node::Kind::Table, "", {}, {}, 0, false};
  for (const auto& e : elements) {
    t.keys.push_back("");
    std::string text = e.text;
    if (e.descending) text += " DESC";
    if (!e.nulls.empty()) text += " NULLS " + e.nulls;
    t.items.push_back(e.expression ? call("sa.text", {str(text)}) : str(text));
  }
  return t;
}

// postgresql_using, postgresql_include, postgresql_ops, mysql_prefix and mysql_length.
void index_options(Options& opts, const Index& ix) {
  if (!ix.postgresql_using.empty()) opts.add("postgresql_using", str(ix.postgresql_using));
  if (!ix.postgresql_include.empty()) opts.add("postgresql_include", list(ix.postgresql_include));
  Node ops_table{Node::Kind::Table, "", {}, {}, 0, false};
  Node lengths{Node::Kind::Table, "", {}, {}, 0, false};
  for (const auto& e : ix.elements) {
    if (!e.postgresql_ops.empty()) {
      ops_table.keys.push_back(e.text);
      ops_table.items.push_back(str(e.postgresql_ops));
    }
    if (e.mysql_length) {
      lengths.keys.push_back(e.text);
      lengths.items.push_back(atom(std::to_string(*e.mysql_length)));
    }
  }
  if (!ops_table.items.empty()) opts.add("postgresql_ops", std::move(ops_table));
  if (!ix.mysql_prefix.empty()) opts.add("mysql_prefix", str(ix.mysql_prefix));
  if (!lengths.items.empty()) opts.add("mysql_length", std::move(lengths));
}

std::string value_text(const Value& v) {
  return std::visit(Overloaded{
                        [](std::monostate) -> std::string { return "nil"; },
                        [](std::int64_t i) -> std::string {
                          // Lua reads -9223372036854775808 as a float; spell the minimum as an
                          // expression.
                          if (i == INT64_MIN) return "math.mininteger";
                          return std::to_string(i);
                        },
                        [](double d) -> std::string {
                          if (std::isnan(d)) return "(0/0)";
                          if (std::isinf(d)) return d > 0 ? "math.huge" : "-math.huge";
                          std::string s = fmt::format("{:.17g}", d);
                          if (s.find_first_of(".eE") == std::string::npos) s += ".0";
                          return s;
                        },
                        [](const std::string& s) { return lua_string(s); },
                        [](bool b) -> std::string { return b ? "true" : "false"; },
                    },
                    v);
}

// ---- ops ----------------------------------------------------------------------------------

// How an op is spelled: op.x("table", ...) at the top level, batch.x(...) inside
// batch_alter_table, where the table is implicit.
struct Target {
  bool batch = false;
  std::string fn(const std::string& name) const { return (batch ? "batch." : "op.") + name; }
};

// A statement: its expression, and a trailing comment for the reader.
struct Statement {
  Node node;
  std::string comment;
};

const char* kDropsColumnData =
    "drops data: the data-loss guard refuses it on a column with values until you add "
    "{ allow_data_loss = true }";
const char* kDropsTableData =
    "drops data: the data-loss guard refuses it on a table with rows until you add "
    "{ allow_data_loss = true }";

// Common leading arguments: the table (unless in a batch), then `rest`; then the options table
// with `schema` added (unless in a batch) when it has any entry.
Node op_call(const Target& to, const std::string& name, const ops::TableRef& table,
             std::vector<Node> rest, Options o, size_t head, bool table_first = true) {
  std::vector<Node> args;
  if (!to.batch && table_first) args.push_back(str(table.name));
  for (auto& r : rest) args.push_back(std::move(r));
  if (!to.batch && !table.schema.empty()) o.add("schema", str(table.schema));
  if (!o.empty()) args.push_back(std::move(o.node));
  return call(to.fn(name), std::move(args), to.batch ? (head ? head - 1 : 0) : head);
}

Statement add_column(const Target& to, const ops::AddColumn& o) {
  bool pk = o.column.primary_key;
  return {op_call(to, "add_column", o.table, {column_node(o.column, pk, {})}, {}, 1), ""};
}

Statement drop_column(const Target& to, const ops::DropColumn& o) {
  Options opts;
  if (o.allow_data_loss) opts.add("allow_data_loss", boolean(true));
  return {op_call(to, "drop_column", o.table, {str(o.column)}, opts, 2),
          o.allow_data_loss ? "" : kDropsColumnData};
}

Statement alter_column(const Target& to, const ops::AlterColumn& o) {
  Options opts;
  if (o.nullable) opts.add("nullable", boolean(*o.nullable));
  if (o.type) opts.add("type_", type_node(*o.type));
  if (o.server_default) {
    opts.add("server_default",
             *o.server_default ? default_node(**o.server_default) : boolean(false));
  }
  if (o.new_column_name) opts.add("new_column_name", str(*o.new_column_name));
  if (o.comment) opts.add("comment", *o.comment ? str(**o.comment) : boolean(false));
  if (o.existing_type) opts.add("existing_type", type_node(*o.existing_type));
  if (o.existing_nullable) opts.add("existing_nullable", boolean(*o.existing_nullable));
  if (o.existing_server_default) {
    opts.add("existing_server_default", default_node(*o.existing_server_default));
  }
  if (o.existing_comment) opts.add("existing_comment", str(*o.existing_comment));
  if (o.autoincrement) opts.add("autoincrement", boolean(*o.autoincrement));
  if (o.existing_autoincrement) {
    opts.add("existing_autoincrement", boolean(*o.existing_autoincrement));
  }
  if (o.mysql_on_update) {
    opts.add("mysql_on_update",
             *o.mysql_on_update ? default_node(**o.mysql_on_update) : boolean(false));
  }
  if (o.existing_mysql_on_update) {
    opts.add("existing_mysql_on_update", default_node(*o.existing_mysql_on_update));
  }
  if (o.identity) opts.add("identity", *o.identity ? identity_node(**o.identity) : boolean(false));
  if (o.existing_identity) opts.add("existing_identity", identity_node(*o.existing_identity));
  if (o.allow_data_loss) opts.add("allow_data_loss", boolean(true));
  return {op_call(to, "alter_column", o.table, {str(o.column)}, opts, 2), ""};
}

Statement create_index(const Target& to, const ops::CreateIndex& o) {
  Options opts;
  if (o.index.unique) opts.add("unique", boolean(true));
  if (!o.index.where.empty()) opts.add("where", str(o.index.where));
  index_options(opts, o.index);
  if (o.if_not_exists) opts.add("if_not_exists", boolean(true));
  if (o.concurrently) opts.add("concurrently", boolean(true));
  std::vector<Node> args{str(o.index.name)};
  if (!to.batch) args.push_back(str(o.table.name));
  args.push_back(elements_node(o.index.elements));
  return {op_call(to, "create_index", o.table, std::move(args), opts, 3, false), ""};
}

Statement drop_index(const Target& to, const ops::DropIndex& o) {
  Options opts;
  if (!to.batch && !o.table.name.empty()) opts.add("table_name", str(o.table.name));
  if (o.if_exists) opts.add("if_exists", boolean(true));
  if (o.concurrently) opts.add("concurrently", boolean(true));
  return {op_call(to, "drop_index", o.table, {str(o.name)}, opts, 1, false), ""};
}

Statement create_unique(const Target& to, const ops::CreateUniqueConstraint& o) {
  std::vector<Node> args{str(o.constraint.name)};
  if (!to.batch) args.push_back(str(o.table.name));
  args.push_back(list(o.constraint.columns));
  return {op_call(to, "create_unique_constraint", o.table, std::move(args), {}, 2, false), ""};
}

Statement create_foreign_key(const Target& to, const ops::CreateForeignKey& o) {
  const ForeignKey& fk = o.constraint;
  std::vector<Node> args{str(fk.name)};
  if (!to.batch) args.push_back(str(o.table.name));
  args.push_back(str(fk.referred_table));
  args.push_back(list(fk.columns));
  args.push_back(list(fk.referred_columns));
  Options opts;
  fk_options(opts, fk);
  if (!to.batch && !o.table.schema.empty()) opts.add("source_schema", str(o.table.schema));
  if (!fk.referred_schema.empty()) opts.add("referent_schema", str(fk.referred_schema));
  if (!opts.empty()) args.push_back(std::move(opts.node));
  return {call(to.fn("create_foreign_key"), std::move(args), to.batch ? 2 : 3), ""};
}

Statement create_check(const Target& to, const ops::CreateCheckConstraint& o) {
  std::vector<Node> args{str(o.constraint.name)};
  if (!to.batch) args.push_back(str(o.table.name));
  args.push_back(str(o.constraint.sqltext));
  return {op_call(to, "create_check_constraint", o.table, std::move(args), {}, 2, false), ""};
}

Statement create_primary_key(const Target& to, const ops::CreatePrimaryKey& o) {
  std::vector<Node> args{str(o.constraint.name)};
  if (!to.batch) args.push_back(str(o.table.name));
  args.push_back(list(o.constraint.columns));
  return {op_call(to, "create_primary_key", o.table, std::move(args), {}, 2, false), ""};
}

Statement drop_constraint(const Target& to, const ops::DropConstraint& o) {
  std::vector<Node> args{str(o.name)};
  if (!to.batch) args.push_back(str(o.table.name));
  Options opts;
  if (!o.type.empty()) opts.add("type_", str(o.type));
  if (o.existing_exclude) opts.add("existing", exclude_constraint_node(*o.existing_exclude));
  return {op_call(to, "drop_constraint", o.table, std::move(args), opts, 2, false), ""};
}

// create_table, plus the ops a table definition cannot hold inline in the sa API: indexes
// (op.create_index, as Alembic writes them) and multi-column foreign keys.
std::vector<Statement> create_table(const ops::CreateTable& o) {
  const Table& t = o.table;
  const ops::TableRef ref{t.schema, t.name};
  std::vector<std::string> pk_columns;
  if (t.primary_key) {
    pk_columns = t.primary_key->columns;
  } else {
    for (const auto& c : t.columns)
      if (c.primary_key) pk_columns.push_back(c.name);
  }
  // The primary key goes on its columns when its name is the default convention's (or none),
  // which is what the models loader gives it back; otherwise as a named constraint.
  bool pk_inline =
      !t.primary_key || t.primary_key->name.empty() || t.primary_key->name == "pk_" + t.name;
  auto in_pk = [&](const std::string& name) {
    return pk_inline && std::find(pk_columns.begin(), pk_columns.end(), name) != pk_columns.end();
  };

  std::vector<Node> args{str(t.name)};
  std::vector<const ForeignKey*> multi_column;
  for (const auto& c : t.columns) {
    std::vector<const ForeignKey*> inline_fks;
    for (const auto& fk : t.foreign_keys) {
      if (fk.columns.size() == 1 && fk.columns[0] == c.name && fk.referred_columns.size() == 1) {
        inline_fks.push_back(&fk);
      }
    }
    args.push_back(column_node(c, in_pk(c.name), inline_fks));
  }
  for (const auto& fk : t.foreign_keys) {
    if (fk.columns.size() != 1 || fk.referred_columns.size() != 1 ||
        !t.find_column(fk.columns[0])) {
      multi_column.push_back(&fk);
    }
  }
  if (!pk_inline && !pk_columns.empty()) {
    std::vector<Node> pk_args;
    for (const auto& c : pk_columns) pk_args.push_back(str(c));
    Options o2;
    o2.add("name", str(t.primary_key->name));
    pk_args.push_back(std::move(o2.node));
    args.push_back(call("sa.PrimaryKeyConstraint", std::move(pk_args), 0));
  }
  for (const auto& uq : t.unique_constraints) {
    std::vector<Node> uq_args;
    for (const auto& c : uq.columns) uq_args.push_back(str(c));
    if (!uq.name.empty()) {
      Options o2;
      o2.add("name", str(uq.name));
      uq_args.push_back(std::move(o2.node));
    }
    args.push_back(call("sa.UniqueConstraint", std::move(uq_args), 0));
  }
  for (const auto& ck : t.check_constraints) {
    std::vector<Node> ck_args{str(ck.sqltext)};
    if (!ck.name.empty()) {
      Options o2;
      o2.add("name", str(ck.name));
      ck_args.push_back(std::move(o2.node));
    }
    args.push_back(call("sa.CheckConstraint", std::move(ck_args)));
  }
  for (const auto& x : t.exclude_constraints) args.push_back(exclude_constraint_node(x));
  Options opts;
  if (!t.schema.empty()) opts.add("schema", str(t.schema));
  if (t.comment) opts.add("comment", str(*t.comment));
  for (const auto& [key, value] : t.dialect_options) opts.add(key, option_node(value));
  if (!opts.empty()) args.push_back(std::move(opts.node));
  Node table = call("op.create_table", std::move(args), 1);
  table.force_break = true;

  std::vector<Statement> out;
  out.push_back({std::move(table), ""});  // not a braced list, which would copy the whole tree
  Target top;
  for (const auto& ix : t.indexes) out.push_back(create_index(top, ops::CreateIndex{ref, ix}));
  for (const auto* fk : multi_column) {
    out.push_back(create_foreign_key(top, ops::CreateForeignKey{ref, *fk}));
  }
  return out;
}

Statement drop_table(const ops::DropTable& o) {
  std::vector<Node> args{str(o.table.name)};
  Options opts;
  if (!o.table.schema.empty()) opts.add("schema", str(o.table.schema));
  if (o.allow_data_loss) opts.add("allow_data_loss", boolean(true));
  if (!opts.empty()) args.push_back(std::move(opts.node));
  return {call("op.drop_table", std::move(args)), o.allow_data_loss ? "" : kDropsTableData};
}

Statement bulk_insert(const ops::BulkInsert& o) {
  Node rows{Node::Kind::Table, "", {}, {}, 0, false};
  for (const auto& row : o.rows) {
    Node r{Node::Kind::Table, "", {}, {}, 0, false};
    for (size_t i = 0; i < row.size() && i < o.columns.size(); ++i) {
      r.keys.push_back(o.columns[i]);
      r.items.push_back(atom(value_text(row[i])));
    }
    rows.keys.push_back("");
    rows.items.push_back(std::move(r));
  }
  Options opts;
  if (!o.table.schema.empty()) opts.add("schema", str(o.table.schema));
  std::vector<Node> args{str(o.table.name), std::move(rows)};
  if (!opts.empty()) args.push_back(std::move(opts.node));
  return {call("op.bulk_insert", std::move(args)), ""};
}

// A definition as a Lua long string, [==[ on the line before the text (Lua drops that first
// newline), with as many = as the text needs to hold no closing bracket of its own.
Node long_text(const std::string& text) {
  std::string level;
  while (text.find("]" + level + "]") != std::string::npos ||
         (text.size() >= level.size() + 1 &&
          text.compare(text.size() - level.size() - 1, level.size() + 1, "]" + level) == 0))
    level += "=";
  return atom("[" + level + "[\n" + text + "]" + level + "]");
}

// op.create_view("v", [[...]]) and the others: name[, table][, definition][, options].
Statement object_op(const char* verb, const ReplaceableObject& o, bool with_definition,
                    std::optional<std::pair<const char*, std::string>> option) {
  std::string kind = object_kind_name(o.kind);
  std::replace(kind.begin(), kind.end(), ' ', '_');
  std::vector<Node> args{str(o.name)};
  if (o.kind == ObjectKind::Trigger) args.push_back(str(o.table));
  if (with_definition) args.push_back(long_text(o.definition));
  Options opts;
  if (!o.schema.empty()) opts.add("schema", str(o.schema));
  if (option && !option->second.empty()) opts.add(option->first, long_text(option->second));
  if (!opts.empty()) args.push_back(std::move(opts.node));
  const size_t head = args.size();  // one argument per line when it breaks
  Node n = call(std::string("op.") + verb + "_" + kind, std::move(args), head);
  return {std::move(n), ""};
}

// The arguments sa.Domain, op.create_domain and op.alter_domain share: the name, the base type
// and { schema, not_null, default, check, constraint_name } (checks = { sa.CheckConstraint(...)
// } when there are several), plus `extra` options.
std::vector<Node> domain_args(const Domain& d, std::vector<std::pair<const char*, Node>> extra) {
  std::vector<Node> args{str(d.name), type_node(d.type)};
  Options o;
  if (!d.schema.empty()) o.add("schema", str(d.schema));
  if (d.not_null) o.add("not_null", boolean(true));
  if (d.server_default) o.add("default", default_node(*d.server_default));
  if (d.checks.size() == 1) {
    o.add("check", str(d.checks[0].sqltext));
    if (!d.checks[0].name.empty()) o.add("constraint_name", str(d.checks[0].name));
  } else if (!d.checks.empty()) {
    Node checks{Node::Kind::Table, "", {}, {}, 0, false};
    for (const auto& ck : d.checks) {
      std::vector<Node> ck_args{str(ck.sqltext)};
      if (!ck.name.empty()) {
        Options name;
        name.add("name", str(ck.name));
        ck_args.push_back(std::move(name.node));
      }
      checks.keys.push_back("");
      checks.items.push_back(call("sa.CheckConstraint", std::move(ck_args)));
    }
    o.add("checks", std::move(checks));
  }
  for (auto& [key, value] : extra) o.add(key, std::move(value));
  if (!o.empty()) args.push_back(std::move(o.node));
  return args;
}

Node domain_node(const Domain& d) { return call("sa.Domain", domain_args(d, {}), 2); }

Statement domain_op(const ops::Op& op) {
  if (const auto* c = std::get_if<ops::CreateDomain>(&op))
    return {call("op.create_domain", domain_args(c->domain, {}), 2), ""};
  if (const auto* a = std::get_if<ops::AlterDomain>(&op)) {
    std::vector<std::pair<const char*, Node>> extra;
    extra.emplace_back("existing", domain_node(a->existing));
    return {call("op.alter_domain", domain_args(a->domain, std::move(extra)), 2), ""};
  }
  const auto& d = std::get<ops::DropDomain>(op);
  std::vector<Node> args{str(d.name)};
  Options o;
  if (!d.schema.empty()) o.add("schema", str(d.schema));
  if (d.existing) o.add("existing", domain_node(*d.existing));
  if (!o.empty()) args.push_back(std::move(o.node));
  return {call("op.drop_domain", std::move(args), 1), ""};
}

// op.create_extension(name, { schema }) / op.drop_extension(name, { schema }): the schema on
// the drop is where its reverse creates it again.
Statement sequence_op(const ops::Op& op) {
  if (const auto* c = std::get_if<ops::CreateSequence>(&op))
    return {call("op.create_sequence", sequence_args(c->sequence), 1), ""};
  if (const auto* a = std::get_if<ops::AlterSequence>(&op)) {
    std::vector<std::pair<const char*, Node>> extra;
    extra.emplace_back("existing", call("sa.Sequence", sequence_args(a->existing), 1));
    return {call("op.alter_sequence", sequence_args(a->sequence, std::move(extra)), 1), ""};
  }
  const auto& d = std::get<ops::DropSequence>(op);
  std::vector<Node> args{str(d.name)};
  Options o;
  if (!d.schema.empty()) o.add("schema", str(d.schema));
  if (d.existing) o.add("existing", call("sa.Sequence", sequence_args(*d.existing), 1));
  if (!o.empty()) args.push_back(std::move(o.node));
  return {call("op.drop_sequence", std::move(args), 1), ""};
}

// op.sync_enum_values(schema, name, { values }, { existing, affected_columns,
// enum_values_to_rename }).
Statement sync_enum_op(const ops::SyncEnumValues& o) {
  std::vector<Node> args{o.schema.empty() ? atom("nil") : str(o.schema), str(o.name),
                         list(o.values)};
  Options opts;
  if (o.existing) opts.add("existing", list(*o.existing));
  if (!o.columns.empty()) {
    Node cols{Node::Kind::Table, "", {}, {}, 0, false};
    for (const auto& c : o.columns) {
      Options ref;
      if (!c.table.schema.empty()) ref.add("table_schema", str(c.table.schema));
      ref.add("table_name", str(c.table.name));
      ref.add("column_name", str(c.column));
      cols.keys.push_back("");
      cols.items.push_back(std::move(ref.node));
    }
    opts.add("affected_columns", std::move(cols));
  }
  if (!o.renames.empty()) {
    Node pairs{Node::Kind::Table, "", {}, {}, 0, false};
    for (const auto& [from, to] : o.renames) {
      pairs.keys.push_back("");
      pairs.items.push_back(list({from, to}));
    }
    opts.add("enum_values_to_rename", std::move(pairs));
  }
  if (!opts.empty()) args.push_back(std::move(opts.node));
  return {call("op.sync_enum_values", std::move(args), 2), ""};
}

Statement extension_op(const char* fn, const Extension& x) {
  std::vector<Node> args{str(x.name)};
  if (!x.schema.empty()) {
    Options o;
    o.add("schema", str(x.schema));
    args.push_back(std::move(o.node));
  }
  return {call(fn, std::move(args)), ""};
}

std::vector<Statement> statements_of(const Target& to, const ops::Op& op);

void write(const Statement& s, size_t indent, std::vector<std::string>& lines) {
  std::string text(indent, ' ');
  emit(s.node, indent, indent, 0, text);
  if (!s.comment.empty()) text += "  -- " + s.comment;
  lines.push_back(std::move(text));
}

// op.batch_alter_table("t", function(batch) ... end): the inner ops one per line.
void write_batch(const ops::BatchAlterTable& o, size_t indent, std::vector<std::string>& lines) {
  std::string open(indent, ' ');
  open += "op.batch_alter_table(" + lua_string(o.table.name) + ", ";
  if (!o.table.schema.empty()) open += "{ schema = " + lua_string(o.table.schema) + " }, ";
  open += "function(batch)";
  lines.push_back(open);
  Target batch{true};
  for (const auto& inner : o.ops) {
    ops::Op op = std::visit([](const auto& x) { return ops::Op(x); }, inner);
    for (const auto& s : statements_of(batch, op)) write(s, indent + 2, lines);
  }
  if (o.ops.empty()) lines.push_back(std::string(indent + 2, ' ') + "-- no changes");
  lines.push_back(std::string(indent, ' ') + "end)");
}

std::vector<Statement> statements_of(const Target& to, const ops::Op& op) {
  return std::visit(
      Overloaded{
          [&](const ops::CreateTable& o) { return create_table(o); },
          [&](const ops::DropTable& o) { return std::vector{drop_table(o)}; },
          [&](const ops::RenameTable& o) {
            Options opts;
            if (!o.table.schema.empty()) opts.add("schema", str(o.table.schema));
            std::vector<Node> args{str(o.table.name), str(o.new_name)};
            if (!opts.empty()) args.push_back(std::move(opts.node));
            return std::vector<Statement>{{call("op.rename_table", std::move(args), 2), ""}};
          },
          [&](const ops::AddColumn& o) { return std::vector{add_column(to, o)}; },
          [&](const ops::DropColumn& o) { return std::vector{drop_column(to, o)}; },
          [&](const ops::AlterColumn& o) { return std::vector{alter_column(to, o)}; },
          [&](const ops::CreateIndex& o) { return std::vector{create_index(to, o)}; },
          [&](const ops::DropIndex& o) { return std::vector{drop_index(to, o)}; },
          [&](const ops::CreateUniqueConstraint& o) { return std::vector{create_unique(to, o)}; },
          [&](const ops::CreateForeignKey& o) { return std::vector{create_foreign_key(to, o)}; },
          [&](const ops::CreateCheckConstraint& o) { return std::vector{create_check(to, o)}; },
          [&](const ops::CreatePrimaryKey& o) { return std::vector{create_primary_key(to, o)}; },
          [&](const ops::DropConstraint& o) { return std::vector{drop_constraint(to, o)}; },
          [&](const ops::Execute& o) {
            return std::vector<Statement>{{call("op.execute", {str(o.sql)}), ""}};
          },
          [&](const ops::BulkInsert& o) { return std::vector{bulk_insert(o)}; },
          [&](const ops::BatchAlterTable&) { return std::vector<Statement>{}; },  // write_batch
          [&](const ops::CreateObject& o) {
            return std::vector{object_op("create", o.object, true, std::nullopt)};
          },
          [&](const ops::ReplaceObject& o) {
            return std::vector{
                object_op("replace", o.object, true, std::make_pair("replaces", o.replaces))};
          },
          [&](const ops::DropObject& o) {
            return std::vector{object_op("drop", o.object, false,
                                         std::make_pair("existing", o.object.definition))};
          },
          [&](const ops::CreateTableComment& o) {
            Options opts;
            if (o.existing_comment) opts.add("existing_comment", str(*o.existing_comment));
            return std::vector<Statement>{
                {op_call(to, "create_table_comment", o.table, {str(o.comment)}, opts, 2), ""}};
          },
          [&](const ops::DropTableComment& o) {
            Options opts;
            if (o.existing_comment) opts.add("existing_comment", str(*o.existing_comment));
            return std::vector<Statement>{
                {op_call(to, "drop_table_comment", o.table, {}, opts, 1), ""}};
          },
          [&](const ops::CreateDomain&) { return std::vector{domain_op(op)}; },
          [&](const ops::AlterDomain&) { return std::vector{domain_op(op)}; },
          [&](const ops::DropDomain&) { return std::vector{domain_op(op)}; },
          [&](const ops::CreateSequence&) { return std::vector{sequence_op(op)}; },
          [&](const ops::AlterSequence&) { return std::vector{sequence_op(op)}; },
          [&](const ops::DropSequence&) { return std::vector{sequence_op(op)}; },
          [&](const ops::SyncEnumValues& o) { return std::vector{sync_enum_op(o)}; },
          [&](const ops::CreateExtension& o) {
            return std::vector{extension_op("op.create_extension", o.extension)};
          },
          [&](const ops::DropExtension& o) {
            return std::vector{extension_op("op.drop_extension", o.extension)};
          },
          [&](const ops::CreateExcludeConstraint& o) {
            return std::vector<Statement>{{create_exclude_node(o), ""}};
          },
          [&](const ops::AlterTableOptions& o) {
            Options opts;
            for (const auto& [key, value] : o.options) opts.add(key, option_node(value));
            for (const auto& [key, value] : o.existing)
              opts.add("existing_" + key, option_node(value));
            if (o.allow_data_loss) opts.add("allow_data_loss", boolean(true));
            return std::vector<Statement>{
                {op_call(to, "alter_table_options", o.table, {}, opts, 1), ""}};
          },
      },
      op);
}

}  // namespace

std::string render_lua(const std::vector<ops::Op>& ops, int indent) {
  return render_lua(ops, {}, indent);
}

std::string render_lua(const std::vector<ops::Op>& ops, const std::vector<std::string>& notes,
                       int indent) {
  const size_t pad = indent < 0 ? 0 : static_cast<size_t>(indent);
  if (ops.empty()) return std::string(pad, ' ') + "-- no changes";
  std::vector<std::string> lines;
  Target top;
  for (size_t i = 0; i < ops.size(); ++i) {
    const ops::Op& op = ops[i];
    if (i < notes.size() && !notes[i].empty()) {
      // One line: a note never holds a newline that would end the Lua comment early.
      std::string note = notes[i];
      std::replace(note.begin(), note.end(), '\n', ' ');
      lines.push_back(std::string(pad, ' ') + "-- " + note);
    }
    if (const auto* batch = std::get_if<ops::BatchAlterTable>(&op)) {
      write_batch(*batch, pad, lines);
      continue;
    }
    for (const auto& s : statements_of(top, op)) write(s, pad, lines);
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

std::string render_revision_comment() {
  return "Generated by retort revision --autogenerate: review before running.";
}

}  // namespace retort::autogen
