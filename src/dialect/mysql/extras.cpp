// MySQL/MariaDB's DialectExtras (dialect/dialect_extras.hpp).
#include <fmt/format.h>

#include <cctype>

#include "dialect/dialect_extras.hpp"

namespace retort {
namespace {

class MysqlExtras : public DialectExtras {
 public:
  // The client's default character set (latin1 on many installs) would garble a 4-byte
  // character in a name, comment or literal of the script.
  std::string offline_preamble() const override { return "SET NAMES utf8mb4;\n\n"; }

  // The statements that cause no implicit commit are the data statements
  // (https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/): judged by the
  // first keyword after blanks and comments; anything else (DDL, CALL, LOCK...) counts as DDL.
  bool commits_implicitly(const std::string& sql) const override {
    size_t i = 0;
    for (;;) {
      while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
      if (sql.compare(i, 2, "--") == 0 || sql.compare(i, 1, "#") == 0) {
        i = sql.find('\n', i);
        if (i == std::string::npos) return true;
      } else if (sql.compare(i, 2, "/*") == 0) {
        i = sql.find("*/", i);
        if (i == std::string::npos) return true;
        i += 2;
      } else {
        break;
      }
    }
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return !(word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "REPLACE");
  }

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
