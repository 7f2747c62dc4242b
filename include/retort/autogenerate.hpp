// retort autogenerate — compare the models with a live database; write the next revision.
//
// `autogenerate` is `retort revision --autogenerate`: it reflects the database named by the
// config, loads the models (config.models: a models.lua, or a schema.sql that is loaded into a
// scratch database of the same kind and reflected), compares the two, and writes a revision
// whose upgrade() and downgrade() hold the differences as op.* calls for a person to review.
// `check` is `retort check`: the same comparison, nothing written (the CLI exits 1 when there
// are changes). A C++ program can pass its own `target` MetaData instead of a models file.
// Which tables and schemas are compared comes from the config (include_tables, exclude_tables,
// include_schemas), so a program and `retort check` on the same project agree.
//
// What is compared, and what is not, is in docs/autogenerate.md. Autogenerate never writes
// { allow_data_loss = true }: the data-loss guard still stands between a generated drop and
// the rows it would destroy.
//
// Failures throw retort::Error: Config (no URL, no models file), Script (models.lua errors),
// Database (connection, reflection, schema.sql statements), Usage (the database is not at the
// head revision, so the differences would belong to a pending migration). Thread-safety: free
// functions; each call opens and closes its own connections.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "retort/config.hpp"
#include "retort/export.hpp"
#include "retort/metadata.hpp"
#include "retort/scripts.hpp"

namespace retort {

struct AutogenerateOptions {
  std::string message;       // -m
  bool allow_empty = false;  // write a revision even when nothing differs
  // Asked when a table lost exactly one column and gained one of a compatible type: is it a
  // rename (table, old column, new column)? Null: never; the pair is reported as a warning.
  std::function<bool(const std::string& table, const std::string& from, const std::string& to)>
      ask_rename;
  // As in RevisionOptions (retort/scripts.hpp).
  std::optional<std::string> rev_id;
  std::vector<std::string> head;
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::optional<std::filesystem::path> version_path;
  // Compare even when the models declare nothing (no table, no other object): without it an
  // empty models file is an error (Error(Config)), since it would drop every table. The same
  // for a `target` that is empty.
  bool allow_empty_models = false;
};

struct AutogenerateResult {
  std::vector<std::string> changes;     // one line per op, e.g. "add_column usuarios.avatar_url"
  std::vector<std::string> warnings;    // likely renames, things no op can express
  std::optional<RevisionInfo> written;  // the revision file, when one was written
  // Objects in the models or the database that retort does not manage and the config does not
  // exclude (Config::exclude_objects), one per line: "policy orders.p_read". Each also has a
  // line in warnings. `retort check --strict` fails when there are any.
  std::vector<std::string> unmanaged;
};

// Compares the models (or `target`, when given) with the live database and writes a revision
// unless nothing differs and !options.allow_empty.
RETORT_EXPORT AutogenerateResult autogenerate(const Config& config,
                                              const AutogenerateOptions& options,
                                              const MetaData* target = nullptr);

// The differences only; nothing is written.
RETORT_EXPORT AutogenerateResult check(const Config& config, const MetaData* target = nullptr);
// The same, honouring options.ask_rename (the other options are about writing a file and are
// ignored).
RETORT_EXPORT AutogenerateResult check(const Config& config, const AutogenerateOptions& options,
                                       const MetaData* target = nullptr);

}  // namespace retort
