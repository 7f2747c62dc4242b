// schema.sql from real tools: the output of `pg_dump --schema-only` and `mariadb-dump
// --no-data`, taken from a database of the test server, used as the models as it is. The roles
// the dump names as owners and grantees no longer exist when it is loaded; a failing statement
// is named by its line; an empty models file stops check and autogenerate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dialect/url.hpp"
#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// pg_dump of a database with an extension, an enum, a serial key, a foreign key, a comment, a
// function, a trigger, a view, an owner and a grant (to roles dropped right after the dump).
std::string pg_dump_of_shop() {
  Project src("postgresql", "dump_src");
  const std::string suffix = Url::parse(src.url()).database;
  const std::string owner = "own_" + suffix, reader = "rd_" + suffix;
  src.db().execute("CREATE ROLE " + owner + " NOLOGIN");
  src.db().execute("CREATE ROLE " + reader + " NOLOGIN");
  src.db().execute(
      "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
      "CREATE TYPE mood AS ENUM ('calm', 'angry');\n"
      "CREATE TABLE parent (id serial PRIMARY KEY, label varchar(30) NOT NULL DEFAULT 'none', "
      "m mood);\n"
      "CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id) ON "
      "DELETE CASCADE, created_at timestamp DEFAULT now());\n"
      "CREATE INDEX ix_child_created ON child (created_at, id);\n"
      "COMMENT ON TABLE parent IS 'the parents';\n"
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := "
      "now(); RETURN NEW; END; $$;\n"
      "CREATE TRIGGER t_touch BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION touch();\n"
      "CREATE VIEW v AS SELECT id FROM parent;\n"
      "ALTER TABLE parent OWNER TO " +
      owner + ";\nGRANT SELECT ON child TO " + reader + ";\n");
  std::filesystem::path dump = src.dir() / "dump.sql";
  auto r = src.shell("pg_dump --schema-only --dbname='" + src.url() + "' > dump.sql");
  EXPECT_EQ(r.code, 0) << r.err;
  src.db().execute("DROP OWNED BY " + owner + ", " + reader + " CASCADE");
  src.db().execute("DROP ROLE " + owner);
  src.db().execute("DROP ROLE " + reader);
  std::string text = read_text(dump);
  // What makes a dump a dump: the test means these.
  EXPECT_THAT(text, HasSubstr("SELECT pg_catalog.set_config('search_path', '', false);"));
  EXPECT_THAT(text, HasSubstr("ALTER TABLE public.parent OWNER TO " + owner + ";"));
  EXPECT_THAT(text, HasSubstr("GRANT SELECT ON TABLE public.child TO " + reader + ";"));
  EXPECT_THAT(text, HasSubstr("CREATE TABLE public.child ("));
  return text;
}

TEST(SchemaSqlDump, PgDumpIsTheModelsAsItIs) {
  std::string dump = pg_dump_of_shop();
  Project p("postgresql", "pg_dump_models");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql") << dump;

  auto r = p.retort("revision --autogenerate -m shop");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("create_table parent"));
  EXPECT_THAT(r.out, HasSubstr("create_table child"));
  // The dump's extension is managed: its CREATE EXTENSION declares the models' list.
  EXPECT_THAT(r.out, HasSubstr("create_extension pg_trgm"));
  EXPECT_THAT(r.err, Not(HasSubstr("unmanaged extension")));
  // Views, functions and triggers are managed: the revision creates them.
  EXPECT_THAT(r.out, HasSubstr("create_function touch"));
  EXPECT_THAT(r.out, HasSubstr("create_trigger t_touch on child"));
  EXPECT_THAT(r.out, HasSubstr("create_view v"));
  EXPECT_THAT(r.err, Not(HasSubstr("unmanaged view")));
  // Ownership and privileges were left out, not reported: roles are not part of a schema.
  EXPECT_THAT(r.err, Not(HasSubstr("grant")));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO parent (label, m) VALUES ('p', 'calm')");
  p.db().execute("INSERT INTO child (id, parent_id) VALUES (1, 1)");
  EXPECT_EQ(p.scalar("SELECT obj_description('parent'::regclass, 'pg_class')"), "the parents");

  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes"));
  r = p.retort("revision --autogenerate -m again");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes detected"));
  // No scratch database is left behind.
  EXPECT_EQ(p.scratch_databases_left(), 0);
}

TEST(SchemaSqlDump, PgFailingStatementIsNamedByItsLine) {
  Project p("postgresql", "pg_dump_error");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n"
         "CREATE TABLE public.a (id integer);\n\n--\n-- Name: ix_b\n--\n\n"
         "CREATE INDEX ix_b\n    ON public.nope (id);\n";
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: migrations/schema.sql:12: statement 3 failed in the scratch database: "
            "relation \"public.nope\" does not exist (SQLSTATE 42P01) in statement: CREATE INDEX "
            "ix_b ON public.nope (id)\n");
  EXPECT_EQ(p.scratch_databases_left(), 0);
}

