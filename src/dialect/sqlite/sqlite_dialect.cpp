// SqliteDialect: the Dialect members, delegating to the files of this folder.
#include "dialect/sqlite/sqlite_dialect.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/ddl.hpp"
#include "dialect/sqlite/inspect.hpp"
#include "dialect/sqlite/inspect_objects.hpp"
#include "dialect/sqlite/lock.hpp"
#include "dialect/sqlite/sql_parser.hpp"
#include "retort/error.hpp"

namespace retort {

const Dialect& sqlite_dialect() {
  static const sqlite::SqliteDialect instance;
  return instance;
}

namespace sqlite {

void SqliteDialect::parse_url(const std::string& text, std::string_view location, Url& url) const {
  if (location.empty()) return;  // sqlite:// — in memory
  if (location.front() != '/') {
    url::fail(text,
              "a sqlite URL has no host: write sqlite:///relative.db or "
              "sqlite:////absolute/path.db");
  }
  // The file path is taken literally (no percent-decoding): a path may hold '%'.
  std::string path(location.substr(1));
  url.database = path == ":memory:" ? "" : path;
}

std::string SqliteDialect::format_url(const Url& url) const {
  return url.database.empty() ? std::string() : "/" + url.database;
}

Url SqliteDialect::resolve_paths(Url url, const std::filesystem::path& base) const {
  if (url.database.empty() || url.database == ":memory:") return url;
  std::filesystem::path path = url.database;
  if (!path.is_absolute()) url.database = (base / path).string();
  return url;
}

std::optional<std::filesystem::path> SqliteDialect::database_file(const Url& url) const {
  return std::filesystem::path(url.database);
}

std::unique_ptr<Connection> SqliteDialect::connect(const Url& url) const {
  if (url.query.empty() || url.database.empty() || url.database == ":memory:") {
    return std::make_unique<SqliteConnection>(url.database);
  }
  // Query parameters are SQLite URI parameters (sqlite.org/uri.html): sqlite:///app.db?mode=ro
  // opens the file read-only. The path is percent-encoded where URI syntax needs it.
  auto dir = std::filesystem::path(url.database).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
    throw Error(ErrorKind::Database,
                fmt::format("cannot open SQLite database {}: directory {} does not exist",
                            url.database, dir.string()));
  }
  std::string uri = "file:";
  for (char c : url.database) {
    if (c == '?' || c == '#' || c == '%') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  char sep = '?';
  for (const auto& [k, v] : url.query) {
    uri += sep + k + "=" + v;
    sep = '&';
  }
  return std::make_unique<SqliteConnection>(uri);
}

std::string SqliteDialect::quote(std::string_view ident) const { return quote_identifier(ident); }

std::string SqliteDialect::literal(const Value& v) const {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "NULL";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "1" : "0";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          std::string s = fmt::format("{}", x);
          if (s == "inf") return "9e999";
          if (s == "-inf") return "-9e999";
          if (s == "nan") return "NULL";
          return s;
        } else {
          std::string out = "'";
          for (char c : x) {
            if (c == '\'') out += '\'';
            out += c;
          }
          return out + "'";
        }
      },
      v);
}

std::vector<Statement> SqliteDialect::compile(const ops::Op& op, SchemaView& schema) const {
  return sqlite::compile(op, schema);
}

MetaData SqliteDialect::inspect(Connection& conn, const InspectOptions& options) const {
  MetaData md = sqlite::inspect(conn, options);
  sqlite::inspect_objects(conn, options, md);
  return md;
}

std::unique_ptr<SchemaView> SqliteDialect::live_schema(Connection& conn) const {
  return std::make_unique<SqliteSchemaView>(conn);
}

std::unique_ptr<Connection> SqliteDialect::offline_scratch() const {
  return std::make_unique<SqliteConnection>(":memory:");
}

bool SqliteDialect::table_exists(Connection& conn, const ops::TableRef& table) const {
  const std::string schema = table.schema.empty() ? "main" : table.schema;
  // The main and temp databases always exist, so their sqlite_master can be named without
  // risking "unknown database"; it is a plain table, cheaper on a cold start than the
  // pragma_table_info virtual table (about 0.3 ms of `retort current`, bench/RESULTS.md).
  // Names compare without regard to ASCII case, as SQLite resolves them; a view counts, as it
  // does for pragma_table_info.
  if (schema == "main" || schema == "temp") {
    return !conn.query("SELECT 1 FROM " + schema +
                           ".sqlite_master WHERE type IN ('table', 'view') AND name = ?1 COLLATE "
                           "NOCASE",
                       {table.name})
                .rows.empty();
  }
  // An attached database (one that is not attached: "unknown database", as any statement
  // naming it would say).
  return !conn.query("SELECT 1 FROM pragma_table_info(?2, ?1) LIMIT 1", {schema, table.name})
              .rows.empty();
}

std::optional<bool> SqliteDialect::holds_data(Connection& conn, const ops::TableRef& table,
                                              const std::string& column) const {
  const std::string schema = table.schema.empty() ? "main" : table.schema;
  // Look before asking, so a missing table or column is nullopt and never an error (an error
  // would not abort SQLite's transaction, but callers rely on the answer, not the exception).
  if (column.empty()) {
    if (!table_exists(conn, table)) return std::nullopt;
  } else if (conn.query("SELECT 1 FROM pragma_table_info(?2, ?1) WHERE name = ?3 COLLATE NOCASE",
                        {schema, table.name, column})
                 .rows.empty()) {
    return std::nullopt;
  }
  std::string from = qualified(table.schema, table.name);
  std::string sql = column.empty() ? "SELECT EXISTS (SELECT 1 FROM " + from + ")"
                                   : "SELECT EXISTS (SELECT 1 FROM " + from + " WHERE " +
                                         quote(column) + " IS NOT NULL)";
  ResultSet rs = conn.query(sql);
  return !rs.rows.empty() && std::get<std::int64_t>(rs.rows[0][0]) != 0;
}

std::unique_ptr<MigrationLock> SqliteDialect::acquire_lock(Connection& conn,
                                                           const LockOptions& options) const {
  return sqlite::acquire_lock(conn, options);
}

}  // namespace sqlite
}  // namespace retort
