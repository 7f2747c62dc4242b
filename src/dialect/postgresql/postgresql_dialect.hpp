// PostgresDialect — retort::Dialect for PostgreSQL (tested on 15), over libpq.
//
// The pieces live beside this file: connection (PostgresConnection), ddl (PostgresDdlCompiler),
// inspect (PostgresInspector, PostgresLiveSchema), types (type mapping), lock
// (PostgresAdvisoryLock). DDL is transactional; CREATE/DROP INDEX CONCURRENTLY are the
// statements that must run outside a transaction (Statement::transactional = false).
// Thread-safety: the dialect object is stateless and shared; connections are per thread.
#pragma once

#include "dialect/dialect.hpp"

namespace retort {

// The one PostgresDialect (a function-local static).
const Dialect& postgresql_dialect();

namespace postgresql {

class PostgresDialect : public Dialect {
 public:
  std::string_view name() const override { return "postgresql"; }
  std::vector<std::string_view> scheme_aliases() const override { return {"postgres"}; }
  std::unique_ptr<Connection> connect(const Url& url) const override;
  std::string quote(std::string_view ident) const override;
  std::string placeholder(int n) const override;
  std::string literal(const Value& v) const override;
  bool transactional_ddl() const override { return true; }
  // One statement, one round trip: the statements after the first become data-modifying CTEs
  // (WITH b1 AS (INSERT ...) UPDATE ...), their parameters numbered on, and the whole is
  // prepared once per session like any repeated statement.
  void execute_bookkeeping(Connection& conn,
                           const std::vector<Statement>& statements) const override;
  std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) const override;
  MetaData inspect(Connection& conn, const InspectOptions& options) const override;
  std::unique_ptr<SchemaView> live_schema(Connection& conn) const override;
  // PostgreSQL has no embedded scratch database; the runtime tracks the schema from the ops.
  std::unique_ptr<Connection> offline_scratch() const override { return nullptr; }
  bool has_offline_scratch() const override { return false; }
  // Checks that the table (and column) exist first, with catalog lookups that cannot fail, so
  // a missing object answers nullopt without aborting the caller's transaction. All the probes
  // of a batch in one statement, one round trip; the single-probe form is a batch of one.
  std::optional<bool> holds_data(Connection& conn, const ops::TableRef& table,
                                 const std::string& column) const override;
  std::vector<std::optional<bool>> holds_data(Connection& conn,
                                              const std::vector<DataProbe>& probes) const override;
  std::unique_ptr<MigrationLock> acquire_lock(Connection& conn,
                                              const LockOptions& options) const override;
  // Autogenerate comparison hooks: this database's aliases on top of the generic rules
  // (definitions in types.cpp).
  bool types_equivalent(const Type& reflected, const Type& model) const override;
  bool defaults_equivalent(const std::optional<ServerDefault>& reflected,
                           const std::optional<ServerDefault>& model) const override;
  // ALTER TYPE ... ADD VALUE can only insert: an enum losing or reordering values is rebuilt.
  std::optional<std::string> enum_rebuild_sql(
      const std::string& schema, const Type& from, const Type& to,
      const std::vector<EnumColumn>& columns) const override;
  // Index details as this database keeps them (compare_columns.cpp).
  void comparable_index(Index& model) const override;
  // A column the DDL compiler makes an identity BY DEFAULT (an autoincrement integer key
  // without sa.Identity) gets that identity, so it compares with the one reflected.
  void comparable_column(Column& model, const Table& table) const override;
  // PostgreSQL 15 has only STORED generated columns.
  bool computed_stored_by_default() const override { return true; }
  // A scratch database made for the purpose and dropped after, so a pg_dump output loads as it
  // is; a scratch schema in a transaction rolled back when the role cannot create databases
  // (load_schema.cpp).
  MetaData load_schema_sql(Connection& conn, const Url& url,
                           const SchemaScript& script) const override;
  // Policies, rules, views, functions, grants... (catalog_objects.cpp).
  std::vector<CatalogObject> catalog_objects(Connection& conn,
                                             const InspectOptions& options) const override;
  // The fallback: a scratch schema in a transaction that is rolled back.
  MetaData load_schema_sql_in_schema(const Url& url, const SchemaScript& script) const;
};

}  // namespace postgresql
}  // namespace retort
