// The verb table (see verbs.hpp): each verb's arguments as CLI11 options bound to its
// commands.hpp struct.
#include "cli/verbs.hpp"

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/test_commands.hpp"

namespace retort::cli {
namespace {

// A verb whose arguments fill an `Args`: `Bind` declares them, `Run` is the command.
template <class Args, void (*Bind)(CLI::App&, Args&),
          int (*Run)(const GlobalOptions&, const Args&, Streams)>
Command with_args(CLI::App& sub) {
  auto args = std::make_shared<Args>();
  Bind(sub, *args);
  return [args](const GlobalOptions& g, Streams io) { return Run(g, *args, io); };
}

template <int (*Run)(const GlobalOptions&, Streams)>
Command without_args(CLI::App&) {
  return Run;
}

// Sets `target` only when the option is given, so "not given" stays apart from "given empty".
void add_optional(CLI::App& sub, const char* name, std::optional<std::string>& target,
                  const char* help) {
  sub.add_option_function<std::string>(
      name, [&target](const std::string& value) { target = value; }, help);
}

void bind_init(CLI::App& sub, InitArgs& a) {
  sub.add_option("DIR", a.directory, "the migrations folder to create, e.g. migrations")
      ->required();
  sub.add_option("-t,--template", a.template_name,
                 "project layout: default, multidb, embedded (see list-templates)");
}

void bind_revision(CLI::App& sub, RevisionArgs& a) {
  sub.add_option("-m,--message", a.message, "what the revision does");
  sub.add_flag("--sql", a.sql, "write a plain SQL revision (.sql) instead of a Lua one");
  sub.add_flag("--autogenerate", a.autogenerate,
               "fill the revision from the difference between models and database");
  sub.add_option("--head", a.head, "parent revision (repeatable); default: the head")
      ->allow_extra_args(false);
  sub.add_flag("--splice", a.splice, "allow a parent that is not a head");
  sub.add_option("--branch-label", a.branch_label, "label for a new branch (repeatable)")
      ->allow_extra_args(false);
  sub.add_option("--depends-on", a.depends_on, "revision this one depends on (repeatable)")
      ->allow_extra_args(false);
  add_optional(sub, "--rev-id", a.rev_id, "use this id instead of a random one");
  add_optional(sub, "--version-path", a.version_path, "folder to write the file in");
  sub.add_flag("--allow-empty", a.allow_empty,
               "with --autogenerate: write the file even when nothing changed");
  sub.add_flag("--allow-empty-models", a.allow_empty_models,
               "with --autogenerate: compare even when the models declare nothing");
}

void bind_check(CLI::App& sub, CheckArgs& a) {
  sub.add_flag("--strict", a.strict,
               "also exit 1 when the models or the database hold objects retort does not manage");
  sub.add_flag("--allow-empty-models", a.allow_empty_models,
               "compare even when the models declare nothing");
}

void bind_test(CLI::App& sub, TestArgs& a) {
  sub.add_option("--check", a.checks,
                 "run only this check (repeatable): single_head, upgrade, models_match, "
                 "offline_sql, downgrade, stairway")
      ->allow_extra_args(false);
  sub.add_option("--junit", a.junit, "also write the results as JUnit XML to this file");
  sub.add_option("--fixtures", a.fixtures,
                 "the data fixtures' folder (default: <script_location>/fixtures)");
}

void bind_baseline(CLI::App& sub, std::string& message) {
  sub.add_option("-m,--message", message, "what the revision says, e.g. \"adopt the schema\"");
}

void bind_squash(CLI::App& sub, SquashArgs& a) {
  sub.add_option("RANGE", a.range, "A:B, the oldest and the newest revision to fold into one")
      ->required();
  sub.add_option("-m,--message", a.message, "what the squashed revision says");
}

void bind_merge(CLI::App& sub, MergeArgs& a) {
  sub.add_option("REVS", a.revisions, "the revisions to merge, or 'heads'")->required();
  sub.add_option("-m,--message", a.message, "what the merge is for");
  add_optional(sub, "--rev-id", a.rev_id, "use this id");
}

void bind_migrate(CLI::App& sub, MigrateArgs& a, const char* target) {
  sub.add_option("REV", a.revision, target)->required();
  sub.add_flag("--sql", a.sql, "print the SQL instead of running it");
  sub.add_flag("--allow-data-loss", a.allow_data_loss,
               "let destructive operations run on tables that hold data");
  sub.add_option("--tag", a.tag, "a string the scripts read with context.get_tag_argument()");
}

void bind_upgrade(CLI::App& sub, MigrateArgs& a) {
  bind_migrate(sub, a, "target: head, heads, an id, +N, label@head, A:B");
}

void bind_downgrade(CLI::App& sub, MigrateArgs& a) {
  bind_migrate(sub, a, "target: base, an id, -N, label@-N, B:A");
}

void bind_stamp(CLI::App& sub, StampArgs& a) {
  sub.add_option("REV", a.revision, "the revision to record")->required();
  sub.add_flag("--purge", a.purge, "empty the version table first");
  sub.add_flag("--sql", a.sql, "print the SQL instead of running it");
}

void bind_history(CLI::App& sub, HistoryArgs& a) {
  sub.add_option("-r,--rev-range", a.range, "[START]:[END], e.g. base:head, -3:current");
  sub.add_flag("-i,--indicate-current", a.indicate_current,
               "mark the database's revision(s) with (current)");
  sub.add_flag("--graph", a.graph, "draw branches and merges as `git log --graph` does");
  sub.add_flag("--applied", a.applied,
               "list what ran on the database (its history table), newest first");
}

void bind_repair(CLI::App& sub, RepairArgs& a) {
  sub.add_option("--accept", a.accept,
                 "record REV's edited script as the applied one (an audit row in the history)");
  sub.add_option("--applied", a.applied,
                 "record the interrupted migration REV as done (the version table moves)");
  sub.add_option("--not-applied", a.not_applied,
                 "record the interrupted migration REV as not applied (the version table stays)");
}

void bind_resume(CLI::App& sub, ResumeArgs& a) {
  sub.add_option("--tag", a.tag, "a string the scripts read with context.get_tag_argument()");
}

void bind_heads(CLI::App& sub, HeadsArgs& a) {
  sub.add_flag("--resolve-dependencies", a.resolve_dependencies,
               "treat depends_on as a parent: a revision others depend on is not a head");
}

void bind_ensure_version(CLI::App& sub, bool& sql) {
  sub.add_flag("--sql", sql, "print the CREATE TABLE instead of running it");
}

void bind_graph(CLI::App& sub, GraphArgs& a) {
  sub.add_flag("--dot", a.dot, "print a Graphviz digraph: heads bold, current filled");
}

void bind_import_alembic(CLI::App& sub, ImportAlembicArgs& a) {
  sub.add_option("PATH", a.path, "alembic.ini, pyproject.toml, or the folder holding it")
      ->required();
  sub.add_option("-d,--directory", a.directory,
                 "the migrations folder to write (default: migrations)");
  sub.add_option("--constraint-names", a.constraint_names,
                 "names for constraints Alembic left unnamed: retort (its convention) or "
                 "postgresql (the database's own); default: postgresql for a PostgreSQL URL");
}

void bind_show(CLI::App& sub, std::string& revision) {
  sub.add_option("REV", revision, "an id, a partial id, head, base, label@head...")->required();
}

void bind_edit(CLI::App& sub, std::string& revision) {
  sub.add_option("REV", revision, "an id, a partial id, head...")->required();
}

// completion SHELL: the script for that shell, from the parser main.cpp built (its parent).
Command setup_completion(CLI::App& sub) {
  auto shell = std::make_shared<std::string>();
  sub.add_option("SHELL", *shell, "bash, zsh or fish")->required();
  const CLI::App* root = sub.get_parent();
  return
      [shell, root](const GlobalOptions&, Streams io) { return cmd_completion(*root, *shell, io); };
}

// Hidden verbs (no group: not in --help, man page or completion): what the completion scripts
// and the build call.
Command setup_complete(CLI::App& sub) {
  sub.group("");
  auto what = std::make_shared<std::string>();
  sub.add_option("WHAT", *what, "revisions")->required();
  return [what](const GlobalOptions& g, Streams io) { return cmd_complete(g, *what, io); };
}

Command setup_man(CLI::App& sub) {
  sub.group("");
  const CLI::App* root = sub.get_parent();
  return [root](const GlobalOptions&, Streams io) { return cmd_man(*root, io); };
}

const Verb kVerbs[] = {
    {"init", "create retort.toml and a migrations folder",
     with_args<InitArgs, bind_init, cmd_init>},
    {"list-templates", "list the project templates of init --template",
     without_args<cmd_list_templates>},
    {"revision", "create a new revision file",
     with_args<RevisionArgs, bind_revision, cmd_revision>},
    {"merge", "create a revision that merges two or more heads",
     with_args<MergeArgs, bind_merge, cmd_merge>},
    {"upgrade", "apply migrations up to a revision",
     with_args<MigrateArgs, bind_upgrade, cmd_upgrade>},
    {"downgrade", "revert migrations down to a revision",
     with_args<MigrateArgs, bind_downgrade, cmd_downgrade>},
    {"stamp", "set the version table without running migrations",
     with_args<StampArgs, bind_stamp, cmd_stamp>},
    {"current", "show the database's revision(s)", without_args<cmd_current>},
    {"history", "list revisions, newest first", with_args<HistoryArgs, bind_history, cmd_history>},
    {"verify", "exit 1 if an applied revision's script changed or is missing",
     without_args<cmd_verify>},
    {"repair",
     "accept an edited applied revision (--accept REV), or settle an interrupted one (--applied "
     "REV, --not-applied REV)",
     with_args<RepairArgs, bind_repair, cmd_repair>},
    {"resume", "continue a migration an interrupted run left part-applied (MariaDB, MySQL)",
     with_args<ResumeArgs, bind_resume, cmd_resume>},
    {"heads", "show the head revisions", with_args<HeadsArgs, bind_heads, cmd_heads>},
    {"graph", "draw the revision graph (text, or --dot for Graphviz)",
     with_args<GraphArgs, bind_graph, cmd_graph>},
    {"branches", "show the branch points", without_args<cmd_branches>},
    {"show", "show one revision", with_args<std::string, bind_show, cmd_show>},
    {"check", "exit 1 if the models differ from the database",
     with_args<CheckArgs, bind_check, cmd_check>},
    {"test", "try the migrations on a scratch database: heads, upgrade, models, downgrades",
     with_args<TestArgs, bind_test, cmd_test>},
    {"baseline", "adopt an existing database: its schema as the first revision, stamped",
     with_args<std::string, bind_baseline, cmd_baseline>},
    {"squash", "fold a run of revisions A:B into one, built from reflection, keeping B's id",
     with_args<SquashArgs, bind_squash, cmd_squash>},
    {"edit", "open a revision file in $EDITOR", with_args<std::string, bind_edit, cmd_edit>},
    {"ensure_version", "create the version table if it does not exist",
     with_args<bool, bind_ensure_version, cmd_ensure_version>},
    {"import-alembic", "turn an Alembic project into a retort project (revisions in Lua)",
     with_args<ImportAlembicArgs, bind_import_alembic, cmd_import_alembic>},
    {"completion", "print the shell completion script for bash, zsh or fish", setup_completion},
    {"__complete", "names for shell completion", setup_complete},
    {"__man", "print the retort(1) man page", setup_man},
};

}  // namespace

std::span<const Verb> verbs() { return kVerbs; }

const Verb* find_verb(std::string_view name) {
  for (const Verb& v : kVerbs)
    if (name == v.name) return &v;
  return nullptr;
}

}  // namespace retort::cli
