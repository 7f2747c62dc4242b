// retort::MetaData — the schema model: tables, columns, types, keys, indexes, constraints.
//
// Plain value types with no I/O. Revision scripts (`sa.*`), models files, the inspectors that
// reflect a live database, and programs that build their models in C++ all produce these; the
// DDL compilers and autogenerate consume them. Names are stored exactly as the user wrote them;
// dialects quote them. Thread-safety: value types; a const MetaData may be shared across threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "retort/export.hpp"

namespace retort {

// Generic column types, as SQLAlchemy names them, plus Native for any type name a database has
// (`sa.Type("tsvector")`), which passes through to DDL unchanged.
enum class TypeKind {
  Integer,
  BigInteger,
  SmallInteger,
  String,  // VARCHAR(length); length may be absent where the dialect allows it
  Text,
  Boolean,
  Date,
  DateTime,  // timezone flag
  Time,      // timezone flag
  Numeric,   // precision, scale
  Float,     // precision
  LargeBinary,
  JSON,
  Uuid,
  Enum,      // enum_values, enum_name
  Native,    // native holds the type as written, e.g. "tsvector", "MEDIUMTEXT", "INT"
  Array,     // PostgreSQL only: item_type (one element), dimensions
  Interval,  // PostgreSQL only: INTERVAL
};

struct Type {
  TypeKind kind = TypeKind::Integer;
  std::optional<int> length;             // String(n)
  std::optional<int> precision;          // Numeric(p, s), Float(p)
  std::optional<int> scale;              // Numeric(p, s)
  bool timezone = false;                 // DateTime / Time
  std::vector<std::string> enum_values;  // Enum
  std::string enum_name;                 // Enum: the type's name where the dialect names it (PG)
  std::string native;                    // Native
  // String/Text (and native character types): the column's collation, as SQLAlchemy's
  // String(collation=); "" the table's (database's) default.
  std::string collation{};
  // MySQL only (mysql_charset): the column's character set, kept as written (utf8 stays utf8);
  // "" the table's default. Other dialects ignore it.
  std::string mysql_charset{};
  // Array (sa.ARRAY(item_type, { dimensions = n })): the element type, the one item of this
  // vector, and the number of dimensions as declared (PostgreSQL does not keep it; unset: 1).
  std::vector<Type> item_type{};
  std::optional<int> dimensions{};

  bool operator==(const Type&) const = default;
};

// A column's server-side default, as in SQLAlchemy's server_default.
struct ServerDefault {
  enum class Kind {
    Literal,     // a plain string in the script: rendered as a quoted SQL literal 'text'
    Expression,  // sa.text("..."): raw SQL, rendered as written
    Now,         // sa.func.now(): the dialect's current timestamp
    Boolean,     // sa.true_() / sa.false_(): text "true" or "false"; each dialect spells it
  };
  Kind kind = Kind::Literal;
  std::string text;
  // An Expression from sa.text(...): written exactly as given, never wrapped in parentheses
  // (MySQL's `CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP` only parses unwrapped). Other
  // expressions (sa.func.x(), reflected ones) get the parentheses their dialect needs. Not part
  // of equality: it says how to write the default, not what it is.
  bool verbatim = false;

  bool operator==(const ServerDefault& o) const { return kind == o.kind && text == o.text; }
};

struct ForeignKey {
  std::string name;  // always set once a naming convention has run
  std::vector<std::string> columns;
  std::string referred_schema;  // empty: the default schema
  std::string referred_table;
  std::vector<std::string> referred_columns;
  std::string ondelete;  // "" or CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT
  std::string onupdate;
  std::optional<bool> deferrable;
  std::string initially;  // "" or DEFERRED / IMMEDIATE
  std::string match{};    // "" or FULL / PARTIAL / SIMPLE (MATCH clause, as SQLAlchemy's match=)

