// The verbs that package retort for a system: the man page, the shell completion scripts, and
// the hidden `__complete` the scripts call for revision names.
#include <CLI/CLI.hpp>
#include <set>

#include "cli/command_line_doc.hpp"
#include "cli/command_support.hpp"
#include "retort/error.hpp"
#include "retort/scripts.hpp"

namespace retort::cli {
namespace {

// One line for a completion candidate; tabs and newlines in the description become spaces.
void candidate(std::ostream& out, const std::string& name, std::string what) {
  for (char& c : what)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  out << name << '\t' << what << '\n';
}

}  // namespace

int cmd_completion(const CLI::App& root, const std::string& shell, Streams io) {
  write_completion_script(describe_command_line(root), shell, io.out);
  return 0;
}

int cmd_man(const CLI::App& root, Streams io) {
  write_man_page(describe_command_line(root), io.out);
  return 0;
}

int cmd_complete(const GlobalOptions& g, const std::string& what, Streams io) {
  if (what != "revisions") {
    throw Error(ErrorKind::Usage, "__complete knows 'revisions' only, not '" + what + "'");
  }
  std::vector<RevisionInfo> revs;
  try {
    revs = history(load_config(g));  // headers only: no database, no Lua
  } catch (const Error&) {
    return 0;  // no project here: nothing to offer, and nothing to print in the prompt
  }
  candidate(io.out, "head", "the head revision");
  candidate(io.out, "heads", "every head");
  candidate(io.out, "base", "before the first revision");
  candidate(io.out, "current", "the database's revision");
  std::set<std::string> labels;
  for (const auto& r : revs) {
    candidate(io.out, r.revision, r.message);
    for (const auto& l : r.branch_labels) {
      if (!labels.insert(l).second) continue;
      candidate(io.out, l, "branch label of " + r.revision);
      candidate(io.out, l + "@head", "the head of branch " + l);
    }
  }
  return 0;
}

}  // namespace retort::cli
