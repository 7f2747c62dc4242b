#include "runtime/applied_checksums.hpp"

#include <set>

namespace retort {

std::map<std::string, std::string> recorded_checksums(const std::vector<HistoryEntry>& history) {
  std::map<std::string, std::string> out;
  for (const auto& row : history) {
    if (row.checksum.empty() || out.count(row.revision)) continue;
    const bool applied = row.direction == "upgrade" && row.success.value_or(false);
    const bool accepted = row.direction == "repair" && row.success.value_or(false);
    if (applied || accepted) out.emplace(row.revision, row.checksum);
  }
  return out;
}

std::vector<std::string> applied_revisions(const RevisionGraph& graph,
                                           const std::vector<std::string>& rows) {
  std::set<std::string> seen;
  std::vector<std::string> stack;
  for (const auto& r : rows)
    if (graph.find(r)) stack.push_back(r);
  while (!stack.empty()) {
    std::string id = stack.back();
    stack.pop_back();
    if (!seen.insert(id).second) continue;
    const RevisionNode* node = graph.find(id);
    if (!node) continue;
    for (const auto& d : node->down_revisions) stack.push_back(d);
    for (const auto& d : graph.dependencies(id)) stack.push_back(d);
  }
  std::vector<std::string> out;
  for (const auto& id : graph.topological_newest_first())
    if (seen.count(id)) out.push_back(id);
  return out;
}

VerifyReport compare_applied(const RevisionGraph& graph, const std::vector<std::string>& rows,
                             const std::map<std::string, std::string>& recorded,
                             const std::function<std::string(const std::string&)>& checksum,
                             const std::function<std::string(const std::string&)>& path,
                             const std::function<std::string(const std::string&)>& squashed) {
  VerifyReport report;
  for (const auto& r : rows) {
    if (graph.find(r)) continue;
    auto it = recorded.find(r);
    report.changed.push_back({r, it == recorded.end() ? std::string() : it->second, "", ""});
  }
  for (const auto& id : applied_revisions(graph, rows)) {
    auto it = recorded.find(id);
    if (it == recorded.end()) {
      ++report.unrecorded;
      continue;
    }
    ++report.checked;
    // A database that ran the file a squash replaced continues unchanged (docs/commands.md).
    if (squashed && it->second == squashed(id)) continue;
    std::string now = checksum(id);
    if (now != it->second) report.changed.push_back({id, it->second, now, path(id)});
  }
  return report;
}

}  // namespace retort
