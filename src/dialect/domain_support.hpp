// For the dialects without domains, extensions and exclusion constraints (SQLite, MySQL/MariaDB):
// a clear error when a script or the models ask for one. PostgreSQL compiles them
// (postgresql/ddl_domains.cpp, postgresql/ddl_excludes.cpp).
#pragma once

#include <string_view>

#include "ops/ops.hpp"

namespace retort {

// Error(Script): "<op>: <database> has no domains ...".
[[noreturn]] void refuse_domain(const ops::Op& op, std::string_view database);
// Error(Script): "<op>: <database> has no enum types ..." (op.sync_enum_values).
[[noreturn]] void refuse_enum_type(const ops::Op& op, std::string_view database);
// Error(Script): "<op>: <database> has no extensions ...".
[[noreturn]] void refuse_extension(const ops::Op& op, std::string_view database);
// Error(Script): "<op>: <database> has no exclusion constraints ...".
[[noreturn]] void refuse_exclude(const ops::Op& op, std::string_view database);
// The same for a table (create_table, or a rebuild) that has exclusion constraints; nothing
// when it has none.
void refuse_exclude_constraints(const Table& table, std::string_view database);

}  // namespace retort