  bool operator==(const ForeignKey&) const = default;
};

// A computed (generated) column's expression, as SQLAlchemy's sa.Computed: GENERATED ALWAYS AS
// (sqltext) STORED or VIRTUAL. The column holds no data of its own: the database computes it.
struct Computed {
  std::string sqltext;
  // true: STORED; false: VIRTUAL; unset: the dialect's default (STORED on PostgreSQL, which has
  // no other; VIRTUAL on MySQL and SQLite).
  std::optional<bool> persisted;
  bool operator==(const Computed&) const = default;
};

// The options a sequence and an identity column share (CREATE SEQUENCE, SQLAlchemy's
// sa.Sequence and sa.Identity): unset means the database's default.
struct SequenceOptions {
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> increment;
  std::optional<std::int64_t> minvalue;
  std::optional<std::int64_t> maxvalue;
  std::optional<bool> cycle;
  std::optional<std::int64_t> cache;

  bool operator==(const SequenceOptions&) const = default;
};

// An identity column (SQLAlchemy's sa.Identity): GENERATED ALWAYS (always) or BY DEFAULT AS
// IDENTITY, with the options of the sequence the database keeps for it. PostgreSQL creates it
// as written; MariaDB and SQLite make an identity without options an auto-increment column
// (docs/dialects.md) and refuse the rest in one line.
struct Identity {
  bool always = false;
  SequenceOptions options;

  bool operator==(const Identity&) const = default;
};

struct Column {
  std::string name;
  Type type;
  bool nullable = true;               // primary key columns are NOT NULL
  bool primary_key = false;           // part of the table's primary key (declared on the column)
  std::optional<bool> autoincrement;  // unset: "auto" (an integer single-column PK increments)
  std::optional<ServerDefault> server_default;
  std::optional<std::string> comment;
  // Column-level sugar from sa.Column(...). Building a Table moves these into table-level,
  // named constraints (Table::normalize); ops that take a bare Column do the same.
  bool unique = false;
  bool index = false;
  std::vector<ForeignKey> foreign_keys;
  // Models only: the column's previous name. Autogenerate then renames the column (keeping its
  // data) instead of dropping it and adding a new one. Inspectors leave it empty.
  std::string renamed_from;
  // MySQL only (mysql_on_update, as SQLAlchemy's): ON UPDATE <value>, e.g. CURRENT_TIMESTAMP.
  // Other dialects ignore it.
  std::optional<ServerDefault> mysql_on_update{};
  // Set: a computed (generated) column; it then has no server_default.
  std::optional<Computed> computed{};
  // Set: an identity column (GENERATED ... AS IDENTITY); it then has no server_default. Unset
  // on an autoincrement column: the dialect's own way (PostgreSQL: identity BY DEFAULT, which
  // compares equal to an identity BY DEFAULT without options and to a serial's nextval()).
  std::optional<Identity> identity{};

