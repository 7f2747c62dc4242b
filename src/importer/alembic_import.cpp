// import-alembic: runs the embedded Python helper, then writes the retort project.
#include "importer/alembic_import.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/file.hpp"
#include "dialect/dialect.hpp"
#include "retort/error.hpp"

extern char** environ;

namespace fs = std::filesystem;
using nlohmann::json;

namespace retort {

size_t AlembicImport::translated() const {
  size_t n = 0;
  for (const auto& r : revisions) n += r.translated() ? 1 : 0;
  return n;
}

namespace {

// A temporary folder removed when the import ends, whatever happens.
class TempDir {
 public:
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/retort-import-XXXXXX";
    if (!mkdtemp(pattern.data()))
      throw Error(ErrorKind::Config, "import-alembic: cannot create a temporary folder in " +
                                         pattern.substr(0, pattern.rfind('/')));
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The interpreter: `requested`, $RETORT_PYTHON, or python3 found on $PATH.
std::string find_python(const std::string& requested) {
  std::string name = requested;
  if (name.empty()) {
    const char* env = std::getenv("RETORT_PYTHON");
    name = env && *env ? env : "python3";
  }
  if (name.find('/') != std::string::npos) {
    if (access(name.c_str(), X_OK) == 0) return name;
  } else if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  throw Error(ErrorKind::Config,
              "import-alembic needs " + name +
                  " (Python 3.9 or later reads the Alembic files with its own parser) and none "
                  "was found: install it (Debian: apt-get install python3) or set RETORT_PYTHON "
                  "to its path");
}

// Runs the helper on `source`; returns its JSON. Its stderr is the error message on failure.
json run_helper(const std::string& python, const fs::path& source, const std::string& names) {
  TempDir tmp;
  fs::path script = tmp.path() / "alembic_helper.py";
  fs::path out = tmp.path() / "out.json";
  fs::path err = tmp.path() / "err.txt";
  {
    std::ofstream f(script, std::ios::binary);
    f << alembic_helper_script();
    if (!f) throw Error(ErrorKind::Config, "import-alembic: cannot write " + script.string());
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::string src = source.string();
  // -I: isolated mode, so neither the user's site-packages nor $PYTHON* variables nor the
  // current folder change what the helper imports (it needs the standard library only).
  std::string names_arg = names;
  std::vector<char*> argv = {const_cast<char*>(python.c_str()),
                             const_cast<char*>("-I"),
                             const_cast<char*>(script.c_str()),
                             src.data(),
                             names_arg.data(),
                             nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, python.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw Error(ErrorKind::Config,
                "import-alembic: cannot run " + python + ": " + std::string(std::strerror(rc)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string err_text = read_file(err).value_or("");
  while (!err_text.empty() && (err_text.back() == '\n' || err_text.back() == '\r'))
    err_text.pop_back();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3) throw Error(ErrorKind::Config, err_text);
    // Anything else is the helper's own failure (an old Python, a bug): its last line says it.
    std::string last = err_text.substr(err_text.rfind('\n') + 1);
    throw Error(ErrorKind::Config, "import-alembic: the Python helper (" + python +
                                       ") failed: " + (last.empty() ? "no message" : last));
  }
  std::string text = read_file(out).value_or("");
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    throw Error(ErrorKind::Config,
                "import-alembic: the Python helper (" + python + ") printed no valid JSON");
  }
}

std::string lua_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

std::string toml_string(const std::string& s) { return lua_string(s); }

// nil, "x" or {"a", "b"} from a JSON null, string or array (Alembic's str, tuple or list).
std::string lua_ids(const json& v) {
  if (v.is_null()) return "nil";
  if (v.is_string()) return lua_string(v.get<std::string>());
  std::string out = "{";
  bool first = true;
  for (const auto& e : v) {
    out += (first ? "" : ", ") + lua_string(e.get<std::string>());
    first = false;
  }
  return out + "}";
}

std::vector<std::string> ids(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array())
    for (const auto& e : v) out.push_back(e.get<std::string>());
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// SQLAlchemy's dialect+driver://... as a retort URL; nullopt for a placeholder or an
// interpolated value (alembic.ini's driver://user:pass@localhost/dbname).
std::optional<std::string> retort_url(const std::string& url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos || url.find("%(") != std::string::npos ||
      url.find("${") != std::string::npos)
    return std::nullopt;
  std::string scheme = url.substr(0, scheme_end);
  const Dialect* dialect = dialect_for_scheme(scheme.substr(0, scheme.find('+')));
  if (!dialect) return std::nullopt;
  return std::string(dialect->name()) + url.substr(scheme_end);
}

// The Lua file of one revision.
std::string revision_text(const json& r, const std::string& python_path, std::string& message,
                          std::string& create_date) {
  std::string doc = r.value("docstring", "");
  std::vector<std::string> lines = split_lines(doc);
  std::vector<std::string> kept;
  for (const auto& line : lines) {
    std::string t = trim(line);
    if (t.rfind("Create Date:", 0) == 0) {
      create_date = trim(t.substr(12));
      continue;
    }
    if (t.rfind("Revision ID:", 0) == 0 || t.rfind("Revises:", 0) == 0) continue;
    kept.push_back(line);
  }
  while (!kept.empty() && trim(kept.back()).empty()) kept.pop_back();
  message = kept.empty() ? "" : trim(kept.front());
  std::vector<std::string> down = ids(r["down_revision"]);
  std::string revises;
  for (size_t i = 0; i < down.size(); ++i) revises += (i ? ", " : "") + down[i];

  std::string out = "--- " + message + "\n--\n";
  out += "-- Revision ID: " + r["revision"].get<std::string>() + "\n";
  out += "-- Revises: " + revises + "\n";
  out += "-- Create Date: " + create_date + "\n";
  size_t body = 1;
  while (body < kept.size() && trim(kept[body]).empty()) ++body;
  if (body < kept.size()) {
    out += "--\n";
    for (size_t i = body; i < kept.size(); ++i) {
      std::string t = kept[i];
      while (!t.empty() && (t.back() == ' ' || t.back() == '\r')) t.pop_back();
      out += t.empty() ? "--\n" : "-- " + t + "\n";
    }
  }
  out += "--\n-- Imported from Alembic by retort import-alembic: " + python_path + "\n\n";
  out += "revision = " + lua_string(r["revision"].get<std::string>()) + "\n";
  out += "down_revision = " + lua_ids(r.value("down_revision", json())) + "\n";
  out += "branch_labels = " + lua_ids(r.value("branch_labels", json())) + "\n";
  out += "depends_on = " + lua_ids(r.value("depends_on", json())) + "\n";
  std::string preamble = r.value("preamble", "");
  if (!preamble.empty()) out += "\n" + preamble + "\n";
  std::string helpers = r.value("helpers", "");
  if (!helpers.empty()) out += "\n" + helpers + "\n";
  out += "\n" + r["upgrade"].get<std::string>() + "\n\n" + r["downgrade"].get<std::string>() + "\n";
  return out;
}

std::string config_text(const AlembicImport& imp, const std::string& directory,
                        const std::vector<std::string>& locations) {
  std::string out = "# retort configuration, imported from " + imp.source_config +
                    " by retort import-alembic.\n# Paths are relative to this file.\n[retort]\n";
  out += "script_location = " + toml_string(directory) + "\n";
  if (locations.size() > 1) {
    out += "version_locations = [";
    for (size_t i = 0; i < locations.size(); ++i)
      out += (i ? ", " : "") + toml_string(locations[i]);
    out += "]\n";
  }
  if (imp.url) {
    out += "url = " + toml_string(*imp.url) + "\n";
  } else {
    out += "# url = \"postgresql://user@localhost/app\"   # or $DATABASE_URL, or --url\n";
  }
  out +=
      "# Alembic's version table, shared: retort continues from the revisions Alembic "
      "recorded there.\n";
  out += "version_table = " + toml_string(imp.version_table) + "\n";
  if (!imp.version_table_schema.empty())
    out += "version_table_schema = " + toml_string(imp.version_table_schema) + "\n";
  if (!imp.naming_convention.empty()) {
    out +=
        "\n# Alembic left these constraints unnamed and the database named them: the same names\n"
        "# here, so later revisions that drop them by those names keep working.\n"
        "[retort.naming_convention]\n";
    for (const auto& [k, v] : imp.naming_convention) out += k + " = " + toml_string(v) + "\n";
  }
  return out;
}

}  // namespace

AlembicImport import_alembic(const AlembicImportOptions& o) {
  std::string python = find_python(o.python);
  fs::path source = fs::absolute(o.source).lexically_normal();
  json data = run_helper(python, source, o.constraint_names);

  const json& cfg = data["config"];
  std::vector<std::string> errors = data.value("errors", std::vector<std::string>());
  if (!errors.empty()) {
    std::string msg = "import-alembic: " + std::to_string(errors.size()) +
                      " revision file(s) cannot be imported: " + errors.front();
    if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
    throw Error(ErrorKind::Script, msg);
  }

  AlembicImport imp;
  imp.source_config = cfg["source"].get<std::string>();
  imp.version_table = cfg.value("version_table", "alembic_version");
  if (cfg.contains("version_table_schema") && cfg["version_table_schema"].is_string())
    imp.version_table_schema = cfg["version_table_schema"].get<std::string>();
  if (cfg.contains("url") && cfg["url"].is_string()) {
    imp.url = retort_url(cfg["url"].get<std::string>());
    if (!imp.url)
      imp.notes.push_back("sqlalchemy.url " + cfg["url"].get<std::string>() +
                          " is not a URL retort reads: set url in retort.toml");
  }
  for (const auto& n : cfg.value("env_notes", std::vector<std::string>())) imp.notes.push_back(n);
  if (cfg.contains("naming_convention") && cfg["naming_convention"].is_object()) {
    for (const auto& [k, v] : cfg["naming_convention"].items())
      imp.naming_convention.emplace_back(k, v.get<std::string>());
  }

  fs::path project = fs::absolute(o.project_dir).lexically_normal();
  fs::path scripts =
      fs::path(o.directory).is_absolute() ? fs::path(o.directory) : project / o.directory;
  scripts = scripts.lexically_normal();
  imp.script_location = scripts.string();
  imp.config_written = (project / "retort.toml").string();

  // Each Alembic version location becomes a folder: the first is <directory>/versions, the
  // others keep their own folder name beside it.
  std::vector<std::string> locations = cfg["version_locations"].get<std::vector<std::string>>();
  std::map<std::string, fs::path> folder_of;
  std::vector<std::string> written_locations;
  std::set<std::string> used;
  for (size_t i = 0; i < locations.size(); ++i) {
    std::string name = i == 0 ? "versions" : fs::path(locations[i]).filename().string();
    while (used.count(name)) name += "_" + std::to_string(i);
    used.insert(name);
    folder_of[locations[i]] = scripts / name;
    written_locations.push_back((fs::path(o.directory) / name).string());
  }

  // Everything is computed before anything is written, so a clash writes nothing.
  std::vector<std::pair<fs::path, std::string>> files;
  std::set<std::string> seen;
  for (const auto& r : data["revisions"]) {
    ImportedRevision rev;
    rev.revision = r["revision"].get<std::string>();
    if (!seen.insert(rev.revision).second)
      throw Error(ErrorKind::Graph, "import-alembic: revision " + rev.revision +
                                        " is defined twice (" + r["path"].get<std::string>() + ")");
    rev.source = r["path"].get<std::string>();
    fs::path rel = r["relative"].get<std::string>();
    rel.replace_extension(".lua");
    fs::path target = folder_of.at(r["location"].get<std::string>()) / rel;
    rev.file = target.string();
    rev.hand_work = r.value("hand_work", std::vector<std::string>());
    rev.notes = r.value("notes", std::vector<std::string>());
    std::string create_date;
    std::string python_rel =
        fs::path(rev.source).lexically_relative(fs::path(imp.source_config).parent_path()).string();
    files.emplace_back(target, revision_text(r, python_rel, rev.message, create_date));
    imp.revisions.push_back(std::move(rev));
  }
  files.emplace(files.begin(), project / "retort.toml",
                config_text(imp, o.directory, written_locations));
  std::error_code ec;
  for (const auto& [path, text] : files) {
    if (fs::exists(path, ec))
      throw Error(ErrorKind::Usage, path.string() + " already exists: not overwriting it");
  }
  for (const auto& [path, text] : files) {
    fs::create_directories(path.parent_path(), ec);
    write_new_file(path, text);
  }
  for (const auto& [loc, folder] : folder_of) fs::create_directories(folder, ec);
  return imp;
}

}  // namespace retort
