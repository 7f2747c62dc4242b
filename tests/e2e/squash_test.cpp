// `retort squash A:B` (docs/commands.md): a run of revisions becomes one built from reflection,
// keeping B's id. A fresh database reaches head from the squashed project; a database that ran
// the old files (with rows) continues with no warning; a database between A and B is told what
// to do; refusals write nothing. SQLite squashes 200 revisions; the servers fewer (the same
// kinds of change), to keep the suite fast.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "autogen/compare.hpp"
#include "e2e/project.hpp"
#include "ops/ops.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::string rev(int i) { return fmt::format("r{:03d}", i); }

// Revisions first..last: every four make a table t<k>, add a column, index it and point a
// foreign key at the table before (the first at itself).
void write_run(Project& p, int first, int last) {
  for (int i = first; i <= last; ++i) {
    const int k = (i - 1) / 4 + 1;
    const std::string t = fmt::format("t{}", k);
    std::string up;
    std::string down;
    switch ((i - 1) % 4) {
      case 0:
        up = fmt::format(
            "  op.create_table(\"{}\", sa.Column(\"id\", sa.Integer(), {{ primary_key = true }}), "
            "sa.Column(\"ref\", sa.Integer()))",
            t);
        down = fmt::format("  op.drop_table(\"{}\")", t);
        break;
      case 1:
        up = fmt::format("  op.add_column(\"{}\", sa.Column(\"c\", sa.String(40)))", t);
        down = fmt::format("  op.drop_column(\"{}\", \"c\")", t);
        break;
      case 2:
        up = fmt::format("  op.create_index(\"ix_{0}_c\", \"{0}\", {{ \"c\" }})", t);
        down = fmt::format("  op.drop_index(\"ix_{0}_c\", \"{0}\")", t);
        break;
      default:
        up = fmt::format(
            "  op.create_foreign_key(\"fk_{0}_ref\", \"{0}\", \"t{1}\", {{ \"ref\" }}, {{ \"id\" "
            "}})",
            t, k > 1 ? k - 1 : 1);
        down = fmt::format(
            "  op.drop_constraint(\"fk_{0}_ref\", \"{0}\", {{ type_ = \"foreignkey\" }})", t);
    }
    p.write_revision(rev(i), i == 1 ? "" : rev(i - 1), fmt::format("step {}", i), up, down);
  }
}

std::vector<std::string> version_files(const Project& p) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(p.dir() / "migrations" / "versions"))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Another database for the same project, as a URL (--url) the test can also connect to.
std::string other_database(const Project& p, const std::string& name) {
  if (p.dialect_name() == "sqlite") return "sqlite:///" + (p.dir() / (name + ".db")).string();
  if (p.dialect_name() == "postgresql") return fresh_pg_database(name);
  return fresh_mysql_database(name);
}

MetaData reflect(const std::string& url) {
  Url u = Url::parse(url);
  const Dialect& d = find_dialect(u.scheme);
  auto conn = d.connect(u);
  InspectOptions opts;
  opts.exclude_tables = {"retort_version", "retort_version_history"};
  return d.inspect(*conn, opts);
}

// What would turn the schema at `a` into the one at `b`, one line per op: empty when equal.
std::vector<std::string> differences(const std::string& a, const std::string& b) {
  const Dialect& d = find_dialect(Url::parse(a).scheme);
  autogen::CompareOptions co;
  co.version_table = "retort_version";
  co.history_table = "retort_version_history";
  autogen::CompareResult r = autogen::compare(reflect(a), reflect(b), d, co);
  std::vector<std::string> out;
  for (const auto& op : r.upgrade) out.push_back(ops::describe(op));
  return out;
}

class Squash : public ::testing::TestWithParam<std::string> {
 protected:
  int revisions() const { return GetParam() == "sqlite" ? 200 : 12; }
};

