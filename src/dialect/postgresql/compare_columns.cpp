// PostgresDialect's column and index detail hooks: PostgreSQL keeps index methods, operator
// classes, INCLUDE columns and NULLS order, and no MySQL options.
#include <algorithm>
#include <cctype>
#include <string>

#include "dialect/postgresql/postgresql_dialect.hpp"
#include "dialect/postgresql/types.hpp"

namespace retort::postgresql {

void PostgresDialect::comparable_column(Column& c, const Table& table) const {
  c.mysql_on_update.reset();
  c.type.mysql_charset.clear();
  if (c.identity || c.server_default || c.computed || !is_integer_type(c.type)) return;
  // The DDL compiler's rule (ddl.cpp): an integer key column increments when autoincrement is
  // true, or unset and it is the only key column and no foreign key.
  std::vector<std::string> pk;
  if (table.primary_key) pk = table.primary_key->columns;
  for (const auto& other : table.columns)
    if (other.primary_key && std::find(pk.begin(), pk.end(), other.name) == pk.end())
      pk.push_back(other.name);
  bool in_pk = std::find(pk.begin(), pk.end(), c.name) != pk.end();
  bool in_fk = !c.foreign_keys.empty();
  for (const auto& fk : table.foreign_keys)
    in_fk |= std::find(fk.columns.begin(), fk.columns.end(), c.name) != fk.columns.end();
  if (c.autoincrement == true || (!c.autoincrement && in_pk && pk.size() == 1 && !in_fk))
    c.identity = Identity{};
}

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
