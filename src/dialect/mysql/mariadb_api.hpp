// MariaDB Connector/C resolved with dlopen on first use. Linking it directly made every run (even
// SQLite-only ones) pay for loading it and its dependencies at start-up (bench/RESULTS.md); the
// header still supplies the types and constants.
#pragma once

#include <mysql.h>

namespace retort::mysql {

// The functions retort calls, named once: the struct's fields and the loader both come from it.
#define RETORT_MARIADB_FUNCTIONS(X) \
  X(mariadb_get_infov)              \
  X(mysql_close)                    \
  X(mysql_commit)                   \
  X(mysql_errno)                    \
  X(mysql_error)                    \
  X(mysql_fetch_fields)             \
  X(mysql_fetch_lengths)            \
  X(mysql_fetch_row)                \
  X(mysql_field_count)              \
  X(mysql_free_result)              \
  X(mysql_get_server_info)          \
  X(mysql_init)                     \
  X(mysql_server_init)              \
  X(mysql_next_result)              \
  X(mysql_num_fields)               \
  X(mysql_options)                  \
  X(mysql_real_connect)             \
  X(mysql_real_query)               \
  X(mysql_rollback)                 \
  X(mysql_stmt_attr_set)            \
  X(mysql_stmt_bind_param)          \
  X(mysql_stmt_bind_result)         \
  X(mysql_stmt_close)               \
  X(mysql_stmt_errno)               \
  X(mysql_stmt_error)               \
  X(mysql_stmt_execute)             \
  X(mysql_stmt_fetch)               \
  X(mysql_stmt_fetch_column)        \
  X(mysql_stmt_init)                \
  X(mysql_stmt_param_count)         \
  X(mysql_stmt_prepare)             \
  X(mysql_stmt_result_metadata)     \
  X(mysql_stmt_store_result)        \
  X(mysql_store_result)             \
  X(mysql_thread_id)

struct MariaDb {
#define RETORT_MARIADB_FIELD(name) decltype(&::name) name;
  RETORT_MARIADB_FUNCTIONS(RETORT_MARIADB_FIELD)
#undef RETORT_MARIADB_FIELD
  // Prepare and execute in one round trip (Connector/C 3.0+, MariaDB servers 10.2+); null when
  // the library lacks it.
  decltype(&::mariadb_stmt_execute_direct) mariadb_stmt_execute_direct;
};

// Loads libmariadb.so.3 once (thread-safe); throws Error(Database) naming the package if it is
// missing.
const MariaDb& mariadb();

}  // namespace retort::mysql
