// `retort test` (docs/commands.md): the checks pass on a sound project, and each failing case a
// user meets — a downgrade that forgets a column, two heads, models out of date — fails with the
// check and the revision named, exit 1, in text, JSON and JUnit XML. The same on SQLite,
// PostgreSQL and MariaDB; the scratch databases are gone afterwards and the project's own
// database is never touched.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kT1 =
    "  op.create_table(\"t1\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
    "    sa.Column(\"name\", sa.String(50), { nullable = false }))";
constexpr const char* kModels = R"(sa.Table("t1",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("name", sa.String(50), { nullable = false }),
  sa.Column("note", sa.Text()),
  sa.Index("ix_t1_name", "name"))
sa.Table("t2",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("t1_id", sa.Integer(), sa.ForeignKey("t1.id", { name = "fk_t2_t1" })))
)";

class MigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
    write_file(p->dir() / "migrations" / "models.lua", kModels);
  }
  // Three revisions that build exactly the models; `b2_downgrade` replaces b2's downgrade.
  void project(const std::string& b2_downgrade =
                   "  op.drop_index(\"ix_t1_name\", \"t1\")\n  op.drop_column(\"t1\", \"note\")") {
    p->write_revision("a1a1a1a1a1a1", "", "create t1", kT1, "  op.drop_table(\"t1\")");
    p->write_revision("b2b2b2b2b2b2", "a1a1a1a1a1a1", "note and index",
                      "  op.add_column(\"t1\", sa.Column(\"note\", sa.Text()))\n"
                      "  op.create_index(\"ix_t1_name\", \"t1\", {\"name\"})",
                      b2_downgrade);
    p->write_revision("c3c3c3c3c3c3", "b2b2b2b2b2b2", "create t2",
                      "  op.create_table(\"t2\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                      "true }),\n    sa.Column(\"t1_id\", sa.Integer(), sa.ForeignKey(\"t1.id\", "
                      "{ name = \"fk_t2_t1\" })))",
                      "  op.drop_table(\"t2\")");
  }
  nlohmann::json json_of(const CommandResult& r) {
    try {
      return nlohmann::json::parse(r.out);
    } catch (const std::exception&) {
      ADD_FAILURE() << "not JSON: " << r.out << r.err;
      return {};
    }
  }
  // The result of `check` on `revision` ("" for a project-wide check) in the JSON report.
  static nlohmann::json find_case(const nlohmann::json& j, const std::string& check,
                                  const std::string& revision) {
    for (const auto& c : j["results"]) {
      if (c["check"] == check &&
          (revision.empty() ? c["revision"].is_null() : c["revision"] == revision))
        return c;
    }
    return {};
  }
  // How many of the scratch databases a `test --json` run names are still on the server (other
  // tests running at the same time make scratches of their own: only this run's are counted).
  long scratches_left(const nlohmann::json& run) {
    long left = 0;
    for (const auto& name : run["scratch_databases"]) {
      const std::string n = name.get<std::string>();
      left +=
          GetParam() == "postgresql"
              ? std::stol(p->scalar("SELECT count(*) FROM pg_database WHERE datname = '" + n + "'"))
              : std::stol(p->scalar("SELECT count(*) FROM information_schema.schemata WHERE "
                                    "schema_name = '" +
                                    n + "'"));
    }
    return left;
  }
  std::unique_ptr<Project> p;
};

