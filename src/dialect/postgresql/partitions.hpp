// Declarative partitioning on PostgreSQL: the DDL of a partitioned table and of its partitions,
// and their reflection.
//
// A partitioned table carries `postgresql_partition_by` ("RANGE (created_at)") in its
// dialect_options; a partition carries `partition_of` (its parent's name, same schema) and
// `partition_bound` ("FOR VALUES FROM (...) TO (...)", "FOR VALUES IN (...)", "DEFAULT") and
// no columns, keys or indexes of its own: it takes them from its parent, so an index or a
// foreign key of the parent is created once, and the copies PostgreSQL makes on each partition
// are never reported as differences. docs/script-api.md, "Partitioned tables".
#pragma once

#include <optional>
#include <string>

#include "dialect/connection.hpp"
#include "retort/metadata.hpp"

namespace retort::postgresql {

// CREATE TABLE ... PARTITION OF parent bound, when `t` is a partition; nullopt otherwise.
// Error(Script) when it has no bound, or columns of its own.
std::optional<std::string> create_partition_sql(const Table& t);

// " PARTITION BY ..." for a partitioned table, else "".
std::string partition_by_sql(const Table& t);

// Sets the partitioning options of the reflected tables of `md` (schemas as in
// PostgresInspector: `wanted` a JSON array of names, `current` the default schema shown as ""),
// and empties the partitions of what they inherit. One query.
void reflect_partitions(Connection& conn, const std::string& wanted, const std::string& current,
                        MetaData& md);

}  // namespace retort::postgresql
