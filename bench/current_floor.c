/* The least a program can do to answer `current` on SQLite: a reference for the `current` row of
 * bench/RESULTS.md, not part of retort.
 *
 * It opens the database as retort does, reads the header (the probe retort runs on connect),
 * looks the version table up in sqlite_master and prints its rows. Linked, like the retort
 * command, with Debian's static libsqlite3.a; no C++ runtime, no configuration file, no
 * argument parsing, no error messages worth the name. bench/harness.py compiles it with the
 * system's C compiler and runs it interleaved with retort and Alembic.
 *
 * usage: current_floor DATABASE [VERSION_TABLE]
 */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s DATABASE [VERSION_TABLE]\n", argv[0]);
    return 2;
  }
  const char* table = argc > 2 ? argv[2] : "alembic_version";
  sqlite3* db = NULL;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                      SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  sqlite3_stmt* st = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) {
    fprintf(stderr, "%s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return 1;
  }
  int exists = 0;
  if (sqlite3_prepare_v2(db,
                         "SELECT 1 FROM main.sqlite_master WHERE type IN ('table', 'view') "
                         "AND name = ?1 COLLATE NOCASE",
                         -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    exists = sqlite3_step(st) == SQLITE_ROW;
  }
  sqlite3_finalize(st);
  if (exists) {
    char* sql = sqlite3_mprintf("SELECT version_num FROM \"%w\"", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) printf("%s\n", sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_free(sql);
  }
  sqlite3_close(db);
  return 0;
}