TEST_P(MigrationTest, EveryCheckPassesOnASoundProject) {
  project();
  auto r = p->retort("test");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, fmt::format("10 check(s) on {}: 10 passed, 0 failed, 0 skipped", GetParam()) +
                       r.out.substr(r.out.find(" (")));
  EXPECT_EQ(r.err, "");

  r = p->retort("test --json --junit report.xml");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = json_of(r);
  EXPECT_EQ(j["dialect"], GetParam());
  EXPECT_EQ(j["passed"], true);
  EXPECT_EQ(j["failures"], 0);
  ASSERT_EQ(j["results"].size(), 10u) << j.dump(2);
  for (const char* check : {"single_head", "upgrade", "models_match", "offline_sql"})
    EXPECT_EQ(find_case(j, check, "")["status"], "passed") << check;
  for (const char* rev : {"a1a1a1a1a1a1", "b2b2b2b2b2b2", "c3c3c3c3c3c3"}) {
    EXPECT_EQ(find_case(j, "downgrade", rev)["status"], "passed") << rev;
    EXPECT_EQ(find_case(j, "stairway", rev)["status"], "passed") << rev;
  }
  const std::string xml = read_file(p->dir() / "report.xml");
  EXPECT_THAT(xml, HasSubstr("<testsuites name=\"retort test\" tests=\"10\" failures=\"0\""));
  EXPECT_THAT(xml, HasSubstr("<testcase classname=\"retort.stairway\" name=\"stairway "
                             "c3c3c3c3c3c3\""));
  EXPECT_THAT(xml, Not(HasSubstr("<failure")));

  // The project's database is not touched, and no scratch is left behind.
  EXPECT_FALSE(p->has_table("retort_version"));
  EXPECT_FALSE(p->has_table("t1"));
  EXPECT_EQ(j["scratch_databases"].empty(), GetParam() == "sqlite");
  EXPECT_EQ(scratches_left(j), 0);
}

TEST_P(MigrationTest, ADowngradeThatForgetsAColumnFailsNamingRevisionAndCheck) {
  project("  op.drop_index(\"ix_t1_name\", \"t1\")");  // the column `note` stays
  auto r = p->retort("test --junit report.xml");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("FAIL downgrade b2b2b2b2b2b2: the downgrade does not leave the schema it "
                        "found before the upgrade (to restore it: drop_column t1.note)\n"));
  // Upgrading again then fails: the column is still there.
  EXPECT_THAT(r.out, HasSubstr("FAIL stairway b2b2b2b2b2b2: upgrade again: "));
  EXPECT_THAT(r.out, HasSubstr(": 6 passed, 2 failed, 2 skipped ("));
  EXPECT_THAT(r.err, HasSubstr("check(s) failed, the first: downgrade b2b2b2b2b2b2\n"));
  const std::string xml = read_file(p->dir() / "report.xml");
  EXPECT_THAT(xml, HasSubstr("<testcase classname=\"retort.downgrade\" name=\"downgrade "
                             "b2b2b2b2b2b2\""));
  EXPECT_THAT(xml, HasSubstr("<failure message=\"the downgrade does not leave the schema"));
  // What follows the stairway's failure is skipped, and says why.
  r = p->retort("test --json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = json_of(r);
  EXPECT_EQ(j["passed"], false);
  EXPECT_EQ(find_case(j, "downgrade", "a1a1a1a1a1a1")["status"], "passed");
  EXPECT_EQ(find_case(j, "downgrade", "b2b2b2b2b2b2")["status"], "failed");
  EXPECT_EQ(find_case(j, "stairway", "c3c3c3c3c3c3")["status"], "skipped");
  EXPECT_EQ(find_case(j, "stairway", "c3c3c3c3c3c3")["message"],
            "the stairway stopped at b2b2b2b2b2b2");
  // The upgrade and the models are fine.
  EXPECT_EQ(find_case(j, "upgrade", "")["status"], "passed");
  EXPECT_EQ(find_case(j, "models_match", "")["status"], "passed");
}

