// The verbs that run against the database: upgrade, downgrade, stamp and current.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <sstream>

#include "cli/command_support.hpp"
#include "cli/output.hpp"
#include "dialect/url.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"

namespace retort::cli {
namespace {

nlohmann::ordered_json run_json(const RunReport& r) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const auto& s : r.steps) {
    steps.push_back({{"upgrade", s.upgrade},
                     {"from", s.from},
                     {"to", s.to},
                     {"revision", s.revision},
                     {"message", s.message},
                     {"elapsed_ms", static_cast<double>(s.elapsed.count()) / 1000.0}});
  }
  return {{"steps", steps}, {"heads_before", r.heads_before}, {"heads_after", r.heads_after}};
}

// Prints an upgrade/downgrade/stamp run: a line per step as the library reports it (on stderr
// with --sql, where stdout carries the SQL), notices on stderr, and at the end the JSON report or
// "already at X" when an online run had nothing to do.
class RunPrinter {
 public:
  RunPrinter(const GlobalOptions& g, std::string verb, bool sql, Streams io)
      : g_(g),
        verb_(std::move(verb)),
        sql_(sql),
        io_(io),
        batch_(sql && &io.err == &std::cerr && !::isatty(STDERR_FILENO)) {}
  RunPrinter(const RunPrinter&) = delete;
  RunPrinter& operator=(const RunPrinter&) = delete;
  // A failed run unwinds through here before its error is printed: the lines come first.
  ~RunPrinter() { flush_pending(); }

  RunOptions options(bool allow_data_loss) {
    RunOptions o;
    o.allow_data_loss = allow_data_loss;
    o.sql = sql_;
    // --sql --json: the SQL goes into the report's "sql" rather than straight to stdout.
    o.out = sql_ && g_.json ? &captured_ : &io_.out;
    o.on_step = [this](const StepReport& s) { print_step(s); };
    o.on_notice = [this](const std::string& notice) {
      flush_pending();
      io_.err << ("retort: " + notice + '\n') << std::flush;  // one write on unbuffered stderr
    };
    return o;
  }

  void finish(const RunReport& r) {
    // A library that reports steps only in the result still gets its progress lines.
    if (printed_ == 0) {
      for (const auto& s : r.steps) print_step(s);
    }
    flush_pending();
    if (g_.json) {
      nlohmann::ordered_json j = run_json(r);
      if (sql_) j["sql"] = captured_.str();
      io_.out << j.dump(2) << '\n';
    } else if (sql_) {
      return;
    } else if (r.steps.empty() && !g_.quiet) {
      io_.out << "already at " << revisions_or_base(r.heads_after) << '\n';
    }
  }

 private:
  void print_step(const StepReport& s) {
    ++printed_;
    if (g_.quiet || g_.json) return;
    std::string name = verb_ == "stamp" ? verb_ : (s.upgrade ? "upgrade" : "downgrade");
    std::string line = step_line(name, s, !sql_ && verb_ != "stamp") + '\n';
    if (batch_) {
      pending_ += line;
      if (pending_.size() >= (32u << 10)) flush_pending();
      return;
    }
    std::ostream& out = sql_ ? io_.err : io_.out;
    out << line << std::flush;  // one write
  }

  void flush_pending() {
    if (pending_.empty()) return;
    io_.err.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
    io_.err.flush();
    pending_.clear();
  }

  const GlobalOptions& g_;
  std::string verb_;
  bool sql_;
  Streams io_;
  int printed_ = 0;
  // With --sql and stderr not a terminal (a file, a CI log), the progress lines are written
  // in blocks like the SQL on stdout: a write per line was 1,000 system calls, a tenth of an
  // `upgrade --sql` of 1,000 revisions. A notice, the end of the run and a failure (the
  // destructor runs before the error is printed) write out what is pending first.
  bool batch_ = false;
  std::string pending_;
  std::ostringstream captured_;  // the SQL of --sql --json
};

// upgrade and downgrade: the same run, in one direction or the other.
int run_migrations(const GlobalOptions& g, const MigrateArgs& a, Streams io, bool up) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunPrinter printer(g, up ? "upgrade" : "downgrade", a.sql, io);
  RunOptions options = printer.options(a.allow_data_loss);
  options.tag = a.tag;
  printer.finish(up ? m.upgrade(a.revision, options) : m.downgrade(a.revision, options));
  return 0;
}

}  // namespace

int cmd_upgrade(const GlobalOptions& g, const MigrateArgs& a, Streams io) {
  return run_migrations(g, a, io, true);
}

