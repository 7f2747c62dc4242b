// RevisionGraph from in-memory lists: shapes, name resolution, plans (row by row), validation.
#include "script/revision_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "retort/error.hpp"

namespace retort {
namespace {

using Ids = std::vector<std::string>;
using Step = RevisionGraph::Step;

RevisionNode N(std::string id, Ids down = {}, Ids deps = {}, Ids labels = {}) {
  RevisionNode n;
  n.id = std::move(id);
  n.down_revisions = std::move(down);
  n.depends_on = std::move(deps);
  n.branch_labels = std::move(labels);
  n.source = "versions/" + n.id + ".lua";
  return n;
}

// "rev:+del1,del2/ins1" style rendering of a plan, for compact expectations.
std::vector<std::string> render(const std::vector<Step>& steps) {
  std::vector<std::string> out;
  for (const Step& s : steps) {
    std::string line = (s.upgrade ? "up " : "down ") + s.revision + " -";
    for (const auto& d : s.delete_rows) line += " " + d;
    line += " +";
    for (const auto& i : s.insert_rows) line += " " + i;
    out.push_back(line);
  }
  return out;
}

// The rows after applying a plan to `rows`, as the runtime would.
Ids apply(Ids rows, const std::vector<Step>& steps) {
  for (const Step& s : steps) {
    for (const auto& d : s.delete_rows) std::erase(rows, d);
    for (const auto& i : s.insert_rows) rows.push_back(i);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Graph) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error thrown";
  return "";
}

#define EXPECT_GRAPH_ERROR(stmt, needle) \
  EXPECT_NE(error_of([&] { stmt; }).find(needle), std::string::npos) << error_of([&] { stmt; })

// --- shapes -------------------------------------------------------------------------------

TEST(RevisionGraphShape, Linear) {
  RevisionGraph g({N("a"), N("b", {"a"}), N("c", {"b"})});
  EXPECT_EQ(g.heads(), Ids{"c"});
  EXPECT_EQ(g.bases(), Ids{"a"});
  EXPECT_TRUE(g.branch_points().empty());
  EXPECT_EQ(g.topological_newest_first(), (Ids{"c", "b", "a"}));
  ASSERT_NE(g.find("b"), nullptr);
  EXPECT_EQ(g.find("b")->down_revisions, Ids{"a"});
  EXPECT_EQ(g.find("zz"), nullptr);
}

TEST(RevisionGraphShape, ForkAndMerge) {
  //      a
  //    / | \          m merges b1, b2, b3
  //  b1 b2 b3
  //    \ | /
  //      m
  RevisionGraph g(
      {N("a"), N("b1", {"a"}), N("b2", {"a"}), N("b3", {"a"}), N("m", {"b1", "b2", "b3"})});
  EXPECT_EQ(g.heads(), Ids{"m"});
  EXPECT_EQ(g.branch_points(), Ids{"a"});
  Ids topo = g.topological_newest_first();
  EXPECT_EQ(topo.front(), "m");
  EXPECT_EQ(topo.back(), "a");
  EXPECT_EQ(topo.size(), 5u);
}

TEST(RevisionGraphShape, TopologicalOrderKeepsBranchesTogether) {
  RevisionGraph g({N("a"), N("x1", {"a"}), N("y1", {"a"}), N("x2", {"x1"}), N("y2", {"y1"})});
  EXPECT_EQ(g.heads(), (Ids{"x2", "y2"}));
  EXPECT_EQ(g.topological_newest_first(), (Ids{"x2", "x1", "y2", "y1", "a"}));
}

// `retort history` lists revisions in `alembic history`'s order (RevisionMap's topological
// sort); the expectations below are what Alembic 1.8 prints for the same graphs.
TEST(RevisionGraphShape, OrderIsAlembicsWithMerges) {
  // a -> b1 -> c1 -> m -> n, a -> b2 -> m
  RevisionGraph merged({N("a"), N("b1", {"a"}), N("c1", {"b1"}), N("b2", {"a"}),
                        N("m", {"c1", "b2"}), N("n", {"m"})});
  EXPECT_EQ(merged.topological_newest_first(), (Ids{"n", "m", "c1", "b1", "b2", "a"}));
  // The merge lists its parents in its own order.
  RevisionGraph swapped({N("a"), N("x", {"a"}), N("y", {"a"}), N("m", {"y", "x"})});
  EXPECT_EQ(swapped.topological_newest_first(), (Ids{"m", "y", "x", "a"}));
  // Two heads: the one first in file order starts, and gives way where the other builds on the
  // revision reached.
  RevisionGraph heads({N("a"), N("b", {"a"}), N("c", {"b"}), N("d", {"a"}), N("e", {"c"})});
  EXPECT_EQ(heads.topological_newest_first(), (Ids{"d", "e", "c", "b", "a"}));
  RevisionGraph both(
      {N("a"), N("b", {"a"}), N("c", {"b"}), N("d", {"b"}), N("m", {"c", "d"}), N("z", {"a"})});
  EXPECT_EQ(both.topological_newest_first(), (Ids{"m", "c", "d", "z", "b", "a"}));
  // depends_on orders like a parent.
  RevisionGraph deps({N("a"), N("b", {"a"}), N("x"), N("y", {"x"}, {"b"}), N("c", {"b"})});
  EXPECT_EQ(deps.topological_newest_first(), (Ids{"y", "x", "c", "b", "a"}));
  RevisionGraph base_deps({N("c"), N("a"), N("b", {"a"}), N("x", {}, {"b"})});
  EXPECT_EQ(base_deps.topological_newest_first(), (Ids{"c", "x", "b", "a"}));
}

TEST(RevisionGraphShape, SeveralBases) {
  RevisionGraph g({N("a"), N("b", {"a"}), N("c"), N("d", {"c"})});
  EXPECT_EQ(g.bases(), (Ids{"a", "c"}));
  EXPECT_EQ(g.heads(), (Ids{"b", "d"}));
  EXPECT_EQ(render(g.plan_upgrade({}, "heads")),
            (std::vector<std::string>{"up a - + a", "up b - a + b", "up c - + c", "up d - c + d"}));
  EXPECT_EQ(apply({"b", "d"}, g.plan_downgrade({"b", "d"}, "base")), Ids{});
  EXPECT_EQ(render(g.plan_upgrade({"b"}, "d")),
            (std::vector<std::string>{"up c - + c", "up d - c + d"}));
}

// --- plans --------------------------------------------------------------------------------

TEST(RevisionGraphPlan, LinearUpAndDown) {
  RevisionGraph g({N("a"), N("b", {"a"}), N("c", {"b"})});
  EXPECT_EQ(render(g.plan_upgrade({}, "head")),
            (std::vector<std::string>{"up a - + a", "up b - a + b", "up c - b + c"}));
  EXPECT_EQ(render(g.plan_upgrade({"a"}, "head")),
            (std::vector<std::string>{"up b - a + b", "up c - b + c"}));
  EXPECT_TRUE(g.plan_upgrade({"c"}, "head").empty());
  EXPECT_TRUE(g.plan_upgrade({"c"}, "a").empty());  // below current: nothing to apply
  EXPECT_EQ(render(g.plan_upgrade({}, "+2")),
            (std::vector<std::string>{"up a - + a", "up b - a + b"}));
  EXPECT_EQ(render(g.plan_downgrade({"c"}, "base")),
            (std::vector<std::string>{"down c - c + b", "down b - b + a", "down a - a +"}));
  EXPECT_EQ(render(g.plan_downgrade({"c"}, "-1")), (std::vector<std::string>{"down c - c + b"}));
  EXPECT_EQ(render(g.plan_downgrade({"c"}, "a")),
            (std::vector<std::string>{"down c - c + b", "down b - b + a"}));
  EXPECT_TRUE(g.plan_downgrade({"c"}, "c").empty());
  EXPECT_TRUE(g.plan_downgrade({}, "base").empty());
}

TEST(RevisionGraphPlan, RelativeErrors) {
  RevisionGraph g({N("a"), N("b", {"a"}), N("c", {"b"})});
  EXPECT_EQ(g.plan_downgrade({"c"}, "-3").size(), 3u);
  EXPECT_EQ(error_of([&] { g.plan_downgrade({"c"}, "-5"); }),
            "relative revision -5 goes past base (only 3 applied)");
  EXPECT_GRAPH_ERROR(g.plan_upgrade({"b"}, "+2"), "goes past head (only 1 more)");
  EXPECT_GRAPH_ERROR(g.plan_upgrade({"b"}, "-1"), "downgrade -1");
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"b"}, "+1"), "goes up");
  EXPECT_GRAPH_ERROR(g.plan_downgrade({}, "-1"), "goes past base");
}

