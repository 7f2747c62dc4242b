// End-to-end scenarios: the `retort` binary in a temp project against a real database. The same
// scenarios and assertions run on SQLite, PostgreSQL and MariaDB.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

const char* kCreateUsuarios = R"(  op.create_table("usuarios",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("nome", sa.String(120), { nullable = false }),
    sa.Column("email", sa.String(255), { nullable = false, unique = true }))
)";

// The canonical migration from the README (String without a length is fine on SQLite and
// PostgreSQL; MySQL needs one, so the scenario gives 255 there).
std::string canonical_upgrade(const std::string& dialect) {
  std::string str = dialect == "mysql" ? "sa.String(255)" : "sa.String()";
  return "  op.add_column(\"usuarios\", sa.Column(\"avatar_url\", " + str +
         ", { nullable = true }))\n"
         "  op.add_column(\"usuarios\", sa.Column(\"created_at\", sa.DateTime(), { nullable = true "
         "}))";
}
const char* kCanonicalDowngrade = R"(  op.drop_column("usuarios", "created_at")
  op.drop_column("usuarios", "avatar_url"))";

class Scenario : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
  }
  void two_revisions() {
    p->write_revision("9a8b7c6d5e4f", "", "create usuarios", kCreateUsuarios,
                      "  op.drop_table(\"usuarios\")");
    p->write_revision("3f2a1b9c8d7e", "9a8b7c6d5e4f", "add avatar_url and created_at to usuarios",
                      canonical_upgrade(GetParam()), kCanonicalDowngrade);
  }
  void insert_people() {
    p->db().execute("INSERT INTO usuarios (nome, email) VALUES ('Ana', 'ana@example.com')");
    p->db().execute("INSERT INTO usuarios (nome, email) VALUES ('Bruno', 'bruno@example.com')");
  }
  std::unique_ptr<Project> p;
};

using Cols = std::vector<std::string>;

