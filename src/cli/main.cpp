// retort command line: argument parsing (CLI11) and the error/exit-code policy.
//
// Exit codes: 0 success, 1 failure, 2 usage (bad arguments, unknown verb, ErrorKind::Usage).
// Every failure is one line on stderr, "retort: error: ...". The verbs are listed in verbs.cpp.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/verbs.hpp"
#include "retort/error.hpp"
#include "retort/version.hpp"

namespace {

using retort::cli::GlobalOptions;

// From project(VERSION) in CMakeLists.txt, through the generated retort/version.hpp.
constexpr const char* kVersion = RETORT_VERSION;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// The first argument that is not an option or an option's value: the verb the user typed.
// Used to name an unknown verb plainly instead of CLI11's "arguments were not expected".
std::string typed_verb(int argc, char** argv) {
  static const std::vector<std::string> with_value = {"-c", "--config", "--env", "--url", "-x"};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") return i + 1 < argc ? argv[i + 1] : "";
    if (!arg.empty() && arg[0] == '-') {
      if (std::find(with_value.begin(), with_value.end(), arg) != with_value.end()) ++i;
      continue;
    }
    return arg;
  }
  return "";
}

// CLI11's message, reworded where it reads oddly in a one-line error.
std::string parse_message(const CLI::ParseError& e) {
  std::string msg = e.what();
  for (const char* prefix : {"The following argument was not expected: ",
                             "The following arguments were not expected: "}) {
    std::string p = prefix;
    if (msg.rfind(p, 0) == 0) return "unexpected argument(s): " + msg.substr(p.size());
  }
  return msg;
}

// Edit distance between two short words (verb names), for "did you mean".
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The verb nearest to a mistyped one (at most two edits, or a prefix of it), or "".
std::string nearest_verb(const std::string& typed) {
  std::string best;
  size_t best_distance = 3;
  for (const auto& v : retort::cli::verbs()) {
    std::string name = v.name;
    size_t d = name.rfind(typed, 0) == 0 ? 1 : edit_distance(typed, name);
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  return best;
}

// The global options, for the end of each verb's --help (CLI11 lists only the verb's own).
std::string global_options_help(const CLI::App& app) {
  std::string text = "Global options (before or after the verb):\n";
  for (const CLI::Option* o : app.get_options()) {
    if (o == app.get_help_ptr()) continue;
    std::string names = o->get_name(false, true);
    if (o->get_type_size() != 0) names += " " + std::string(o->get_type_name());
    text += "  " + names + std::string(names.size() < 24 ? 24 - names.size() : 1, ' ') +
            o->get_description() + "\n";
  }
  return text;
}

int usage_error(const std::string& message, const std::string& verb) {
  std::cerr << "retort: error: " << retort::cli::escape_controls(message) << " (try `retort "
            << (verb.empty() ? "" : verb + " ") << "--help`)\n";
  return kExitUsage;
}

int run(int argc, char** argv) {
  namespace cli = retort::cli;
  GlobalOptions g;
  const char* config_env = std::getenv("RETORT_CONFIG");
  g.config_path = config_env != nullptr && *config_env != '\0' ? config_env : "retort.toml";

  CLI::App app{"retort: versioned database schema migrations for SQLite, PostgreSQL and MySQL",
               "retort"};
  app.set_version_flag("--version", std::string("retort ") + kVersion);
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the verb: `retort upgrade head -c x.toml`

  std::string env, url;
  app.add_option("-c,--config", g.config_path, "configuration file (default: ./retort.toml)");
  auto* env_opt = app.add_option("--env", env, "environment: a [env.NAME] table in retort.toml");
  auto* url_opt = app.add_option("--url", url, "database URL; beats retort.toml and $DATABASE_URL");
  app.add_option("-x", g.x, "key=value passed to scripts as context.x (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("-q,--quiet", g.quiet, "print only what the command is asked for");
  app.add_flag("-v,--verbose", g.verbose, "more detail (history, heads, branches, current)");
  app.add_flag("--json", g.json, "print what the command reports as JSON");

  // Only the verb typed is built (with none, `retort --help` lists them all): building every
  // subcommand's options was most of the instructions of a `retort current`.
  const std::string verb = typed_verb(argc, argv);
  if (!verb.empty() && cli::find_verb(verb) == nullptr) {
    std::string near = nearest_verb(verb);
    return usage_error(
        "unknown command '" + verb + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?"),
        "");
  }
  std::vector<std::pair<CLI::App*, cli::Command>> built;
  for (const cli::Verb& v : cli::verbs()) {
    if (!verb.empty() && verb != v.name) continue;
    CLI::App* sub = app.add_subcommand(v.name, v.help);
    if (!verb.empty()) sub->footer(global_options_help(app));
    built.emplace_back(sub, v.setup(*sub));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    if (verb.empty()) return usage_error("no command given", "");
    return usage_error(parse_message(e), verb);
  }

  if (env_opt->count() > 0) g.env = env;
  if (url_opt->count() > 0) g.url = url;

  cli::Streams io{std::cout, std::cerr};
  try {
    for (auto& [sub, command] : built) {
      if (sub->parsed()) return command(g, io);
    }
  } catch (const retort::Error& e) {
    std::cout.flush();
    std::cerr << ("retort: error: " + cli::escape_controls(cli::scrub_password(g, e.what())) +
                  '\n');  // one write
    return e.kind() == retort::ErrorKind::Usage ? kExitUsage : kExitFailure;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << ("retort: internal error: " +
                  cli::escape_controls(cli::scrub_password(g, e.what())) + '\n');
    return kExitFailure;
  }
  return usage_error("no command given", "");
}

}  // namespace

int main(int argc, char** argv) {
  if (!::isatty(STDOUT_FILENO)) {
    // Output to a file or a pipe (`upgrade --sql > all.sql`): written in large blocks, and not
    // flushed before each progress line on stderr, which only a terminal needs to interleave.
    static char buffer[64 << 10];  // glibc ignores the size of a buffer it is not given
    std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    std::cerr.tie(nullptr);
  }
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // building the parser itself failed
    std::cerr << "retort: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}
