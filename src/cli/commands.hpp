// The CLI verbs: one function per verb, each a thin call into the public library API plus the
// printing. verbs.cpp binds each verb's arguments to these structs; every function returns the
// exit code and throws retort::Error for failures (main turns those into one line on stderr).
// Defined in script_commands.cpp, database_commands.cpp and autogen_commands.cpp.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace retort::cli {

// Options every verb accepts (before or after the verb).
struct GlobalOptions {
  std::string config_path;  // -c/--config; default $RETORT_CONFIG or ./retort.toml
  std::optional<std::string> env;
  std::optional<std::string> url;
  std::vector<std::string> x;  // -x key=value, unparsed
  bool quiet = false;
  bool verbose = false;
  bool json = false;
};

struct InitArgs {
  std::string directory;
  std::string template_name = "default";  // --template
};

struct RevisionArgs {
  std::string message;
  bool sql = false;  // --sql: a plain SQL revision
  bool autogenerate = false;
  std::vector<std::string> head;
  bool splice = false;
  std::vector<std::string> branch_label;
  std::vector<std::string> depends_on;
  std::optional<std::string> rev_id;
  std::optional<std::string> version_path;
  bool allow_empty = false;
  bool allow_empty_models = false;
};

struct CheckArgs {
  bool strict = false;  // objects retort does not manage fail the check too
  bool allow_empty_models = false;
};

struct MergeArgs {
  std::vector<std::string> revisions;
  std::string message;
  std::optional<std::string> rev_id;
};

struct MigrateArgs {  // upgrade, downgrade
  std::string revision;
  bool sql = false;
  bool allow_data_loss = false;
  std::string tag;  // --tag: context.get_tag_argument() in the scripts
};

struct StampArgs {
  std::string revision;
  bool purge = false;
  bool sql = false;
};

struct HistoryArgs {
  std::string range;
  bool indicate_current = false;
  bool graph = false;    // --graph: draw the lanes as `git log --graph` does
  bool applied = false;  // --applied: what ran on the database, from its history table
};

struct RepairArgs {
  std::string accept;       // --accept REV: record the edited script's checksum as applied
  std::string applied;      // --applied REV: record an interrupted migration as done
  std::string not_applied;  // --not-applied REV: record an interrupted migration as not applied
};

struct ResumeArgs {
  std::string tag;  // --tag: context.get_tag_argument() in the scripts
};

struct HeadsArgs {
  bool resolve_dependencies = false;  // a revision others depend on is not a head
};

struct GraphArgs {
  bool dot = false;  // Graphviz instead of the text drawing
};

struct ImportAlembicArgs {
  std::string path;                      // alembic.ini, pyproject.toml or their folder
  std::string directory = "migrations";  // -d/--directory: the migrations folder to write
  std::string constraint_names;          // --constraint-names: retort or postgresql
};

// Where output goes; main passes std::cout / std::cerr.
struct Streams {
  std::ostream& out;
  std::ostream& err;
};

int cmd_init(const GlobalOptions& g, const InitArgs& a, Streams io);
int cmd_list_templates(const GlobalOptions& g, Streams io);
int cmd_revision(const GlobalOptions& g, const RevisionArgs& a, Streams io);
// revision --autogenerate: the revision filled from the difference between models and database.
int cmd_autogenerate(const GlobalOptions& g, const RevisionArgs& a, Streams io);
int cmd_merge(const GlobalOptions& g, const MergeArgs& a, Streams io);
int cmd_upgrade(const GlobalOptions& g, const MigrateArgs& a, Streams io);
int cmd_downgrade(const GlobalOptions& g, const MigrateArgs& a, Streams io);
int cmd_stamp(const GlobalOptions& g, const StampArgs& a, Streams io);
int cmd_current(const GlobalOptions& g, Streams io);
int cmd_history(const GlobalOptions& g, const HistoryArgs& a, Streams io);
int cmd_heads(const GlobalOptions& g, const HeadsArgs& a, Streams io);
// Exit 1 naming every applied revision whose script changed or is missing; 0 and one line.
int cmd_verify(const GlobalOptions& g, Streams io);
int cmd_repair(const GlobalOptions& g, const RepairArgs& a, Streams io);
// repair --applied / --not-applied (journal_commands.cpp).
int cmd_repair_interrupted(const GlobalOptions& g, const RepairArgs& a, Streams io);
// Continues the migration an earlier run left part-applied (journal_commands.cpp).
int cmd_resume(const GlobalOptions& g, const ResumeArgs& a, Streams io);
// The line `current` prints after the revisions when a migration was left part-applied.
void print_interrupted(const std::optional<std::string>& interrupted, Streams io);
// Creates the version table (Alembic's ensure_version); `sql`: print its CREATE TABLE.
int cmd_ensure_version(const GlobalOptions& g, const bool& sql, Streams io);
// The whole graph: text lanes, or --dot for Graphviz with the database's revision(s) filled when
// the database is reachable (otherwise a notice on stderr and no highlighting).
int cmd_graph(const GlobalOptions& g, const GraphArgs& a, Streams io);
int cmd_branches(const GlobalOptions& g, Streams io);
int cmd_show(const GlobalOptions& g, const std::string& revision, Streams io);
int cmd_check(const GlobalOptions& g, const CheckArgs& a, Streams io);
int cmd_edit(const GlobalOptions& g, const std::string& revision, Streams io);
// import-alembic PATH: writes retort.toml and the Lua revisions of an Alembic project into the
// current folder (import_commands.cpp).
int cmd_import_alembic(const GlobalOptions& g, const ImportAlembicArgs& a, Streams io);

// The verbs of packaging (package_commands.cpp). `root` is the application main.cpp built: its
// global options, and the verb table, are what the script and the page describe.
int cmd_completion(const CLI::App& root, const std::string& shell, Streams io);
int cmd_man(const CLI::App& root, Streams io);
// `retort __complete revisions`: one line per name a REV argument accepts, "name<TAB>what it
// is", read from the revision headers (never the database); nothing, and exit 0, when the
// project cannot be read, so a shell's completion never shows an error.
int cmd_complete(const GlobalOptions& g, const std::string& what, Streams io);

// Replaces the password of the configured URL wherever it appears in `message`: a last guard so
// that no error text, whatever produced it, shows a password.
std::string scrub_password(const GlobalOptions& g, const std::string& message);
// `message` with control characters (ESC, CR, newlines, ... from a URL, an identifier or a
// server's text) written as \xNN, so an error stays one line and cannot drive the terminal.
std::string escape_controls(const std::string& message);

}  // namespace retort::cli
