// Migrator: plan from the version table, run scripts through a sink, record each step.
//
// Online and offline (--sql) runs share one plan loop (run_plan). What differs is where a step
// goes, a StepTarget: OnlineTarget runs its ops on the database and records the step in the
// version table; OfflineTarget prints the same SQL. Runs that touch the database (upgrade,
// downgrade, stamp) take the lock, transaction and version table through one helper, locked().
#include "retort/migrator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <unordered_map>

#include "dialect/dialect.hpp"
#include "dialect/dialect_extras.hpp"
#include "lua/script_runner.hpp"
#include "retort/error.hpp"
#include "retort/scripts.hpp"
#include "runtime/applied_checksums.hpp"
#include "runtime/journal.hpp"
#include "runtime/run_record.hpp"
#include "runtime/sinks.hpp"
#include "runtime/sql_revision_runner.hpp"
#include "runtime/version_table.hpp"
#include "script/checksum.hpp"
#include "script/path_display.hpp"
#include "script/script_directory.hpp"
#include "script/sql_revision.hpp"

namespace retort {
namespace {

// Splits an offline range "A:B"; without a colon the start is base.
std::pair<std::string, std::string> split_range(const std::string& target) {
  auto pos = target.find(':');
  if (pos == std::string::npos) return {"base", target};
  std::string from = target.substr(0, pos), to = target.substr(pos + 1);
  return {from.empty() ? "base" : from, to.empty() ? "head" : to};
}

// Where the steps of a run go. begin_step() gives the sink the step's script sends its ops
// to; end_step() finishes the step: the version table's update, and the step's transaction.
class StepTarget {
 public:
  virtual ~StepTarget() = default;
  virtual OperationSink& begin_step(const RevisionGraph::Step& step, const StepReport& report) = 0;
  virtual void end_step(const RevisionGraph::Step& step) = 0;
};

// The script's checksum for the history table, by revision.
using ChecksumOf = std::function<std::string(const std::string& revision)>;

// Online: the ops run on the database (after the data-loss guard), and the version table and
// the step's history row are updated in the same transaction.
class OnlineTarget : public StepTarget {
 public:
  // `should_stop`: asked between the ops of a step (empty where a step cannot be taken back).
  OnlineTarget(const Dialect& dialect, Connection& conn, const VersionTable& vt,
               bool per_step_transaction, bool allow_data_loss,
               std::function<std::string(const RevisionGraph::Step&)> script_name,
               std::function<bool()> should_stop, RunRecord& record, ChecksumOf checksum)
      : dialect_(dialect),
        conn_(conn),
        vt_(vt),
        schema_(dialect.live_schema(conn)),
        per_step_(per_step_transaction),
        allow_data_loss_(allow_data_loss),
        script_name_(std::move(script_name)),
        should_stop_(std::move(should_stop)),
        record_(record),
        checksum_(std::move(checksum)) {}

  OperationSink& begin_step(const RevisionGraph::Step& step, const StepReport&) override {
    if (per_step_) conn_.begin();
    row_ = record_.begin(step.revision, step.upgrade ? "upgrade" : "downgrade",
                         checksum_(step.revision));
    sink_.emplace(dialect_, conn_, *schema_, allow_data_loss_, script_name_(step), should_stop_);
    if (!dialect_.transactional_ddl()) {
      // DDL commits on its own: the step keeps a journal of how far it got.
      std::optional<JournalState> resume;
      if (resume_ && resume_->row.revision == step.revision) resume = std::exchange(resume_, {});
      journal_.emplace(dialect_, conn_, vt_, *row_, journal_target_, std::move(resume));
      sink_->set_journal(&*journal_);
    }
    if (step_out_) {
      step_out_->committed.clear();
      step_out_->in_step = false;
    }
    sink_->set_step_out(step_out_);
    return *sink_;
  }
  // Where the steps' sinks record a step out of the transaction.
  void set_step_out(StepOut* out) { step_out_ = out; }
  // The run's target as the journal records it, and the open journal the first step continues.
  void set_journal_target(std::string target) { journal_target_ = std::move(target); }
  void set_resume(JournalState resume) { resume_ = std::move(resume); }
  void end_step(const RevisionGraph::Step& step) override {
    if (journal_) {
      sink_->flush_final();
      journal_->finish(vt_.apply_statements(step.delete_rows, step.insert_rows), record_);
      journal_.reset();
      row_.reset();
      return;
    }
    sink_->flush();
    record_.finish(*row_, sink_->statements_run(), true);
    vt_.record(conn_, step.delete_rows, step.insert_rows, *row_);
    row_.reset();
    if (per_step_) {
      conn_.commit();
    } else if (step_out_ && step_out_->in_step) {
      // Part of this step is committed already (it stepped out of the transaction): record it
      // now, so a later failure cannot leave it applied but not recorded.
      conn_.commit();
      conn_.begin();
    }
    if (step_out_) {
      step_out_->committed.clear();
      step_out_->in_step = false;
    }
  }

