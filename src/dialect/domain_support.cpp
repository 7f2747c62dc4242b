// refuse_domain and refuse_extension (domain_support.hpp).
#include "dialect/domain_support.hpp"

#include <fmt/format.h>

#include "retort/error.hpp"

namespace retort {

void refuse_domain(const ops::Op& op, std::string_view database) {
  throw Error(ErrorKind::Script,
              fmt::format("{}: {} has no domains (CREATE DOMAIN is PostgreSQL's); use the base "
                          "type, with a check constraint on the column",
                          ops::describe(op), database));
}

void refuse_extension(const ops::Op& op, std::string_view database) {
  throw Error(ErrorKind::Script,
              fmt::format("{}: {} has no extensions (CREATE EXTENSION is PostgreSQL's)",
                          ops::describe(op), database));
}

}  // namespace retort
