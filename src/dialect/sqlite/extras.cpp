// SQLite's DialectExtras (dialect/dialect_extras.hpp).
#include <fmt/format.h>

#include "dialect/dialect_extras.hpp"

namespace retort {
namespace {

// SQLite keeps whatever a column is given (type affinity converts what it can and keeps the
// rest), so the guard asks what the declared type promises.
class SqliteExtras : public DialectExtras {
 public:
  std::string char_length_sql(const std::string& col) const override {
    return "length(" + col + ")";
  }
  // Text that does not read back as the same integer.
  std::optional<std::string> lossy_text_to_integer(const std::string& col, long long lo,
                                                   long long hi) const override {
    return fmt::format(
        "(CAST(CAST({} AS INTEGER) AS TEXT) IS NOT {} OR CAST({} AS INTEGER) NOT BETWEEN {} AND "
        "{})",
        col, col, col, lo, hi);
  }
  // NUMERIC values are held as integers or floats already: only what is neither changes.
  std::optional<std::string> lossy_value_condition(const Dialect& d, const std::string& col,
                                                   const Type& from,
                                                   const Type& to) const override {
    if (from.kind == TypeKind::Numeric && to.kind == TypeKind::Float)
      return "typeof(" + col + ") NOT IN ('integer', 'real')";
    return DialectExtras::lossy_value_condition(d, col, from, to);
  }
};

}  // namespace

const DialectExtras& sqlite_extras() {
  static const SqliteExtras extras;
  return extras;
}

}  // namespace retort