TEST_P(Squash, ManyRevisionsBecomeOneAndEveryDatabaseReachesHead) {
  Project p(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
  p.write_config();
  const int n = revisions();
  write_run(p, 1, n);
  const std::string head = rev(n);

  // The old database: at head with the old files, rows in it.
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  p.db().execute("INSERT INTO t1 (id, ref, c) VALUES (1, NULL, 'one')");
  p.db().execute("INSERT INTO t2 (id, ref, c) VALUES (1, 1, 'two')");
  // A database between A and B, at r005.
  const std::string between = other_database(p, "between");
  r = p.retort("--url '" + between + "' upgrade r005");
  ASSERT_EQ(r.code, 0) << r.err;

  r = p.retort("--json squash r001:" + head + " -m \"squash the start\"");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["revision"], head);
  EXPECT_EQ(j["down_revisions"], nlohmann::json::array());
  EXPECT_EQ(j["squashes"].size(), static_cast<size_t>(n - 1));
  EXPECT_EQ(j["squashes"][0], "r001");
  EXPECT_EQ(j["removed"].size(), static_cast<size_t>(n));
  EXPECT_THAT(j["squashed_checksum"].get<std::string>(), MatchesRegex("sha256:[0-9a-f]{64}"));
  const std::string path = j["path"];
  EXPECT_EQ(version_files(p), std::vector<std::string>{head + "_squash_the_start.lua"});

  // (2) The old database continues: nothing to do, nothing changed, rows kept.
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(p.version_rows(), std::vector<std::string>{head});
  r = p.retort("verify");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.count("t2"), 1);

  // (3) The database between A and B is told to finish with the old files.
  const std::string told =
      "retort: error: the database is at revision r005, which was squashed "
      "into " +
      head + " (" + path + "): upgrade it to " + head +
      " with the old revision files first (from version control), then use "
      "these\n";
  r = p.retort("--url '" + between + "' upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, told);

  // (1) A fresh database reaches head from the squashed revision: the same schema.
  const std::string fresh = other_database(p, "fresh");
  r = p.retort("--url '" + fresh + "' upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(differences(p.url() == "sqlite:///app.db" ? "sqlite:///" + (p.dir() / "app.db").string()
                                                      : p.url(),
                        fresh),
            std::vector<std::string>{});

  // The squashed revision passes `retort test`: its downgrade undoes it, its offline SQL builds
  // the same schema.
  r = p.retort("test --check upgrade --check offline_sql --check downgrade --check stairway");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // A revision after B applies on both.
  p.write_revision("n001", head, "after the squash",
                   "  op.add_column(\"t1\", sa.Column(\"d\", sa.Integer()))",
                   "  op.drop_column(\"t1\", \"d\")");
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  r = p.retort("--url '" + fresh + "' upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.version_rows(), std::vector<std::string>{"n001"});
  EXPECT_THAT(p.columns("t1"), ::testing::ElementsAre("id", "ref", "c", "d"));
  EXPECT_EQ(differences(p.url() == "sqlite:///app.db" ? "sqlite:///" + (p.dir() / "app.db").string()
                                                      : p.url(),
                        fresh),
            std::vector<std::string>{});
  r = p.retort("verify");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  // The fresh database downgrades through the squashed revision to base.
  r = p.retort("--url '" + fresh + "' downgrade base");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(reflect(fresh).tables.empty());
}

