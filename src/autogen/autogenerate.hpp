// The steps of autogenerate that touch the outside world: connecting, reflecting, loading the
// models. The public entry points (retort/autogenerate.hpp) are these plus compare and render.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dialect/url.hpp"
#include "dialect/dialect.hpp"
#include "retort/config.hpp"
#include "retort/metadata.hpp"

namespace retort::autogen {

// The configured database, connected. SQLite paths resolve against config.root.
struct LiveDatabase {
  const Dialect* dialect = nullptr;
  Url url;
  std::unique_ptr<Connection> connection;
};
// The URL parsed and its dialect found, not yet connected: Error(Config) without a URL.
LiveDatabase resolve_database(const Config& config);
LiveDatabase connect_database(const Config& config);

// The live schema, without retort's version table. `schemas` empty: the default schema.
MetaData reflect_database(const LiveDatabase& db, const Config& config,
                          const std::vector<std::string>& schemas = {});

// The models file: config.models, else script_location/models.lua, else .../schema.sql.
// Error(Config) when there is none.
std::filesystem::path models_path(const Config& config);

// The target schema from models.lua (the Lua models loader) or schema.sql (loaded into a
// scratch database of the same dialect and reflected; docs/autogenerate.md).
MetaData load_models(const Config& config, const LiveDatabase& db);

// The models' views, functions, procedures and triggers (models.objects) as the database
// normalises them: the models' tables and objects are created in a scratch database of the
// project's dialect (Dialect::load_schema_sql) and each object's definition replaced by the one
// reflected from there; so is each computed column's expression. Nothing to do without objects
// or computed columns. Error(Config) naming `origin` when an object's SQL does not make an
// object of its name.
void normalize_model_objects(const LiveDatabase& db, const std::filesystem::path& origin,
                             MetaData& models);

}  // namespace retort::autogen
