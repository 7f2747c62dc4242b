// test_migrations (retort/migration_test.hpp): the checks of `retort test`, each on scratch
// databases of the project's dialect (DialectExtras::create_scratch).
//
// Three scratches, each made when its check starts and dropped when it ends: one for upgrade and
// models_match, one for the offline SQL, one for the stairway. The stairway walks the upgrade
// plan from base, one revision at a time, through one Migrator (one connection); for each
// revision it compares the schema before the upgrade with the schema after the downgrade.
// Where the dialect has a cheap schema digest (SQLite: sqlite_master's rows), equal digests
// mean equal schemas and nothing is reflected; otherwise both states are reflected and compared
// with autogenerate's comparison.
#include "retort/migration_test.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "autogen/autogenerate.hpp"
#include "autogen/compare.hpp"
#include "autogen/sql_splitter.hpp"
#include "dialect/dialect_extras.hpp"
#include "dialect/scratch.hpp"
#include "ops/ops.hpp"
#include "retort/autogenerate.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "runtime/migration_fixtures.hpp"
#include "runtime/scratch_database.hpp"
#include "script/script_directory.hpp"

namespace retort {
namespace {

using Clock = std::chrono::steady_clock;

const std::vector<std::string> kChecks = {"single_head", "upgrade",   "models_match",
                                          "offline_sql", "downgrade", "stairway"};

std::chrono::microseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// A scratch database for the length of one check, with a session and a Migrator on it.
class ScratchDb {
 public:
  ScratchDb(const Dialect& d, const std::string& project_url, Connection* admin,
            const std::string& name)
      : db_(d, project_url, admin, name), conn_(d.connect(Url::parse(db_.url()))) {}

  const std::string& url() const { return db_.url(); }
  Connection& conn() { return *conn_; }
  // The Migrator is closed before the scratch is dropped (members go in reverse order).
  Migrator& migrator(const Config& project) {
    if (!migrator_) {
      Config c = project;
      c.url = db_.url();
      migrator_ = std::make_unique<Migrator>(std::move(c));
    }
    return *migrator_;
  }
  void close_migrator() { migrator_.reset(); }

 private:
  ScratchDatabase db_;
  std::unique_ptr<Connection> conn_;
  std::unique_ptr<Migrator> migrator_;
};

class Tester {
 public:
  Tester(const Config& config, const MigrationTestOptions& options)
      : config_(config), options_(options), db_(autogen::resolve_database(config)) {
    for (const auto& c : options.checks) {
      if (std::find(kChecks.begin(), kChecks.end(), c) == kChecks.end()) {
        throw Error(ErrorKind::Usage, fmt::format("unknown check {}: the checks are {}", c,
                                                  fmt::join(kChecks, ", ")));
      }
    }
    dialect_ = db_.dialect;
    extras_ = &dialect_extras(*dialect_);
    skip_tables_ = {config.version_table, config.history_table_name()};
  }

  MigrationTestReport run() {
    const auto started = Clock::now();
    report_.dialect = std::string(dialect_->name());
    ScriptDirectory dir = ScriptDirectory::load(config_);
    const RevisionGraph& graph = dir.graph();
    fixtures_.emplace(config_, graph, options_.fixtures);
    if (wanted("single_head")) single_head(graph);
    if (extras_->scratch_needs_server() && needs_scratch()) {
      admin_ = dialect_->connect(db_.url);
    }
    if (wanted("upgrade") || wanted("models_match")) upgrade_and_models(graph);
    if (wanted("offline_sql")) offline_sql();
    if (wanted("downgrade") || wanted("stairway")) stairway(graph);
    report_.elapsed = since(started);
    return std::move(report_);
  }

 private:
  bool wanted(const std::string& check) const {
    return options_.checks.empty() || std::find(options_.checks.begin(), options_.checks.end(),
                                                check) != options_.checks.end();
  }
  bool needs_scratch() const {
    for (const auto& c : kChecks)
      if (c != "single_head" && wanted(c)) return true;
    return false;
  }