TEST_P(MigrationTest, TwoHeadsFailSingleHead) {
  p->write_revision("a1a1a1a1a1a1", "", "create t1", kT1, "  op.drop_table(\"t1\")");
  p->write_revision("d4d4d4d4d4d4", "a1a1a1a1a1a1", "one branch",
                    "  op.add_column(\"t1\", sa.Column(\"note\", sa.Text()))",
                    "  op.drop_column(\"t1\", \"note\")");
  p->write_revision("e5e5e5e5e5e5", "a1a1a1a1a1a1", "another branch",
                    "  op.create_index(\"ix_t1_name\", \"t1\", {\"name\"})",
                    "  op.drop_index(\"ix_t1_name\", \"t1\")");
  auto r = p->retort("test --check single_head --check downgrade");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL single_head: 2 heads (d4d4d4d4d4d4, e5e5e5e5e5e5): merge "
                               "them with `retort merge heads -m MSG`\n"));
  // Each branch's downgrade is still checked, the other branch applied or not.
  EXPECT_THAT(r.out, HasSubstr("4 check(s) on " + GetParam() + ": 3 passed, 1 failed"));
  EXPECT_EQ(r.err, "retort: 1 check(s) failed, the first: single_head\n");
}

TEST_P(MigrationTest, ModelsOutOfDateFailModelsMatch) {
  project();
  write_file(p->dir() / "migrations" / "models.lua",
             std::string(kModels) +
                 "sa.Table(\"t3\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n");
  auto r = p->retort("test --check models_match");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL models_match: the schema at head differs from the models (1 "
                               "change(s): create_table t3): run `retort revision "
                               "--autogenerate -m MSG`\n"));
  EXPECT_EQ(r.err, "retort: 1 check(s) failed, the first: models_match\n");
}

TEST_P(MigrationTest, AnUpgradeThatFailsStopsTheStairwayThere) {
  project();
  p->write_revision("f6f6f6f6f6f6", "c3c3c3c3c3c3", "broken",
                    "  op.add_column(\"no_such_table\", sa.Column(\"x\", sa.Integer()))",
                    "  op.drop_column(\"no_such_table\", \"x\")");
  auto r = p->retort("test --json");
  EXPECT_EQ(r.code, 1) << r.err;
  nlohmann::json j = json_of(r);
  EXPECT_EQ(find_case(j, "upgrade", "")["status"], "failed");
  EXPECT_EQ(find_case(j, "models_match", "")["status"], "skipped");
  EXPECT_EQ(find_case(j, "offline_sql", "")["status"], "skipped");
  EXPECT_EQ(find_case(j, "stairway", "c3c3c3c3c3c3")["status"], "passed");
  EXPECT_EQ(find_case(j, "stairway", "f6f6f6f6f6f6")["status"], "failed");
  EXPECT_EQ(find_case(j, "downgrade", "f6f6f6f6f6f6")["status"], "skipped");
  EXPECT_EQ(scratches_left(j), 0);
}

TEST_P(MigrationTest, AnUnknownCheckIsAUsageError) {
  project();
  auto r = p->retort("test --check nope");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: unknown check nope: the checks are single_head, upgrade, "
            "models_match, offline_sql, downgrade, stairway\n");
}

