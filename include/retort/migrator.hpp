// retort::Migrator — brings a database to a revision: upgrade, downgrade, stamp, current.
//
// A Migrator owns one connection to the configured database, opened on first use. Each call to
// upgrade/downgrade/stamp takes the migration lock, reads the version table again after taking
// it, plans from what it read, and runs the plan: by default in one transaction, so a failure on
// PostgreSQL or SQLite leaves the database exactly as it was. On MySQL/MariaDB each migration is
// recorded as soon as it is applied. RunOptions carries an embedder's hooks: progress (on_step),
// notices (on_notice) and cancellation (should_stop). Failures throw retort::Error. Not
// thread-safe: use one Migrator per thread (processes coordinate through the database lock).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "retort/config.hpp"
#include "retort/export.hpp"

namespace retort {

// One migration applied (or printed, in offline mode).
struct StepReport {
  bool upgrade = true;
  std::string from;      // the revision(s) before this step, comma-joined; empty: base
  std::string to;        // the revision after this step; empty: base
  std::string revision;  // the script that ran
  std::string message;   // its message (first docstring line)
  std::chrono::microseconds elapsed{0};
};

// One row of the history table (docs/design/version-table.md): a step that ran, a stamp, or a
// repair. Newest first from Migrator::applied_history().
struct HistoryEntry {
  std::string run_id;       // shared by the steps of one command
  std::int64_t seq = 0;     // the step's place in its run, from 1
  std::string revision;     // the script (a stamp: the rows it left, comma-joined)
  std::string direction;    // "upgrade", "downgrade", "stamp", "repair"
  std::string checksum;     // "sha256:..." of the script as it ran; empty for stamps
  std::string started_at;   // UTC, ISO 8601 with milliseconds
  std::string finished_at;  // empty while in progress
  std::optional<std::int64_t> duration_us;
  std::optional<std::int64_t> statements;        // statements run (so far, while in progress)
  std::optional<std::int64_t> statements_total;  // statements the step runs, when known
  std::optional<std::int64_t> lock_wait_ms;      // waiting for the migration lock, this run
  std::string applied_by;                        // user@host
  std::string retort_version;
  std::optional<bool> success;  // nullopt: in progress, or interrupted
  std::string tag;              // --tag
  std::string detail;           // a failure's message, a repair's note, the statement running
};

// An applied revision whose script is no longer what ran (Migrator::verify).
struct ChangedRevision {
  std::string revision;
  std::string recorded;  // the checksum the history table holds for it
  std::string current;   // the file's checksum now; empty when the file is missing
  std::string path;      // the script, as the project names it; empty when missing
};

struct VerifyReport {
  std::size_t checked = 0;     // applied revisions with a recorded checksum, compared
  std::size_t unrecorded = 0;  // applied revisions with none (stamped, or run before history)
  std::vector<ChangedRevision> changed;  // changed or missing, in graph order, newest first
};

struct RunReport {
  std::vector<StepReport> steps;
  std::vector<std::string> heads_before;
  std::vector<std::string> heads_after;
};

struct RunOptions {
  bool allow_data_loss = false;  // --allow-data-loss: let destructive ops run on tables with data
  bool sql = false;              // offline: write SQL to `out` instead of touching the database
  std::ostream* out = nullptr;   // offline output; std::cout when null
  std::function<void(const StepReport&)> on_step;     // called after each step (progress lines)
  std::function<void(const std::string&)> on_notice;  // waiting for the lock, warnings
  // --tag: an arbitrary string scripts read with context.get_tag_argument() (Alembic's --tag).
  std::string tag;
  // Cancellation: asked before each migration and, where DDL is transactional (PostgreSQL,
  // SQLite), before each operation of a migration; returning true stops the run there. What the
  // run's transaction holds is rolled back (with transaction_per_migration, the migration in
  // progress; otherwise the whole run), and Error(Cancelled) says where it stopped and at which
  // revision the database stands. On MySQL/MariaDB, whose DDL commits as it runs, the run stops
  // only between migrations, so none is left half applied. Called on the thread that runs the
  // Migrator; keep it cheap (e.g. read a std::atomic<bool> a signal handler sets). Online runs
  // only: --sql runs do not ask.
  std::function<bool()> should_stop;
  // The database is private to this run's caller and was built by it from base with these same
  // scripts (`retort test`'s scratch): an upgrade skips the check that applied scripts were not
  // edited since they ran (on_changed_applied), which reads the whole history table and hashes
  // every applied script at each call. Never set it for a database anyone else uses.
  bool private_scratch = false;
};

class RETORT_EXPORT Migrator {
 public:
  explicit Migrator(Config config);
  ~Migrator();
  Migrator(const Migrator&) = delete;
  Migrator& operator=(const Migrator&) = delete;

  // Applies every migration between the current revision(s) and `target` ("head", "heads",
  // an id, "+N", "REV+N", "label@head", or "A:B" with options.sql).
  RunReport upgrade(const std::string& target = "head", const RunOptions& options = {});
  // Reverts migrations down to `target` ("base", an id, "-N", "label@-N", "B:A" offline).
  RunReport downgrade(const std::string& target, const RunOptions& options = {});
  // Writes `target` into the version table without running any migration. purge: clear first.
  RunReport stamp(const std::string& target, bool purge = false, const RunOptions& options = {});
  // The revisions in the version table (one per applied head); empty at base.
  std::vector<std::string> current();
  // Where DDL commits on its own (MariaDB, MySQL): one line naming the migration an earlier run
  // left part-applied (interrupted, or failed part-way) and what to do about it; nullopt when
  // there is none. upgrade and downgrade refuse to run while there is one (Error(Graph)).
  std::optional<std::string> interrupted();
  // Continues the interrupted migration from its next statement (its ops compiled again, the
  // applied ones checked against what the journal recorded), then the rest of that run's plan
  // up to its target. Error(Usage) when nothing is interrupted; Error(Graph) when the migration
  // cannot be resumed blindly (its script ran SQL through op.get_bind(), or a statement's
  // outcome is unknown): repair_interrupted() then.
  RunReport resume(const RunOptions& options = {});
  // Resolves an interrupted migration of `revision` by the user's word: `applied` records it as
  // done (the version table moves as if it had finished); otherwise it is recorded as not
  // applied (the version table stays). Either way with an audit row in the history table.
  void repair_interrupted(const std::string& revision, bool applied,
                          const RunOptions& options = {});
  // The history table's rows, newest first (what `retort history --applied` prints); empty when
  // the database has none yet. Reads only.
  std::vector<HistoryEntry> applied_history();
  // Compares each applied revision's script with the checksum recorded when it ran. Reads only.
  VerifyReport verify();
  // repair --accept: records `revision`'s script as it is now as the applied one (an audit row
  // in the history table, direction "repair"). Error(Usage) when the revision is not applied or
  // its file is missing.
  void accept_changed(const std::string& revision, const RunOptions& options = {});
  // Creates the version table if it does not exist (Alembic's ensure_version); with
  // options.sql, writes its CREATE TABLE to options.out instead. Returns true when this call
  // created the table (online), false when it was already there or with options.sql.
  bool ensure_version(const RunOptions& options = {});

  const Config& config() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retort
