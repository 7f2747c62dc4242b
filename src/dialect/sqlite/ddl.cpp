// Op -> SQL for what ALTER TABLE can do; the rest goes to table_rebuild.cpp.
#include "dialect/sqlite/ddl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/overloaded.hpp"
#include "dialect/domain_support.hpp"
#include "dialect/partition_options.hpp"
#include "dialect/sequence_support.hpp"
#include "dialect/sqlite/inspect.hpp"
#include "dialect/sqlite/sql_parser.hpp"
#include "dialect/sqlite/table_rebuild.hpp"
#include "dialect/sqlite/types.hpp"
#include "retort/error.hpp"

namespace retort::sqlite {
namespace {

std::string q(const std::string& ident) { return quote_identifier(ident); }

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + q(c);
  return out;
}

std::string constraint_prefix(const std::string& name) {
  return name.empty() ? "" : "CONSTRAINT " + q(name) + " ";
}

// A default SQLite accepts without parentheses: a number, a string, NULL, TRUE/FALSE,
// CURRENT_TIME/DATE/TIMESTAMP.
bool simple_default(const std::string& text) {
  auto toks = tokenize(text);
  if (toks.size() == 2 && toks[0].kind == Token::Kind::Punct &&
      (toks[0].value == "-" || toks[0].value == "+") && toks[1].kind == Token::Kind::Number)
    return true;
  if (toks.size() != 1) return false;
  const Token& t = toks[0];
  if (t.kind == Token::Kind::Number || t.kind == Token::Kind::String || t.kind == Token::Kind::Blob)
    return true;
  for (const char* k :
       {"NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"})
    if (t.is(k)) return true;
  return false;
}

std::string literal_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string default_sql(const ServerDefault& d) {
  switch (d.kind) {
    case ServerDefault::Kind::Literal:
      return literal_string(d.text);
    case ServerDefault::Kind::Now:
      return "(CURRENT_TIMESTAMP)";
    case ServerDefault::Kind::Boolean:
      return d.text == "true" ? "1" : "0";  // SQLite stores booleans as 1 / 0
    case ServerDefault::Kind::Expression:
      return simple_default(d.text) ? d.text : "(" + d.text + ")";
  }
  return d.text;
}

bool is_integer_type(const Type& t) {
  if (t.kind == TypeKind::Integer) return true;
  if (t.kind != TypeKind::Native) return false;
  std::string n = t.native;
  for (auto& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return n == "INTEGER";
}

// "name" TYPE [NOT NULL] [DEFAULT x] [COLLATE c]
std::string column_sql(const Column& c) {
  const std::string type = type_sql(c.type);
  std::string out;
  out.reserve(c.name.size() + type.size() + 24);
  out += q(c.name);
  if (!type.empty()) {
    out += ' ';
    out += type;
  }
  if (!c.nullable) out += " NOT NULL";
  if (c.server_default) {
    out += " DEFAULT ";
    out += default_sql(*c.server_default);
  }
  if (!c.type.collation.empty()) out += " COLLATE " + quote_identifier(c.type.collation);
  if (c.computed) {
    // Unset persisted: VIRTUAL, SQLite's default (sqlite.org/gencol.html).
    out += " GENERATED ALWAYS AS (" + c.computed->sqltext + ")";
    out += c.computed->persisted.value_or(false) ? " STORED" : " VIRTUAL";
  }
  return out;
}

std::string foreign_key_sql(const ForeignKey& fk) {
  std::string out = constraint_prefix(fk.name) + "FOREIGN KEY (" + column_list(fk.columns) +
                    ") REFERENCES " + q(fk.referred_table);
  if (!fk.referred_columns.empty()) out += " (" + column_list(fk.referred_columns) + ")";
  if (!fk.match.empty()) out += " MATCH " + fk.match;  // parsed, not enforced by SQLite
  if (!fk.ondelete.empty()) out += " ON DELETE " + fk.ondelete;
  if (!fk.onupdate.empty()) out += " ON UPDATE " + fk.onupdate;
  if (fk.deferrable) out += *fk.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
  if (!fk.initially.empty()) out += " INITIALLY " + fk.initially;
  return out;
}

Statement stmt(std::string sql) { return Statement{std::move(sql), {}, true}; }

Table require_table(SchemaView& schema, const ops::TableRef& ref, const char* op) {
  auto t = schema.table(ref.schema, ref.name);
  if (!t) throw Error(ErrorKind::Script, fmt::format("{}: no such table {}", op, ref.name));
  return *t;
}

// ADD COLUMN works when SQLite can fill existing rows with a constant
// (sqlite.org/lang_altertable.html#altertabaddcol); otherwise the table is rebuilt.
bool add_column_needs_rebuild(const Column& c) {
  if (c.primary_key || c.unique || !c.foreign_keys.empty()) return true;
  // ALTER TABLE ADD COLUMN cannot add a STORED generated column (sqlite.org/gencol.html).
  if (c.computed) return c.computed->persisted.value_or(false) || !c.nullable;
  if (!c.nullable && !c.server_default) return true;
  if (c.server_default) {
    if (c.server_default->kind == ServerDefault::Kind::Now) return true;
    if (c.server_default->kind == ServerDefault::Kind::Expression) {
      if (!simple_default(c.server_default->text)) return true;
      auto toks = tokenize(c.server_default->text);
      for (const char* k : {"CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"})
        if (toks.size() == 1 && toks[0].is(k)) return true;
      if (!c.nullable && toks.size() == 1 && toks[0].is("NULL")) return true;
    }
  }
  return false;
}

// SQLite refuses DROP COLUMN for a column in a key or constraint: those need a rebuild.
bool column_in_constraint(const Table& t, const std::string& column) {
  bool in_constraint = false;
  auto has = [&](const std::vector<std::string>& cols) {
    return std::find(cols.begin(), cols.end(), column) != cols.end();
  };
  if (t.primary_key && has(t.primary_key->columns)) in_constraint = true;
  for (const auto& u : t.unique_constraints) in_constraint |= has(u.columns);
  for (const auto& f : t.foreign_keys) in_constraint |= has(f.columns);
  for (const auto& c : t.check_constraints) in_constraint |= mentions_identifier(c.sqltext, column);
  return in_constraint;
}

bool alter_changes_definition(const ops::AlterColumn& op, const Column& c) {
  return (op.nullable && *op.nullable != c.nullable) || (op.type && *op.type != c.type) ||
         (op.server_default && *op.server_default != c.server_default) ||
         (op.identity && *op.identity != c.identity);
}

std::vector<Statement> compile_drop_column(const ops::DropColumn& op, SchemaView& schema) {
  Table t = require_table(schema, op.table, "drop_column");
  if (op.if_exists && !t.find_column(op.column)) return {};  // SQLite has no DROP COLUMN IF EXISTS
  if (!t.find_column(op.column))
    throw Error(ErrorKind::Script,
                fmt::format("drop_column: table {} has no column {}", op.table.name, op.column));
  // Indexes that use the column go with it; constraints that use it need a rebuild.
  if (column_in_constraint(t, op.column))
    return rebuild_table(ops::BatchAlterTable{op.table, {op}}, schema);
  std::vector<Statement> out;
  for (const auto& ix : t.indexes)
    if (index_uses_column(ix, op.column))
      out.push_back(stmt("DROP INDEX " + qualified(op.table.schema, ix.name)));
  out.push_back(stmt(fmt::format("ALTER TABLE {} DROP COLUMN {}",
                                 qualified(op.table.schema, op.table.name), q(op.column))));
  return out;
}

std::vector<Statement> compile_alter_column(const ops::AlterColumn& op, SchemaView& schema) {
  Table t = require_table(schema, op.table, "alter_column");
  const Column* c = t.find_column(op.column);
  if (!c)
    throw Error(ErrorKind::Script,
                fmt::format("alter_column: table {} has no column {}", op.table.name, op.column));
  const bool changes_definition = alter_changes_definition(op, *c);
  // SQLite keeps no column comments. A rename is ALTER TABLE RENAME COLUMN, which also rewrites
  // indexes, triggers, views and other tables' foreign keys that name the column; with other
  // changes it comes after the rebuild, so the rebuild runs under the old name, which the other
  // tables' foreign keys and the saved triggers and views still use.
  std::vector<Statement> out;
  if (changes_definition) {
    ops::AlterColumn definition = op;
    definition.new_column_name.reset();
    out = rebuild_table(ops::BatchAlterTable{op.table, {definition}}, schema);
  }
  if (op.new_column_name && *op.new_column_name != op.column) {
    if (t.find_column(*op.new_column_name))
      throw Error(ErrorKind::Script, fmt::format("alter_column: table {} already has a column {}",
                                                 op.table.name, *op.new_column_name));
    out.push_back(stmt(fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}",
                                   qualified(op.table.schema, op.table.name), q(op.column),
                                   q(*op.new_column_name))));
  }
  return out;
}