// Data fixtures (migrations/fixtures/<rev>.lua): rows put in before a revision and checked after
// it, in the upgrade check and on every step of the stairway, in this order.
TEST_P(MigrationTest, FixturesRunAroundTheirRevisionInTheUpgradeAndTheStairway) {
  project();
  write_file(p->dir() / "migrations" / "fixtures" / "b2b2b2b2b2b2.lua", R"lua(-- t1 gets a note
function before_upgrade()
  print("b2 before_upgrade")
  op.bulk_insert(sa.table("t1", sa.column("id"), sa.column("name")),
                 { { id = 1, name = "ada" }, { id = 2, name = "bob" } })
end

function after_upgrade()
  print("b2 after_upgrade")
  local rows = op.get_bind():query("SELECT id, name, note FROM t1 ORDER BY id")
  assert(#rows == 2, "expected 2 rows, found " .. #rows)
  assert(rows[2].name == "bob" and rows[2].note == nil)
end

function after_downgrade()
  print("b2 after_downgrade")
  local rows = op.get_bind():query("SELECT name FROM t1 ORDER BY id")
  assert(#rows == 2 and rows[1].name == "ada", "the downgrade lost t1's rows")
end
)lua");
  // Rows in t2 when c3's downgrade drops it: the scratch's rows are the fixtures' own, so the
  // data-loss guard lets the downgrade run.
  write_file(p->dir() / "migrations" / "fixtures" / "c3c3c3c3c3c3.lua", R"lua(
function after_upgrade()
  print("c3 after_upgrade")
  op.get_bind():execute("INSERT INTO t2 (id, t1_id) VALUES (?, ?)", { 10, 1 })
end

function after_downgrade()
  print("c3 after_downgrade")
end
)lua");
  auto r = p->retort("test");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(": 10 passed, 0 failed, 0 skipped ("));
  EXPECT_EQ(r.err,
            "b2 before_upgrade\nb2 after_upgrade\nc3 after_upgrade\n"    // upgrade
            "b2 before_upgrade\nb2 after_upgrade\nb2 after_downgrade\n"  // stairway
            "c3 after_upgrade\nc3 after_downgrade\n");
  EXPECT_FALSE(p->has_table("t1"));
}

TEST_P(MigrationTest, AFailingFixtureAssertionFailsTheChecksNamingFileAndLine) {
  project();
  write_file(p->dir() / "migrations" / "fixtures" / "b2b2b2b2b2b2.lua", R"lua(-- line 1
function before_upgrade()
  op.get_bind():execute("INSERT INTO t1 (id, name) VALUES (1, 'ada'), (2, 'bob')")
end
function after_upgrade()
  local rows = op.get_bind():query("SELECT id FROM t1")
  assert(#rows == 3, "expected 3 rows in t1, found " .. #rows)
end
)lua");
  const std::string why =
      "after_upgrade: migrations/fixtures/b2b2b2b2b2b2.lua:7: expected 3 rows in t1, found 2";
  auto r = p->retort("test --junit report.xml");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL upgrade: " + why + "\n"));
  EXPECT_THAT(r.out, HasSubstr("FAIL stairway b2b2b2b2b2b2: " + why + "\n"));
  EXPECT_EQ(r.err, "retort: 2 check(s) failed, the first: upgrade\n");
  EXPECT_THAT(read_file(p->dir() / "report.xml"), HasSubstr("<failure message=\"" + why + "\">"));
  r = p->retort("test --json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = json_of(r);
  EXPECT_EQ(find_case(j, "upgrade", "")["message"], why);
  EXPECT_EQ(find_case(j, "stairway", "b2b2b2b2b2b2")["message"], why);
  EXPECT_EQ(find_case(j, "downgrade", "b2b2b2b2b2b2")["status"], "skipped");
  EXPECT_EQ(find_case(j, "downgrade", "b2b2b2b2b2b2")["message"],
            "its fixture's after_upgrade() failed");
  EXPECT_EQ(find_case(j, "stairway", "c3c3c3c3c3c3")["message"],
            "the stairway stopped at b2b2b2b2b2b2");
  EXPECT_EQ(scratches_left(j), 0);

  // error() with a message, in a helper: its own line.
  write_file(p->dir() / "migrations" / "fixtures" / "b2b2b2b2b2b2.lua", R"lua(
local function check(v) if not v then error("t1 is empty") end end
function after_downgrade()
  check(#op.get_bind():query("SELECT id FROM t1") > 0)
end
)lua");
  r = p->retort("test --check downgrade");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL downgrade b2b2b2b2b2b2: after_downgrade: "
                               "migrations/fixtures/b2b2b2b2b2b2.lua:2: t1 is empty\n"));
}

// A data migration (the backfill of a new column) proved by its fixture; the same fixture
// catches a backfill that misses rows.
TEST_P(MigrationTest, ABackfillIsVerifiedByItsFixture) {
  project();
  const std::string backfill =
      "  op.add_column(\"t1\", sa.Column(\"upper_name\", sa.String(50)))\n"
      "  if context.is_offline_mode then return end\n"
      "  op.get_bind():execute(\"UPDATE t1 SET upper_name = UPPER(name) WHERE id < :limit\", "
      "{ limit = context.x.limit and tonumber(context.x.limit) or 1000 })";
  p->write_revision("d4d4d4d4d4d4", "c3c3c3c3c3c3", "backfill upper_name", backfill,
                    "  op.drop_column(\"t1\", \"upper_name\")");
  write_file(p->dir() / "migrations" / "models.lua",
             std::string(kModels).replace(std::string(kModels).find("  sa.Column(\"note\""), 0,
                                          "  sa.Column(\"upper_name\", sa.String(50)),\n"));
  write_file(p->dir() / "migrations" / "fixtures" / "d4d4d4d4d4d4.lua", R"lua(
function before_upgrade()
  op.bulk_insert(sa.table("t1", sa.column("id"), sa.column("name")),
                 { { id = 1, name = "ada" }, { id = 2, name = "Bob" }, { id = 3, name = "cy" } })
end

function after_upgrade()
  local want = { "ADA", "BOB", "CY" }
  for i, row in ipairs(op.get_bind():query("SELECT id, upper_name FROM t1 ORDER BY id")) do
    assert(row.upper_name == want[i],
           string.format("row %d: expected %s, got %s", row.id, want[i], tostring(row.upper_name)))
  end
end

function after_downgrade()
  assert(#op.get_bind():query("SELECT id FROM t1") == 3, "the downgrade lost rows")
end
)lua");
  auto r = p->retort("test");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(": 12 passed, 0 failed, 0 skipped ("));

  // A backfill that stops early: the fixture names the first row it missed.
  r = p->retort("-x limit=3 test --check upgrade --check stairway");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const std::string why =
      "after_upgrade: migrations/fixtures/d4d4d4d4d4d4.lua:10: row 3: expected CY, got nil";
  EXPECT_THAT(r.out, HasSubstr("FAIL upgrade: " + why + "\n"));
  EXPECT_THAT(r.out, HasSubstr("FAIL stairway d4d4d4d4d4d4: " + why + "\n"));
  EXPECT_THAT(r.out, HasSubstr(": 3 passed, 2 failed, 0 skipped ("));
}

TEST_P(MigrationTest, AFixtureForAnUnknownRevisionOrThatChangesTheSchemaIsAnError) {
  project();
  write_file(p->dir() / "migrations" / "fixtures" / "b2b2b2.lua", "function after_upgrade() end\n");
  auto r = p->retort("test");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "retort: error: migrations/fixtures/b2b2b2.lua: no revision b2b2b2: a fixture is named "
            "after the full id of the revision it tests (<revision id>.lua); rename or remove "
            "it\n");
  std::filesystem::remove(p->dir() / "migrations" / "fixtures" / "b2b2b2.lua");

  write_file(p->dir() / "migrations" / "fixtures" / "c3c3c3c3c3c3.lua",
             "function before_upgrade()\n  op.drop_table(\"t1\")\nend\n");
  r = p->retort("test --check upgrade");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL upgrade: before_upgrade: "
                               "migrations/fixtures/c3c3c3c3c3c3.lua:2: op.drop_table t1 in a "
                               "fixture: fixtures put rows in and check them (op.bulk_insert, "
                               "op.execute, op.get_bind()); schema changes belong in revisions\n"));

  // A fixture with none of the hooks (a misspelt name) is not silently ignored.
  write_file(p->dir() / "migrations" / "fixtures" / "c3c3c3c3c3c3.lua",
             "function before_upgrades()\nend\n");
  r = p->retort("test --check upgrade");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL upgrade: before_upgrade: migrations/fixtures/"
                               "c3c3c3c3c3c3.lua: defines none of before_upgrade(), "
                               "after_upgrade(), after_downgrade(): a fixture runs only these\n"));

  // --fixtures names another folder; one that does not exist is an error.
  r = p->retort("test --fixtures nowhere");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "retort: error: the fixtures folder nowhere does not exist\n");
}

INSTANTIATE_TEST_SUITE_P(Dialects, MigrationTest,
                         ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
