// RevisionGraph: validation, name resolution, plans. Every traversal uses an explicit stack.
#include "script/revision_graph.hpp"

#include <algorithm>
#include <utility>

#include "retort/error.hpp"

namespace retort {
namespace {

[[noreturn]] void graph_error(const std::string& msg) { throw Error(ErrorKind::Graph, msg); }

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

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
  for (char c : id) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '@' || c == ':' || c == '+' || c == '"' ||
        c == '\'' || c == '\\') {
      return false;
    }
  }
  return true;
}

void push_unique(std::vector<int>& v, int x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
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
                  "' is not allowed (no spaces, quotes, @, : or +; not head, heads, base or "
                  "current)");
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

  parents_.resize(n);
  deps_.resize(n);
  all_down_.resize(n);
  children_.resize(n);
  all_children_.resize(n);
  for (int i = 0; i < n; ++i) {
    const RevisionNode& node = nodes_[i];
    for (const std::string& d : node.down_revisions) {
      auto it = by_id_.find(d);
      if (it == by_id_.end()) {
        graph_error(node.source + ": down_revision '" + d + "' names no revision" +
                    (location_.empty() ? "" : " in " + location_) +
                    ": fix the id, or restore the missing script");
      }
      push_unique(parents_[i], it->second);
    }
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
      push_unique(deps_[i], target);
    }
    all_down_[i] = parents_[i];
    for (int d : deps_[i]) push_unique(all_down_[i], d);
  }
  for (int i = 0; i < n; ++i) {
    for (int p : parents_[i]) children_[p].push_back(i);
    for (int p : all_down_[i]) all_children_[p].push_back(i);
  }

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

  ids_sorted_.resize(n);
  for (int i = 0; i < n; ++i) ids_sorted_[i] = i;
  std::sort(ids_sorted_.begin(), ids_sorted_.end(),
            [this](int a, int b) { return nodes_[a].id < nodes_[b].id; });
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

std::string RevisionGraph::join_ids(const std::vector<int>& v) const {
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

std::vector<char> RevisionGraph::ancestors(const std::vector<int>& starts,
                                           bool include_deps) const {
  std::vector<char> mark(nodes_.size(), 0);
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
    for (int p : include_deps ? all_down_[v] : parents_[v]) {
      if (!mark[p]) {
        mark[p] = 1;
        todo.push_back(p);
      }
    }
  }
  return mark;
}

std::vector<char> RevisionGraph::descendants(const std::vector<int>& starts,
                                             bool include_deps) const {
  std::vector<char> mark(nodes_.size(), 0);
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
    for (int c : include_deps ? all_children_[v] : children_[v]) {
      if (!mark[c]) {
        mark[c] = 1;
        todo.push_back(c);
      }
    }
  }
  return mark;
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

void RevisionGraph::check_rows(const std::vector<std::string>& rows) const {
  for (const std::string& r : rows) {
    if (by_id_.count(r)) continue;
    graph_error("the database is at revision " + r + ", which no script" +
                (location_.empty() ? "" : " in " + location_) +
                " defines: restore that script (from version control or the branch that added "
                "it), or overwrite the version table with `retort stamp --purge REV`");
  }
}

std::vector<int> RevisionGraph::rows_to_indices(const std::vector<std::string>& rows) const {
  check_rows(rows);
  std::vector<int> out;
  for (const std::string& r : rows) push_unique(out, by_id_.at(r));
  return out;
}

int RevisionGraph::lookup(const std::string& name) const {
  if (auto it = by_id_.find(name); it != by_id_.end()) return it->second;
  if (auto it = by_label_.find(name); it != by_label_.end()) return it->second;
  auto lo = std::lower_bound(ids_sorted_.begin(), ids_sorted_.end(), name,
                             [this](int i, const std::string& s) { return nodes_[i].id < s; });
  std::vector<int> matches;
  for (auto it = lo; it != ids_sorted_.end() && nodes_[*it].id.compare(0, name.size(), name) == 0;
       ++it) {
    matches.push_back(*it);
  }
  if (name.empty() || matches.empty()) {
    graph_error("unknown revision '" + name + "': `retort history` lists the revisions");
  }
  if (matches.size() > 1) {
    std::string list;
    for (size_t k = 0; k < matches.size() && k < 5; ++k) list += (k ? ", " : "") + id(matches[k]);
    if (matches.size() > 5) list += ", ... (" + std::to_string(matches.size()) + " in all)";
    graph_error("revision prefix '" + name + "' is ambiguous: " + list + ": give more characters");
  }
  return matches[0];
}

