// Partitioning, compared: a partitioned table's key (postgresql_partition_by), and a
// partition's parent and bound (partition_of, partition_bound), kept in Table::dialect_options.
// PostgreSQL cannot change a partition key in place, and moving a bound means detaching and
// attaching the partition (which checks every row), so a difference is a warning for a person
// to act on, never an op.
#pragma once

#include <optional>
#include <string>

#include "retort/metadata.hpp"

namespace retort::autogen {

// The warning for table `shown` when its partitioning in the database (`current`) differs from
// the models' (`model`), compared without case and whitespace differences; nullopt when equal.
std::optional<std::string> partitioning_difference(const std::string& shown, const Table& current,
                                                   const Table& model);

}  // namespace retort::autogen
