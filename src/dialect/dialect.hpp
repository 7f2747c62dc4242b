// Dialect — the one interface the generic code (runtime, autogen, lua bridge, config) sees of a
// database.
//
// Every decision that differs between databases is a hook here: code outside src/dialect/ never
// asks which database it is (a test greps for it: tests/dialect/registry_test.cpp). Each hook that
// a database may lack has a generic default, so a new dialect overrides what it must (the pure
// virtual members) and only the rest where it differs.
//
// A dialect is a folder under src/dialect/ with the same files in each: connection (the C client
// library), ddl (op -> SQL), inspect (database -> MetaData, one catalog query per kind of object),
// types (mapping and comparison; generic_types.hpp holds the shared mapping), lock (the migration
// lock), and <name>_dialect (the Dialect itself). Dialects are listed in one explicit table
// (dialect_registry.cpp), never registered by static initialisers. docs/design/adding-a-dialect.md
// walks through adding one.
//
// Thread-safety: a Dialect is stateless and shared; every member is const and safe to call from
// any thread. Connections are not shared between threads.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/connection.hpp"
#include "dialect/url.hpp"
#include "ops/ops.hpp"
#include "retort/error.hpp"
#include "retort/metadata.hpp"
#include "retort/value.hpp"

namespace retort {

// One SQL statement with its bound parameters, in the dialect's placeholder style.
struct Statement {
  std::string sql;
  std::vector<Value> params;
  // false: must run outside any transaction (PostgreSQL CREATE INDEX CONCURRENTLY); the runtime
  // commits before it and begins again after it.
  bool transactional = true;
  // Offline (--sql) only: a statement whose body holds `;` (a MySQL routine or trigger) is
  // printed between `DELIMITER <this>` and `DELIMITER ;`, so the mysql client runs it whole.
  std::string offline_delimiter;
};

// What the compiler may ask about the schema as it is at this point of the run: online, the
// live database; offline, a scratch database or a model tracked from the ops so far.
class SchemaView {
 public:
  virtual ~SchemaView() = default;
  // nullopt: no such table.
  virtual std::optional<Table> table(const std::string& schema, const std::string& name) = 0;
  // Something outside the compiler (SQL a script ran through op.get_bind()) may have changed the
  // schema: a view that remembers facts about the database between questions drops them.
  virtual void forget() {}
};

// One question of the data-loss guard: does `column` (or, when empty, any row of `table`) hold
// data?
struct DataProbe {
  ops::TableRef table;
  std::string column;
};

// Held while migrating; releasing it (destructor) never throws. Session-scoped on every
// database, so a killed process never leaves it behind.
class MigrationLock {
 public:
  virtual ~MigrationLock() = default;
};

struct LockOptions {
  std::string key;  // derived from the version table's schema and name
  std::chrono::milliseconds timeout{60000};
  std::function<void(const std::string&)> on_wait;  // "waiting for the migration lock held by ..."
};

struct InspectOptions {
  std::vector<std::string> schemas;         // empty: the default schema
  std::vector<std::string> exclude_tables;  // exact names (the version table)
};

// A schema.sql (the models as plain DDL), split into statements; `path` names it in messages.
struct SchemaScript {
  std::filesystem::path path;
  std::vector<std::string> statements;
  std::vector<int> lines;  // the line of the file where statements[i] starts; empty: unknown
};

// A column of an enum type, with the default it must have after the type is rebuilt
// (Dialect::enum_rebuild_sql).
struct EnumColumn {
  std::string schema;
  std::string table;
  std::string column;
  bool has_default_now = false;  // the column has a default now (it must go while converting)
  std::optional<ServerDefault> default_after;
};

class Dialect : public ParameterStyle {
 public:
  virtual ~Dialect() = default;

  // The canonical URL scheme and the name scripts see as context.dialect: "sqlite", ...
  virtual std::string_view name() const = 0;

