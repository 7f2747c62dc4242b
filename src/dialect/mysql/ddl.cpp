// MySQL/MariaDB DDL compiler (see ddl.hpp for what is particular to MySQL).
#include "dialect/mysql/ddl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "base/overloaded.hpp"
#include "dialect/domain_support.hpp"
#include "dialect/mysql/inspect.hpp"
#include "dialect/mysql/partitions.hpp"
#include "dialect/mysql/types.hpp"
#include "dialect/partition_options.hpp"
#include "dialect/sequence_support.hpp"
#include "retort/error.hpp"

namespace retort::mysql {
namespace {

// Rows per INSERT and the protocol's limit of 65535 placeholders per prepared statement.
constexpr size_t kMaxRowsPerInsert = 1000;
constexpr size_t kMaxParams = 65535;

std::string qualify(std::string_view schema, std::string_view name) {
  if (schema.empty()) return quote_ident(name);
  return quote_ident(schema) + "." + quote_ident(name);
}

std::string qualify(const ops::TableRef& t) { return qualify(t.schema, t.name); }

std::string display(const ops::TableRef& t) {
  return t.schema.empty() ? t.name : t.schema + "." + t.name;
}

std::string column_list(const std::vector<std::string>& cols) {
  std::string s = "(";
  for (size_t i = 0; i < cols.size(); ++i) s += (i ? ", " : "") + quote_ident(cols[i]);
  return s + ")";
}

bool is_integer(const Type& t) { return is_integer_type(t); }

std::vector<std::string> pk_columns(const Table& t) {
  if (t.primary_key && !t.primary_key->columns.empty()) return t.primary_key->columns;
  std::vector<std::string> cols;
  for (const auto& c : t.columns)
    if (c.primary_key) cols.push_back(c.name);
  return cols;
}

bool in(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// SQLAlchemy's rule: an integer primary key column increments when autoincrement is true, or
// unset and it is the table's only primary key column.
bool auto_increments(const Column& c, const std::vector<std::string>& pk) {
  // sa.Identity() is AUTO_INCREMENT here (column_definition refuses the options it cannot keep).
  if (c.identity) return is_integer(c.type);
  if (!in(pk, c.name) || !is_integer(c.type)) return false;
  if (c.autoincrement) return *c.autoincrement;
  return pk.size() == 1;
}

bool is_textual(const Type& t) {
  if (t.kind == TypeKind::String || t.kind == TypeKind::Text || t.kind == TypeKind::Enum)
    return true;
  if (t.kind != TypeKind::Native) return false;
  std::string l = t.native;
  for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return l.find("char") != std::string::npos || l.find("text") != std::string::npos ||
         l.rfind("set", 0) == 0;
}

// A character set or collation name, which is pasted into DDL: letters, digits and _ only.
std::string plain_name(const std::string& v, const char* what, std::string_view table,
                       const std::string& column) {
  for (char ch : v)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_')
      throw Error(ErrorKind::Script,
                  fmt::format("column {}.{}: {} '{}' is not a plain name", table, column, what, v));
  return v;
}

// `name` TYPE [CHARACTER SET s] [COLLATE c] NULL|NOT NULL [DEFAULT x] [ON UPDATE y]
// [AUTO_INCREMENT] [COMMENT 'x'] or, for a computed column, `name` TYPE GENERATED ALWAYS AS (expr)
// VIRTUAL|STORED [COMMENT] (MariaDB takes no NULL/NOT NULL or DEFAULT there).
std::string column_definition(const Column& c, std::string_view table, bool not_null,
                              bool auto_increment) {
  check_identity_as_autoincrement(c, std::string(table), "MariaDB", "AUTO_INCREMENT");
  std::string s = quote_ident(c.name) + " " + render_type(c.type, table, c.name);
  if (is_textual(c.type)) {
    if (!c.type.mysql_charset.empty())
      s += " CHARACTER SET " + plain_name(c.type.mysql_charset, "mysql_charset", table, c.name);
    if (!c.type.collation.empty())
      s += " COLLATE " + plain_name(c.type.collation, "collation", table, c.name);
  } else if (!c.type.collation.empty() || !c.type.mysql_charset.empty()) {
    throw Error(ErrorKind::Script,
                fmt::format("column {}.{}: a collation or character set needs a character type "
                            "(String, Text, Enum) on mysql",
                            table, c.name));
  }
  if (c.computed) {
    // Unset persisted: VIRTUAL, MySQL's default, as SQLAlchemy leaves it to the database.
    s += " GENERATED ALWAYS AS (" + c.computed->sqltext + ")" +
         (c.computed->persisted.value_or(false) ? " STORED" : " VIRTUAL");
  } else {
    s += (not_null || !c.nullable) ? " NOT NULL" : " NULL";
    if (c.server_default) s += " DEFAULT " + render_default(*c.server_default);
    if (c.mysql_on_update) s += " ON UPDATE " + render_default(*c.mysql_on_update);
    if (auto_increment) s += " AUTO_INCREMENT";
  }
  if (c.comment) s += " COMMENT " + quote_string(*c.comment);
  return s;
}

// MariaDB (10.3+) sequences: always BIGINT (AS type is 11.5's), no OWNED BY; NOCYCLE is its
// spelling of NO CYCLE.
void check_mariadb_sequence(const Sequence& s, const ops::Op& op) {
  if (!s.data_type.empty() && s.data_type != "bigint")
    throw Error(ErrorKind::Script,
                fmt::format("{}: MariaDB sequences are bigint; data_type \"{}\" cannot be kept "
                            "(leave data_type unset)",
                            ops::describe(op), s.data_type));
  if (!s.owned_by.empty())
    throw Error(ErrorKind::Script,
                fmt::format("{}: MariaDB has no OWNED BY for a sequence (owned_by is "
                            "PostgreSQL's); leave owned_by unset",
                            ops::describe(op)));
}

std::string mariadb_options(std::string sql) {
  for (const char* from : {" NO CYCLE"})
    for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at))
      sql.replace(at, 9, " NOCYCLE");
  return sql;
}

std::string create_sequence_sql(const ops::CreateSequence& o) {
  check_mariadb_sequence(o.sequence, o);
  return std::string(o.if_not_exists ? "CREATE SEQUENCE IF NOT EXISTS " : "CREATE SEQUENCE ") +
         qualify(o.sequence.schema, o.sequence.name) +
         mariadb_options(sequence_options_sql(o.sequence.options));
}

std::string alter_sequence_sql(const ops::AlterSequence& o) {
  check_mariadb_sequence(o.sequence, o);
  std::string changes =
      mariadb_options(sequence_changes_sql(o.existing.options, o.sequence.options, "", 1000));
  if (changes.empty()) return "";
  return "ALTER SEQUENCE " + qualify(o.sequence.schema, o.sequence.name) + changes;
}

std::string fk_clause(const ForeignKey& fk) {
  std::string s;
  if (!fk.name.empty()) s += "CONSTRAINT " + quote_ident(fk.name) + " ";
  s += "FOREIGN KEY " + column_list(fk.columns) + " REFERENCES " +
       qualify(fk.referred_schema, fk.referred_table) + " " + column_list(fk.referred_columns);
  if (!fk.match.empty()) s += " MATCH " + fk.match;  // parsed, not enforced by InnoDB
  if (!fk.ondelete.empty()) s += " ON DELETE " + fk.ondelete;
  if (!fk.onupdate.empty()) s += " ON UPDATE " + fk.onupdate;
  return s;
}

std::string unique_clause(const UniqueConstraint& u) {
  std::string s;
  if (!u.name.empty()) s += "CONSTRAINT " + quote_ident(u.name) + " ";
  return s + "UNIQUE " + column_list(u.columns);
}

std::string check_clause(const CheckConstraint& c) {
  std::string s;
  if (!c.name.empty()) s += "CONSTRAINT " + quote_ident(c.name) + " ";
  return s + "CHECK (" + c.sqltext + ")";
}

// The index's key parts; refuses what MariaDB cannot index.
std::string index_columns(const Index& ix, const std::string& table) {
  if (!ix.where.empty()) {
    throw Error(ErrorKind::Script, fmt::format("partial indexes are not supported on mysql: index "
                                               "{} on {} has where = \"{}\"",
                                               ix.name, table, ix.where));
  }
  std::string s = "(";
  for (size_t i = 0; i < ix.elements.size(); ++i) {
    const auto& e = ix.elements[i];
    if (e.expression) {
      throw Error(ErrorKind::Script,
                  fmt::format("expression indexes are not supported on mysql (MariaDB has no "
                              "functional key parts): index {} on {} uses \"{}\"; on MySQL 8 "
                              "create it with op.execute(\"CREATE INDEX ... ((expr))\")",
                              ix.name, table, e.text));
    }
    if (!e.nulls.empty()) {
      throw Error(ErrorKind::Script,
                  fmt::format("NULLS {} is not supported on mysql: index {} on {}, column {}",
                              e.nulls, ix.name, table, e.text));
    }
    s += (i ? ", " : "") + quote_ident(e.text);
    if (e.mysql_length) s += "(" + std::to_string(*e.mysql_length) + ")";
    if (e.descending) s += " DESC";
  }
  return s + ")";
}

// "UNIQUE ", "FULLTEXT ", "SPATIAL " or "": what comes before INDEX.
std::string index_kind(const Index& ix, const std::string& table) {
  if (ix.mysql_prefix.empty()) return ix.unique ? "UNIQUE " : "";
  if (ix.unique) {
    throw Error(ErrorKind::Script,
                fmt::format("index {} on {}: a {} index cannot be unique on mysql", ix.name, table,
                            ix.mysql_prefix));
  }
  return ix.mysql_prefix + " ";
}

std::string create_index_sql(const ops::TableRef& table, const Index& ix, bool if_not_exists) {
  std::string cols = index_columns(ix, display(table));
  return fmt::format("CREATE {}INDEX {}{} ON {} {}", index_kind(ix, display(table)),
                     if_not_exists ? "IF NOT EXISTS " : "", quote_ident(ix.name), qualify(table),
                     cols);
}

class Compiler {
 public:
  Compiler(const MysqlTableOptions& options, SchemaView& schema)
      : options_(options), schema_(schema) {}