  // After a step failed: rolls back what the database can take back, then appends the step's
  // row with success = false and the error as its detail, on its own (best effort: the failure
  // the user reads is `error`, not a failure to record it).
  void record_failure(const Error& error) {
    if (!row_) return;
    if (journal_ && dynamic_cast<const ResumeRefused*>(&error)) {
      // Nothing of the step was written: the open journal stays as it was.
      conn_.rollback();
      journal_.reset();
      row_.reset();
      return;
    }
    if (journal_) {
      journal_->fail(error, record_);
      journal_.reset();
      row_.reset();
      return;
    }
    conn_.rollback();
    record_.finish(*row_, sink_ ? sink_->statements_run() : 0, false);
    row_->detail = error.what();
    try {
      vt_.ensure_history(conn_);
      vt_.append_history(conn_, *row_);
    } catch (const Error&) {
      // The connection may be gone with the failure; the error below says what happened.
    }
    row_.reset();
  }

 private:
  const Dialect& dialect_;
  Connection& conn_;
  const VersionTable& vt_;
  std::unique_ptr<SchemaView> schema_;
  bool per_step_;
  bool allow_data_loss_;
  std::function<std::string(const RevisionGraph::Step&)> script_name_;
  std::function<bool()> should_stop_;
  RunRecord& record_;
  ChecksumOf checksum_;
  std::optional<HistoryEntry> row_;  // the step in progress
  std::optional<OnlineSink> sink_;
  StepOut* step_out_ = nullptr;
  std::optional<MigrationJournal> journal_;  // the step in progress, where DDL is not transactional
  std::string journal_target_;
  std::optional<JournalState> resume_;
};

// Offline: the same SQL, printed, each step followed by its version-table statements.
class OfflineTarget : public StepTarget {
 public:
  OfflineTarget(const Dialect& dialect, std::ostream& out, const VersionTable& vt,
                SchemaView& schema, DeferredConnection* scratch, TrackedSchema* tracked,
                bool per_step_transaction, bool in_transaction, RunRecord& record,
                ChecksumOf checksum)
      : dialect_(dialect),
        out_(out),
        vt_(vt),
        schema_(schema),
        scratch_(scratch),
        tracked_(tracked),
        per_step_(per_step_transaction),
        in_transaction_(in_transaction),
        record_(record),
        checksum_(std::move(checksum)) {}

  OperationSink& begin_step(const RevisionGraph::Step& step, const StepReport& r) override {
    if (per_step_) out_ << "BEGIN;\n\n";
    out_ << fmt::format("-- Running {} {} -> {}, {}\n\n", step.upgrade ? "upgrade" : "downgrade",
                        r.from, r.to, r.message);
    sink_.emplace(dialect_, out_, schema_, scratch_, tracked_, true, in_transaction_);
    return *sink_;
  }
  void end_step(const RevisionGraph::Step& step) override {
    for (const auto& s : vt_.apply_statements(step.delete_rows, step.insert_rows))
      out_ << render_offline(dialect_, s) << "\n\n";
    // The history row, as the run that prints the SQL knows it: when and by whom it was
    // generated; no duration or statement count (docs/design/version-table.md).
    HistoryEntry row = record_.begin(step.revision, step.upgrade ? "upgrade" : "downgrade",
                                     checksum_(step.revision));
    row.success = true;
    row.detail = "offline (--sql)";
    out_ << render_offline(dialect_, vt_.history_insert(row)) << "\n\n";
    if (per_step_) out_ << "COMMIT;\n\n";
  }

 private:
  const Dialect& dialect_;
  std::ostream& out_;
  const VersionTable& vt_;
  SchemaView& schema_;
  DeferredConnection* scratch_;
  TrackedSchema* tracked_;
  bool per_step_;
  bool in_transaction_;  // the steps' SQL is printed between BEGIN and COMMIT
  RunRecord& record_;
  ChecksumOf checksum_;
  std::optional<OfflineSink> sink_;
};

}  // namespace

struct Migrator::Impl {
  Config config;
  const Dialect* dialect = nullptr;
  Url url;
  std::unique_ptr<Connection> conn;
  std::optional<ScriptDirectory> scripts;
  std::optional<ScriptRunner> runner_;  // made on the first script: `current` never needs Lua
  // A script's path as the data-loss guard names it: relative to the project.
  PathDisplay display_path;
  // A script's path as Lua errors name it: relative to the working directory, as a user typed
  // it (migrations/versions/x.lua:12), and by its full path otherwise.
  PathDisplay display_cwd;

  explicit Impl(Config c) : config(std::move(c)), display_path(config.root) {}

  ScriptRunner& runner() {
    if (!runner_) runner_.emplace();
    return *runner_;
  }

  void ensure_dialect() {
    if (dialect) return;
    if (config.url.empty()) {
      throw Error(ErrorKind::Config,
                  "no database URL: set url in retort.toml, $DATABASE_URL or --url");
    }
    Url parsed = Url::parse(config.url);
    dialect = &find_dialect(parsed.scheme);
    url = dialect->resolve_paths(std::move(parsed), config.root);
  }

