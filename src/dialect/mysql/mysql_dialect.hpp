// MysqlDialect — MySQL 8 and MariaDB 10.11 (tested on MariaDB) through MariaDB Connector/C.
//
// What a user should know about MySQL (details in each file's header):
//   - DDL commits implicitly: transactional_ddl() is false, so a failed migration leaves the
//     statements before the failure applied (the runtime records each migration as it goes).
//   - DECIMAL values are read back as strings (exact); BOOL is TINYINT(1) and reads back as 0/1.
//   - DateTime is DATETIME (the timezone flag is ignored); Uuid is CHAR(36); VARCHAR needs a
//     length.
//   - Partial and expression indexes are refused (MariaDB has neither).
//   - The migration lock is GET_LOCK on the session.
// MySQL 8 needs 8.0.19+ (DROP CONSTRAINT for checks) and 8.0.23+ for SET DEFAULT (expr);
// if_not_exists/if_exists on create_index/drop_index are MariaDB syntax.
// Thread-safety: the dialect object is immutable and shared; connections are per thread.
#pragma once

#include <utility>

#include "dialect/dialect.hpp"
#include "dialect/mysql/ddl.hpp"

namespace retort {

class MysqlDialect : public Dialect {
 public:
  explicit MysqlDialect(mysql::MysqlTableOptions options = {}) : compiler_(std::move(options)) {}

  std::string_view name() const override { return "mysql"; }
  std::vector<std::string_view> scheme_aliases() const override { return {"mariadb"}; }
  std::unique_ptr<Connection> connect(const Url& url) const override;
  std::string quote(std::string_view ident) const override;
  std::string placeholder(int n) const override { return "?"; }
  std::string literal(const Value& v) const override;
  bool transactional_ddl() const override { return false; }
  // One multi-statement text, one round trip, in one InnoDB transaction (unless one is open):
  // prepared statements cannot hold several statements, so the values are written as literals
  // (literal(): quoted and escaped as the --sql output writes them).
  void execute_bookkeeping(Connection& conn,
                           const std::vector<Statement>& statements) const override;
  std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) const override;
  MetaData inspect(Connection& conn, const InspectOptions& options) const override;
  std::unique_ptr<SchemaView> live_schema(Connection& conn) const override;
  // MySQL has no scratch database cheap enough to make per offline run: the runtime tracks the
  // schema from the ops instead.
  std::unique_ptr<Connection> offline_scratch() const override { return nullptr; }
  bool has_offline_scratch() const override { return false; }
  std::optional<bool> holds_data(Connection& conn, const ops::TableRef& table,
                                 const std::string& column) const override;
  // All probes in one SELECT of EXISTS columns; when one names a missing table, column or
  // database (the whole SELECT fails), probe by probe.
  std::vector<std::optional<bool>> holds_data(Connection& conn,
                                              const std::vector<DataProbe>& probes) const override;
  // On MariaDB (sql_mode without ORACLE): an anonymous block of IF EXISTS (...) THEN SIGNAL, one
  // per probe, that goes ahead of the DDL in the same multi-statement text. The server then
  // checks just before the drop, and a migration costs one round trip less. On MySQL, which has
  // no anonymous blocks: nullopt.
  std::optional<std::string> guard_statement(Connection& conn,
                                             const std::vector<DataProbe>& probes) const override;
  std::optional<std::size_t> refused_probe(Connection& conn, const Error& error) const override;
  std::unique_ptr<MigrationLock> acquire_lock(Connection& conn,
                                              const LockOptions& options) const override;
  // Autogenerate comparison hooks: this database's aliases on top of the generic rules
  // (definitions in types.cpp).
  bool types_equivalent(const Type& reflected, const Type& model) const override;
  bool defaults_equivalent(const std::optional<ServerDefault>& reflected,
                           const std::optional<ServerDefault>& model) const override;
  // Column and index details as this database keeps them (compare_columns.cpp).
  void comparable_column(Column& model, const Table& table) const override;
  void comparable_index(Index& model) const override;
  bool collations_equivalent(const Type& reflected, const Type& model) const override;
  bool compares_autoincrement() const override { return true; }
  // InnoDB indexes every foreign key and keeps the index when the key goes.
  bool indexes_foreign_keys() const override { return true; }
  // A temporary database, dropped afterwards.
  MetaData load_schema_sql(Connection& conn, const Url& url,
                           const SchemaScript& script) const override;
  // Views, triggers, routines, events, partitions, grants (catalog_objects.cpp).
  std::vector<CatalogObject> catalog_objects(Connection& conn,
                                             const InspectOptions& options) const override;

 private:
  // The statement's text with each `?` replaced by its parameter as a literal.
  std::string inline_parameters(const Statement& s) const;

  mysql::MysqlDdlCompiler compiler_;
};

// The dialect with default table options (ENGINE=InnoDB DEFAULT CHARSET=utf8mb4).
const Dialect& mysql_dialect();

}  // namespace retort
