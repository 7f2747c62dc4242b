// retort::Config — a project's settings: where the scripts are, which database, how to run.
//
// Loaded from retort.toml (section [retort], overridden by [env.NAME] when an environment is
// chosen), then by $DATABASE_URL, then by explicit overrides (the CLI's --url, -x). `${VAR}` in
// any string setting expands from the environment. Unknown settings, malformed TOML (with the
// line) and a missing file are ErrorKind::Config errors. Relative paths in the file are relative
// to the directory that holds it. Thread-safety: a value type.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "retort/export.hpp"
#include "retort/metadata.hpp"

namespace retort {

// A revision script held in memory, for a program that ships its migrations inside its binary.
// `name` stands for the file name in messages ("0001_create_users.lua"); `text` is the Lua
// source, header included, exactly as the file would hold it.
struct ScriptText {
  std::string name;
  std::string text;
};

struct ConfigOverrides {
  std::optional<std::string> env;        // --env; otherwise $RETORT_ENV
  std::optional<std::string> url;        // --url; beats everything
  std::map<std::string, std::string> x;  // -x key=value, readable as context.x.key
};

// A command run on each new revision file (retort.toml [post_write_hooks], Alembic's): `name`
// as listed in `hooks`; type "exec" runs `executable` with `options` split on spaces, where
// REVISION_SCRIPT_FILENAME stands for the new file; `cwd` (optional) is where it runs.
struct PostWriteHook {
  std::string name;
  std::string type = "exec";
  std::string executable;
  std::string options = "REVISION_SCRIPT_FILENAME";
  std::filesystem::path cwd;
};

struct RETORT_EXPORT Config {
  std::filesystem::path file;  // the retort.toml that was read (empty for an in-code config)
  std::filesystem::path root;  // directory relative paths resolve against

  std::filesystem::path script_location = "migrations";  // holds versions/, templates
  std::vector<std::filesystem::path> version_locations;  // default: script_location/versions
  std::string url;                                       // may hold a password: print masked
  std::filesystem::path models;                          // models.lua or schema.sql; may be empty
  std::string version_table = "retort_version";
  std::string version_table_schema;
  // The history table beside the version table (what ran, when, by whom, with which checksum);
  // empty: version_table + "_history". Same schema as the version table.
  std::string history_table;
  // What upgrade and downgrade do when an applied revision's file changed since it ran
  // (on_changed_applied): refuse (Error, the default) or say so on stderr and go on (Warn).
  enum class ChangedApplied { Error, Warn };
  ChangedApplied on_changed_applied = ChangedApplied::Error;
  bool transaction_per_migration = false;
  // Revision scripts held in memory: when set, they are the project's revisions and the
  // version directories are not read. The same Migrator, history and checks run on them.
  std::optional<std::vector<ScriptText>> embedded_scripts;
  // The models held in memory (a models.lua, or a schema.sql: the name's extension says which),
  // for autogenerate and check in a program that embeds them: when set, `models` is not read.
  std::optional<ScriptText> embedded_models;
  std::string file_template = "%(rev)s_%(slug)s";
  int truncate_slug_length = 40;
  std::chrono::milliseconds lock_timeout{60000};
  NamingConvention naming_convention;
  // Autogenerate and check: globs over table names ("name" or "schema.name") to compare only,
  // or to leave out; and the schemas to compare (empty: the connection's default schema).
  std::vector<std::string> include_tables;
  std::vector<std::string> exclude_tables;
  std::vector<std::string> include_schemas;
  // [post_write_hooks]: run in order on each file `revision` and `merge` write.
  std::vector<PostWriteHook> post_write_hooks;
  std::map<std::string, std::string> x;  // -x key=value
  std::string env;                       // the environment chosen, if any
  // Autogenerate and check: the objects retort does not manage that are accepted without a
  // warning, as KIND:NAME globs ("policy:*", "rule:orders.*", "*:audit_*"); docs/configuration.md.
  std::vector<std::string> exclude_objects;

  // Reads `file` and applies the environment and overrides as described above.
  static Config load(const std::filesystem::path& file, const ConfigOverrides& overrides = {});

  // A config for programs that set fields in code: root = current directory.
  static Config defaults();

  // Absolute path of a setting that may be relative to root.
  std::filesystem::path resolve(const std::filesystem::path& p) const;
  // The directories that hold revision files, resolved.
  std::vector<std::filesystem::path> version_dirs() const;
  // history_table, or version_table + "_history" when it is not set.
  std::string history_table_name() const;
};

// `url` with any password replaced by "***", for messages and output.
RETORT_EXPORT std::string mask_url(const std::string& url);

}  // namespace retort
