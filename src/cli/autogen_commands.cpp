// The verbs that compare the models with the database: revision --autogenerate and check.
#include <unistd.h>

#include <iostream>

#include "cli/command_support.hpp"
#include "cli/output.hpp"
#include "retort/autogenerate.hpp"

namespace retort::cli {
namespace {

// On a terminal, a likely rename is asked about; without one, retort never guesses.
bool ask_rename_on_terminal(const std::string& table, const std::string& from,
                            const std::string& to) {
  std::cerr << "retort: table " << table << " lost column " << from << " and gained column " << to
            << " of a compatible type. Is it a rename (keeps the data)? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

}  // namespace

int cmd_autogenerate(const GlobalOptions& g, const RevisionArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  AutogenerateOptions o;
  copy_revision_args(a, o);
  o.allow_empty = a.allow_empty;
  o.allow_empty_models = a.allow_empty_models;
  if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) o.ask_rename = ask_rename_on_terminal;
  AutogenerateResult r = autogenerate(c, o);
  for (const auto& w : r.warnings) io.err << "retort: warning: " << w << '\n';
  if (g.json) {
    nlohmann::json j;
    j["changes"] = r.changes;
    j["warnings"] = r.warnings;
    j["unmanaged"] = r.unmanaged;
    j["written"] = r.written ? nlohmann::json(revision_json(*r.written)) : nlohmann::json();
    io.out << j.dump(2) << '\n';
    return 0;
  }
  if (g.quiet) return 0;
  for (const auto& change : r.changes) io.out << "Detected " << change << '\n';
  if (r.written) {
    io.out << "Generating " << r.written->path << " ... done\n";
  } else {
    io.out << "No changes detected; no revision written (use --allow-empty to write one anyway)\n";
  }
  return 0;
}

int cmd_check(const GlobalOptions& g, const CheckArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  AutogenerateOptions o;
  o.allow_empty_models = a.allow_empty_models;
  AutogenerateResult r = check(c, o);
  const bool fails_strict = a.strict && !r.unmanaged.empty();
  if (g.json) {
    nlohmann::json j;
    j["changes"] = r.changes;
    j["warnings"] = r.warnings;
    j["unmanaged"] = r.unmanaged;
    io.out << j.dump(2) << '\n';
  } else {
    for (const auto& w : r.warnings) io.err << "retort: warning: " << w << '\n';
    if (r.changes.empty()) {
      if (!g.quiet) io.out << "No changes: the database matches the models\n";
    } else {
      for (const auto& change : r.changes) io.out << change << '\n';
      io.err << "retort: the database differs from the models (" << r.changes.size()
             << " change(s)): run `retort revision --autogenerate -m MSG`\n";
    }
    if (fails_strict) {
      io.err << "retort: --strict: " << r.unmanaged.size()
             << " object(s) that retort does not manage: manage them with op.execute in a "
                "revision, or accept them in exclude_objects (retort.toml)\n";
    }
  }
  return r.changes.empty() && !fails_strict ? 0 : 1;
}

}  // namespace retort::cli
