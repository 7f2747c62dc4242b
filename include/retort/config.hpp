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

#include "retort/metadata.hpp"

namespace retort {

struct ConfigOverrides {
  std::optional<std::string> env;        // --env; otherwise $RETORT_ENV
  std::optional<std::string> url;        // --url; beats everything
  std::map<std::string, std::string> x;  // -x key=value, readable as context.x.key
};

struct Config {
  std::filesystem::path file;  // the retort.toml that was read (empty for an in-code config)
  std::filesystem::path root;  // directory relative paths resolve against

  std::filesystem::path script_location = "migrations";  // holds versions/, templates
  std::vector<std::filesystem::path> version_locations;  // default: script_location/versions
  std::string url;                                       // may hold a password: print masked
  std::filesystem::path models;                          // models.lua or schema.sql; may be empty
  std::string version_table = "retort_version";
  std::string version_table_schema;
  bool transaction_per_migration = false;
  // Keep compiled scripts and models in <script_location>/.retort-cache, and parsed revision
  // headers in <versions folder>/.retort-headers, between runs.
  bool script_cache = true;
  std::string file_template = "%(rev)s_%(slug)s";
  int truncate_slug_length = 40;
  std::chrono::milliseconds lock_timeout{60000};
  NamingConvention naming_convention;
  // Autogenerate and check: globs over table names ("name" or "schema.name") to compare only,
  // or to leave out; and the schemas to compare (empty: the connection's default schema).
  std::vector<std::string> include_tables;
  std::vector<std::string> exclude_tables;
  std::vector<std::string> include_schemas;
  std::map<std::string, std::string> x;  // -x key=value
  std::string env;                       // the environment chosen, if any

  // Reads `file` and applies the environment and overrides as described above.
  static Config load(const std::filesystem::path& file, const ConfigOverrides& overrides = {});

  // A config for programs that set fields in code: root = current directory.
  static Config defaults();

  // Absolute path of a setting that may be relative to root.
  std::filesystem::path resolve(const std::filesystem::path& p) const;
  // Where compiled scripts are kept (<script_location>/.retort-cache); empty when script_cache
  // is off.
  std::filesystem::path script_cache_file() const;
  // The directories that hold revision files, resolved.
  std::vector<std::filesystem::path> version_dirs() const;
};

// `url` with any password replaced by "***", for messages and output.
std::string mask_url(const std::string& url);

}  // namespace retort