TEST(RevisionGraphPlan, UnknownTargetAndUnknownRow) {
  RevisionGraph g({N("a"), N("b", {"a"})}, "migrations/versions");
  EXPECT_GRAPH_ERROR(g.plan_upgrade({}, "xyz"), "unknown revision 'xyz'");
  std::string msg = error_of([&] { g.plan_upgrade({"abc"}, "head"); });
  EXPECT_NE(msg.find("the database is at revision abc, which no script in migrations/versions "
                     "defines:"),
            std::string::npos)
      << msg;
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"abc"}, "base"), "revision abc");
}

TEST(RevisionGraphPlan, RowSquashedAway) {
  // `retort squash a:c` left c, which replaced a and b.
  RevisionNode c = N("c");
  c.squashes = {"a", "b"};
  RevisionGraph g({c, N("d", {"c"})}, "migrations/versions");
  EXPECT_EQ(error_of([&] { g.plan_upgrade({"b"}, "head"); }),
            "the database is at revision b, which was squashed into c (versions/c.lua): upgrade "
            "it to c with the old revision files first (from version control), then use these");
  EXPECT_EQ(g.plan_upgrade({"c"}, "head").size(), 1u);
}

TEST(RevisionGraphPlan, ForkRowsAndBranchDowngrades) {
  // a -> b -> d, a -> c
  RevisionGraph g({N("a"), N("b", {"a"}), N("c", {"a"}), N("d", {"b"})});
  EXPECT_EQ(g.heads(), (Ids{"c", "d"}));
  EXPECT_EQ(error_of([&] { g.plan_upgrade({}, "head"); }),
            "multiple heads (c, d): upgrade to `heads`, or `retort merge heads`");
  // First child replaces the parent row; the second child of a replaced parent inserts one.
  EXPECT_EQ(render(g.plan_upgrade({}, "heads")),
            (std::vector<std::string>{"up a - + a", "up c - a + c", "up b - + b", "up d - b + d"}));
  EXPECT_EQ(render(g.plan_upgrade({"c"}, "d")),
            (std::vector<std::string>{"up b - + b", "up d - b + d"}));
  // Downgrading to b removes b's descendants only, not the other branch.
  EXPECT_EQ(render(g.plan_downgrade({"c", "d"}, "b")),
            (std::vector<std::string>{"down d - d + b"}));
  // Down to the branch point: both branches go, and a becomes the row again at the end.
  EXPECT_EQ(render(g.plan_downgrade({"c", "d"}, "a")),
            (std::vector<std::string>{"down d - d + b", "down b - b +", "down c - c + a"}));
  EXPECT_EQ(apply({"c", "d"}, g.plan_downgrade({"c", "d"}, "base")), Ids{});
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"c", "d"}, "-1"),
                     "several heads are applied (c, d): take one down with c@-1 or d@-1");
  EXPECT_EQ(render(g.plan_downgrade({"c", "d"}, "d-1")),
            (std::vector<std::string>{"down d - d + b"}));
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"b"}, "c"), "cannot downgrade to c: it is not applied");
}