  bool operator==(const Column&) const = default;
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;
  bool operator==(const PrimaryKey&) const = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool operator==(const UniqueConstraint&) const = default;
};

struct CheckConstraint {
  std::string name;
  std::string sqltext;
  bool operator==(const CheckConstraint&) const = default;
};

// One element of an index: a column name, or an SQL expression (sa.text("lower(email)")).
struct IndexElement {
  std::string text;
  bool expression = false;
  // Sort order: written as a suffix of the element ("created_at DESC NULLS LAST") or with
  // sa.desc()/sa.asc(), and stored apart from the text.
  bool descending = false;
  std::string nulls{};                // "", "FIRST" or "LAST"
  std::string postgresql_ops{};       // PostgreSQL operator class (postgresql_ops); "" the default
  std::optional<int> mysql_length{};  // MySQL key prefix length (mysql_length)
  bool operator==(const IndexElement&) const = default;
};

struct Index {
  std::string name;
  std::vector<IndexElement> elements;
  bool unique = false;
  std::string where;  // partial index predicate, raw SQL; empty: none
  // PostgreSQL only: access method (postgresql_using: gin, gist, brin, hash, spgist; "" btree)
  // and INCLUDE columns (postgresql_include). Other dialects ignore them.
  std::string postgresql_using{};
  std::vector<std::string> postgresql_include{};
  // MySQL only (mysql_prefix): FULLTEXT or SPATIAL; "" a plain index. Others ignore it.
  std::string mysql_prefix{};
  bool operator==(const Index&) const = default;
};

// One element of an exclusion constraint: a column or an SQL expression (with its operator
// class, sort order as an index element has them), and the operator no two rows may both satisfy
// over it ("&&", "=").
struct ExcludeElement {
  IndexElement element;
  std::string op;
  bool operator==(const ExcludeElement&) const = default;
};

// A PostgreSQL exclusion constraint, as SQLAlchemy's postgresql.ExcludeConstraint:
// EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (...). Other databases have none.
struct ExcludeConstraint {
  std::string name;
  std::vector<ExcludeElement> elements;
  std::string using_method = "gist";  // the index access method (SQLAlchemy's using=)
  std::string where;                  // predicate, raw SQL; empty: none
  std::optional<bool> deferrable;
  std::string initially;  // "" or DEFERRED / IMMEDIATE
  // Reflected, and the models' once loaded into a scratch database and reflected back:
  // pg_get_constraintdef's text, which autogenerate compares. Empty where unknown (ops).
  std::string definition{};
  bool operator==(const ExcludeConstraint&) const = default;
};

struct RETORT_EXPORT Table {
  std::string schema;  // empty: the connection's default schema
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> unique_constraints;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> check_constraints;
  std::vector<Index> indexes;
  // PostgreSQL only; the other dialects refuse a table that has any.
  std::vector<ExcludeConstraint> exclude_constraints{};
  std::optional<std::string> comment;
  // Models only: the table's previous name (same schema); autogenerate emits rename_table
  // instead of drop_table + create_table. Inspectors leave it empty.
  std::string renamed_from;
  // Dialect-prefixed table options, as SQLAlchemy's Table kwargs: mysql_engine, mysql_charset,
  // mysql_collate. A dialect reads its own prefix and ignores the others.
  std::map<std::string, std::string> dialect_options;

  const Column* find_column(const std::string& column) const;
  Column* find_column(const std::string& column);
  bool operator==(const Table&) const = default;
};

// Patterns for constraint and index names, with SQLAlchemy's tokens: %(table_name)s,
// %(column_0_name)s, %(column_0_N_name)s, %(referred_table_name)s, %(constraint_name)s, and
// the short forms %(table)s, %(column_0)s, %(referred_table)s. Keys: pk, fk, uq, ix, ck.
struct NamingConvention {
  std::map<std::string, std::string> patterns = {
      {"pk", "pk_%(table)s"},
      {"fk", "fk_%(table)s_%(column_0)s_%(referred_table)s"},
      {"uq", "uq_%(table)s_%(column_0)s"},
      {"ix", "ix_%(table)s_%(column_0)s"},
      {"ck", "ck_%(table)s_%(constraint_name)s"},
  };
};

// An object of a schema found in a catalog that the schema model above does not hold (a policy,
// a rule, an event trigger...): autogenerate names each in a warning rather than ignore it in
// silence (docs/autogenerate.md, "Objects retort does not manage").
struct RETORT_EXPORT CatalogObject {
  std::string kind;    // "policy", "rule", "event_trigger", ... (docs/autogenerate.md)
  std::string schema;  // empty: the default schema, or an object outside any schema
  std::string table;   // the table it belongs to (a policy, a rule, a trigger); else empty
  std::string name;
  // "schema.table.name" without the empty parts, e.g. "orders.p_read".
  std::string path() const;
  bool operator==(const CatalogObject&) const = default;
};

// The kinds of replaceable object (Alembic's cookbook "replaceable objects", alembic_utils):
// never altered in place, only created, replaced by a new definition, or dropped.
// Aggregate: PostgreSQL's CREATE AGGREGATE, kept as that statement (reflected from pg_aggregate).
enum class ObjectKind { View, MaterializedView, Function, Procedure, Trigger, Aggregate };

// A view, materialized view, function, procedure or trigger, held as its definition.
// Models hold the definition as written (sa.View etc.); inspectors hold it as the database itself
// normalises it (pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef; information_schema on
// MySQL; sqlite_master), and autogenerate compares the models only after loading them into a
// scratch database and reflecting them back. Overloaded functions (one name, several argument
// lists) are not told apart: one object per name.
struct ReplaceableObject {
  ObjectKind kind = ObjectKind::View;
  std::string schema;  // empty: the connection's default schema
  std::string name;
  std::string table;  // Trigger: the table it fires on; empty for the other kinds
  // View and MaterializedView: the SELECT; Function, Procedure, Trigger: the whole CREATE
  // statement. Empty in an op where the definition is unknown.
  std::string definition;
  // Reflected only, where the database records it (PostgreSQL): the tables and views a view
  // reads, as "name" in the default schema or "schema.name". A view over a column whose type
  // changes is dropped and created again around the change.
  std::vector<std::string> depends_on;