// The op a batch with recreate = "never" cannot run without a rebuild, or nullptr.
const char* needs_rebuild(const ops::BatchOp& b, const Table& t) {
  return std::visit(
      Overloaded{
          [&](const ops::AddColumn& o) -> const char* {
            bool placed = !o.insert_before.empty() || !o.insert_after.empty();
            return placed || add_column_needs_rebuild(o.column) ? "add_column" : nullptr;
          },
          [&](const ops::DropColumn& o) -> const char* {
            return column_in_constraint(t, o.column) ? "drop_column" : nullptr;
          },
          [&](const ops::AlterColumn& o) -> const char* {
            const Column* c = t.find_column(o.column);
            return c && alter_changes_definition(o, *c) ? "alter_column" : nullptr;
          },
          [](const ops::CreateIndex&) -> const char* { return nullptr; },
          [](const ops::DropIndex&) -> const char* { return nullptr; },
          [](const ops::CreateUniqueConstraint&) -> const char* {
            return "create_unique_constraint";
          },
          [](const ops::CreateForeignKey&) -> const char* { return "create_foreign_key"; },
          [](const ops::CreateCheckConstraint&) -> const char* {
            return "create_check_constraint";
          },
          [](const ops::CreatePrimaryKey&) -> const char* { return "create_primary_key"; },
          [](const ops::DropConstraint&) -> const char* { return "drop_constraint"; },
      },
      b);
}

