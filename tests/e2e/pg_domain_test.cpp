// PostgreSQL domains end to end with the real `retort` binary: models that declare them ->
// autogenerate (domains created before the tables that use them) -> upgrade -> check clean; a
// check changed is exactly one alter_domain, a domain left out of the models one drop_domain
// after the last use, each reversed by downgrade; a pg_dump-style schema.sql with CREATE DOMAIN;
// a hand-written drop of a domain a column uses is refused by PostgreSQL (never CASCADE);
// SQLite and MariaDB say in one line that they have no domains.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> detected(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Detected ", 0) == 0) lines.push_back(line.substr(9));
  return lines;
}

std::string generated_text(const std::string& out) {
  size_t at = out.find("Generating ");
  if (at == std::string::npos) return {};
  std::ifstream in(out.substr(at + 11, out.find(" ... done", at) - at - 11));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

std::string film_models(const std::string& year_check, bool with_code) {
  std::string m = "local year = sa.Domain(\"year\", sa.Integer(), { check = \"" + year_check +
                  "\", constraint_name = \"year_check\", default = 2000, not_null = true })\n";
  if (with_code)
    m += "local code = sa.Domain(\"code\", sa.String(10), { check = \"VALUE ~ '^[A-Z]+$'\" })\n";
  m += "sa.Table(\"film\",\n"
       "  sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
       "  sa.Column(\"title\", sa.String(100), { nullable = false }),\n"
       "  sa.Column(\"release_year\", year)" +
       std::string(with_code ? ",\n  sa.Column(\"code\", code))\n" : ")\n");
  return m;
}

std::string domain_row(Project& p, const std::string& name) {
  return p.scalar(
      "SELECT t.typname || ' ' || format_type(t.typbasetype, t.typtypmod) || ' ' || "
      "t.typnotnull || ' ' || coalesce(t.typdefault, '-') || ' ' || coalesce((SELECT "
      "string_agg(c.conname || ' ' || pg_get_constraintdef(c.oid, true), '; ' ORDER BY c.conname) "
      "FROM pg_constraint c WHERE c.contypid = t.oid), '-') FROM pg_type t WHERE t.typtype = "
      "'d' AND t.typname = '" +
      name + "'");
}

TEST(PgDomains, AutogenerateUpgradeCheckAlterDropAndDowngrade) {
  Project p("postgresql", "pg_domains");
  p.write_config();
  const std::string first = film_models("VALUE >= 1901 AND VALUE <= 2155", true);
  write_models(p, first);
  auto r = p.retort("revision --autogenerate -m film");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  // Created before the table that uses them, in the models' order.
  EXPECT_THAT(detected(r.out),
              ElementsAre("create_domain year", "create_domain code", "create_table film"));
  std::string file = generated_text(r.out);
  EXPECT_THAT(file, HasSubstr("op.create_domain(\"year\", sa.Integer(),\n"));
  EXPECT_THAT(file, HasSubstr("check = \"VALUE >= 1901 AND VALUE <= 2155\""));
  EXPECT_THAT(file, HasSubstr("constraint_name = \"year_check\""));
  EXPECT_THAT(file, HasSubstr("sa.Column(\"release_year\", sa.Type(\"year\"))"));
  // The downgrade drops the domains after the table, each with its definition.
  EXPECT_LT(file.find("op.drop_table(\"film\")"), file.find("op.drop_domain(\"code\""));
  EXPECT_THAT(file, HasSubstr("existing = sa.Domain(\"year\", sa.Integer(),"));

  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(domain_row(p, "year"),
            "year integer true 2000 year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)");
  EXPECT_EQ(domain_row(p, "code"),
            "code character varying(10) false - code_check CHECK (VALUE::text ~ "
            "'^[A-Z]+$'::text)");
  p.db().execute("INSERT INTO film (title, code) VALUES ('Alien', 'AL')");
  EXPECT_EQ(p.scalar("SELECT release_year FROM film"), "2000");  // the domain's default
  EXPECT_THROW(p.db().execute("INSERT INTO film (title, release_year, code) VALUES ('x', 1800, "
                              "'X')"),
               Error);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // A check widened: exactly one alter_domain.
  const std::string second = film_models("VALUE >= 1901 AND VALUE <= 2255", true);
  write_models(p, second);
  r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  r = p.retort("revision --autogenerate -m widen");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("alter_domain year"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO film (title, release_year, code) VALUES ('Far', 2200, 'FA')");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  // A second autogenerate at head writes nothing.
  r = p.retort("revision --autogenerate -m nothing");
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("No changes"));

  // The downgrade restores the narrower check (the row of 2200 must go first).
  p.db().execute("DELETE FROM film WHERE release_year = 2200");
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(domain_row(p, "year"),
            "year integer true 2000 year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)");
  ASSERT_EQ(p.retort("upgrade head").code, 0);

  // The column and its domain leave the models: the drop comes after the column's.
  write_models(p, film_models("VALUE >= 1901 AND VALUE <= 2255", false));
  r = p.retort("revision --autogenerate -m nocode");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("drop_column film.code", "drop_domain code"));
  r = p.retort("upgrade head --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(domain_row(p, "code"), "");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(domain_row(p, "code"),
            "code character varying(10) false - code_check CHECK (VALUE::text ~ "
            "'^[A-Z]+$'::text)");

  // To base: the rows guard the table; with --allow-data-loss the domains go after it.
  r = p.retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--allow-data-loss"));
  ASSERT_EQ(p.retort("downgrade base --allow-data-loss").code, 0);
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_type WHERE typtype = 'd' AND typnamespace = "
                     "'public'::regnamespace"),
            "0");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// pg_dump's own spelling: CREATE DOMAIN public.year ... and a column of public.year.