  Connection& connection() {
    ensure_dialect();
    if (!conn) conn = dialect->connect(url);
    return *conn;
  }

  ScriptDirectory& script_directory() {
    if (!scripts) scripts.emplace(ScriptDirectory::load(config, true));
    return *scripts;
  }

  VersionTable version_table() {
    ensure_dialect();
    return VersionTable(*dialect, config.version_table_schema, config.version_table,
                        config.history_table_name());
  }

  // The checksum of a revision's script as it is now (script/checksum.hpp). Every upgrade
  // compares each applied revision's checksum (a stairway of N revisions asked N^2 of them), so
  // the digests of texts already seen are kept, by text: an edited file still gets its own.
  std::unordered_map<std::string, std::string> checksums;
  std::string checksum(const std::string& revision) {
    std::string text = script_directory().text(revision);
    auto it = checksums.find(text);
    if (it == checksums.end()) {
      std::string sum = script_checksum(text);
      it = checksums.emplace(std::move(text), std::move(sum)).first;
    }
    return it->second;
  }

  ScriptContext context(bool offline, const RunOptions& options) {
    ScriptContext ctx;
    ctx.tag = options.tag;
    ctx.dialect = std::string(dialect->name());
    ctx.offline = offline;
    ctx.x = config.x;
    ctx.naming_convention = config.naming_convention;
    ctx.parameters = dialect;
    ctx.literal = [d = dialect](const Value& v) { return d->literal(v); };
    return ctx;
  }

  // Runs `revision`'s upgrade() or downgrade(), handing the runner the script's name and text.
  void run_script(const std::string& revision, bool upgrade, OperationSink& sink,
                  const ScriptContext& ctx) {
    ScriptDirectory& dir = script_directory();
    const std::string& path = dir.info(revision).path;
    ScriptText script{dir.in_memory() ? path : display_cwd(path), dir.text(revision)};
    if (is_sql_revision(path)) return run_sql_revision(script, upgrade, sink);  // no Lua
    runner().run(script, upgrade ? "upgrade" : "downgrade", sink, ctx);
  }

  StepReport make_step(const RevisionGraph::Step& step) {
    const RevisionInfo& info = script_directory().info(step.revision);
    StepReport r;
    r.upgrade = step.upgrade;
    r.revision = step.revision;
    r.message = info.message;
    const std::string parents = fmt::format("{}", fmt::join(info.down_revisions, ", "));
    r.from = step.upgrade ? parents : step.revision;
    r.to = step.upgrade ? step.revision : parents;
    return r;
  }

  // The one plan loop: each step's script runs into the target's sink, then the target
  // records the step. Online runs time the steps.
  void run_plan(const std::vector<RevisionGraph::Step>& plan, StepTarget& target, bool offline,
                const RunOptions& options, RunReport& report) {
    const ScriptContext ctx = context(offline, options);
    for (const auto& step : plan) {
      if (!offline && options.should_stop && options.should_stop()) throw RunCancelled(true);
      StepReport r = make_step(step);
      const auto started = std::chrono::steady_clock::now();
      OperationSink& sink = target.begin_step(step, r);
      run_script(step.revision, step.upgrade, sink, ctx);
      target.end_step(step);
      if (!offline) {
        r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started);
      }
      if (options.on_step) options.on_step(r);
      report.steps.push_back(std::move(r));
    }
  }

