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

void refuse_enum_type(const ops::Op& op, std::string_view database) {
  throw Error(ErrorKind::Script,
              fmt::format("{}: {} has no enum types (an ENUM belongs to its column there); "
                          "change the column with op.alter_column and its type_",
                          ops::describe(op), database));
}

void refuse_extension(const ops::Op& op, std::string_view database) {
  throw Error(ErrorKind::Script,
              fmt::format("{}: {} has no extensions (CREATE EXTENSION is PostgreSQL's)",
                          ops::describe(op), database));
}

namespace {

std::string no_excludes(std::string_view database) {
  return fmt::format(
      "{} has no exclusion constraints (EXCLUDE is PostgreSQL's); use a unique constraint, or "
      "a trigger that checks the rows",
      database);
}

}  // namespace

void refuse_exclude(const ops::Op& op, std::string_view database) {
  throw Error(ErrorKind::Script, ops::describe(op) + ": " + no_excludes(database));
}

void refuse_exclude_constraints(const Table& table, std::string_view database) {
  if (table.exclude_constraints.empty()) return;
  throw Error(ErrorKind::Script,
              fmt::format("table {}: exclusion constraint {}: {}", table.name,
                          table.exclude_constraints.front().name, no_excludes(database)));
}

}  // namespace retort
