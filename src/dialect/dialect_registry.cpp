// The one explicit list of dialects. Adding a database: a folder under src/dialect/ and a line
// in kDialects (docs/design/adding-a-dialect.md). Nothing else in the tree names them all
// (tests/dialect/registry_test.cpp checks it).
#include <fmt/format.h>

#include <iterator>
#include <string>

#include "dialect/dialect.hpp"
#include "dialect/dialect_extras.hpp"
#include "retort/error.hpp"

#ifndef RETORT_WITH_POSTGRESQL
#define RETORT_WITH_POSTGRESQL 1
#endif
#ifndef RETORT_WITH_MYSQL
#define RETORT_WITH_MYSQL 1
#endif

namespace retort {

// Each defined in dialect/<name>/<name>_dialect.cpp. A build may leave PostgreSQL or MySQL out
// (CMake options RETORT_WITH_POSTGRESQL, RETORT_WITH_MYSQL; defined 0 or 1 by CMakeLists.txt).
const Dialect& sqlite_dialect();
#if RETORT_WITH_POSTGRESQL
const Dialect& postgresql_dialect();
#endif
#if RETORT_WITH_MYSQL
const Dialect& mysql_dialect();
#endif

// Each defined in dialect/<name>/extras.cpp.
const DialectExtras& sqlite_extras();
#if RETORT_WITH_POSTGRESQL
const DialectExtras& postgresql_extras();
#endif
#if RETORT_WITH_MYSQL
const DialectExtras& mysql_extras();
#endif

namespace {

// In the order messages list them.
constexpr const Dialect& (*kDialects[])() = {
    sqlite_dialect,
#if RETORT_WITH_POSTGRESQL
    postgresql_dialect,
#endif
#if RETORT_WITH_MYSQL
    mysql_dialect,
#endif
};

// kDialects[i]'s DialectExtras.
constexpr const DialectExtras& (*kExtras[])() = {
    sqlite_extras,
#if RETORT_WITH_POSTGRESQL
    postgresql_extras,
#endif
#if RETORT_WITH_MYSQL
    mysql_extras,
#endif
};
static_assert(std::size(kExtras) == std::size(kDialects));

// A dialect this build left out: its URL schemes get an error that says so, rather than
// "unsupported database", which would send the user looking for a typo.
struct LeftOut {
  std::string_view schemes[2];
  std::string_view database;
  std::string_view option;
};
constexpr LeftOut kLeftOut[] = {
#if !RETORT_WITH_POSTGRESQL
    {{"postgresql", "postgres"}, "PostgreSQL", "RETORT_WITH_POSTGRESQL"},
#endif
#if !RETORT_WITH_MYSQL
    {{"mysql", "mariadb"}, "MySQL/MariaDB", "RETORT_WITH_MYSQL"},
#endif
    {{}, "", ""},  // keeps the array non-empty
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

void require_built_in(std::string_view scheme) {
  for (const LeftOut& out : kLeftOut) {
    for (std::string_view s : out.schemes) {
      if (!s.empty() && s == scheme) {
        throw Error(ErrorKind::Config,
                    fmt::format("retort was built without {} support: rebuild it with -D{}=ON to "
                                "use {}:// URLs",
                                out.database, out.option, scheme));
      }
    }
  }
}

const Dialect& find_dialect(std::string_view scheme) {
  if (const Dialect* d = dialect_for_scheme(scheme)) return *d;
  require_built_in(scheme);
  throw Error(ErrorKind::Config, "unsupported database '" + std::string(scheme) + "': use a " +
                                     supported_schemes() + " URL");
}

const DialectExtras& dialect_extras(const Dialect& dialect) {
  for (size_t i = 0; i < std::size(kDialects); ++i)
    if (&kDialects[i]() == &dialect) return kExtras[i]();
  static const DialectExtras defaults;  // a dialect outside the list (a test's own)
  return defaults;
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
