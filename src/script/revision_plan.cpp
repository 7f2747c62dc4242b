// RevisionGraph: upgrade/downgrade plans with their version-table rows, stamps and ranges.
#include <algorithm>
#include <utility>

#include "retort/error.hpp"
#include "script/revision_graph.hpp"

namespace retort {
namespace {

[[noreturn]] void graph_error(const std::string& msg) { throw Error(ErrorKind::Graph, msg); }

// Post-order over `edges` from `starts` through the nodes `keep` accepts: every node after
// those its edges lead to, and an edge's whole line before the next edge's, so each branch
// runs in one piece. Iterative: a chain of thousands of revisions would overflow a recursion.
template <class Edges, class Keep>
std::vector<int> post_order(const std::vector<int>& starts, const Edges& edges, size_t n,
                            Keep keep) {
  std::vector<int> order;
  std::vector<char> visited(n, 0);
  std::vector<std::pair<int, size_t>> stack;
  for (int s : starts) {
    if (!keep(s) || visited[s]) continue;
    visited[s] = 1;
    stack.emplace_back(s, 0);
    while (!stack.empty()) {
      auto& [v, k] = stack.back();
      if (k < edges[v].size()) {
        int next = edges[v][k++];
        if (keep(next) && !visited[next]) {
          visited[next] = 1;
          stack.emplace_back(next, 0);
        }
      } else {
        order.push_back(v);
        stack.pop_back();
      }
    }
  }
  return order;
}

}  // namespace

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

  // Every revision after what it needs; the first parent's line before the second's.
  const std::vector<int> order = post_order(targets, all_down_, n, needed);

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
    roots.assign(children_[tgt].begin(), children_[tgt].end());
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

  // Over children (and dependents): every revision before what it builds on.
  const std::vector<int> order =
      post_order(roots, all_children_, n, [&](int r) { return drop[r]; });

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
  for (int i : alembic_order(std::move(keep), ups)) out.push_back(id(i));
  return out;
}

}  // namespace retort