  // Takes the migration lock, begins a transaction where DDL is transactional, makes sure the
  // version table exists and reads it into report.heads_before (after the lock is held: another
  // process may have migrated while this one waited), and calls body(connection, version
  // table). Commits what the body leaves open and reads the rows again into
  // report.heads_after; on any error, rolls back and rethrows.
  template <class Body>
  void locked(const RunOptions& options, RunReport& report, Body&& body) {
    Connection& c = connection();
    VersionTable vt = version_table();
    LockOptions lock_options;
    lock_options.key = vt.lock_key();
    lock_options.timeout = config.lock_timeout;
    lock_options.on_wait = options.on_notice;
    const auto asked = std::chrono::steady_clock::now();
    auto lock = dialect->acquire_lock(c, lock_options);
    lock_wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - asked);
    try {
      if (dialect->transactional_ddl()) c.begin();
      vt.ensure(c);
      report.heads_before = vt.read(c);
      body(c, vt);
      if (c.in_transaction()) c.commit();
      report.heads_after = vt.read(c);
    } catch (...) {
      c.rollback();
      throw;
    }
  }

  // The Error(Cancelled) for a run stopped by should_stop before or during `running`, after
  // `applied` steps of it: what was rolled back, and where the database now stands (read again
  // from the version table, after the rollback).
  Error cancellation(bool upgrade, const std::string& running, bool between_steps, size_t applied,
                     bool per_step) {
    std::string what = fmt::format("{} cancelled {} {}", upgrade ? "upgrade" : "downgrade",
                                   between_steps ? "before" : "during", running);
    if (dialect->transactional_ddl() && !per_step) {
      what += ": the run was rolled back";
    } else if (!between_steps) {
      what += fmt::format(
          ": this migration was rolled back, {} earlier migration(s) of the run "
          "stay applied",
          applied);
    } else {
      what += fmt::format(": {} migration(s) of the run stay applied", applied);
    }
    try {
      const std::vector<std::string> at = version_table().read(connection());
      what += at.empty() ? "; the database is at base"
                         : fmt::format("; the database is at revision {}", fmt::join(at, ", "));
    } catch (const Error& e) {
      what += fmt::format("; where the database stands could not be read ({})", e.what());
    }
    return Error(ErrorKind::Cancelled, what);
  }

  // The end of the error of a run that failed after committing early for a statement that
  // cannot run in a transaction: what is applied and recorded, read from the version table.
  std::string stepped_out(const std::string& running, const StepOut& out) {
    std::string first = out.statement.substr(0, out.statement.find('('));
    while (!first.empty() && first.back() == ' ') first.pop_back();
    std::string what = fmt::format(
        "; retort committed before `{}`, which cannot run inside a transaction: ", first);
    try {
      const std::vector<std::string> at = version_table().read(connection());
      what += at.empty() ? "no migration is recorded (the database is at base)"
                         : fmt::format("the migrations up to {} are applied and recorded",
                                       fmt::join(at, ", "));
    } catch (const Error& e) {
      what += fmt::format("where the database stands could not be read ({})", e.what());
    }
    std::vector<std::string> committed;  // each on one line
    for (const auto& sql : out.committed) {
      std::string line;
      for (char c : sql) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (line.empty() || line.back() == ' ')) continue;
        line += space ? ' ' : c;
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      committed.push_back(std::move(line));
    }
    if (committed.empty()) {
      what += fmt::format(", and nothing of {} is applied", running);
    } else {
      what += fmt::format(
          ", and {} of {}'s statements before it {} applied but {} is not recorded ({}): undo "
          "them before running again",
          committed.size(), running, committed.size() == 1 ? "is" : "are", running,
          fmt::join(committed, "; "));
    }
    return what;
  }

  // Applied revisions whose scripts changed since they ran (reads the history table).
  VerifyReport verify_applied(Connection& c, const VersionTable& vt,
                              const std::vector<std::string>& rows) {
    ScriptDirectory& dir = script_directory();
    const std::map<std::string, std::string> recorded =
        recorded_checksums(vt.read_checksum_history(c));
    if (recorded.empty()) {
      VerifyReport r;
      r.unrecorded = applied_revisions(dir.graph(), rows).size();
      for (const auto& row : rows)
        if (!dir.graph().find(row)) r.changed.push_back({row, "", "", ""});
      return r;
    }
    return compare_applied(
        dir.graph(), rows, recorded, [this](const std::string& rev) { return checksum(rev); },
        [this, &dir](const std::string& rev) { return display_path(dir.info(rev).path); },
        [&dir](const std::string& rev) { return dir.info(rev).squashed_checksum; });
  }

  // Before an upgrade: refuses to run on top of an applied revision whose script was edited
  // (on_changed_applied = "error"), or says so through on_notice ("warn").
  void check_changed_applied(Connection& c, const VersionTable& vt,
                             const std::vector<std::string>& rows, const RunOptions& options) {
    VerifyReport report = verify_applied(c, vt, rows);
    std::vector<std::string> edited;
    for (const auto& ch : report.changed)
      if (!ch.current.empty()) edited.push_back(ch.revision);
    if (edited.empty()) return;
    const std::string list = fmt::format("{}", fmt::join(edited, ", "));
    if (config.on_changed_applied == Config::ChangedApplied::Warn) {
      if (options.on_notice) {
        options.on_notice(fmt::format(
            "warning: applied revision(s) {} changed since they ran (`retort verify` lists "
            "them); going on because on_changed_applied = \"warn\"",
            list));
      }
      return;
    }
    throw Error(ErrorKind::Graph,
                fmt::format("applied revision(s) {} changed since they ran (`retort verify` "
                            "shows how): restore the file(s), or accept the edit with `retort "
                            "repair --accept REV`, or set on_changed_applied = \"warn\" in "
                            "retort.toml",
                            list));
  }

  // How long the last locked() waited for the migration lock (the history rows' lock_wait_ms).
  std::chrono::milliseconds lock_wait{0};

  // `resume`: `retort resume`: the direction and target are the interrupted run's, read from
  // its open journal, and the interrupted step goes on from its next statement.
  RunReport run_online(bool upgrade, std::string target, const RunOptions& options,
                       bool resume = false);
  // The open journal left by an interrupted or part-failed step, where DDL is not transactional
  // (there is at most one: a run stops at it and the next ones refuse to go on).
  std::optional<JournalState> open_journal(Connection& c, const VersionTable& vt) {
    if (dialect->transactional_ddl()) return std::nullopt;
    for (const auto& row : vt.read_open_journals(c))
      if (auto st = parse_journal(row)) return st;
    return std::nullopt;
  }
  // The target a journal records for the run: the rows the plan leaves, as one revision, "base"
  // or "heads".
  static std::string journal_target(const std::vector<std::string>& before,
                                    const std::vector<RevisionGraph::Step>& plan) {
    std::vector<std::string> rows = before;
    for (const auto& step : plan) {
      std::erase_if(rows, [&](const std::string& row) {
        return std::find(step.delete_rows.begin(), step.delete_rows.end(), row) !=
               step.delete_rows.end();
      });
      rows.insert(rows.end(), step.insert_rows.begin(), step.insert_rows.end());
    }
    if (rows.empty()) return "base";
    if (rows.size() == 1) return rows[0];
    return "heads";
  }
  RunReport run_offline(bool upgrade, const std::string& target, const RunOptions& options);
  RunReport stamp(const std::string& target, bool purge, const RunOptions& options);
  // The history row of a stamp that changed the version rows (`before` to `after`).
  void record_stamp(Connection& c, const VersionTable& vt, std::vector<std::string> before,
                    std::vector<std::string> after, const RunOptions& options);
  // The one step of a stamp that moved the version table (from heads_before to heads_after).
  void report_stamp(ScriptDirectory& dir, const std::string& target, const RunOptions& options,
                    RunReport& report);
};

