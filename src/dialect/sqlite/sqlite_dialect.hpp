// SqliteDialect — retort::Dialect for SQLite, over the system libsqlite3.
//
// connection.hpp (sessions), ddl.hpp + table_rebuild.hpp (op -> SQL), inspect.hpp (database ->
// MetaData), types.hpp (type mapping), lock.hpp (the migration lock). The instance is reached
// through retort::sqlite_dialect() (declared in dialect/dialect_registry.cpp).
#pragma once

#include "dialect/dialect.hpp"

namespace retort {

// The one SqliteDialect (a function-local static; stateless, safe to share across threads).
const Dialect& sqlite_dialect();

namespace sqlite {

class SqliteDialect : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }
  // sqlite:///relative.db, sqlite:////absolute.db, sqlite:// and sqlite:///:memory: (in memory):
  // Url::database is the file path, taken literally (no percent-decoding: a path may hold '%').
  void parse_url(const std::string& text, std::string_view location, Url& url) const override;
  std::string format_url(const Url& url) const override;
  Url resolve_paths(Url url, const std::filesystem::path& base) const override;
  std::optional<std::filesystem::path> database_file(const Url& url) const override;
  // Url::database is the file path, "" or ":memory:" for a private in-memory database.
  std::unique_ptr<Connection> connect(const Url& url) const override;
  std::string quote(std::string_view ident) const override;
  std::string placeholder(int n) const override { return "?"; }
  std::string literal(const Value& v) const override;
  bool transactional_ddl() const override { return true; }
  std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) const override;
  MetaData inspect(Connection& conn, const InspectOptions& options) const override;
  std::unique_ptr<SchemaView> live_schema(Connection& conn) const override;
  std::unique_ptr<Connection> offline_scratch() const override;
  bool has_offline_scratch() const override { return true; }
  bool table_exists(Connection& conn, const ops::TableRef& table) const override;
  std::optional<bool> holds_data(Connection& conn, const ops::TableRef& table,
                                 const std::string& column) const override;
  std::unique_ptr<MigrationLock> acquire_lock(Connection& conn,
                                              const LockOptions& options) const override;
  // Autogenerate comparison hooks: this database's aliases on top of the generic rules
  // (definitions in types.cpp).
  bool types_equivalent(const Type& reflected, const Type& model) const override;
  bool defaults_equivalent(const std::optional<ServerDefault>& reflected,
                           const std::optional<ServerDefault>& model) const override;
  // SQLite keeps no comments. A schema.sql loads into the in-memory offline scratch (the
  // default load_schema_sql).
  bool keeps_comments() const override { return false; }
  // Views, triggers, virtual tables (catalog_objects.cpp).
  std::vector<CatalogObject> catalog_objects(Connection& conn,
                                             const InspectOptions& options) const override;
};

}  // namespace sqlite
}  // namespace retort
