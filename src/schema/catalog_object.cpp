// CatalogObject::path (retort/metadata.hpp).
#include "retort/metadata.hpp"

namespace retort {

std::string CatalogObject::path() const {
  std::string out = schema;
  for (const std::string* part : {&table, &name}) {
    if (part->empty()) continue;
    if (!out.empty()) out += '.';
    out += *part;
  }
  return out;
}

}  // namespace retort