TEST(RevisionGraphPlan, MergeOfThreeBranches) {
  RevisionGraph g(
      {N("a"), N("b1", {"a"}), N("b2", {"a"}), N("b3", {"a"}), N("m", {"b1", "b2", "b3"})});
  EXPECT_EQ(render(g.plan_upgrade({}, "head")),
            (std::vector<std::string>{"up a - + a", "up b1 - a + b1", "up b2 - + b2",
                                      "up b3 - + b3", "up m - b1 b2 b3 + m"}));
  // From a partial state: only b1 applied.
  EXPECT_EQ(render(g.plan_upgrade({"b1"}, "m")),
            (std::vector<std::string>{"up b2 - + b2", "up b3 - + b3", "up m - b1 b2 b3 + m"}));
  // Unmerge: downgrading to one parent removes m and puts all three parents back.
  EXPECT_EQ(render(g.plan_downgrade({"m"}, "b1")),
            (std::vector<std::string>{"down m - m + b1 b2 b3"}));
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"m"}, "-1"), "is a merge of b1, b2, b3");
  EXPECT_EQ(apply({"b1", "b2", "b3"}, g.plan_downgrade({"b1", "b2", "b3"}, "a")), Ids{"a"});
  EXPECT_EQ(apply({"m"}, g.plan_downgrade({"m"}, "base")), Ids{});
}