std::vector<int> RevisionGraph::resolve_absolute(const std::string& name, int branch,
                                                 const std::vector<int>& current,
                                                 Context ctx) const {
  const int n = static_cast<int>(nodes_.size());
  if (name.empty() || name == "base") return {};
  if (name == "heads") {
    std::vector<int> out;
    for (int i = 0; i < n; ++i) {
      // Without a branch: the real heads (nothing depends on them either), so that upgrading
      // to "heads" never names a revision and one of its own dependencies together.
      if (branch >= 0 ? children_[i].empty() : all_children_[i].empty()) out.push_back(i);
    }
    return filter_lineage(out, branch);
  }
  if (name == "head") {
    std::vector<int> hs;
    for (int i = 0; i < n; ++i) {
      if (children_[i].empty()) hs.push_back(i);
    }
    hs = filter_lineage(hs, branch);
    if (hs.size() > 1) {
      std::string where =
          branch >= 0 ? "multiple heads on the branch of " + id(branch) + " (" : "multiple heads (";
      if (ctx == Context::Upgrade) {
        graph_error(where + join_ids(hs) + "): upgrade to `heads`, or `retort merge heads`");
      }
      graph_error(where + join_ids(hs) +
                  "): name one of them (`retort heads` lists them), or `retort merge heads`");
    }
    return hs;
  }
  if (name == "current") return filter_lineage(current, branch);
  int i = lookup(name);
  if (branch >= 0 && !shares_lineage(i, branch)) {
    graph_error("revision " + id(i) + " is not on the branch of " + id(branch));
  }
  return {i};
}

int RevisionGraph::resolve_single(const std::string& name, int branch,
                                  const std::vector<int>& current, Context ctx) const {
  std::vector<int> v = resolve_absolute(name, branch, current, ctx);
  if (v.size() > 1) {
    graph_error("'" + name + "' names several revisions (" + join_ids(v) + "): name one");
  }
  return v.empty() ? -1 : v[0];
}

int RevisionGraph::walk(int start, int steps, int branch, const std::string& name,
                        bool from_current) const {
  std::vector<char> lineage;
  if (branch >= 0 && steps > 0) {
    std::vector<char> up = ancestors({branch}, false);
    lineage = descendants({branch}, false);
    for (size_t i = 0; i < lineage.size(); ++i) lineage[i] = lineage[i] || up[i];
  }
  int cur = start;
  int taken = 0;
  const int total = steps < 0 ? -steps : steps;
  for (; taken < total; ++taken) {
    if (steps > 0) {
      std::vector<int> next;
      if (cur < 0) {
        for (size_t i = 0; i < nodes_.size(); ++i) {
          if (parents_[i].empty()) next.push_back(static_cast<int>(i));
        }
      } else {
        next = children_[cur];
      }
      if (!lineage.empty()) {
        std::erase_if(next, [&](int c) { return !lineage[c]; });
      }
      if (next.empty()) {
        graph_error("relative revision " + name + " goes past head (only " + std::to_string(taken) +
                    " more)");
      }
      if (next.size() > 1) {
        graph_error("relative revision " + name + " is ambiguous: " +
                    (cur < 0 ? std::string("there are several bases")
                             : "revision " + id(cur) + " is a branch point") +
                    " (" + join_ids(next) + "): use label@+N or REV+N on one branch");
      }
      cur = next[0];
    } else {
      if (cur < 0) {
        graph_error("relative revision " + name + " goes past base (only " + std::to_string(taken) +
                    (from_current ? " applied)" : " below it)"));
      }
      if (parents_[cur].size() > 1) {
        graph_error("relative revision " + name + " is ambiguous: revision " + id(cur) +
                    " is a merge of " + join_ids(parents_[cur]) +
                    ": go down to one of them by id instead");
      }
      cur = parents_[cur].empty() ? -1 : parents_[cur][0];
    }
  }
  return cur;
}

