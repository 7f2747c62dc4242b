// Config::load: the retort.toml format, environments, ${VAR} expansion, precedence of the URL
// sources, and the errors a user sees for each mistake.
#include "retort/config.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "retort/error.hpp"
#include "support/test_env.hpp"

namespace retort {
namespace {

using test::TempDir;
using test::write_file;

// Sets (or unsets) an environment variable for the life of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Every test starts without the variables Config::load reads.
class ConfigTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& text) {
    auto path = dir_.path() / "retort.toml";
    write_file(path, text);
    return path;
  }
  // The message of the Config error that loading throws; fails the test if none is thrown.
  std::string load_error(const std::filesystem::path& path, const ConfigOverrides& o = {}) {
    try {
      Config::load(path, o);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Config);
      return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
  }

  TempDir dir_;
  ScopedEnv no_database_url_{"DATABASE_URL", std::nullopt};
  ScopedEnv no_retort_env_{"RETORT_ENV", std::nullopt};
};

TEST_F(ConfigTest, Defaults) {
  Config c = Config::load(write("[retort]\n"));
  EXPECT_EQ(c.file, dir_.path() / "retort.toml");
  EXPECT_EQ(c.root, dir_.path());
  EXPECT_EQ(c.script_location, "migrations");
  EXPECT_TRUE(c.version_locations.empty());
  EXPECT_EQ(c.url, "");
  EXPECT_EQ(c.version_table, "retort_version");
  EXPECT_EQ(c.version_table_schema, "");
  EXPECT_FALSE(c.transaction_per_migration);
  EXPECT_FALSE(c.embedded_scripts.has_value());
  EXPECT_EQ(c.file_template, "%(rev)s_%(slug)s");
  EXPECT_EQ(c.truncate_slug_length, 40);
  EXPECT_EQ(c.lock_timeout, std::chrono::milliseconds(60000));
  EXPECT_EQ(c.naming_convention.patterns, NamingConvention().patterns);
  EXPECT_EQ(c.env, "");
  EXPECT_EQ(c.version_dirs(),
            std::vector<std::filesystem::path>{dir_.path() / "migrations" / "versions"});
}

TEST_F(ConfigTest, EmptyFileIsAllDefaults) {
  Config c = Config::load(write(""));
  EXPECT_EQ(c.script_location, "migrations");
}