RunReport Migrator::Impl::run_online(bool upgrade, std::string target, const RunOptions& options,
                                     bool resume) {
  ScriptDirectory& dir = script_directory();  // graph errors before touching the database
  ensure_dialect();
  // One transaction for the whole run where DDL is transactional; where it is not (MySQL), each
  // migration is recorded as soon as it is applied.
  const bool transactional = dialect->transactional_ddl();
  const bool per_step = transactional && config.transaction_per_migration;
  RunReport report;
  std::vector<RevisionGraph::Step> plan;
  bool stepping = false;
  StepOut step_out;
  std::optional<JournalState> resuming;
  try {
    locked(options, report, [&](Connection& c, const VersionTable& vt) {
      if (std::optional<JournalState> open = open_journal(c, vt)) {
        if (!resume)
          throw Error(ErrorKind::Graph, describe_journal(*open) + ": " + journal_remedy(*open));
        if (open->bound || !open->running.empty()) {
          throw Error(
              ErrorKind::Graph,
              fmt::format("cannot resume: {}: {}", describe_journal(*open), journal_remedy(*open)));
        }
        upgrade = open->row.direction == "upgrade";
        target = open->target;
        if (target == "heads" && !upgrade) target = open->row.revision + "-1";
        resuming = std::move(open);
      } else if (resume) {
        throw Error(ErrorKind::Usage,
                    "nothing to resume: no migration was interrupted (`retort current` shows "
                    "where the database stands)");
      }
      for (const auto& row : report.heads_before) {
        if (dir.graph().squashed_into(row)) dir.graph().check_rows({row});
        if (!dir.graph().find(row)) {
          throw Error(ErrorKind::Graph,
                      fmt::format("the database is at revision {}, which no script in {} "
                                  "defines: restore the script, or `retort stamp` the database "
                                  "to a known revision",
                                  row, dir.versions_dir().string()));
        }
      }
      plan = upgrade ? dir.graph().plan_upgrade(report.heads_before, target)
                     : dir.graph().plan_downgrade(report.heads_before, target);
      if (resuming && (plan.empty() || plan.front().revision != resuming->row.revision)) {
        throw Error(ErrorKind::Graph,
                    fmt::format("cannot resume {}: the version table moved since it was "
                                "interrupted (it is at {}): run `retort repair --applied {}` or "
                                "`retort repair --not-applied {}`",
                                resuming->row.revision,
                                report.heads_before.empty()
                                    ? std::string("base")
                                    : fmt::format("{}", fmt::join(report.heads_before, ", ")),
                                resuming->row.revision, resuming->row.revision));
      }
      if (upgrade && !plan.empty() && !options.private_scratch)
        check_changed_applied(c, vt, report.heads_before, options);
      if (!plan.empty()) vt.ensure_history(c);  // first write: a database of an older retort
      if (per_step) c.commit();                 // the version table's creation and the read
      RunRecord record(options.tag);
      record.set_lock_wait(lock_wait);
      OnlineTarget online(
          *dialect, c, vt, per_step, options.allow_data_loss,
          [this, &dir](const RevisionGraph::Step& step) {
            return display_path(dir.info(step.revision).path);
          },
          transactional ? options.should_stop : nullptr, record,
          [this](const std::string& rev) { return checksum(rev); });
      if (transactional) online.set_step_out(&step_out);
      online.set_journal_target(journal_target(report.heads_before, plan));
      if (resuming) online.set_resume(*resuming);
      stepping = !plan.empty();
      try {
        run_plan(plan, online, false, options, report);
      } catch (const Error& e) {
        online.record_failure(e);
        throw;
      }
    });
  } catch (const Error& e) {
    if (!stepping) throw;  // before the first step: nothing of the plan ran
    if (dynamic_cast<const ResumeRefused*>(&e)) throw;  // says what to do itself
    const size_t applied = report.steps.size();
    // The step that was running; past the last, the run's commit, which holds every step.
    const std::string& running = plan[std::min(applied, plan.size() - 1)].revision;
    if (const auto* cancelled = dynamic_cast<const RunCancelled*>(&e))
      throw cancellation(upgrade, running, cancelled->between_steps(), applied, per_step);
    std::string what =
        fmt::format("{} {} failed: {}", upgrade ? "upgrade" : "downgrade", running, e.what());
    if (step_out.happened) {
      what += stepped_out(running, step_out);
    } else if (transactional) {
      what += per_step ? "; this migration was rolled back"
                       : "; the run was rolled back, the database is as it was";
      if (per_step && applied > 0)
        what += fmt::format(" ({} earlier migration(s) stay applied)", applied);
    } else {
      what += fmt::format(
          "; {} commits DDL immediately: the {} migration(s) before it stay applied and recorded",
          dialect->name(), applied);
      // What the step's journal says of the failed migration itself.
      std::optional<JournalState> open;
      try {
        open = open_journal(connection(), version_table());
      } catch (const Error&) {
      }
      if (open && open->row.revision == running) {
        what += fmt::format("; of {}, {}", running,
                            open->applied() == 0
                                ? std::string("its script's own SQL (op.get_bind()) may be applied")
                                : fmt::format("statements 1-{} are applied", open->applied()));
        what += ": " + journal_remedy(*open);
      } else {
        what += fmt::format(", and nothing of {} is applied", running);
      }
    }
    throw Error(e.kind(), what);
  }
  return report;
}

