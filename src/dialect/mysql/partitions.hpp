// MySQL/MariaDB partitioning as retort keeps it: Table::dialect_options mysql_partition_by
// ("RANGE COLUMNS(from_date)") and mysql_partitions, either a number of partitions (HASH, KEY)
// or the definitions one a line ("PARTITION p01 VALUES LESS THAN ('1985-12-31')"). This file
// turns them into DDL, compares them as the server prints them, and works out the ALTER TABLE
// that takes one partitioning to another with the least rows moved: ADD PARTITION at the end,
// REORGANIZE PARTITION where partitions change in the middle or a RANGE partition goes before one
// that stays (the server moves the rows, and refuses a row that would have no partition), DROP
// PARTITION where the last partitions or LIST ones go (their rows go with them: the data-loss
// guard asks first), PARTITION BY when the key changes.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "retort/metadata.hpp"

namespace retort::mysql {

struct PartitionDef {
  std::string name;   // unquoted
  std::string bound;  // "VALUES LESS THAN (...)", "VALUES IN (...)", or "" (HASH, KEY)
};

// The definitions of a mysql_partitions value (one a line); none for a number or "".
std::vector<PartitionDef> partition_defs(const std::string& partitions);
// The value for `defs`: one "PARTITION name bound" a line.
std::string partitions_value(const std::vector<PartitionDef>& defs);
// Text for comparing: lower case outside quotes, no whitespace or backticks, "(MAXVALUE)" as
// "maxvalue".
std::string partition_text_key(const std::string& s);
// Do two tables' partitionings mean the same?
bool same_partitioning(const Table& a, const Table& b);
// " PARTITION BY ... (...)" for CREATE TABLE; "" when the table is not partitioned.
std::string partition_clause(const Table& t);

// The ALTER TABLE clauses (one a statement: MySQL takes one partition clause per ALTER) that
// take partitioning (from_by, from) to (to_by, to), and the partitions they drop with their rows.
struct PartitionChange {
  std::vector<std::string> clauses;
  std::vector<std::string> dropped;
};
PartitionChange partition_change(const std::string& from_by, const std::string& from,
                                 const std::string& to_by, const std::string& to);

// The partition change an op.alter_table_options makes: from its existing_* values, else the
// table as `schema` sees it, to its new ones.
PartitionChange partition_change_of(const ops::AlterTableOptions& op, SchemaView& schema);

}  // namespace retort::mysql
