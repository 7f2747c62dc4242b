// RevisionGraph: construction and validation, queries, traversals. Name resolution is in
// revision_names.cpp, plans in revision_plan.cpp. Every traversal uses an explicit stack.
#include "script/revision_graph.hpp"

#include <algorithm>
#include <utility>

#include "retort/error.hpp"

namespace retort {
namespace {

[[noreturn]] void graph_error(const std::string& msg) { throw Error(ErrorKind::Graph, msg); }

bool valid_label(const std::string& l) {
  if (l.empty() || l == "head" || l == "heads" || l == "base" || l == "current") return false;
  for (char c : l) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool valid_id(const std::string& id) {
  if (id == "head" || id == "heads" || id == "base" || id == "current") return false;
  if (id.front() == '-') return false;  // "-1" must stay a relative name
  for (char c : id) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '@' || c == ':' || c == '+' || c == '"' ||
        c == '\'' || c == '\\') {
      return false;
    }
  }
  return true;
}

}  // namespace

RevisionGraph::RevisionGraph(std::vector<RevisionNode> nodes, std::string location)
    : nodes_(std::move(nodes)), location_(std::move(location)) {
  const int n = static_cast<int>(nodes_.size());
  by_id_.reserve(nodes_.size() * 2);
  for (int i = 0; i < n; ++i) {
    const RevisionNode& node = nodes_[i];
    if (node.id.empty()) graph_error(node.source + ": the revision id is empty");
    if (!valid_id(node.id)) {
      graph_error(node.source + ": revision id '" + node.id +
                  "' is not allowed (no spaces, quotes, @, : or +, no leading -; not head, "
                  "heads, base or current)");
    }
    auto [it, inserted] = by_id_.emplace(node.id, i);
    if (!inserted) {
      graph_error("revision " + node.id + " is defined twice, in " + nodes_[it->second].source +
                  " and in " + node.source + ": give one of them a new id");
    }
  }
  for (int i = 0; i < n; ++i) {
    for (const std::string& label : nodes_[i].branch_labels) {
      if (!valid_label(label)) {
        graph_error(nodes_[i].source + ": branch label '" + label +
                    "' is not allowed (letters, digits, _ - . only; not head, heads, base or "
                    "current)");
      }
      auto [it, inserted] = by_label_.emplace(label, i);
      if (!inserted && it->second != i) {
        graph_error("branch label '" + label + "' is used by both " + describe(it->second) +
                    " and " + describe(i) + ": rename one of them");
      }
      auto same_id = by_id_.find(label);
      if (same_id != by_id_.end() && same_id->second != i) {
        graph_error("branch label '" + label + "' of " + describe(i) +
                    " is also the id of revision " + describe(same_id->second) +
                    ": rename the label");
      }
    }
  }

  std::vector<int> edges;
  parents_.reserve(n, n);
  all_down_.reserve(n, n);
  for (int i = 0; i < n; ++i) {
    const RevisionNode& node = nodes_[i];
    edges.clear();
    for (const std::string& d : node.down_revisions) {
      auto it = by_id_.find(d);
      if (it == by_id_.end()) {
        graph_error(node.source + ": down_revision '" + d + "' names no revision" +
                    (location_.empty() ? "" : " in " + location_) +
                    ": fix the id, or restore the missing script");
      }
      edges.push_back(it->second);
    }
    parents_.add_node(edges);
    for (const std::string& d : node.depends_on) {
      int target = -1;
      if (auto it = by_id_.find(d); it != by_id_.end()) {
        target = it->second;
      } else if (auto lt = by_label_.find(d); lt != by_label_.end()) {
        target = lt->second;
      } else {
        graph_error(node.source + ": depends_on '" + d + "' names no revision or branch label" +
                    (location_.empty() ? "" : " in " + location_));
      }
      edges.push_back(target);
    }
    deps_.add_node(std::span<const int>(edges).subspan(node.down_revisions.size()));
    all_down_.add_node(edges);  // parents first, then dependencies, each once
  }
  children_ = Adjacency::inverse(parents_, n);
  all_children_ = Adjacency::inverse(all_down_, n);

  // Cycles: Kahn's algorithm over every edge; whatever is left over sits on or above a cycle.
  std::vector<int> pending(n);
  std::vector<int> ready;
  for (int i = 0; i < n; ++i) {
    pending[i] = static_cast<int>(all_down_[i].size());
    if (pending[i] == 0) ready.push_back(i);
  }
  int done = 0;
  while (!ready.empty()) {
    int v = ready.back();
    ready.pop_back();
    ++done;
    for (int c : all_children_[v]) {
      if (--pending[c] == 0) ready.push_back(c);
    }
  }
  if (done != n) {
    // Every leftover has a leftover parent: walk parents until one repeats to find the cycle.
    int start = 0;
    while (pending[start] == 0) ++start;
    std::vector<int> seen_at(n, -1);
    std::vector<int> path;
    int v = start;
    while (seen_at[v] < 0) {
      seen_at[v] = static_cast<int>(path.size());
      path.push_back(v);
      for (int p : all_down_[v]) {
        if (pending[p] > 0) {
          v = p;
          break;
        }
      }
    }
    std::string chain;
    std::string files;
    for (size_t k = static_cast<size_t>(seen_at[v]); k < path.size(); ++k) {
      chain += id(path[k]) + " -> ";
      files += (files.empty() ? "" : ", ") + nodes_[path[k]].source;
    }
    chain += id(v);
    graph_error("the revisions form a cycle: " + chain +
                " (each names the next in down_revision or depends_on; files: " + files +
                "): break it by fixing one of them");
  }
}

