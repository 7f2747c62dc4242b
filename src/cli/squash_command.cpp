// `retort squash A:B -m MSG` (retort/squash.hpp): the printing.
#include "cli/command_support.hpp"
#include "cli/output.hpp"
#include "cli/test_commands.hpp"
#include "retort/squash.hpp"

namespace retort::cli {

int cmd_squash(const GlobalOptions& g, const SquashArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  SquashResult r = squash(c, a.range, a.message);
  for (const auto& w : r.warnings) io.err << "retort: warning: " << w << '\n';
  if (g.json) {
    nlohmann::ordered_json j = revision_json(r.revision);
    j["removed"] = r.removed;
    j["warnings"] = r.warnings;
    io.out << j.dump(2) << '\n';
  } else if (!g.quiet) {
    for (const auto& path : r.removed) io.out << "Removing " << path << '\n';
    io.out << "Generating " << r.revision.path << " ... done\n";
  }
  return 0;
}

}  // namespace retort::cli
