#include "dialect/mysql/mariadb_api.hpp"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "retort/error.hpp"

namespace retort::mysql {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::Database,
              "cannot load libmariadb.so.3: " + what + "; install the libmariadb3 package");
}

MariaDb load() {
  // Never closed: the library stays for the life of the process, like a linked one.
  void* lib = dlopen("libmariadb.so.3", RTLD_NOW | RTLD_LOCAL);
  if (!lib) fail(dlerror());
  MariaDb api{};
  auto sym = [&](auto& fn, const char* name) {
    void* p = dlsym(lib, name);
    if (!p) fail(dlerror());
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
  };
#define RETORT_MARIADB_SYM(name) sym(api.name, #name)
  RETORT_MARIADB_SYM(mariadb_get_infov);
  RETORT_MARIADB_SYM(mysql_close);
  RETORT_MARIADB_SYM(mysql_commit);
  RETORT_MARIADB_SYM(mysql_errno);
  RETORT_MARIADB_SYM(mysql_error);
  RETORT_MARIADB_SYM(mysql_fetch_fields);
  RETORT_MARIADB_SYM(mysql_fetch_lengths);
  RETORT_MARIADB_SYM(mysql_fetch_row);
  RETORT_MARIADB_SYM(mysql_field_count);
  RETORT_MARIADB_SYM(mysql_free_result);
  RETORT_MARIADB_SYM(mysql_get_server_info);
  RETORT_MARIADB_SYM(mysql_init);
  RETORT_MARIADB_SYM(mysql_server_init);
  RETORT_MARIADB_SYM(mysql_next_result);
  RETORT_MARIADB_SYM(mysql_num_fields);
  RETORT_MARIADB_SYM(mysql_options);
  RETORT_MARIADB_SYM(mysql_real_connect);
  RETORT_MARIADB_SYM(mysql_real_query);
  RETORT_MARIADB_SYM(mysql_rollback);
  RETORT_MARIADB_SYM(mysql_stmt_attr_set);
  RETORT_MARIADB_SYM(mysql_stmt_bind_param);
  RETORT_MARIADB_SYM(mysql_stmt_bind_result);
  RETORT_MARIADB_SYM(mysql_stmt_close);
  RETORT_MARIADB_SYM(mysql_stmt_errno);
  RETORT_MARIADB_SYM(mysql_stmt_error);
  RETORT_MARIADB_SYM(mysql_stmt_execute);
  RETORT_MARIADB_SYM(mysql_stmt_fetch);
  RETORT_MARIADB_SYM(mysql_stmt_fetch_column);
  RETORT_MARIADB_SYM(mysql_stmt_init);
  RETORT_MARIADB_SYM(mysql_stmt_param_count);
  RETORT_MARIADB_SYM(mysql_stmt_prepare);
  RETORT_MARIADB_SYM(mysql_stmt_result_metadata);
  RETORT_MARIADB_SYM(mysql_stmt_store_result);
  RETORT_MARIADB_SYM(mysql_store_result);
  RETORT_MARIADB_SYM(mysql_thread_id);
#undef RETORT_MARIADB_SYM
  api.mariadb_stmt_execute_direct = reinterpret_cast<decltype(api.mariadb_stmt_execute_direct)>(
      dlsym(lib, "mariadb_stmt_execute_direct"));
  return api;
}

}  // namespace

const MariaDb& mariadb() {
  // A function-local static: loaded once, thread-safe; a failed load throws and is retried on the
  // next call.
  static const MariaDb api = load();
  return api;
}

}  // namespace retort::mysql
