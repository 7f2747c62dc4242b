#include "dialect/mysql/mariadb_api.hpp"

#include "base/shared_library.hpp"

namespace retort::mysql {

const MariaDb& mariadb() {
  // A function-local static: loaded once, thread-safe; a failed load throws and is retried on the
  // next call.
  static const MariaDb api = [] {
    SharedLibrary lib("libmariadb.so.3", "libmariadb3");
    MariaDb loaded{};
#define RETORT_MARIADB_BIND(name) lib.bind(loaded.name, #name);
    RETORT_MARIADB_FUNCTIONS(RETORT_MARIADB_BIND)
#undef RETORT_MARIADB_BIND
    lib.bind_optional(loaded.mariadb_stmt_execute_direct, "mariadb_stmt_execute_direct");
    return loaded;
  }();
  return api;
}

}  // namespace retort::mysql
