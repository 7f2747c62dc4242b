// autogenerate() and check(): connect, reflect, load the models, compare, render, write.
#include "autogen/autogenerate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "autogen/compare.hpp"
#include "autogen/render.hpp"
#include "autogen/sql_splitter.hpp"
#include "base/file.hpp"
#include "lua/script_runner.hpp"
#include "retort/autogenerate.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "retort/scripts.hpp"
#include "runtime/version_table.hpp"
#include "script/path_display.hpp"

namespace retort {
namespace autogen {
namespace {

std::string read_models(const std::filesystem::path& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) throw Error(ErrorKind::Config, "cannot read models file " + path.string());
  return std::move(*text);
}

// Autogenerating against a database that is behind its scripts would put the pending
// migrations' changes into the new revision a second time.
// Reads the version table on the connection autogenerate already has (a second connection cost a
// second parse of the whole schema by SQLite, and its memory).
void require_up_to_date(const Config& config, const LiveDatabase& db) {
  std::vector<std::string> current =
      VersionTable(*db.dialect, config.version_table_schema, config.version_table)
          .read(*db.connection);
  std::vector<std::string> script_heads;
  for (const auto& h : heads(config)) script_heads.push_back(h.revision);
  std::sort(current.begin(), current.end());
  std::sort(script_heads.begin(), script_heads.end());
  if (current != script_heads) {
    std::string at = current.empty() ? "base" : fmt::format("{}", fmt::join(current, ", "));
    std::string head =
        script_heads.empty() ? "base" : fmt::format("{}", fmt::join(script_heads, ", "));
    throw Error(ErrorKind::Usage, "the database is at " + at + " but the scripts' head is " + head +
                                      ": run `retort upgrade head` first, then autogenerate");
  }
}

struct Comparison {
  CompareResult result;
  std::string dialect;
};

Comparison compare_with_database(const Config& config, const MetaData* target,
                                 const AutogenerateOptions& options) {
  // Models first: the Lua state that builds them is gone before the reflected schema is
  // built, so the two are never in memory together (peak memory of `check`, 1,000 tables).
  MetaData models;
  LiveDatabase db;
  if (target) {
    db = connect_database(config);
    require_up_to_date(config, db);
    models = *target;
  } else {
    db = connect_database(config);
    require_up_to_date(config, db);
    models = load_models(config, db);
  }
  MetaData current = reflect_database(db, config, config.include_schemas);
  CompareOptions co;
  co.version_table = config.version_table;
  co.naming_convention = config.naming_convention;
  co.include_tables = config.include_tables;
  co.exclude_tables = config.exclude_tables;
  co.ask_rename = options.ask_rename;
  co.compare_comments = db.dialect->keeps_comments();
  return {compare(std::move(current), std::move(models), *db.dialect, co),
          std::string(db.dialect->name())};
}

AutogenerateResult describe(const CompareResult& r) {
  AutogenerateResult out;
  for (const auto& op : r.upgrade) out.changes.push_back(ops::describe(op));
  out.warnings = r.warnings;
  return out;
}

}  // namespace

LiveDatabase resolve_database(const Config& config) {
  if (config.url.empty()) {
    throw Error(ErrorKind::Config,
                "no database URL: set url in retort.toml, $DATABASE_URL or --url");
  }
  LiveDatabase db;
  Url url = Url::parse(config.url);
  db.dialect = &find_dialect(url.scheme);
  db.url = db.dialect->resolve_paths(std::move(url), config.root);
  return db;
}

LiveDatabase connect_database(const Config& config) {
  LiveDatabase db = resolve_database(config);
  db.connection = db.dialect->connect(db.url);
  return db;
}

MetaData reflect_database(const LiveDatabase& db, const Config& config,
                          const std::vector<std::string>& schemas) {
  InspectOptions io;
  io.schemas = schemas;
  io.exclude_tables = {config.version_table};
  return db.dialect->inspect(*db.connection, io);
}

std::filesystem::path models_path(const Config& config) {
  if (!config.models.empty()) return config.resolve(config.models);
  std::filesystem::path dir = config.resolve(config.script_location);
  for (const char* name : {"models.lua", "schema.sql"}) {
    if (std::filesystem::exists(dir / name)) return dir / name;
  }
  throw Error(ErrorKind::Config, "no models to compare with: create " +
                                     (dir / "models.lua").string() +
                                     " (or schema.sql), or set models in retort.toml");
}

MetaData load_models(const Config& config, const LiveDatabase& db) {
  // Models compiled into the program (retort_embed_migrations): the name's extension says which
  // kind they are, as a file's would.
  const ScriptText* embedded = config.embedded_models ? &*config.embedded_models : nullptr;
  std::filesystem::path path =
      embedded ? std::filesystem::path(embedded->name) : models_path(config);
  if (!embedded && !std::filesystem::exists(path)) {
    throw Error(ErrorKind::Config, "models file " + path.string() + " does not exist");
  }
  auto text = [&] { return embedded ? embedded->text : read_models(path); };
  std::string ext = path.extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".lua") {
    ScriptContext context;
    context.dialect = std::string(db.dialect->name());
    context.x = config.x;
    context.naming_convention = config.naming_convention;
    context.parameters = db.dialect;
    return ScriptRunner().load_models({embedded ? embedded->name : PathDisplay()(path), text()},
                                      context);
  }
  if (ext == ".sql") {
    return db.dialect->load_schema_sql(*db.connection, db.url,
                                       {path, split_sql_statements(text())});
  }
  throw Error(ErrorKind::Config,
              "models file " + path.string() + " is neither .lua nor .sql: retort cannot read it");
}

}  // namespace autogen

AutogenerateResult autogenerate(const Config& config, const AutogenerateOptions& options,
                                const MetaData* target) {
  autogen::Comparison c = autogen::compare_with_database(config, target, options);
  AutogenerateResult out = autogen::describe(c.result);
  if (c.result.empty() && !options.allow_empty) return out;

  RevisionOptions ro;
  ro.message = options.message;
  ro.rev_id = options.rev_id;
  ro.head = options.head;
  ro.splice = options.splice;
  ro.branch_labels = options.branch_labels;
  ro.depends_on = options.depends_on;
  ro.version_path = options.version_path;
  ro.upgrade_body = autogen::render_lua(c.result.upgrade, c.result.upgrade_notes);
  ro.downgrade_body = autogen::render_lua(c.result.downgrade);
  // The warnings go into the file too: whoever reviews it may not have seen the terminal.
  ro.header_comment = autogen::render_revision_comment();
  for (const auto& w : c.result.warnings) ro.header_comment += "\nWarning: " + w;
  out.written = create_revision(config, ro);
  return out;
}

AutogenerateResult check(const Config& config, const MetaData* target) {
  return check(config, AutogenerateOptions{}, target);
}

AutogenerateResult check(const Config& config, const AutogenerateOptions& options,
                         const MetaData* target) {
  return autogen::describe(autogen::compare_with_database(config, target, options).result);
}

}  // namespace retort
