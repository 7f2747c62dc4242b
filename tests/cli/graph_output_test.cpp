// The exact text of `history --graph` and `graph --dot` on small fixtures: forks, merges of two
// and three branches, several bases, ranges that cut parents off.
#include "cli/graph_output.hpp"

#include <gtest/gtest.h>

namespace retort::cli {
namespace {

std::string draw(const std::vector<GraphRow>& rows) {
  std::string out;
  for (const auto& line : draw_ascii_graph(rows)) out += line + "\n";
  return out;
}

GraphRow row(std::string id, std::vector<std::string> parents) {
  return GraphRow{id, std::move(parents), id};
}

TEST(AsciiGraph, Linear) {
  EXPECT_EQ(draw({row("c", {"b"}), row("b", {"a"}), row("a", {})}), "* c\n* b\n* a\n");
}

TEST(AsciiGraph, ForkTwoHeads) {
  EXPECT_EQ(draw({row("b2", {"a"}), row("b1", {"a"}), row("a", {})}),
            "* b2\n"
            "| * b1\n"
            "|/\n"
            "* a\n");
}

TEST(AsciiGraph, ForkWithLongerBranches) {
  EXPECT_EQ(draw({row("c2", {"c1"}), row("c1", {"a"}), row("d2", {"d1"}), row("d1", {"a"}),
                  row("a", {})}),
            "* c2\n"
            "* c1\n"
            "| * d2\n"
            "| * d1\n"
            "|/\n"
            "* a\n");
}

TEST(AsciiGraph, MergeOfTwo) {
  EXPECT_EQ(draw({row("m", {"b1", "b2"}), row("b1", {"a"}), row("b2", {"a"}), row("a", {})}),
            "*   m\n"
            "|\\\n"
            "* | b1\n"
            "| * b2\n"
            "|/\n"
            "* a\n");
}

TEST(AsciiGraph, MergeOfThree) {
  EXPECT_EQ(draw({row("m", {"x", "y", "z"}), row("x", {"a"}), row("y", {"a"}), row("z", {"a"}),
                  row("a", {})}),
            "*     m\n"
            "|\\\n"
            "| |\\\n"
            "* | | x\n"
            "| * | y\n"
            "|/ /\n"
            "| * z\n"
            "|/\n"
            "* a\n");
}

TEST(AsciiGraph, MergeBesideAnotherHead) {
  // h is an open head to the left while m merges: m's new lane pushes nothing, h's lane stays.
  EXPECT_EQ(draw({row("h", {"a"}), row("m", {"b1", "b2"}), row("b1", {"a"}), row("b2", {"a"}),
                  row("a", {})}),
            "* h\n"
            "| *   m\n"
            "| |\\\n"
            "| * | b1\n"
            "|/ /\n"
            "| * b2\n"
            "|/\n"
            "* a\n");
}

TEST(AsciiGraph, LaneClosingAcrossAnother) {
  // x waits in lane 0 for a while lane 1 waits for b: the lane of c closes across it.
  EXPECT_EQ(
      draw({row("x", {"a"}), row("y", {"b"}), row("c", {"a"}), row("b", {"a"}), row("a", {})}),
      "* x\n"
      "| * y\n"
      "| | * c\n"
      "|_|/\n"
      "| * b\n"
      "|/\n"
      "* a\n");
}

TEST(AsciiGraph, TwoBasesMergedAndBaseInTheMiddle) {
  EXPECT_EQ(draw({row("m", {"a", "b"}), row("a", {}), row("b", {})}),
            "*   m\n"
            "|\\\n"
            "* | a\n"
            " /\n"
            "* b\n");
}

TEST(AsciiGraph, ParentsOutsideTheRowsAreNotDrawn) {
  EXPECT_EQ(draw({row("c", {"b"}), row("b", {"a"})}), "* c\n* b\n");
}

TEST(AsciiGraph, LongChainIsIterative) {
  std::vector<GraphRow> rows;
  const int n = 20000;
  for (int i = n - 1; i >= 0; --i) {
    rows.push_back(row("r" + std::to_string(i),
                       i == 0 ? std::vector<std::string>{}
                              : std::vector<std::string>{"r" + std::to_string(i - 1)}));
  }
  auto lines = draw_ascii_graph(rows);
  ASSERT_EQ(lines.size(), static_cast<size_t>(n));
  EXPECT_EQ(lines.back(), "* r0");
}

TEST(AsciiGraph, ManyOpenLanes) {
  // 1,000 heads, each on its own parent, all drawn before any parent: 1,000 open lanes.
  std::vector<GraphRow> rows;
  const int n = 1000;
  for (int i = 0; i < n; ++i)
    rows.push_back(row("h" + std::to_string(i), {"p" + std::to_string(i)}));
  for (int i = 0; i < n; ++i) rows.push_back(row("p" + std::to_string(i), {"a"}));
  rows.push_back(row("a", {}));
  auto lines = draw_ascii_graph(rows);
  EXPECT_EQ(lines[0], "* h0");
  EXPECT_EQ(lines[1], "| * h1");
  EXPECT_EQ(lines[2], "| | * h2");
  EXPECT_EQ(lines[n].substr(0, 8), "* | | | ");    // p0
  EXPECT_EQ(lines[n + 1].substr(0, 6), "| * | ");  // p1
  EXPECT_EQ(lines[n + 2].substr(0, 6), "|/ / /");  // p1's lane meets p0's
  EXPECT_EQ(lines.back(), "* a");
  EXPECT_EQ(lines.size(), static_cast<size_t>(3 * n));  // n heads, n parents, n-1 meetings, a
}

TEST(DotGraph, HeadsCurrentAndDependencies) {
  std::vector<DotNode> nodes;
  nodes.push_back(DotNode{"b", {"a"}, {"c"}, "add \"x\"", true, false});
  nodes.push_back(DotNode{"c", {}, {}, "", true, true});
  nodes.push_back(DotNode{"a", {}, {}, "base", false, true});
  EXPECT_EQ(dot_graph(nodes),
            "digraph revisions {\n"
            "  node [shape=box, fontname=\"monospace\"];\n"
            "  \"b\" [label=\"b\\nadd \\\"x\\\"\", shape=doubleoctagon, style=bold];\n"
            "  \"c\" [label=\"c\", shape=doubleoctagon, style=\"bold,filled\", "
            "fillcolor=palegreen];\n"
            "  \"a\" [label=\"a\\nbase\", style=filled, fillcolor=palegreen];\n"
            "  \"b\" -> \"a\";\n"
            "  \"b\" -> \"c\" [style=dashed, label=\"depends on\"];\n"
            "}\n");
}

}  // namespace
}  // namespace retort::cli