  std::vector<Statement> compile(const ops::Op& op) {
    return std::visit(
        Overloaded{
            [&](const ops::CreateTable& o) {
              refuse_partitioning(o.table, "MySQL/MariaDB");
              refuse_exclude_constraints(o.table, "MySQL/MariaDB");
              return create_table(o.table, o.if_not_exists);
            },
            [&](const ops::DropTable& o) {
              return one((o.if_exists ? "DROP TABLE IF EXISTS " : "DROP TABLE ") +
                         qualify(o.table));
            },
            [&](const ops::RenameTable& o) {
              return one("RENAME TABLE " + qualify(o.table) + " TO " +
                         qualify(o.table.schema, o.new_name));
            },
            [&](const ops::CreateIndex& o) {
              return one(create_index_sql(o.table, o.index, o.if_not_exists));
            },
            [&](const ops::DropIndex& o) {
              if (o.table.name.empty()) {
                throw Error(ErrorKind::Script,
                            fmt::format("drop_index {} needs the table on mysql: "
                                        "op.drop_index(\"{}\", \"<table_name>\")",
                                        o.name, o.name));
              }
              return one(fmt::format("DROP INDEX {}{} ON {}", o.if_exists ? "IF EXISTS " : "",
                                     quote_ident(o.name), qualify(o.table)));
            },
            [&](const ops::Execute& o) {
              return std::vector<Statement>{Statement{o.sql, o.params, true}};
            },
            [&](const ops::BulkInsert& o) { return bulk_insert(o); },
            [&](const ops::CreateObject&) { return compile_objects(op); },
            [&](const ops::ReplaceObject&) { return compile_objects(op); },
            [&](const ops::DropObject&) { return compile_objects(op); },
            // MySQL has no NULL table comment: an empty one is none.
            [&](const ops::CreateTableComment& o) {
              return one("ALTER TABLE " + qualify(o.table) +
                         " COMMENT = " + quote_string(o.comment));
            },
            [&](const ops::DropTableComment& o) {
              return one("ALTER TABLE " + qualify(o.table) + " COMMENT = ''");
            },
            [&](const ops::CreateSequence& o) { return one(create_sequence_sql(o)); },
            [&](const ops::AlterSequence& o) -> std::vector<Statement> {
              std::string sql = alter_sequence_sql(o);
              if (sql.empty()) return {};
              return one(sql);
            },
            [&](const ops::DropSequence& o) {
              return one(std::string(o.if_exists ? "DROP SEQUENCE IF EXISTS " : "DROP SEQUENCE ") +
                         qualify(o.schema, o.name));
            },
            [&](const ops::SyncEnumValues&) -> std::vector<Statement> {
              refuse_enum_type(op, "MySQL/MariaDB");
            },
            [&](const ops::CreateDomain&) -> std::vector<Statement> {
              refuse_domain(op, "MySQL/MariaDB");
            },
            [&](const ops::AlterDomain&) -> std::vector<Statement> {
              refuse_domain(op, "MySQL/MariaDB");
            },
            [&](const ops::DropDomain&) -> std::vector<Statement> {
              refuse_domain(op, "MySQL/MariaDB");
            },
            [&](const ops::CreateExtension&) -> std::vector<Statement> {
              refuse_extension(op, "MySQL/MariaDB");
            },
            [&](const ops::DropExtension&) -> std::vector<Statement> {
              refuse_extension(op, "MySQL/MariaDB");
            },
            [&](const ops::CreateExcludeConstraint&) -> std::vector<Statement> {
              refuse_exclude(op, "MySQL/MariaDB");
            },
            [&](const ops::AlterTableOptions& o) { return alter_table_options(o); },
            [&](const ops::BatchAlterTable& o) {
              std::vector<std::string> all;
              for (const auto& b : o.ops) {
                auto c = std::visit([&](const auto& x) { return clauses(o.table, x, true); }, b);
                all.insert(all.end(), c.begin(), c.end());
              }
              return alter(o.table, all);
            },
            // The rest are one ALTER TABLE each.
            [&](const auto& o) { return alter(o.table, clauses(o.table, o, false)); },
        },
        op);
  }

