// The C++ entry points against a real SQLite file: models from models.lua (renamed_from hints,
// the script_location fallback), a target MetaData, and the table filters.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "dialect/sqlite/sqlite_dialect.hpp"
#include "lua/script_runner.hpp"
#include "retort/autogenerate.hpp"
#include "retort/error.hpp"
#include "support/script_runs.hpp"
#include "support/test_env.hpp"

namespace retort {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AutogenApi : public ::testing::Test {
 protected:
  void SetUp() override {
    config = Config::defaults();
    config.root = dir.path();
    config.script_location = dir.path() / "migrations";
    std::filesystem::create_directories(dir.path() / "migrations" / "versions");
    config.url = "sqlite:///" + (dir.path() / "app.db").string();
    Url u;
    u.scheme = "sqlite";
    u.database = (dir.path() / "app.db").string();
    conn = sqlite_dialect().connect(u);
  }
  void models(const std::string& text) {
    test::write_file(dir.path() / "migrations" / "models.lua", text);
  }
  test::TempDir dir;
  Config config;
  std::unique_ptr<Connection> conn;
};

TEST_F(AutogenApi, RenamedFromIsReadFromModels) {
  test::write_file(dir.path() / "m.lua", R"(
sa.Table("pessoas",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("titulo", sa.Text(), { renamed_from = "nome" }),
  { renamed_from = "usuarios" })
)");
  ScriptContext context;
  context.dialect = "sqlite";
  ScriptRunner runner;
  MetaData m = test::load_models(runner, dir.path() / "m.lua", context);
  ASSERT_EQ(m.tables.size(), 1u);
  EXPECT_EQ(m.tables[0].renamed_from, "usuarios");
  EXPECT_EQ(m.tables[0].columns[1].renamed_from, "nome");
  EXPECT_EQ(m.tables[0].columns[0].renamed_from, "");
}

TEST_F(AutogenApi, RenameHintsBecomeRenames) {
  conn->execute("CREATE TABLE usuarios (id INTEGER PRIMARY KEY, nome TEXT)");
  models(R"(sa.Table("pessoas",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("titulo", sa.Text(), { renamed_from = "nome" }),
  { renamed_from = "usuarios" }))");
  AutogenerateResult r = check(config);
  EXPECT_THAT(r.changes,
              ElementsAre(HasSubstr("rename_table usuarios"), HasSubstr("pessoas.nome")));
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(AutogenApi, MissingModelsNamesTheFileToCreate) {
  try {
    check(config);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_THAT(e.what(), HasSubstr("models.lua"));
  }
}

// The filters come from the Config a program passes, as `retort check` reads them from
// retort.toml: the same project gives the same answer either way.
TEST_F(AutogenApi, TablesFilteredByTheConfigsGlobs) {
  conn->execute("CREATE TABLE legacy_a (id INTEGER PRIMARY KEY)");
  conn->execute("CREATE TABLE legacy_b (id INTEGER PRIMARY KEY)");
  conn->execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)");
  MetaData target;  // nothing: every table would be dropped
  AutogenerateOptions allow;
  allow.allow_empty_models = true;
  config.exclude_tables = {"legacy_*"};
  AutogenerateResult r = check(config, allow, &target);
  EXPECT_THAT(r.changes, ElementsAre(HasSubstr("drop_table kept")));
  config.exclude_tables.clear();
  config.include_tables = {"legacy_a"};
  r = check(config, allow, &target);
  EXPECT_THAT(r.changes, ElementsAre(HasSubstr("drop_table legacy_a")));
}

// An empty target is refused as an empty models file is, unless allow_empty_models says so.
TEST_F(AutogenApi, EmptyTargetIsRefused) {
  conn->execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)");
  MetaData target;
  try {
    check(config, &target);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_STREQ(e.what(),
                 "the target MetaData is empty (no tables, no other objects): comparing it would "
                 "drop every table of the database; pass allow_empty_models to mean that");
  }
}

// Unmanaged objects come back in the result and are accepted by Config::exclude_objects.
TEST_F(AutogenApi, UnmanagedObjectsAndExcludeObjects) {
  conn->execute("CREATE TABLE t (id INTEGER NOT NULL, CONSTRAINT pk_t PRIMARY KEY (id))");
  conn->execute("CREATE VIRTUAL TABLE v_t USING fts5(body)");
  models("sa.Table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))");
  AutogenerateResult r = check(config);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_THAT(r.unmanaged, ElementsAre("virtual_table v_t"));
  config.exclude_objects = {"virtual_table:v_*"};
  r = check(config);
  EXPECT_TRUE(r.unmanaged.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(AutogenApi, ModelsFileAndConfigFiltersAgreeWithTheCommand) {
  conn->execute("CREATE TABLE legacy_a (id INTEGER PRIMARY KEY)");
  conn->execute("CREATE TABLE t (id INTEGER NOT NULL, CONSTRAINT pk_t PRIMARY KEY (id))");
  models("sa.Table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))");
  test::write_file(dir.path() / "retort.toml",
                   "[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n"
                   "exclude_tables = [\"legacy_*\"]\n");
  Config loaded = Config::load(dir.path() / "retort.toml");
  EXPECT_TRUE(check(loaded).changes.empty());
  const std::string command = std::string(RETORT_BIN) + " -q -c '" +
                              (dir.path() / "retort.toml").string() + "' check >/dev/null";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << command;
  loaded.exclude_tables.clear();
  EXPECT_THAT(check(loaded).changes, ElementsAre(HasSubstr("drop_table legacy_a")));
}

TEST_F(AutogenApi, NothingToWriteWritesNothing) {
  models("sa.Table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))");
  conn->execute("CREATE TABLE t (id INTEGER NOT NULL, CONSTRAINT pk_t PRIMARY KEY (id))");
  AutogenerateOptions o;
  o.message = "nothing";
  AutogenerateResult r = autogenerate(config, o);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_FALSE(r.written);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "migrations" / "versions"));
  o.allow_empty = true;
  r = autogenerate(config, o);
  ASSERT_TRUE(r.written);
  EXPECT_TRUE(std::filesystem::exists(r.written->path));
}

}  // namespace
}  // namespace retort
