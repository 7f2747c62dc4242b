// Declarative partitioning (partitions.hpp).
#include "dialect/postgresql/partitions.hpp"

#include "dialect/postgresql/types.hpp"
#include "retort/error.hpp"

namespace retort::postgresql {
namespace {

const std::string* option(const Table& t, const char* key) {
  auto it = t.dialect_options.find(key);
  return it == t.dialect_options.end() ? nullptr : &it->second;
}

std::string qualified(const std::string& schema, const std::string& name) {
  return schema.empty() ? quote_identifier(name)
                        : quote_identifier(schema) + "." + quote_identifier(name);
}

std::string text(const Value& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
}

}  // namespace

std::optional<std::string> create_partition_sql(const Table& t,
                                                const std::vector<std::string>& constraints) {
  const std::string* parent = option(t, "partition_of");
  if (!parent) return std::nullopt;
  const std::string* bound = option(t, "partition_bound");
  if (!bound || bound->empty())
    throw Error(ErrorKind::Script,
                "create_table " + t.name + ": a partition (partition_of = \"" + *parent +
                    "\") needs its bound: partition_bound = \"FOR VALUES FROM (...) TO (...)\", "
                    "\"FOR VALUES IN (...)\" or \"DEFAULT\"");
  if (!t.columns.empty())
    throw Error(ErrorKind::Script,
                "create_table " + t.name + ": a partition takes its columns from its parent " +
                    *parent + "; declare them on the parent, not on the partition");
  std::string sql = "CREATE TABLE " + qualified(t.schema, t.name) + " PARTITION OF " +
                    qualified(t.schema, *parent);
  // The partition's own constraints (beyond the parent's, which it takes): PARTITION OF takes
  // table constraints in parentheses before the bound.
  if (!constraints.empty()) {
    sql += " (\n";
    for (size_t i = 0; i < constraints.size(); ++i)
      sql += "    " + constraints[i] + (i + 1 < constraints.size() ? ",\n" : "\n");
    sql += ")";
  }
  sql += " " + *bound;
  if (const std::string* by = option(t, "postgresql_partition_by")) sql += " PARTITION BY " + *by;
  return sql;
}

std::string partition_by_sql(const Table& t) {
  const std::string* by = option(t, "postgresql_partition_by");
  return by ? " PARTITION BY " + *by : "";
}

void set_partitioning(Table& t, const std::vector<Value>& row, size_t first) {
  if (!is_null(row[first])) t.dialect_options["postgresql_partition_by"] = text(row[first]);
  if (!is_null(row[first + 1])) t.dialect_options["partition_of"] = text(row[first + 1]);
  if (!is_null(row[first + 2])) t.dialect_options["partition_bound"] = text(row[first + 2]);
}

void forget_inherited(MetaData& md) {
  // The keys, foreign keys, checks and indexes a partition takes from its parent are left out by
  // the inspector's queries (pg_constraint.conparentid, coninhcount; pg_class.relispartition of
  // the index); what is left is the partition's own.
  for (auto& t : md.tables) {
    if (t.dialect_options.count("partition_of") == 0) continue;
    t.columns.clear();
  }
}

}  // namespace retort::postgresql
