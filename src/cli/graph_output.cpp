// The lane drawing follows git's graph.c in spirit (one lane per open line of descent, "|/"
// where two meet, "|\" where a merge opens one) but is simpler: every change of lanes gets a
// line of its own, so the output is easy to read and to test exactly.
#include "cli/graph_output.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace retort::cli {
namespace {

// A line of `lanes` lanes with every lane drawn as '|', as wide as lane count `width` needs.
std::string lane_line(size_t lanes, size_t width) {
  std::string line(width == 0 ? 0 : 2 * width - 1, ' ');
  for (size_t k = 0; k < lanes; ++k) line[2 * k] = '|';
  return line;
}

std::string trim_right(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string escape_dot(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> draw_ascii_graph(const std::vector<GraphRow>& rows) {
  std::unordered_set<std::string> shown;
  shown.reserve(rows.size());
  for (const auto& r : rows) shown.insert(r.id);

  std::vector<std::string> out;
  std::vector<std::string> lanes;  // the revision each open lane waits for
  for (const auto& row : rows) {
    auto found = std::find(lanes.begin(), lanes.end(), row.id);
    size_t col = static_cast<size_t>(found - lanes.begin());
    if (found == lanes.end()) lanes.push_back(row.id);  // a head (or the top of a range)

    std::vector<std::string> parents;
    for (const auto& p : row.parents) {
      if (shown.count(p) > 0 && std::find(parents.begin(), parents.end(), p) == parents.end()) {
        parents.push_back(p);
      }
    }

    // The revision's own line, padded to the width its parents will need so the text of a merge
    // lines up with the lanes it opens (git's "*   merge").
    size_t after = lanes.size() - 1 + parents.size();
    std::string line = lane_line(lanes.size(), std::max(lanes.size(), after));
    line[2 * col] = '*';
    out.push_back(line + " " + row.text);

    if (parents.empty()) {
      // A base: its lane ends; lanes to its right move one step left.
      if (col + 1 < lanes.size()) {
        std::string shift = lane_line(col, lanes.size());
        for (size_t k = col + 1; k < lanes.size(); ++k) shift[2 * k - 1] = '/';
        out.push_back(trim_right(shift));
      }
      lanes.erase(lanes.begin() + static_cast<long>(col));
    } else {
      lanes[col] = parents[0];
      // Each further parent of a merge opens a lane right of the previous one; the lanes
      // beyond it move one step right.
      for (size_t e = 1; e < parents.size(); ++e) {
        size_t split = col + e - 1;
        std::string open = lane_line(split + 1, lanes.size() + 1);
        for (size_t k = split; k < lanes.size(); ++k) open[2 * k + 1] = '\\';
        out.push_back(trim_right(open));
        lanes.insert(lanes.begin() + static_cast<long>(split + 1), parents[e]);
      }
    }

    // Lanes waiting for the same revision meet: the rightmost duplicate closes into the first
    // lane with that revision, crossing the lanes between with '_'; lanes beyond shift left.
    // Only the parents just placed can be duplicated (lanes were distinct before), so only
    // they are looked for: a graph with thousands of open heads stays linear per line.
    for (;;) {
      size_t i = 0, j = 0;
      for (const auto& p : parents) {
        size_t first = lanes.size(), second = 0;
        for (size_t k = 0; k < lanes.size(); ++k) {
          if (lanes[k] != p) continue;
          if (first == lanes.size()) {
            first = k;
          } else {
            second = k;
            break;
          }
        }
        if (second != 0 && (j == 0 || second < j)) {
          i = first;
          j = second;
        }
      }
      if (j == 0) break;
      std::string close = lane_line(lanes.size(), lanes.size());
      for (size_t k = j; k < lanes.size(); ++k) close[2 * k] = ' ';
      for (size_t c = 2 * i + 1; c + 1 < 2 * j - 1; c += 2) close[c] = '_';
      for (size_t k = j; k < lanes.size(); ++k) close[2 * k - 1] = '/';
      out.push_back(trim_right(close));
      lanes.erase(lanes.begin() + static_cast<long>(j));
    }
  }
  return out;
}

std::string dot_graph(const std::vector<DotNode>& nodes) {
  std::string out =
      "digraph revisions {\n"
      "  node [shape=box, fontname=\"monospace\"];\n";
  std::unordered_set<std::string> known;
  for (const auto& n : nodes) known.insert(n.id);
  for (const auto& n : nodes) {
    std::string label = n.id;
    if (!n.label.empty()) label += "\n" + n.label;
    out += "  \"" + escape_dot(n.id) + "\" [label=\"" + escape_dot(label) + "\"";
    if (n.head) out += ", shape=doubleoctagon";
    if (n.head && n.current) {
      out += ", style=\"bold,filled\", fillcolor=palegreen";
    } else if (n.head) {
      out += ", style=bold";
    } else if (n.current) {
      out += ", style=filled, fillcolor=palegreen";
    }
    out += "];\n";
  }
  for (const auto& n : nodes) {
    for (const auto& p : n.parents) {
      if (known.count(p) == 0) continue;
      out += "  \"" + escape_dot(n.id) + "\" -> \"" + escape_dot(p) + "\";\n";
    }
    for (const auto& d : n.depends_on) {
      if (known.count(d) == 0) continue;
      out += "  \"" + escape_dot(n.id) + "\" -> \"" + escape_dot(d) +
             "\" [style=dashed, label=\"depends on\"];\n";
    }
  }
  out += "}\n";
  return out;
}

}  // namespace retort::cli
