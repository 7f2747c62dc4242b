// The history table (docs/design/version-table.md): one row per step that ran, read back with
// `retort history --applied`. The same scenarios on SQLite, PostgreSQL and MariaDB.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class History : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void three_revisions() {
    p->write_revision("a1a1a1a1a1a1", "", "create t1",
                      "  op.create_table(\"t1\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                      "true }))",
                      "  op.drop_table(\"t1\")");
    p->write_revision("b2b2b2b2b2b2", "a1a1a1a1a1a1", "create t2",
                      "  op.create_table(\"t2\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                      "true }))\n  op.create_index(\"ix_t2_id\", \"t2\", {\"id\"})",
                      "  op.drop_index(\"ix_t2_id\", \"t2\")\n  op.drop_table(\"t2\")");
    p->write_revision("c3c3c3c3c3c3", "b2b2b2b2b2b2", "create t3",
                      "  op.create_table(\"t3\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                      "true }))",
                      "  op.drop_table(\"t3\")");
  }
  nlohmann::json applied() {
    auto r = p->retort("history --applied --json");
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  std::unique_ptr<Project> p;
};

TEST_P(History, EachStepLeavesOneRowSharingTheRunId) {
  p->write_config();
  three_revisions();
  auto r = p->retort("upgrade head --tag release-7");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json rows = applied();
  ASSERT_EQ(rows.size(), 3u) << rows.dump(2);
  // Newest first.
  EXPECT_EQ(rows[0]["revision"], "c3c3c3c3c3c3");
  EXPECT_EQ(rows[1]["revision"], "b2b2b2b2b2b2");
  EXPECT_EQ(rows[2]["revision"], "a1a1a1a1a1a1");
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    EXPECT_EQ(row["run_id"], rows[0]["run_id"]);
    EXPECT_EQ(row["seq"], 3 - static_cast<int>(i));
    EXPECT_EQ(row["direction"], "upgrade");
    EXPECT_EQ(row["success"], true);
    EXPECT_EQ(row["tag"], "release-7");
    EXPECT_THAT(row["checksum"].get<std::string>(), MatchesRegex("sha256:[0-9a-f]{64}"));
    EXPECT_THAT(row["started_at"].get<std::string>(),
                MatchesRegex("20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:.]+Z"));
    EXPECT_FALSE(row["finished_at"].is_null());
    EXPECT_GE(row["duration_us"].get<long>(), 0);
    EXPECT_THAT(row["applied_by"].get<std::string>(), HasSubstr("@"));
    EXPECT_FALSE(row["retort_version"].get<std::string>().empty());
    EXPECT_GE(row["lock_wait_ms"].get<long>(), 0);
  }
  EXPECT_EQ(rows[1]["statements"], 2);  // create_table and create_index
  EXPECT_EQ(rows[0]["statements"], 1);

  r = p->retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.err;
  rows = applied();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["revision"], "c3c3c3c3c3c3");
  EXPECT_EQ(rows[0]["direction"], "downgrade");
  EXPECT_EQ(rows[0]["seq"], 1);
  EXPECT_NE(rows[0]["run_id"], rows[1]["run_id"]);
  EXPECT_TRUE(rows[0]["tag"].is_null());

  // The text form: one line per row, newest first.
  r = p->retort("history --applied");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("[0-9T:.Z-]+  downgrade c3c3c3c3c3c3  ok \\(.*\\)\n"
                                  "(.*\n){2}[0-9T:.Z-]+  upgrade   a1a1a1a1a1a1  ok \\(.* "
                                  "by .*@.*, run [0-9a-f]{8}, tag release-7\\)\n"));
}

TEST_P(History, StampAndFailureAreRecordedToo) {
  p->write_config();
  three_revisions();
  auto r = p->retort("stamp b2b2b2b2b2b2");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json rows = applied();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["direction"], "stamp");
  EXPECT_EQ(rows[0]["revision"], "b2b2b2b2b2b2");
  EXPECT_EQ(rows[0]["detail"], "stamp from base");
  EXPECT_TRUE(rows[0]["checksum"].is_null());

  // c3 fails on its second op: the step's row says so, with the error.
  p->write_revision("c3c3c3c3c3c3", "b2b2b2b2b2b2", "create t3",
                    "  op.create_table(\"t3\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))\n  op.execute(\"INSERT INTO no_such_table VALUES (1)\")",
                    "  op.drop_table(\"t3\")");
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 1);
  rows = applied();
  ASSERT_EQ(rows.size(), 2u) << rows.dump(2);
  EXPECT_EQ(rows[0]["revision"], "c3c3c3c3c3c3");
  EXPECT_EQ(rows[0]["success"], false);
  EXPECT_THAT(rows[0]["detail"].get<std::string>(), HasSubstr("no_such_table"));
  EXPECT_EQ(p->version_rows(), (std::vector<std::string>{"b2b2b2b2b2b2"}));
  r = p->retort("history --applied");
  EXPECT_THAT(r.out, HasSubstr("c3c3c3c3c3c3  FAILED"));
}

TEST_P(History, AnOlderDatabaseGainsTheTableOnItsNextWrite) {
  p->write_config();
  three_revisions();
  ASSERT_EQ(p->retort("upgrade b2b2b2b2b2b2").code, 0);
  // A database an earlier retort made: the version table and no history.
  p->db().execute("DROP TABLE retort_version_history");
  auto r = p->retort("history --applied");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "No migration has run on this database yet.\n");
  ASSERT_EQ(p->retort("current").code, 0);
  EXPECT_FALSE(p->has_table("retort_version_history"));  // reads do not create it
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(applied().size(), 1u);
}