RunReport Migrator::Impl::run_offline(bool upgrade, const std::string& target,
                                      const RunOptions& options) {
  ScriptDirectory& dir = script_directory();
  ensure_dialect();
  std::ostream& out = options.out ? *options.out : std::cout;
  auto [from, to] = split_range(target);
  if (!upgrade && target.find(':') == std::string::npos) {
    throw Error(ErrorKind::Usage,
                "downgrade with --sql needs a range FROM:TO, e.g. `downgrade head:base --sql`");
  }
  VersionTable vt = version_table();

  // The schema so far: a scratch database where the dialect has one (SQLite in memory), opened
  // when a compile first asks about the schema; else a model tracked from the ops.
  std::unique_ptr<DeferredConnection> scratch;
  if (dialect->has_offline_scratch())
    scratch = std::make_unique<DeferredConnection>([d = dialect] { return d->offline_scratch(); });
  TrackedSchema tracked;
  std::unique_ptr<SchemaView> scratch_view;
  if (scratch) scratch_view = dialect->live_schema(*scratch);
  SchemaView& schema = scratch ? *scratch_view : static_cast<SchemaView&>(tracked);
  TrackedSchema* tracking = scratch ? nullptr : &tracked;

  // Revisions applied before the range start: replayed silently so the schema is right.
  std::vector<std::string> start_rows =
      from == "base" ? std::vector<std::string>{} : dir.graph().resolve(from, {});
  if (!start_rows.empty()) {
    const ScriptContext ctx = context(true, options);
    for (const auto& step : dir.graph().plan_upgrade({}, from)) {
      OfflineSink sink(*dialect, out, schema, scratch.get(), tracking, false);
      run_script(step.revision, true, sink, ctx);
    }
  }

  std::vector<RevisionGraph::Step> plan = upgrade ? dir.graph().plan_upgrade(start_rows, to)
                                                  : dir.graph().plan_downgrade(start_rows, to);
  RunReport report;
  report.heads_before = start_rows;
  const bool transactional = dialect->transactional_ddl();
  const bool per_step = config.transaction_per_migration;
  out << dialect_extras(*dialect).offline_preamble();
  out << fmt::format("-- retort {} {} ({})\n\n", upgrade ? "upgrade" : "downgrade", target,
                     dialect->name());
  if (transactional && !per_step) out << "BEGIN;\n\n";
  if (upgrade && start_rows.empty())
    out << render_offline(*dialect, vt.create_statement()) << "\n\n";
  if (!plan.empty()) out << render_offline(*dialect, vt.create_history_statement()) << "\n\n";
  RunRecord record(options.tag);
  OfflineTarget offline(*dialect, out, vt, schema, scratch.get(), tracking,
                        transactional && per_step, transactional, record,
                        [this](const std::string& rev) { return checksum(rev); });
  run_plan(plan, offline, true, options, report);
  if (transactional && !per_step) out << "COMMIT;\n\n";
  // The rows the printed SQL leaves in the version table.
  report.heads_after = start_rows;
  for (const auto& step : plan) {
    std::erase_if(report.heads_after, [&](const std::string& row) {
      return std::find(step.delete_rows.begin(), step.delete_rows.end(), row) !=
             step.delete_rows.end();
    });
    report.heads_after.insert(report.heads_after.end(), step.insert_rows.begin(),
                              step.insert_rows.end());
  }
  out.flush();
  return report;
}