  // ---- URLs: SCHEME://LOCATION?QUERY (dialect/url.hpp parses the scheme and the query) ------

  // Other schemes that mean this dialect ("postgres", "mariadb"). The default: none.
  virtual std::vector<std::string_view> scheme_aliases() const { return {}; }
  // Reads LOCATION into `url`; errors through url::fail(text, why). The default is the server
  // form user:password@host:port/database, percent-decoded (url::parse_server).
  virtual void parse_url(const std::string& text, std::string_view location, Url& url) const;
  // LOCATION again for printing, the password masked. The default: url::format_server.
  virtual std::string format_url(const Url& url) const;
  // `url` with a relative file path in it made relative to `base` (the directory of
  // retort.toml) rather than to the working directory, so a program that embeds retort finds
  // the same file wherever it is started from. The default (a server): unchanged.
  virtual Url resolve_paths(Url url, const std::filesystem::path& base) const { return url; }
  // The file the database lives in, for a caller that must not create it by connecting: an
  // empty path for a private in-memory database, nullopt for a server (the default).
  virtual std::optional<std::filesystem::path> database_file(const Url& url) const {
    return std::nullopt;
  }

  // ---- Sessions ---------------------------------------------------------------------------

  // Opens a session. Errors: Error(Database) naming the masked URL and the client's message.
  virtual std::unique_ptr<Connection> connect(const Url& url) const = 0;

  // "ident" quoted for this database ("x" or `x`), escaping embedded quotes.
  virtual std::string quote(std::string_view ident) const = 0;
  // schema-qualified and quoted; empty schema: the name alone.
  std::string qualify(std::string_view schema, std::string_view name) const;
  // The n-th (1-based) parameter placeholder: ? or $n.
  std::string placeholder(int n) const override = 0;
  // A value as an SQL literal, for offline output only.
  virtual std::string literal(const Value& v) const = 0;

  // DDL is transactional (PostgreSQL, SQLite) or commits implicitly (MySQL).
  virtual bool transactional_ddl() const = 0;

  // ---- Migrating --------------------------------------------------------------------------

  // The statements that carry out `op`. The compiler may ask `schema` about current tables
  // (SQLite rebuilds, MySQL MODIFY without existing_type). Invalid ops: Error(Script).
  virtual std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) const = 0;

  // The schema as it is, one catalog query per kind of object.
  virtual MetaData inspect(Connection& conn, const InspectOptions& options) const = 0;

  // A SchemaView over a live connection (reflecting single tables on demand).
  virtual std::unique_ptr<SchemaView> live_schema(Connection& conn) const = 0;

  // For offline (--sql) runs: a scratch session the compiled SQL is also executed on, so later
  // ops see the schema earlier ones built (SQLite: an in-memory database). nullptr when the
  // dialect has none; the runtime then tracks the schema from the ops.
  virtual std::unique_ptr<Connection> offline_scratch() const = 0;
  // Whether offline_scratch() gives one, without opening it: an offline run opens its scratch
  // only when a compile first asks about the schema, which many runs never do.
  virtual bool has_offline_scratch() const = 0;

  // Does `table` exist? Must not abort the surrounding transaction. The default asks
  // holds_data (one more query than needed when the table exists); SQLite answers from
  // sqlite_master, which spares `retort current` the pragma virtual table on start-up.
  virtual bool table_exists(Connection& conn, const ops::TableRef& table) const;

