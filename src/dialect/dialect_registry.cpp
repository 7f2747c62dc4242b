// The one explicit list of dialects. Adding a database: a folder under src/dialect/ and a line
// in kDialects (docs/design/adding-a-dialect.md). Nothing else in the tree names them all
// (tests/dialect/registry_test.cpp checks it).
#include <fmt/format.h>

#include <string>

#include "dialect/dialect.hpp"
#include "retort/error.hpp"

namespace retort {

// Each defined in dialect/<name>/<name>_dialect.cpp.
const Dialect& sqlite_dialect();
const Dialect& postgresql_dialect();
const Dialect& mysql_dialect();

namespace {

// In the order messages list them.
constexpr const Dialect& (*kDialects[])() = {
    sqlite_dialect,
    postgresql_dialect,
    mysql_dialect,
};

}  // namespace

const std::vector<const Dialect*>& all_dialects() {
  static const std::vector<const Dialect*> all = [] {
    std::vector<const Dialect*> out;
    for (auto get : kDialects) out.push_back(&get());
    return out;
  }();
  return all;
}

const Dialect* dialect_for_scheme(std::string_view scheme) {
  for (const Dialect* d : all_dialects()) {
    if (d->name() == scheme) return d;
    for (std::string_view alias : d->scheme_aliases())
      if (alias == scheme) return d;
  }
  return nullptr;
}

const Dialect& find_dialect(std::string_view scheme) {
  if (const Dialect* d = dialect_for_scheme(scheme)) return *d;
  throw Error(ErrorKind::Config, "unsupported database '" + std::string(scheme) + "': use a " +
                                     supported_schemes() + " URL");
}

std::string supported_schemes() {
  std::string out;
  const auto& all = all_dialects();
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += i + 1 == all.size() ? " or " : ", ";
    out += fmt::format("{}://", all[i]->name());
  }
  return out;
}

}  // namespace retort