TEST_P(Scenario, CanonicalUpgradeDowngradeKeepsRows) {
  two_revisions();
  auto r = p->retort("upgrade 9a8b7c6d5e4f");
  ASSERT_EQ(r.code, 0) << r.err;
  insert_people();

  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("3f2a1b9c8d7e"));
  EXPECT_EQ(p->columns("usuarios"), (Cols{"id", "nome", "email", "avatar_url", "created_at"}));
  EXPECT_EQ(p->count("usuarios"), 2);
  EXPECT_EQ(p->version_rows(), (Cols{"3f2a1b9c8d7e"}));

  r = p->retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("usuarios"), (Cols{"id", "nome", "email"}));
  EXPECT_EQ(p->count("usuarios"), 2);
  EXPECT_EQ(p->version_rows(), (Cols{"9a8b7c6d5e4f"}));

  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("usuarios"), (Cols{"id", "nome", "email", "avatar_url", "created_at"}));

  // Data in avatar_url: the downgrade would destroy it, so it is refused, and nothing changes.
  p->db().execute(
      "UPDATE usuarios SET avatar_url = 'https://example.com/ana.png' WHERE nome = 'Ana'");
  r = p->retort("downgrade -1");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("drop_column usuarios.avatar_url would destroy data"));
  EXPECT_THAT(r.err, HasSubstr("--allow-data-loss"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  p->reconnect();
  EXPECT_EQ(p->columns("usuarios"), (Cols{"id", "nome", "email", "avatar_url", "created_at"}));
  EXPECT_EQ(p->version_rows(), (Cols{"3f2a1b9c8d7e"}));

  r = p->retort("downgrade -1 --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.err;
  p->reconnect();
  EXPECT_EQ(p->columns("usuarios"), (Cols{"id", "nome", "email"}));
  EXPECT_EQ(p->count("usuarios"), 2);
  EXPECT_EQ(p->scalar("SELECT email FROM usuarios WHERE nome = 'Bruno'"), "bruno@example.com");
  EXPECT_EQ(p->version_rows(), (Cols{"9a8b7c6d5e4f"}));
}

TEST_P(Scenario, DropTableWithRowsIsRefusedUnlessAllowedInTheScript) {
  p->write_revision(
      "aaaaaaaaaaaa", "", "create t",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
      "  op.drop_table(\"t\")");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  p->db().execute("INSERT INTO t (id) VALUES (1)");
  auto r = p->retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("drop_table t would destroy data"));
  p->reconnect();
  EXPECT_EQ(p->count("t"), 1);
  EXPECT_EQ(p->version_rows(), (Cols{"aaaaaaaaaaaa"}));

  p->write_revision(
      "aaaaaaaaaaaa", "", "create t",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
      "  op.drop_table(\"t\", { allow_data_loss = true })");
  r = p->retort("downgrade base");
  ASSERT_EQ(r.code, 0) << r.err;
  p->reconnect();
  EXPECT_FALSE(p->has_table("t"));
  EXPECT_TRUE(p->version_rows().empty());
}

TEST_P(Scenario, DropWithRowsAmongSeveralDropsIsRefusedWithNothingApplied) {
  // One migration, several destructive ops: the guard asks about all of them before any runs.
  p->write_revision("aaaaaaaaaaaa", "", "create x, y, z",
                    "  op.create_table(\"x\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }), sa.Column(\"extra\", sa.Integer()))\n"
                    "  op.create_table(\"y\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))\n"
                    "  op.create_table(\"z\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))",
                    "  op.drop_column(\"x\", \"extra\")\n"
                    "  op.drop_table(\"y\")\n"
                    "  op.drop_table(\"z\")\n"
                    "  op.drop_table(\"x\")");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  p->db().execute("INSERT INTO x (id) VALUES (1)");  // extra stays NULL: only the table counts
  p->db().execute("INSERT INTO z (id) VALUES (1)");
  auto r = p->retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("drop_table z would destroy data (the table holds rows)"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  p->reconnect();
  EXPECT_EQ(p->columns("x"), (Cols{"id", "extra"}));
  EXPECT_TRUE(p->has_table("y"));
  EXPECT_EQ(p->count("z"), 1);
  EXPECT_EQ(p->version_rows(), (Cols{"aaaaaaaaaaaa"}));

  // The first part that would destroy data is the one named.
  p->db().execute("UPDATE x SET extra = 7");
  r = p->retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("drop_column x.extra would destroy data (the column holds "
                               "non-NULL values)"));
  p->reconnect();
  EXPECT_EQ(p->columns("x"), (Cols{"id", "extra"}));
  EXPECT_TRUE(p->has_table("y"));

  ASSERT_EQ(p->retort("downgrade base --allow-data-loss").code, 0);
  p->reconnect();
  EXPECT_FALSE(p->has_table("x"));
  EXPECT_FALSE(p->has_table("z"));
  EXPECT_TRUE(p->version_rows().empty());
}

// A table dropped behind retort's back: the guard has nothing to ask about it, and the error is
// the database's own, naming the DROP; the drops after it in the migration do not run.
TEST_P(Scenario, DropOfATableThatIsGoneIsNamedByTheDatabase) {
  p->write_revision("aaaaaaaaaaaa", "", "create t and u",
                    "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))\n"
                    "  op.create_table(\"u\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }))",
                    "  op.drop_table(\"u\")\n"
                    "  op.drop_table(\"t\")");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  p->db().execute("DROP TABLE u");
  auto r = p->retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, ContainsRegex("in statement: DROP TABLE [\"`]u[\"`]"));
  EXPECT_THAT(r.err, Not(HasSubstr("would destroy data")));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  p->reconnect();
  EXPECT_TRUE(p->has_table("t"));
  EXPECT_EQ(p->version_rows(), (Cols{"aaaaaaaaaaaa"}));
}

TEST_P(Scenario, FailureInALaterMigrationLeavesNothingHalfApplied) {
  two_revisions();
  p->write_revision("bbbbbbbbbbbb", "3f2a1b9c8d7e", "broken",
                    "  op.add_column(\"usuarios\", sa.Column(\"x\", sa.Integer()))\n"
                    "  op.execute(\"SELECT * FROM no_such_table\")",
                    "  op.drop_column(\"usuarios\", \"x\")");
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("no_such_table"));
  EXPECT_THAT(r.err, HasSubstr("bbbbbbbbbbbb"));
  p->reconnect();
  if (GetParam() == "mysql") {
    // MySQL commits DDL implicitly: earlier migrations stay applied and recorded.
    EXPECT_EQ(p->version_rows(), (Cols{"3f2a1b9c8d7e"}));
    EXPECT_THAT(r.err, HasSubstr("stay applied"));
  } else {
    EXPECT_FALSE(p->has_table("usuarios"));
    EXPECT_TRUE(p->version_rows().empty());
  }
}