const std::vector<int>& RevisionGraph::ids_sorted() const {
  // Built on the first prefix lookup: `heads`, `history` and full-id runs never need it.
  SortedIds& s = *sorted_ids_;
  std::call_once(s.flag, [this, &s] {
    s.ids.resize(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) s.ids[i] = static_cast<int>(i);
    std::sort(s.ids.begin(), s.ids.end(),
              [this](int a, int b) { return nodes_[a].id < nodes_[b].id; });
  });
  return s.ids;
}

const RevisionNode* RevisionGraph::find(const std::string& id) const {
  int i = index_of(id);
  return i < 0 ? nullptr : &nodes_[i];
}

int RevisionGraph::index_of(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

std::string RevisionGraph::describe(int i) const {
  if (nodes_[i].source.empty()) return nodes_[i].id;
  return nodes_[i].id + " (" + nodes_[i].source + ")";
}

RevisionGraph::Adjacency RevisionGraph::Adjacency::inverse(const Adjacency& a, size_t n) {
  Adjacency out;
  out.offsets_.assign(n + 1, 0);
  for (int t : a.targets_) ++out.offsets_[t + 1];
  for (size_t i = 0; i < n; ++i) out.offsets_[i + 1] += out.offsets_[i];
  out.targets_.resize(a.targets_.size());
  std::vector<size_t> fill(out.offsets_.begin(), out.offsets_.end() - 1);
  for (size_t i = 0; i < a.size(); ++i) {
    for (int t : a[static_cast<int>(i)]) out.targets_[fill[t]++] = static_cast<int>(i);
  }
  return out;
}

std::string RevisionGraph::join_ids(std::span<const int> v) const {
  std::string out;
  for (int i : v) out += (out.empty() ? "" : ", ") + id(i);
  return out;
}

std::vector<std::string> RevisionGraph::heads() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (children_[i].empty()) out.push_back(nodes_[i].id);
  }
  return out;
}

std::vector<std::string> RevisionGraph::bases() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (parents_[i].empty()) out.push_back(nodes_[i].id);
  }
  return out;
}

std::vector<std::string> RevisionGraph::branch_points() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (children_[i].size() > 1) out.push_back(nodes_[i].id);
  }
  return out;
}

bool RevisionGraph::is_head(const std::string& id) const {
  int i = index_of(id);
  return i >= 0 && children_[i].empty();
}

bool RevisionGraph::is_branch_point(const std::string& id) const {
  int i = index_of(id);
  return i >= 0 && children_[i].size() > 1;
}

std::vector<std::string> RevisionGraph::children(const std::string& id) const {
  std::vector<std::string> out;
  int i = index_of(id);
  if (i >= 0) {
    for (int c : children_[i]) out.push_back(nodes_[c].id);
  }
  return out;
}

std::vector<std::string> RevisionGraph::dependencies(const std::string& id) const {
  std::vector<std::string> out;
  int i = index_of(id);
  if (i >= 0) {
    for (int d : deps_[i]) out.push_back(nodes_[d].id);
  }
  return out;
}

namespace {

// Every node reachable from `starts` along `edges` (starts included), iteratively: chains of
// 10,000 revisions must not recurse.
template <class Edges>
std::vector<char> reach(const std::vector<int>& starts, const Edges& edges) {
  std::vector<char> mark(edges.size(), 0);
  std::vector<int> todo;
  for (int s : starts) {
    if (s >= 0 && !mark[s]) {
      mark[s] = 1;
      todo.push_back(s);
    }
  }
  while (!todo.empty()) {
    int v = todo.back();
    todo.pop_back();
    for (int next : edges[v]) {
      if (!mark[next]) {
        mark[next] = 1;
        todo.push_back(next);
      }
    }
  }
  return mark;
}

}  // namespace

std::vector<char> RevisionGraph::ancestors(const std::vector<int>& starts,
                                           bool include_deps) const {
  return reach(starts, include_deps ? all_down_ : parents_);
}

std::vector<char> RevisionGraph::descendants(const std::vector<int>& starts,
                                             bool include_deps) const {
  return reach(starts, include_deps ? all_children_ : children_);
}

std::vector<int> RevisionGraph::filter_lineage(const std::vector<int>& revs, int branch) const {
  if (branch < 0) return revs;
  std::vector<char> up = ancestors({branch}, false);
  std::vector<char> down = descendants({branch}, false);
  std::vector<int> out;
  for (int r : revs) {
    if (r >= 0 && (up[r] || down[r])) out.push_back(r);
  }
  return out;
}

bool RevisionGraph::shares_lineage(int rev, int branch) const {
  return !filter_lineage({rev}, branch).empty();
}

