// The verbs of the command line, one entry each: name, help, arguments and the command that runs
// them, in the order `retort --help` lists them. main.cpp builds the subcommand of the verb
// typed only, so a short command does not pay for every verb's parser.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "cli/commands.hpp"

namespace CLI {
class App;
}

namespace retort::cli {

// A verb's command, bound to the arguments its subcommand parses into.
using Command = std::function<int(const GlobalOptions&, Streams)>;

struct Verb {
  const char* name;
  const char* help;
  // Adds the verb's positionals and options to its subcommand and returns the command that
  // runs with what they parse into.
  Command (*setup)(CLI::App& sub);
};

std::span<const Verb> verbs();
// The verb called `name`, or null.
const Verb* find_verb(std::string_view name);

}  // namespace retort::cli