TEST(RevisionGraphPlan, DependsOnAcrossBranches) {
  // Branch x: x1 -> x2. Branch y: y1 -> y2, and y2 depends_on x2.
  RevisionGraph g(
      {N("x1", {}, {}, {"x"}), N("x2", {"x1"}), N("y1", {}, {}, {"y"}), N("y2", {"y1"}, {"x2"})});
  EXPECT_EQ(g.heads(), (Ids{"x2", "y2"}));   // x2 is still the head of its branch
  EXPECT_EQ(g.resolve("heads"), Ids{"y2"});  // but applying y2 applies x2 too
  EXPECT_EQ(g.dependencies("y2"), Ids{"x2"});
  // The dependency is applied first and holds no row: it is below y2.
  EXPECT_EQ(render(g.plan_upgrade({}, "y@head")),
            (std::vector<std::string>{"up y1 - + y1", "up x1 - + x1", "up x2 - x1 + x2",
                                      "up y2 - y1 x2 + y2"}));
  EXPECT_TRUE(g.plan_upgrade({"y2"}, "x@head").empty());
  EXPECT_TRUE(g.plan_upgrade({"y2"}, "heads").empty());
  // Applying the x branch alone, then y.
  EXPECT_EQ(apply({}, g.plan_upgrade({}, "x@head")), Ids{"x2"});
  EXPECT_EQ(render(g.plan_upgrade({"x2"}, "y2")),
            (std::vector<std::string>{"up y1 - + y1", "up y2 - y1 x2 + y2"}));
  // Undoing y2 leaves both its parent and its dependency as rows.
  EXPECT_EQ(render(g.plan_downgrade({"y2"}, "y@-1")),
            (std::vector<std::string>{"down y2 - y2 + y1 x2"}));
  // Taking x away while y2 (applied) needs x2 is refused, naming y2.
  EXPECT_GRAPH_ERROR(
      g.plan_downgrade({"y2"}, "x@base"),
      "cannot downgrade x2: the applied revision y2 (versions/y2.lua) depends on it");
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"y2"}, "x1"), "the applied revision y2");
  // A branch with no row of its own (y2 sits above x2) is still reached by label@-N.
  EXPECT_EQ(g.resolve("x@-1", {"y2"}), Ids{"x1"});
  EXPECT_GRAPH_ERROR(g.plan_downgrade({"y2"}, "x@-1"), "the applied revision y2");
  // Once y is gone, x goes.
  EXPECT_EQ(apply({"x2"}, g.plan_downgrade({"x2"}, "x@base")), Ids{});
  // depends_on may name a branch label.
  RevisionGraph g2({N("x1", {}, {}, {"x"}), N("y1", {}, {"x"})});
  EXPECT_EQ(g2.dependencies("y1"), Ids{"x1"});
}

