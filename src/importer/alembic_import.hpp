// `retort import-alembic`: an Alembic project turned into a retort project.
//
// Python files are read with Python's own parser: the system's python3 runs a helper script
// embedded in retort (alembic_helper.py, compiled in as alembic_helper_script()) that prints the
// project's configuration and each revision, its body already translated to Lua, as JSON. This
// side checks that JSON, writes retort.toml and one Lua revision per Python revision, and
// reports what needs hand work. retort never needs Python otherwise.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct AlembicImportOptions {
  // alembic.ini, pyproject.toml ([tool.alembic]) or a folder holding one of them.
  std::filesystem::path source;
  // Where retort.toml is written; the migrations folder is `directory` below it.
  std::filesystem::path project_dir;
  std::string directory = "migrations";
  // Names for constraints Alembic left unnamed: "retort" (retort's convention), "postgresql"
  // (PostgreSQL's own: users_pkey, users_email_key, ..._fkey), empty: postgresql when
  // sqlalchemy.url is a PostgreSQL URL, else retort.
  std::string constraint_names;
  // The Python interpreter; empty: $RETORT_PYTHON, else python3 on $PATH.
  std::string python;
};

struct ImportedRevision {
  std::string revision;
  std::string source;  // the Python file
  std::string file;    // the Lua file written
  std::string message;
  std::vector<std::string> hand_work;  // "upgrade: line 12: why", empty when translated
  std::vector<std::string> notes;      // what was dropped on purpose (Python-only arguments)
  bool translated() const { return hand_work.empty(); }
};

struct AlembicImport {
  std::string source_config;    // the alembic.ini / pyproject.toml read
  std::string config_written;   // the retort.toml written
  std::string script_location;  // the migrations folder written
  std::string version_table;
  std::string version_table_schema;
  std::optional<std::string> url;  // converted from sqlalchemy.url, when it was a real URL
  std::vector<std::pair<std::string, std::string>> naming_convention;  // written to retort.toml
  std::vector<std::string> notes;  // about the configuration (env.py values not literal, ...)
  std::vector<ImportedRevision> revisions;  // in file order
  size_t translated() const;
};

// Reads the Alembic project and writes the retort project. Nothing is written when a file
// cannot be read or an output file exists already. Errors: Error(Config) when python3 is
// missing or the project cannot be read, Error(Script) when a revision file is not Python or
// lacks a literal `revision`, Error(Usage) when an output file exists.
AlembicImport import_alembic(const AlembicImportOptions& options);

// The embedded helper's text (generated from src/importer/alembic_helper.py at build time).
const char* alembic_helper_script();

}  // namespace retort