// A role that may not create databases still loads a (hand-written) schema.sql: into a scratch
// schema inside a transaction that is rolled back.
TEST(SchemaSqlDump, PgRoleWithoutCreatedbFallsBackToAScratchSchema) {
  Project admin("postgresql", "pg_nocreatedb");
  Url u = Url::parse(admin.url());
  const std::string role = "nc_" + u.database;
  admin.db().execute("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'nc_pw'");
  admin.db().execute("GRANT CREATE ON DATABASE \"" + u.database + "\" TO " + role);
  admin.db().execute("GRANT CREATE ON SCHEMA public TO " + role);
  std::string url = "postgresql://" + role + ":nc_pw@" + u.host + ":" +
                    std::to_string(u.port.value_or(5432)) + "/" + u.database;
  std::ofstream(admin.dir() / "retort.toml")
      << "[retort]\nscript_location = \"migrations\"\nurl = \"" << url << "\"\n";
  std::filesystem::create_directories(admin.dir() / "migrations" / "versions");
  std::ofstream(admin.dir() / "migrations" / "schema.sql")
      << "CREATE TABLE parent (id integer PRIMARY KEY);\n"
         "CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id));\n";
  auto r = admin.retort("revision --autogenerate -m shop");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("create_table parent"));
  ASSERT_EQ(admin.retort("upgrade head").code, 0);
  r = admin.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(admin.scalar("SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'retort_scratch%'"),
            "0");
  admin.reconnect();
  admin.db().execute("DROP OWNED BY " + role + " CASCADE");
  admin.db().execute("DROP ROLE " + role);
}

// mariadb-dump --no-data: version comments that the server runs (foreign key checks off, so the
// child may come before its parent), DELIMITER ;; blocks for a trigger and a procedure, a view,
// DEFINER clauses.
std::string mariadb_dump_of_shop() {
  Project src("mysql", "dump_src");
  src.db().execute(
      "CREATE TABLE parent (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, label VARCHAR(30) NOT "
      "NULL DEFAULT 'none') ENGINE=InnoDB");
  src.db().execute(
      "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT UNSIGNED, n INT, CONSTRAINT "
      "fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)");
  src.db().execute(
      "CREATE TRIGGER trg BEFORE INSERT ON child FOR EACH ROW BEGIN IF NEW.n < 0 THEN SET "
      "NEW.n = 0; END IF; END");
  src.db().execute("CREATE PROCEDURE p() BEGIN SELECT 1; END");
  src.db().execute("CREATE VIEW v AS SELECT id FROM parent");
  Url u = Url::parse(src.url());
  auto r = src.shell("mariadb-dump --no-data --routines -h " + u.host + " -P " +
                     std::to_string(u.port.value_or(3306)) + " -u " + u.user + " -p'" + u.password +
                     "' " + u.database + " > dump.sql");
  EXPECT_EQ(r.code, 0) << r.err;
  std::string text = read_text(src.dir() / "dump.sql");
  EXPECT_THAT(text, HasSubstr("DELIMITER ;;"));
  EXPECT_THAT(text, HasSubstr("/*!50003 CREATE*/ /*!50017 DEFINER="));
  EXPECT_THAT(text, HasSubstr("FOREIGN_KEY_CHECKS=0 */;"));
  return text;
}

TEST(SchemaSqlDump, MariadbDumpIsTheModelsAsItIs) {
  std::string dump = mariadb_dump_of_shop();
  Project p("mysql", "my_dump_models");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql") << dump;

  auto r = p.retort("revision --autogenerate -m shop");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("create_table parent"));
  EXPECT_THAT(r.out, HasSubstr("create_table child"));
  // Views, procedures and triggers are managed: the revision creates them.
  EXPECT_THAT(r.out, HasSubstr("create_trigger trg on child"));
  EXPECT_THAT(r.out, HasSubstr("create_procedure p"));
  EXPECT_THAT(r.out, HasSubstr("create_view v"));
  EXPECT_EQ(r.err, "");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO parent (id, label) VALUES (1, 'p')");
  p.db().execute("INSERT INTO child (id, parent_id, n) VALUES (1, 1, 5)");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes"));
  EXPECT_EQ(p.scratch_databases_left(), 0);
}

TEST(SchemaSqlDump, MariadbFailingStatementIsNamedByItsLine) {
  Project p("mysql", "my_dump_error");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */;\nDELIMITER ;;\n"
         "CREATE TRIGGER trg BEFORE INSERT ON nope FOR EACH ROW BEGIN SET NEW.n = 0; END ;;\n"
         "DELIMITER ;\n";
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("retort: error: migrations/schema.sql:4: statement 2 failed in "
                               "the scratch database: Table '"));
  EXPECT_THAT(r.err, HasSubstr("in statement: CREATE TRIGGER trg BEFORE INSERT ON nope"));
}

}  // namespace
}  // namespace retort::test
