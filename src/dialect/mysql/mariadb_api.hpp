// MariaDB Connector/C resolved with dlopen on first use. Linking it directly made every run (even
// SQLite-only ones) pay for loading it and its dependencies at start-up (bench/RESULTS.md); the
// header still supplies the types and constants.
#pragma once

#include <mysql.h>

namespace retort::mysql {

struct MariaDb {
  decltype(&::mariadb_get_infov) mariadb_get_infov;
  decltype(&::mysql_close) mysql_close;
  decltype(&::mysql_commit) mysql_commit;
  decltype(&::mysql_errno) mysql_errno;
  decltype(&::mysql_error) mysql_error;
  decltype(&::mysql_fetch_fields) mysql_fetch_fields;
  decltype(&::mysql_fetch_lengths) mysql_fetch_lengths;
  decltype(&::mysql_fetch_row) mysql_fetch_row;
  decltype(&::mysql_field_count) mysql_field_count;
  decltype(&::mysql_free_result) mysql_free_result;
  decltype(&::mysql_get_server_info) mysql_get_server_info;
  decltype(&::mysql_init) mysql_init;
  decltype(&::mysql_server_init) mysql_server_init;
  decltype(&::mysql_next_result) mysql_next_result;
  decltype(&::mysql_num_fields) mysql_num_fields;
  decltype(&::mysql_options) mysql_options;
  decltype(&::mysql_real_connect) mysql_real_connect;
  decltype(&::mysql_real_query) mysql_real_query;
  decltype(&::mysql_rollback) mysql_rollback;
  decltype(&::mysql_stmt_attr_set) mysql_stmt_attr_set;
  decltype(&::mysql_stmt_bind_param) mysql_stmt_bind_param;
  decltype(&::mysql_stmt_bind_result) mysql_stmt_bind_result;
  decltype(&::mysql_stmt_close) mysql_stmt_close;
  decltype(&::mysql_stmt_errno) mysql_stmt_errno;
  decltype(&::mysql_stmt_error) mysql_stmt_error;
  decltype(&::mysql_stmt_execute) mysql_stmt_execute;
  decltype(&::mysql_stmt_fetch) mysql_stmt_fetch;
  decltype(&::mysql_stmt_fetch_column) mysql_stmt_fetch_column;
  decltype(&::mysql_stmt_init) mysql_stmt_init;
  decltype(&::mysql_stmt_param_count) mysql_stmt_param_count;
  decltype(&::mysql_stmt_prepare) mysql_stmt_prepare;
  // Prepare and execute in one round trip (Connector/C 3.0+, MariaDB servers 10.2+); null when
  // the library lacks it.
  decltype(&::mariadb_stmt_execute_direct) mariadb_stmt_execute_direct;
  decltype(&::mysql_stmt_result_metadata) mysql_stmt_result_metadata;
  decltype(&::mysql_stmt_store_result) mysql_stmt_store_result;
  decltype(&::mysql_store_result) mysql_store_result;
  decltype(&::mysql_thread_id) mysql_thread_id;
};

// Loads libmariadb.so.3 once (thread-safe); throws Error(Database) naming the package if it is
// missing.
const MariaDb& mariadb();

}  // namespace retort::mysql
