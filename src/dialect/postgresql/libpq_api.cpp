#include "dialect/postgresql/libpq_api.hpp"

#include "base/shared_library.hpp"

namespace retort::postgresql {

const LibPq& libpq() {
  // A function-local static: loaded once, thread-safe; a failed load throws and is retried next
  // call.
  static const LibPq api = [] {
    SharedLibrary lib("libpq.so.5", "libpq5");
    LibPq loaded{};
#define RETORT_LIBPQ_BIND(name) lib.bind(loaded.name, #name);
    RETORT_LIBPQ_FUNCTIONS(RETORT_LIBPQ_BIND)
#undef RETORT_LIBPQ_BIND
    return loaded;
  }();
  return api;
}

}  // namespace retort::postgresql
