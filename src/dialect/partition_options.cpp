// refuse_partitioning (partition_options.hpp).
#include "dialect/partition_options.hpp"

#include "retort/error.hpp"

namespace retort {

void refuse_partitioning(const Table& t, std::string_view database) {
  for (const char* key : {"postgresql_partition_by", "partition_of", "partition_bound"}) {
    if (t.dialect_options.count(key) == 0) continue;
    throw Error(ErrorKind::Script, "create_table " + t.name + ": " + key +
                                       " (declarative partitioning) is PostgreSQL only; " +
                                       std::string(database) +
                                       " cannot create it: leave the option out for this "
                                       "database, or partition with op.execute");
  }
}

}  // namespace retort
