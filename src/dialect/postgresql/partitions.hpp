// Declarative partitioning on PostgreSQL: the DDL of a partitioned table and of its partitions,
// and their reflection.
//
// A partitioned table carries `postgresql_partition_by` ("RANGE (created_at)") in its
// dialect_options; a partition carries `partition_of` (its parent's name, same schema) and
// `partition_bound` ("FOR VALUES FROM (...) TO (...)", "FOR VALUES IN (...)", "DEFAULT") and
// no columns of its own: it takes them from its parent, with its keys, foreign keys, checks and
// indexes, so an index or a foreign key of the parent is created once, and the copies PostgreSQL
// makes on each partition are never reflected as the partition's (nor reported as differences).
// A partition may hold indexes, foreign keys and checks of its own besides (pg_dump writes them
// on the partition): those are the partition's, reflected, compared and created on it.
// docs/script-api.md, "Partitioned tables".
#pragma once

#include <optional>
#include <string>

#include <vector>

#include "retort/metadata.hpp"
#include "retort/value.hpp"

namespace retort::postgresql {

// CREATE TABLE ... PARTITION OF parent [(constraints)] bound, when `t` is a partition; nullopt
// otherwise. `constraints`: the partition's own table constraints, as the CREATE TABLE lines.
// Error(Script) when it has no bound, or columns of its own.
std::optional<std::string> create_partition_sql(const Table& t,
                                                const std::vector<std::string>& constraints);

// " PARTITION BY ..." for a partitioned table, else "".
std::string partition_by_sql(const Table& t);

// The inspector's table query selects these three columns (of pg_class `c`) after its own:
// the partition key (pg_get_partkeydef), the parent's name, and the bound (pg_get_expr of
// relpartbound), each NULL where it does not apply.
constexpr const char* kPartitioningColumns =
    "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
    "(SELECT pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent "
    "WHERE c.relispartition AND i.inhrelid = c.oid), "
    "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END ";

// The dialect_options of `t` from those columns of `row`, the first at `first`.
void set_partitioning(Table& t, const std::vector<Value>& row, size_t first);

// Empties the partitions of `md` (the tables with partition_of) of their columns, which they
// take from their parent (the inherited keys, checks and indexes are not reflected).
void forget_inherited(MetaData& md);

}  // namespace retort::postgresql
