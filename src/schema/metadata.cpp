// Lookups on the schema model.
#include "retort/metadata.hpp"

namespace retort {

const Column* Table::find_column(const std::string& column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

Column* Table::find_column(const std::string& column) {
  for (auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

const Table* MetaData::find_table(const std::string& schema, const std::string& name) const {
  for (const auto& t : tables)
    if (t.name == name && t.schema == schema) return &t;
  return nullptr;
}

Table* MetaData::find_table(const std::string& schema, const std::string& name) {
  for (auto& t : tables)
    if (t.name == name && t.schema == schema) return &t;
  return nullptr;
}

}  // namespace retort