RunReport Migrator::Impl::stamp(const std::string& target, bool purge, const RunOptions& options) {
  ScriptDirectory& dir = script_directory();
  ensure_dialect();
  RunReport report;
  if (options.sql) {
    VersionTable vt = version_table();
    std::ostream& out = options.out ? *options.out : std::cout;
    auto rows = dir.graph().stamp_rows({}, target, true);
    out << dialect_extras(*dialect).offline_preamble();
    out << fmt::format("-- retort stamp {} ({})\n\n", target, dialect->name());
    if (dialect->transactional_ddl()) out << "BEGIN;\n\n";
    out << render_offline(*dialect, vt.create_statement()) << "\n\n";
    if (purge) out << "DELETE FROM " << dialect->qualify(vt.schema(), vt.name()) << ";\n\n";
    for (const auto& s : vt.apply_statements({}, rows))
      out << render_offline(*dialect, s) << "\n\n";
    if (dialect->transactional_ddl()) out << "COMMIT;\n\n";
    report.heads_after = rows;
    report_stamp(dir, target, options, report);
    return report;
  }
  locked(options, report, [&](Connection& c, const VersionTable& vt) {
    const std::vector<std::string>& current = report.heads_before;
    if (!purge) {
      for (const auto& row : current) {
        if (!dir.graph().find(row)) {
          throw Error(ErrorKind::Graph,
                      fmt::format("the database is at revision {}, which no script defines: use "
                                  "`retort stamp --purge REV` to replace it",
                                  row));
        }
      }
    }
    std::vector<std::string> rows = dir.graph().stamp_rows(current, target, purge);
    vt.apply(c, current, {});
    vt.apply(c, {}, rows);
    record_stamp(c, vt, current, rows, options);
  });
  report_stamp(dir, target, options, report);
  return report;
}

void Migrator::Impl::record_stamp(Connection& c, const VersionTable& vt,
                                  std::vector<std::string> before, std::vector<std::string> after,
                                  const RunOptions& options) {
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  if (before == after) return;
  vt.ensure_history(c);
  RunRecord record(options.tag);
  record.set_lock_wait(lock_wait);
  const std::string to = after.empty() ? "base" : fmt::format("{}", fmt::join(after, ","));
  HistoryEntry row = record.begin(to, "stamp", "");
  record.finish(row, 0, true);
  row.detail = "stamp from " +
               (before.empty() ? std::string("base") : fmt::format("{}", fmt::join(before, ",")));
  vt.append_history(c, row);
}

void Migrator::Impl::report_stamp(ScriptDirectory& dir, const std::string& target,
                                  const RunOptions& options, RunReport& report) {
  std::vector<std::string> before = report.heads_before, after = report.heads_after;
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  if (before == after) return;  // nothing moved: the caller says "already at"
  StepReport r;
  r.from = fmt::format("{}", fmt::join(report.heads_before, ", "));
  r.to = fmt::format("{}", fmt::join(report.heads_after, ", "));
  r.revision = r.to;
  // A stamp goes down when the rows it leaves are below those it found (a downgrade to the
  // same target would remove something); plan_downgrade refuses targets that are not applied.
  try {
    r.upgrade = report.heads_after.empty() && !report.heads_before.empty()
                    ? false
                    : dir.graph().plan_downgrade(report.heads_before, target).empty();
  } catch (const Error&) {
    r.upgrade = true;
  }
  if (options.on_step) options.on_step(r);
  report.steps.push_back(std::move(r));
}