  void add(TestCase c) {
    if (!wanted(c.check)) return;
    if (options_.on_case) options_.on_case(c);
    report_.cases.push_back(std::move(c));
  }
  static TestCase make(const std::string& check, const std::string& revision,
                       Clock::time_point started, std::string failure = {}) {
    TestCase c;
    c.check = check;
    c.revision = revision;
    c.passed = failure.empty();
    c.message = std::move(failure);
    c.elapsed = since(started);
    return c;
  }
  static TestCase skip(const std::string& check, const std::string& revision, std::string why) {
    TestCase c;
    c.check = check;
    c.revision = revision;
    c.skipped = true;
    c.message = std::move(why);
    return c;
  }

  std::unique_ptr<ScratchDb> scratch() {
    std::string name = scratch_name(admin_ ? db_.url.database : std::string());
    if (admin_) report_.scratch_databases.push_back(name);
    return std::make_unique<ScratchDb>(*dialect_, config_.url, admin_.get(), name);
  }

  MetaData reflect(Connection& c) const {
    InspectOptions io;
    io.schemas = config_.include_schemas;
    io.exclude_tables = skip_tables_;
    return dialect_->inspect(c, io);
  }

  // What would turn `have` into `want`, one line per op; empty when the schemas are the same.
  std::vector<std::string> differences(MetaData have, MetaData want) const {
    autogen::CompareOptions co;
    co.version_table = config_.version_table;
    co.history_table = config_.history_table_name();
    co.include_tables = config_.include_tables;
    co.exclude_tables = config_.exclude_tables;
    co.compare_comments = dialect_->keeps_comments();
    autogen::CompareResult r = autogen::compare(std::move(have), std::move(want), *dialect_, co);
    std::vector<std::string> out;
    for (const auto& op : r.upgrade) out.push_back(ops::describe(op));
    return out;
  }

  void single_head(const RevisionGraph& graph) {
    const auto started = Clock::now();
    std::vector<std::string> heads = graph.heads();
    std::string failure;
    if (heads.size() > 1) {
      failure = fmt::format("{} heads ({}): merge them with `retort merge heads -m MSG`",
                            heads.size(), fmt::join(heads, ", "));
    }
    add(make("single_head", "", started, failure));
  }

  // Upgrade base to heads in one run (stopping at each revision with a fixture, to run its
  // hooks), then compare the result with the models.
  void upgrade_and_models(const RevisionGraph& graph) {
    auto started = Clock::now();
    auto db = scratch();
    try {
      Migrator& m = db->migrator(config_);
      if (!fixtures_->empty()) {
        for (const auto& step : graph.plan_upgrade({}, "heads")) {
          const std::string& rev = step.revision;
          if (!fixtures_->has(rev)) continue;
          // Upgrading to a revision already applied does nothing.
          for (const auto& parent : graph.find(rev)->down_revisions) m.upgrade(parent);
          hook(rev, MigrationFixtures::Hook::BeforeUpgrade, db->conn(), true);
          m.upgrade(rev);
          hook(rev, MigrationFixtures::Hook::AfterUpgrade, db->conn(), true);
        }
      }
      m.upgrade("heads");
    } catch (const Error& e) {
      add(make("upgrade", "", started, e.what()));
      add(skip("models_match", "", "the upgrade to head failed"));
      return;
    }
    add(make("upgrade", "", started));
    head_schema_ = reflect(db->conn());
    if (!wanted("models_match")) return;
    started = Clock::now();
    Config c = config_;
    c.url = db->url();
    if (!config_.embedded_models) {
      try {
        autogen::models_path(config_);
      } catch (const Error& e) {
        add(skip("models_match", "", e.what()));
        return;
      }
    }
    try {
      AutogenerateResult r = check(c);
      std::string failure;
      if (!r.changes.empty()) {
        failure = fmt::format(
            "the schema at head differs from the models ({} change(s): {}): run `retort "
            "revision --autogenerate -m MSG`",
            r.changes.size(), fmt::join(r.changes, "; "));
      }
      add(make("models_match", "", started, failure));
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::Config) {
        add(skip("models_match", "", e.what()));
      } else {
        add(make("models_match", "", started, e.what()));
      }
    }
  }

