// The migration journal (docs/design/version-table.md): where DDL commits on its own (MariaDB),
// a migration left part-applied by a failure or a kill is named by the next upgrade, downgrade
// and current, refused until settled, and settled by `retort resume` or `retort repair
// --applied/--not-applied`. SQLite and PostgreSQL roll a failed run back whole: nothing to
// resume, and nothing changes for them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kA = "aaaa00000001";
constexpr const char* kB = "bbbb00000002";

const char* kCreateT1 =
    "  op.create_table(\"t1\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))";

// B: two columns added to t1, then a third statement that fails (t1 exists already).
std::string failing_b(const std::string& third) {
  return "  op.add_column(\"t1\", sa.Column(\"c1\", sa.Integer()))\n"
         "  op.add_column(\"t1\", sa.Column(\"c2\", sa.Integer()))\n" +
         third;
}

class Journal : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
    p->write_revision(kA, "", "create t1", kCreateT1, "  op.drop_table(\"t1\")");
  }
  bool journaled() const { return GetParam() == "mysql"; }
  std::unique_ptr<Project> p;
};

TEST_P(Journal, AFailurePartWayIsNamedRefusedAndResumedOnceFixed) {
  p->write_revision(kB, kA, "widen t1", failing_b("  " + std::string(kCreateT1).substr(2)),
                    "  op.drop_column(\"t1\", \"c2\")\n  op.drop_column(\"t1\", \"c1\")");
  CommandResult r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 1) << r.err;
  if (!journaled()) {
    EXPECT_THAT(r.err, HasSubstr("the run was rolled back, the database is as it was"));
    EXPECT_TRUE(p->version_rows().empty());
    r = p->retort("resume");
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(
        r.err,
        "retort: error: nothing to resume: no migration was interrupted (`retort current` shows "
        "where the database stands)\n");
    r = p->retort("current");
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.out, Not(HasSubstr("interrupted")));
    return;
  }
  EXPECT_THAT(r.err, HasSubstr("of " + std::string(kB) +
                               ", statements 1-2 are applied: run "
                               "`retort resume` to run the rest of it once the cause is fixed"));
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{kA});

  // The next run names the state and refuses, in one line, exit 1.
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("retort: error: the upgrade of " + std::string(kB) +
                               " failed at statement 3 ("));
  EXPECT_THAT(r.err, HasSubstr("already exists"));
  EXPECT_THAT(r.err, HasSubstr("); statements 1-2 are applied, the version table does not "
                               "record " +
                               std::string(kB) + ": run `retort resume`"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  r = p->retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("failed at statement 3"));
  r = p->retort("current");
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr(kA));
  EXPECT_THAT(r.out, HasSubstr("interrupted: the upgrade of " + std::string(kB) +
                               " failed at statement 3"));
  r = p->retort("current --json");
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(nlohmann::json::parse(r.out)["interrupted"].get<std::string>(),
              HasSubstr("statements 1-2 are applied"));

  // Fixed: the third op creates t2. The first two are applied already and not run again.
  p->write_revision(
      kB, kA, "widen t1",
      failing_b("  op.create_table(\"t2\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                "true }))"),
      "  op.drop_table(\"t2\")\n  op.drop_column(\"t1\", \"c2\")\n  op.drop_column(\"t1\", "
      "\"c1\")");
  r = p->retort("resume");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("resumed: the database is at " + std::string(kB)));
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{kB});
  EXPECT_EQ(p->columns("t1"), (std::vector<std::string>{"id", "c1", "c2"}));
  EXPECT_TRUE(p->has_table("t2"));
  r = p->retort("current");
  EXPECT_THAT(r.out, Not(HasSubstr("interrupted")));
  r = p->retort("history --applied --json");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json rows = nlohmann::json::parse(r.out);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[0]["revision"], kB);
  EXPECT_EQ(rows[0]["success"], true);
  EXPECT_EQ(rows[0]["statements"], 3);  // the two resumed over, and the one run
  EXPECT_EQ(rows[1]["revision"], kB);
  EXPECT_EQ(rows[1]["success"], false);
  EXPECT_THAT(rows[1]["detail"].get<std::string>(), HasSubstr("resumed by run"));
  // Downgrade and upgrade again run the whole migration as usual.
  r = p->retort("downgrade base");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p->retort("resume");
  EXPECT_EQ(r.code, 2);
}

