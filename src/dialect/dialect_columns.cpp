// The generic column and index detail hooks of Dialect: comparable_column, comparable_index and
// collations_equivalent. A dialect that keeps a prefixed option (mysql_*, postgresql_*)
// overrides them to keep its own.
#include <algorithm>
#include <cctype>
#include <string>

#include "dialect/dialect.hpp"

namespace retort {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void Dialect::comparable_column(Column& model, const Table&) const {
  model.mysql_on_update.reset();
  model.type.mysql_charset.clear();
}

void Dialect::comparable_index(Index& model) const {
  model.postgresql_using.clear();
  model.postgresql_include.clear();
  model.mysql_prefix.clear();
  for (auto& e : model.elements) {
    e.postgresql_ops.clear();
    e.mysql_length.reset();
  }
}

bool Dialect::collations_equivalent(const Type& reflected, const Type& model) const {
  return lower(reflected.collation) == lower(model.collation);
}

}  // namespace retort
