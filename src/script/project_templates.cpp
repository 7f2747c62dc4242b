// `retort init` and its templates (include/retort/scripts.hpp): default, multidb, embedded.
//
// A template is a list of files (path relative to the project, text) computed from the
// migrations folder's name; init checks that none of them exists before it writes any.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file.hpp"
#include "lua/luals_definitions.hpp"
#include "retort/error.hpp"
#include "retort/scripts.hpp"
#include "script/revision_writer.hpp"
#include "script/sql_revision.hpp"

namespace fs = std::filesystem;

namespace retort {
namespace {

const char* const kModelsExample =
    R"(-- The schema your code expects: `retort revision --autogenerate` compares it with the
-- database and writes the difference as a new revision. Shaped like SQLAlchemy Core.
--
-- sa.Table("usuarios",
--   sa.Column("id", sa.Integer(), { primary_key = true }),
--   sa.Column("nome", sa.String(120), { nullable = false }),
--   sa.Column("email", sa.String(255), { nullable = false, unique = true }),
--   sa.Column("created_at", sa.DateTime(), { server_default = sa.func.now() }))
--
-- sa.Table("pedidos",
--   sa.Column("id", sa.Integer(), { primary_key = true }),
--   sa.Column("usuario_id", sa.Integer(), sa.ForeignKey("usuarios.id"), { nullable = false }),
--   sa.Column("total", sa.Numeric(10, 2), { nullable = false, server_default = "0" }),
--   sa.Index("ix_pedidos_usuario_id", "usuario_id"))
)";

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string json_string(const std::string& s) { return toml_string(s); }

std::string config_text(const std::string& script_location, const std::string& url,
                        const std::string& models, const std::string& prod_url) {
  return "# retort configuration. Paths are relative to this file.\n"
         "[retort]\n"
         "script_location = " +
         toml_string(script_location) +
         "\n"
         "url = " +
         toml_string(url) +
         "            # $DATABASE_URL or --url override it\n"
         "# models = " +
         toml_string(models) +
         "   # or a schema.sql: the target of --autogenerate\n"
         "# version_table = \"retort_version\"\n"
         "# transaction_per_migration = false\n"
         "# file_template = \"%(rev)s_%(slug)s\"    # also %(year)d %(month).2d %(day).2d ...\n"
         "# truncate_slug_length = 40\n"
         "\n"
         "# [env.prod]                          # chosen with --env prod or RETORT_ENV=prod\n"
         "# url = \"" +
         prod_url + "\"\n";
}

struct File {
  fs::path path;  // relative to the project directory (or absolute)
  std::string text;
  bool optional = false;  // left alone when it exists (.luarc.json)
};

// `dir` joined with `name`, as text for retort.toml and .luarc.json.
std::string join(const std::string& dir, const std::string& name) {
  return dir == "." ? name : dir + "/" + name;
}

// What every template writes for the editor: the definitions and the .luarc.json that points
// the Lua language server at them.
void add_editor_files(std::vector<File>& files, const fs::path& scripts,
                      const std::string& location) {
  files.push_back({scripts / ".luals" / "retort.lua", std::string(lua::luals_definitions())});
  files.push_back({".luarc.json",
                   "{\n"
                   "  \"$schema\": \"https://raw.githubusercontent.com/LuaLS/vscode-lua/master/"
                   "setting/schema.json\",\n"
                   "  \"runtime.version\": \"Lua 5.4\",\n"
                   "  \"runtime.builtin\": { \"io\": \"disable\", \"package\": \"disable\", "
                   "\"debug\": \"disable\", \"coroutine\": \"disable\" },\n"
                   "  \"workspace.library\": [" +
                       json_string(join(location, ".luals")) +
                       "],\n"
                       "  \"workspace.checkThirdParty\": false\n"
                       "}\n",
                   true});
}

// A migrations folder: versions/, the two revision templates and the models example.
void add_scripts(std::vector<File>& files, const fs::path& scripts) {
  files.push_back({scripts / "versions" / ".gitkeep", ""});
  files.push_back({scripts / "script.lua.tmpl", kDefaultRevisionTemplate});
  files.push_back({scripts / "script.sql.tmpl", kDefaultSqlRevisionTemplate});
  files.push_back({scripts / "models.lua", kModelsExample});
}

std::vector<File> default_template(const fs::path& scripts, const std::string& location) {
  std::vector<File> files;
  add_scripts(files, scripts);
  add_editor_files(files, scripts, location);
  files.push_back({"retort.toml", config_text(location, "sqlite:///app.db",
                                              join(location, "models.lua"), "${DATABASE_URL}")});
  return files;
}

// Several databases: retort migrates one database per configuration, so each database is a
// folder with its own retort.toml, scripts and version table, chosen with -c.
std::vector<File> multidb_template(const fs::path& scripts, const std::string& location) {
  std::vector<File> files;
  const std::vector<std::pair<std::string, std::string>> dbs = {{"primary", "PRIMARY"},
                                                                {"analytics", "ANALYTICS"}};
  for (const auto& [db, var] : dbs) {
    add_scripts(files, scripts / db);
    files.push_back({scripts / db / "retort.toml",
                     "# The " + db + " database. Run retort on it with -c: retort -c " +
                         join(location, db) + " upgrade head\n" +
                         config_text(".", "sqlite:///" + db + ".db", "models.lua",
                                     "${" + var + "_DATABASE_URL}")});
  }
  add_editor_files(files, scripts, location);
  files.push_back({scripts / "README.md",
                   "# Several databases\n\n"
                   "Each folder here is one database with its own `retort.toml`, revisions and "
                   "version table:\n\n"
                   "```sh\n"
                   "retort -c " +
                       join(location, "primary") +
                       " revision -m \"create users\"\n"
                       "retort -c " +
                       join(location, "primary") +
                       " upgrade head\n"
                       "retort -c " +
                       join(location, "analytics") +
                       " upgrade head\n"
                       "for db in primary analytics; do retort -c " +
                       join(location, "$db") +
                       " upgrade head || exit 1; done\n"
                       "```\n\n"
                       "retort migrates one database per run: there is no single command that "
                       "upgrades all of them in one transaction, and a revision cannot depend on "
                       "a revision of another database. Give each database its own URL in its "
                       "`[env.prod]` (`${PRIMARY_DATABASE_URL}`, ...) rather than "
                       "`$DATABASE_URL`, which would override the URL of every one of them.\n"});
  return files;
}

const char* const kEmbeddedCMake =
    R"(# A program that carries its migrations inside its binary and brings its database to head at
# start-up. retort_embed_migrations() (from find_package(retort)) compiles the revision scripts
# of DIRECTORY into TARGET; the same folder still works with the `retort` command.
cmake_minimum_required(VERSION 3.25)
project(app LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)

find_package(retort REQUIRED)

add_executable(app src/main.cpp)
target_link_libraries(app PRIVATE retort::retort)
# Also declares embedded_migrations() in the generated embedded_migrations.hpp.
retort_embed_migrations(TARGET app DIRECTORY ${MIGRATIONS})
)";

