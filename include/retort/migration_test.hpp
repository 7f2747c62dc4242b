// retort::test_migrations — `retort test`: the project's migrations tried on a scratch database.
//
// pytest-alembic's checks, built in: a single head; upgrade from base to head; the models match
// the schema at head (what `retort check` says); for each revision in order, its downgrade
// leaves exactly the schema it found (reflected and compared, never SQL text) and the stairway
// (upgrade, downgrade, upgrade) runs; and the offline SQL (`upgrade --sql`) run on a second
// scratch gives the schema the online run gave. Data fixtures (<revision id>.lua files with
// before_upgrade/after_upgrade/after_downgrade) put rows in around their revision in the
// upgrade check and the stairway, and a failing assertion fails that check. The scratch is a
// database of the project's dialect that nothing else uses: SQLite in memory; on PostgreSQL and
// MariaDB a temporary database on the project's server (CREATE DATABASE, so the role needs that
// right), dropped at the end, also when a check fails. The project's own database is never touched.
//
// A failing check is a TestCase with passed = false, not an exception; later checks that depend
// on it are skipped (skipped = true, message says why). Errors that stop everything (no URL, a
// broken revision graph, a scratch that cannot be made) throw retort::Error. Thread-safety: a
// free function; each call has its own connections and scratch databases.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "retort/config.hpp"
#include "retort/export.hpp"

namespace retort {

// One check on one revision (or on the whole project: revision empty).
struct TestCase {
  // "single_head", "upgrade", "models_match", "downgrade", "stairway", "offline_sql"
  std::string check;
  std::string revision;
  bool passed = true;
  bool skipped = false;
  std::string message;  // why it failed or was skipped; empty when it passed
  std::chrono::microseconds elapsed{0};
};

struct MigrationTestOptions {
  // The checks to run, by name (as TestCase::check); empty: all. An unknown name is
  // Error(Usage).
  std::vector<std::string> checks;
  // The folder of the data fixtures (<revision id>.lua, docs/commands.md), relative to the
  // project; empty: <script_location>/fixtures, where a missing folder means no fixtures.
  std::filesystem::path fixtures;
  // Called after each case, as it is decided (progress).
  std::function<void(const TestCase&)> on_case;
};

struct MigrationTestReport {
  std::string dialect;  // the scratch's dialect: "sqlite", "postgresql", "mysql"
  std::vector<TestCase> cases;
  std::chrono::microseconds elapsed{0};
  // The names of the scratch databases the run created (each dropped when its check ended);
  // empty on SQLite, whose scratches are in memory.
  std::vector<std::string> scratch_databases;
  std::size_t failures() const;
  std::size_t skipped() const;
};

// The names of every check, in the order they run.
RETORT_EXPORT const std::vector<std::string>& migration_test_checks();

// Runs the checks on scratch databases of the configured URL's dialect.
RETORT_EXPORT MigrationTestReport test_migrations(const Config& config,
                                                  const MigrationTestOptions& options = {});

}  // namespace retort