  // Data-loss guard: does `column` (or, when empty, any row of `table`) hold data?
  // nullopt when the table or column does not exist. Must not abort the surrounding transaction.
  virtual std::optional<bool> holds_data(Connection& conn, const ops::TableRef& table,
                                         const std::string& column) const = 0;
  // The same for several probes, answered in their order; the runtime asks once for all the
  // destructive ops of a batch. The default asks the single-probe form for each; a dialect that
  // can answer them in one round trip overrides it. Must not abort the surrounding transaction.
  virtual std::vector<std::optional<bool>> holds_data(Connection& conn,
                                                      const std::vector<DataProbe>& probes) const;
  // The guard as one statement sent ahead of the DDL it guards, in the same round trip: the
  // server checks the probes in their order, just before the DDL, and the statement fails (and
  // with it the rest of what was sent) at the first probe that holds data. A probe naming a
  // missing table or column passes, as with holds_data. nullopt when the dialect, or this
  // session, cannot: the runtime then asks holds_data() and waits for the answer. The default.
  virtual std::optional<std::string> guard_statement(Connection& conn,
                                                     const std::vector<DataProbe>& probes) const;
  // Which probe made a guard_statement() fail, from the error its batch reported; nullopt when
  // the error is anything else.
  virtual std::optional<std::size_t> refused_probe(Connection& conn, const Error& error) const;

  // The migration lock (PostgreSQL advisory lock, MySQL GET_LOCK, SQLite: a no-op object, since
  // begin() is BEGIN IMMEDIATE). Error(Lock) on timeout.
  virtual std::unique_ptr<MigrationLock> acquire_lock(Connection& conn,
                                                      const LockOptions& options) const = 0;

  // ---- Autogenerate -----------------------------------------------------------------------

  // Autogenerate: does a reflected column type mean the model's type? The default applies
  // generic rules; dialects refine it for their aliases (int4, TINYINT(1), jsonb, ...).
  virtual bool types_equivalent(const Type& reflected, const Type& model) const;
  // Autogenerate: do a reflected server default and the model's mean the same (now() vs
  // CURRENT_TIMESTAMP, 'x'::text vs 'x')? The default compares normalised text.
  virtual bool defaults_equivalent(const std::optional<ServerDefault>& reflected,
                                   const std::optional<ServerDefault>& model) const;

  // Does the database keep comments? false (SQLite): autogenerate then never compares them,
  // or every commented model column would differ on every run. The default: true.
  virtual bool keeps_comments() const { return true; }
  // The statements that turn enum type `from` into `to` (same name, in `schema`) where an
  // alter_column cannot: PostgreSQL's ALTER TYPE can add a value but never remove or move one,
  // so the type is rebuilt and `columns` (every column of it) converted. nullopt (the default)
  // when an alter_column does it.
  virtual std::optional<std::string> enum_rebuild_sql(
      const std::string& schema, const Type& from, const Type& to,
      const std::vector<EnumColumn>& columns) const {
    return std::nullopt;
  }
  // Does the database make an index for every foreign key that has none, and leave it behind
  // when the key is dropped (MySQL's InnoDB)? Autogenerate then states that index, so neither
  // upgrade nor downgrade leaves a stray one for the next check. The default: false.
  virtual bool indexes_foreign_keys() const { return false; }
  // The models as a schema.sql: run in a scratch of this database and reflected, so no SQL
  // parser is written by hand. `conn` is a session on `url` (the project's database), for a
  // dialect that makes its scratch there; nothing is left behind in it. The default runs the
  // script on offline_scratch() (SQLite: in memory) and Error(Config) when there is none.
  virtual MetaData load_schema_sql(Connection& conn, const Url& url,
                                   const SchemaScript& script) const;
  // The objects in `options.schemas` (empty: the default schema), and those outside any schema,
  // that inspect() does not reflect into tables, by kind: autogenerate reports those whose kind
  // retort does not manage (src/autogen/unmanaged.cpp). Objects an extension installed, and the
  // database's own, are left out; objects in the default schema have an empty schema. The
  // default: none.
  virtual std::vector<CatalogObject> catalog_objects(Connection& conn,
                                                     const InspectOptions& options) const {
    return {};
  }

  // ---- Column and index details (dialect_columns.cpp) ------------------------------------