const char* const kEmbeddedMain =
    R"(// app: migrates its own database to head at start-up, from the revisions compiled into it by
// retort_embed_migrations() (see CMakeLists.txt), then goes on with its work.
//
//   app DATABASE_URL        e.g. app sqlite:///app.db
#include <cstdio>
#include <retort/retort.hpp>

#include "embedded_migrations.hpp"  // generated by retort_embed_migrations()

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: app DATABASE_URL\n");
    return 2;
  }
  try {
    retort::Config config = retort::Config::defaults();
    config.url = argv[1];
    config.embedded_scripts = embedded_migrations();
    retort::Migrator migrator(config);
    retort::RunOptions options;
    options.on_step = [](const retort::StepReport& step) {
      std::printf("migrated %s -> %s (%s)\n", step.from.empty() ? "base" : step.from.c_str(),
                  step.to.c_str(), step.message.c_str());
    };
    migrator.upgrade("head", options);
  } catch (const retort::Error& e) {
    std::fprintf(stderr, "app: %s\n", e.what());
    return 1;
  }
  // ... the program's own work starts here, on a database at head.
  return 0;
}
)";

std::vector<File> embedded_template(const fs::path& scripts, const std::string& location) {
  std::vector<File> files = default_template(scripts, location);
  std::string cmake = kEmbeddedCMake;
  cmake.replace(cmake.find("${MIGRATIONS}"), 13, location);
  files.push_back({"CMakeLists.txt", cmake});
  files.push_back({fs::path("src") / "main.cpp", kEmbeddedMain});
  return files;
}

struct TemplateSpec {
  const char* name;
  const char* description;
  std::vector<File> (*files)(const fs::path& scripts, const std::string& location);
};

const TemplateSpec kTemplates[] = {
    {"default", "one database: retort.toml, revisions in Lua or SQL, models.lua", default_template},
    {"multidb", "several databases, each a folder with its own retort.toml (retort -c DIR ...)",
     multidb_template},
    {"embedded",
     "a C++ program that compiles its migrations in (find_package(retort), "
     "retort_embed_migrations)",
     embedded_template},
};

}  // namespace

std::vector<ProjectTemplate> project_templates() {
  std::vector<ProjectTemplate> out;
  for (const auto& t : kTemplates) out.push_back({t.name, t.description});
  return out;
}

void init_project(const fs::path& project_dir, const fs::path& script_dir,
                  const std::string& template_name) {
  const TemplateSpec* spec = nullptr;
  for (const auto& t : kTemplates)
    if (template_name == t.name) spec = &t;
  if (!spec) {
    std::string names;
    for (const auto& t : kTemplates) names += (names.empty() ? "" : ", ") + std::string(t.name);
    throw Error(ErrorKind::Usage, "no template '" + template_name + "' (templates: " + names +
                                      "; see `retort list-templates`)");
  }
  const fs::path dir = script_dir.is_absolute() ? script_dir : project_dir / script_dir;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec)) {
      throw Error(ErrorKind::Usage, dir.string() +
                                        " already exists and is not empty: choose another "
                                        "directory (retort init DIR)");
    }
  }
  // script_location relative to the project when it is inside it, so the project can move.
  std::string location = script_dir.generic_string();
  if (script_dir.is_absolute()) {
    fs::path rel = fs::proximate(script_dir, project_dir, ec);
    if (!ec && !rel.empty() && *rel.begin() != "..") location = rel.generic_string();
  }
  while (location.size() > 1 && location.back() == '/') location.pop_back();
  std::vector<File> files = spec->files(dir, location);
  for (auto& f : files) {
    if (f.path.is_relative()) f.path = project_dir / f.path;
  }
  // Nothing is written unless everything can be.
  for (const auto& f : files) {
    if (f.optional || !fs::exists(f.path, ec)) continue;
    if (f.path == project_dir / "retort.toml") {
      throw Error(ErrorKind::Usage, f.path.string() + " already exists: this project is set up");
    }
    throw Error(ErrorKind::Usage, f.path.string() + " already exists: not overwriting it");
  }
  for (const auto& f : files) {
    if (f.optional && fs::exists(f.path, ec)) continue;
    fs::create_directories(f.path.parent_path(), ec);
    if (ec) {
      throw Error(ErrorKind::Config,
                  "cannot create " + f.path.parent_path().string() + ": " + ec.message());
    }
    write_new_file(f.path, f.text);
  }
}

}  // namespace retort