// Only where DDL commits on its own: elsewhere nothing is left part-applied.
class JournalMysql : public Journal {};

TEST_P(JournalMysql, ResumeRefusesWhenTheAppliedStatementsChanged) {
  p->write_revision(kB, kA, "widen t1", failing_b("  " + std::string(kCreateT1).substr(2)), "");
  ASSERT_EQ(p->retort("upgrade head").code, 1);
  // The first op now adds another column: what ran is not what the script says.
  p->write_revision(kB, kA, "widen t1",
                    "  op.add_column(\"t1\", sa.Column(\"other\", sa.Integer()))\n"
                    "  op.add_column(\"t1\", sa.Column(\"c2\", sa.Integer()))\n",
                    "");
  CommandResult r = p->retort("resume");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "retort: error: cannot resume " + std::string(kB) +
                       ": its first 2 statement(s) compile differently now than when they ran "
                       "(the script or the schema changed): check the database, then run "
                       "`retort repair --applied " +
                       kB + "` or `retort repair --not-applied " + kB + "`\n");
  EXPECT_EQ(p->columns("t1"), (std::vector<std::string>{"id", "c1", "c2"}));
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{kA});
}

// A script that ran SQL of its own through op.get_bind() cannot be resumed blindly.
class JournalBind : public Journal {
 protected:
  void fail_after_bind() {
    p->write_revision(kB, kA, "backfill",
                      "  op.create_table(\"runs\", sa.Column(\"rev\", sa.String(20)))\n"
                      "  op.get_bind():execute(\"INSERT INTO runs (rev) VALUES ('b')\")\n" +
                          std::string(kCreateT1),
                      "  op.drop_table(\"runs\")");
    CommandResult r = p->retort("upgrade head");
    ASSERT_EQ(r.code, 1);
    ASSERT_THAT(r.err, HasSubstr("retort cannot resume it blindly"));
  }
};

TEST_P(JournalBind, IsRefusedAndSettledByRepairApplied) {
  fail_after_bind();
  CommandResult r = p->retort("resume");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("retort: error: cannot resume: the upgrade of " + std::string(kB) +
                               " failed at statement 2 ("));
  EXPECT_THAT(r.err, HasSubstr("; statement 1 is applied, the version table does not record " +
                               std::string(kB) +
                               "; its script also ran SQL of its own through op.get_bind(), "
                               "which may be applied: retort cannot resume it blindly: check "
                               "the database, then run `retort repair --applied " +
                               kB + "` (record it as done) or `retort repair --not-applied " + kB +
                               "` (after undoing what it applied)\n"));
  r = p->retort("repair --applied nosuch");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "retort: error: repair --applied nosuch: no interrupted migration of nosuch is "
            "recorded (" +
                std::string(kB) + " is the one interrupted)\n");
  r = p->retort(std::string("repair --applied ") + kB);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "recorded " + std::string(kB) + " as applied\n");
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{kB});
  EXPECT_EQ(p->count("runs"), 1);
  r = p->retort("current");
  EXPECT_THAT(r.out, Not(HasSubstr("interrupted")));
  r = p->retort("history --applied --json");
  nlohmann::json rows = nlohmann::json::parse(r.out);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[0]["direction"], "repair");
  EXPECT_THAT(rows[0]["detail"].get<std::string>(),
              HasSubstr("repair --applied: upgrade of " + std::string(kB) +
                        " recorded as applied after statement 1"));
  EXPECT_EQ(rows[1]["revision"], kB);
  EXPECT_EQ(rows[1]["success"], true);
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "already at " + std::string(kB) + "\n");
}