  bool operator==(const ReplaceableObject&) const = default;
};

// "view", "materialized view", "function", "procedure", "trigger": for messages.
RETORT_EXPORT const char* object_kind_name(ObjectKind kind);

// A PostgreSQL domain (CREATE DOMAIN, SQLAlchemy's postgresql.DOMAIN): a named base type with an
// optional default, NOT NULL and CHECK constraints (over VALUE). A column of the domain has the
// type Native(name) ("schema.name" outside the default schema; a name that needs quoting in double
// quotes, "\"PosInt\"", as format_type prints it). Models hold the definition as
// written; autogenerate loads it into a scratch database and reflects it back before comparing
// (base type as format_type gives it, default and checks as the catalog prints them).
struct Domain {
  std::string schema;  // empty: the connection's default schema
  std::string name;
  Type type;  // the base type, with its collation
  bool not_null = false;
  std::optional<ServerDefault> server_default;
  // CHECK constraints over VALUE; a check without a name is named by the database
  // (<domain>_check), which the scratch reflection fills in.
  std::vector<CheckConstraint> checks;

  bool operator==(const Domain&) const = default;
};

// A PostgreSQL extension (CREATE EXTENSION), by name. Models that declare at least one
// (sa.Extension, or CREATE EXTENSION in a schema.sql) declare the whole list: autogenerate
// then creates the missing ones and drops the others; models that declare none leave the
// database's extensions alone, and autogenerate reports them (docs/autogenerate.md).
struct Extension {
  std::string name;
  std::string schema;  // where its objects go; empty: the default (models), the current (reflected)

  bool operator==(const Extension&) const = default;
};

// A sequence (CREATE SEQUENCE, SQLAlchemy's sa.Sequence): PostgreSQL, and MariaDB 10.3+. A
// column takes its values with a server default nextval('name'), as a pg_dump of serial columns
// writes it; that column then stays a plain column with a default, never an identity.
struct Sequence {
  std::string schema;  // empty: the connection's default schema
  std::string name;
  SequenceOptions options;
  // PostgreSQL's AS type ("integer", "smallint"); "" bigint, the default.
  std::string data_type;
  // PostgreSQL OWNED BY "table.column": dropped with that column. "" none.
  std::string owned_by;

  bool operator==(const Sequence&) const = default;
};

struct RETORT_EXPORT MetaData {
  std::vector<Table> tables;

  const Table* find_table(const std::string& schema, const std::string& name) const;
  Table* find_table(const std::string& schema, const std::string& name);
  bool operator==(const MetaData&) const = default;
  // Reflected (and from a schema.sql's scratch): the objects retort does not manage, which
  // autogenerate reports. Ignored by the comparison; models.lua leaves it empty.
  std::vector<CatalogObject> unmanaged;
  // Views, materialized views, functions, procedures and triggers, in creation order.
  std::vector<ReplaceableObject> objects;
  // Domains (PostgreSQL), in creation order.
  std::vector<Domain> domains{};
  // Extensions (PostgreSQL), but plpgsql, in creation order.
  std::vector<Extension> extensions{};
  // Sequences (PostgreSQL, MariaDB) but those of identity columns, in creation order.
  std::vector<Sequence> sequences{};
};

}  // namespace retort
