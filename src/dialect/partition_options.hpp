// For the dialects without declarative partitioning (SQLite, MySQL/MariaDB, whose partitioning
// retort reports but does not manage): a clear error when a table asks for it.
#pragma once

#include <string_view>

#include "retort/metadata.hpp"

namespace retort {

// Error(Script) when `t` carries postgresql_partition_by, partition_of or partition_bound.
void refuse_partitioning(const Table& t, std::string_view database);

}  // namespace retort
