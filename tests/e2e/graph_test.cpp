// End-to-end: the revision graph through the `retort` binary on SQLite. Forks, a merge of three
// branches, dependencies across branches and several bases; after every step the version table
// holds exactly the heads of what is applied, and each revision's table (every revision creates
// a table named after itself) exists exactly when the revision is applied. Where Alembic is the
// reference, the expected rows and order are what alembic 1.8.1 does on the same graph; the
// places where retort differs on purpose are listed in docs/revisions.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using Ids = std::vector<std::string>;

std::string lua_list(const Ids& ids) {
  if (ids.empty()) return "nil";
  if (ids.size() == 1) return "\"" + ids[0] + "\"";
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", \"" : "\"") + ids[i] + "\"";
  return out + "}";
}

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

class Graph : public ::testing::Test {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>("sqlite",
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
  }

  // A revision whose upgrade creates a table named after it and whose downgrade drops it.
  std::filesystem::path rev(const std::string& id, const Ids& down, const Ids& labels = {},
                            const Ids& deps = {}, const std::string& dir = "migrations/versions") {
    std::filesystem::create_directories(p->dir() / dir);
    auto path = p->dir() / dir / (id + "_create_" + id + ".lua");
    std::ofstream f(path);
    f << "--- create " << id << "\n--\n-- Revision ID: " << id
      << "\n-- Create Date: 2026-11-24 10:00:00\n\nrevision = \"" << id
      << "\"\ndown_revision = " << lua_list(down) << "\nbranch_labels = " << lua_list(labels)
      << "\ndepends_on = " << lua_list(deps) << "\n\nfunction upgrade()\n  op.create_table(\"" << id
      << "\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\nend\n\n"
      << "function downgrade()\n  op.drop_table(\"" << id << "\")\nend\n";
    return path;
  }

  // Runs retort and expects success.
  CommandResult ok(const std::string& args) {
    CommandResult r = p->retort(args);
    EXPECT_EQ(r.code, 0) << "retort " << args << "\n" << r.out << r.err;
    return r;
  }
  // Runs retort and expects exit 1 with one line on stderr.
  CommandResult fails(const std::string& args) {
    CommandResult r = p->retort(args);
    EXPECT_EQ(r.code, 1) << "retort " << args << "\n" << r.out << r.err;
    EXPECT_EQ(lines(r.err), 1) << r.err;
    return r;
  }

  // The revisions whose tables exist, among `all`.
  Ids tables(const Ids& all) {
    Ids out;
    for (const auto& t : all) {
      if (p->has_table(t)) out.push_back(t);
    }
    return out;
  }

  std::unique_ptr<Project> p;
};

