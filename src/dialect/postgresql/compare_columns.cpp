// PostgresDialect's column and index detail hooks: PostgreSQL keeps index methods, operator
// classes, INCLUDE columns and NULLS order, and no MySQL options.
#include <cctype>
#include <string>

#include "dialect/postgresql/postgresql_dialect.hpp"

namespace retort::postgresql {

void PostgresDialect::comparable_index(Index& ix) const {
  ix.mysql_prefix.clear();
  for (auto& ch : ix.postgresql_using)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ix.postgresql_using == "btree") ix.postgresql_using.clear();
  for (auto& e : ix.elements) {
    e.mysql_length.reset();
    // The default: NULLS LAST ascending, NULLS FIRST descending; the inspector reports the rest.
    if (e.nulls == (e.descending ? "FIRST" : "LAST")) e.nulls.clear();
  }
}

}  // namespace retort::postgresql
