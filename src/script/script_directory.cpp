// ScriptDirectory: list the version directories, read headers, build the graph.
#include "script/script_directory.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "base/file.hpp"
#include "retort/error.hpp"
#include "script/revision_header.hpp"

namespace retort {
namespace {

// Reads the headers of `names` in `dir` (open as `dir_fd`) and appends them in order. With
// `texts` (sized like `out`), whole files are kept while they fit `budget` bytes, so a run that
// executes them does not read them twice.
void read_headers(int dir_fd, const std::filesystem::path& dir,
                  const std::vector<std::string>& names, std::vector<RevisionInfo>& out,
                  std::vector<std::string>* texts, size_t& budget) {
  // "<dir>/<name>" as a plain string (RevisionInfo::path).
  std::string prefix = dir.native();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::string text;
  for (const std::string& name : names) {
    out.push_back(
        read_revision_header_at(dir_fd, name.c_str(), prefix + name, texts ? &text : nullptr));
    if (!texts) continue;
    texts->emplace_back();
    if (text.size() <= budget) {
      budget -= text.size();
      texts->back() = std::move(text);
    }
  }
}

}  // namespace

ScriptDirectory ScriptDirectory::load(const Config& config, bool keep_sources) {
  if (config.embedded_scripts) return from_memory(*config.embedded_scripts);
  ScriptDirectory sd;
  // Enough for the sources of a few thousand typical revisions; past it, scripts are read again
  // when they run, so memory stays bounded however long the history.
  size_t budget = 8u << 20;
  sd.dirs_ = config.version_dirs();
  std::string location;
  for (const auto& dir : sd.dirs_) {
    // readdir rather than std::filesystem::directory_iterator: no stat per entry, which
    // matters with thousands of revisions.
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      throw Error(ErrorKind::Config,
                  "no versions directory at " + dir.string() + ": run `retort init`");
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      // Lua revisions and plain SQL revisions (script/sql_revision.hpp).
      if (name.empty() || name.front() == '.' || name.size() < 5 ||
          (name.substr(name.size() - 4) != ".lua" && name.substr(name.size() - 4) != ".sql")) {
        continue;
      }
      if (e->d_type == DT_DIR) {
        // Named like a revision but never read as one: say so rather than leave a revision
        // the user believes is there out of every command.
        const std::string path = (dir / std::string(name)).string();
        ::closedir(d);
        throw Error(ErrorKind::Config, path +
                                           " is a directory, not a revision file: move it out "
                                           "of the versions folder or rename it");
      }
      names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
    try {
      read_headers(::dirfd(d), dir, names, sd.infos_, keep_sources ? &sd.texts_ : nullptr, budget);
    } catch (...) {
      ::closedir(d);
      throw;
    }
    ::closedir(d);
    location += (location.empty() ? "" : ", ") + dir.string();
  }
  sd.build(location);
  return sd;
}

ScriptDirectory ScriptDirectory::from_memory(std::vector<ScriptText> scripts) {
  ScriptDirectory sd;
  sd.in_memory_ = true;
  for (auto& script : scripts) {
    sd.infos_.push_back(parse_revision_header(script.text, script.name));
    sd.texts_.push_back(std::move(script.text));
  }
  sd.build("the embedded scripts");
  return sd;
}

void ScriptDirectory::build(std::string location) {
  std::vector<RevisionNode> nodes;
  nodes.reserve(infos_.size());
  for (const RevisionInfo& info : infos_) {
    nodes.push_back(RevisionNode{info.revision, info.down_revisions, info.depends_on,
                                 info.branch_labels, info.path, info.squashes});
  }
  graph_ = std::make_shared<const RevisionGraph>(std::move(nodes), std::move(location));
  by_id_.reserve(infos_.size() * 2);
  for (size_t i = 0; i < infos_.size(); ++i) {
    RevisionInfo& info = infos_[i];
    by_id_[info.revision] = i;
    info.is_head = graph_->is_head(info.revision);
    info.is_base = info.down_revisions.empty();
    info.is_branch_point = graph_->is_branch_point(info.revision);
    info.is_merge_point = info.down_revisions.size() > 1;
  }
}

const RevisionInfo& ScriptDirectory::info(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    throw Error(ErrorKind::Graph, "unknown revision '" + id + "'");
  }
  return infos_[it->second];
}

RevisionInfo ScriptDirectory::take_info(const std::string& id) {
  return std::move(const_cast<RevisionInfo&>(info(id)));  // info() throws for an unknown id
}

std::string ScriptDirectory::text(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) throw Error(ErrorKind::Graph, "unknown revision '" + id + "'");
  const size_t i = it->second;
  if (i < texts_.size() && (in_memory_ || !texts_[i].empty())) return texts_[i];
  const std::string& path = infos_[i].path;
  std::optional<std::string> text = read_file(path);
  if (!text) throw Error(ErrorKind::Script, path + ": cannot read the file");
  return std::move(*text);
}

std::filesystem::path ScriptDirectory::versions_dir() const {
  return dirs_.empty() ? std::filesystem::path() : dirs_.front();
}

}  // namespace retort