// a; x, y (label ybr), z branch from a; later m merges all three.
TEST_F(Graph, ThreeBranchesForkAndMerge) {
  const Ids all{"a", "x", "y", "z", "m"};
  rev("a", {});
  rev("x", {"a"});
  rev("y", {"a"}, {"ybr"});
  rev("z", {"a"});

  CommandResult r = ok("heads");
  EXPECT_EQ(r.out, "x (head)\ny (ybr) (head)\nz (head)\n");
  r = ok("branches");
  EXPECT_EQ(r.out, "a (branchpoint)\n  -> x (head)\n  -> y (ybr) (head)\n  -> z (head)\n\n");

  // Several heads: "head" is refused, listing them, and nothing runs (as Alembic).
  r = fails("upgrade head");
  EXPECT_THAT(r.err, HasSubstr("x, y, z"));
  EXPECT_THAT(r.err, HasSubstr("heads"));
  EXPECT_THAT(r.err, HasSubstr("merge"));
  EXPECT_EQ(p->version_rows(), Ids{});
  EXPECT_EQ(tables(all), Ids{});

  ok("upgrade x");
  EXPECT_EQ(p->version_rows(), Ids{"x"});
  EXPECT_EQ(tables(all), (Ids{"a", "x"}));

  ok("upgrade heads");
  EXPECT_EQ(p->version_rows(), (Ids{"x", "y", "z"}));
  EXPECT_EQ(tables(all), (Ids{"a", "x", "y", "z"}));
  r = ok("current");
  EXPECT_EQ(lines(r.out), 3) << r.out;
  EXPECT_THAT(r.out, HasSubstr("y (head)"));

  // One branch down: the others stay.
  ok("downgrade ybr@-1");
  EXPECT_EQ(p->version_rows(), (Ids{"x", "z"}));
  EXPECT_EQ(tables(all), (Ids{"a", "x", "z"}));
  ok("upgrade ybr@head");
  EXPECT_EQ(p->version_rows(), (Ids{"x", "y", "z"}));
  EXPECT_EQ(tables(all), (Ids{"a", "x", "y", "z"}));

  // merge heads writes one revision with the three heads as parents.
  r = ok("merge heads -m \"merge three\" --rev-id m");
  EXPECT_THAT(r.out, HasSubstr("m_merge_three.lua"));
  // The merge gets a table too, so its run is visible.
  {
    auto path = p->dir() / "migrations" / "versions" / "m_merge_three.lua";
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_THAT(text, HasSubstr("down_revision = {\"x\", \"y\", \"z\"}"));
  }
  rev("m", {"x", "y", "z"});
  std::filesystem::remove(p->dir() / "migrations" / "versions" / "m_merge_three.lua");
  // Unlike Alembic, a merge does not inherit the labels of the branches it closes.
  r = ok("heads");
  EXPECT_EQ(r.out, "m (head)\n");

  r = ok("history --graph");
  EXPECT_EQ(r.out,
            "*     m (head) (mergepoint), create m\n"
            "|\\\n"
            "| |\\\n"
            "* | | x, create x\n"
            "| * | y (ybr), create y\n"
            "|/ /\n"
            "| * z, create z\n"
            "|/\n"
            "* a (branchpoint), create a\n");

  // The data forms of the same graph.
  r = ok("--json branches");
  EXPECT_THAT(r.out,
              HasSubstr("\"branches_into\": [\n      \"x\",\n      \"y\",\n      \"z\"\n    ]"));
  r = ok("--json history");
  EXPECT_LT(r.out.find("\"revision\": \"m\""), r.out.find("\"revision\": \"a\""));
  EXPECT_THAT(r.out, HasSubstr("\"is_merge_point\": true"));
  r = ok("--json show m");
  EXPECT_THAT(r.out, HasSubstr("\"down_revisions\": [\n    \"x\",\n    \"y\",\n    \"z\"\n  ]"));
  r = ok("history -v -r a:x");
  EXPECT_THAT(r.out, HasSubstr("Rev: a (branchpoint)\nParent: <base>\nBranches into: x, y, z\n"));
  r = ok("--json current");
  EXPECT_EQ(r.out,
            "{\n  \"current\": [\n    \"x\",\n    \"y\",\n    \"z\"\n  ],\n  \"interrupted\": null\n}\n");

  // The merge replaces its parents' rows with its own.
  ok("upgrade head");
  EXPECT_EQ(p->version_rows(), Ids{"m"});
  EXPECT_EQ(tables(all), all);

  // -1 from a merge is ambiguous (Alembic: "Ambiguous walk"); nothing runs.
  r = fails("downgrade -1");
  EXPECT_THAT(r.err, HasSubstr("merge of x, y, z"));
  EXPECT_EQ(p->version_rows(), Ids{"m"});
  r = fails("downgrade ybr@-1");
  EXPECT_EQ(p->version_rows(), Ids{"m"});
  EXPECT_EQ(tables(all), all);

  // Down to one parent: the merge goes, the three rows come back (as Alembic).
  ok("downgrade x");
  EXPECT_EQ(p->version_rows(), (Ids{"x", "y", "z"}));
  EXPECT_EQ(tables(all), (Ids{"a", "x", "y", "z"}));

  ok("downgrade base");
  EXPECT_EQ(p->version_rows(), Ids{});
  EXPECT_EQ(tables(all), Ids{});
}