Migrator::Migrator(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Migrator::~Migrator() = default;

RunReport Migrator::upgrade(const std::string& target, const RunOptions& options) {
  return options.sql ? impl_->run_offline(true, target, options)
                     : impl_->run_online(true, target, options);
}

RunReport Migrator::downgrade(const std::string& target, const RunOptions& options) {
  return options.sql ? impl_->run_offline(false, target, options)
                     : impl_->run_online(false, target, options);
}

RunReport Migrator::stamp(const std::string& target, bool purge, const RunOptions& options) {
  return impl_->stamp(target, purge, options);
}

RunReport Migrator::resume(const RunOptions& options) {
  return impl_->run_online(true, "", options, true);
}

std::optional<std::string> Migrator::interrupted() {
  Impl& i = *impl_;
  Connection& c = i.connection();
  VersionTable vt = i.version_table();
  std::optional<JournalState> open = i.open_journal(c, vt);
  if (!open) return std::nullopt;
  return describe_journal(*open) + ": " + journal_remedy(*open);
}

void Migrator::repair_interrupted(const std::string& revision, bool applied,
                                  const RunOptions& options) {
  Impl& i = *impl_;
  ScriptDirectory& dir = i.script_directory();
  RunReport report;
  const char* flag = applied ? "--applied" : "--not-applied";
  i.locked(options, report, [&](Connection& c, const VersionTable& vt) {
    std::optional<JournalState> open = i.open_journal(c, vt);
    std::string id = revision;
    if (auto found = dir.graph().find(revision)) id = found->id;
    if (!open || (open->row.revision != id && !open->row.revision.starts_with(revision))) {
      throw Error(ErrorKind::Usage,
                  fmt::format("repair {} {}: no interrupted migration of {} is recorded{}", flag,
                              revision, revision,
                              open ? fmt::format(" ({} is the one interrupted)", open->row.revision)
                                   : std::string()));
    }
    id = open->row.revision;
    const bool up = open->row.direction == "upgrade";
    std::vector<Statement> all;
    if (applied) {
      // The version rows move as the step would have moved them.
      const RevisionInfo& info = dir.info(id);
      std::vector<RevisionGraph::Step> plan =
          up ? dir.graph().plan_upgrade(report.heads_before, id)
             : dir.graph().plan_downgrade(report.heads_before,
                                          info.down_revisions.size() == 1 ? info.down_revisions[0]
                                          : info.down_revisions.empty()   ? "base"
                                                                          : id + "-1");
      if (plan.empty() || plan.front().revision != id) {
        throw Error(ErrorKind::Graph,
                    fmt::format("repair --applied {}: the version table is not where {} left it; "
                                "use `retort stamp` to set it",
                                id, id));
      }
      all = vt.apply_statements(plan.front().delete_rows, plan.front().insert_rows);
    }
    RunRecord record(options.tag);
    record.set_lock_wait(i.lock_wait);
    HistoryEntry old = open->row;
    old.finished_at = utc_now_iso();
    old.success = applied;
    old.detail = fmt::format("recorded as {} by `retort repair {}` (run {}); was: {}",
                             applied ? "applied" : "not applied", flag, record.run_id(),
                             describe_journal(*open));
    all.push_back(vt.history_update(old));
    HistoryEntry audit = record.begin(id, "repair", applied ? open->row.checksum : "");
    record.finish(audit, 0, true);
    audit.detail =
        fmt::format("repair {}: {} of {} recorded as {} after statement {}", flag,
                    open->row.direction, id, applied ? "applied" : "not applied", open->applied());
    all.push_back(vt.history_insert(audit));
    i.dialect->execute_bookkeeping(c, all);
  });
}

std::vector<std::string> Migrator::current() {
  Connection& c = impl_->connection();
  return impl_->version_table().read(c);
}

std::vector<HistoryEntry> Migrator::applied_history() {
  Connection& c = impl_->connection();
  return impl_->version_table().read_history(c);
}

VerifyReport Migrator::verify() {
  Impl& i = *impl_;
  i.script_directory();  // graph errors before touching the database
  Connection& c = i.connection();
  VersionTable vt = i.version_table();
  return i.verify_applied(c, vt, vt.read(c));
}

void Migrator::accept_changed(const std::string& revision, const RunOptions& options) {
  Impl& i = *impl_;
  ScriptDirectory& dir = i.script_directory();
  RunReport report;
  i.locked(options, report, [&](Connection& c, const VersionTable& vt) {
    const std::vector<std::string> ids = dir.graph().resolve(revision, report.heads_before);
    if (ids.size() != 1) {
      throw Error(ErrorKind::Usage, fmt::format("repair --accept takes one revision; {} names {}",
                                                revision, ids.size()));
    }
    const std::string& id = ids[0];
    const std::vector<std::string> applied = applied_revisions(dir.graph(), report.heads_before);
    if (std::find(applied.begin(), applied.end(), id) == applied.end()) {
      throw Error(ErrorKind::Usage,
                  fmt::format("revision {} is not applied: there is no edit to accept", id));
    }
    const std::map<std::string, std::string> recorded = recorded_checksums(vt.read_history(c));
    const std::string now = i.checksum(id);
    auto it = recorded.find(id);
    vt.ensure_history(c);
    RunRecord record(options.tag);
    record.set_lock_wait(i.lock_wait);
    HistoryEntry row = record.begin(id, "repair", now);
    record.finish(row, 0, true);
    row.detail = it == recorded.end()
                     ? "repair --accept: recorded the script's checksum (none was recorded)"
                 : it->second == now
                     ? "repair --accept: the script already matched " + now
                     : "repair --accept: accepted the edited script (was " + it->second + ")";
    vt.append_history(c, row);
  });
}

bool Migrator::ensure_version(const RunOptions& options) {
  Impl& i = *impl_;
  if (options.sql) {
    i.ensure_dialect();
    std::ostream& out = options.out ? *options.out : std::cout;
    out << fmt::format("-- retort ensure_version ({})\n\n", i.dialect->name())
        << render_offline(*i.dialect, i.version_table().create_statement()) << "\n\n";
    out.flush();
    return false;
  }
  // Asked before the lock, only to report it: another process may create the table meanwhile,
  // and then this call reports a creation it did not make (the table exists either way).
  const bool existed = i.version_table().exists(i.connection());
  RunReport report;
  i.locked(options, report, [](Connection&, const VersionTable&) {});
  return !existed;
}

const Config& Migrator::config() const { return impl_->config; }

}  // namespace retort
