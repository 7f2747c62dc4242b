// The one explicit list of dialects. Adding a database: a folder under src/dialect/ and a line
// here.
#include <string>

#include "dialect/dialect.hpp"
#include "retort/error.hpp"

namespace retort {

const Dialect& sqlite_dialect();      // dialect/sqlite/sqlite_dialect.cpp
const Dialect& postgresql_dialect();  // dialect/postgresql/postgresql_dialect.cpp
const Dialect& mysql_dialect();       // dialect/mysql/mysql_dialect.cpp

const Dialect& find_dialect(std::string_view scheme) {
  if (scheme == "sqlite") return sqlite_dialect();
  if (scheme == "postgresql") return postgresql_dialect();
  if (scheme == "mysql") return mysql_dialect();
  throw Error(ErrorKind::Config, "unsupported database '" + std::string(scheme) +
                                     "': use a sqlite://, postgresql:// or mysql:// URL");
}

}  // namespace retort