 private:
  static std::vector<Statement> one(std::string sql) {
    std::vector<Statement> v;
    v.push_back(Statement{std::move(sql), {}, true});
    return v;
  }

  static std::vector<Statement> alter(const ops::TableRef& t, const std::vector<std::string>& cl) {
    if (cl.empty()) return {};
    std::string sql = "ALTER TABLE " + qualify(t) + " ";
    for (size_t i = 0; i < cl.size(); ++i) sql += (i ? ", " : "") + cl[i];
    return one(std::move(sql));
  }

  // The table's default character set and collation (its columns keep theirs), then one ALTER
  // per partition change (MySQL takes one partition clause per statement).
  std::vector<Statement> alter_table_options(const ops::AlterTableOptions& o) {
    std::vector<Statement> out;
    auto plain = [&](const std::string& v, const char* key) {
      for (char ch : v)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_')
          throw Error(ErrorKind::Script, "alter_table_options " + display(o.table) + ": " + key +
                                             " '" + v + "' is not a plain name");
      return v;
    };
    std::string defaults;
    if (auto it = o.options.find("mysql_charset"); it != o.options.end() && !it->second.empty())
      defaults += " DEFAULT CHARACTER SET " + plain(it->second, "mysql_charset");
    if (auto it = o.options.find("mysql_collate"); it != o.options.end() && !it->second.empty())
      defaults += " COLLATE " + plain(it->second, "mysql_collate");
    auto push = [&](std::string sql) {
      Statement st;
      st.sql = std::move(sql);
      out.push_back(std::move(st));
    };
    if (!defaults.empty()) push("ALTER TABLE " + qualify(o.table) + defaults);
    for (const auto& clause : partition_change_of(o, schema_).clauses)
      push("ALTER TABLE " + qualify(o.table) + " " + clause);
    return out;
  }