const RevisionNode* RevisionGraph::squashed_into(const std::string& id) const {
  for (const RevisionNode& node : nodes_) {
    if (std::find(node.squashes.begin(), node.squashes.end(), id) != node.squashes.end()) {
      return &node;
    }
  }
  return nullptr;
}

void RevisionGraph::check_rows(const std::vector<std::string>& rows) const {
  for (const std::string& r : rows) {
    if (by_id_.count(r)) continue;
    if (const RevisionNode* node = squashed_into(r)) {
      graph_error("the database is at revision " + r + ", which was squashed into " + node->id +
                  " (" + node->source + "): upgrade it to " + node->id +
                  " with the old revision files first (from version control), then use these");
    }
    graph_error("the database is at revision " + r + ", which no script" +
                (location_.empty() ? "" : " in " + location_) +
                " defines: restore that script (from version control or the branch that added "
                "it), or overwrite the version table with `retort stamp --purge REV`");
  }
}

std::vector<int> RevisionGraph::rows_to_indices(const std::vector<std::string>& rows) const {
  check_rows(rows);
  std::vector<int> out;
  for (const std::string& r : rows) {
    const int i = by_id_.at(r);
    if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  }
  return out;
}

std::vector<int> RevisionGraph::normalized_dependencies(int i) const {
  std::vector<int> out(deps_[i].begin(), deps_[i].end());
  if (out.empty()) return out;
  std::vector<char> line = ancestors({i}, false);
  line[i] = 0;
  for (size_t a = 0; a < nodes_.size() && !out.empty(); ++a) {
    if (!line[a]) continue;
    for (int d : deps_[static_cast<int>(a)]) std::erase(out, d);
  }
  return out;
}

std::vector<int> RevisionGraph::alembic_order(std::vector<char> todo,
                                              const std::vector<int>& tips) const {
  // A transcription of Alembic's RevisionMap._topological_sort (alembic/script/revision.py),
  // so that `retort history` lists what `alembic history` lists, in the same order. Alembic
  // orders by its revision map, which modern Alembic fills in file-name order, as the script
  // directory gives our nodes.
  std::vector<int> out;
  size_t left = static_cast<size_t>(std::count(todo.begin(), todo.end(), 1));
  out.reserve(left);
  std::vector<int> heads;
  for (int t : tips) {
    if (todo[t] && std::find(heads.begin(), heads.end(), t) == heads.end()) heads.push_back(t);
  }
  std::sort(heads.begin(), heads.end());
  auto contains = [](const std::vector<int>& v, int x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  while (left > 0) {
    if (heads.empty()) {
      // Only a range whose revisions are not all reachable from its tips gets here (Alembic
      // never builds one): go on from the newest of the rest.
      std::vector<char> below(nodes_.size(), 0);
      for (size_t i = 0; i < nodes_.size(); ++i) {
        if (!todo[i]) continue;
        for (int d : all_down_[static_cast<int>(i)]) below[d] = 1;
      }
      for (size_t i = 0; i < nodes_.size(); ++i) {
        if (todo[i] && !below[i]) heads.push_back(static_cast<int>(i));
      }
    }
    std::vector<std::vector<char>> above;  // per head: it and everything below it
    above.reserve(heads.size());
    for (int h : heads) above.push_back(ancestors({h}, true));
    size_t at = 0;
    while (!heads.empty()) {
      const int candidate = heads[at];
      bool switched = false;
      for (size_t j = 0; j < heads.size(); ++j) {
        if (j != at && above[j][candidate]) {
          at = j;  // another head builds on it: that branch goes first
          switched = true;
          break;
        }
      }
      if (switched) continue;
      if (todo[candidate]) {
        out.push_back(candidate);
        todo[candidate] = 0;
        --left;
      }
      const std::vector<int> deps = normalized_dependencies(candidate);
      std::vector<int> next;
      auto consider = [&](int r) {
        if (todo[r] && !contains(heads, r) && !contains(next, r)) next.push_back(r);
      };
      for (int p : parents_[candidate]) consider(p);
      for (int d : deps) consider(d);
      if (next.empty()) {
        heads.erase(heads.begin() + static_cast<long>(at));
        above.erase(above.begin() + static_cast<long>(at));
        at = at > 0 ? at - 1 : 0;
      } else if (deps.empty() && parents_[candidate].size() == 1) {
        heads[at] = next[0];
        above[at][candidate] = 0;
      } else {
        heads[at] = next[0];
        above[at] = ancestors({next[0]}, true);
        for (size_t k = 1; k < next.size(); ++k) {
          heads.push_back(next[k]);
          above.push_back(ancestors({next[k]}, true));
        }
      }
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::topological_newest_first() const {
  // Alembic walks from "heads": the revisions nothing builds on, through depends_on too.
  std::vector<int> tips;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (all_children_[static_cast<int>(i)].empty()) tips.push_back(static_cast<int>(i));
  }
  std::vector<std::string> out;
  out.reserve(nodes_.size());
  for (int i : alembic_order(std::vector<char>(nodes_.size(), 1), tips)) out.push_back(id(i));
  return out;
}

}  // namespace retort