TEST(RevisionGraphPlan, OverlappingTargetsAreRefused) {
  // r -> x1, r -> y1; y1 depends on x1: "r@heads" names x1 and y1, one below the other.
  RevisionGraph g({N("r", {}, {}, {"r"}), N("x1", {"r"}), N("y1", {"r"}, {"x1"})});
  EXPECT_EQ(g.resolve("r@heads"), (Ids{"x1", "y1"}));
  EXPECT_GRAPH_ERROR(g.plan_upgrade({}, "r@heads"),
                     "upgrade targets overlap: x1 is an ancestor of y1");
}

TEST(RevisionGraphPlan, LabelledBranches) {
  // Two independent branches with labels, each two long.
  RevisionGraph g(
      {N("a1", {}, {}, {"app"}), N("a2", {"a1"}), N("s1", {}, {}, {"shop"}), N("s2", {"s1"})});
  EXPECT_EQ(render(g.plan_upgrade({}, "shop@head")),
            (std::vector<std::string>{"up s1 - + s1", "up s2 - s1 + s2"}));
  EXPECT_EQ(render(g.plan_upgrade({"s2"}, "app@+1")), (std::vector<std::string>{"up a1 - + a1"}));
  EXPECT_EQ(render(g.plan_downgrade({"a2", "s2"}, "shop@-1")),
            (std::vector<std::string>{"down s2 - s2 + s1"}));
  EXPECT_EQ(render(g.plan_downgrade({"a2", "s2"}, "shop@base")),
            (std::vector<std::string>{"down s2 - s2 + s1", "down s1 - s1 +"}));
  EXPECT_EQ(apply({"a2", "s2"}, g.plan_downgrade({"a2", "s2"}, "base")), Ids{});
}

// --- names --------------------------------------------------------------------------------

TEST(RevisionGraphResolve, EveryNameForm) {
  RevisionGraph g({N("1a2b3c4d5e6f"), N("1a2bffff0000", {"1a2b3c4d5e6f"}),
                   N("77aa00000000", {"1a2bffff0000"}, {}, {"main"}),
                   N("88bb00000000", {"77aa00000000"})});
  const std::string a = "1a2b3c4d5e6f", b = "1a2bffff0000", c = "77aa00000000", d = "88bb00000000";
  EXPECT_EQ(g.resolve(a), Ids{a});
  EXPECT_EQ(g.resolve("1a2b3"), Ids{a});
  EXPECT_EQ(g.resolve("77"), Ids{c});
  EXPECT_GRAPH_ERROR(g.resolve("1a2b"), "revision prefix '1a2b' is ambiguous: " + a + ", " + b);
  EXPECT_GRAPH_ERROR(g.resolve("zz"), "unknown revision 'zz'");
  EXPECT_EQ(g.resolve("head"), Ids{d});
  EXPECT_EQ(g.resolve("heads"), Ids{d});
  EXPECT_EQ(g.resolve("base"), Ids{});
  EXPECT_EQ(g.resolve("main"), Ids{c});
  EXPECT_EQ(g.resolve("main@head"), Ids{d});
  EXPECT_EQ(g.resolve("main@heads"), Ids{d});
  EXPECT_EQ(g.resolve("main@base"), Ids{});
  EXPECT_EQ(g.resolve("main@" + b), Ids{b});
  EXPECT_EQ(g.resolve("current", {b}), Ids{b});
  EXPECT_EQ(g.resolve("+1", {b}), Ids{c});
  EXPECT_EQ(g.resolve("+2", {}), Ids{b});
  EXPECT_EQ(g.resolve("-1", {c}), Ids{b});
  EXPECT_EQ(g.resolve("-3", {c}), Ids{});
  EXPECT_EQ(g.resolve(a + "+2"), Ids{c});
  EXPECT_EQ(g.resolve("88bb-2"), Ids{b});
  EXPECT_EQ(g.resolve("head-1"), Ids{c});
  EXPECT_EQ(g.resolve("base+1"), Ids{a});
  EXPECT_EQ(g.resolve("main@+1", {c}), Ids{d});
  EXPECT_EQ(g.resolve("main@-1", {d}), Ids{c});
  EXPECT_GRAPH_ERROR(g.resolve("nolabel@head"), "unknown branch label 'nolabel'");
  EXPECT_GRAPH_ERROR(g.resolve("@head"), "put a branch label before '@'");
  EXPECT_GRAPH_ERROR(g.resolve("-1", {"zzz"}), "the database is at revision zzz");
}

