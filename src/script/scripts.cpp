// The script commands of include/retort/scripts.hpp: revision, merge, history, heads, branches,
// show (init is in project_templates.cpp). None of them touches a database.
#include "retort/scripts.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>
#include <set>

#include "base/file.hpp"
#include "retort/error.hpp"
#include "script/revision_header.hpp"
#include "script/revision_writer.hpp"
#include "script/script_directory.hpp"
#include "script/sql_revision.hpp"

namespace fs = std::filesystem;

namespace retort {
namespace {

std::string read_text(const fs::path& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) throw Error(ErrorKind::Config, "cannot read " + path.string());
  return std::move(*text);
}

std::string random_rev_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  std::string id(12, '0');
  uint64_t bits = rng();
  for (char& c : id) {
    c = hex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

void check_rev_id(const std::string& id) {
  if (id.empty()) throw Error(ErrorKind::Usage, "--rev-id is empty");
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) {
      throw Error(ErrorKind::Usage, "--rev-id '" + id +
                                        "': only letters, digits, _ and - are allowed in a "
                                        "revision id");
    }
  }
  if (id == "head" || id == "heads" || id == "base" || id == "current") {
    throw Error(ErrorKind::Usage, "--rev-id '" + id + "' is a reserved revision name");
  }
  if (id.front() == '-') {
    throw Error(ErrorKind::Usage, "--rev-id '" + id +
                                      "' may not start with - (it would read "
                                      "as a relative revision)");
  }
}

std::string create_date_now(std::time_t now) {
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// Runs each [post_write_hooks] hook on `file`, in order: the program with its options, where
// REVISION_SCRIPT_FILENAME stands for the file, its stdout sent to stderr (stdout may carry
// --json). A hook that cannot start or exits non-zero stops the rest with an error naming it;
// the file stays (it is a valid revision; the hook only formats or checks it).
void run_post_write_hooks(const Config& config, const fs::path& file) {
  for (const PostWriteHook& hook : config.post_write_hooks) {
    std::vector<std::string> args{hook.executable};
    std::string word;
    auto flush_word = [&] {
      if (word.empty()) return;
      args.push_back(word == "REVISION_SCRIPT_FILENAME" ? file.string() : word);
      word.clear();
    };
    for (char c : hook.options) {
      if (c == ' ' || c == '\t') {
        flush_word();
      } else {
        word += c;
      }
    }
    flush_word();
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string what = "post-write hook '" + hook.name + "' (" + hook.executable + ")";
    const std::string kept = ": " + file.string() + " was written and is kept";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
    const std::string cwd = hook.cwd.empty() ? std::string() : config.resolve(hook.cwd).string();
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      throw Error(ErrorKind::Config, what + " cannot run: " + std::strerror(rc) + " (check " +
                                         hook.name + ".executable in " + config.file.string() +
                                         ")" + kept);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
    std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                        : "signal " + std::to_string(WTERMSIG(status));
    throw Error(ErrorKind::Config, what + " failed with " + how + kept);
  }
}

bool same_dir(const fs::path& a, const fs::path& b) {
  std::error_code ec1, ec2;
  return fs::weakly_canonical(a, ec1) == fs::weakly_canonical(b, ec2);
}

}  // namespace