RevisionGraph::Parsed RevisionGraph::parse(const std::string& name, const std::vector<int>& current,
                                           Context ctx) const {
  Parsed out;
  std::string rest = name;
  if (auto at = name.find('@'); at != std::string::npos) {
    std::string label = name.substr(0, at);
    rest = name.substr(at + 1);
    if (label.empty()) graph_error("'" + name + "': put a branch label before '@'");
    if (auto it = by_label_.find(label); it != by_label_.end()) {
      out.branch = it->second;
    } else if (by_id_.count(label)) {
      out.branch = by_id_.at(label);
    } else {
      try {
        out.branch = lookup(label);
      } catch (const Error&) {
        graph_error("unknown branch label '" + label + "' in '" + name +
                    "': `retort branches` and `retort history` list the labels");
      }
    }
  }
  // An exact id wins over the relative syntax (ids may contain '-').
  if (by_id_.count(rest) || by_label_.count(rest)) {
    out.revs = resolve_absolute(rest, out.branch, current, ctx);
    return out;
  }
  size_t sign = rest.find_last_of("+-");
  if (sign == std::string::npos || !all_digits(rest.substr(sign + 1))) {
    out.revs = resolve_absolute(rest, out.branch, current, ctx);
    return out;
  }
  const std::string symbol = rest.substr(0, sign);
  const int count = std::stoi(rest.substr(sign + 1));
  const bool up = rest[sign] == '+';
  const std::string shown = rest.substr(sign);
  if (!symbol.empty()) {
    int start = resolve_single(symbol, out.branch, current, ctx);
    int r = walk(start, up ? count : -count, out.branch, name, false);
    if (r >= 0) out.revs = {r};
    return out;
  }
  std::vector<int> starts = filter_lineage(current, out.branch);
  if (up) {
    if (ctx == Context::Downgrade) {
      graph_error("downgrade " + shown + " goes up: use `downgrade -" + rest.substr(sign + 1) +
                  "`, or `upgrade " + shown + "`");
    }
    if (out.branch >= 0 && starts.empty()) starts = applied_tips(current, out.branch);
    if (starts.size() > 1) {
      graph_error("relative revision " + name + " is ambiguous: several heads are applied (" +
                  join_ids(starts) + "): use label@" + shown + " or REV" + shown);
    }
    int r = walk(starts.empty() ? -1 : starts[0], count, out.branch, name, true);
    if (r >= 0) out.revs = {r};
    return out;
  }
  if (ctx == Context::Upgrade) {
    graph_error("upgrade " + shown + " goes down: use `downgrade " + shown + "`");
  }
  if (current.empty()) {
    graph_error("relative revision " + name + " goes past base (only 0 applied)");
  }
  if (out.branch >= 0 && starts.empty()) starts = applied_tips(current, out.branch);
  if (starts.empty()) {
    graph_error("relative revision " + name + ": no revision on the branch of " + id(out.branch) +
                " is in the version table");
  }
  if (starts.size() > 1) {
    graph_error("relative revision " + name + " is ambiguous: several heads are applied (" +
                join_ids(starts) + "): use label@" + shown + " or REV" + shown);
  }
  int r = walk(starts[0], -count, out.branch, name, true);
  if (r >= 0) out.revs = {r};
  if (out.branch < 0) out.branch = starts[0];  // go down this branch only
  return out;
}

std::vector<int> RevisionGraph::applied_tips(const std::vector<int>& current, int branch) const {
  // The branch may have no row of its own (a revision of another branch that depends on it
  // sits above it): its highest applied revisions stand in.
  std::vector<char> applied = ancestors(current, true);
  std::vector<int> on_branch;
  for (size_t i = 0; i < applied.size(); ++i) {
    if (applied[i]) on_branch.push_back(static_cast<int>(i));
  }
  on_branch = filter_lineage(on_branch, branch);
  std::vector<char> in_set(nodes_.size(), 0);
  for (int r : on_branch) in_set[r] = 1;
  std::vector<int> tips;
  for (int r : on_branch) {
    if (std::none_of(children_[r].begin(), children_[r].end(), [&](int c) { return in_set[c]; })) {
      tips.push_back(r);
    }
  }
  return tips;
}

std::vector<std::string> RevisionGraph::resolve(const std::string& name,
                                                const std::vector<std::string>& current) const {
  Parsed p = parse(name, rows_to_indices(current), Context::Generic);
  std::vector<std::string> out;
  for (int i : p.revs) out.push_back(id(i));
  return out;
}