// The ops' DDL may go to the server in one round trip (MySQL, PostgreSQL): a failure in the middle
// still names its own statement, the statements after it never run, and the migration is not
// recorded.
TEST_P(Scenario, FailingDdlInTheMiddleOfAMigrationIsNamedAndStopsTheRest) {
  two_revisions();
  p->write_revision("dddddddddddd", "3f2a1b9c8d7e", "index_twice",
                    "  op.add_column(\"usuarios\", sa.Column(\"before_it\", sa.Integer()))\n"
                    "  op.create_index(\"ix_usuarios_twice\", \"usuarios\", { \"id\" })\n"
                    "  op.create_index(\"ix_usuarios_twice\", \"usuarios\", { \"id\" })\n"
                    "  op.add_column(\"usuarios\", sa.Column(\"after_it\", sa.Integer()))",
                    "");
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("dddddddddddd"));
  EXPECT_THAT(r.err, HasSubstr("in statement: CREATE INDEX"));
  EXPECT_THAT(r.err, HasSubstr("ix_usuarios_twice"));
  EXPECT_THAT(r.err, Not(HasSubstr("after_it")));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  p->reconnect();
  const Cols cols = p->columns("usuarios");
  EXPECT_EQ(std::count(cols.begin(), cols.end(), "after_it"), 0);
  if (GetParam() == "mysql") {
    // What ran before the failure stays (MySQL commits DDL), the migration is not recorded.
    EXPECT_EQ(std::count(cols.begin(), cols.end(), "before_it"), 1);
    EXPECT_EQ(p->version_rows(), (Cols{"3f2a1b9c8d7e"}));
  } else {
    EXPECT_EQ(std::count(cols.begin(), cols.end(), "before_it"), 0);
    EXPECT_TRUE(p->version_rows().empty());
  }
}

TEST_P(Scenario, LuaErrorsNameFileAndLineAndApplyNothing) {
  two_revisions();
  p->write_revision("cccccccccccc", "3f2a1b9c8d7e", "raises",
                    "  op.add_column(\"usuarios\", sa.Column(\"y\", sa.Integer()))\n"
                    "  error(\"boom\")",
                    "");
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cccccccccccc_raises.lua:14: boom"));
  p->reconnect();
  if (GetParam() != "mysql") EXPECT_TRUE(p->version_rows().empty());

  p->write_revision("cccccccccccc", "3f2a1b9c8d7e", "raises",
                    "  op.add_column(\"usuarios\", sa.Column(\"y\", sa.NoSuchType()))", "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cccccccccccc_raises.lua:13:"));
}

TEST_P(Scenario, OfflineSqlFailureShowsProgressThenTheError) {
  // With stderr not a terminal, --sql writes its progress lines in blocks; a failing script
  // must still find every line of the revisions before it on stderr, ahead of its error.
  two_revisions();
  p->write_revision("cccccccccccc", "3f2a1b9c8d7e", "raises", "  error(\"boom\")", "");
  auto r = p->retort("upgrade head --sql");
  EXPECT_EQ(r.code, 1);
  const auto first = r.err.find("upgrade base -> 9a8b7c6d5e4f");
  const auto second = r.err.find("upgrade 9a8b7c6d5e4f -> 3f2a1b9c8d7e");
  const auto error = r.err.find("retort: error:");
  ASSERT_NE(first, std::string::npos) << r.err;
  ASSERT_NE(second, std::string::npos) << r.err;
  ASSERT_NE(error, std::string::npos) << r.err;
  EXPECT_LT(first, second);
  EXPECT_LT(second, error);
  EXPECT_THAT(r.err.substr(error), HasSubstr("cccccccccccc_raises.lua:13: boom"));
  EXPECT_THAT(r.out, HasSubstr("avatar_url")) << "the SQL of the revisions before it";
}

// A long chain for --sql, with ops whose SQL needs the schema so far (drop_column,
// batch_alter_table) mixed with ops that need none, print() lines, and op.execute.
std::string rev_id(int k) {
  char id[13];
  std::snprintf(id, sizeof id, "%012x", 0xabc000 + k);
  return id;
}

