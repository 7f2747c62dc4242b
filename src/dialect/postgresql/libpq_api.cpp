#include "dialect/postgresql/libpq_api.hpp"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "retort/error.hpp"

namespace retort::postgresql {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::Database,
              "cannot load libpq.so.5: " + what + "; install the libpq5 package");
}

LibPq load() {
  // Never closed: the library stays for the life of the process, like a linked one.
  void* lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!lib) fail(dlerror());
  LibPq api{};
  auto sym = [&](auto& fn, const char* name) {
    void* p = dlsym(lib, name);
    if (!p) fail(dlerror());
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
  };
#define RETORT_PQ_SYM(name) sym(api.name, #name)
  RETORT_PQ_SYM(PQconnectdbParams);
  RETORT_PQ_SYM(PQstatus);
  RETORT_PQ_SYM(PQerrorMessage);
  RETORT_PQ_SYM(PQfinish);
  RETORT_PQ_SYM(PQclear);
  RETORT_PQ_SYM(PQexec);
  RETORT_PQ_SYM(PQsendQuery);
  RETORT_PQ_SYM(PQgetResult);
  RETORT_PQ_SYM(PQexecParams);
  RETORT_PQ_SYM(PQprepare);
  RETORT_PQ_SYM(PQexecPrepared);
  RETORT_PQ_SYM(PQresultStatus);
  RETORT_PQ_SYM(PQresultErrorField);
  RETORT_PQ_SYM(PQresStatus);
  RETORT_PQ_SYM(PQnfields);
  RETORT_PQ_SYM(PQntuples);
  RETORT_PQ_SYM(PQfname);
  RETORT_PQ_SYM(PQgetisnull);
  RETORT_PQ_SYM(PQgetvalue);
  RETORT_PQ_SYM(PQftype);
  RETORT_PQ_SYM(PQtransactionStatus);
  RETORT_PQ_SYM(PQbackendPID);
#undef RETORT_PQ_SYM
  return api;
}

}  // namespace

const LibPq& libpq() {
  // A function-local static: loaded once, thread-safe; a failed load throws and is retried next
  // call.
  static const LibPq api = load();
  return api;
}

}  // namespace retort::postgresql