TEST_P(History, NamedAfterAlembicsVersionTableAndLeftOutOfCheck) {
  p->write_config("version_table = \"alembic_version\"\nmodels = \"migrations/models.lua\"");
  three_revisions();
  std::ofstream(p->dir() / "migrations/models.lua")
      << "sa.Table(\"t1\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n"
         "sa.Table(\"t2\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
         "  sa.Index(\"ix_t2_id\", \"id\"))\n"
         "sa.Table(\"t3\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n";
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->has_table("alembic_version_history"));
  EXPECT_EQ(p->scalar("SELECT version_num FROM alembic_version"), "c3c3c3c3c3c3");
  EXPECT_EQ(p->count("alembic_version_history"), 3);
  r = p->retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // A configured name.
  p->write_config("version_table = \"alembic_version\"\nhistory_table = \"audit_trail\"");
  ASSERT_EQ(p->retort("downgrade base").code, 0);
  EXPECT_EQ(p->count("audit_trail"), 3);
}

TEST_P(History, OfflineSqlCarriesTheHistoryInserts) {
  p->write_config();
  three_revisions();
  auto r = p->retort("upgrade head --sql --tag t9");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("CREATE TABLE IF NOT EXISTS"));
  size_t inserts = 0;
  for (size_t at = r.out.find("'offline (--sql)'"); at != std::string::npos;
       at = r.out.find("'offline (--sql)'", at + 1))
    ++inserts;
  EXPECT_EQ(inserts, 3u) << r.out;  // one history INSERT per step
  EXPECT_THAT(r.out, HasSubstr("'t9'"));
}

TEST_P(History, VerifyNamesEditedAndMissingAppliedRevisions) {
  p->write_config();
  three_revisions();
  ASSERT_EQ(p->retort("upgrade b2b2b2b2b2b2").code, 0);
  auto r = p->retort("verify");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "OK: 2 applied revision(s) match the checksums recorded when they ran\n");

  // CRLF line endings and a move to another version folder are no edit.
  p->shell(
      "mkdir -p migrations/more && sed 's/$/\\r/' migrations/versions/a1a1a1a1a1a1_*.lua "
      "> migrations/more/a1a1a1a1a1a1_moved.lua && rm migrations/versions/a1a1a1a1a1a1_*.lua");
  p->write_config("version_locations = [\"migrations/versions\", \"migrations/more\"]");
  r = p->retort("verify");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // One byte of b2's code changed: verify names it, upgrade refuses.
  p->shell("sed -i 's/ix_t2_id/ix_t2_Id/' migrations/versions/b2b2b2b2b2b2_*.lua");
  r = p->retort("verify");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, MatchesRegex("b2b2b2b2b2b2: migrations/versions/b2b2b2b2b2b2_create_t2.lua "
                                  "changed since it was applied \\(recorded sha256:[0-9a-f]{64}, "
                                  "now sha256:[0-9a-f]{64}\\)\n"));
  EXPECT_EQ(r.err,
            "retort: 1 applied revision(s) changed or missing: restore them, or accept an edit "
            "with `retort repair --accept REV`\n");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(
      r.err,
      "retort: error: applied revision(s) b2b2b2b2b2b2 changed since they ran (`retort verify` "
      "shows how): restore the file(s), or accept the edit with `retort repair --accept "
      "REV`, or set on_changed_applied = \"warn\" in retort.toml\n");
  EXPECT_FALSE(p->has_table("t3"));

  // on_changed_applied = "warn": a warning, and the upgrade runs.
  p->write_config(
      "version_locations = [\"migrations/versions\", \"migrations/more\"]\n"
      "on_changed_applied = \"warn\"");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("retort: warning: applied revision(s) b2b2b2b2b2b2 changed since "
                               "they ran"));
  ASSERT_EQ(p->retort("downgrade b2b2b2b2b2b2").code, 0);

  // repair --accept records the edit with an audit row; verify is clean again.
  p->write_config("version_locations = [\"migrations/versions\", \"migrations/more\"]");
  r = p->retort("repair --accept b2b2b2b2b2b2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "accepted the script of b2b2b2b2b2b2 as applied\n");
  nlohmann::json rows = applied();
  EXPECT_EQ(rows[0]["direction"], "repair");
  EXPECT_EQ(rows[0]["revision"], "b2b2b2b2b2b2");
  EXPECT_THAT(
      rows[0]["detail"].get<std::string>(),
      MatchesRegex("repair --accept: accepted the edited script \\(was sha256:[0-9a-f]{64}\\)"));
  EXPECT_NE(rows[0]["checksum"], rows[3]["checksum"]);
  r = p->retort("verify");
  EXPECT_EQ(r.code, 0) << r.out;
  r = p->retort("repair --accept c3c3c3c3c3c3");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: revision c3c3c3c3c3c3 is not applied: there is no edit to accept\n");

  // A version row whose script is gone.
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  p->shell("rm migrations/versions/c3c3c3c3c3c3_*.lua");
  r = p->retort("verify --json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json v = nlohmann::json::parse(r.out);
  EXPECT_EQ(v["ok"], false);
  ASSERT_EQ(v["changed"].size(), 1u);
  EXPECT_EQ(v["changed"][0]["revision"], "c3c3c3c3c3c3");
  EXPECT_EQ(v["changed"][0]["state"], "missing");
  EXPECT_THAT(v["changed"][0]["recorded"].get<std::string>(), MatchesRegex("sha256:[0-9a-f]{64}"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, History, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
