// Which applied revisions' scripts changed since they ran: the checksums the history table
// recorded against the scripts as they are now (docs/design/version-table.md, "Checksums").
// No I/O: the caller hands in the graph, the version rows, the history and how to hash a script.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "retort/migrator.hpp"
#include "script/revision_graph.hpp"

namespace retort {

// For each revision, the checksum it was last applied or accepted with: the newest history row
// that is a successful upgrade, or a repair that accepted an edit. `history`: newest first.
std::map<std::string, std::string> recorded_checksums(const std::vector<HistoryEntry>& history);

// The applied set (the version rows and everything below them in the graph, dependencies
// included) compared with `recorded`. A version row the graph lacks is a missing script.
// `squashed` (optional): the checksum of the file a revision replaced under its own id
// (`retort squash`, RevisionInfo::squashed_checksum), also accepted as unchanged; "" for none.
VerifyReport compare_applied(const RevisionGraph& graph, const std::vector<std::string>& rows,
                             const std::map<std::string, std::string>& recorded,
                             const std::function<std::string(const std::string&)>& checksum,
                             const std::function<std::string(const std::string&)>& path,
                             const std::function<std::string(const std::string&)>& squashed = {});

// The applied set itself, newest first (graph order).
std::vector<std::string> applied_revisions(const RevisionGraph& graph,
                                           const std::vector<std::string>& rows);

}  // namespace retort
