// Operations: one plain struct per schema change a script can ask for, and a variant over them.
//
// Ops describe intent and never hold SQL: a dialect's DDL compiler turns an op into statements,
// the data-loss guard inspects it, autogenerate renders it back to Lua, and reverse() undoes it
// where the op carries enough to do so. Adding an op is adding a struct here plus the cases the
// visitors ask for (std::visit makes a missing case a compile error).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "retort/metadata.hpp"
#include "retort/value.hpp"

namespace retort::ops {

// A table as ops name it: optional schema plus name.
struct TableRef {
  std::string schema;
  std::string name;
  bool operator==(const TableRef&) const = default;
};

struct CreateTable {
  Table table;                 // normalized: constraints named, column sugar moved to table level
  bool if_not_exists = false;  // CREATE TABLE IF NOT EXISTS (Alembic 1.13.3's if_not_exists)
};

struct DropTable {
  TableRef table;
  bool allow_data_loss = false;
  std::optional<Table> existing;  // what it looked like, for reverse(); optional
  bool if_exists = false;         // DROP TABLE IF EXISTS: a missing table is no error
};

struct RenameTable {
  TableRef table;
  std::string new_name;
};

struct AddColumn {
  TableRef table;
  Column column;  // no column-level unique/index/foreign_keys: those become separate ops
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS: an existing column is left alone
  // batch only (Alembic's insert_before / insert_after): where the column goes in a table
  // rebuild; both empty: at the end.
  std::string insert_before{};
  std::string insert_after{};
};

struct DropColumn {
  TableRef table;
  std::string column;
  bool allow_data_loss = false;
  std::optional<Column> existing;  // for reverse(); optional
  bool if_exists = false;          // DROP COLUMN IF EXISTS: a missing column is no error
};

// Changes to one column. Unset optionals mean "leave as is". The existing_* fields say what the
// column is now; where a dialect needs the whole definition (MySQL MODIFY, SQLite rebuild) and
// they are absent, the compiler reflects the column itself.
struct AlterColumn {
  TableRef table;
  std::string column;
  std::optional<bool> nullable;
  std::optional<Type> type;
  std::optional<std::optional<ServerDefault>> server_default;  // set: new default or none
  std::optional<std::string> new_column_name;
  std::optional<std::optional<std::string>> comment;  // set: new comment or none
  std::optional<Type> existing_type;
  std::optional<bool> existing_nullable;
  std::optional<ServerDefault> existing_server_default;
  std::optional<std::string> existing_comment;
  bool allow_data_loss = false;  // narrowing a type
  // MySQL: AUTO_INCREMENT on (true) or off (false), and the column's ON UPDATE (set: new value
  // or none). Other dialects ignore them, as SQLAlchemy ignores another dialect's options.
  std::optional<bool> autoincrement{};
  std::optional<bool> existing_autoincrement{};
  std::optional<std::optional<ServerDefault>> mysql_on_update{};
  std::optional<ServerDefault> existing_mysql_on_update{};
  // PostgreSQL (postgresql_using): the USING expression of a type change,
  // e.g. "created_at::timestamptz"; others ignore it.
  std::string postgresql_using{};
  // Identity (sa.Identity): set to make the column one (or change its options), or none to
  // drop it; existing_identity says what it is now, for the reverse.
  std::optional<std::optional<Identity>> identity{};
  std::optional<Identity> existing_identity{};
};

struct CreateIndex {
  TableRef table;
  Index index;  // named
  bool if_not_exists = false;
  bool concurrently = false;  // PostgreSQL: runs outside the transaction
};

struct DropIndex {
  TableRef table;  // name may be empty where the dialect does not need it
  std::string name;
  bool if_exists = false;
  bool concurrently = false;
};

struct CreateUniqueConstraint {
  TableRef table;
  UniqueConstraint constraint;  // named
};

struct CreateForeignKey {
  TableRef table;          // the referring (source) table
  ForeignKey constraint;   // named
  bool not_valid = false;  // PostgreSQL (postgresql_not_valid): NOT VALID, rows not checked
};

struct CreateCheckConstraint {
  TableRef table;
  CheckConstraint constraint;  // named
  bool not_valid = false;      // PostgreSQL (postgresql_not_valid): NOT VALID, rows not checked
};

struct CreatePrimaryKey {
  TableRef table;
  PrimaryKey constraint;  // named
};

// PostgreSQL's exclusion constraints: op.create_exclude_constraint(name, table, elements,
// options), as Alembic's.
struct CreateExcludeConstraint {
  TableRef table;
  ExcludeConstraint constraint;  // named
};

struct DropConstraint {
  TableRef table;
  std::string name;
  // "", "foreignkey", "unique", "check", "primary" (as Alembic's type_), or "exclude"
  std::string type;
  // type "exclude": the constraint as it is (op.drop_constraint's existing =
  // sa.ExcludeConstraint(...)), for reverse(); unset: not reversible.
  std::optional<ExcludeConstraint> existing_exclude{};
};

// Raw SQL from op.execute(sql): run as written (offline: printed as written).
struct Execute {
  std::string sql;
  // op.execute(sql, params): values bound by the driver (offline: literals the dialect renders),
  // the SQL already in the dialect's placeholder style.
  std::vector<Value> params;
};

struct BulkInsert {
  TableRef table;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

// The changes batch_alter_table groups; on SQLite they are applied in one table rebuild.
using BatchOp =
    std::variant<AddColumn, DropColumn, AlterColumn, CreateIndex, DropIndex, CreateUniqueConstraint,
                 CreateForeignKey, CreateCheckConstraint, CreatePrimaryKey, DropConstraint>;

struct BatchAlterTable {
  TableRef table;
  std::vector<BatchOp> ops;
  // Alembic's recreate: "auto" (rebuild where the database lacks the ALTER: SQLite), "always"
  // (rebuild on every database) or "never" (plain ALTERs; an op that needs a rebuild is an
  // error).
  std::string recreate = "auto";
  // copy_from: the table as it is, used instead of reflecting it (a rebuild's starting point).
  std::optional<Table> copy_from{};
  // table_kwargs: dialect options of the rebuilt table (mysql_engine, ...).
  std::map<std::string, std::string> table_kwargs{};
  // naming_convention: names the constraints the table's SQL left unnamed, so drop_constraint
  // can find them in the rebuild.
  std::optional<NamingConvention> naming_convention{};
};

// Replaceable objects (views, materialized views, functions, procedures, triggers):
// op.create_view(name, sql), op.replace_view(name, sql, { replaces = old }),
// op.drop_view(name, { existing = sql }) and the same for the other kinds. Each carries the
// definitions it needs to be reversed.
struct CreateObject {
  ReplaceableObject object;
};

struct ReplaceObject {
  ReplaceableObject object;  // the new definition
  std::string replaces;      // the definition it replaces; empty: unknown (not reversible)
};

struct DropObject {
  ReplaceableObject object;  // definition: what it was, for reverse(); empty: unknown
};

// op.create_table_comment(table, comment, { existing_comment }) and
// op.drop_table_comment(table, { existing_comment }), as Alembic's: existing_comment is what the
// table had, so the op can be reversed.
struct CreateTableComment {
  TableRef table;
  std::string comment;
  std::optional<std::string> existing_comment;
};

struct DropTableComment {
  TableRef table;
  std::optional<std::string> existing_comment;  // unset: not reversible
};

// Domains (PostgreSQL): op.create_domain(name, type, options), op.alter_domain(name, type,
// { ..., existing = sa.Domain(...) }) and op.drop_domain(name, { existing = sa.Domain(...) }).
struct CreateDomain {
  Domain domain;
};

// The domain's default, NOT NULL and checks made `domain`'s; the base type never changes.
struct AlterDomain {
  Domain domain;    // the definition after
  Domain existing;  // the definition before
};

struct DropDomain {
  std::string schema;
  std::string name;
  std::optional<Domain> existing;  // for reverse(); optional
};

// Extensions (PostgreSQL): op.create_extension(name, { schema, if_not_exists }) and
// op.drop_extension(name, { if_exists }).
struct CreateExtension {
  Extension extension;
  bool if_not_exists = false;
};

struct DropExtension {
  Extension extension;  // the schema: where reverse() creates it again
  bool if_exists = false;
};

// op.alter_table_options(table, { mysql_charset, mysql_collate, mysql_partition_by,
// mysql_partitions, existing_<each> = ..., allow_data_loss }): table options changed in place,
// with what they are now (existing) so the op can be reversed. MySQL/MariaDB keep these: the
// table's default character set and collation (columns keep theirs: alter them apart), and its
// partitioning (Table::dialect_options holds the same keys). A dialect that has none of the
// options ignores them, as SQLAlchemy ignores another dialect's.
struct AlterTableOptions {
  TableRef table;
  std::map<std::string, std::string> options;   // the new values; "" removes (partitioning)
  std::map<std::string, std::string> existing;  // the values now, for reverse(); optional
  bool allow_data_loss = false;                 // dropping a partition that holds rows
};

// Sequences (PostgreSQL, MariaDB): op.create_sequence(name, options), op.alter_sequence(name,
// { ..., existing = sa.Sequence(...) }) and op.drop_sequence(name, { existing = sa.Sequence(...)
// }), each carrying what its reverse needs.
struct CreateSequence {
  Sequence sequence;
  bool if_not_exists = false;
};

// The options, data type and owner made `sequence`'s; `existing` is the definition before.
struct AlterSequence {
  Sequence sequence;
  Sequence existing;
};

struct DropSequence {
  std::string schema;
  std::string name;
  std::optional<Sequence> existing;  // for reverse(); optional
  bool if_exists = false;
};

// op.sync_enum_values(schema, name, new_values, ...) — alembic-postgresql-enum's op: a
// PostgreSQL enum type gets exactly `values`, in that order. Labels in `renames` are renamed
// first (ALTER TYPE ... RENAME VALUE); new labels that only insert are added (ADD VALUE);
// anything else (a label dropped or moved) rebuilds the type and converts every column of it
// through text, which fails, with nothing applied, while a row holds a dropped label.
// `existing` (the old values) makes the op reversible and lets it run offline; `columns` names
// the columns of the type for an offline rebuild (online the database says).
struct EnumColumnRef {
  TableRef table;
  std::string column;
  bool operator==(const EnumColumnRef&) const = default;
};
struct SyncEnumValues {
  std::string schema;
  std::string name;
  std::vector<std::string> values;
  std::optional<std::vector<std::string>> existing;
  std::vector<EnumColumnRef> columns;
  std::vector<std::pair<std::string, std::string>> renames;  // old label -> new label
};

using Op = std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, AlterColumn,
                        CreateIndex, DropIndex, CreateUniqueConstraint, CreateForeignKey,
                        CreateCheckConstraint, CreatePrimaryKey, DropConstraint, Execute,
                        BulkInsert, BatchAlterTable, CreateObject, ReplaceObject, DropObject,
                        CreateTableComment, DropTableComment, CreateDomain, AlterDomain, DropDomain,
                        CreateExtension, DropExtension, CreateExcludeConstraint,
                        AlterTableOptions, CreateSequence, AlterSequence, DropSequence,
                        SyncEnumValues>;

// A short human name of the op, e.g. "drop_column usuarios.avatar_url", for messages.
std::string describe(const Op& op);

// The op that undoes `op`, when it carries enough to say; nullopt otherwise (e.g. DropTable
// without `existing`, Execute).
std::optional<Op> reverse(const Op& op);

}  // namespace retort::ops
