// For the dialects without domains and extensions (SQLite, MySQL/MariaDB): a clear error when a
// script or the models ask for one. PostgreSQL compiles them (postgresql/ddl_domains.cpp).
#pragma once

#include <string_view>

#include "ops/ops.hpp"

namespace retort {

// Error(Script): "<op>: <database> has no domains ...".
[[noreturn]] void refuse_domain(const ops::Op& op, std::string_view database);
// Error(Script): "<op>: <database> has no extensions ...".
[[noreturn]] void refuse_extension(const ops::Op& op, std::string_view database);

}  // namespace retort
