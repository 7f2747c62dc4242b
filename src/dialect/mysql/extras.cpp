// MySQL/MariaDB's DialectExtras (dialect/dialect_extras.hpp).
#include <fmt/format.h>

#include "dialect/dialect_extras.hpp"

namespace retort {
namespace {

class MysqlExtras : public DialectExtras {
 public:
  // The client's default character set (latin1 on many installs) would garble a 4-byte
  // character in a name, comment or literal of the script.
  std::string offline_preamble() const override { return "SET NAMES utf8mb4;\n\n"; }

  // As PostgreSQL's: a plain integer reads back as written; anything else would be converted.
  std::optional<std::string> lossy_text_to_integer(const std::string& col, long long lo,
                                                   long long hi) const override {
    return fmt::format(
        "CASE WHEN {} REGEXP '^(0|-?[1-9][0-9]{{0,17}})$' THEN CAST({} AS SIGNED) NOT BETWEEN "
        "{} AND {} ELSE TRUE END",
        col, col, lo, hi);
  }
};

}  // namespace

const DialectExtras& mysql_extras() {
  static const MysqlExtras extras;
  return extras;
}

}  // namespace retort