void write_mixed_chain(Project& p, int n, int failing = -1, const std::string& failure = "") {
  for (int k = 1; k <= n; ++k) {
    std::string up, down;
    const std::string t = "t_" + std::to_string(k - k % 5);  // the table of this group of five
    switch (k % 5) {
      case 0:
        up = "  print(\"creating " + t + "\")\n  op.create_table(\"" + t +
             "\",\n    sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
             "    sa.Column(\"name\", sa.String(50), { nullable = false }),\n"
             "    sa.Column(\"note\", sa.Text()))\n"
             "  op.create_index(\"ix_" +
             t + "_name\", \"" + t + "\", { \"name\" })";
        down =
            "  op.drop_index(\"ix_" + t + "_name\", \"" + t + "\")\n  op.drop_table(\"" + t + "\")";
        break;
      case 1:
        up = "  op.add_column(\"" + t + "\", sa.Column(\"extra\", sa.Integer()))";
        down = "  op.drop_column(\"" + t + "\", \"extra\")";
        break;
      case 2:
        up = "  op.drop_column(\"" + t + "\", \"extra\")\n  print(\"dropped\", " +
             std::to_string(k) + ")";
        down = "  op.add_column(\"" + t + "\", sa.Column(\"extra\", sa.Integer()))";
        break;
      case 3:
        up = "  op.batch_alter_table(\"" + t +
             "\", function(batch)\n    batch.add_column(sa.Column(\"flag\", sa.Boolean()))\n"
             "  end)\n  op.execute(\"UPDATE " +
             t + " SET note = 'k" + std::to_string(k) + "'\")";
        down = "  op.batch_alter_table(\"" + t +
               "\", function(batch)\n    batch.drop_column(\"flag\")\n  end)";
        break;
      default:
        up = "  op.create_index(\"ix_" + t + "_note\", \"" + t + "\", { \"note\" })";
        down = "  op.drop_index(\"ix_" + t + "_note\", \"" + t + "\")";
        break;
    }
    if (k == failing) up += "\n" + failure;
    p.write_revision(rev_id(k), k == 1 ? "" : rev_id(k - 1), "step " + std::to_string(k), up, down);
  }
}

TEST_P(Scenario, OfflineSqlOfALongMixedChainKeepsItsOrder) {
  // k = 0 is not a revision: the chain starts with t_0's group at k = 1..4 adding to a table
  // made by k = 0, so make it the base's job.
  p->write_revision(rev_id(0), "", "base",
                    "  op.create_table(\"t_0\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }), sa.Column(\"name\", sa.String(50)), sa.Column(\"note\", sa.Text()))",
                    "  op.drop_table(\"t_0\")");
  write_mixed_chain(*p, 60);
  // Revision 1 must follow the base.
  p->write_revision(rev_id(1), rev_id(0), "step 1",
                    "  op.add_column(\"t_0\", sa.Column(\"extra\", sa.Integer()))",
                    "  op.drop_column(\"t_0\", \"extra\")");
  auto up = p->retort("upgrade head --sql");
  ASSERT_EQ(up.code, 0) << up.err;
  EXPECT_THAT(up.out, HasSubstr("t_55"));
  // Each script's print() lines and progress line, in plan order.
  const size_t creating_50 = up.err.find("creating t_50"), dropped_52 = up.err.find("dropped\t52"),
               creating_55 = up.err.find("creating t_55");
  ASSERT_NE(creating_55, std::string::npos) << up.err;
  EXPECT_LT(creating_50, dropped_52);
  EXPECT_LT(dropped_52, creating_55);
  EXPECT_LT(up.out.find("-- Running upgrade " + rev_id(52)), up.out.find("t_55")) << up.out;
  auto down = p->retort("downgrade head:base --sql");
  ASSERT_EQ(down.code, 0) << down.err;
  EXPECT_LT(down.out.find("-- Running downgrade " + rev_id(55)),
            down.out.find("-- Running downgrade " + rev_id(50)));
  EXPECT_FALSE(p->has_table("t_0")) << "offline mode must not touch the database";
}

