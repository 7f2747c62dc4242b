// RevisionGraph: resolving names (ids, prefixes, labels, head/heads/base, relative walks).
#include <algorithm>

#include "retort/error.hpp"
#include "script/revision_graph.hpp"

namespace retort {
namespace {

[[noreturn]] void graph_error(const std::string& msg) { throw Error(ErrorKind::Graph, msg); }

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int RevisionGraph::lookup(const std::string& name) const {
  if (auto it = by_id_.find(name); it != by_id_.end()) return it->second;
  if (auto it = by_label_.find(name); it != by_label_.end()) return it->second;
  auto lo = std::lower_bound(ids_sorted().begin(), ids_sorted().end(), name,
                             [this](int i, const std::string& s) { return nodes_[i].id < s; });
  std::vector<int> matches;
  for (auto it = lo; it != ids_sorted().end() && nodes_[*it].id.compare(0, name.size(), name) == 0;
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
        next.assign(children_[cur].begin(), children_[cur].end());
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
  // An id, a prefix of one or a label wins over the relative syntax (ids may contain '-').
  auto prefix_of_id = [&]() {
    auto it = std::lower_bound(ids_sorted().begin(), ids_sorted().end(), rest,
                               [this](int i, const std::string& s) { return nodes_[i].id < s; });
    return !rest.empty() && it != ids_sorted().end() &&
           nodes_[*it].id.compare(0, rest.size(), rest) == 0;
  };
  if (by_id_.count(rest) || by_label_.count(rest) || prefix_of_id()) {
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
    // Alembic 1.8 takes one head down (the first row of its version table) and warns that this
    // "will be disallowed in a future release"; retort refuses and says what to type instead.
    std::string choices;
    for (size_t i = 0; i < starts.size(); ++i)
      choices += (i == 0                   ? ""
                  : i + 1 == starts.size() ? " or "
                                           : ", ") +
                 id(starts[i]) + "@" + shown;
    graph_error("relative revision " + name + " is ambiguous: several heads are applied (" +
                join_ids(starts) + "): take one down with " + choices +
                " (a branch label works too: label@" + shown + ")");
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

}  // namespace retort
