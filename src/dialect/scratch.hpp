// Helpers for Dialect::load_schema_sql: the models as a schema.sql, run in a scratch database of
// the project's dialect and reflected. Shared by the dialects whose scratch lives on the server
// (a temporary PostgreSQL schema, a temporary MySQL database).
#pragma once

#include <string>
#include <string_view>

#include "dialect/dialect.hpp"

namespace retort {

// Runs a schema.sql's statements on `conn`, except privilege_statement()s: an error names the
// file and line, and the statement.
void run_schema_script(Connection& conn, const SchemaScript& script);

// Does the statement only concern ownership or privileges (GRANT, REVOKE, ALTER DEFAULT
// PRIVILEGES, ALTER ... OWNER TO role)? A schema.sql skips those (docs/autogenerate.md).
bool privilege_statement(const std::string& sql);

// A fresh name for a scratch schema or database: retort_scratch_<8 hex digits>_<database>,
// the project's database name cut to fit 63 bytes, other characters than [A-Za-z0-9] as `_`.
std::string scratch_name(std::string_view database);

// The scratch schema's name never reaches the comparison: its tables, and the foreign keys that
// refer to them, become the default schema's.
void forget_scratch_schema(MetaData& m, const std::string& scratch);

}  // namespace retort