TEST_P(Scenario, OfflineSqlStopsAtTheFailingScript) {
  // A failing script in the middle: the output up to it, its error, nothing of the scripts
  // after it.
  p->write_revision(rev_id(0), "", "base",
                    "  op.create_table(\"t_0\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }), sa.Column(\"name\", sa.String(50)), sa.Column(\"note\", sa.Text()))",
                    "  op.drop_table(\"t_0\")");
  const std::vector<std::string> failures = {
      "  print(\"about to fail\")\n  error(\"boom\")",
      "  local bind = op.get_bind()",
      "  op.drop_column(\"no_such_table\", \"x\")",
      "  op.add_column(\"t_20\", sa.Column(\"y\", sa.NoSuchType()))",
  };
  for (const auto& failure : failures) {
    write_mixed_chain(*p, 60, 23, failure);
    p->write_revision(rev_id(1), rev_id(0), "step 1",
                      "  op.add_column(\"t_0\", sa.Column(\"extra\", sa.Integer()))",
                      "  op.drop_column(\"t_0\", \"extra\")");
    auto r = p->retort("upgrade head --sql");
    if (failure.find("drop_column") != std::string::npos && GetParam() != "sqlite") continue;
    EXPECT_EQ(r.code, 1) << failure << r.err;
    EXPECT_THAT(r.err, HasSubstr(", step 22\nretort: error: ")) << failure;
    EXPECT_THAT(r.err, Not(HasSubstr("creating t_25"))) << failure;
    EXPECT_THAT(r.out, Not(HasSubstr("t_25"))) << failure;
  }
}

TEST_P(Scenario, OfflineSqlBuildsTheSameSchema) {
  two_revisions();
  auto r = p->retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("avatar_url"));
  EXPECT_FALSE(p->has_table("usuarios")) << "offline mode must not touch the database";
  write_file(p->dir() / "offline.sql", r.out);

  // Feed the SQL to the database's own client, in a second database, and compare the schema
  // with an online run of the same revisions.
  std::string offline_url;
  std::string feed;
  if (GetParam() == "sqlite") {
    offline_url = "sqlite:///" + (p->dir() / "offline.db").string();
    feed = "sqlite3 -bail offline.db < offline.sql";
  } else if (GetParam() == "postgresql") {
    offline_url = fresh_pg_database("offline");
    feed = "psql -q -v ON_ERROR_STOP=1 '" + offline_url + "' -f offline.sql";
  } else {
    offline_url = fresh_mysql_database("offline");
    Url u = Url::parse(offline_url);
    feed = "mariadb -h " + u.host + " -P " + std::to_string(*u.port) + " -u " + u.user + " -p" +
           u.password + " " + u.database + " < offline.sql";
  }
  auto fed = p->shell(feed);
  ASSERT_EQ(fed.code, 0) << fed.err;
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;

  Url ou = Url::parse(offline_url);
  const Dialect& d = find_dialect(ou.scheme);
  auto offline = d.connect(ou);
  InspectOptions opts;
  opts.exclude_tables = {"retort_version"};
  EXPECT_EQ(d.inspect(*offline, opts), d.inspect(p->db(), opts));
  ResultSet rows = offline->query("SELECT version_num FROM retort_version");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(value_text(rows.rows[0][0]), "3f2a1b9c8d7e");
}

TEST_P(Scenario, StampCurrentHistoryHeadsShow) {
  two_revisions();
  auto r = p->retort("stamp 9a8b7c6d5e4f");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->version_rows(), (Cols{"9a8b7c6d5e4f"}));
  EXPECT_FALSE(p->has_table("usuarios"));
  r = p->retort("current");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("9a8b7c6d5e4f"));
  r = p->retort("heads");
  EXPECT_THAT(r.out, HasSubstr("3f2a1b9c8d7e"));
  r = p->retort("history");
  EXPECT_THAT(r.out, HasSubstr("9a8b7c6d5e4f -> 3f2a1b9c8d7e"));
  r = p->retort("show 3f2a");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("add avatar_url and created_at to usuarios"));
  r = p->retort("stamp base");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->version_rows().empty());
}

TEST_P(Scenario, UnknownAndPastBaseTargetsAreErrors) {
  two_revisions();
  auto r = p->retort("upgrade zzzz");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("zzzz"));
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  r = p->retort("downgrade -5");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("-5"));
  EXPECT_EQ(p->version_rows(), (Cols{"3f2a1b9c8d7e"}));
}