RevisionInfo create_revision(const Config& config, const RevisionOptions& options) {
  const ScriptDirectory sd = ScriptDirectory::load(config);
  const RevisionGraph& graph = sd.graph();
  const auto replaced = [&options](const std::string& id) {
    return std::find(options.replaces.begin(), options.replaces.end(), id) !=
           options.replaces.end();
  };

  std::string rev;
  if (options.rev_id) {
    rev = *options.rev_id;
    check_rev_id(rev);
    if (graph.find(rev) && !replaced(rev)) {
      throw Error(ErrorKind::Usage, "revision id " + rev + " is already used by " +
                                        sd.info(rev).path + ": choose another --rev-id");
    }
  } else {
    do rev = random_rev_id();
    while (graph.find(rev));
  }

  // Parents.
  std::vector<std::string> parents;
  if (options.head.empty()) {
    parents = graph.heads();
    if (parents.size() > 1) {
      std::string list;
      for (const auto& h : parents) list += (list.empty() ? "" : ", ") + h;
      throw Error(ErrorKind::Graph, "multiple heads (" + list +
                                        "): choose the parent with --head, or `retort merge "
                                        "heads` first");
    }
  } else {
    for (const std::string& h : options.head) {
      if (h == "base") {
        if (options.head.size() > 1) {
          throw Error(ErrorKind::Usage,
                      "--head base starts a new base: it cannot be combined "
                      "with other --head values");
        }
        break;
      }
      for (const std::string& id : graph.resolve(h, options.current)) {
        if (!options.splice && options.replaces.empty() && !graph.is_head(id)) {
          throw Error(ErrorKind::Graph, "revision " + id +
                                            " is not a head: pass --splice to start a new "
                                            "branch from it");
        }
        if (std::find(parents.begin(), parents.end(), id) != parents.end()) {
          throw Error(ErrorKind::Usage, "revision " + id + " is given twice as --head");
        }
        parents.push_back(id);
      }
    }
  }

  // Branch labels: new, well formed.
  std::set<std::string> used_labels;
  for (const RevisionInfo& info : sd.revisions()) {
    if (replaced(info.revision)) continue;  // squash: the labels move to the new revision
    used_labels.insert(info.branch_labels.begin(), info.branch_labels.end());
  }
  for (const std::string& label : options.branch_labels) {
    bool ok = !label.empty() && label != "head" && label != "heads" && label != "base" &&
              label != "current";
    for (char c : label) {
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.');
    }
    if (!ok) {
      throw Error(ErrorKind::Usage, "branch label '" + label +
                                        "' is not allowed (letters, digits, _ - . only; not "
                                        "head, heads, base or current)");
    }
    if (used_labels.count(label) || (graph.find(label) && !replaced(label))) {
      throw Error(ErrorKind::Usage, "branch label '" + label + "' is already used");
    }
  }

  // Dependencies, resolved to ids.
  std::vector<std::string> depends;
  for (const std::string& d : options.depends_on) {
    std::vector<std::string> ids = graph.resolve(d, options.current);
    if (ids.size() != 1) {
      throw Error(ErrorKind::Usage, "--depends-on '" + d + "' must name one revision (it names " +
                                        std::to_string(ids.size()) + ")");
    }
    if (std::find(depends.begin(), depends.end(), ids[0]) == depends.end()) {
      depends.push_back(ids[0]);
    }
  }

  // Where the file goes: --version-path, else beside the parent, else the first directory.
  const std::vector<fs::path>& dirs = sd.version_dirs();
  fs::path dir = dirs.empty() ? fs::path() : dirs.front();
  if (options.version_path) {
    fs::path wanted = config.resolve(*options.version_path);
    bool known = std::any_of(dirs.begin(), dirs.end(),
                             [&](const fs::path& d) { return same_dir(d, wanted); });
    if (!known) {
      std::string list;
      for (const auto& d : dirs) list += (list.empty() ? "" : ", ") + d.string();
      throw Error(ErrorKind::Usage, "--version-path " + wanted.string() +
                                        " is not one of the version locations (" + list + ")");
    }
    dir = wanted;
  } else if (dirs.size() > 1 && !parents.empty()) {
    dir = std::filesystem::path(sd.info(parents.front()).path).parent_path();
  }

  const std::time_t now = std::time(nullptr);
  std::string slug = slugify(options.message, config.truncate_slug_length);
  std::string name = render_file_name(config.file_template, rev, slug, now);
  if (slug.empty()) {
    while (!name.empty() && (name.back() == '_' || name.back() == '-')) name.pop_back();
  }
  // Revisions are read from the versions folder itself (no subfolders): a name with a path in
  // it would write a file no command sees, or one outside the project.
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name.empty() ||
      name == "." || name == "..") {
    throw Error(ErrorKind::Config,
                "file_template '" + config.file_template + "' makes the file name '" + name +
                    "', which is not a file in the versions folder (" + dir.string() +
                    "): use a template without '/' or '..', such as %(rev)s_%(slug)s");
  }
  const bool sql = options.sql;
  const fs::path path = dir / (name + (sql ? ".sql" : ".lua"));

  const fs::path tmpl_path =
      config.resolve(config.script_location) / (sql ? "script.sql.tmpl" : "script.lua.tmpl");
  std::error_code ec;
  const std::string tmpl = fs::exists(tmpl_path, ec) ? read_text(tmpl_path)
                                                     : std::string(sql ? kDefaultSqlRevisionTemplate
                                                                       : kDefaultRevisionTemplate);
  // A SQL header lists ids as "a, b"; a Lua header as a literal.
  auto list = [sql](const std::vector<std::string>& v) {
    return sql ? sql_list_literal(v) : lua_list_literal(v);
  };

  std::string message = options.message.empty() ? "empty message" : options.message;
  std::string header_message;
  for (char c : message) {
    if (c == '\r') continue;
    header_message += c;
    if (c == '\n') header_message += "-- ";
  }
  std::string revises;
  for (const auto& p : parents) revises += (revises.empty() ? "" : ", ") + p;
  const std::map<std::string, std::string> values = {
      {"message", header_message},
      {"up_revision", rev},
      {"down_revision", list(parents)},
      {"revises", revises.empty() ? "" : revises},
      {"create_date", create_date_now(now)},
      {"branch_labels", list(options.branch_labels)},
      {"depends_on", list(depends)},
      {"upgrades",
       sql ? options.upgrade_body : function_body(options.upgrade_body, "  -- no operations")},
      {"downgrades",
       sql ? options.downgrade_body : function_body(options.downgrade_body, "  -- no operations")},
      {"header_comment", header_comment_lines(options.header_comment)},
  };
  std::string text = render_template(tmpl, values);
  // squash: the replaced revisions, and the checksum of the file replaced under this id, as
  // header fields after depends_on (or before the first function, for a template without it).
  std::vector<std::string> squashes;
  for (const auto& id : options.replaces)
    if (id != rev) squashes.push_back(id);
  if (!options.replaces.empty()) {
    // A long list goes on lines of its own, a few ids to a line.
    std::string list = lua_list_literal(squashes);
    if (list.size() > 80) {
      list = "{";
      std::string line;
      for (const auto& id : squashes) {
        const std::string item = lua_list_literal({id}) + ",";
        if (!line.empty() && line.size() + 1 + item.size() > 96) {
          list += "\n" + line;
          line.clear();
        }
        line += (line.empty() ? "  " : " ") + item;
      }
      list += "\n" + line + "\n}";
    }
    std::string fields = "squashes = " + list + "\n";
    if (!options.squashed_checksum.empty()) {
      fields += "squashed_checksum = \"" + options.squashed_checksum + "\"\n";
    }
    size_t at = text.find("\ndepends_on");
    at = at == std::string::npos ? text.find("\nfunction") : text.find('\n', at + 1);
    if (at == std::string::npos) {
      text += "\n" + fields;
    } else {
      text.insert(at + 1, fields);
    }
  }
  // squash: the replaced files go first (the new file may take one's name), and come back if
  // the new one cannot be written.
  std::vector<std::pair<fs::path, std::string>> removed;
  const auto restore = [&removed] {
    for (const auto& [file, old] : removed) {
      std::error_code ignored;
      fs::remove(file, ignored);
      write_new_file(file, old);
    }
  };
  for (const auto& id : options.replaces) {
    const fs::path file = sd.info(id).path;
    std::string old = read_text(file);
    std::error_code rm;
    fs::remove(file, rm);
    if (rm) {
      restore();
      throw Error(ErrorKind::Config, "cannot remove " + file.string() + ": " + rm.message());
    }
    removed.emplace_back(file, std::move(old));
  }
  try {
    write_new_file(path, text);
  } catch (...) {
    restore();
    throw;
  }

  // Read back what was written: a custom template that lost a field is caught here.
  RevisionInfo info;
  try {
    info = read_revision_header(path);
  } catch (const Error& e) {
    fs::remove(path, ec);
    restore();
    throw Error(ErrorKind::Config, "the revision written from " + tmpl_path.string() +
                                       " does not read back (" + e.what() +
                                       "): check the template's header lines");
  }
  if (info.revision != rev || info.down_revisions != parents ||
      info.branch_labels != options.branch_labels || info.depends_on != depends ||
      info.squashes != squashes) {
    fs::remove(path, ec);
    restore();
    throw Error(ErrorKind::Config,
                "the template " + tmpl_path.string() +
                    " does not write revision, down_revision, branch_labels and depends_on "
                    "from ${up_revision}, ${down_revision}, ${branch_labels} and ${depends_on}");
  }
  run_post_write_hooks(config, path);
  info.is_head = true;
  info.is_base = parents.empty();
  info.is_merge_point = parents.size() > 1;
  return info;
}

