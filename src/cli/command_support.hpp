// What the verbs share: loading the configuration the global options name, and listing a
// revision's children for the verbs that print branch points. Internal to src/cli/.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "retort/config.hpp"
#include "retort/scripts.hpp"

namespace retort::cli {

// The configuration -c/--env/--url/-x select; remembers its URL for scrub_password.
Config load_config(const GlobalOptions& g);
// Raises a configuration error when no database URL is set.
void require_url(const Config& c);

// Which revisions each revision branches into (history -v, show, branches). Reads all
// headers, so it is only called when a branch point is printed verbosely.
class Children {
 public:
  explicit Children(const Config& c) : config_(c) {}
  const std::vector<std::string>& of(const std::string& rev) {
    load();
    return children_[rev];
  }
  const RevisionInfo* find(const std::string& rev) {
    load();
    auto it = by_id_.find(rev);
    return it == by_id_.end() ? nullptr : &it->second;
  }

 private:
  void load();
  const Config& config_;
  bool loaded_ = false;
  std::map<std::string, std::vector<std::string>> children_;
  std::map<std::string, RevisionInfo> by_id_;
};

// What revision and revision --autogenerate both take (-m, --rev-id, --head, --splice,
// --branch-label, --depends-on, --version-path), into RevisionOptions or AutogenerateOptions.
template <class Options>
void copy_revision_args(const RevisionArgs& a, Options& o) {
  o.message = a.message;
  o.rev_id = a.rev_id;
  o.head = a.head;
  o.splice = a.splice;
  o.branch_labels = a.branch_label;
  o.depends_on = a.depends_on;
  if (a.version_path) o.version_path = std::filesystem::path(*a.version_path);
}

// A revision's block for show, history -v, heads -v, current -v and branches -v.
std::string block(const RevisionInfo& r, Children& children, bool current);
// What a listing prints for one revision: its block with -v, else its line in `style`
// (style.current marks it in both).
std::string listing_entry(const RevisionInfo& r, Children& children, bool verbose,
                          const LineStyle& style);

}  // namespace retort::cli