  // `upgrade heads --sql`, run statement by statement on a second scratch: the same schema as
  // the online run.
  void offline_sql() {
    const auto started = Clock::now();
    if (!head_schema_) {
      add(skip("offline_sql", "", "needs the online upgrade to head, which did not run or failed"));
      return;
    }
    auto db = scratch();
    std::ostringstream sql;
    try {
      RunOptions o;
      o.sql = true;
      o.out = &sql;
      db->migrator(config_).upgrade("heads", o);
    } catch (const Error& e) {
      add(make("offline_sql", "", started, fmt::format("upgrade --sql failed: {}", e.what())));
      return;
    }
    db->close_migrator();
    const std::vector<autogen::SqlStatement> statements = autogen::split_sql_script(sql.str());
    for (size_t i = 0; i < statements.size(); ++i) {
      try {
        db->conn().execute(statements[i].text);
      } catch (const Error& e) {
        db->conn().rollback();
        add(make("offline_sql", "", started,
                 fmt::format("statement {} of the --sql output (line {}) failed: {}", i + 1,
                             statements[i].line, e.what())));
        return;
      }
    }
    std::vector<std::string> diff = differences(reflect(db->conn()), *head_schema_);
    std::string failure;
    if (!diff.empty()) {
      failure = fmt::format(
          "the --sql output gives another schema than the online upgrade (to match it: {})",
          fmt::join(diff, "; "));
    }
    add(make("offline_sql", "", started, failure));
  }

  // The schema with exactly `rows` applied, on a scratch of its own: asked only when a digest
  // says the stairway's downgrade changed something, to see what.
  MetaData schema_at(const std::vector<std::string>& rows) {
    auto db = scratch();
    for (const auto& row : rows) db->migrator(config_).upgrade(row);
    return reflect(db->conn());
  }