TEST_P(Squash, ARunAboveTheFirstRevisionKeepsItsParent) {
  Project p(GetParam(), ::testing::UnitTest::GetInstance()->current_test_info()->name());
  p.write_config();
  write_run(p, 1, 12);
  // A database at P (r004) and one at head, with the old files.
  const std::string at_p = other_database(p, "atp");
  auto r = p.retort("--url '" + at_p + "' upgrade r004");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  p.db().execute("INSERT INTO t1 (id, ref, c) VALUES (1, NULL, 'one')");

  r = p.retort("squash r005:r008 -m \"fold t2\"");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("Removing .*/migrations/versions/r005_step_5\\.lua\n"
                                  "Removing .*/migrations/versions/r006_step_6\\.lua\n"
                                  "Removing .*/migrations/versions/r007_step_7\\.lua\n"
                                  "Removing .*/migrations/versions/r008_step_8\\.lua\n"
                                  "Generating .*/migrations/versions/r008_fold_t2\\.lua \\.\\.\\. "
                                  "done\n"));
  EXPECT_EQ(version_files(p).size(), 9u);
  r = p.retort("show r008");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Parent: r004\n"));
  EXPECT_THAT(r.out, HasSubstr("Squashes: r005, r006, r007\n"));
  const std::string text = read_file(p.dir() / "migrations" / "versions" / "r008_fold_t2.lua");
  EXPECT_THAT(text, HasSubstr("down_revision = \"r004\"\n"));
  EXPECT_THAT(text, HasSubstr("squashes = {\"r005\", \"r006\", \"r007\"}\n"));

  // The database at head continues; the one at P upgrades through the squashed revision; a
  // fresh one too; all three have the same schema.
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  r = p.retort("verify");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("--url '" + at_p + "' upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string fresh = other_database(p, "fresh");
  r = p.retort("--url '" + fresh + "' upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string old =
      p.dialect_name() == "sqlite" ? "sqlite:///" + (p.dir() / "app.db").string() : p.url();
  EXPECT_EQ(differences(old, fresh), std::vector<std::string>{});
  EXPECT_EQ(differences(old, at_p), std::vector<std::string>{});
  EXPECT_EQ(p.count("t1"), 1);
  // Its downgrade goes back to P.
  r = p.retort("--url '" + at_p + "' downgrade r004");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(reflect(at_p).tables.size(), 1u);
}

// PostgreSQL objects beyond tables come along as autogenerate renders them: an enum, a
// sequence, a view.
TEST(SquashPostgres, EnumSequenceAndViewComeAlong) {
  Project p("postgresql", "squash_objects");
  p.write_config();
  p.write_revision("p1", "", "users",
                   "  op.create_table(\"users\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                   "true }), sa.Column(\"mood\", sa.Enum(\"happy\", \"sad\", { name = \"mood\" "
                   "})), sa.Column(\"active\", sa.Boolean(), { nullable = false, server_default = "
                   "sa.text(\"true\") }))",
                   "  op.drop_table(\"users\")");
  p.write_revision("p2", "p1", "seq", "  op.create_sequence(\"order_id_seq\", { start = 1000 })",
                   "  op.drop_sequence(\"order_id_seq\")");
  p.write_revision("p3", "p2", "view",
                   "  op.create_view(\"active_users\", \"SELECT id, mood FROM users WHERE "
                   "active\")",
                   "  op.drop_view(\"active_users\")");
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("squash p1:p3 -m objects");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = read_file(p.dir() / "migrations" / "versions" / "p3_objects.lua");
  EXPECT_THAT(text, HasSubstr("op.create_sequence(\"order_id_seq\""));
  EXPECT_THAT(text, HasSubstr("sa.Enum(\"happy\", \"sad\", { name = \"mood\" })"));
  EXPECT_THAT(text, HasSubstr("op.create_view(\"active_users\""));
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  r = p.retort("verify");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  const std::string fresh = other_database(p, "fresh");
  r = p.retort("--url '" + fresh + "' upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(differences(p.url(), fresh), std::vector<std::string>{});
  r = p.retort("--url '" + fresh + "' downgrade base");
  EXPECT_EQ(r.code, 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, Squash, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

// What squash leaves out (data statements) it says, in the output and in the file; what it
// refuses it refuses before writing anything. No server needed: SQLite.
TEST(SquashSqlite, DataStatementsAreNamed) {
  Project p("sqlite", "squash_data");
  p.write_config();
  write_run(p, 1, 2);
  p.write_revision("r003", "r002", "fill",
                   "  op.execute(\"INSERT INTO t1 (id, c) VALUES (1, 'x')\")",
                   "  op.execute(\"DELETE FROM t1\")");
  auto r = p.retort("squash r001:r003 -m all");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, MatchesRegex("retort: warning: r003 \\(r003_fill\\.lua\\) runs statements "
                                  "of its own \\(op\\.execute\\), which are not in the squashed "
                                  "revision: a new database gets the schema only\n"));
  const std::string text = read_file(p.dir() / "migrations" / "versions" / "r003_all.lua");
  EXPECT_THAT(text, HasSubstr("-- Warning: r003 (r003_fill.lua) runs statements of its own"));
  EXPECT_THAT(text, HasSubstr("op.create_table(\"t1\""));
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.count("t1"), 0);
}

TEST(SquashSqlite, RefusalsWriteNothing) {
  Project p("sqlite", "squash_refusals");
  p.write_config();
  write_run(p, 1, 8);
  // A branch off r003, and a revision that depends on r006.
  p.write_revision("b001", "r003", "branch",
                   "  op.create_table(\"b\", sa.Column(\"id\", "
                   "sa.Integer(), { primary_key = true }))",
                   "  op.drop_table(\"b\")");
  const auto before = version_files(p);
  auto expect_refused = [&](const std::string& args, const std::string& message) {
    auto r = p.retort(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.err, "retort: error: " + message + "\n") << args;
    EXPECT_EQ(r.out, "") << args;
    EXPECT_EQ(version_files(p), before) << args;
  };
  expect_refused("squash r002:r005 -m x",
                 "cannot squash r002:r005: r003 is a branch point (b001, r004); squash takes a "
                 "run of revisions on one line");
  expect_refused("squash r006:r002 -m x",
                 "cannot squash r006:r002: r006 is not below r002 (A:B takes the older revision "
                 "first, on one line of the graph)");
  expect_refused("squash r004:b001 -m x",
                 "cannot squash r004:b001: r004 is not below b001 (A:B takes the older revision "
                 "first, on one line of the graph)");
  expect_refused("squash r001:zzz -m x",
                 "unknown revision 'zzz': `retort history` lists the revisions");
  expect_refused("squash r005 -m x",
                 "squash takes a range A:B (A the oldest revision to fold in, B the newest), not "
                 "'r005'");
  p.write_revision("m001", "{\"r008\", \"b001\"}", "merge", "", "");
  const auto with_merge = version_files(p);
  auto r = p.retort("squash r004:m001 -m x");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: cannot squash r004:m001: m001 is a merge point; squash takes a run "
            "of revisions on one line\n");
  EXPECT_EQ(version_files(p), with_merge);
}