TEST_P(JournalBind, RepairNotAppliedLeavesTheVersionTable) {
  fail_after_bind();
  // The user undoes what ran, then says so.
  p->db().execute("DROP TABLE runs");
  CommandResult r = p->retort(std::string("repair --not-applied ") + kB);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "recorded " + std::string(kB) + " as not applied: the version table is unchanged\n");
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{kA});
  r = p->retort(std::string("repair --not-applied ") + kB);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "retort: error: repair --not-applied " + std::string(kB) +
                       ": no interrupted migration of " + kB + " is recorded\n");
  // Fixed script: the whole migration runs again from the start.
  p->write_revision(kB, kA, "backfill",
                    "  op.create_table(\"runs\", sa.Column(\"rev\", sa.String(20)))\n"
                    "  op.get_bind():execute(\"INSERT INTO runs (rev) VALUES ('b')\")\n",
                    "  op.drop_table(\"runs\")");
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->count("runs"), 1);
}

// Killed while a statement waits for a lock the test holds: the server finishes the round trip
// the dead client sent (the statement and its journal entry), and the journal names the state.
TEST_P(Journal, KilledMidMigrationIsNamedAndResumed) {
  p->write_revision(kB, kA, "widen",
                    "  op.create_table(\"t2\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))\n"
                    "  op.add_column(\"t1\", sa.Column(\"c1\", sa.Integer()))\n"
                    "  op.add_column(\"t2\", sa.Column(\"c2\", sa.Integer()))\n",
                    "  op.drop_table(\"t2\")\n  op.drop_column(\"t1\", \"c1\")");
  ASSERT_EQ(p->retort(std::string("upgrade ") + kA).code, 0);
  if (!journaled()) return;  // the kill test (scripts/kill_test.py) covers the others
  // A second session holds t1's metadata lock: B's second statement waits for it.
  Connection& holder = p->db();
  holder.begin();
  holder.query("SELECT * FROM t1");
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(p->dir().c_str()) != 0) _exit(127);
    execl(RETORT_BIN, RETORT_BIN, "upgrade", "head", static_cast<char*>(nullptr));
    _exit(127);
  }
  ASSERT_GT(pid, 0);
  // Wait for the event: the journal says statement 2 was sent.
  auto watcher = find_dialect("mysql").connect(Url::parse(p->url()));
  for (;;) {
    ResultSet rs = watcher->query(
        "SELECT COUNT(*) FROM retort_version_history WHERE detail LIKE '%running: ALTER TABLE "
        "`t1`%'");
    if (!rs.rows.empty() && value_text(rs.rows[0][0]) == "1") break;
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  holder.commit();
  // The killed session's round trip runs to its end on the server.
  for (;;) {
    ResultSet rs = watcher->query(
        "SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE() AND id NOT "
        "IN (CONNECTION_ID(), ?)",
        {Value(value_text(holder.query("SELECT CONNECTION_ID()").rows[0][0]))});
    if (value_text(rs.rows[0][0]) == "0") break;
  }
  CommandResult r = p->retort("current");
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out,
              HasSubstr("interrupted: the upgrade of " + std::string(kB) +
                        " was interrupted after statement 2: ALTER TABLE `t1` ADD COLUMN "
                        "`c1` INTEGER NULL; statements 1-2 are applied, the version table does "
                        "not record " +
                        std::string(kB) + ": run `retort resume`"));
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("was interrupted after statement 2"));
  r = p->retort("resume");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->version_rows(), std::vector<std::string>{kB});
  EXPECT_EQ(p->columns("t2"), (std::vector<std::string>{"id", "c2"}));
  EXPECT_EQ(p->columns("t1"), (std::vector<std::string>{"id", "c1"}));
}

INSTANTIATE_TEST_SUITE_P(Dialects, Journal, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Dialects, JournalMysql, ::testing::Values("mysql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Dialects, JournalBind, ::testing::Values("mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
