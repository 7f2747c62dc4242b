// A program's migrations held in memory (Config::embedded_scripts) run through the same Migrator
// as files: upgrade, downgrade, --sql, errors naming the script, and nothing read from disk.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "dialect/dialect.hpp"
#include "retort/error.hpp"
#include "retort/migrator.hpp"
#include "support/test_env.hpp"

namespace retort {
namespace {

using ::testing::HasSubstr;

std::string script(const std::string& rev, const std::string& down, const std::string& up_body,
                   const std::string& down_body) {
  return "--- " + rev + "\nrevision = \"" + rev +
         "\"\ndown_revision = " + (down.empty() ? "nil" : "\"" + down + "\"") +
         "\n\nfunction upgrade()\n" + up_body + "\nend\n\nfunction downgrade()\n" + down_body +
         "\nend\n";
}

class EmbeddedScripts : public ::testing::Test {
 protected:
  void SetUp() override {
    config = Config::defaults();
    config.root = "/nonexistent";  // no project directory: nothing is read from disk
    config.url = "sqlite:///" + (dir.path() / "app.db").string();
    config.embedded_scripts = std::vector<ScriptText>{
        {"0001_usuarios.lua",
         script("0001", "",
                "  op.create_table(\"usuarios\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                "true }))",
                "  op.drop_table(\"usuarios\")")},
        {"0002_avatar.lua",
         script("0002", "0001",
                "  op.add_column(\"usuarios\", sa.Column(\"avatar_url\", sa.String(), { nullable "
                "= true }))",
                "  op.drop_column(\"usuarios\", \"avatar_url\")")}};
  }
  std::vector<std::string> columns() {
    Url u;
    u.scheme = "sqlite";
    u.database = (dir.path() / "app.db").string();
    auto conn = find_dialect("sqlite").connect(u);
    std::vector<std::string> out;
    for (const auto& row : conn->query("SELECT name FROM pragma_table_info('usuarios')").rows)
      out.push_back(std::get<std::string>(row[0]));
    return out;
  }
  test::TempDir dir;
  Config config;
};

TEST_F(EmbeddedScripts, UpgradeAndDowngradeRunTheScriptsHeldInMemory) {
  Migrator m(config);
  RunReport r = m.upgrade("head");
  ASSERT_EQ(r.steps.size(), 2u);
  EXPECT_EQ(r.heads_after, std::vector<std::string>{"0002"});
  EXPECT_EQ(columns(), (std::vector<std::string>{"id", "avatar_url"}));
  r = m.downgrade("-1");
  EXPECT_EQ(r.heads_after, std::vector<std::string>{"0001"});
  EXPECT_EQ(columns(), std::vector<std::string>{"id"});
  EXPECT_EQ(m.current(), std::vector<std::string>{"0001"});
}

TEST_F(EmbeddedScripts, OfflineSqlComesFromTheSameScripts) {
  std::ostringstream out;
  RunOptions o;
  o.sql = true;
  o.out = &out;
  Migrator(config).upgrade("head", o);
  EXPECT_THAT(out.str(), HasSubstr("CREATE TABLE \"usuarios\""));
  EXPECT_THAT(out.str(), HasSubstr("ADD COLUMN \"avatar_url\""));
  EXPECT_TRUE(columns().empty()) << "offline mode must not touch the database";
}

TEST_F(EmbeddedScripts, AnErrorNamesTheEmbeddedScriptAndLine) {
  config.embedded_scripts->push_back(
      {"0003_broken.lua", script("0003", "0002", "  op.add_column(\"usuarios\")", "")});
  try {
    Migrator(config).upgrade("head");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_THAT(e.what(), HasSubstr("upgrade 0003 failed: 0003_broken.lua:6: op.add_column"));
    EXPECT_THAT(e.what(), HasSubstr("the run was rolled back"));
  }
  EXPECT_TRUE(columns().empty());
}

// RunOptions::private_scratch (what `retort test` passes for its scratch) skips the check that
// applied scripts were not edited; without it, the edit is refused as on any database.
TEST_F(EmbeddedScripts, APrivateScratchSkipsTheEditedScriptCheck) {
  Migrator(config).upgrade("0001");
  (*config.embedded_scripts)[0].text += "-- edited\n";
  try {
    Migrator(config).upgrade("head");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Graph);
    EXPECT_THAT(e.what(), HasSubstr("applied revision(s) 0001 changed since they ran"));
  }
  RunOptions o;
  o.private_scratch = true;
  EXPECT_EQ(Migrator(config).upgrade("head", o).heads_after, std::vector<std::string>{"0002"});
}

}  // namespace
}  // namespace retort
