// Migrator: plan from the version table, run scripts through a sink, record each step.
#include "retort/migrator.hpp"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <sstream>

#include "dialect/dialect.hpp"
#include "lua/script_runner.hpp"
#include "retort/error.hpp"
#include "retort/scripts.hpp"
#include "runtime/scripts_ahead.hpp"
#include "runtime/sinks.hpp"
#include "runtime/version_table.hpp"
#include "script/path_display.hpp"
#include "script/script_directory.hpp"

namespace retort {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// Splits an offline range "A:B"; without a colon the start is base.
std::pair<std::string, std::string> split_range(const std::string& target) {
  auto pos = target.find(':');
  if (pos == std::string::npos) return {"base", target};
  std::string from = target.substr(0, pos), to = target.substr(pos + 1);
  return {from.empty() ? "base" : from, to.empty() ? "head" : to};
}

}  // namespace

struct Migrator::Impl {
  Config config;
  const Dialect* dialect = nullptr;
  Url url;
  std::unique_ptr<Connection> conn;
  std::optional<ScriptDirectory> scripts;
  std::optional<ScriptRunner> runner_;  // made on the first script: `current` never needs Lua

  explicit Impl(Config c) : config(std::move(c)), display_path(config.root) {}

  ScriptRunner& runner() {
    if (!runner_) {
      runner_.emplace();
      if (auto cache = config.script_cache_file(); !cache.empty()) runner_->use_cache(cache);
    }
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
    return VersionTable(*dialect, config.version_table_schema, config.version_table);
  }

  ScriptContext context(bool offline) {
    ScriptContext ctx;
    ctx.dialect = std::string(dialect->name());
    ctx.offline = offline;
    ctx.x = config.x;
    ctx.naming_convention = config.naming_convention;
    ctx.parameters = dialect;
    return ctx;
  }

  void run_script(const std::string& revision, bool upgrade, OperationSink& sink, bool offline) {
    run_script_on(runner(), script_directory(), revision, upgrade, sink, context(offline));
  }

  // Only reads `dir`: ScriptsAhead calls it from several threads, each with its own runner.
  static void run_script_on(ScriptRunner& r, const ScriptDirectory& dir,
                            const std::string& revision, bool upgrade, OperationSink& sink,
                            const ScriptContext& ctx) {
    const char* fn = upgrade ? "upgrade" : "downgrade";
    if (const std::string* text = dir.source(revision)) {
      r.run_source(dir.info(revision).path, *text, fn, sink, ctx);
    } else {
      r.run(dir.info(revision).path, fn, sink, ctx, dir.file_text(revision), dir.stamp(revision));
    }
  }

  // A script's path as messages show it: relative to the project when it lies inside it.
  PathDisplay display_path;

  StepReport make_step(const RevisionGraph::Step& step) {
    const RevisionInfo& info = script_directory().info(step.revision);
    StepReport r;
    r.upgrade = step.upgrade;
    r.revision = step.revision;
    r.message = info.message;
    if (step.upgrade) {
      r.from = join(info.down_revisions);
      r.to = step.revision;
    } else {
      r.from = step.revision;
      r.to = join(info.down_revisions);
    }
    return r;
  }

  RunReport run_online(bool upgrade, const std::string& target, const RunOptions& options);
  RunReport run_offline(bool upgrade, const std::string& target, const RunOptions& options);
  RunReport stamp(const std::string& target, bool purge, const RunOptions& options);
};