TEST_P(Scenario, VersionTableNamingAnUnknownRevisionIsAnError) {
  two_revisions();
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  p->db().execute("UPDATE retort_version SET version_num = 'deadbeef0000'");
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("deadbeef0000"));
}

TEST_P(Scenario, SqlErrorShowsStatementAndDatabaseMessage) {
  p->write_revision("dddddddddddd", "", "bad sql", "  op.execute(\"CREATE TABLE broken (\")", "");
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("CREATE TABLE broken ("));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_P(Scenario, DataMigrationWithBoundParameters) {
  two_revisions();
  p->write_revision("eeeeeeeeeeee", "3f2a1b9c8d7e", "fill avatars",
                    "  local bind = op.get_bind()\n"
                    "  local rows = bind:query(\"SELECT id, nome FROM usuarios ORDER BY id\")\n"
                    "  for _, row in ipairs(rows) do\n"
                    "    bind:execute(\"UPDATE usuarios SET avatar_url = :url WHERE id = :id\",\n"
                    "                 { url = \"https://img/\" .. row.nome .. \"'; DROP TABLE "
                    "usuarios; --\", id = row.id })\n"
                    "  end",
                    "");
  ASSERT_EQ(p->retort("upgrade 3f2a1b9c8d7e").code, 0);
  insert_people();
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->scalar("SELECT avatar_url FROM usuarios WHERE nome = 'Ana'"),
            "https://img/Ana'; DROP TABLE usuarios; --");
}

TEST_P(Scenario, ExtraArgumentsReachScripts) {
  p->write_revision("ffffffffffff", "", "tenant table",
                    "  op.create_table(\"t_\" .. context.x.tenant, sa.Column(\"id\", sa.Integer(), "
                    "{ primary_key = true }))",
                    "  op.drop_table(\"t_\" .. context.x.tenant)");
  auto r = p->retort("-x tenant=acme upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->has_table("t_acme"));
}

TEST_P(Scenario, AnEditedScriptRunsAsEditedAndNothingIsWrittenBesideTheScripts) {
  auto rev = [&](const std::string& table) {
    p->write_revision("aaaaaaaaaaaa", "", "one table",
                      "  op.create_table(\"" + table +
                          "\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
                      "  op.drop_table(\"" + table + "\")");
  };
  auto listing = [&] {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::recursive_directory_iterator(p->dir() / "migrations"))
      names.push_back(std::filesystem::relative(e.path(), p->dir()).generic_string());
    std::sort(names.begin(), names.end());
    return names;
  };
  rev("t_one");
  const auto before = listing();
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(p->retort("downgrade base").code, 0);
  rev("t_two");  // same length, same second: only the content tells
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->has_table("t_two"));
  EXPECT_FALSE(p->has_table("t_one"));
  EXPECT_EQ(listing(), before);

  // script_cache, a setting of earlier versions, is still accepted and changes nothing.
  p->write_config("script_cache = false");
  ASSERT_EQ(p->retort("downgrade base").code, 0);
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(p->has_table("t_two"));
  EXPECT_EQ(listing(), before);
}

TEST_P(Scenario, ConcurrentUpgradesApplyEachMigrationOnce) {
  // Each migration inserts a row into a log table; run 8 upgrades at once.
  p->write_revision(
      "000000000001", "", "log",
      "  op.create_table(\"applied\", sa.Column(\"rev\", sa.String(20), { primary_key = true }))",
      "  op.drop_table(\"applied\", { allow_data_loss = true })");
  std::string prev = "000000000001";
  for (int i = 2; i <= 6; ++i) {
    std::string rev = "00000000000" + std::to_string(i);
    p->write_revision(rev, prev, "step " + std::to_string(i),
                      "  op.add_column(\"applied\", sa.Column(\"c" + std::to_string(i) +
                          "\", sa.Integer()))\n"
                          "  op.bulk_insert(\"applied\", { { rev = \"" +
                          rev + "\" } })",
                      "");
    prev = rev;
  }
  std::string bin = std::string("'") + RETORT_BIN + "'";
  std::string cmd = "pids=''; ";
  for (int i = 0; i < 8; ++i)
    cmd += bin + " -q upgrade head > out" + std::to_string(i) + " 2>&1 & pids=\"$pids $!\"; ";
  cmd += "fail=0; for j in $pids; do wait $j || fail=1; done; cat out*; exit $fail";
  auto r = p->shell(cmd);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p->count("applied"), 5);
  EXPECT_EQ(p->version_rows(), (Cols{"000000000006"}));
}

