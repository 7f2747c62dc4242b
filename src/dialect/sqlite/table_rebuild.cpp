// Applying a batch of ops to a reflected table model, and the rebuild statements.
#include "dialect/sqlite/table_rebuild.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/overloaded.hpp"
#include "dialect/domain_support.hpp"
#include "dialect/sqlite/ddl.hpp"
#include "dialect/sqlite/inspect.hpp"
#include "dialect/sqlite/sql_parser.hpp"
#include "dialect/sqlite/types.hpp"
#include "retort/error.hpp"
#include "schema/naming.hpp"

namespace retort::sqlite {
namespace {

// The table being changed, and where each of its columns comes from in the old table.
struct Model {
  Table table;
  std::map<std::string, std::string> source;  // new column name -> old column name
  // Columns whose type change may copy with CAST: the op said allow_data_loss (a CAST turns
  // 'abc' into 0); without it the column's affinity converts only what converts losslessly.
  std::set<std::string> cast;
  // Columns an alter_column gave a new type: that type says the collation (none: the default),
  // so the old COLLATE clause is not carried over to them.
  std::set<std::string> retyped;
};

[[noreturn]] void invalid(const char* op, const std::string& message) {
  throw Error(ErrorKind::Script, std::string(op) + ": " + message);
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void rename_in(std::vector<std::string>& v, const std::string& from, const std::string& to) {
  for (auto& s : v)
    if (s == from) s = to;
}

void require_column(const Model& m, const std::string& column, const char* op) {
  if (!m.table.find_column(column))
    invalid(op, fmt::format("table {} has no column {}", m.table.name, column));
}

// The default naming convention's name for a constraint the table's SQL left unnamed, so that
// drop_constraint("uq_usuarios_email") finds `email ... UNIQUE`.
std::string conventional_name(const std::string& kind, const Table& t,
                              const std::vector<std::string>& cols,
                              const std::string& referred = "") {
  if (kind == "pk") return "pk_" + t.name;
  if (cols.empty()) return "";
  if (kind == "fk") return "fk_" + t.name + "_" + cols.front() + "_" + referred;
  return kind + "_" + t.name + "_" + cols.front();
}

bool named(const std::string& actual, const std::string& conventional, const std::string& wanted) {
  return actual == wanted || (actual.empty() && conventional == wanted);
}

bool constraint_name_taken(const Table& t, const std::string& name) {
  if (name.empty()) return false;
  if (t.primary_key && t.primary_key->name == name) return true;
  for (const auto& u : t.unique_constraints)
    if (u.name == name) return true;
  for (const auto& f : t.foreign_keys)
    if (f.name == name) return true;
  for (const auto& c : t.check_constraints)
    if (c.name == name) return true;
  return false;
}

void drop_column(Model& m, const std::string& column) {
  Table& t = m.table;
  t.columns.erase(std::remove_if(t.columns.begin(), t.columns.end(),
                                 [&](const Column& c) { return c.name == column; }),
                  t.columns.end());
  m.source.erase(column);
  // Constraints that use the column go with it (a key minus one column would mean something
  // else); so do the indexes that use it.
  if (t.primary_key && contains(t.primary_key->columns, column)) {
    t.primary_key.reset();
    for (auto& c : t.columns) c.primary_key = false;
  }
  std::erase_if(t.unique_constraints,
                [&](const UniqueConstraint& u) { return contains(u.columns, column); });
  std::erase_if(t.foreign_keys, [&](const ForeignKey& f) { return contains(f.columns, column); });
  std::erase_if(t.check_constraints,
                [&](const CheckConstraint& c) { return mentions_identifier(c.sqltext, column); });
  std::erase_if(t.indexes, [&](const Index& ix) { return index_uses_column(ix, column); });
}

void rename_column(Model& m, const std::string& from, const std::string& to) {
  Table& t = m.table;
  t.find_column(from)->name = to;
  if (auto it = m.source.find(from); it != m.source.end()) {
    m.source[to] = it->second;
    m.source.erase(from);
  }
  const std::string quoted = quote_identifier(to);
  if (t.primary_key) rename_in(t.primary_key->columns, from, to);
  for (auto& u : t.unique_constraints) rename_in(u.columns, from, to);
  for (auto& f : t.foreign_keys) {
    rename_in(f.columns, from, to);
    if (f.referred_table == t.name) rename_in(f.referred_columns, from, to);
  }
  for (auto& c : t.check_constraints) c.sqltext = replace_identifier(c.sqltext, from, quoted);
  for (auto& ix : t.indexes) {
    for (auto& e : ix.elements) {
      if (!e.expression && e.text == from) e.text = to;
      if (e.expression) e.text = replace_identifier(e.text, from, quoted);
    }
    if (!ix.where.empty()) ix.where = replace_identifier(ix.where, from, quoted);
  }
}

void apply(Model& m, const ops::BatchOp& batch_op, SchemaView& schema) {
  Table& t = m.table;
  std::visit(
      Overloaded{
          [&](const ops::AddColumn& o) {
            if (t.find_column(o.column.name) && o.if_not_exists) return;
            if (t.find_column(o.column.name))
              invalid("add_column",
                      fmt::format("table {} already has a column {}", t.name, o.column.name));
            // insert_before / insert_after (batch): the column's place in the rebuilt table.
            auto at = t.columns.end();
            const std::string& anchor = !o.insert_before.empty() ? o.insert_before : o.insert_after;
            if (!anchor.empty()) {
              at = std::find_if(t.columns.begin(), t.columns.end(),
                                [&](const Column& c) { return c.name == anchor; });
              if (at == t.columns.end())
                invalid("add_column",
                        fmt::format("{} = \"{}\": table {} has no column {}",
                                    o.insert_before.empty() ? "insert_after" : "insert_before",
                                    anchor, t.name, anchor));
              if (o.insert_before.empty()) ++at;
            }
            t.columns.insert(at, o.column);
            t = normalized(t);
          },
          [&](const ops::DropColumn& o) {
            if (o.if_exists && !t.find_column(o.column)) return;
            require_column(m, o.column, "drop_column");
            drop_column(m, o.column);
          },
          [&](const ops::AlterColumn& o) {
            require_column(m, o.column, "alter_column");
            Column* c = t.find_column(o.column);
            if (o.nullable) c->nullable = *o.nullable;
            if (o.type) c->type = *o.type;
            if (o.type && o.allow_data_loss) m.cast.insert(o.column);
            if (o.type) m.retyped.insert(o.column);
            if (o.server_default) c->server_default = *o.server_default;
            if (o.new_column_name && *o.new_column_name != o.column) {
              if (m.cast.erase(o.column)) m.cast.insert(*o.new_column_name);
              if (m.retyped.erase(o.column)) m.retyped.insert(*o.new_column_name);
              if (t.find_column(*o.new_column_name))
                invalid("alter_column", fmt::format("table {} already has a column {}", t.name,
                                                    *o.new_column_name));
              rename_column(m, o.column, *o.new_column_name);
            }
          },
          [&](const ops::CreateIndex& o) {
            for (const auto& ix : t.indexes)
              if (ix.name == o.index.name) {
                if (o.if_not_exists) return;
                invalid("create_index",
                        fmt::format("table {} already has an index {}", t.name, o.index.name));
              }
            t.indexes.push_back(o.index);
          },
          [&](const ops::DropIndex& o) {
            auto before = t.indexes.size();
            std::erase_if(t.indexes, [&](const Index& ix) { return ix.name == o.name; });
            if (before == t.indexes.size() && !o.if_exists)
              invalid("drop_index", fmt::format("table {} has no index {}", t.name, o.name));
          },
          [&](const ops::CreateUniqueConstraint& o) {
            for (const auto& c : o.constraint.columns)
              require_column(m, c, "create_unique_constraint");
            if (constraint_name_taken(t, o.constraint.name))
              invalid(
                  "create_unique_constraint",
                  fmt::format("table {} already has a constraint {}", t.name, o.constraint.name));
            t.unique_constraints.push_back(o.constraint);
          },
          [&](const ops::CreateForeignKey& o) {
            for (const auto& c : o.constraint.columns) require_column(m, c, "create_foreign_key");
            if (constraint_name_taken(t, o.constraint.name))
              invalid("create_foreign_key", fmt::format("table {} already has a constraint {}",
                                                        t.name, o.constraint.name));
            if (o.constraint.referred_table != t.name) {
              auto parent = schema.table(t.schema, o.constraint.referred_table);
              if (!parent)
                invalid("create_foreign_key", fmt::format("referred table {} does not exist",
                                                          o.constraint.referred_table));
              for (const auto& c : o.constraint.referred_columns)
                if (!parent->find_column(c))
                  invalid("create_foreign_key",
                          fmt::format("table {} has no column {}", parent->name, c));
            }
            t.foreign_keys.push_back(o.constraint);
          },
          [&](const ops::CreateCheckConstraint& o) {
            if (constraint_name_taken(t, o.constraint.name))
              invalid("create_check_constraint", fmt::format("table {} already has a constraint {}",
                                                             t.name, o.constraint.name));
            t.check_constraints.push_back(o.constraint);
          },
          [&](const ops::CreatePrimaryKey& o) {
            if (t.primary_key)
              invalid("create_primary_key",
                      fmt::format("table {} already has a primary key{}; drop it first", t.name,
                                  t.primary_key->name.empty() ? "" : " " + t.primary_key->name));
            for (const auto& c : o.constraint.columns) require_column(m, c, "create_primary_key");
            t.primary_key = o.constraint;
            t = normalized(t);
          },
          [&](const ops::DropConstraint& o) {
            const std::string& ty = o.type;
            if (ty == "exclude") refuse_exclude(o, "SQLite");
            if ((ty.empty() || ty == "primary") && t.primary_key &&
                named(t.primary_key->name, conventional_name("pk", t, t.primary_key->columns),
                      o.name)) {
              t.primary_key.reset();
              for (auto& c : t.columns) c.primary_key = false;
              return;
            }
            if (ty.empty() || ty == "unique")
              for (auto it = t.unique_constraints.begin(); it != t.unique_constraints.end(); ++it)
                if (named(it->name, conventional_name("uq", t, it->columns), o.name)) {
                  t.unique_constraints.erase(it);
                  return;
                }
            if (ty.empty() || ty == "foreignkey")
              for (auto it = t.foreign_keys.begin(); it != t.foreign_keys.end(); ++it)
                if (named(it->name, conventional_name("fk", t, it->columns, it->referred_table),
                          o.name)) {
                  t.foreign_keys.erase(it);
                  return;
                }
            if (ty.empty() || ty == "check")
              for (auto it = t.check_constraints.begin(); it != t.check_constraints.end(); ++it)
                if (it->name == o.name) {
                  t.check_constraints.erase(it);
                  return;
                }
            invalid("drop_constraint", fmt::format("table {} has no {}constraint named {}", t.name,
                                                   ty.empty() ? "" : ty + " ", o.name));
          },
      },
      batch_op);
}

Statement stmt(std::string sql) { return Statement{std::move(sql), {}, true}; }

// Is `t` a rowid table whose rowid is not a column (no INTEGER PRIMARY KEY alias, no column
// that takes the name rowid)?
bool keeps_rowid(const Table& t, const std::string& options) {
  auto upper = options;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.find("WITHOUT") != std::string::npos) return false;
  for (const auto& c : t.columns) {
    std::string n = c.name;
    for (auto& ch : n) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (n == "rowid" || n == "oid" || n == "_rowid_") return false;
  }
  if (t.primary_key && t.primary_key->columns.size() == 1) {
    const Column* c = t.find_column(t.primary_key->columns.front());
    if (c && (c->type.kind == TypeKind::Integer ||
              (c->type.kind == TypeKind::Native &&
               (c->type.native == "INTEGER" || c->type.native == "integer"))))
      return false;
  }
  return true;
}

// The script-level name of what asked for the rebuild, for messages.
const char* describe_op(const ops::BatchAlterTable& batch) {
  if (batch.ops.size() != 1) return "batch_alter_table";
  return std::visit(
      Overloaded{[](const ops::AddColumn&) { return "add_column"; },
                 [](const ops::DropColumn&) { return "drop_column"; },
                 [](const ops::AlterColumn&) { return "alter_column"; },
                 [](const ops::CreateIndex&) { return "create_index"; },
                 [](const ops::DropIndex&) { return "drop_index"; },
                 [](const ops::CreateUniqueConstraint&) { return "create_unique_constraint"; },
                 [](const ops::CreateForeignKey&) { return "create_foreign_key"; },
                 [](const ops::CreateCheckConstraint&) { return "create_check_constraint"; },
                 [](const ops::CreatePrimaryKey&) { return "create_primary_key"; },
                 [](const ops::DropConstraint&) { return "drop_constraint"; }},
      batch.ops.front());
}

// Names what the table's SQL left unnamed, by `convention` (batch_alter_table's
// naming_convention).
void name_unnamed(Table& t, const NamingConvention& convention) {
  if (t.primary_key && t.primary_key->name.empty())
    t.primary_key->name = constraint_name(convention, "pk", t.name, t.primary_key->columns, "", "");
  for (auto& u : t.unique_constraints)
    if (u.name.empty()) u.name = constraint_name(convention, "uq", t.name, u.columns, "", "");
  for (auto& f : t.foreign_keys)
    if (f.name.empty())
      f.name = constraint_name(convention, "fk", t.name, f.columns, f.referred_table, "");
  for (auto& c : t.check_constraints)
    if (c.name.empty()) c.name = check_name(convention, t.name, c.sqltext);
}

// The rebuilt table's options (WITHOUT ROWID, STRICT): the table's own, changed by
// batch_alter_table's table_kwargs sqlite_with_rowid / sqlite_strict. Other dialects' options
// are ignored, as SQLAlchemy ignores them.
std::string table_options(const std::string& current,
                          const std::map<std::string, std::string>& kwargs,
                          const std::string& table) {
  std::string upper = current;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  bool without_rowid = upper.find("WITHOUT") != std::string::npos;
  bool strict = upper.find("STRICT") != std::string::npos;
  for (const auto& [key, value] : kwargs) {
    if (key.rfind("sqlite_", 0) != 0) {
      if (key.find('_') == std::string::npos)
        invalid("batch_alter_table",
                fmt::format("table {}: table_kwargs '{}' is not a dialect option (sqlite_strict, "
                            "sqlite_with_rowid, mysql_engine, ...)",
                            table, key));
      continue;
    }
    if (value != "true" && value != "false")
      invalid("batch_alter_table",
              fmt::format("table {}: table_kwargs {} must be true or false", table, key));
    if (key == "sqlite_with_rowid")
      without_rowid = value == "false";
    else if (key == "sqlite_strict")
      strict = value == "true";
    else if (key != "sqlite_autoincrement")  // a column's keyword: rebuild_table sets it
      invalid("batch_alter_table",
              fmt::format("table {}: unknown table_kwargs {} (SQLite takes sqlite_with_rowid, "
                          "sqlite_strict and sqlite_autoincrement)",
                          table, key));
  }
  if (kwargs.empty()) return current;
  std::string out;
  if (without_rowid) out = "WITHOUT ROWID";
  if (strict) out += out.empty() ? "STRICT" : ", STRICT";
  return out;
}

// SQLite's type affinity of a declared type
// (sqlite.org/datatype3.html#determination_of_column_affinity).
enum class Affinity { Integer, Text, Blob, Real, Numeric };

Affinity affinity(const std::string& declared) {
  std::string d = declared;
  for (auto& c : d) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto has = [&](const char* s) { return d.find(s) != std::string::npos; };
  if (has("INT")) return Affinity::Integer;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::Text;
  if (has("BLOB") || d.empty()) return Affinity::Blob;
  if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::Real;
  return Affinity::Numeric;
}

// The expression that copies old column `from` (of type `old_type`) into a column of type
// `new_type`. A type change copies with CAST, as Alembic's batch does, so every value takes the
// new type's storage class ('22' becomes 22 in an INTEGER column, 22 becomes '22' in a VARCHAR
// one). Only where the affinity changes to INTEGER, REAL or TEXT: a CAST to NUMERIC (DATETIME,
// DATE, BOOLEAN, NUMERIC) would turn '2024-05-01' into 2024, and the column's own affinity
// already converts what converts without loss.
std::string copy_expression(const std::string& from, const Type& old_type, const Type& new_type) {
  const std::string q = quote_identifier(from);
  if (old_type == new_type) return q;
  const std::string declared = type_sql(new_type);
  const Affinity to = affinity(declared);
  if (to == affinity(type_sql(old_type))) return q;
  if (to != Affinity::Integer && to != Affinity::Real && to != Affinity::Text) return q;
  return "CAST(" + q + " AS " + declared + ")";
}

}  // namespace

bool index_uses_column(const Index& index, const std::string& column) {
  for (const auto& e : index.elements) {
    if (!e.expression && e.text == column) return true;
    if (e.expression && mentions_identifier(e.text, column)) return true;
  }
  return !index.where.empty() && mentions_identifier(index.where, column);
}

std::vector<Statement> rebuild_table(const ops::BatchAlterTable& batch, SchemaView& schema) {
  const auto& ref = batch.table;
  // copy_from: the script says what the table is; it is not reflected (Alembic's copy_from).
  std::optional<Table> current = batch.copy_from;
  if (current) {
    const std::optional<Table> live_table = schema.table(ref.schema, ref.name);
    if (!live_table) invalid(describe_op(batch), "no such table " + ref.name);
    // Its rows are copied by column name: a column the table lacks would fail half-way.
    for (const auto& c : current->columns)
      if (!c.computed && !live_table->find_column(c.name))
        invalid(describe_op(batch),
                fmt::format("copy_from describes column {}, which table {} does not have", c.name,
                            ref.name));
    current->name = ref.name;
    current->schema = ref.schema;
  } else {
    current = schema.table(ref.schema, ref.name);
  }
  if (!current) invalid(describe_op(batch), "no such table " + ref.name);
  // naming_convention: the constraints the table's SQL left unnamed take the convention's names
  // (so drop_constraint finds them), and keep them in the rebuilt table.
  if (batch.naming_convention) name_unnamed(*current, *batch.naming_convention);
  auto* live = dynamic_cast<SqliteSchemaView*>(&schema);
  SqliteSchemaView::TableTraits traits =
      live ? live->traits(ref.schema, ref.name) : SqliteSchemaView::TableTraits{};
  Model m{*current, {}};
  for (const auto& c : m.table.columns) m.source[c.name] = c.name;
  for (const auto& o : batch.ops) apply(m, o, schema);
  if (m.table.columns.empty())
    invalid("batch_alter_table",
            fmt::format("table {} would have no columns left; use drop_table", ref.name));

  // sqlite_autoincrement (SQLAlchemy's table option): AUTOINCREMENT on the integer key, or not.
  if (auto it = batch.table_kwargs.find("sqlite_autoincrement"); it != batch.table_kwargs.end()) {
    Column* key = nullptr;
    if (m.table.primary_key && m.table.primary_key->columns.size() == 1)
      key = m.table.find_column(m.table.primary_key->columns.front());
    const bool integer =
        key && (key->type.kind == TypeKind::Integer ||
                (key->type.kind == TypeKind::Native &&
                 (key->type.native == "INTEGER" || key->type.native == "integer")));
    if (it->second == "true") {
      if (!integer)
        invalid("batch_alter_table",
                fmt::format("table {}: table_kwargs sqlite_autoincrement needs a primary key of "
                            "one INTEGER column",
                            ref.name));
      key->autoincrement = true;
    } else if (it->second == "false") {
      if (key) key->autoincrement = false;
    } else {
      invalid("batch_alter_table",
              fmt::format("table {}: table_kwargs sqlite_autoincrement must be true or false",
                          ref.name));
    }
  }
  // Nothing changes: no rebuild, unless the script asks for one (recreate = "always").
  if (m.table == *current && batch.recreate != "always") return {};
  const std::string options = table_options(traits.options, batch.table_kwargs, ref.name);

  const std::string& name = current->name;  // as stored: the op may spell it in another case
  const std::string tmp = "_retort_tmp_" + name;
  std::vector<SchemaObject> saved =
      live ? live->dependents(ref.schema, name) : std::vector<SchemaObject>{};
  std::vector<std::string> children =
      live ? live->referencing_tables(ref.schema, name) : std::vector<std::string>{};

  std::vector<Statement> out;
  for (auto it = saved.rbegin(); it != saved.rend(); ++it)
    out.push_back(stmt(fmt::format("DROP {} {}", it->type == "view" ? "VIEW" : "TRIGGER",
                                   qualified(ref.schema, it->name))));
  // Column collations follow their columns through renames (a copy_from model may not carry
  // them), but not into a column an alter_column retyped: its new type states the collation, and
  // a type without one means the default (removing COLLATE NOCASE is an alter_column too).
  std::map<std::string, std::string> collations;
  for (const auto& [column, old] : m.source)
    if (auto it = traits.collations.find(old);
        it != traits.collations.end() && !m.retyped.count(column))
      collations[column] = it->second;
  out.push_back(stmt(create_table_sql(m.table, tmp, options, collations)));
  std::string to, from;
  // A rowid table without an INTEGER PRIMARY KEY alias keeps its rowids too: programs (and FTS
  // content tables) may hold on to them, and a plain copy would renumber the rows.
  if (keeps_rowid(*current, traits.options) && keeps_rowid(m.table, options)) {
    to = "rowid";
    from = "rowid";
  }
  for (const auto& c : m.table.columns) {
    auto src = m.source.find(c.name);
    if (src == m.source.end() || c.computed) continue;  // a computed column is computed again
    to += (to.empty() ? "" : ", ") + quote_identifier(c.name);
    const Column* old = current->find_column(src->second);
    from += (from.empty() ? "" : ", ") + (old && m.cast.count(c.name)
                                              ? copy_expression(src->second, old->type, c.type)
                                              : quote_identifier(src->second));
  }
  if (!to.empty())
    out.push_back(
        stmt(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", qualified(ref.schema, tmp), to,
                         from, qualified(ref.schema, name))));
  // AUTOINCREMENT promises never to reuse a key, even of deleted rows: carry the counter over
  // (sqlite.org/autoinc.html; sqlite_sequence may be written to, and RENAME moves its row).
  auto autoincrements = [](const Table& t) {
    return std::any_of(t.columns.begin(), t.columns.end(),
                       [](const Column& c) { return c.autoincrement.value_or(false); });
  };
  if (autoincrements(*current) && autoincrements(m.table)) {
    const std::string seq = qualified(ref.schema, "sqlite_sequence");
    out.push_back(Statement{"DELETE FROM " + seq + " WHERE name = ?", {Value(tmp)}, true});
    out.push_back(Statement{
        "INSERT INTO " + seq + " (name, seq) SELECT ?, seq FROM " + seq + " WHERE name = ?",
        {Value(tmp), Value(name)},
        true});
  }
  out.push_back(stmt("DROP TABLE " + qualified(ref.schema, name)));
  out.push_back(stmt(fmt::format("ALTER TABLE {} RENAME TO {}", qualified(ref.schema, tmp),
                                 quote_identifier(name))));
  // An index the batch left alone is recreated as it was written (keeping COLLATE, DESC, ...,
  // which the model does not carry); a changed or new one from the model.
  std::vector<SchemaObject> written =
      live ? live->index_statements(ref.schema, name) : std::vector<SchemaObject>{};
  for (const auto& ix : m.table.indexes) {
    auto old = std::find_if(current->indexes.begin(), current->indexes.end(),
                            [&](const Index& o) { return o.name == ix.name; });
    auto sql = std::find_if(written.begin(), written.end(),
                            [&](const SchemaObject& o) { return o.name == ix.name; });
    if (old != current->indexes.end() && *old == ix && sql != written.end())
      out.push_back(stmt(qualify_create_statement(sql->sql, ref.schema)));
    else
      out.push_back(stmt(create_index_sql(ref.schema, name, ix)));
  }
  for (const auto& s : saved) out.push_back(stmt(qualify_create_statement(s.sql, ref.schema)));
  const std::string prefix =
      ref.schema.empty() ? "PRAGMA " : "PRAGMA " + quote_identifier(ref.schema) + ".";
  out.push_back(stmt(prefix + "foreign_key_check(" + quote_identifier(name) + ")"));
  for (const auto& child : children)
    out.push_back(stmt(prefix + "foreign_key_check(" + quote_identifier(child) + ")"));
  return out;
}

}  // namespace retort::sqlite
