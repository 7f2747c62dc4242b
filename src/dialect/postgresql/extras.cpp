// PostgreSQL's DialectExtras (dialect/dialect_extras.hpp).
#include <fmt/format.h>

#include "dialect/dialect_extras.hpp"

namespace retort {
namespace {

class PostgresExtras : public DialectExtras {
 public:
  // A plain integer (no leading zero, no "-0", no spaces) reads back as written; the CASE keeps
  // the cast from ever seeing anything else, so the question cannot fail.
  std::optional<std::string> lossy_text_to_integer(const std::string& col, long long lo,
                                                   long long hi) const override {
    return fmt::format(
        "CASE WHEN {} ~ '^(0|-?[1-9][0-9]{{0,17}})$' THEN CAST({} AS bigint) NOT BETWEEN {} AND "
        "{} ELSE TRUE END",
        col, col, lo, hi);
  }
};

}  // namespace

const DialectExtras& postgresql_extras() {
  static const PostgresExtras extras;
  return extras;
}

}  // namespace retort