TEST(PgDomains, SchemaSqlWithCreateDomain) {
  Project p("postgresql", "pg_domains_sql");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "SELECT pg_catalog.set_config('search_path', '', false);\n"
         "CREATE DOMAIN public.year AS integer\n"
         "\tCONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));\n"
         "ALTER DOMAIN public.year OWNER TO postgres;\n"
         "CREATE TABLE public.film (film_id integer NOT NULL, release_year public.year);\n"
         "ALTER TABLE ONLY public.film ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);\n";
  auto r = p.retort("revision --autogenerate -m film");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("create_domain year", "create_table film"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

// A hand-written drop of a domain a column still uses: PostgreSQL refuses it (no CASCADE), the
// run stops, and the column and its rows are untouched.
TEST(PgDomains, DropOfADomainInUseIsRefused) {
  Project p("postgresql", "pg_domains_drop");
  p.write_config();
  p.write_revision("a1", "", "film",
                   "  op.create_domain(\"year\", sa.Integer(), { check = \"VALUE > 1900\" })\n"
                   "  op.create_table(\"film\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                   "true }),\n"
                   "    sa.Column(\"release_year\", sa.Domain(\"year\", sa.Integer())))\n",
                   "  op.drop_table(\"film\")\n  op.drop_domain(\"year\")\n");
  p.write_revision("b2", "a1", "drop", "  op.drop_domain(\"year\")\n", "");
  ASSERT_EQ(p.retort("upgrade a1").code, 0);
  p.db().execute("INSERT INTO film VALUES (1, 1999)");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot drop type year because other objects depend on it"));
  EXPECT_EQ(p.scalar("SELECT release_year FROM film"), "1999");
  EXPECT_EQ(p.version_rows(), std::vector<std::string>{"a1"});
}

// SQLite and MariaDB have no domains: a script or the models that ask for one get one line.
TEST(PgDomains, OtherDatabasesSayTheyHaveNone) {
  for (const char* dialect : {"sqlite", "mysql"}) {
    SCOPED_TRACE(dialect);
    Project p(dialect, "no_domains");
    p.write_config();
    write_models(p, film_models("VALUE > 1900", false));
    auto r = p.retort("check");
    EXPECT_EQ(r.code, 1);
    const std::string db = std::string(dialect) == "sqlite" ? "SQLite" : "MySQL/MariaDB";
    EXPECT_EQ(
        r.err,
        "retort: error: migrations/models.lua: sa.Domain \"year\": create_domain year: " + db +
            " has no domains (CREATE DOMAIN is PostgreSQL's); use the base type, "
            "with a check constraint on the column\n");
    p.write_revision("a1", "", "year", "  op.create_domain(\"year\", sa.Integer())\n", "");
    r = p.retort("upgrade head");
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("create_domain year: " + db + " has no domains"));
  }
}

}  // namespace
}  // namespace retort::test
