// PostgresInspector — reflects a PostgreSQL schema into retort::MetaData.
//
// One catalog query per kind of object for all the schemas asked for, never one per table:
// the current schema, tables (+ comments), columns (+ defaults, identity, comments), enum
// values, constraints (primary key, unique, foreign key, check: one query over pg_constraint),
// exclusion constraints, and indexes that do not back a constraint. Seven queries whatever the
// number of tables.
//
// What comes back:
//  - Table::schema (and ForeignKey::referred_schema) is empty for the connection's current
//    schema (the first existing schema in search_path), the schema's name otherwise, so models
//    written without a schema compare equal.
//  - Types: see types.hpp; a column of an enum type is Type{Enum, values, enum_name}.
//  - Defaults: 'x'::type -> Literal x; plain numbers and true/false -> Literal (so a script's
//    server_default = "0" reads back as it was written); now() / CURRENT_TIMESTAMP -> Now;
//    nextval(...) of a serial -> autoincrement = true and the default kept as an Expression
//    (its sequence is reflected beside the tables: inspect_sequences.cpp); anything else ->
//    Expression as pg_get_expr prints it.
//  - autoincrement: true for identity and serial columns; false for any other integer column
//    of a single-column primary key; unset elsewhere. An identity column also carries
//    Column::identity (ALWAYS or BY DEFAULT, and the options that differ from the defaults).
//  - Primary key columns also carry Column::primary_key = true.
//  - A generated column: Column::computed, the expression as pg_get_expr prints it, persisted.
//  - Exclusion constraints: Table::exclude_constraints, with pg_get_constraintdef's text
//    (inspect_excludes.cpp, one more query).
//
// Not thread-safe (it uses the caller's connection).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::postgresql {

class PostgresInspector {
 public:
  explicit PostgresInspector(Connection& conn) : conn_(conn) {}

  // Every table in options.schemas (empty: the current schema), except options.exclude_tables.
  MetaData inspect(const InspectOptions& options);

  // One table ("" schema: the current one); nullopt when it does not exist.
  std::optional<Table> table(const std::string& schema, const std::string& name);

 private:
  MetaData reflect(const std::vector<std::string>& schemas, const std::string* only_table,
                   const std::vector<std::string>& exclude);

  Connection& conn_;
};

// The SchemaView the runtime uses online: each question is a reflection of that one table.
// The PostgreSQL DDL compiler also asks it about enum types (which SchemaView cannot express).
//
// One view serves a whole run, and it remembers one fact between questions: whether the
// database has any enum type at all. Most have none, and then every drop_table / drop_column
// would pay a catalog query (milliseconds of planning each) to learn that no enum is left
// unused. The fact is learnt with one cheap query the first time it matters, and forgotten
// whenever the schema may have gained an enum the view cannot see coming: the compiler reports
// each CREATE TYPE it emits (enum_created), an op.execute() or op.get_bind() makes it forget().
// An enum type another session creates during the run is not noticed (nor would be a column of
// it on a table the run drops: only retort is expected to change the schema while it migrates).
class PostgresLiveSchema : public SchemaView {
 public:
  explicit PostgresLiveSchema(Connection& conn) : conn_(conn) {}
  std::optional<Table> table(const std::string& schema, const std::string& name) override;
  void forget() override { has_enums_.reset(); }

  // The labels of enum type `name` in `schema` ("" : the current schema), in order; nullopt
  // when no type of that name exists (an empty list: it exists but is not an enum).
  std::optional<std::vector<std::string>> enum_labels(const std::string& schema,
                                                      const std::string& name);

  // The enum types that no column would use any more once `relation` (a quoted, qualified
  // name) is dropped, or only its `column` when that is not empty. Each as DDL names it:
  // quoted, qualified unless it lives in the current schema.
  std::vector<std::string> enums_left_unused(const std::string& relation,
                                             const std::string& column);

  // The columns of enum type `name` in `schema` ("" : the current schema), each with its
  // default (kept through a rebuild of the type).
  std::vector<EnumColumn> enum_columns(const std::string& schema, const std::string& name);

  // The compiler is about to create an enum type (before the statement runs): from now on
  // enums_left_unused asks the database.
  void enum_created() { has_enums_ = true; }

 private:
  // Whether any enum type exists, asked once and then remembered (see above).
  bool has_enums();

  Connection& conn_;
  std::optional<bool> has_enums_;  // nullopt: not known
};

// The exclusion constraints of the reflected tables, into the Table `table_of` gives for each
// table oid (nullptr: not reflected). `filter` is the reflection's condition over c (pg_class)
// and n (pg_namespace), with its `params` (inspect_excludes.cpp).
void reflect_exclude_constraints(Connection& conn, const std::string& filter,
                                 const std::vector<Value>& params,
                                 const std::function<Table*(const Value&)>& table_of);

// A column default as pg_get_expr prints it, mapped as described above. Sets `autoincrement`
// for a nextval(...), which it returns as an Expression; nullopt for NULL defaults.
std::optional<ServerDefault> parse_default(const std::string& expr, bool& autoincrement);

// The SQL inside CHECK (...) as pg_get_constraintdef prints it, without the outer parentheses.
std::string check_sqltext(const std::string& constraintdef);

// True when `text` is one parenthesised group: "(a > 0)" but not "(a) AND (b)".
bool fully_parenthesized(const std::string& text);

}  // namespace retort::postgresql
