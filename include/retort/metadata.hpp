// retort::MetaData — the schema model: tables, columns, types, keys, indexes, constraints.
//
// Plain value types with no I/O. Revision scripts (`sa.*`), models files, the inspectors that
// reflect a live database, and programs that build their models in C++ all produce these; the
// DDL compilers and autogenerate consume them. Names are stored exactly as the user wrote them;
// dialects quote them. Thread-safety: value types; a const MetaData may be shared across threads.
#pragma once

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
  Enum,    // enum_values, enum_name
  Native,  // native holds the type as written, e.g. "tsvector", "MEDIUMTEXT", "INT"
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

  bool operator==(const Type&) const = default;
};

// A column's server-side default, as in SQLAlchemy's server_default.
struct ServerDefault {
  enum class Kind {
    Literal,     // a plain string in the script: rendered as a quoted SQL literal 'text'
    Expression,  // sa.text("..."): raw SQL, rendered as written
    Now,         // sa.func.now(): the dialect's current timestamp
  };
  Kind kind = Kind::Literal;
  std::string text;

  bool operator==(const ServerDefault&) const = default;
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

  bool operator==(const ForeignKey&) const = default;
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
  bool operator==(const IndexElement&) const = default;
};

struct Index {
  std::string name;
  std::vector<IndexElement> elements;
  bool unique = false;
  std::string where;  // partial index predicate, raw SQL; empty: none
  bool operator==(const Index&) const = default;
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

struct RETORT_EXPORT MetaData {
  std::vector<Table> tables;

  const Table* find_table(const std::string& schema, const std::string& name) const;
  Table* find_table(const std::string& schema, const std::string& name);
  bool operator==(const MetaData&) const = default;
};

}  // namespace retort