// recreate = "never": each op on its own, as ALTER TABLE can do it; one that needs a rebuild
// is an error rather than a rebuild the script said not to do.
std::vector<Statement> compile_in_place(const ops::BatchAlterTable& op, SchemaView& schema) {
  Table t = require_table(schema, op.table, "batch_alter_table");
  for (const auto& b : op.ops)
    if (const char* what = needs_rebuild(b, t))
      throw Error(ErrorKind::Script,
                  fmt::format("batch_alter_table {} (recreate = \"never\"): {} needs a table "
                              "rebuild on SQLite; leave recreate out (\"auto\") to rebuild",
                              op.table.name, what));
  std::vector<Statement> out;
  for (const auto& b : op.ops) {
    auto part = compile(std::visit([](const auto& x) { return ops::Op(x); }, b), schema);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::vector<Statement> compile_batch(const ops::BatchAlterTable& op, SchemaView& schema) {
  if (op.recreate == "never") return compile_in_place(op, schema);
  // Index changes alone need no rebuild, unless the script asks for one (recreate = "always").
  bool only_indexes = std::all_of(op.ops.begin(), op.ops.end(), [](const ops::BatchOp& b) {
    return std::holds_alternative<ops::CreateIndex>(b) || std::holds_alternative<ops::DropIndex>(b);
  });
  if (only_indexes && op.recreate != "always") {
    std::vector<Statement> out;
    for (const auto& b : op.ops) {
      auto part = compile(std::visit([](const auto& x) { return ops::Op(x); }, b), schema);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }
  return rebuild_table(op, schema);
}

std::vector<Statement> compile_bulk_insert(const ops::BulkInsert& op) {
  if (op.rows.empty()) return {};  // op.bulk_insert(t, {}) does nothing, as on the other dialects
  if (op.columns.empty())
    throw Error(ErrorKind::Script,
                fmt::format("bulk_insert: no columns given for table {}", op.table.name));
  std::string marks;
  for (size_t i = 0; i < op.columns.size(); ++i) marks += i ? ", ?" : "?";
  std::string sql =
      fmt::format("INSERT INTO {} ({}) VALUES ({})", qualified(op.table.schema, op.table.name),
                  column_list(op.columns), marks);
  std::vector<Statement> out;
  for (size_t r = 0; r < op.rows.size(); ++r) {
    if (op.rows[r].size() != op.columns.size())
      throw Error(ErrorKind::Script,
                  fmt::format("bulk_insert: row {} of {} has {} values for {} columns", r + 1,
                              op.table.name, op.rows[r].size(), op.columns.size()));
    out.push_back(Statement{sql, op.rows[r], true});
  }
  return out;
}

}  // namespace

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? q(name) : q(schema) + "." + q(name);
}

Table normalized(Table t) {
  std::vector<std::string> pk_cols;
  for (auto& c : t.columns) {
    if (c.primary_key) pk_cols.push_back(c.name);
    if (c.unique) {
      t.unique_constraints.push_back(UniqueConstraint{"uq_" + t.name + "_" + c.name, {c.name}});
      c.unique = false;
    }
    if (c.index) {
      t.indexes.push_back(
          Index{"ix_" + t.name + "_" + c.name, {IndexElement{c.name, false}}, false, ""});
      c.index = false;
    }
    for (auto& fk : c.foreign_keys) {
      if (fk.columns.empty()) fk.columns = {c.name};
      if (fk.name.empty())
        fk.name = "fk_" + t.name + "_" + fk.columns.front() + "_" + fk.referred_table;
      t.foreign_keys.push_back(fk);
    }
    c.foreign_keys.clear();
  }
  if ((!t.primary_key || t.primary_key->columns.empty()) && !pk_cols.empty())
    t.primary_key = PrimaryKey{t.primary_key ? t.primary_key->name : "pk_" + t.name, pk_cols};
  if (t.primary_key && t.primary_key->columns.empty()) t.primary_key.reset();
  for (auto& c : t.columns) {
    bool in_pk = t.primary_key &&
                 std::find(t.primary_key->columns.begin(), t.primary_key->columns.end(), c.name) !=
                     t.primary_key->columns.end();
    c.primary_key = in_pk;
    if (in_pk) c.nullable = false;
  }
  return t;
}

// True when normalized(t) would return `t` unchanged: what op.create_table sends, since the Lua
// side normalizes tables with the naming convention first. Saves compiling a copy of the table.
bool is_normalized(const Table& t) {
  if (t.primary_key && t.primary_key->columns.empty()) return false;
  for (const auto& c : t.columns) {
    if (c.unique || c.index || !c.foreign_keys.empty()) return false;
    const bool in_pk =
        t.primary_key && std::find(t.primary_key->columns.begin(), t.primary_key->columns.end(),
                                   c.name) != t.primary_key->columns.end();
    if (c.primary_key != in_pk || (in_pk && c.nullable)) return false;
  }
  return true;
}

std::string create_table_sql(const Table& t, const std::string& name, const std::string& options,
                             const std::map<std::string, std::string>& collations) {
  std::vector<std::string> lines;
  // AUTOINCREMENT is only allowed inline on an INTEGER PRIMARY KEY column; the constraint keeps
  // its name there. Without it, the table-level PRIMARY KEY on one INTEGER column is a rowid
  // alias just the same (sqlite.org/lang_createtable.html#rowid).
  std::string inline_pk;
  if (t.primary_key && t.primary_key->columns.size() == 1) {
    const Column* c = t.find_column(t.primary_key->columns.front());
    if (c && (c->autoincrement.value_or(false) || c->identity) && is_integer_type(c->type))
      inline_pk = c->name;
  }
  // sa.Identity() is INTEGER PRIMARY KEY AUTOINCREMENT, which only the one integer key can be.
  for (const auto& c : t.columns) {
    if (!c.identity) continue;
    check_identity_as_autoincrement(c, t.name, "SQLite", "INTEGER PRIMARY KEY AUTOINCREMENT");
    if (c.name != inline_pk)
      throw Error(ErrorKind::Script,
                  fmt::format("column {}.{}: SQLite has no identity columns; sa.Identity() is "
                              "INTEGER PRIMARY KEY AUTOINCREMENT there, which needs the column to "
                              "be the table's only primary key column, of an integer type",
                              t.name, c.name));
  }
  lines.reserve(t.columns.size() + 1 + t.unique_constraints.size() + t.foreign_keys.size() +
                t.check_constraints.size());
  for (const auto& c : t.columns) {
    std::string line = column_sql(c);
    if (!collations.empty() && c.type.collation.empty()) {
      if (auto it = collations.find(c.name); it != collations.end())
        line += " COLLATE " + quote_identifier(it->second);
    }
    if (!inline_pk.empty() && c.name == inline_pk)
      line += " " + constraint_prefix(t.primary_key->name) + "PRIMARY KEY AUTOINCREMENT";
    lines.push_back(std::move(line));
  }
  if (t.primary_key && inline_pk.empty())
    lines.push_back(constraint_prefix(t.primary_key->name) + "PRIMARY KEY (" +
                    column_list(t.primary_key->columns) + ")");
  for (const auto& u : t.unique_constraints)
    lines.push_back(constraint_prefix(u.name) + "UNIQUE (" + column_list(u.columns) + ")");
  for (const auto& fk : t.foreign_keys) lines.push_back(foreign_key_sql(fk));
  for (const auto& ck : t.check_constraints)
    lines.push_back(constraint_prefix(ck.name) + "CHECK (" + ck.sqltext + ")");
  size_t size = 32 + name.size() + t.schema.size() + options.size();
  for (const auto& line : lines) size += line.size() + 6;
  std::string out;
  out.reserve(size);
  out += "CREATE TABLE ";
  out += qualified(t.schema, name);
  out += " (\n";
  for (size_t i = 0; i < lines.size(); ++i) {
    out += "    ";
    out += lines[i];
    out += i + 1 < lines.size() ? ",\n" : "\n";
  }
  out += ')';
  if (!options.empty()) {
    out += ' ';
    out += options;
  }
  return out;
}

std::string create_index_sql(const std::string& schema, const std::string& table,
                             const Index& index, bool if_not_exists) {
  std::string elements;
  for (const auto& e : index.elements) {
    if (!e.nulls.empty()) {
      throw Error(ErrorKind::Script,
                  fmt::format("NULLS {} is not supported in an index on sqlite: index {} on {}",
                              e.nulls, index.name, table));
    }
    elements += (elements.empty() ? "" : ", ") + (e.expression ? e.text : q(e.text));
    if (e.descending) elements += " DESC";
  }
  std::string out = fmt::format("CREATE {}INDEX {}{} ON {} ({})", index.unique ? "UNIQUE " : "",
                                if_not_exists ? "IF NOT EXISTS " : "",
                                qualified(schema, index.name), q(table), elements);
  if (!index.where.empty()) out += " WHERE " + index.where;
  return out;
}

std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) {
  return std::visit(
      Overloaded{
          [&](const ops::CreateTable& o) -> std::vector<Statement> {
            std::optional<Table> copy;
            if (!is_normalized(o.table)) copy = normalized(o.table);
            const Table& t = copy ? *copy : o.table;
            refuse_partitioning(t, "SQLite");
            refuse_exclude_constraints(t, "SQLite");
            if (t.columns.empty())
              throw Error(ErrorKind::Script,
                          fmt::format("create_table: table {} has no columns", t.name));
            std::string sql = create_table_sql(t, t.name);
            if (o.if_not_exists) sql.insert(sizeof("CREATE TABLE ") - 1, "IF NOT EXISTS ");
            std::vector<Statement> out{stmt(std::move(sql))};
            for (const auto& ix : t.indexes)
              out.push_back(stmt(create_index_sql(t.schema, t.name, ix, o.if_not_exists)));
            return out;
          },
          [&](const ops::DropTable& o) -> std::vector<Statement> {
            return {stmt((o.if_exists ? "DROP TABLE IF EXISTS " : "DROP TABLE ") +
                         qualified(o.table.schema, o.table.name))};
          },
          [&](const ops::RenameTable& o) -> std::vector<Statement> {
            return {stmt(fmt::format("ALTER TABLE {} RENAME TO {}",
                                     qualified(o.table.schema, o.table.name), q(o.new_name)))};
          },
          [&](const ops::AddColumn& o) -> std::vector<Statement> {
            // SQLite has no ADD COLUMN IF NOT EXISTS: the table as it is decides.
            if (o.if_not_exists) {
              auto t = schema.table(o.table.schema, o.table.name);
              if (t && t->find_column(o.column.name)) return {};
            }
            if (add_column_needs_rebuild(o.column))
              return rebuild_table(ops::BatchAlterTable{o.table, {o}}, schema);
            Column c = o.column;
            std::vector<Statement> out{
                stmt(fmt::format("ALTER TABLE {} ADD COLUMN {}",
                                 qualified(o.table.schema, o.table.name), column_sql(c)))};
            if (c.index)
              out.push_back(stmt(create_index_sql(
                  o.table.schema, o.table.name,
                  Index{"ix_" + o.table.name + "_" + c.name, {{c.name, false}}, false, ""})));
            return out;
          },
          [&](const ops::DropColumn& o) { return compile_drop_column(o, schema); },
          [&](const ops::AlterColumn& o) { return compile_alter_column(o, schema); },
          [&](const ops::CreateIndex& o) -> std::vector<Statement> {
            if (o.index.elements.empty())
              throw Error(ErrorKind::Script,
                          fmt::format("create_index: index {} has no columns", o.index.name));
            return {stmt(create_index_sql(o.table.schema, o.table.name, o.index, o.if_not_exists))};
          },
          [&](const ops::DropIndex& o) -> std::vector<Statement> {
            return {stmt(fmt::format("DROP INDEX {}{}", o.if_exists ? "IF EXISTS " : "",
                                     qualified(o.table.schema, o.name)))};
          },
          [&](const ops::CreateUniqueConstraint& o) {
            return rebuild_table(ops::BatchAlterTable{o.table, {o}}, schema);
          },
          [&](const ops::CreateForeignKey& o) {
            return rebuild_table(ops::BatchAlterTable{o.table, {o}}, schema);
          },
          [&](const ops::CreateCheckConstraint& o) {
            return rebuild_table(ops::BatchAlterTable{o.table, {o}}, schema);
          },
          [&](const ops::CreatePrimaryKey& o) {
            return rebuild_table(ops::BatchAlterTable{o.table, {o}}, schema);
          },
          [&](const ops::DropConstraint& o) {
            if (o.type == "exclude") refuse_exclude(op, "SQLite");
            return rebuild_table(ops::BatchAlterTable{o.table, {o}}, schema);
          },
          [&](const ops::Execute& o) -> std::vector<Statement> {
            return {Statement{o.sql, o.params, true}};
          },
          [&](const ops::BulkInsert& o) { return compile_bulk_insert(o); },
          [&](const ops::BatchAlterTable& o) { return compile_batch(o, schema); },
          [&](const ops::CreateObject&) { return compile_objects(op); },
          [&](const ops::ReplaceObject&) { return compile_objects(op); },
          [&](const ops::DropObject&) { return compile_objects(op); },
          // SQLite keeps no comments (as SQLAlchemy and Alembic, which ignore them there): a
          // table comment op does nothing, so one revision serves every database.
          [&](const ops::CreateTableComment&) { return std::vector<Statement>{}; },
          [&](const ops::DropTableComment&) { return std::vector<Statement>{}; },
          [&](const ops::CreateSequence&) -> std::vector<Statement> {
            refuse_sequence(op, "SQLite");
          },
          [&](const ops::AlterSequence&) -> std::vector<Statement> {
            refuse_sequence(op, "SQLite");
          },
          [&](const ops::DropSequence&) -> std::vector<Statement> {
            refuse_sequence(op, "SQLite");
          },
          [&](const ops::SyncEnumValues&) -> std::vector<Statement> {
            refuse_enum_type(op, "SQLite");
          },
          [&](const ops::CreateDomain&) -> std::vector<Statement> { refuse_domain(op, "SQLite"); },
          [&](const ops::AlterDomain&) -> std::vector<Statement> { refuse_domain(op, "SQLite"); },
          [&](const ops::DropDomain&) -> std::vector<Statement> { refuse_domain(op, "SQLite"); },
          [&](const ops::CreateExtension&) -> std::vector<Statement> {
            refuse_extension(op, "SQLite");
          },
          [&](const ops::DropExtension&) -> std::vector<Statement> {
            refuse_extension(op, "SQLite");
          },
          [&](const ops::CreateExcludeConstraint&) -> std::vector<Statement> {
            refuse_exclude(op, "SQLite");
          },
          // MySQL's table options (character set, partitioning): nothing to do on SQLite, as
          // SQLAlchemy ignores another dialect's options.
          [&](const ops::AlterTableOptions&) { return std::vector<Statement>{}; },
      },
      op);
}

}  // namespace retort::sqlite