  // Autogenerate compares a model column or index with the reflected one after these hooks have
  // made it what this database keeps: other dialects' options dropped (mysql_on_update on
  // PostgreSQL; postgresql_using on MySQL), and what the inspector leaves out cleared (a
  // collation equal to the table's, NULLS LAST on an ascending key). `table` is the model's
  // table. The defaults drop every dialect-prefixed field.
  virtual void comparable_column(Column& model, const Table& table) const;
  virtual void comparable_index(Index& model) const;
  // Do a reflected type's collation (and character set) mean the model's? The default compares
  // the collations case-insensitively.
  virtual bool collations_equivalent(const Type& reflected, const Type& model) const;
  // Does the inspector report autoincrement exactly, so autogenerate compares it (MySQL's
  // AUTO_INCREMENT)? The default: false.
  virtual bool compares_autoincrement() const { return false; }
  // Does a reflected column's identity (sa.Identity) mean the model's? `implicit`: the model
  // states none, and comparable_column gave it the one the DDL compiler makes (PostgreSQL's
  // identity BY DEFAULT for an autoincrement key). The default: both without one; or an implicit
  // identity and a reflected column without one (the database's own increment, a serial's
  // nextval(), satisfies an autoincrement the model does not spell out); or both with one, the
  // same ALWAYS / BY DEFAULT and the same options, an option unset meaning its SQL-standard
  // default for the column's integer type (sequence_support.hpp).
  virtual bool identities_equivalent(const Column& reflected, const Column& model,
                                     bool implicit) const;
  // A computed column whose sa.Computed leaves persisted unset: STORED (true) or VIRTUAL, as the
  // DDL compiler makes it. The default: false (VIRTUAL, MySQL's and SQLite's default).
  virtual bool computed_stored_by_default() const { return false; }
  // Does a reflected computed column mean the model's? Autogenerate has loaded the model's
  // expression into a scratch of this database first, so both are as the database prints them;
  // the default compares them with whitespace and enclosing parentheses left out, and
  // persisted (unset: computed_stored_by_default()).
  virtual bool computed_equivalent(const Computed& reflected, const Computed& model) const;

  // ---- Bookkeeping ------------------------------------------------------------------------

  // The version table DDL: CREATE TABLE IF NOT EXISTS <name> (version_num VARCHAR(32) NOT NULL,
  // PRIMARY KEY). Default implementation is portable; dialects may refine.
  virtual std::string create_version_table(std::string_view schema, std::string_view name) const;
  // The history table DDL (docs/design/version-table.md): CREATE TABLE IF NOT EXISTS with the
  // portable types every dialect has (VARCHAR, INTEGER, BIGINT, SMALLINT, TEXT).
  virtual std::string create_history_table(std::string_view schema, std::string_view name) const;
  // Runs retort's own bookkeeping statements (version rows, a history row), in order, in as few
  // round trips as the database allows. Each statement numbers its parameters from 1. The
  // default runs each with Connection::execute_repeated (SQLite: no round trips to save).
  virtual void execute_bookkeeping(Connection& conn,
                                   const std::vector<Statement>& statements) const;
};

// ---- The registry (dialect_registry.cpp) ---------------------------------------------------

// Every dialect, in the registry's order.
const std::vector<const Dialect*>& all_dialects();
// The dialect whose name() or one of whose scheme_aliases() is `scheme` (lower case); nullptr
// when none.
const Dialect* dialect_for_scheme(std::string_view scheme);
// The same; Error(Config) naming the supported schemes when none.
const Dialect& find_dialect(std::string_view scheme);
// Error(Config) "retort was built without PostgreSQL support: ..." when `scheme` (lower case)
// belongs to a dialect this build left out (RETORT_WITH_POSTGRESQL/MYSQL=OFF); else nothing.
void require_built_in(std::string_view scheme);
// "sqlite://, postgresql:// or mysql://": the schemes a URL may use, for messages.
std::string supported_schemes();

}  // namespace retort