  std::vector<Statement> create_table(const Table& t, bool if_not_exists) {
    std::string name = t.schema.empty() ? t.name : t.schema + "." + t.name;
    if (t.columns.empty()) {
      throw Error(ErrorKind::Script, "create_table " + name + " has no columns");
    }
    auto pk = pk_columns(t);
    std::vector<std::string> lines;
    for (const auto& c : t.columns)
      lines.push_back(column_definition(c, name, in(pk, c.name), auto_increments(c, pk)));
    if (!pk.empty()) lines.push_back("PRIMARY KEY " + column_list(pk));
    for (const auto& u : t.unique_constraints) lines.push_back(unique_clause(u));
    for (const auto& fk : t.foreign_keys) lines.push_back(fk_clause(fk));
    for (const auto& ck : t.check_constraints) lines.push_back(check_clause(ck));
    std::string sql = std::string(if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ") +
                      qualify(t.schema, t.name) + " (\n";
    for (size_t i = 0; i < lines.size(); ++i)
      sql += "  " + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    sql += ")";
    // Per-table options (op.create_table(..., { mysql_engine = "MyISAM" })) beat the defaults.
    auto option = [&](const char* key, const std::string& fallback) {
      auto it = t.dialect_options.find(key);
      return it != t.dialect_options.end() ? it->second : fallback;
    };
    auto plain = [&](const std::string& v, const char* key) {
      for (char ch : v)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_')
          throw Error(ErrorKind::Script,
                      "create_table " + t.name + ": " + key + " '" + v + "' is not a plain name");
      return v;
    };
    const std::string engine = option("mysql_engine", options_.engine);
    const std::string charset = option("mysql_charset", options_.charset);
    const std::string collation = option("mysql_collate", options_.collation);
    if (!engine.empty()) sql += " ENGINE=" + plain(engine, "mysql_engine");
    if (!charset.empty()) sql += " DEFAULT CHARSET=" + plain(charset, "mysql_charset");
    if (!collation.empty()) sql += " COLLATE=" + plain(collation, "mysql_collate");
    if (t.comment) sql += " COMMENT=" + quote_string(*t.comment);
    sql += partition_clause(t);
    auto out = one(std::move(sql));
    ops::TableRef ref{t.schema, t.name};
    for (const auto& ix : t.indexes)
      out.push_back(Statement{create_index_sql(ref, ix, if_not_exists), {}, true});
    return out;
  }

  std::vector<Statement> bulk_insert(const ops::BulkInsert& o) {
    std::vector<Statement> out;
    if (o.rows.empty()) return out;
    if (o.columns.empty()) {
      throw Error(ErrorKind::Script, "bulk_insert into " + display(o.table) + " names no columns");
    }
    std::string head =
        "INSERT INTO " + qualify(o.table) + " " + column_list(o.columns) + " VALUES ";
    std::string row = "(";
    for (size_t i = 0; i < o.columns.size(); ++i) row += i ? ", ?" : "?";
    row += ")";
    size_t per = std::max<size_t>(1, std::min(kMaxRowsPerInsert, kMaxParams / o.columns.size()));
    for (size_t start = 0; start < o.rows.size(); start += per) {
      Statement st;
      st.sql = head;
      size_t end = std::min(o.rows.size(), start + per);
      for (size_t r = start; r < end; ++r) {
        if (o.rows[r].size() != o.columns.size()) {
          throw Error(ErrorKind::Script,
                      fmt::format("bulk_insert into {}: row {} has {} values for {} columns",
                                  display(o.table), r + 1, o.rows[r].size(), o.columns.size()));
        }
        st.sql += (r > start ? ", " : "") + row;
        st.params.insert(st.params.end(), o.rows[r].begin(), o.rows[r].end());
      }
      out.push_back(std::move(st));
    }
    return out;
  }

  // ---- ALTER TABLE clauses, shared by single ops and batch_alter_table ----

  std::vector<std::string> clauses(const ops::TableRef& t, const ops::AddColumn& o, bool) {
    const Column& c = o.column;
    std::vector<std::string> out;
    std::vector<std::string> pk;
    if (c.primary_key) pk.push_back(c.name);
    batch_added_[c.name] = c;  // a later alter_column in the same batch restates it from here
    out.push_back("ADD COLUMN " + std::string(o.if_not_exists ? "IF NOT EXISTS " : "") +
                  column_definition(c, display(t), c.primary_key, auto_increments(c, pk)));
    if (c.primary_key) out.push_back("ADD PRIMARY KEY " + column_list(pk));
    return out;
  }

  std::vector<std::string> clauses(const ops::TableRef&, const ops::DropColumn& o, bool) {
    return {"DROP COLUMN " + std::string(o.if_exists ? "IF EXISTS " : "") + quote_ident(o.column)};
  }

  std::vector<std::string> clauses(const ops::TableRef& t, const ops::AlterColumn& o, bool) {
    bool full = o.type || o.nullable || o.new_column_name || o.comment || o.autoincrement ||
                o.identity || o.mysql_on_update;
    if (!full) {
      if (!o.server_default) return {};
      std::string col = "ALTER COLUMN " + quote_ident(o.column);
      if (!*o.server_default) return {col + " DROP DEFAULT"};
      return {col + " SET DEFAULT " + render_default(**o.server_default)};
    }
    // MODIFY/CHANGE restate the column: start from what the database has, then apply what the
    // op asserts (existing_*) and what it changes.
    std::optional<Table> current = schema_.table(t.schema, t.name);
    const Column* now = current ? current->find_column(o.column) : nullptr;
    if (!now && batch_added_.count(o.column)) now = &batch_added_[o.column];
    if (current && !now) {
      throw Error(ErrorKind::Script,
                  fmt::format("alter_column: table {} has no column {}", display(t), o.column));
    }
    Column c;
    if (now) c = *now;
    c.name = o.new_column_name ? *o.new_column_name : o.column;
    if (o.type) {
      c.type = *o.type;
      // A new character type that names no collation keeps the column's, unless the op says
      // the column had one (autogenerate does, when the models drop it).
      bool drops = o.existing_type &&
                   (!o.existing_type->collation.empty() || !o.existing_type->mysql_charset.empty());
      if (now && !drops && is_textual(c.type) && c.type.collation.empty() &&
          c.type.mysql_charset.empty()) {
        c.type.collation = now->type.collation;
        c.type.mysql_charset = now->type.mysql_charset;
      }
    } else if (o.existing_type) {
      c.type = *o.existing_type;
    } else if (!now) {
      throw Error(ErrorKind::Script,
                  fmt::format("alter_column {}.{} on mysql restates the whole column, and the "
                              "table is not known here: give existing_type (and "
                              "existing_nullable, existing_server_default, existing_comment)",
                              display(t), o.column));
    }
    if (o.nullable) {
      c.nullable = *o.nullable;
    } else if (o.existing_nullable) {
      c.nullable = *o.existing_nullable;
    }
    if (o.server_default) {
      c.server_default = *o.server_default;
    } else if (o.existing_server_default) {
      c.server_default = *o.existing_server_default;
    }
    if (o.comment) {
      c.comment = *o.comment;
    } else if (o.existing_comment) {
      c.comment = *o.existing_comment;
    }
    if (o.mysql_on_update) {
      c.mysql_on_update = *o.mysql_on_update;
    } else if (o.existing_mysql_on_update) {
      c.mysql_on_update = o.existing_mysql_on_update;
    }
    // AUTO_INCREMENT as the op says, else as the column has it (the database's word, then the
    // op's existing_autoincrement); it stays only while the column stays an integer.
    bool autoinc = now && current ? auto_increments(*now, pk_columns(*current))
                                  : o.existing_autoincrement.value_or(false);
    if (o.autoincrement) autoinc = *o.autoincrement;
    if (o.identity) {
      c.identity = *o.identity;
      autoinc = o.identity->has_value();
    }
    if (autoinc && !is_integer(c.type)) {
      if (o.autoincrement) {
        throw Error(ErrorKind::Script,
                    fmt::format("alter_column {}.{}: AUTO_INCREMENT needs an integer type on mysql",
                                display(t), o.column));
      }
      autoinc = false;
    }
    std::string def = column_definition(c, display(t), false, autoinc);
    if (o.new_column_name) return {"CHANGE COLUMN " + quote_ident(o.column) + " " + def};
    return {"MODIFY COLUMN " + def};
  }

  std::vector<std::string> clauses(const ops::TableRef& t, const ops::CreateIndex& o, bool batch) {
    // Outside a batch CreateIndex compiles to CREATE INDEX (see compile()); this is the batch form.
    std::string cols = index_columns(o.index, display(t));
    return {fmt::format("ADD {}INDEX {}{} {}", index_kind(o.index, display(t)),
                        o.if_not_exists ? "IF NOT EXISTS " : "", quote_ident(o.index.name), cols)};
  }

  std::vector<std::string> clauses(const ops::TableRef&, const ops::DropIndex& o, bool) {
    return {std::string("DROP INDEX ") + (o.if_exists ? "IF EXISTS " : "") + quote_ident(o.name)};
  }

  std::vector<std::string> clauses(const ops::TableRef&, const ops::CreateUniqueConstraint& o,
                                   bool) {
    return {"ADD " + unique_clause(o.constraint)};
  }

  std::vector<std::string> clauses(const ops::TableRef&, const ops::CreateForeignKey& o, bool) {
    return {"ADD " + fk_clause(o.constraint)};
  }

  std::vector<std::string> clauses(const ops::TableRef&, const ops::CreateCheckConstraint& o,
                                   bool) {
    return {"ADD " + check_clause(o.constraint)};
  }

  std::vector<std::string> clauses(const ops::TableRef&, const ops::CreatePrimaryKey& o, bool) {
    return {"ADD PRIMARY KEY " + column_list(o.constraint.columns)};
  }

  std::vector<std::string> clauses(const ops::TableRef& t, const ops::DropConstraint& o, bool) {
    if (o.type == "exclude") refuse_exclude(o, "MySQL/MariaDB");
    std::string type = o.type.empty() ? constraint_type(t, o.name) : o.type;
    if (type == "foreignkey") return {"DROP FOREIGN KEY " + quote_ident(o.name)};
    if (type == "unique") return {"DROP INDEX " + quote_ident(o.name)};
    if (type == "check") return {"DROP CONSTRAINT " + quote_ident(o.name)};
    if (type == "primary") return {"DROP PRIMARY KEY"};
    throw Error(ErrorKind::Script,
                fmt::format("drop_constraint {} on {}: unknown type_ \"{}\" (use foreignkey, "
                            "unique, check or primary)",
                            o.name, display(t), o.type));
  }

  // MySQL drops each kind of constraint with its own clause: find which kind `name` is.
  std::string constraint_type(const ops::TableRef& t, const std::string& name) {
    std::optional<Table> table = schema_.table(t.schema, t.name);
    if (!table) {
      throw Error(ErrorKind::Script,
                  fmt::format("drop_constraint {}: table {} is not known; give type_ "
                              "(\"foreignkey\", \"unique\", \"check\" or \"primary\")",
                              name, display(t)));
    }
    for (const auto& fk : table->foreign_keys)
      if (fk.name == name) return "foreignkey";
    for (const auto& u : table->unique_constraints)
      if (u.name == name) return "unique";
    for (const auto& ix : table->indexes)
      if (ix.unique && ix.name == name) return "unique";
    for (const auto& ck : table->check_constraints)
      if (ck.name == name) return "check";
    if (name == "PRIMARY" || (table->primary_key && table->primary_key->name == name))
      return "primary";
    throw Error(
        ErrorKind::Script,
        fmt::format("drop_constraint: table {} has no constraint named {}", display(t), name));
  }

  // Ops that never reach clauses() (compiled above); listed so the overload set is complete.
  template <class T>
  std::vector<std::string> clauses(const ops::TableRef&, const T&, bool) = delete;

  const MysqlTableOptions& options_;
  SchemaView& schema_;
  std::map<std::string, Column> batch_added_;  // columns added earlier in this batch
};

}  // namespace

std::vector<Statement> MysqlDdlCompiler::compile(const ops::Op& op, SchemaView& schema) const {
  return Compiler(options_, schema).compile(op);
}

}  // namespace retort::mysql