RevisionInfo merge_revisions(const Config& config, const std::vector<std::string>& revisions,
                             const std::string& message, std::optional<std::string> rev_id,
                             const std::vector<std::string>& current) {
  // No -m: as Alembic, the revision says "empty message" (create_revision's default).
  const ScriptDirectory sd = ScriptDirectory::load(config);
  std::vector<std::string> ids;
  for (const std::string& r : revisions) {
    for (const std::string& id : sd.graph().resolve(r, current)) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  if (ids.size() < 2) {
    throw Error(ErrorKind::Usage, "nothing to merge: the revisions given name " +
                                      (ids.empty() ? std::string("none") : "only " + ids[0]) +
                                      " (a merge joins two or more heads)");
  }
  RevisionOptions options;
  options.message = message;
  options.rev_id = std::move(rev_id);
  options.head = ids;
  return create_revision(config, options);
}

bool names_current(const std::string& name) {
  if (size_t colon = name.find(':'); colon != std::string::npos)
    return names_current(name.substr(0, colon)) || names_current(name.substr(colon + 1));
  std::string rest = name.substr(name.find('@') + 1);  // npos + 1 == 0: the whole name
  if (rest == "current") return true;
  size_t sign = rest.find_last_of("+-");
  if (sign == std::string::npos || sign + 1 == rest.size()) return false;
  bool digits = std::all_of(rest.begin() + static_cast<long>(sign) + 1, rest.end(),
                            [](char c) { return c >= '0' && c <= '9'; });
  const std::string symbol = rest.substr(0, sign);
  return digits && (symbol.empty() || symbol == "current");
}

std::vector<RevisionInfo> history(const Config& config, const std::string& range,
                                  const std::vector<std::string>& current) {
  ScriptDirectory sd = ScriptDirectory::load(config);
  std::vector<std::string> ids;
  if (range.empty()) {
    ids = sd.graph().topological_newest_first();
  } else {
    auto colon = range.find(':');
    if (colon == std::string::npos) {
      throw Error(ErrorKind::Usage,
                  "history range '" + range + "' needs a colon: A:B, A: or :B (A older, B newer)");
    }
    ids = sd.graph().range(range.substr(0, colon), range.substr(colon + 1), current);
  }
  std::vector<RevisionInfo> out;
  out.reserve(ids.size());
  for (const std::string& id : ids) out.push_back(sd.take_info(id));
  return out;
}

std::vector<RevisionInfo> heads(const Config& config, bool resolve_dependencies) {
  ScriptDirectory sd = ScriptDirectory::load(config);
  std::vector<RevisionInfo> out;
  // "heads" resolves to the revisions nothing builds on, through down_revision or depends_on.
  for (const std::string& id :
       resolve_dependencies ? sd.graph().resolve("heads") : sd.graph().heads())
    out.push_back(sd.take_info(id));
  return out;
}

std::vector<RevisionInfo> branch_points(const Config& config) {
  ScriptDirectory sd = ScriptDirectory::load(config);
  std::vector<RevisionInfo> out;
  for (const std::string& id : sd.graph().branch_points()) out.push_back(sd.take_info(id));
  return out;
}

RevisionInfo show(const Config& config, const std::string& name,
                  const std::vector<std::string>& current) {
  const ScriptDirectory sd = ScriptDirectory::load(config);
  std::vector<std::string> ids = sd.graph().resolve(name, current);
  if (ids.empty()) {
    throw Error(ErrorKind::Graph, "'" + name + "' names no revision (it is base)");
  }
  if (ids.size() > 1) {
    std::string list;
    for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
    throw Error(ErrorKind::Graph,
                "'" + name + "' names several revisions (" + list + "): show one at a time");
  }
  return sd.info(ids[0]);
}

}  // namespace retort
