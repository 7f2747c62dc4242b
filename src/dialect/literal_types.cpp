// The literal spelling of SQLAlchemy's uppercase types (see literal_types.hpp).
#include "dialect/literal_types.hpp"

#include <fmt/format.h>

namespace retort {

std::optional<std::string> literal_type_sql(const Type& type) {
  if (type.kind == TypeKind::Native || type.native.empty()) return std::nullopt;
  const std::string& name = type.native;
  switch (type.kind) {
    case TypeKind::String:
      return type.length ? fmt::format("{}({})", name, *type.length) : name;
    case TypeKind::Numeric:
      if (type.precision && type.scale)
        return fmt::format("{}({}, {})", name, *type.precision, *type.scale);
      if (type.precision) return fmt::format("{}({})", name, *type.precision);
      return name;
    case TypeKind::Float:
      return type.precision ? fmt::format("{}({})", name, *type.precision) : name;
    case TypeKind::DateTime:
    case TypeKind::Time:
      if (type.timezone) return std::nullopt;
      return name;
    default:
      return name;
  }
}

}  // namespace retort