  // Runs a fixture's hook; `named`: its errors say which hook ("after_upgrade: FILE:LINE: ...").
  void hook(const std::string& revision, MigrationFixtures::Hook h, Connection& conn,
            bool named = false) {
    try {
      fixtures_->run(revision, h, *dialect_, conn);
    } catch (const Error& e) {
      if (!named) throw;
      throw Error(e.kind(), fmt::format("{}: {}", MigrationFixtures::name(h), e.what()));
    }
  }

  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  // For each revision in upgrade order: upgrade to it, downgrade to its parent, compare, and
  // upgrade again. A step that throws ends the walk: what follows is skipped.
  void stairway(const RevisionGraph& graph) {
    auto db = scratch();
    Migrator& m = db->migrator(config_);
    Connection& conn = db->conn();
    const std::vector<RevisionGraph::Step> plan = graph.plan_upgrade({}, "heads");
    std::vector<std::string> rows;  // the version table before each step
    std::string stopped;            // why the walk ended early
    // Rows the fixtures put in stay in the scratch, and a downgrade that drops a column or table
    // holding them would be refused: the scratch's data is the fixtures' own, so the
    // downgrades run as with --allow-data-loss (docs/commands.md).
    RunOptions down_options;
    down_options.allow_data_loss = !fixtures_->empty();
    down_options.private_scratch = true;
    RunOptions up_options;
    up_options.private_scratch = true;
    for (const auto& step : plan) {
      const std::string& rev = step.revision;
      if (!stopped.empty()) {
        add(skip("downgrade", rev, stopped));
        add(skip("stairway", rev, stopped));
        continue;
      }
      const auto started = Clock::now();
      const std::vector<std::string>& parents = graph.find(rev)->down_revisions;
      const bool compare = wanted("downgrade");
      std::optional<std::string> digest_before;
      std::optional<MetaData> before;
      std::string phase = "before_upgrade";
      try {
        hook(rev, MigrationFixtures::Hook::BeforeUpgrade, conn);
        // The downgrade check's "before": a digest where the dialect has one, else the schema.
        if (compare) digest_before = extras_->schema_digest(conn, skip_tables_);
        if (compare && !digest_before) before = reflect(conn);
        phase = "upgrade";
        // What the version table holds after each run, as the Migrator read it after its commit.
        const std::vector<std::string> rows_up = m.upgrade(rev, up_options).heads_after;
        phase = "after_upgrade";
        hook(rev, MigrationFixtures::Hook::AfterUpgrade, conn);
        phase = "downgrade";
        // REV@PARENT: down REV's own line only, so what other branches applied stays.
        const std::string target = parents.empty() ? "base" : parents.front();
        const std::vector<std::string> rows_down =
            m.downgrade(rev + "@" + target, down_options).heads_after;
        std::string failure;
        if (sorted(rows_down) != sorted(rows)) {
          failure = fmt::format(
              "downgrade to {} left the version table at {} instead of {}", target,
              rows_down.empty() ? "base" : fmt::format("{}", fmt::join(rows_down, ", ")),
              rows.empty() ? "base" : fmt::format("{}", fmt::join(rows, ", ")));
        } else if (!compare) {
          // stairway only
        } else if (!digest_before || extras_->schema_digest(conn, skip_tables_) != digest_before) {
          MetaData after = reflect(conn);
          if (!before) before = schema_at(rows);
          std::vector<std::string> diff = differences(std::move(after), *before);
          if (!diff.empty()) {
            failure = fmt::format(
                "the downgrade does not leave the schema it found before the upgrade (to "
                "restore it: {})",
                fmt::join(diff, "; "));
          }
        }
        if (failure.empty()) {
          phase = "after_downgrade";
          hook(rev, MigrationFixtures::Hook::AfterDowngrade, conn);
        }
        add(make("downgrade", rev, started, failure));
        phase = "upgrade again";
        m.upgrade(rev, up_options);
        rows = rows_up;
        add(make("stairway", rev, started));
      } catch (const Error& e) {
        if (phase == "downgrade") add(make("downgrade", rev, started, e.what()));
        if (phase == "after_downgrade")
          add(make("downgrade", rev, started, fmt::format("{}: {}", phase, e.what())));
        if (phase == "upgrade") add(skip("downgrade", rev, "its upgrade failed"));
        if (phase == "before_upgrade" || phase == "after_upgrade")
          add(skip("downgrade", rev, fmt::format("its fixture's {}() failed", phase)));
        add(make("stairway", rev, started, fmt::format("{}: {}", phase, e.what())));
        stopped = fmt::format("the stairway stopped at {}", rev);
      }
    }
  }

  const Config& config_;
  const MigrationTestOptions& options_;
  autogen::LiveDatabase db_;  // resolved, not connected
  const Dialect* dialect_ = nullptr;
  const DialectExtras* extras_ = nullptr;
  std::vector<std::string> skip_tables_;
  std::unique_ptr<Connection> admin_;  // a session on the project's server, for the scratches
  std::optional<MetaData> head_schema_;
  std::optional<MigrationFixtures> fixtures_;
  MigrationTestReport report_;
};

}  // namespace

std::size_t MigrationTestReport::failures() const {
  return static_cast<std::size_t>(std::count_if(
      cases.begin(), cases.end(), [](const TestCase& c) { return !c.passed && !c.skipped; }));
}

std::size_t MigrationTestReport::skipped() const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [](const TestCase& c) { return c.skipped; }));
}

const std::vector<std::string>& migration_test_checks() { return kChecks; }

MigrationTestReport test_migrations(const Config& config, const MigrationTestOptions& options) {
  return Tester(config, options).run();
}

}  // namespace retort
