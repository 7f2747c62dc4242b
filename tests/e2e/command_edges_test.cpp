// The command's edges (issue 21): stamp's report, names resolved against the database in every
// verb, offline ranges that run only their own scripts, check's exit code, --json, help and
// typo suggestions, merge without -m, --tag, ensure_version, heads --resolve-dependencies,
// op.execute with bound parameters, op.inline_literal and post-write hooks. The real `retort`
// binary in a temp project; what depends on the database runs on all three.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Rows = std::vector<std::string>;

const char* kNothing = "  -- nothing";

std::string text_of(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class Edges : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
  }
  // r1 <- r2 <- ... <- rN, no operations.
  void chain(int n) {
    for (int i = 1; i <= n; ++i) {
      p->write_revision("r" + std::to_string(i), i == 1 ? "" : "r" + std::to_string(i - 1),
                        "step " + std::to_string(i), kNothing, kNothing);
    }
  }
  std::unique_ptr<Project> p;
};

class SqliteEdges : public Edges {};

// --- stamp ---------------------------------------------------------------------------------

TEST_P(SqliteEdges, StampPrintsTheMoveAndAlreadyAtOnlyWhenNothingMoved) {
  chain(2);
  auto r = p->retort("stamp head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "stamp base -> r2\n");
  EXPECT_EQ(p->version_rows(), (Rows{"r2"}));

  r = p->retort("stamp head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "already at r2\n");

  r = p->retort("stamp r1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "stamp r2 -> r1\n");

  r = p->retort("stamp base --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["steps"].size(), 1u);
  EXPECT_EQ(j["steps"][0]["from"], "r1");
  EXPECT_EQ(j["steps"][0]["to"], "");
  EXPECT_EQ(j["steps"][0]["upgrade"], false);
  EXPECT_EQ(j["heads_after"], nlohmann::json::array());
  EXPECT_TRUE(p->version_rows().empty());

  r = p->retort("stamp base --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["steps"], nlohmann::json::array());
}

// --- the documented outputs of init and current -v (docs/commands.md) ------------------------

TEST_P(SqliteEdges, InitAndCurrentVerbosePrintWhatTheDocsShow) {
  const auto fresh = std::filesystem::canonical(p->dir()) / "fresh";
  auto r = p->shell("mkdir fresh && cd fresh && '" + std::string(RETORT_BIN) + "' init migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string d = fresh.string();
  EXPECT_EQ(r.out, "Creating directory " + d +
                       "/migrations ... done\n"
                       "Creating directory " +
                       d +
                       "/migrations/.luals ... done\n"
                       "Creating directory " +
                       d +
                       "/migrations/versions ... done\n"
                       "Generating " +
                       d +
                       "/retort.toml ... done\n"
                       "Generating " +
                       d +
                       "/.luarc.json ... done\n"
                       "Generating " +
                       d +
                       "/migrations/.luals/retort.lua ... done\n"
                       "Generating " +
                       d +
                       "/migrations/models.lua ... done\n"
                       "Generating " +
                       d +
                       "/migrations/script.lua.tmpl ... done\n"
                       "Generating " +
                       d +
                       "/migrations/script.sql.tmpl ... done\n"
                       "Generating " +
                       d +
                       "/migrations/versions/.gitkeep ... done\n"
                       "Please edit the url in " +
                       d + "/retort.toml before proceeding.\n");

  chain(2);
  r = p->retort("current -v");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Current revision(s) for sqlite:///app.db:\n");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  r = p->retort("current -v");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string root = std::filesystem::canonical(p->dir()).string();
  EXPECT_EQ(r.out,
            "Current revision(s) for sqlite:///app.db:\n"
            "Rev: r2 (head)\n"
            "Parent: r1\n"
            "Path: " +
                root +
                "/migrations/versions/r2_step_2.lua\n"
                "\n"
                "    step 2\n"
                "\n");
}

// --- names resolved against the database ---------------------------------------------------

TEST_P(SqliteEdges, RelativeNamesAndCurrentResolveAgainstTheDatabaseInHistoryAndShow) {
  chain(9);
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  // The example of `history --help`.
  auto r = p->retort("history -r -3:current");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "r8 -> r9 (head), step 9\n"
            "r7 -> r8, step 8\n"
            "r6 -> r7, step 7\n"
            "r5 -> r6, step 6\n");

  r = p->retort("show current --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["revision"], "r9");
  r = p->retort("show current");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Rev: r9 (head)\n"));

  const std::vector<std::pair<std::string, std::string>> names = {
      {"-2", "r7"},   {"current-1", "r8"}, {"head-1", "r8"}, {"r5+1", "r6"},
      {"r5-1", "r4"}, {"heads", "r9"},     {"r3", "r3"},
  };
  for (const auto& [name, rev] : names) {
    r = p->retort("show " + name + " --json");
    ASSERT_EQ(r.code, 0) << name << ": " << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["revision"], rev) << name;
  }

  ASSERT_EQ(p->retort("downgrade r2").code, 0);
  r = p->retort("show +1 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["revision"], "r3");
  r = p->retort("history -r current:+2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "r3 -> r4, step 4\nr2 -> r3, step 3\nr1 -> r2, step 2\n");

  r = p->retort("show -3");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "retort: error: relative revision -3 goes past base (only 2 applied)\n");
  r = p->retort("show base");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "retort: error: 'base' names no revision (it is base)\n");
}

TEST_P(SqliteEdges, CurrentResolvesInRevisionHeadDependsOnAndMerge) {
  chain(3);
  ASSERT_EQ(p->retort("upgrade r2").code, 0);
  auto r = p->retort(
      "revision -m fix --head current --splice --depends-on current-1 --rev-id s1 "
      "--json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["down_revisions"], nlohmann::json{"r2"});
  EXPECT_EQ(j["depends_on"], nlohmann::json{"r1"});
  // Without --splice, current is not a head: the same refusal as for its id.
  r = p->retort("revision -m again --head current");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: revision r2 is not a head: pass --splice to start a new branch from "
            "it\n");

  // Two heads applied: `merge current` joins them.
  ASSERT_EQ(p->retort("upgrade heads").code, 0);
  r = p->retort("merge current -m join --rev-id mm --json");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["down_revisions"], (nlohmann::json{"r3", "s1"}));
}

// --- offline ranges -------------------------------------------------------------------------

TEST_P(Edges, OfflineRangeRunsOnlyItsScriptsAndNamesOneThatCannotRunOffline) {
  p->write_revision("a1", "", "create t",
                    "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))",
                    "  op.drop_table(\"t\")");
  p->write_revision("a2", "a1", "fill t",
                    "  op.get_bind():execute(\"INSERT INTO t (id) VALUES (?)\", { 1 })", kNothing);
  p->write_revision("a3", "a2", "add name",
                    "  op.add_column(\"t\", sa.Column(\"name\", sa.String(40)))",
                    "  op.drop_column(\"t\", \"name\")");
  // a2's data migration comes before the range: replayed for the schema only.
  auto r = p->retort("upgrade a2:head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("-- Running upgrade a2 -> a3, add name"));
  EXPECT_THAT(r.out, Not(HasSubstr("INSERT INTO t")));
  EXPECT_EQ(r.err, "upgrade a2 -> a3, add name\n");

  // In the range, it is named with its line and the fix.
  r = p->retort("upgrade a1:head --sql");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err,
              HasSubstr("retort: error: migrations/versions/a2_fill_t.lua:13: op.get_bind() is not "
                        "available with --sql (no database is connected): put SQL for the script "
                        "output in op.execute(), or skip the data work offline with `if not "
                        "context.is_offline_mode then ... end`\n"));
}

// --- check ----------------------------------------------------------------------------------

TEST_P(SqliteEdges, CheckOnADatabaseBehindHeadExitsOne) {
  p->write_config("models = \"migrations/models.lua\"\n");
  std::ofstream(p->dir() / "migrations" / "models.lua")
      << "sa.Table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n";
  p->write_revision("c1", "", "create t",
                    "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))",
                    "  op.drop_table(\"t\")");
  auto r = p->retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: the database is not up to date: it is at base but the scripts' head "
            "is c1: run `retort upgrade head` first\n");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  r = p->retort("check");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "No changes: the database matches the models\n");
  r = p->retort("check --bogus");
  EXPECT_EQ(r.code, 2);
}

// --- help, typos, --json --------------------------------------------------------------------

TEST_P(SqliteEdges, UnknownCommandSuggestsTheNearestAndHelpListsGlobalOptions) {
  auto r = p->retort("upgade head");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: unknown command 'upgade'; did you mean 'upgrade'? (try `retort "
            "--help`)\n");
  r = p->retort("hist");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: unknown command 'hist'; did you mean 'history'? (try `retort "
            "--help`)\n");
  r = p->retort("frobnicate");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "retort: error: unknown command 'frobnicate' (try `retort --help`)\n");

  for (const char* verb : {"upgrade", "current", "history", "ensure_version", "graph"}) {
    r = p->retort(std::string(verb) + " --help");
    ASSERT_EQ(r.code, 0) << verb;
    EXPECT_THAT(r.out, HasSubstr("Global options (before or after the verb):")) << verb;
    for (const char* opt :
         {"-c,--config", "--env", "--url", "-x", "-q,--quiet", "-v,--verbose", "--json"})
      EXPECT_THAT(r.out, HasSubstr(opt)) << verb << " " << opt;
  }
}

TEST_P(SqliteEdges, JsonFromGraphAndFromAnSqlRun) {
  chain(2);
  ASSERT_EQ(p->retort("upgrade r1").code, 0);
  auto r = p->retort("graph --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["revision"], "r2");
  EXPECT_EQ(j[0]["is_current"], false);
  EXPECT_EQ(j[1]["revision"], "r1");
  EXPECT_EQ(j[1]["is_current"], true);

  r = p->retort("upgrade r1:head --sql --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["steps"].size(), 1u);
  EXPECT_EQ(j["steps"][0]["revision"], "r2");
  EXPECT_EQ(j["heads_before"], (nlohmann::json{"r1"}));
  EXPECT_EQ(j["heads_after"], (nlohmann::json{"r2"}));
  EXPECT_THAT(j["sql"].get<std::string>(), HasSubstr("-- Running upgrade r1 -> r2, step 2"));
  EXPECT_THAT(j["sql"].get<std::string>(),
              HasSubstr("SET version_num='r2' WHERE version_num = 'r1';"));
}

// --- merge, --tag, ensure_version, heads --resolve-dependencies -----------------------------

TEST_P(SqliteEdges, MergeWithoutMessage) {
  p->write_revision("m0", "", "base", kNothing, kNothing);
  p->write_revision("m1", "m0", "one", kNothing, kNothing);
  p->write_revision("m2", "m0", "two", kNothing, kNothing);
  auto r = p->retort("merge heads --rev-id mm --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["message"], "empty message");
  EXPECT_EQ(j["down_revisions"], (nlohmann::json{"m1", "m2"}));
  r = p->retort("heads");
  EXPECT_EQ(r.out, "mm (head)\n");
}

TEST_P(Edges, TagReachesTheScripts) {
  p->write_revision("g1", "", "tagged",
                    "  local tag = context.get_tag_argument() or \"none\"\n"
                    "  op.create_table(\"tag_\" .. tag, sa.Column(\"id\", sa.Integer(), { "
                    "primary_key = true }))",
                    "  op.drop_table(\"tag_\" .. (context.get_tag_argument() or \"none\"))");
  auto r = p->retort("upgrade head --tag v2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->has_table("tag_v2"));
  r = p->retort("downgrade base --tag v2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(p->has_table("tag_v2"));
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->has_table("tag_none"));
}

TEST_P(Edges, EnsureVersionCreatesTheVersionTable) {
  EXPECT_FALSE(p->has_table("retort_version"));
  auto r = p->retort("ensure_version --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("CREATE TABLE"));
  EXPECT_THAT(r.out, HasSubstr("retort_version"));
  EXPECT_FALSE(p->has_table("retort_version"));
  r = p->retort("ensure_version");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(p->has_table("retort_version"));
  EXPECT_TRUE(p->version_rows().empty());
  r = p->retort("ensure_version");  // a second time: nothing to do
  ASSERT_EQ(r.code, 0) << r.err;
  r = p->retort("ensure_version --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\n  \"version_table\": \"retort_version\",\n  \"version_table_schema\": null,\n  "
            "\"created\": false\n}\n");
  r = p->retort("ensure_version -v");
  EXPECT_EQ(r.out, "Already there: retort_version\n");
}

TEST_P(Edges, EnsureVersionJsonSaysWhenItCreatedTheTable) {
  auto r = p->retort("ensure_version --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["created"], true);
  EXPECT_EQ(j["version_table"], "retort_version");
  EXPECT_TRUE(p->has_table("retort_version"));
}

TEST_P(Edges, TagIsRecordedInTheHistory) {
  p->write_revision("g1", "", "tagged", kNothing, kNothing);
  ASSERT_EQ(p->retort("upgrade head --tag release-7").code, 0);
  auto r = p->retort("history --applied --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["revision"], "g1");
  EXPECT_EQ(j[0]["tag"], "release-7");
}

TEST_P(SqliteEdges, HeadsResolveDependencies) {
  p->write_revision("x1", "", "x", kNothing, kNothing);
  auto y = p->write_revision("y1", "", "y", kNothing, kNothing);
  std::string text = text_of(y);
  text.replace(text.find("depends_on = nil"), 16, "depends_on = \"x1\"");
  std::ofstream(y) << text;
  auto r = p->retort("heads");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "x1 (head)\ny1 (head)\n");
  r = p->retort("heads --resolve-dependencies");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "y1 (head)\n");
}

// --- op.execute(sql, params), op.inline_literal ---------------------------------------------

TEST_P(Edges, ExecuteBindsParametersAndInlineLiteralQuotes) {
  p->write_revision(
      "e1", "", "people",
      "  op.create_table(\"people\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"name\", sa.String(60)))\n"
      "  op.execute(\"INSERT INTO people (id, name) VALUES (?, ?)\", { 1, \"O'Brien\" })\n"
      "  op.execute(sa.text(\"INSERT INTO people (id, name) VALUES (:id, :name)\"),\n"
      "             { id = 2, name = \"x'); DROP TABLE people; --\" })\n"
      "  op.execute(\"INSERT INTO people (id, name) VALUES (3, \" .. op.inline_literal(\"it's\") "
      ".. \")\")",
      "  op.drop_table(\"people\")");
  auto r = p->retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  // Offline: the values as the dialect's literals.
  const std::string quote = "''";
  EXPECT_THAT(r.out, HasSubstr("VALUES (1, 'O" + quote + "Brien');"));
  EXPECT_THAT(r.out, HasSubstr("VALUES (2, 'x" + quote + "); DROP TABLE people; --');"));
  EXPECT_THAT(r.out, HasSubstr("VALUES (3, 'it" + quote + "s');"));

  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->count("people"), 3);
  EXPECT_EQ(p->scalar("SELECT name FROM people WHERE id = 1"), "O'Brien");
  EXPECT_EQ(p->scalar("SELECT name FROM people WHERE id = 2"), "x'); DROP TABLE people; --");
  EXPECT_EQ(p->scalar("SELECT name FROM people WHERE id = 3"), "it's");
}

// --- post-write hooks -----------------------------------------------------------------------

TEST_P(SqliteEdges, PostWriteHooksRunOnEachNewRevisionAndAFailureNamesTheHook) {
  p->shell("printf '#!/bin/sh\\necho \"-- formatted\" >> \"$1\"\\n' > hook.sh && chmod +x hook.sh");
  p->write_config(
      "\n[post_write_hooks]\nhooks = [\"fmt\"]\nfmt.type = \"exec\"\n"
      "fmt.executable = \"./hook.sh\"\nfmt.options = \"REVISION_SCRIPT_FILENAME\"\n");
  auto r = p->retort("revision -m first --rev-id h1");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto first = p->dir() / "migrations" / "versions" / "h1_first.lua";
  EXPECT_THAT(text_of(first), HasSubstr("\n-- formatted\n"));

  p->write_config(
      "\n[post_write_hooks]\nhooks = [\"lint\"]\nlint.type = \"exec\"\n"
      "lint.executable = \"false\"\n");
  r = p->retort("revision -m second --rev-id h2");
  EXPECT_EQ(r.code, 1);
  const auto second = p->dir() / "migrations" / "versions" / "h2_second.lua";
  EXPECT_EQ(r.err, "retort: error: post-write hook 'lint' (false) failed with exit status 1: " +
                       second.string() + " was written and is kept\n");
  EXPECT_TRUE(std::filesystem::exists(second));

  p->write_config(
      "\n[post_write_hooks]\nhooks = [\"fmt\"]\nfmt.type = \"console_scripts\"\n"
      "fmt.executable = \"x\"\n");
  r = p->retort("heads");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("fmt.type = \"console_scripts\" is not a hook type retort runs"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, Edges, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteEdges, ::testing::Values(std::string("sqlite")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
