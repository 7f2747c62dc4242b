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
  std::optional<std::size_t> max_identifier_bytes() const override { return 63; }  // NAMEDATALEN-1

  // template0: the scratch starts empty even where template1 holds objects; FORCE: a session
  // left open by a failed check does not keep it alive (PostgreSQL 13+).
  Scratch create_scratch(const Dialect& d, const std::string& project_url, Connection* admin,
                         const std::string& name) const override {
    if (!admin) return DialectExtras::create_scratch(d, project_url, admin, name);
    admin->execute("CREATE DATABASE " + d.quote(name) + " TEMPLATE template0");
    Scratch s;
    s.url = url_with_database(project_url, name);
    s.drop = [admin, sql = "DROP DATABASE IF EXISTS " + d.quote(name) + " WITH (FORCE)"] {
      admin->execute(sql);
    };
    return s;
  }
};

}  // namespace

const DialectExtras& postgresql_extras() {
  static const PostgresExtras extras;
  return extras;
}

}  // namespace retort