TEST(RevisionGraphResolve, IdsWithDashes) {
  RevisionGraph g({N("2026-01-01_init"), N("2026-02-01_more", {"2026-01-01_init"})});
  EXPECT_EQ(g.resolve("2026-01"), Ids{"2026-01-01_init"});  // a prefix, not "2026" minus 1
  EXPECT_EQ(g.resolve("2026-02-01_more-1"), Ids{"2026-01-01_init"});
  EXPECT_EQ(g.resolve("-1", {"2026-02-01_more"}), Ids{"2026-01-01_init"});
  EXPECT_GRAPH_ERROR(RevisionGraph({N("-1abc")}), "no leading -");
}

TEST(RevisionGraphResolve, AmbiguousWalksAndLineage) {
  RevisionGraph g({N("a"), N("x1", {"a"}, {}, {"x"}), N("y1", {"a"}, {}, {"y"}), N("x2", {"x1"})});
  EXPECT_GRAPH_ERROR(g.resolve("a+1"), "revision a is a branch point (x1, y1)");
  EXPECT_EQ(g.resolve("x@a+1"), Ids{"x1"});
  EXPECT_EQ(g.resolve("y@+2", {}), Ids{"y1"});
  EXPECT_GRAPH_ERROR(g.resolve("+1", {"x2", "y1"}), "several heads are applied (x2, y1)");
  EXPECT_GRAPH_ERROR(g.resolve("x@y1"), "revision y1 is not on the branch of x1");
  EXPECT_GRAPH_ERROR(g.resolve("head"),
                     "multiple heads (y1, x2): name one of them (`retort heads` lists them), or "
                     "`retort merge heads`");
  EXPECT_EQ(g.resolve("x@head"), Ids{"x2"});
  EXPECT_EQ(g.resolve("heads"), (Ids{"y1", "x2"}));
}

// --- stamp and ranges ---------------------------------------------------------------------

TEST(RevisionGraphStamp, RowsAfterStamp) {
  RevisionGraph g({N("a"), N("b", {"a"}), N("c", {"a"}), N("d", {"b"})});
  EXPECT_EQ(g.stamp_rows({}, "b", false), Ids{"b"});
  EXPECT_EQ(g.stamp_rows({"b"}, "d", false), Ids{"d"});         // up the same line: replaces
  EXPECT_EQ(g.stamp_rows({"d"}, "a", false), Ids{"a"});         // down: replaces
  EXPECT_EQ(g.stamp_rows({"c"}, "d", false), (Ids{"c", "d"}));  // other branch: adds
  EXPECT_EQ(g.stamp_rows({"c", "d"}, "b", false), (Ids{"c", "b"}));
  EXPECT_EQ(g.stamp_rows({"c", "d"}, "base", false), Ids{});
  EXPECT_EQ(g.stamp_rows({"c", "d"}, "heads", false), (Ids{"c", "d"}));
  EXPECT_EQ(g.stamp_rows({"gone"}, "b", true), Ids{"b"});
  EXPECT_GRAPH_ERROR(g.stamp_rows({"gone"}, "b", false), "revision gone");
}

TEST(RevisionGraphRange, HistoryRanges) {
  RevisionGraph g({N("a"), N("b", {"a"}), N("c", {"b"}), N("d", {"c"}), N("e", {"b"})});
  EXPECT_EQ(g.range("b", "d"), (Ids{"d", "c", "b"}));
  EXPECT_EQ(g.range("", "c"), (Ids{"c", "b", "a"}));
  EXPECT_EQ(g.range("c", ""), (Ids{"d", "c"}));
  EXPECT_EQ(g.range("b", ""), (Ids{"d", "c", "e", "b"}));  // as `alembic history -r b:`
  EXPECT_EQ(g.range("", ""), g.topological_newest_first());
  EXPECT_EQ(g.range("", ""), (Ids{"d", "c", "e", "b", "a"}));
  EXPECT_EQ(g.range("base", "e"), (Ids{"e", "b", "a"}));
  EXPECT_GRAPH_ERROR(g.range("d", "e"), "revision d is not below e");
  EXPECT_EQ(g.range("current", "", {"c"}), (Ids{"d", "c"}));
  EXPECT_EQ(g.range("-1", "current", {"c"}), (Ids{"c", "b"}));
  EXPECT_EQ(g.children("b"), (Ids{"c", "e"}));
}