TEST(SquashSqlite, OldFilesThatDoNotRunWriteNothing) {
  Project p("sqlite", "squash_broken");
  p.write_config();
  write_run(p, 1, 2);
  // Ran once on the real database against a table made by hand; a scratch has no such table.
  p.write_revision("r003", "r002", "copy", "  op.execute(\"INSERT INTO t1 SELECT * FROM legacy\")",
                   "");
  const auto before = version_files(p);
  auto r = p.retort("squash r001:r003 -m x");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, ::testing::StartsWith("retort: error: cannot squash r001:r003: the old files "
                                           "do not upgrade a scratch database to r003 ("));
  EXPECT_THAT(r.err, HasSubstr("legacy"));
  EXPECT_THAT(r.err, ::testing::EndsWith("); nothing was written\n"));
  EXPECT_EQ(version_files(p), before);
}

TEST(SquashSqlite, LabelsMoveAndAParentThatBranchesIsFine) {
  Project p("sqlite", "squash_labels");
  p.write_config();
  write_run(p, 1, 8);
  // r005 carries a label; r004 (P) is also the parent of another branch.
  const auto r005 = p.dir() / "migrations" / "versions" / "r005_step_5.lua";
  std::string text = read_file(r005);
  text.replace(text.find("branch_labels = nil"), 19, "branch_labels = \"orders\"");
  write_file(r005, text);
  p.write_revision("b001", "r004", "branch",
                   "  op.create_table(\"b\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                   "true }))",
                   "  op.drop_table(\"b\")");
  auto r = p.retort("squash r005:r007 -m fold");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("show orders@head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Rev: r008 (head)"));
  r = p.retort("show r007");
  EXPECT_THAT(r.out, HasSubstr("Branch names: orders\n"));
  EXPECT_THAT(r.out, HasSubstr("Parent: r004\n"));
  r = p.retort("upgrade heads");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p.has_table("b"));
  EXPECT_TRUE(p.has_table("t2"));
}

TEST(SquashSqlite, DependsOnIntoTheRunIsRefused) {
  Project p("sqlite", "squash_depends");
  p.write_config();
  write_run(p, 1, 4);
  auto r = p.retort(
      "revision -m dep --head base --branch-label other --depends-on r002 "
      "--rev-id d001");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto before = version_files(p);
  r = p.retort("squash r001:r004 -m x");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: cannot squash r001:r004: d001 depends on r002, which the squash "
            "removes\n");
  EXPECT_EQ(version_files(p), before);
}

}  // namespace
}  // namespace retort::test