std::vector<RevisionGraph::Step> RevisionGraph::plan_upgrade(
    const std::vector<std::string>& current, const std::string& target) const {
  const std::vector<int> cur = rows_to_indices(current);
  const std::vector<int> targets = parse(target, cur, Context::Upgrade).revs;
  if (targets.empty()) return {};
  if (targets.size() > 1) {
    for (int t : targets) {
      std::vector<char> below = ancestors({t}, true);
      for (int u : targets) {
        if (u != t && below[u]) {
          graph_error("upgrade targets overlap: " + id(u) + " is an ancestor of " + id(t) +
                      " (through down_revision or depends_on): name only " + id(t));
        }
      }
    }
  }
  const std::vector<char> have = ancestors(cur, true);
  const std::vector<char> want = ancestors(targets, true);
  const size_t n = nodes_.size();
  auto needed = [&](int i) { return want[i] && !have[i]; };

  // Post-order over parents and dependencies: every revision after what it needs; the first
  // parent's line before the second's, so each branch runs in one piece.
  std::vector<int> order;
  std::vector<char> visited(n, 0);
  std::vector<std::pair<int, size_t>> stack;
  for (int t : targets) {
    if (!needed(t) || visited[t]) continue;
    visited[t] = 1;
    stack.emplace_back(t, 0);
    while (!stack.empty()) {
      auto& [v, k] = stack.back();
      if (k < all_down_[v].size()) {
        int p = all_down_[v][k++];
        if (needed(p) && !visited[p]) {
          visited[p] = 1;
          stack.emplace_back(p, 0);
        }
      } else {
        order.push_back(v);
        stack.pop_back();
      }
    }
  }

  std::vector<char> is_row(n, 0);
  for (int r : cur) is_row[r] = 1;
  std::vector<Step> steps;
  steps.reserve(order.size());
  for (int r : order) {
    Step s;
    s.revision = id(r);
    s.upgrade = true;
    for (int p : all_down_[r]) {
      if (is_row[p]) {
        is_row[p] = 0;
        s.delete_rows.push_back(id(p));
      }
    }
    is_row[r] = 1;
    s.insert_rows.push_back(id(r));
    steps.push_back(std::move(s));
  }
  return steps;
}

