// ScriptDirectory — the revision scripts of a project, from folders or from memory.
//
// load() reads the header of every `*.lua` and `*.sql` file in the configured version directories
// (not the bodies: they are compiled only when they run) and builds the RevisionGraph.
// from_memory() does the same for scripts a program embeds, and keeps their text so the runtime can
// run them. Files are taken in directory order, then file-name order, which is the order of heads()
// and of ties elsewhere. Errors: a missing versions directory is Error(Config); header and graph
// problems are Error(Script)/Error(Graph) naming the file. Thread-safety: immutable after
// construction.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retort/config.hpp"
#include "retort/scripts.hpp"
#include "script/revision_graph.hpp"

namespace retort {

class ScriptDirectory {
 public:
  // Reads config.version_dirs(), or takes config.embedded_scripts when it is set; a directory
  // that does not exist is Error(Config) saying to run `retort init`. With `keep_sources`, the
  // files' text is kept too (up to a memory budget) for file_text(), so a run does not read each
  // script twice.
  static ScriptDirectory load(const Config& config, bool keep_sources = false);

  // Scripts held in memory. Each name stands in for the file path in messages and in
  // RevisionInfo::path. load() uses this when the config holds embedded scripts.
  static ScriptDirectory from_memory(std::vector<ScriptText> scripts);

  const RevisionGraph& graph() const { return *graph_; }

  // Header of one revision (exact id), with the is_* flags filled. Error(Graph) if unknown.
  const RevisionInfo& info(const std::string& id) const;
  // Moves the header of `id` out, for a caller done with the directory: info(id) is left
  // empty. Error(Graph) if unknown.
  RevisionInfo take_info(const std::string& id);
  // Every revision, in file order.
  const std::vector<RevisionInfo>& revisions() const { return infos_; }

  // The whole text of `id`'s script: held in memory, kept from load(), or read from its file
  // now. Error(Script) naming the file when it cannot be read.
  std::string text(const std::string& id) const;
  bool in_memory() const { return in_memory_; }

  // The first version directory (where new revisions go by default); empty for in-memory.
  std::filesystem::path versions_dir() const;
  const std::vector<std::filesystem::path>& version_dirs() const { return dirs_; }

 private:
  ScriptDirectory() = default;
  void build(std::string location);

  std::vector<std::filesystem::path> dirs_;
  std::vector<RevisionInfo> infos_;
  std::unordered_map<std::string, size_t> by_id_;
  std::vector<std::string> texts_;  // parallel to infos_: embedded scripts, or kept file text
  bool in_memory_ = false;
  std::shared_ptr<const RevisionGraph> graph_;
};

}  // namespace retort