RunReport Migrator::Impl::run_online(bool upgrade, const std::string& target,
                                     const RunOptions& options) {
  ScriptDirectory& dir = script_directory();  // graph errors before touching the database
  Connection& c = connection();
  VersionTable vt = version_table();
  LockOptions lock_options;
  lock_options.key = vt.lock_key();
  lock_options.timeout = config.lock_timeout;
  lock_options.on_wait = options.on_notice;
  auto lock = dialect->acquire_lock(c, lock_options);

  // One transaction for the whole run where DDL is transactional; where it is not (MySQL), each
  // migration is recorded as soon as it is applied.
  const bool transactional = dialect->transactional_ddl();
  const bool per_run = transactional && !config.transaction_per_migration;
  const bool per_step = transactional && config.transaction_per_migration;

  RunReport report;
  std::string running;  // the migration in progress, for the error message
  size_t applied_steps = 0;
  try {
    if (per_run)
      c.begin();
    else if (per_step)
      c.begin();  // version table creation and the read share the first one
    vt.ensure(c);
    // Read after taking the lock: another process may have migrated while we waited.
    report.heads_before = vt.read(c);
    for (const auto& row : report.heads_before) {
      if (!dir.graph().find(row)) {
        throw Error(ErrorKind::Graph,
                    fmt::format("the database is at revision {}, which no script in {} defines: "
                                "restore the script, or `retort stamp` the database to a known "
                                "revision",
                                row, dir.versions_dir().string()));
      }
    }
    std::vector<RevisionGraph::Step> plan =
        upgrade ? dir.graph().plan_upgrade(report.heads_before, target)
                : dir.graph().plan_downgrade(report.heads_before, target);
    if (per_step) c.commit();

    std::unique_ptr<SchemaView> schema = dialect->live_schema(c);
    for (const auto& step : plan) {
      const RevisionInfo& info = dir.info(step.revision);
      running = step.revision;
      auto started = std::chrono::steady_clock::now();
      if (per_step) c.begin();
      OnlineSink sink(*dialect, c, *schema, options.allow_data_loss, display_path(info.path));
      run_script(step.revision, step.upgrade, sink, false);
      sink.flush();
      vt.apply(c, step.delete_rows, step.insert_rows);
      if (per_step) c.commit();
      ++applied_steps;
      StepReport r = make_step(step);
      r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started);
      if (options.on_step) options.on_step(r);
      report.steps.push_back(std::move(r));
    }
    if (per_run) c.commit();
    report.heads_after = vt.read(c);
  } catch (const Error& e) {
    c.rollback();
    if (running.empty()) throw;
    std::string what =
        fmt::format("{} {} failed: {}", upgrade ? "upgrade" : "downgrade", running, e.what());
    if (transactional) {
      what += per_run ? "; the run was rolled back, the database is as it was"
                      : "; this migration was rolled back";
      if (per_step && applied_steps > 0)
        what += fmt::format(" ({} earlier migration(s) stay applied)", applied_steps);
    } else {
      what += fmt::format(
          "; {} commits DDL immediately: the {} migration(s) before it stay applied and "
          "recorded, and statements of this migration that ran before the failure stay applied",
          dialect->name(), applied_steps);
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

  // The schema so far: a scratch database where the dialect has one (SQLite in memory), else a
  // model tracked from the ops.
  std::unique_ptr<DeferredConnection> scratch;
  if (dialect->has_offline_scratch())
    scratch = std::make_unique<DeferredConnection>([d = dialect] { return d->offline_scratch(); });
  TrackedSchema tracked;
  std::unique_ptr<SchemaView> scratch_view;
  if (scratch) scratch_view = dialect->live_schema(*scratch);
  SchemaView& schema = scratch ? *scratch_view : static_cast<SchemaView&>(tracked);

  // Revisions applied before the range start: replayed silently so the schema is right.
  std::vector<std::string> start_rows =
      from == "base" ? std::vector<std::string>{} : dir.graph().resolve(from, {});
  std::vector<std::string> replay_from;
  if (upgrade && !start_rows.empty()) {
    for (const auto& step : dir.graph().plan_upgrade({}, from)) {
      OfflineSink sink(*dialect, out, schema, scratch.get(), scratch ? nullptr : &tracked, false);
      run_script(step.revision, true, sink, true);
    }
  } else if (!upgrade) {
    for (const auto& step : dir.graph().plan_upgrade({}, from)) {
      OfflineSink sink(*dialect, out, schema, scratch.get(), scratch ? nullptr : &tracked, false);
      run_script(step.revision, true, sink, true);
    }
  }

  std::vector<RevisionGraph::Step> plan = upgrade ? dir.graph().plan_upgrade(start_rows, to)
                                                  : dir.graph().plan_downgrade(start_rows, to);
  RunReport report;
  report.heads_before = start_rows;
  const bool transactional = dialect->transactional_ddl();
  const bool per_step = config.transaction_per_migration;
  out << fmt::format("-- retort {} {} ({})\n\n", upgrade ? "upgrade" : "downgrade", target,
                     dialect->name());
  if (transactional && !per_step) out << "BEGIN;\n\n";
  if (upgrade && start_rows.empty())
    out << render_offline(*dialect, vt.create_statement()) << "\n\n";

  // The scripts run ahead on other threads; their ops reach the sink in plan order.
  const ScriptContext ctx = context(true);
  const unsigned workers = options.script_threads == 0 ? ScriptsAhead::workers_for(plan.size())
                                                       : options.script_threads - 1;
  std::optional<ScriptsAhead> ahead;
  if (workers > 0 && plan.size() > 1) {
    ahead.emplace(
        plan.size(), workers, runner(),
        [&dir, &plan, &ctx](ScriptRunner& r, size_t i, OperationSink& sink) {
          run_script_on(r, dir, plan[i].revision, plan[i].upgrade, sink, ctx);
        },
        *dialect, true, !scratch);
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    const RevisionGraph::Step& step = plan[i];
    StepReport r = make_step(step);
    if (transactional && per_step) out << "BEGIN;\n\n";
    out << fmt::format("-- Running {} {} -> {}, {}\n\n", upgrade ? "upgrade" : "downgrade", r.from,
                       r.to, r.message);
    OfflineSink sink(*dialect, out, schema, scratch.get(), scratch ? nullptr : &tracked, true);
    if (std::optional<RecordedRun> recorded = ahead ? ahead->take(i) : std::nullopt) {
      recorded->replay(sink);
      ahead->give_back(i, std::move(*recorded));
    } else {
      run_script_on(runner(), dir, step.revision, step.upgrade, sink, ctx);
    }
    for (const auto& s : vt.apply_statements(step.delete_rows, step.insert_rows))
      out << render_offline(*dialect, s) << "\n\n";
    if (transactional && per_step) out << "COMMIT;\n\n";
    if (options.on_step) options.on_step(r);
    report.steps.push_back(std::move(r));
  }
  if (transactional && !per_step) out << "COMMIT;\n\n";
  out.flush();
  return report;
}

RunReport Migrator::Impl::stamp(const std::string& target, bool purge, const RunOptions& options) {
  ScriptDirectory& dir = script_directory();
  ensure_dialect();
  VersionTable vt = version_table();
  RunReport report;
  if (options.sql) {
    std::ostream& out = options.out ? *options.out : std::cout;
    auto rows = dir.graph().stamp_rows({}, target, true);
    out << fmt::format("-- retort stamp {} ({})\n\n", target, dialect->name());
    if (dialect->transactional_ddl()) out << "BEGIN;\n\n";
    out << render_offline(*dialect, vt.create_statement()) << "\n\n";
    if (purge) out << "DELETE FROM " << dialect->qualify(vt.schema(), vt.name()) << ";\n\n";
    for (const auto& s : vt.apply_statements({}, rows))
      out << render_offline(*dialect, s) << "\n\n";
    if (dialect->transactional_ddl()) out << "COMMIT;\n\n";
    report.heads_after = rows;
    return report;
  }
  Connection& c = connection();
  LockOptions lock_options;
  lock_options.key = vt.lock_key();
  lock_options.timeout = config.lock_timeout;
  lock_options.on_wait = options.on_notice;
  auto lock = dialect->acquire_lock(c, lock_options);
  try {
    if (dialect->transactional_ddl()) c.begin();
    vt.ensure(c);
    report.heads_before = vt.read(c);
    std::vector<std::string> current = report.heads_before;
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
    if (dialect->transactional_ddl()) c.commit();
    report.heads_after = vt.read(c);
  } catch (...) {
    c.rollback();
    throw;
  }
  return report;
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

std::vector<std::string> Migrator::current() {
  Connection& c = impl_->connection();
  return impl_->version_table().read(c);
}

const Config& Migrator::config() const { return impl_->config; }

}  // namespace retort