TEST_F(ConfigTest, EverySetting) {
  Config c = Config::load(write(R"(
[retort]
script_location = "db/migrations"
version_locations = ["db/versions", "/abs/more"]
url = "sqlite:///app.db"
models = "db/models.lua"
version_table = "schema_version"
version_table_schema = "meta"
transaction_per_migration = true
script_cache = false
file_template = "%(year)d_%(rev)s_%(slug)s"
truncate_slug_length = 20
lock_timeout = 2.5

[retort.naming_convention]
ix = "idx_%(table)s_%(column_0)s"
)"));
  EXPECT_EQ(c.script_location, "db/migrations");
  ASSERT_EQ(c.version_locations.size(), 2u);
  EXPECT_EQ(c.version_locations[0], "db/versions");
  EXPECT_EQ(c.version_dirs()[0], dir_.path() / "db/versions");
  EXPECT_EQ(c.version_dirs()[1], "/abs/more");
  EXPECT_EQ(c.url, "sqlite:///app.db");
  EXPECT_EQ(c.models, "db/models.lua");
  EXPECT_EQ(c.resolve(c.models), dir_.path() / "db/models.lua");
  EXPECT_EQ(c.version_table, "schema_version");
  EXPECT_EQ(c.version_table_schema, "meta");
  EXPECT_TRUE(c.transaction_per_migration);
  EXPECT_EQ(c.file_template, "%(year)d_%(rev)s_%(slug)s");
  EXPECT_EQ(c.truncate_slug_length, 20);
  EXPECT_EQ(c.lock_timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(c.naming_convention.patterns.at("ix"), "idx_%(table)s_%(column_0)s");
  // The other patterns keep their defaults.
  EXPECT_EQ(c.naming_convention.patterns.at("pk"), "pk_%(table)s");
  EXPECT_EQ(c.naming_convention.patterns.size(), 5u);
}

TEST_F(ConfigTest, IntegerLockTimeoutAndSingleVersionLocation) {
  Config c = Config::load(write("[retort]\nlock_timeout = 5\nversion_locations = \"v\"\n"));
  EXPECT_EQ(c.lock_timeout, std::chrono::milliseconds(5000));
  ASSERT_EQ(c.version_locations.size(), 1u);
  EXPECT_EQ(c.version_locations[0], "v");
}

TEST_F(ConfigTest, DirectoryMeansItsRetortToml) {
  write("[retort]\nurl = \"sqlite://\"\n");
  EXPECT_EQ(Config::load(dir_.path()).url, "sqlite://");
}

TEST_F(ConfigTest, RootIsAbsoluteForARelativeFile) {
  write("[retort]\n");
  auto old = std::filesystem::current_path();
  std::filesystem::current_path(dir_.path());
  Config c = Config::load("retort.toml");
  std::filesystem::current_path(old);
  EXPECT_TRUE(c.root.is_absolute());
  EXPECT_EQ(c.root, dir_.path());
}

TEST_F(ConfigTest, MissingFile) {
  auto path = dir_.path() / "nope" / "retort.toml";
  EXPECT_EQ(load_error(path), "no retort.toml at " + path.string() +
                                  ": run `retort init migrations` or pass -c FILE");
}

TEST_F(ConfigTest, MalformedTomlNamesLineAndColumn) {
  auto path = write("[retort]\nurl = \"sqlite://\"\nscript_location = \n");
  std::string msg = load_error(path);
  EXPECT_EQ(msg.rfind(path.string() + ":3:", 0), 0u) << msg;
}

TEST_F(ConfigTest, UnknownSettingWithSuggestion) {
  auto path = write("[retort]\nurl = \"sqlite://\"\nscrip_location = \"m\"\n");
  EXPECT_EQ(load_error(path), path.string() +
                                  ":3:1: unknown setting 'scrip_location' in [retort] (did you "
                                  "mean 'script_location'?)");
}

TEST_F(ConfigTest, UnknownSettingWithoutSuggestion) {
  std::string msg = load_error(write("[retort]\ncolour = \"blue\"\n"));
  EXPECT_NE(msg.find("unknown setting 'colour' in [retort]"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("did you mean"), std::string::npos) << msg;
}

TEST_F(ConfigTest, UnknownSettingInAnUnchosenEnvironment) {
  std::string msg = load_error(write("[retort]\n[env.prod]\nurll = \"x\"\n"));
  EXPECT_NE(msg.find("unknown setting 'urll' in [env.prod] (did you mean 'url'?)"),
            std::string::npos)
      << msg;
}

TEST_F(ConfigTest, UnknownTopLevelTable) {
  std::string msg = load_error(write("[alembic]\nurl = \"x\"\n"));
  EXPECT_NE(msg.find("unknown setting 'alembic' at the top level"), std::string::npos) << msg;
  msg = load_error(write("url = \"x\"\n"));
  EXPECT_NE(msg.find("settings go under [retort]"), std::string::npos) << msg;
}

TEST_F(ConfigTest, PostWriteHooks) {
  auto path = write(
      "[retort]\n[post_write_hooks]\nhooks = [\"fmt\", \"lint\"]\nfmt.type = \"exec\"\n"
      "fmt.executable = \"stylua\"\nlint.executable = \"luacheck\"\n"
      "lint.options = \"-q REVISION_SCRIPT_FILENAME\"\nlint.cwd = \"migrations\"\n");
  Config c = Config::load(path);
  ASSERT_EQ(c.post_write_hooks.size(), 2u);
  EXPECT_EQ(c.post_write_hooks[0].name, "fmt");
  EXPECT_EQ(c.post_write_hooks[0].type, "exec");
  EXPECT_EQ(c.post_write_hooks[0].executable, "stylua");
  EXPECT_EQ(c.post_write_hooks[0].options, "REVISION_SCRIPT_FILENAME");
  EXPECT_EQ(c.post_write_hooks[1].name, "lint");
  EXPECT_EQ(c.post_write_hooks[1].options, "-q REVISION_SCRIPT_FILENAME");
  EXPECT_EQ(c.post_write_hooks[1].cwd, "migrations");

  EXPECT_EQ(load_error(write("[post_write_hooks]\nhooks = [\"fmt\"]\n")),
            path.string() + ": hook 'fmt' in [post_write_hooks] has no settings: add fmt.type = "
                            "\"exec\" and fmt.executable = \"...\"");
  EXPECT_EQ(load_error(write("[post_write_hooks]\nhooks = [\"fmt\"]\nfmt.type = \"exec\"\n")),
            path.string() + ": hook 'fmt' in [post_write_hooks] needs fmt.executable = \"...\"");
  EXPECT_EQ(load_error(write("[post_write_hooks]\nfmt.executable = \"x\"\n")),
            path.string() +
                ":2:1: 'fmt' in [post_write_hooks] is not a hook listed in hooks = [...]");
  EXPECT_EQ(
      load_error(write("[post_write_hooks]\nhooks = [\"f\"]\nf.executable = \"x\"\nf.colour = 1\n")),
      path.string() + ":4:3: unknown setting 'f.colour' in [post_write_hooks] (type, executable, "
                      "options, cwd)");
}

TEST_F(ConfigTest, UnknownNamingConventionKey) {
  std::string msg = load_error(write("[retort.naming_convention]\nfoo = \"x\"\n"));
  EXPECT_NE(msg.find("unknown naming_convention key 'foo'"), std::string::npos) << msg;
}

TEST_F(ConfigTest, WrongTypesNameTheKey) {
  struct Case {
    const char* toml;
    const char* expect;
  };
  for (const Case& c : {
           Case{"script_location = 3",
                "script_location in [retort] must be a string, not an integer"},
           Case{"url = true", "url in [retort] must be a string, not a boolean"},
           Case{"transaction_per_migration = \"yes\"",
                "transaction_per_migration in [retort] must be true or false, not a string"},
           Case{"script_cache = 1", "script_cache in [retort] must be true or false"},
           Case{"truncate_slug_length = 2.5",
                "truncate_slug_length in [retort] must be an integer"},
           Case{"truncate_slug_length = 0", "truncate_slug_length in [retort] must be between 1"},
           Case{"lock_timeout = \"10s\"", "lock_timeout in [retort] must be a number of seconds"},
           Case{"lock_timeout = -1", "lock_timeout in [retort] must be a number of seconds, 0"},
           Case{"version_locations = 1", "version_locations in [retort] must be an array"},
           Case{"version_locations = [1]",
                "version_locations (each element) in [retort] must be a string"},
           Case{"naming_convention = \"x\"", "naming_convention in [retort] must be a table"},
           Case{"naming_convention = { pk = 1 }",
                "naming_convention.pk in [retort] must be a string"},
           Case{"version_table = \"\"", "version_table in [retort] must not be empty"},
       }) {
    std::string msg = load_error(write(std::string("[retort]\n") + c.toml + "\n"));
    EXPECT_NE(msg.find(c.expect), std::string::npos) << c.toml << " -> " << msg;
    EXPECT_NE(msg.find(":2:"), std::string::npos) << c.toml << " -> " << msg;
  }
}

TEST_F(ConfigTest, EnvironmentOverridesRetort) {
  auto path = write(R"(
[retort]
url = "sqlite:///dev.db"
script_location = "migrations"
lock_timeout = 1

[env.prod]
url = "postgresql://app@db/prod"
lock_timeout = 30

[env.prod.naming_convention]
pk = "%(table)s_pkey"
)");
  Config dev = Config::load(path);
  EXPECT_EQ(dev.url, "sqlite:///dev.db");
  EXPECT_EQ(dev.env, "");
  EXPECT_EQ(dev.naming_convention.patterns.at("pk"), "pk_%(table)s");

  ConfigOverrides o;
  o.env = "prod";
  Config prod = Config::load(path, o);
  EXPECT_EQ(prod.env, "prod");
  EXPECT_EQ(prod.url, "postgresql://app@db/prod");
  EXPECT_EQ(prod.lock_timeout, std::chrono::milliseconds(30000));
  EXPECT_EQ(prod.script_location, "migrations");  // not in the env: [retort]'s value
  EXPECT_EQ(prod.naming_convention.patterns.at("pk"), "%(table)s_pkey");
  EXPECT_EQ(prod.naming_convention.patterns.at("ix"), "ix_%(table)s_%(column_0)s");
}

TEST_F(ConfigTest, NamingConventionMergesRetortThenEnvironment) {
  auto path = write(R"(
[retort.naming_convention]
pk = "a_%(table)s"
uq = "b_%(table)s"
[env.ci.naming_convention]
uq = "c_%(table)s"
)");
  ConfigOverrides o;
  o.env = "ci";
  Config c = Config::load(path, o);
  EXPECT_EQ(c.naming_convention.patterns.at("pk"), "a_%(table)s");
  EXPECT_EQ(c.naming_convention.patterns.at("uq"), "c_%(table)s");
  EXPECT_EQ(c.naming_convention.patterns.at("fk"), NamingConvention().patterns.at("fk"));
}

TEST_F(ConfigTest, RetortEnvVariableChoosesTheEnvironment) {
  auto path = write("[retort]\nurl = \"sqlite:///a.db\"\n[env.ci]\nurl = \"sqlite:///ci.db\"\n");
  ScopedEnv env("RETORT_ENV", "ci");
  Config c = Config::load(path);
  EXPECT_EQ(c.env, "ci");
  EXPECT_EQ(c.url, "sqlite:///ci.db");
  // --env beats $RETORT_ENV; --env "" means no environment.
  ConfigOverrides none;
  none.env = "";
  EXPECT_EQ(Config::load(path, none).url, "sqlite:///a.db");
}

TEST_F(ConfigTest, UnknownEnvironmentListsTheOthers) {
  auto path = write("[retort]\n[env.prod]\n[env.ci]\n");
  ConfigOverrides o;
  o.env = "staging";
  EXPECT_EQ(load_error(path, o),
            "no [env.staging] in " + path.string() + " (environments: ci, prod)");
  std::string msg = load_error(write("[retort]\n"), o);
  EXPECT_EQ(msg, "no [env.staging] in " + path.string() + " (no environments defined)");
}

TEST_F(ConfigTest, EnvironmentMustBeATable) {
  std::string msg = load_error(write("[env]\nprod = \"x\"\n"));
  EXPECT_NE(msg.find("env.prod must be a table"), std::string::npos) << msg;
}

TEST_F(ConfigTest, VariableExpansion) {
  ScopedEnv user("RETORT_TEST_USER", "alice");
  ScopedEnv pw("RETORT_TEST_PW", "pa$$word");
  Config c = Config::load(write(R"(
[retort]
url = "postgresql://${RETORT_TEST_USER}:${RETORT_TEST_PW}@db/app"
script_location = "m_$${literal}_$5_${RETORT_TEST_USER}"
version_locations = ["v/${RETORT_TEST_USER}"]
)"));
  // The value of a variable is not expanded again.
  EXPECT_EQ(c.url, "postgresql://alice:pa$$word@db/app");
  EXPECT_EQ(c.script_location, "m_${literal}_$5_alice");
  EXPECT_EQ(c.version_locations[0], "v/alice");
}

TEST_F(ConfigTest, UnsetVariableNamesVariableAndKey) {
  ScopedEnv unset("RETORT_TEST_UNSET", std::nullopt);
  auto path = write("[retort]\nurl = \"${RETORT_TEST_UNSET}\"\n");
  EXPECT_EQ(load_error(path), path.string() +
                                  ":2:7: environment variable RETORT_TEST_UNSET is not set (used "
                                  "by url in [retort])");
}

TEST_F(ConfigTest, EmptyVariableIsAllowed) {
  ScopedEnv empty("RETORT_TEST_EMPTY", "");
  EXPECT_EQ(Config::load(write("[retort]\nversion_table_schema = \"${RETORT_TEST_EMPTY}\"\n"))
                .version_table_schema,
            "");
}

TEST_F(ConfigTest, BadVariableSyntax) {
  EXPECT_NE(load_error(write("[retort]\nurl = \"${OOPS\"\n")).find("unterminated '${' in url"),
            std::string::npos);
  EXPECT_NE(load_error(write("[retort]\nurl = \"${}\"\n")).find("empty '${}' in url"),
            std::string::npos);
}

TEST_F(ConfigTest, UnchosenEnvironmentMayNameUnsetVariables) {
  ScopedEnv unset("RETORT_TEST_UNSET", std::nullopt);
  Config c = Config::load(
      write("[retort]\nurl = \"sqlite://\"\n[env.prod]\nurl = \"${RETORT_TEST_UNSET}\"\n"));
  EXPECT_EQ(c.url, "sqlite://");
}

TEST_F(ConfigTest, OverriddenValueIsNotExpanded) {
  ScopedEnv unset("RETORT_TEST_UNSET", std::nullopt);
  auto path = write("[retort]\nurl = \"${RETORT_TEST_UNSET}\"\n[env.ci]\nurl = \"sqlite://\"\n");
  ConfigOverrides o;
  o.env = "ci";
  EXPECT_EQ(Config::load(path, o).url, "sqlite://");
  ConfigOverrides u;
  u.url = "sqlite:///x.db";
  EXPECT_EQ(Config::load(path, u).url, "sqlite:///x.db");
}

TEST_F(ConfigTest, UrlPrecedence) {
  auto path =
      write("[retort]\nurl = \"sqlite:///base.db\"\n[env.ci]\nurl = \"sqlite:///env.db\"\n");
  ConfigOverrides env;
  env.env = "ci";
  EXPECT_EQ(Config::load(path).url, "sqlite:///base.db");
  EXPECT_EQ(Config::load(path, env).url, "sqlite:///env.db");
  {
    ScopedEnv db("DATABASE_URL", "sqlite:///from_env_var.db");
    EXPECT_EQ(Config::load(path).url, "sqlite:///from_env_var.db");
    EXPECT_EQ(Config::load(path, env).url, "sqlite:///from_env_var.db");
    ConfigOverrides both = env;
    both.url = "sqlite:///cli.db";
    EXPECT_EQ(Config::load(path, both).url, "sqlite:///cli.db");
  }
  {
    ScopedEnv empty("DATABASE_URL", "");  // set but empty: ignored
    EXPECT_EQ(Config::load(path).url, "sqlite:///base.db");
  }
}

TEST_F(ConfigTest, DatabaseUrlFillsAMissingUrl) {
  ScopedEnv db("DATABASE_URL", "postgresql://u:pw@h/db");
  EXPECT_EQ(Config::load(write("[retort]\n")).url, "postgresql://u:pw@h/db");
}

TEST_F(ConfigTest, ExtraArguments) {
  ConfigOverrides o;
  o.x = {{"tenant", "acme"}, {"dry", "1"}};
  Config c = Config::load(write("[retort]\n"), o);
  EXPECT_EQ(c.x, o.x);
}

TEST_F(ConfigTest, UrlIsNotValidatedAtLoad) {
  // Commands that never touch the database (history, revision) work with a broken URL.
  EXPECT_EQ(Config::load(write("[retort]\nurl = \"oracle://x\"\n")).url, "oracle://x");
}

}  // namespace
}  // namespace retort

namespace retort {
namespace {

TEST(ConfigAutogenFilters, TableAndSchemaFiltersAreRead) {
  test::TempDir d;
  test::write_file(d.path() / "retort.toml",
                   "[retort]\ninclude_tables = [\"orders\", \"audit_*\"]\nexclude_tables = "
                   "[\"tmp_*\"]\ninclude_schemas = [\"public\", \"sales\"]\n");
  Config c = Config::load(d.path() / "retort.toml");
  EXPECT_EQ(c.include_tables, (std::vector<std::string>{"orders", "audit_*"}));
  EXPECT_EQ(c.exclude_tables, (std::vector<std::string>{"tmp_*"}));
  EXPECT_EQ(c.include_schemas, (std::vector<std::string>{"public", "sales"}));
  test::write_file(d.path() / "retort.toml", "[retort]\nexclude_tables = \"tmp_*\"\n");
  try {
    Config::load(d.path() / "retort.toml");
    FAIL() << "a string where an array belongs must be refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("exclude_tables"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace retort