// --- validation ---------------------------------------------------------------------------

TEST(RevisionGraphValidate, Errors) {
  EXPECT_EQ(error_of([] {
              RevisionGraph({N("a"), N("a", {}, {}, {})});
            }),
            "revision a is defined twice, in versions/a.lua and in versions/a.lua: give one of "
            "them a new id");
  std::string cycle = error_of([] {
    RevisionGraph({N("a", {"c"}), N("b", {"a"}), N("c", {"b"})});
  });
  EXPECT_NE(cycle.find("the revisions form a cycle:"), std::string::npos) << cycle;
  for (const char* id : {"a", "b", "c"}) EXPECT_NE(cycle.find(id), std::string::npos);
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a", {"a"})}), "cycle: a -> a");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a"), N("b", {"a"}, {"b"})}), "cycle");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a"), N("b", {"zz"})}, "migrations/versions"),
                     "versions/b.lua: down_revision 'zz' names no revision in migrations/versions");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a"), N("b", {"a"}, {"qq"})}),
                     "versions/b.lua: depends_on 'qq' names no revision or branch label");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a", {}, {}, {"x"}), N("b", {"a"}, {}, {"x"})}),
                     "branch label 'x' is used by both a (versions/a.lua) and b (versions/b.lua)");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a", {}, {}, {"b"}), N("b", {"a"})}),
                     "branch label 'b' of a (versions/a.lua) is also the id of revision b");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a", {}, {}, {"head"})}), "branch label 'head'");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a@b")}), "revision id 'a@b' is not allowed");
  EXPECT_GRAPH_ERROR(RevisionGraph({N("heads")}), "revision id 'heads' is not allowed");
  // A dependency cycle through depends_on only.
  EXPECT_GRAPH_ERROR(RevisionGraph({N("a", {}, {"b"}), N("b", {}, {"a"})}), "cycle");
}

// --- scale --------------------------------------------------------------------------------

TEST(RevisionGraphScale, TenThousandChainNeedsNoRecursion) {
  const int n = 10000;
  std::vector<RevisionNode> nodes;
  nodes.reserve(n);
  for (int i = 0; i < n; ++i) {
    nodes.push_back(i == 0 ? N("r0") : N("r" + std::to_string(i), {"r" + std::to_string(i - 1)}));
  }
  RevisionGraph g(std::move(nodes));
  EXPECT_EQ(g.heads(), Ids{"r9999"});
  EXPECT_EQ(g.bases(), Ids{"r0"});
  auto up = g.plan_upgrade({}, "head");
  ASSERT_EQ(up.size(), static_cast<size_t>(n));
  EXPECT_EQ(up.front().revision, "r0");
  EXPECT_EQ(up.back().revision, "r9999");
  EXPECT_EQ(up.back().delete_rows, Ids{"r9998"});
  auto down = g.plan_downgrade({"r9999"}, "base");
  ASSERT_EQ(down.size(), static_cast<size_t>(n));
  EXPECT_EQ(down.front().revision, "r9999");
  EXPECT_TRUE(down.back().insert_rows.empty());
  EXPECT_EQ(g.topological_newest_first().size(), static_cast<size_t>(n));
  EXPECT_EQ(g.resolve("-9999", {"r9999"}), Ids{"r0"});
  EXPECT_EQ(g.resolve("+10000", {}), Ids{"r9999"});
  EXPECT_EQ(g.range("r100", "r199").size(), 100u);
}

}  // namespace
}  // namespace retort
