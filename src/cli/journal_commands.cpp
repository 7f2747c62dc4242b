// The verbs for a migration an interrupted run left part-applied (where DDL commits on its own):
// resume, and repair --applied / --not-applied; and the line `current` prints about it.
#include <fmt/format.h>

#include <iostream>

#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"

namespace retort::cli {

void print_interrupted(const std::optional<std::string>& interrupted, Streams io) {
  if (interrupted) io.out << "interrupted: " << *interrupted << '\n';
}

int cmd_resume(const GlobalOptions& g, const ResumeArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunOptions o;
  o.tag = a.tag;
  o.on_notice = [&io](const std::string& notice) { io.err << ("retort: " + notice + '\n'); };
  o.on_step = [&](const StepReport& s) {
    if (g.quiet || g.json) return;
    io.out << step_line(s.upgrade ? "upgrade" : "downgrade", s, true) << '\n' << std::flush;
  };
  RunReport r = m.resume(o);
  if (g.json) {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const auto& s : r.steps)
      steps.push_back(
          {{"upgrade", s.upgrade}, {"revision", s.revision}, {"from", s.from}, {"to", s.to}});
    io.out << nlohmann::ordered_json{{"steps", steps},
                                     {"heads_before", r.heads_before},
                                     {"heads_after", r.heads_after}}
                  .dump(2)
           << '\n';
  } else if (!g.quiet) {
    io.out << "resumed: the database is at " << revisions_or_base(r.heads_after) << '\n';
  }
  return 0;
}

int cmd_repair_interrupted(const GlobalOptions& g, const RepairArgs& a, Streams io) {
  const int given = !a.accept.empty() + !a.applied.empty() + !a.not_applied.empty();
  if (given != 1) {
    throw Error(ErrorKind::Usage,
                "repair takes one of --accept REV, --applied REV and --not-applied REV");
  }
  Config c = load_config(g);
  require_url(c);
  Migrator m(c);
  RunOptions o;
  o.on_notice = [&io](const std::string& notice) { io.err << ("retort: " + notice + '\n'); };
  const bool applied = !a.applied.empty();
  const std::string& rev = applied ? a.applied : a.not_applied;
  m.repair_interrupted(rev, applied, o);
  if (!g.quiet) {
    io.out << (applied ? fmt::format("recorded {} as applied\n", rev)
                       : fmt::format("recorded {} as not applied: the version table is unchanged\n",
                                     rev));
  }
  return 0;
}

}  // namespace retort::cli
