// The data-loss guard's question for a narrowing type change (DialectExtras::lossy_value_condition,
// DialectExtras::lossy_values_query): which values would not come through the change unchanged.
#include <fmt/format.h>

#include <algorithm>

#include "dialect/dialect_extras.hpp"

namespace retort {
namespace {

struct Range {
  long long lo;
  long long hi;
};

std::optional<Range> integer_range(const Type& t) {
  switch (t.kind) {
    case TypeKind::SmallInteger:
      return Range{-32768, 32767};
    case TypeKind::Integer:
      return Range{-2147483648LL, 2147483647LL};
    case TypeKind::BigInteger:
      return Range{-9223372036854775807LL - 1, 9223372036854775807LL};
    default:
      return std::nullopt;
  }
}

bool is_text(const Type& t) { return t.kind == TypeKind::String || t.kind == TypeKind::Text; }

// "c < lo OR c > hi", written so that no literal overflows the database's integer parsing.
std::string outside(const std::string& col, const Range& r) {
  return fmt::format("({} < {} OR {} > {})", col,
                     r.lo == -9223372036854775807LL - 1 ? std::string("-9223372036854775807 - 1")
                                                        : std::to_string(r.lo),
                     col, r.hi);
}

}  // namespace

std::optional<std::string> DialectExtras::lossy_value_condition(const Dialect& d,
                                                                const std::string& col,
                                                                const Type& from,
                                                                const Type& to) const {
  // Text to a shorter VARCHAR: any value longer than the new length would be cut or rejected.
  if (to.kind == TypeKind::String && to.length && (is_text(from) || from.kind == TypeKind::Enum))
    return fmt::format("{} > {}", char_length_sql(col), *to.length);
  const auto to_range = integer_range(to);
  if (to_range) {
    if (integer_range(from)) return outside(col, *to_range);
    // A fraction would be rounded away.
    if (from.kind == TypeKind::Numeric || from.kind == TypeKind::Float)
      return fmt::format("({} <> ROUND({}) OR {})", col, col, outside(col, *to_range));
    if (is_text(from)) return lossy_text_to_integer(col, to_range->lo, to_range->hi);
    return std::nullopt;
  }
  if (from.kind == TypeKind::Numeric && to.kind == TypeKind::Numeric) {
    if (!to.precision && !to.scale) return std::nullopt;  // unconstrained: nothing narrows
    const int scale = to.scale.value_or(0);
    std::string cond = fmt::format("{} <> ROUND({}, {})", col, col, scale);
    if (to.precision && *to.precision > scale)
      cond += fmt::format(" OR ABS({}) >= 1{}", col, std::string(*to.precision - scale, '0'));
    else if (to.precision)
      cond += fmt::format(" OR ABS({}) >= 1", col);
    return "(" + cond + ")";
  }
  if (from.kind == TypeKind::Numeric && to.kind == TypeKind::Float) {
    // A decimal with s digits after the point is held exactly by a binary float when, times 2^s,
    // it is a whole number that fits the mantissa (53 bits; 24 for a single-precision FLOAT(p),
    // p <= 24). Exact decimal arithmetic, so the test itself rounds nothing.
    if (!from.scale || *from.scale > 40) return std::nullopt;
    const int mantissa = to.precision && *to.precision <= 24 ? 24 : 53;
    const std::string scaled = fmt::format("({} * {})", col, 1ULL << *from.scale);
    return fmt::format("({} <> FLOOR({}) OR ABS({}) >= {})", scaled, scaled, scaled,
                       1ULL << mantissa);
  }
  if (from.kind == TypeKind::Enum && to.kind == TypeKind::Enum) {
    std::string removed;
    for (const auto& v : from.enum_values)
      if (std::find(to.enum_values.begin(), to.enum_values.end(), v) == to.enum_values.end())
        removed += (removed.empty() ? "" : ", ") + d.literal(Value(v));
    if (removed.empty()) return std::nullopt;
    return fmt::format("{} IN ({})", col, removed);
  }
  return std::nullopt;
}

std::optional<std::string> DialectExtras::lossy_values_query(
    const Dialect& d, const ops::TableRef& table, const std::string& column,
    const std::vector<std::string>& key_columns, const Type& from, const Type& to) const {
  const std::string col = d.quote(column);
  const auto cond = lossy_value_condition(d, col, from, to);
  if (!cond) return std::nullopt;
  const std::string t = d.qualify(table.schema, table.name);
  const std::string where = col + " IS NOT NULL AND " + *cond;
  std::string keys, order;
  for (const auto& k : key_columns) {
    keys += ", " + d.quote(k);
    order += (order.empty() ? " ORDER BY " : ", ") + d.quote(k);
  }
  // The first such row by key, so the example is the same each time it is asked.
  return fmt::format("SELECT (SELECT COUNT(*) FROM {} WHERE {}){} FROM {} WHERE {}{} LIMIT 1", t,
                     where, keys, t, where, order);
}

}  // namespace retort