// PostgreSQL remembers, for a run, that the database has no enum type (so drops ask nothing
// about enums); a type made by SQL the compiler did not write must still go with its last user.
class PostgresEnumScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>("postgresql",
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
    // Within the one run below: a drop (the run learns there is no enum type), then a migration
    // that makes one by hand, then the drop of the table that used it.
    p->write_revision(
        "aaaaaaaaaaa1", "", "create a",
        "  op.create_table(\"a\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))",
        "  op.drop_table(\"a\")");
    p->write_revision("aaaaaaaaaaa2", "aaaaaaaaaaa1", "drop a", "  op.drop_table(\"a\")", "");
    p->write_revision("aaaaaaaaaaa4", "aaaaaaaaaaa3", "drop b", "  op.drop_table(\"b\")", "");
  }
  bool mood_exists() { return p->scalar("SELECT to_regtype('mood') IS NOT NULL") == "1"; }
  std::unique_ptr<Project> p;
};

TEST_F(PostgresEnumScenario, TypeMadeByExecuteGoesWithItsLastUser) {
  p->write_revision("aaaaaaaaaaa3", "aaaaaaaaaaa2", "mood by hand",
                    "  op.execute(\"CREATE TYPE mood AS ENUM ('happy', 'sad')\")\n"
                    "  op.create_table(\"b\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }), sa.Column(\"m\", sa.Enum(\"happy\", \"sad\", { name = \"mood\" "
                    "})))",
                    "");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  p->reconnect();
  EXPECT_FALSE(p->has_table("b"));
  EXPECT_FALSE(mood_exists());
}

TEST_F(PostgresEnumScenario, TypeMadeThroughGetBindGoesWithItsLastUser) {
  p->write_revision("aaaaaaaaaaa3", "aaaaaaaaaaa2", "mood by hand",
                    "  local bind = op.get_bind()\n"
                    "  bind:execute(\"CREATE TYPE mood AS ENUM ('happy', 'sad')\")\n"
                    "  bind:execute(\"CREATE TABLE b (id INT PRIMARY KEY, m mood)\")",
                    "");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  p->reconnect();
  EXPECT_FALSE(p->has_table("b"));
  EXPECT_FALSE(mood_exists());
}

// MariaDB sends the guard ahead of the DDL as an anonymous block, which sql_mode=ORACLE does not
// parse: a script that switches the session to that mode leaves the guard asking the old way,
// and a drop of a table with rows is still refused with nothing of its migration applied.
TEST(MariadbGuardScenario, StillRefusesAfterAScriptSwitchesTheSessionToOracleMode) {
  Project p("mysql", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  p.write_config();
  p.write_revision("aaaaaaaaaaa1", "", "create t",
                   "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                   "true }))\n"
                   "  op.create_index(\"ix_t_id\", \"t\", { \"id\" })",
                   "  op.drop_index(\"ix_t_id\", \"t\")\n"
                   "  op.drop_table(\"t\")");
  p.write_revision("aaaaaaaaaaa2", "aaaaaaaaaaa1", "oracle mode", "",
                   "  op.execute(\"SET SESSION sql_mode = 'ORACLE'\")");
  // Its downgrade runs first and guards in the session's default mode.
  p.write_revision("aaaaaaaaaaa3", "aaaaaaaaaaa2", "create e",
                   "  op.create_table(\"e\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                   "true }))",
                   "  op.drop_table(\"e\")");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO t (id) VALUES (1)");
  auto r = p.retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("drop_table t would destroy data (the table holds rows)"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  p.reconnect();
  EXPECT_EQ(p.count("t"), 1);
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                     "DATABASE() AND INDEX_NAME = 'ix_t_id'"),
            "1");
  EXPECT_FALSE(p.has_table("e"));
  EXPECT_EQ(p.version_rows(), (Cols{"aaaaaaaaaaa1"}));

  p.db().execute("DELETE FROM t");
  r = p.retort("downgrade base");
  ASSERT_EQ(r.code, 0) << r.err;
  p.reconnect();
  EXPECT_FALSE(p.has_table("t"));
  EXPECT_TRUE(p.version_rows().empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, Scenario, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
