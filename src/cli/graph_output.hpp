// Drawings of the revision graph: `history --graph` (text lanes, as `git log --graph` draws
// them) and `graph --dot` (Graphviz).
//
// Pure functions from rows to text, so the exact output is unit-tested on fixtures
// (tests/cli/graph_output_test.cpp) and documented in docs/commands.md. Both are iterative and
// linear in the number of rows times the number of open lanes: 10,000 revisions draw without
// recursion or a deep stack.
#pragma once

#include <string>
#include <vector>

namespace retort::cli {

// One revision to draw. Rows come newest first, every revision before its parents (the order
// history() returns). Parents that are not among the rows (outside a -r range) are not drawn.
struct GraphRow {
  std::string id;
  std::vector<std::string> parents;  // down_revisions
  std::string text;                  // printed after the lanes on the revision's line
};

// The `git log --graph` drawing, one string per output line (no trailing newline):
//   "*" a revision, "|" a lane going on, "\" a lane opening to the right (the extra parents of
//   a merge), "/" a lane closing to the left (children of a branch point meeting again), "_"
//   a lane crossing others on its way left. Lane k sits at column 2k. A new head opens a lane
//   at the right; after each revision its lane carries its first parent, and duplicate lanes
//   (two children waiting for the same parent) close at once, one per line.
std::vector<std::string> draw_ascii_graph(const std::vector<GraphRow>& rows);

// What `graph --dot` marks on a revision.
struct DotNode {
  std::string id;
  std::vector<std::string> parents;     // edges child -> parent, solid
  std::vector<std::string> depends_on;  // resolved ids, dashed edges
  std::string label;                    // second line of the box (message, labels)
  bool head = false;                    // doubleoctagon, bold
  bool current = false;                 // filled: in the database's version table
};

// A Graphviz digraph. Edges go child -> parent (as git's arrows do), so `dot -Tsvg` draws heads
// at the top and bases at the bottom; dependencies are dashed edges. Heads are doubleoctagons in
// bold, current revisions filled. Quotes and backslashes in ids and labels are escaped.
std::string dot_graph(const std::vector<DotNode>& nodes);

}  // namespace retort::cli
