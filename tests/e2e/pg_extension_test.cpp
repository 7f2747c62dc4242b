// PostgreSQL extensions end to end with the real `retort` binary: models that declare them ->
// autogenerate (extensions first, so the tables may use their types and operator classes) ->
// upgrade -> check clean; one added is one create_extension, reversed by downgrade; models that
// declare none leave the database's alone and report them; a drop of an extension a column
// needs is refused by PostgreSQL; SQLite and MariaDB say in one line that they have none.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> detected(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Detected ", 0) == 0) lines.push_back(line.substr(9));
  return lines;
}

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

const std::string kUsers = R"lua(sa.Table("users",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("email", sa.Type("citext"), { nullable = false }),
  sa.Column("name", sa.Text()),
  sa.Index("ix_users_name_trgm", "name", { postgresql_using = "gin",
                                           postgresql_ops = { name = "gin_trgm_ops" } }))
)lua";

std::string extensions(Project& p) {
  return p.scalar(
      "SELECT coalesce(string_agg(extname, ' ' ORDER BY extname), '') FROM pg_extension WHERE "
      "extname <> 'plpgsql'");
}

TEST(PgExtensions, DeclaredCreatedComparedAndDropped) {
  Project p("postgresql", "pg_extensions");
  p.write_config();
  const std::string declared = "sa.Extension(\"pg_trgm\")\nsa.Extension(\"citext\")\n" + kUsers;
  write_models(p, declared);
  auto r = p.retort("revision --autogenerate -m users");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(detected(r.out), ElementsAre("create_extension pg_trgm", "create_extension citext",
                                           "create_table users"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(extensions(p), "citext pg_trgm");
  p.db().execute("INSERT INTO users (email, name) VALUES ('A@x.org', 'Ann')");
  EXPECT_EQ(p.scalar("SELECT count(*) FROM users WHERE email = 'a@X.ORG'"), "1");  // citext
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // One more: exactly one create_extension; downgrade drops it again.
  write_models(p, "sa.Extension(\"btree_gist\")\n" + declared);
  r = p.retort("revision --autogenerate -m gist");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("create_extension btree_gist"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(extensions(p), "btree_gist citext pg_trgm");
  EXPECT_EQ(p.retort("check").code, 0);
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(extensions(p), "citext pg_trgm");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  // The models' list is the whole truth: btree_gist in the database only is dropped.
  write_models(p, declared);
  r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "drop_extension btree_gist\n");

  // Models that declare no extension leave the database's alone, and name them.
  write_models(p, kUsers);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.err,
              HasSubstr("retort: warning: unmanaged extension citext: in the database only"));
  EXPECT_THAT(r.out, Not(HasSubstr("drop_extension")));

  // Down to base (the rows guard the table): the extensions go after it.
  ASSERT_EQ(p.retort("downgrade base --allow-data-loss").code, 0);
  EXPECT_EQ(extensions(p), "");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  write_models(p, "sa.Extension(\"btree_gist\")\n" + declared);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// pg_dump writes CREATE EXTENSION IF NOT EXISTS ... WITH SCHEMA public: a schema.sql declares
// its extensions that way.
TEST(PgExtensions, SchemaSqlWithCreateExtension) {
  Project p("postgresql", "pg_extensions_sql");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "SELECT pg_catalog.set_config('search_path', '', false);\n"
         "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n"
         "COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';\n"
         "CREATE TABLE public.users (id integer NOT NULL, email public.citext);\n";
  auto r = p.retort("revision --autogenerate -m users");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("create_extension citext", "create_table users"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(PgExtensions, OtherDatabasesSayTheyHaveNone) {
  for (const char* dialect : {"sqlite", "mysql"}) {
    SCOPED_TRACE(dialect);
    Project p(dialect, "no_extensions");
    p.write_config();
    write_models(p,
                 "sa.Extension(\"pg_trgm\")\nsa.Table(\"t\", sa.Column(\"id\", sa.Integer(), "
                 "{ primary_key = true }))\n");
    auto r = p.retort("check");
    EXPECT_EQ(r.code, 1);
    const std::string db = std::string(dialect) == "sqlite" ? "SQLite" : "MySQL/MariaDB";
    EXPECT_EQ(r.err,
              "retort: error: migrations/models.lua: sa.Extension \"pg_trgm\": create_extension "
              "pg_trgm: " +
                  db + " has no extensions (CREATE EXTENSION is PostgreSQL's)\n");
  }
}

}  // namespace
}  // namespace retort::test
