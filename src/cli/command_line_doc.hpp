// The command line as data — global options, verbs, their options and positionals — read from
// the CLI11 parser that `--help` prints, so the man page and the shell completion scripts are
// generated from the same source as the help and never drift from it. Internal to src/cli/.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace retort::cli {

// What the value of an option or positional is, for completion.
enum class ValueKind {
  None,       // a flag
  Text,       // anything
  File,       // a path to a file
  Directory,  // a path to a directory
  Revision,   // a revision name (ids, labels, head, base...)
  Template,   // a project template name (init --template)
  Shell,      // bash, zsh or fish (completion)
};

struct OptionDoc {
  std::vector<std::string> names;  // "-c", "--config"; a positional's single name, e.g. "REV"
  std::string value;               // what the value is called in the help ("FILE"); empty: flag
  std::string help;
  bool positional = false;
  bool required = false;
  bool repeatable = false;
  ValueKind kind = ValueKind::None;
};

struct VerbDoc {
  std::string name;
  std::string help;
  std::vector<OptionDoc> options;  // -h/--help first, as CLI11 lists them
  std::vector<OptionDoc> positionals;
};

struct CommandLineDoc {
  std::string description;
  std::vector<OptionDoc> global;
  std::vector<VerbDoc> verbs;  // the visible verbs of the verb table, in its order
};

// `root` is the application main.cpp builds (the global options); each verb's subcommand is
// built afresh from the verb table, so the verbs need not have been added to `root`.
CommandLineDoc describe_command_line(const CLI::App& root);

// retort(1) in roff (man(7) macros).
void write_man_page(const CommandLineDoc& doc, std::ostream& out);

// The completion script for `shell` ("bash", "zsh" or "fish"); Error(Usage) for another shell.
// Revision names are completed by running `retort __complete revisions`.
void write_completion_script(const CommandLineDoc& doc, const std::string& shell,
                             std::ostream& out);

}  // namespace retort::cli
