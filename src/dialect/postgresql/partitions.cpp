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

// pg_get_partkeydef and pg_get_expr(relpartbound) text, as the database normalises it.
constexpr const char* kPartitionsSql = R"SQL(
SELECT n.nspname, c.relname, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       pn.nspname, pc.relname, CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_class pc ON pc.oid = i.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE (c.relkind = 'p' OR c.relispartition) AND c.relkind IN ('r', 'p')
  AND n.nspname IN (SELECT json_array_elements_text($1::json))
)SQL";

}  // namespace

std::optional<std::string> create_partition_sql(const Table& t) {
  const std::string* parent = option(t, "partition_of");
  if (!parent) return std::nullopt;
  const std::string* bound = option(t, "partition_bound");
  if (!bound || bound->empty())
    throw Error(ErrorKind::Script,
                "create_table " + t.name + ": a partition (partition_of = \"" + *parent +
                    "\") needs its bound: partition_bound = \"FOR VALUES FROM (...) TO (...)\", "
                    "\"FOR VALUES IN (...)\" or \"DEFAULT\"");
  if (!t.columns.empty() || t.primary_key || !t.indexes.empty() || !t.foreign_keys.empty() ||
      !t.unique_constraints.empty())
    throw Error(ErrorKind::Script, "create_table " + t.name +
                                       ": a partition takes its columns, keys and indexes "
                                       "from its parent " +
                                       *parent +
                                       "; declare them on the parent, not on the partition");
  std::string sql = "CREATE TABLE " + qualified(t.schema, t.name) + " PARTITION OF " +
                    qualified(t.schema, *parent) + " " + *bound;
  if (const std::string* by = option(t, "postgresql_partition_by")) sql += " PARTITION BY " + *by;
  return sql;
}

std::string partition_by_sql(const Table& t) {
  const std::string* by = option(t, "postgresql_partition_by");
  return by ? " PARTITION BY " + *by : "";
}

void reflect_partitions(Connection& conn, const std::string& wanted, const std::string& current,
                        MetaData& md) {
  auto shown = [&](const std::string& s) { return s == current ? std::string() : s; };
  for (const auto& row : conn.query(kPartitionsSql, {Value(wanted)}).rows) {
    Table* t = md.find_table(shown(text(row[0])), text(row[1]));
    if (!t) continue;
    if (!is_null(row[2])) t->dialect_options["postgresql_partition_by"] = text(row[2]);
    if (is_null(row[5])) continue;
    t->dialect_options["partition_of"] = text(row[4]);
    t->dialect_options["partition_bound"] = text(row[5]);
    // What a partition inherits is its parent's.
    t->columns.clear();
    t->primary_key.reset();
    t->unique_constraints.clear();
    t->foreign_keys.clear();
    t->check_constraints.clear();
    t->indexes.clear();
  }
}

}  // namespace retort::postgresql
