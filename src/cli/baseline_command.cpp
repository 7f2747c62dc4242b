// `retort baseline -m MSG` (retort/baseline.hpp): the printing.
#include "cli/command_support.hpp"
#include "cli/test_commands.hpp"
#include "retort/baseline.hpp"

namespace retort::cli {

int cmd_baseline(const GlobalOptions& g, const std::string& message, Streams io) {
  Config c = load_config(g);
  require_url(c);
  RevisionInfo info = baseline(c, message);
  if (g.json) {
    io.out << revision_json(info).dump(2) << '\n';
  } else if (!g.quiet) {
    io.out << "Generating " << info.path << " ... done\n"
           << "Stamped the database at " << info.revision << '\n';
  }
  return 0;
}

}  // namespace retort::cli