// Two bases: a1 -> a2 (label schema), b1 -> b2 (label data), and b2 depends on a2.
TEST_F(Graph, DependenciesAcrossBranchesAndSeveralBases) {
  const Ids all{"a1", "a2", "b1", "b2"};
  rev("a1", {}, {"schema"});
  rev("a2", {"a1"});
  rev("b1", {}, {"data"});
  rev("b2", {"b1"}, {}, {"a2"});

  // a2 stays a head although b2 depends on it (Alembic: "effective head"); labels are shown
  // where they are written, not inherited along the branch as Alembic shows them.
  CommandResult r = ok("heads");
  EXPECT_EQ(r.out, "a2 (head)\nb2 (head)\n");
  // Alembic's order (`alembic history`): b2, then its own parent b1, then the revision it
  // depends on, a2, and a1.
  r = ok("history --graph");
  EXPECT_EQ(r.out,
            "* b2 (head), create b2 [depends on a2]\n"
            "* b1 (data), create b1\n"
            "* a2 (head), create a2\n"
            "* a1 (schema), create a1\n");

  // Upgrading the data branch applies its dependency first; the dependency holds no row.
  r = ok("upgrade data@head");
  EXPECT_EQ(p->version_rows(), Ids{"b2"});
  EXPECT_EQ(tables(all), all);
  EXPECT_LT(r.out.find("-> a2"), r.out.find("-> b2")) << r.out;

  // Taking away what b2 depends on is refused: one line naming b2 and its file; nothing runs.
  r = fails("downgrade schema@base");
  EXPECT_THAT(r.err, HasSubstr("b2"));
  EXPECT_THAT(r.err, HasSubstr("b2_create_b2.lua"));
  EXPECT_EQ(p->version_rows(), Ids{"b2"});
  EXPECT_EQ(tables(all), all);

  // Undoing b2 leaves its parent and its dependency as rows (as Alembic).
  ok("downgrade data@-1");
  EXPECT_EQ(p->version_rows(), (Ids{"a2", "b1"}));
  EXPECT_EQ(tables(all), (Ids{"a1", "a2", "b1"}));

  ok("downgrade data@base");
  EXPECT_EQ(p->version_rows(), Ids{"a2"});
  EXPECT_EQ(tables(all), (Ids{"a1", "a2"}));

  ok("downgrade schema@-1");
  EXPECT_EQ(p->version_rows(), Ids{"a1"});
  EXPECT_EQ(tables(all), Ids{"a1"});

  // b2 by id: its parent, then its dependency chain, then itself.
  ok("upgrade b2");
  EXPECT_EQ(p->version_rows(), Ids{"b2"});
  EXPECT_EQ(tables(all), all);

  ok("downgrade base");
  EXPECT_EQ(p->version_rows(), Ids{});
  EXPECT_EQ(tables(all), Ids{});

  ok("upgrade schema@head");
  EXPECT_EQ(p->version_rows(), Ids{"a2"});
  EXPECT_EQ(tables(all), (Ids{"a1", "a2"}));
  ok("upgrade heads");
  EXPECT_EQ(p->version_rows(), Ids{"b2"});
  EXPECT_EQ(tables(all), all);

  r = ok("graph --dot");
  EXPECT_THAT(r.out, HasSubstr("\"b2\" -> \"b1\";"));
  EXPECT_THAT(r.out, HasSubstr("\"b2\" -> \"a2\" [style=dashed"));
  EXPECT_THAT(r.out, HasSubstr("\"b2\" [label=\"b2\\ncreate b2\", shape=doubleoctagon, "
                               "style=\"bold,filled\""));
  EXPECT_THAT(r.out, HasSubstr("\"a1\" [label=\"a1\\n(schema) create a1\"];"));
  EXPECT_EQ(r.err, "");
}