std::vector<RevisionGraph::Step> RevisionGraph::plan_downgrade(
    const std::vector<std::string>& current, const std::string& target) const {
  const std::vector<int> cur = rows_to_indices(current);
  const Parsed p = parse(target, cur, Context::Downgrade);
  if (p.revs.size() > 1) {
    graph_error("downgrade needs one target revision; '" + target + "' names several (" +
                join_ids(p.revs) + ")");
  }
  const int tgt = p.revs.empty() ? -1 : p.revs[0];
  const size_t n = nodes_.size();

  std::vector<int> roots;
  if (tgt < 0) {
    for (size_t i = 0; i < n; ++i) {
      if (parents_[i].empty()) roots.push_back(static_cast<int>(i));
    }
  } else {
    roots = children_[tgt];
  }
  if (p.branch >= 0 && roots.size() > 1) {
    std::vector<char> line = ancestors({p.branch}, false);
    std::erase_if(roots, [&](int r) { return !line[r]; });
    if (roots.empty()) {
      graph_error("'" + target + "' is not a downgrade target from the current revision(s) " +
                  join_ids(cur));
    }
  }

  std::vector<char> applied = ancestors(cur, true);
  std::vector<char> drop = descendants(roots, true);
  bool any = false;
  for (size_t i = 0; i < n; ++i) {
    drop[i] = drop[i] && applied[i];
    any = any || drop[i];
  }
  if (!any) {
    if (tgt >= 0 && !applied[tgt]) {
      graph_error("cannot downgrade to " + id(tgt) + ": it is not applied (the database is at " +
                  (cur.empty() ? std::string("base") : join_ids(cur)) +
                  "); to move there, use `retort upgrade " + id(tgt) + "`");
    }
    return {};
  }
  // A revision on another line that depends on one being dropped would be dropped too; refuse
  // rather than undo work the caller did not name.
  std::vector<char> own_line = descendants(roots, false);
  for (size_t i = 0; i < n; ++i) {
    if (!drop[i] || own_line[i]) continue;
    for (int d : all_down_[i]) {
      if (drop[d]) {
        graph_error("cannot downgrade " + id(d) + ": the applied revision " +
                    describe(static_cast<int>(i)) +
                    " depends on it; downgrade that revision's branch first");
      }
    }
  }

  // Post-order over children (and dependents): every revision before what it builds on.
  std::vector<int> order;
  std::vector<char> visited(n, 0);
  std::vector<std::pair<int, size_t>> stack;
  for (int r : roots) {
    if (!drop[r] || visited[r]) continue;
    visited[r] = 1;
    stack.emplace_back(r, 0);
    while (!stack.empty()) {
      auto& [v, k] = stack.back();
      if (k < all_children_[v].size()) {
        int c = all_children_[v][k++];
        if (drop[c] && !visited[c]) {
          visited[c] = 1;
          stack.emplace_back(c, 0);
        }
      } else {
        order.push_back(v);
        stack.pop_back();
      }
    }
  }

  std::vector<char> is_row(n, 0);
  for (int r : cur) is_row[r] = 1;
  std::vector<Step> steps;
  steps.reserve(order.size());
  for (int r : order) {
    Step s;
    s.revision = id(r);
    s.upgrade = false;
    applied[r] = 0;
    if (is_row[r]) {
      is_row[r] = 0;
      s.delete_rows.push_back(id(r));
    }
    // A parent becomes a row again when nothing applied builds on it any more.
    for (int par : all_down_[r]) {
      if (!applied[par] || is_row[par]) continue;
      bool covered = std::any_of(all_children_[par].begin(), all_children_[par].end(),
                                 [&](int c) { return applied[c]; });
      if (!covered) {
        is_row[par] = 1;
        s.insert_rows.push_back(id(par));
      }
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

std::vector<std::string> RevisionGraph::stamp_rows(const std::vector<std::string>& current,
                                                   const std::string& target, bool purge) const {
  const std::vector<int> cur = purge ? std::vector<int>{} : rows_to_indices(current);
  const Parsed p = parse(target, cur, Context::Generic);
  std::vector<int> rows = cur;
  if (p.revs.empty()) {
    // base: every row goes, or with label@base only the rows on that branch.
    if (p.branch < 0) return {};
    std::vector<int> mine = filter_lineage(rows, p.branch);
    std::erase_if(rows,
                  [&](int r) { return std::find(mine.begin(), mine.end(), r) != mine.end(); });
  }
  for (int t : p.revs) {
    std::vector<char> line = ancestors({t}, true);
    std::vector<char> down = descendants({t}, true);
    std::erase_if(rows, [&](int r) { return line[r] || down[r]; });
    rows.push_back(t);
  }
  std::vector<std::string> out;
  for (int r : rows) out.push_back(id(r));
  return out;
}

std::vector<std::string> RevisionGraph::topological_newest_first() const {
  const size_t n = nodes_.size();
  std::vector<std::string> out;
  out.reserve(n);
  std::vector<char> visited(n, 0);
  std::vector<std::pair<int, size_t>> stack;
  // Post-order from each real base over children and dependents: a revision comes out after
  // everything built on it, and each branch comes out in one piece.
  for (size_t b = 0; b < n; ++b) {
    if (!all_down_[b].empty() || visited[b]) continue;
    visited[b] = 1;
    stack.emplace_back(static_cast<int>(b), 0);
    while (!stack.empty()) {
      auto& [v, k] = stack.back();
      if (k < all_children_[v].size()) {
        int c = all_children_[v][k++];
        if (!visited[c]) {
          visited[c] = 1;
          stack.emplace_back(c, 0);
        }
      } else {
        out.push_back(nodes_[v].id);
        stack.pop_back();
      }
    }
  }
  return out;
}

std::vector<std::string> RevisionGraph::range(const std::string& lower, const std::string& upper,
                                              const std::vector<std::string>& current) const {
  const std::vector<int> cur = rows_to_indices(current);
  const std::vector<int> ups = parse(upper.empty() ? "heads" : upper, cur, Context::Generic).revs;
  const std::vector<int> lows =
      lower.empty() ? std::vector<int>{} : parse(lower, cur, Context::Generic).revs;
  std::vector<char> keep = ancestors(ups, true);
  if (!lows.empty()) {
    for (int l : lows) {
      if (!keep[l]) {
        graph_error("revision " + id(l) + " is not below " + (upper.empty() ? "the heads" : upper) +
                    ": in a range A:B, A must be an ancestor of B");
      }
    }
    std::vector<char> below = ancestors(lows, true);
    std::vector<char> above = descendants(lows, false);
    for (int l : lows) below[l] = 0;
    for (size_t i = 0; i < keep.size(); ++i) keep[i] = keep[i] && !below[i] && above[i];
  }
  std::vector<std::string> out;
  for (const std::string& rid : topological_newest_first()) {
    if (keep[by_id_.at(rid)]) out.push_back(rid);
  }
  return out;
}

}  // namespace retort