int cmd_downgrade(const GlobalOptions& g, const MigrateArgs& a, Streams io) {
  return run_migrations(g, a, io, false);
}

int cmd_stamp(const GlobalOptions& g, const StampArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunPrinter printer(g, "stamp", a.sql, io);
  printer.finish(m.stamp(a.revision, a.purge, printer.options(false)));
  return 0;
}

int cmd_ensure_version(const GlobalOptions& g, const bool& sql, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunOptions o;
  o.sql = sql;
  o.out = &io.out;
  o.on_notice = [&io](const std::string& notice) { io.err << ("retort: " + notice + '\n'); };
  const bool created = m.ensure_version(o);
  if (g.json && !sql) {
    io.out << nlohmann::ordered_json{{"version_table", c.version_table},
                                     {"version_table_schema",
                                      c.version_table_schema.empty()
                                          ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(c.version_table_schema)},
                                     {"created", created}}
                  .dump(2)
           << '\n';
  } else if (g.verbose && !sql) {
    io.out << (created ? "Created " : "Already there: ") << c.version_table << '\n';
  }
  return 0;
}

int cmd_current(const GlobalOptions& g, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  std::vector<std::string> revs = m.current();
  const std::optional<std::string> interrupted = m.interrupted();
  if (g.json) {
    io.out << nlohmann::ordered_json{{"current", revs},
                                     {"interrupted", interrupted
                                                         ? nlohmann::ordered_json(*interrupted)
                                                         : nlohmann::ordered_json(nullptr)}}
                  .dump(2)
           << '\n';
    return 0;
  }
  if (g.verbose) io.out << "Current revision(s) for " << mask_url(c.url) << ":\n";
  Children children(c);
  LineStyle style;
  style.branches = false;
  for (const auto& rev : revs) io.out << listing_entry(show(c, rev), children, g.verbose, style);
  print_interrupted(interrupted, io);
  return 0;
}

int cmd_verify(const GlobalOptions& g, Streams io) {
  Config c = load_config(g);
  require_url(c);
  VerifyReport r = Migrator(c).verify();
  if (g.json) {
    nlohmann::ordered_json changed = nlohmann::ordered_json::array();
    for (const auto& ch : r.changed) {
      changed.push_back({{"revision", ch.revision},
                         {"state", ch.current.empty() ? "missing" : "changed"},
                         {"recorded", ch.recorded.empty() ? nlohmann::ordered_json(nullptr)
                                                          : nlohmann::ordered_json(ch.recorded)},
                         {"current", ch.current.empty() ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(ch.current)},
                         {"path", ch.path.empty() ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(ch.path)}});
    }
    io.out << nlohmann::ordered_json{{"ok", r.changed.empty()},
                                     {"checked", r.checked},
                                     {"unrecorded", r.unrecorded},
                                     {"changed", changed}}
                  .dump(2)
           << '\n';
    return r.changed.empty() ? 0 : 1;
  }
  if (r.changed.empty()) {
    if (!g.quiet) {
      io.out << fmt::format("OK: {} applied revision(s) match the checksums recorded when they ran",
                            r.checked);
      if (r.unrecorded) io.out << fmt::format(" ({} have none recorded)", r.unrecorded);
      io.out << '\n';
    }
    return 0;
  }
  for (const auto& ch : r.changed) {
    if (ch.current.empty()) {
      io.out << fmt::format("{}: applied, but no script defines it (recorded {})\n", ch.revision,
                            ch.recorded.empty() ? "no checksum" : ch.recorded);
    } else {
      io.out << fmt::format("{}: {} changed since it was applied (recorded {}, now {})\n",
                            ch.revision, ch.path, ch.recorded, ch.current);
    }
  }
  io.err << fmt::format(
      "retort: {} applied revision(s) changed or missing: restore them, or accept an edit with "
      "`retort repair --accept REV`\n",
      r.changed.size());
  return 1;
}

int cmd_repair(const GlobalOptions& g, const RepairArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunOptions o;
  o.on_notice = [&io](const std::string& notice) { io.err << ("retort: " + notice + '\n'); };
  if (!a.applied.empty() || !a.not_applied.empty()) return cmd_repair_interrupted(g, a, io);
  if (a.accept.empty()) {
    throw Error(ErrorKind::Usage,
                "repair needs what to repair: --accept REV, --applied REV or --not-applied REV");
  }
  m.accept_changed(a.accept, o);
  if (!g.quiet) io.out << "accepted the script of " << a.accept << " as applied\n";
  return 0;
}

}  // namespace retort::cli