// Relative names and ranges on a fork: label@+N, REV+N, -N, A:B in history and offline SQL.
TEST_F(Graph, NamesAndRanges) {
  rev("1a2b3c4d5e6f", {});
  rev("1a2bffff0000", {"1a2b3c4d5e6f"});
  rev("77aa00000000", {"1a2bffff0000"}, {"main"});
  rev("88bb00000000", {"77aa00000000"});
  rev("99cc00000000", {"1a2bffff0000"}, {"side"});
  const Ids all{"1a2b3c4d5e6f", "1a2bffff0000", "77aa00000000", "88bb00000000", "99cc00000000"};

  CommandResult r = fails("show 1a2b");
  EXPECT_THAT(r.err, HasSubstr("ambiguous: 1a2b3c4d5e6f, 1a2bffff0000"));
  r = ok("show 1a2b3");
  EXPECT_THAT(r.out, HasSubstr("Rev: 1a2b3c4d5e6f"));
  r = ok("show main@head");
  EXPECT_THAT(r.out, HasSubstr("Rev: 88bb00000000 (head)"));

  ok("upgrade 1a2b3c4d5e6f+1");
  EXPECT_EQ(p->version_rows(), Ids{"1a2bffff0000"});
  ok("upgrade main@+1");
  EXPECT_EQ(p->version_rows(), Ids{"77aa00000000"});
  ok("upgrade +1");
  EXPECT_EQ(p->version_rows(), Ids{"88bb00000000"});
  ok("upgrade side@head");
  EXPECT_EQ(p->version_rows(), (Ids{"88bb00000000", "99cc00000000"}));
  EXPECT_EQ(tables(all), all);
  ok("downgrade main@-2");
  EXPECT_EQ(p->version_rows(), Ids{"99cc00000000"});
  EXPECT_EQ(tables(all), (Ids{"1a2b3c4d5e6f", "1a2bffff0000", "99cc00000000"}));
  ok("downgrade -1");
  EXPECT_EQ(p->version_rows(), Ids{"1a2bffff0000"});

  r = ok("history -r 1a2bffff0000:main@head");
  EXPECT_EQ(r.out,
            "77aa00000000 -> 88bb00000000 (head), create 88bb00000000\n"
            "1a2bffff0000 -> 77aa00000000 (main), create 77aa00000000\n"
            "1a2b3c4d5e6f -> 1a2bffff0000 (branchpoint), create 1a2bffff0000\n");
  r = ok("history -r current: --indicate-current");
  EXPECT_THAT(r.out, HasSubstr("1a2bffff0000 (current) (branchpoint)"));
  EXPECT_EQ(lines(r.out), 4) << r.out;

  // Offline: the SQL of a range, nothing applied.
  r = ok("upgrade 1a2bffff0000:main@head --sql");
  EXPECT_THAT(r.out, HasSubstr("CREATE TABLE \"77aa00000000\""));
  EXPECT_THAT(r.out, HasSubstr("CREATE TABLE \"88bb00000000\""));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("CREATE TABLE \"99cc00000000\"")));
  EXPECT_EQ(p->version_rows(), Ids{"1a2bffff0000"});
}

// Every graph error: one line with the files involved, exit 1, nothing applied.
TEST_F(Graph, ErrorsNameTheFilesAndApplyNothing) {
  rev("a", {});
  ok("upgrade head");
  ASSERT_EQ(p->version_rows(), Ids{"a"});

  auto check = [&](const std::string& args, const std::vector<std::string>& parts) {
    CommandResult r = fails(args);
    for (const auto& part : parts) EXPECT_THAT(r.err, HasSubstr(part)) << args;
    EXPECT_EQ(p->version_rows(), Ids{"a"}) << args;
    EXPECT_FALSE(p->has_table("b")) << args;
  };

  // Cycle.
  auto c1 = rev("c1", {"c2"});
  auto c2 = rev("c2", {"c1"});
  check("upgrade heads", {"cycle", "c1", "c2"});
  std::filesystem::remove(c1);
  std::filesystem::remove(c2);

  // Duplicate id: both files named.
  rev("b", {"a"});
  auto dup = p->dir() / "migrations" / "versions" / "zz_copy_of_b.lua";
  std::filesystem::copy_file(p->dir() / "migrations" / "versions" / "b_create_b.lua", dup);
  check("upgrade head", {"b_create_b.lua", "zz_copy_of_b.lua"});
  std::filesystem::remove(dup);

  // Missing parent and missing dependency: the file named.
  auto orphan = rev("o", {"nothere"});
  check("upgrade heads", {"o_create_o.lua", "nothere"});
  std::filesystem::remove(orphan);
  auto needy = rev("n", {"a"}, {}, {"nowhere"});
  check("history", {"n_create_n.lua", "nowhere"});
  std::filesystem::remove(needy);

  // A label used twice: both files named.
  auto l1 = rev("l1", {"a"}, {"dup"});
  auto l2 = rev("l2", {"a"}, {"dup"});
  check("heads", {"dup", "l1_create_l1.lua", "l2_create_l2.lua"});
  std::filesystem::remove(l1);
  std::filesystem::remove(l2);

  // Overlapping targets: r@heads names x1 and y1, and y1 depends on x1.
  rev("r", {"b"}, {"rl"});
  rev("x1", {"r"});
  rev("y1", {"r"}, {}, {"x1"});
  check("upgrade rl@heads", {"overlap", "x1", "y1"});
}

