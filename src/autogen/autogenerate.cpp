// autogenerate() and check(): connect, reflect, load the models, compare, render, write.
#include "autogen/autogenerate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "autogen/compare.hpp"
#include "autogen/render.hpp"
#include "autogen/sql_splitter.hpp"
#include "autogen/unmanaged.hpp"
#include "base/file.hpp"
#include "dialect/dialect_extras.hpp"
#include "lua/script_runner.hpp"
#include "retort/autogenerate.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "retort/scripts.hpp"
#include "runtime/version_table.hpp"
#include "script/downgrade_scan.hpp"
#include "script/path_display.hpp"
#include "script/script_directory.hpp"

namespace retort {
namespace autogen {
namespace {

std::string read_models(const std::filesystem::path& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) throw Error(ErrorKind::Config, "cannot read models file " + path.string());
  return std::move(*text);
}

MetaData load_sql(const LiveDatabase& db, const std::filesystem::path& path,
                  const std::string& text) {
  SchemaScript script{PathDisplay()(path), {}, {}};
  for (auto& s : split_sql_script(text)) {
    script.statements.push_back(std::move(s.text));
    script.lines.push_back(s.line);
  }
  return db.dialect->load_schema_sql(*db.connection, db.url, script);
}

// Autogenerating against a database that is behind its scripts would put the pending
// migrations' changes into the new revision a second time.
// Reads the version table on the connection autogenerate already has (a second connection cost a
// second parse of the whole schema by SQLite, and its memory).
void require_up_to_date(const Config& config, const LiveDatabase& db) {
  std::vector<std::string> current = VersionTable(*db.dialect, config.version_table_schema,
                                                  config.version_table, config.history_table_name())
                                         .read(*db.connection);
  std::vector<std::string> script_heads;
  for (const auto& h : heads(config)) script_heads.push_back(h.revision);
  std::sort(current.begin(), current.end());
  std::sort(script_heads.begin(), script_heads.end());
  if (current != script_heads) {
    std::string at = current.empty() ? "base" : fmt::format("{}", fmt::join(current, ", "));
    std::string head =
        script_heads.empty() ? "base" : fmt::format("{}", fmt::join(script_heads, ", "));
    // Not a usage error (exit 1, as Alembic's "Target database is not up to date"): the
    // command was right, the database is not ready for it.
    throw Error(ErrorKind::Graph, "the database is not up to date: it is at " + at +
                                      " but the scripts' head is " + head +
                                      ": run `retort upgrade head` first");
  }
}

struct Comparison {
  CompareResult result;
  std::string dialect;
  std::vector<UnmanagedObject> unmanaged;
};

// Does the models file hold nothing but comments (the one `retort init` wrote)?
bool only_comments(const std::filesystem::path& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) return false;
  size_t i = 0;
  while (i < text->size()) {
    size_t end = text->find('\n', i);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(i, end - i);
    size_t b = line.find_first_not_of(" \t\r");
    if (b != std::string::npos && line.compare(b, 2, "--") != 0) return false;
    i = end + 1;
  }
  return true;
}

// Alembic refuses to autogenerate without target metadata; an empty models file is the same
// mistake (a fresh `retort init`, a wrong path), and comparing with it would drop every table.
void refuse_empty_models(const Config& config, const MetaData& models, const MetaData* target,
                         const AutogenerateOptions& options) {
  if (options.allow_empty_models || !(models == MetaData{})) return;
  if (target) {
    throw Error(ErrorKind::Config,
                "the target MetaData is empty (no tables, no other objects): comparing it would "
                "drop every table of the database; pass allow_empty_models to mean that");
  }
  std::filesystem::path path = models_path(config);
  std::string shown = PathDisplay()(path);
  std::string hint = only_comments(path)
                         ? shown +
                               " holds only comments: write your tables in it (its comment "
                               "shows how), or point models in retort.toml at your schema"
                         : "declare the tables in " + shown;
  throw Error(ErrorKind::Config, "the models (" + shown +
                                     ") declare no tables and no other objects: comparing them "
                                     "would drop every table of the database; " +
                                     hint + " (or pass --allow-empty-models to mean it)");
}

bool table_kept(const Config& config, const std::string& schema, const std::string& table) {
  const std::string qualified = schema.empty() ? table : schema + "." + table;
  auto any = [&](const std::vector<std::string>& globs) {
    for (const auto& g : globs)
      if (fnmatch(g.c_str(), table.c_str(), 0) == 0 ||
          fnmatch(g.c_str(), qualified.c_str(), 0) == 0)
        return true;
    return false;
  };
  if (table == config.version_table || table == config.history_table_name()) return false;
  if (!config.include_tables.empty() && !any(config.include_tables)) return false;
  return !any(config.exclude_tables);
}

// Names the models would give the database (their own, and those the naming convention makes)
// that the database would cut silently: refused before any revision holds them.
void refuse_long_names(const MetaData& models, const Dialect& dialect,
                       const NamingConvention& convention) {
  const std::optional<size_t> limit = dialect_extras(dialect).max_identifier_bytes();
  if (!limit) return;
  for (const Table& model : models.tables) {
    const Table t = normalize_table(model, &convention);
    auto check_name = [&](const char* kind, const std::string& name) {
      if (name.size() <= *limit) return;
      throw Error(ErrorKind::Config,
                  fmt::format("the models give {} \"{}\" of table {} a name of {} bytes, and {} "
                              "keeps only the first {} bytes of a name: name it yourself ({{ "
                              "name = \"...\" }}) or shorten the naming convention",
                              kind, name, t.name, name.size(), dialect.name(), *limit));
    };
    check_name("the table", t.name);
    for (const auto& c : t.columns) check_name("the column", c.name);
    if (t.primary_key) check_name("the primary key", t.primary_key->name);
    for (const auto& u : t.unique_constraints) check_name("the unique constraint", u.name);
    for (const auto& fk : t.foreign_keys) check_name("the foreign key", fk.name);
    for (const auto& ck : t.check_constraints) check_name("the check constraint", ck.name);
    for (const auto& ix : t.indexes) check_name("the index", ix.name);
  }
}

Comparison compare_with_database(const Config& config, const MetaData* target,
                                 const AutogenerateOptions& options) {
  // Models first: the Lua state that builds them is gone before the reflected schema is
  // built, so the two are never in memory together (peak memory of `check`, 1,000 tables).
  check_exclude_patterns(config.exclude_objects);
  MetaData models;
  LiveDatabase db;
  if (target) {
    db = connect_database(config);
    require_up_to_date(config, db);
    models = *target;
    normalize_model_objects(db, "the models", models);
  } else {
    db = connect_database(config);
    require_up_to_date(config, db);
    models = load_models(config, db);
  }
  refuse_empty_models(config, models, target, options);
  refuse_long_names(models, *db.dialect, config.naming_convention);
  MetaData current = reflect_database(db, config, config.include_schemas);
  // Models that declare extensions manage the whole list (compare_domains.cpp): the database's
  // extensions are then compared, not reported.
  if (!models.extensions.empty()) {
    for (auto* list : {&current.unmanaged, &models.unmanaged})
      list->erase(std::remove_if(list->begin(), list->end(),
                                 [](const CatalogObject& o) { return o.kind == "extension"; }),
                  list->end());
  }
  std::vector<UnmanagedObject> unmanaged =
      unmanaged_objects(current.unmanaged, models.unmanaged, config.exclude_objects,
                        [&](const std::string& schema, const std::string& table) {
                          return table_kept(config, schema, table);
                        });
  CompareOptions co;
  co.version_table = config.version_table;
  co.history_table = config.history_table_name();
  co.naming_convention = config.naming_convention;
  co.include_tables = config.include_tables;
  co.exclude_tables = config.exclude_tables;
  co.ask_rename = options.ask_rename;
  co.compare_comments = db.dialect->keeps_comments();
  Comparison c{compare(std::move(current), std::move(models), *db.dialect, co),
               std::string(db.dialect->name()), std::move(unmanaged)};
  for (const auto& u : c.unmanaged) c.result.warnings.push_back(unmanaged_warning(u));
  return c;
}

AutogenerateResult describe(const Comparison& c) {
  AutogenerateResult out;
  for (size_t i = 0; i < c.result.upgrade.size(); ++i) {
    if (i < c.result.upgrade_implied.size() && c.result.upgrade_implied[i]) continue;
    out.changes.push_back(i < c.result.upgrade_described.size()
                              ? c.result.upgrade_described[i]
                              : ops::describe(c.result.upgrade[i]));
  }
  out.warnings = c.result.warnings;
  for (const auto& u : c.unmanaged) out.unmanaged.push_back(unmanaged_label(u));
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
  io.exclude_tables = {config.version_table, config.history_table_name()};
  MetaData m = db.dialect->inspect(*db.connection, io);
  m.unmanaged = db.dialect->catalog_objects(*db.connection, io);
  return m;
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
  std::string name = embedded ? embedded->name : PathDisplay()(path);
  std::string ext = path.extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".lua") {
    ScriptContext context;
    context.dialect = std::string(db.dialect->name());
    context.x = config.x;
    context.naming_convention = config.naming_convention;
    context.parameters = db.dialect;
    MetaData models = ScriptRunner().load_models({name, text()}, context);
    normalize_model_objects(db, name, models);
    return models;
  }
  if (ext == ".sql") return load_sql(db, path, text());
  throw Error(ErrorKind::Config,
              "models file " + path.string() + " is neither .lua nor .sql: retort cannot read it");
}

}  // namespace autogen

AutogenerateResult autogenerate(const Config& config, const AutogenerateOptions& options,
                                const MetaData* target) {
  autogen::Comparison c = autogen::compare_with_database(config, target, options);
  AutogenerateResult out = autogen::describe(c);
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
  AutogenerateResult out =
      autogen::describe(autogen::compare_with_database(config, target, options));
  // As `upgrade` warns when it runs one: a revision that cannot be undone is worth knowing
  // about before it ships, not when a downgrade is needed.
  for (const auto& path : revisions_without_downgrade(ScriptDirectory::load(config, true))) {
    out.warnings.push_back(PathDisplay()(path) +
                           " has no downgrade(): this revision cannot be undone; add `function "
                           "downgrade() ... end` (raise an error in it if the change cannot be "
                           "reversed)");
  }
  return out;
}

}  // namespace retort
