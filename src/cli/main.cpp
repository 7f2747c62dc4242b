// retort command line: argument parsing (CLI11) and the error/exit-code policy.
//
// Exit codes: 0 success, 1 failure, 2 usage (bad arguments, unknown verb, ErrorKind::Usage).
// Every failure is one line on stderr, "retort: error: ...". The verbs live in commands.cpp.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "retort/error.hpp"

namespace {

using retort::cli::GlobalOptions;

// Kept in step with project(VERSION) in CMakeLists.txt.
constexpr const char* kVersion = "0.1.0";

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

const std::vector<std::string> kVerbs = {"init",  "revision", "merge",   "upgrade", "downgrade",
                                         "stamp", "current",  "history", "heads",   "branches",
                                         "show",  "check",    "edit",    "graph"};

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

int usage_error(const std::string& message, const std::string& verb) {
  std::cerr << "retort: error: " << message << " (try `retort " << (verb.empty() ? "" : verb + " ")
            << "--help`)\n";
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
  app.add_flag("--json", g.json, "print data as JSON (history, heads, branches, current, show)");

  // Only the verb typed is built (with none, `retort --help` lists them all): building every
  // subcommand's options was most of the instructions of a `retort current`.
  const std::string verb = typed_verb(argc, argv);
  if (!verb.empty() && std::find(kVerbs.begin(), kVerbs.end(), verb) == kVerbs.end()) {
    return usage_error("unknown command '" + verb + "'", "");
  }
  auto want = [&](const char* v) { return verb.empty() || verb == v; };
  CLI::App* init = nullptr;
  CLI::App* revision = nullptr;
  CLI::App* merge = nullptr;
  CLI::App* upgrade = nullptr;
  CLI::App* downgrade = nullptr;
  CLI::App* stamp = nullptr;
  CLI::App* current = nullptr;
  CLI::App* history = nullptr;
  CLI::App* heads = nullptr;
  CLI::App* graph = nullptr;
  CLI::App* branches = nullptr;
  CLI::App* show = nullptr;
  CLI::App* check = nullptr;
  CLI::App* edit = nullptr;
  CLI::Option* rev_id_opt = nullptr;
  CLI::Option* version_path_opt = nullptr;
  CLI::Option* merge_rev_id_opt = nullptr;

  // init
  std::string init_dir;
  if (want("init")) {
    init = app.add_subcommand("init", "create retort.toml and a migrations folder");
    init->add_option("DIR", init_dir, "the migrations folder to create, e.g. migrations")
        ->required();
  }

  // revision
  cli::RevisionArgs rev;
  std::string rev_id, version_path;
  if (want("revision")) {
    revision = app.add_subcommand("revision", "create a new revision file");
    revision->add_option("-m,--message", rev.message, "what the revision does");
    revision->add_flag("--autogenerate", rev.autogenerate,
                       "fill the revision from the difference between models and database");
    revision->add_option("--head", rev.head, "parent revision (repeatable); default: the head")
        ->allow_extra_args(false);
    revision->add_flag("--splice", rev.splice, "allow a parent that is not a head");
    revision->add_option("--branch-label", rev.branch_label, "label for a new branch (repeatable)")
        ->allow_extra_args(false);
    revision
        ->add_option("--depends-on", rev.depends_on, "revision this one depends on (repeatable)")
        ->allow_extra_args(false);
    rev_id_opt = revision->add_option("--rev-id", rev_id, "use this id instead of a random one");
    version_path_opt =
        revision->add_option("--version-path", version_path, "folder to write the file in");
    revision->add_flag("--allow-empty", rev.allow_empty,
                       "with --autogenerate: write the file even when nothing changed");
  }

  // merge
  cli::MergeArgs merge_args;
  std::string merge_rev_id;
  if (want("merge")) {
    merge = app.add_subcommand("merge", "create a revision that merges two or more heads");
    merge->add_option("REVS", merge_args.revisions, "the revisions to merge, or 'heads'")
        ->required();
    merge->add_option("-m,--message", merge_args.message, "what the merge is for");
    merge_rev_id_opt = merge->add_option("--rev-id", merge_rev_id, "use this id");
  }

  // upgrade, downgrade
  cli::MigrateArgs up, down;
  if (want("upgrade")) {
    upgrade = app.add_subcommand("upgrade", "apply migrations up to a revision");
    upgrade->add_option("REV", up.revision, "target: head, heads, an id, +N, label@head, A:B")
        ->required();
    upgrade->add_flag("--sql", up.sql, "print the SQL instead of running it");
    upgrade->add_flag("--allow-data-loss", up.allow_data_loss,
                      "let destructive operations run on tables that hold data");
  }
  if (want("downgrade")) {
    downgrade = app.add_subcommand("downgrade", "revert migrations down to a revision");
    downgrade->add_option("REV", down.revision, "target: base, an id, -N, label@-N, B:A")
        ->required();
    downgrade->add_flag("--sql", down.sql, "print the SQL instead of running it");
    downgrade->add_flag("--allow-data-loss", down.allow_data_loss,
                        "let destructive operations run on tables that hold data");
  }

  // stamp
  cli::StampArgs stamp_args;
  if (want("stamp")) {
    stamp = app.add_subcommand("stamp", "set the version table without running migrations");
    stamp->add_option("REV", stamp_args.revision, "the revision to record")->required();
    stamp->add_flag("--purge", stamp_args.purge, "empty the version table first");
    stamp->add_flag("--sql", stamp_args.sql, "print the SQL instead of running it");
  }

  // current, history, heads, branches, show, check, edit
  if (want("current")) current = app.add_subcommand("current", "show the database's revision(s)");
  cli::HistoryArgs hist;
  if (want("history")) {
    history = app.add_subcommand("history", "list revisions, newest first");
    history->add_option("-r,--rev-range", hist.range, "[START]:[END], e.g. base:head, -3:current");
    history->add_flag("-i,--indicate-current", hist.indicate_current,
                      "mark the database's revision(s) with (current)");
    history->add_flag("--graph", hist.graph, "draw branches and merges as `git log --graph` does");
  }
  if (want("heads")) heads = app.add_subcommand("heads", "show the head revisions");
  cli::GraphArgs graph_args;
  if (want("graph")) {
    graph = app.add_subcommand("graph", "draw the revision graph (text, or --dot for Graphviz)");
    graph->add_flag("--dot", graph_args.dot,
                    "print a Graphviz digraph: heads bold, current filled");
  }
  if (want("branches")) branches = app.add_subcommand("branches", "show the branch points");
  std::string show_rev, edit_rev;
  if (want("show")) {
    show = app.add_subcommand("show", "show one revision");
    show->add_option("REV", show_rev, "an id, a partial id, head, base, label@head...")->required();
  }
  if (want("check"))
    check = app.add_subcommand("check", "exit 1 if the models differ from the database");
  if (want("edit")) {
    edit = app.add_subcommand("edit", "open a revision file in $EDITOR");
    edit->add_option("REV", edit_rev, "an id, a partial id, head...")->required();
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
  if (rev_id_opt && rev_id_opt->count() > 0) rev.rev_id = rev_id;
  if (version_path_opt && version_path_opt->count() > 0) rev.version_path = version_path;
  if (merge_rev_id_opt && merge_rev_id_opt->count() > 0) merge_args.rev_id = merge_rev_id;

  cli::Streams io{std::cout, std::cerr};
  try {
    if (init && init->parsed()) return cli::cmd_init(g, init_dir, io);
    if (revision && revision->parsed()) return cli::cmd_revision(g, rev, io);
    if (merge && merge->parsed()) return cli::cmd_merge(g, merge_args, io);
    if (upgrade && upgrade->parsed()) return cli::cmd_upgrade(g, up, io);
    if (downgrade && downgrade->parsed()) return cli::cmd_downgrade(g, down, io);
    if (stamp && stamp->parsed()) return cli::cmd_stamp(g, stamp_args, io);
    if (current && current->parsed()) return cli::cmd_current(g, io);
    if (history && history->parsed()) return cli::cmd_history(g, hist, io);
    if (heads && heads->parsed()) return cli::cmd_heads(g, io);
    if (graph && graph->parsed()) return cli::cmd_graph(g, graph_args, io);
    if (branches && branches->parsed()) return cli::cmd_branches(g, io);
    if (show && show->parsed()) return cli::cmd_show(g, show_rev, io);
    if (check && check->parsed()) return cli::cmd_check(g, io);
    if (edit && edit->parsed()) return cli::cmd_edit(g, edit_rev, io);
  } catch (const retort::Error& e) {
    std::cout.flush();
    std::cerr << ("retort: error: " + cli::scrub_password(g, e.what()) + '\n');  // one write
    return e.kind() == retort::ErrorKind::Usage ? kExitUsage : kExitFailure;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << ("retort: internal error: " + cli::scrub_password(g, e.what()) + '\n');
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
