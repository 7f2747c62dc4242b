// SQLAlchemy's uppercase types (sa.TIMESTAMP(), sa.VARCHAR(50), sa.NUMERIC(10, 2), ...) name the
// database type literally: `sa.TIMESTAMP()` is TIMESTAMP on MySQL/MariaDB, where the generic
// sa.DateTime() is DATETIME. The script layer keeps their generic kind (so comparison, identity
// columns and the data-loss guard treat them as their kind) and records the name in
// Type::native; each dialect's type rendering asks here first.
#pragma once

#include <optional>
#include <string>

#include "retort/metadata.hpp"

namespace retort {

// The literal spelling of an uppercase type ("TIMESTAMP", "VARCHAR(50)", "NUMERIC(10, 2)"), or
// nullopt for any other type. A timezone-aware DateTime/Time has no literal spelling common to
// the databases: nullopt, the dialect spells it.
std::optional<std::string> literal_type_sql(const Type& type);

}  // namespace retort