// revision --head, --splice, --branch-label, --depends-on, --version-path with two version
// locations, then `merge` of named revisions: each checked through the files it writes and
// the graph it makes.
TEST_F(Graph, RevisionFlagsEndToEnd) {
  p->write_config("version_locations = [\"migrations/versions\", \"migrations/shop\"]");
  std::filesystem::create_directories(p->dir() / "migrations" / "shop");
  ok("revision -m first --rev-id r1");
  ok("revision -m second --rev-id r2");
  CommandResult r = fails("revision -m nope --rev-id r3 --head r1");
  EXPECT_THAT(r.err, HasSubstr("--splice"));
  ok("revision -m spliced --rev-id r3 --head r1 --splice");
  r = ok("heads");
  EXPECT_EQ(r.out, "r2 (head)\nr3 (head)\n");
  r = fails("revision -m ambiguous --rev-id r4");
  EXPECT_THAT(r.err, HasSubstr("r2, r3"));

  ok("revision -m shop --rev-id s1 --head base --branch-label shop --version-path migrations/shop");
  EXPECT_TRUE(std::filesystem::exists(p->dir() / "migrations" / "shop" / "s1_shop.lua"));
  // A child of s1 goes beside it; shop@head names the branch.
  ok("revision -m shop2 --rev-id s2 --head shop@head --depends-on r2");
  EXPECT_TRUE(std::filesystem::exists(p->dir() / "migrations" / "shop" / "s2_shop2.lua"));
  r = ok("show s2");
  EXPECT_THAT(r.out, HasSubstr("Also depends on: r2"));
  r = ok("--json heads");
  EXPECT_THAT(r.out, HasSubstr("\"revision\": \"s2\""));

  // --depends-on takes a label too; the file records the id it names.
  ok("revision -m shop3 --rev-id s3 --head s2 --depends-on shop");
  r = ok("show s3");
  EXPECT_THAT(r.out, HasSubstr("Also depends on: s1"));
  std::filesystem::remove(p->dir() / "migrations" / "shop" / "s3_shop3.lua");

  ok("merge r2 r3 -m join --rev-id j1");
  r = ok("heads");
  EXPECT_EQ(r.out, "j1 (head)\ns2 (head)\n");

  ok("upgrade shop@head");
  EXPECT_EQ(p->version_rows(), Ids{"s2"});
  ok("upgrade heads");
  EXPECT_EQ(p->version_rows(), (Ids{"j1", "s2"}));
  r = ok("--json current");
  EXPECT_THAT(r.out, HasSubstr("\"j1\""));
  ok("downgrade shop@base");
  EXPECT_EQ(p->version_rows(), Ids{"j1"});
}

// graph --dot marks the current revision when it can, and still draws without a database.
TEST_F(Graph, DotWithoutDatabase) {
  rev("a", {});
  rev("b", {"a"});
  ok("upgrade a");
  CommandResult r = ok("graph --dot");
  EXPECT_THAT(r.out,
              HasSubstr("\"a\" [label=\"a\\ncreate a\", style=filled, fillcolor=palegreen];"));
  EXPECT_THAT(r.out, HasSubstr("\"b\" [label=\"b\\ncreate b\", shape=doubleoctagon, style=bold];"));
  EXPECT_THAT(r.out, HasSubstr("\"b\" -> \"a\";"));

  r = ok("graph --dot --url postgresql://nobody@127.0.0.1:1/none");
  EXPECT_THAT(r.out, HasSubstr("\"a\" [label=\"a\\ncreate a\"];"));
  EXPECT_THAT(r.err, HasSubstr("does not mark"));
  EXPECT_EQ(lines(r.err), 1) << r.err;

  // A SQLite file that does not exist is not created by looking at the graph.
  r = ok("graph --dot --url sqlite:///missing.db");
  EXPECT_THAT(r.err, HasSubstr("missing.db does not exist"));
  EXPECT_FALSE(std::filesystem::exists(p->dir() / "missing.db"));

  r = ok("graph");
  EXPECT_EQ(r.out, "* b (head), create b\n* a (current), create a\n");
}

// A relative SQLite path is relative to retort.toml, for the graph as for the migrator: run from
// another directory, the graph finds the database and marks its revision.
TEST_F(Graph, RelativeSqlitePathIsFoundFromAnotherDirectory) {
  rev("a", {});
  rev("b", {"a"});
  ok("--url sqlite:///relative.db upgrade a");
  ASSERT_TRUE(std::filesystem::exists(p->dir() / "relative.db"));
  CommandResult r =
      p->shell("cd / && " + std::string(RETORT_BIN) + " -c '" +
               (p->dir() / "retort.toml").string() + "' --url sqlite:///relative.db graph");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "* b (head), create b\n* a (current), create a\n") << r.err;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace retort::test
