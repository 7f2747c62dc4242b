// The generic type mapping (generic_types.hpp).
#include "dialect/generic_types.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace retort {

std::string generic_type_sql(const Type& type) {
  switch (type.kind) {
    case TypeKind::Integer:
      return "INTEGER";
    case TypeKind::BigInteger:
      return "BIGINT";
    case TypeKind::SmallInteger:
      return "SMALLINT";
    case TypeKind::String:
      return type.length ? fmt::format("VARCHAR({})", *type.length) : "VARCHAR";
    case TypeKind::Text:
      return "TEXT";
    case TypeKind::Boolean:
      return "BOOLEAN";
    case TypeKind::Date:
      return "DATE";
    case TypeKind::DateTime:
      return "DATETIME";
    case TypeKind::Time:
      return "TIME";
    case TypeKind::Numeric:
      if (type.precision && type.scale)
        return fmt::format("NUMERIC({}, {})", *type.precision, *type.scale);
      if (type.precision) return fmt::format("NUMERIC({})", *type.precision);
      return "NUMERIC";
    case TypeKind::Float:
      return type.precision ? fmt::format("FLOAT({})", *type.precision) : "FLOAT";
    case TypeKind::LargeBinary:
      return "BLOB";
    case TypeKind::JSON:
      return "JSON";
    case TypeKind::Uuid:
      return "UUID";
    case TypeKind::Enum: {
      size_t longest = 0;
      for (const auto& v : type.enum_values) longest = std::max(longest, v.size());
      return fmt::format("VARCHAR({})", longest);
    }
    case TypeKind::Native:
      return type.native;
    case TypeKind::Interval:
      return "INTERVAL";
    case TypeKind::Array: {
      std::string out = type.item_type.empty() ? "" : generic_type_sql(type.item_type[0]);
      for (int i = 0; i < type.dimensions.value_or(1); ++i) out += "[]";
      return out;
    }
  }
  return type.native;
}

}  // namespace retort
