// PostgreSQL exclusion constraints end to end with the real `retort` binary: models with
// sa.ExcludeConstraint -> autogenerate -> upgrade -> the database refuses overlapping rows ->
// check clean; a changed predicate is one drop + one create, refused by PostgreSQL while rows
// break it (nothing half-applied), reversed by downgrade; a pg_dump-style schema.sql with
// EXCLUDE reflects and renders; SQLite and MariaDB say in one line that they have none. Also
// the fidelity neighbours: a range type's constructor functions are not user functions (the type
// is reported as unmanaged), an extension's functions neither, and a domain whose name needs
// quotes works as a column type.
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

std::string booking_models(const std::string& where) {
  return "sa.Extension(\"btree_gist\")\n"
         "sa.Table(\"booking\",\n"
         "  sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
         "  sa.Column(\"room\", sa.Integer(), { nullable = false }),\n"
         "  sa.Column(\"during\", sa.Type(\"tsrange\"), { nullable = false }),\n"
         "  sa.Column(\"cancelled\", sa.Boolean(), { nullable = false, server_default = "
         "sa.false_() }),\n"
         "  sa.ExcludeConstraint({ \"room\", \"=\" }, { \"during\", \"&&\" },\n"
         "    { name = \"booking_no_overlap\"" +
         (where.empty() ? std::string() : ", where = \"" + where + "\"") + " }))\n";
}

std::string constraint_def(Project& p, const std::string& name) {
  return p.scalar(
      "SELECT coalesce((SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conname "
      "= '" +
      name + "'), '-')");
}

void book(Project& p, int room, const std::string& during, bool cancelled = false) {
  p.db().execute("INSERT INTO booking (room, during, cancelled) VALUES (" + std::to_string(room) +
                 ", '" + during + "', " + (cancelled ? "true" : "false") + ")");
}

TEST(PgExclude, AutogenerateUpgradeCheckChangeAndDowngrade) {
  Project p("postgresql", "pg_exclude");
  p.write_config();
  write_models(p, booking_models("NOT cancelled"));
  auto r = p.retort("revision --autogenerate -m booking");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(detected(r.out), ElementsAre("create_extension btree_gist", "create_table booking"));
  std::string file = generated_text(r.out);
  EXPECT_THAT(file,
              HasSubstr("    sa.ExcludeConstraint({ \"room\", \"=\" }, { \"during\", \"&&\" },\n"
                        "      { name = \"booking_no_overlap\", where = \"NOT cancelled\" }))"));

  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(constraint_def(p, "booking_no_overlap"),
            "EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)");
  // The constraint does its job: an overlapping booking of the same room is refused, one of
  // another room, or a cancelled one, is not.
  book(p, 1, "[2026-01-01 10:00, 2026-01-01 12:00)");
  book(p, 2, "[2026-01-01 10:00, 2026-01-01 12:00)");
  book(p, 1, "[2026-01-01 11:00, 2026-01-01 13:00)", true);
  try {
    book(p, 1, "[2026-01-01 11:00, 2026-01-01 13:00)");
    ADD_FAILURE() << "an overlapping booking was accepted";
  } catch (const Error& e) {
    EXPECT_THAT(std::string(e.what()),
                HasSubstr("conflicting key value violates exclusion constraint "
                          "\"booking_no_overlap\""));
  }
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  r = p.retort("revision --autogenerate -m nothing");
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("No changes"));

  // The predicate goes: compared through the database's own text, exactly one drop + create.
  write_models(p, booking_models(""));
  r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  r = p.retort("revision --autogenerate -m wider");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(detected(r.out),
              ElementsAre("drop_constraint booking_no_overlap on booking",
                          "create_exclude_constraint booking_no_overlap on booking"));
  file = generated_text(r.out);
  // The drop carries what it drops, so the downgrade can restore it.
  EXPECT_THAT(file,
              HasSubstr("function upgrade()\n"
                        "  op.drop_constraint(\"booking_no_overlap\", \"booking\",\n"
                        "    {\n"
                        "      type_ = \"exclude\",\n"
                        "      existing = sa.ExcludeConstraint({ \"room\", \"=\" }, { \"during\", "
                        "\"&&\" },\n"
                        "        { name = \"booking_no_overlap\", where = \"NOT cancelled\" })\n"
                        "    })\n"
                        "  op.create_exclude_constraint(\"booking_no_overlap\", \"booking\",\n"
                        "    { { \"room\", \"=\" }, { \"during\", \"&&\" } })\n"
                        "end\n"));
  EXPECT_THAT(file, HasSubstr("    { { \"room\", \"=\" }, { \"during\", \"&&\" } },\n"
                              "    { where = \"NOT cancelled\" })\nend\n"));
  // The cancelled booking overlaps room 1's: PostgreSQL refuses the new constraint, and the run
  // leaves the old one in place.
  r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("could not create exclusion constraint \"booking_no_overlap\""));
  EXPECT_EQ(constraint_def(p, "booking_no_overlap"),
            "EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)");
  EXPECT_EQ(p.count("booking"), 3);
  p.db().execute("DELETE FROM booking WHERE cancelled");
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(constraint_def(p, "booking_no_overlap"),
            "EXCLUDE USING gist (room WITH =, during WITH &&)");
  EXPECT_EQ(p.count("booking"), 2);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(constraint_def(p, "booking_no_overlap"),
            "EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)");
  EXPECT_EQ(p.count("booking"), 2);
  ASSERT_EQ(p.retort("upgrade head").code, 0);

  // To base: the rows guard the table; then back up, clean.
  r = p.retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--allow-data-loss"));
  ASSERT_EQ(p.retort("downgrade base --allow-data-loss").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// Expressions, a mixed-case column, deferrable: written in a script, compared clean against models
// that say the same in another spelling.
TEST(PgExclude, ScriptOpsExpressionsAndModelsCompareClean) {
  Project p("postgresql", "pg_exclude_ops");
  p.write_config();
  p.write_revision(
      "a1", "", "slots",
      "  op.create_extension(\"btree_gist\")\n"
      "  op.create_table(\"slot\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"RoomId\", sa.Integer()), sa.Column(\"starts\", sa.DateTime()),\n"
      "    sa.Column(\"ends\", sa.DateTime()))\n"
      "  op.create_exclude_constraint(\"slot_excl\", \"slot\",\n"
      "    { { \"RoomId\", \"=\" }, { \"tsrange(starts, ends)\", \"&&\" } },\n"
      "    { deferrable = true, initially = \"DEFERRED\" })\n",
      "  op.drop_constraint(\"slot_excl\", \"slot\", \"exclude\")\n"
      "  op.drop_table(\"slot\")\n  op.drop_extension(\"btree_gist\")\n");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(constraint_def(p, "slot_excl"),
            "EXCLUDE USING gist (\"RoomId\" WITH =, tsrange(starts, ends) WITH &&) DEFERRABLE "
            "INITIALLY DEFERRED");
  // Deferred: two overlapping rows pass the INSERT, and the COMMIT refuses them.
  p.db().execute("BEGIN");
  p.db().execute(
      "INSERT INTO slot (\"RoomId\", starts, ends) VALUES (1, '2026-01-01 10:00', "
      "'2026-01-01 12:00'), (1, '2026-01-01 11:00', '2026-01-01 13:00')");
  EXPECT_THROW(p.db().execute("COMMIT"), Error);
  p.reconnect();
  EXPECT_EQ(p.count("slot"), 0);

  write_models(p,
               "sa.Extension(\"btree_gist\")\n"
               "sa.Table(\"slot\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
               "  sa.Column(\"RoomId\", sa.Integer()), sa.Column(\"starts\", sa.DateTime()),\n"
               "  sa.Column(\"ends\", sa.DateTime()),\n"
               "  sa.ExcludeConstraint({ \"RoomId\", \"=\" },\n"
               "    { sa.text(\"tsrange(\\\"starts\\\", ends)\"), \"&&\" },\n"
               "    { name = \"slot_excl\", using = \"gist\", deferrable = true,\n"
               "      initially = \"deferred\" }))\n");
  auto r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // A different operator is a change.
  write_models(
      p,
      "sa.Extension(\"btree_gist\")\n"
      "sa.Table(\"slot\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "  sa.Column(\"RoomId\", sa.Integer()), sa.Column(\"starts\", sa.DateTime()),\n"
      "  sa.Column(\"ends\", sa.DateTime()),\n"
      "  sa.ExcludeConstraint({ \"RoomId\", \"=\" }, { \"tsrange(starts, ends)\", \"=\" },\n"
      "    { name = \"slot_excl\", deferrable = true, initially = \"DEFERRED\" }))\n");
  r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("create_exclude_constraint slot_excl on slot"));

  ASSERT_EQ(p.retort("downgrade base").code, 0);
  EXPECT_EQ(constraint_def(p, "slot_excl"), "-");
}

// pg_dump's spelling: the constraint added by ALTER TABLE ONLY; reflected from the scratch with
// its parts, rendered, created, and compared clean.
TEST(PgExclude, SchemaSqlWithExclude) {
  Project p("postgresql", "pg_exclude_sql");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "SELECT pg_catalog.set_config('search_path', '', false);\n"
         "CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;\n"
         "CREATE TABLE public.booking (id integer NOT NULL, room integer NOT NULL,\n"
         "  during tsrange NOT NULL, note text);\n"
         "ALTER TABLE ONLY public.booking ADD CONSTRAINT booking_pkey PRIMARY KEY (id);\n"
         "ALTER TABLE ONLY public.booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist "
         "(room WITH =, during WITH &&) WHERE ((note IS NULL));\n";
  auto r = p.retort("revision --autogenerate -m booking");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("create_extension btree_gist", "create_table booking"));
  EXPECT_THAT(generated_text(r.out),
              HasSubstr("    sa.ExcludeConstraint({ \"room\", \"=\" }, { \"during\", \"&&\" },\n"
                        "      { name = \"booking_no_overlap\", where = \"note IS NULL\" }))"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(constraint_def(p, "booking_no_overlap"),
            "EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (note IS NULL)");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

// SQLite and MariaDB have no exclusion constraints: models or a script that ask get one line.
TEST(PgExclude, OtherDatabasesSayTheyHaveNone) {
  for (const char* dialect : {"sqlite", "mysql"}) {
    SCOPED_TRACE(dialect);
    Project p(dialect, "no_excludes");
    p.write_config();
    write_models(p,
                 "sa.Table(\"booking\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
                 "  sa.Column(\"room\", sa.Integer()),\n"
                 "  sa.ExcludeConstraint({ \"room\", \"=\" }, { name = \"one_per_room\" }))\n");
    const std::string db = std::string(dialect) == "sqlite" ? "SQLite" : "MySQL/MariaDB";
    auto r = p.retort("check");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err,
              "retort: error: migrations/models.lua: table booking: exclusion constraint "
              "one_per_room: " +
                  db +
                  " has no exclusion constraints (EXCLUDE is PostgreSQL's); use a unique "
                  "constraint, or a trigger that checks the rows\n");
    p.write_revision("a1", "", "booking",
                     "  op.create_table(\"booking\", sa.Column(\"room\", sa.Integer()))\n"
                     "  op.create_exclude_constraint(\"one_per_room\", \"booking\", { { \"room\", "
                     "\"=\" } })\n",
                     "");
    r = p.retort("upgrade head");
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("create_exclude_constraint one_per_room on booking: " + db +
                                 " has no exclusion constraints"));
    if (std::string(dialect) == "sqlite") {  // transactional: nothing of the revision is left
      EXPECT_FALSE(p.has_table("booking"));
      EXPECT_EQ(p.version_rows(), std::vector<std::string>{});
    }
  }
}

// CREATE TYPE ... AS RANGE makes constructor functions (floatrange(a, b), floatrange(a, b, '[]'),
// and the multirange's): they belong to the type, not to the models, so they are neither
// reflected as functions nor dropped; the range type itself, which retort does not manage, is
// reported. An extension's functions (btree_gist has hundreds) are the extension's.
TEST(PgExclude, RangeTypeConstructorsAndExtensionFunctionsAreNotUserFunctions) {
  Project p("postgresql", "pg_range_ctor");
  p.write_config();
  p.write_revision("a1", "", "range",
                   "  op.create_extension(\"btree_gist\")\n"
                   "  op.execute(\"CREATE TYPE floatrange AS RANGE (subtype = float8)\")\n"
                   "  op.create_table(\"reading\", sa.Column(\"id\", sa.Integer(), { primary_key "
                   "= true }), sa.Column(\"span\", sa.Type(\"floatrange\")))\n",
                   "  op.drop_table(\"reading\")\n  op.execute(\"DROP TYPE floatrange\")\n"
                   "  op.drop_extension(\"btree_gist\")\n");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO reading (span) VALUES (floatrange(1.5, 2.5))");
  write_models(p,
               "sa.Extension(\"btree_gist\")\n"
               "sa.Table(\"reading\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
               "  sa.Column(\"span\", sa.Type(\"floatrange\")))\n");
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("function")));
  EXPECT_THAT(r.err, HasSubstr("retort: warning: unmanaged range_type floatrange: in the database "
                               "only, left as it is"));
  EXPECT_THAT(r.err, Not(HasSubstr("function")));
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(p.scalar("SELECT count(*) FROM reading"), "1");
}

// A domain whose name keeps its case ("PosInt") as a column's type: created quoted, reflected as
// PostgreSQL prints it, compared clean.
TEST(PgExclude, QuotedDomainNameAsColumnType) {
  Project p("postgresql", "pg_quoted_domain");
  p.write_config();
  write_models(p,
               "local pos = sa.Domain(\"PosInt\", sa.Integer(), { check = \"VALUE > 0\", "
               "constraint_name = \"PosInt_check\" })\n"
               "sa.Table(\"stock\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
               "  sa.Column(\"qty\", pos, { nullable = false }))\n");
  auto r = p.retort("revision --autogenerate -m stock");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("create_domain PosInt", "create_table stock"));
  EXPECT_THAT(generated_text(r.out), HasSubstr("sa.Column(\"qty\", sa.Type(\"\\\"PosInt\\\"\"), "
                                               "{ nullable = false })"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                     "'stock'::regclass AND attname = 'qty'"),
            "\"PosInt\"");
  p.db().execute("INSERT INTO stock (qty) VALUES (3)");
  EXPECT_THROW(p.db().execute("INSERT INTO stock (qty) VALUES (0)"), Error);
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  r = p.retort("revision --autogenerate -m nothing");
  EXPECT_THAT(r.out, HasSubstr("No changes"));
  // The same schema as pg_dump writes it compares clean too.
  std::filesystem::remove(p.dir() / "migrations" / "models.lua");
  p.write_config("models = \"migrations/schema.sql\"");
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "CREATE DOMAIN public.\"PosInt\" AS integer\n"
         "\tCONSTRAINT \"PosInt_check\" CHECK ((VALUE > 0));\n"
         "CREATE TABLE public.stock (id integer GENERATED BY DEFAULT AS IDENTITY NOT NULL, "
         "qty public.\"PosInt\" NOT NULL);\n"
         "ALTER TABLE ONLY public.stock ADD CONSTRAINT pk_stock PRIMARY KEY (id);\n";
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  ASSERT_EQ(p.retort("downgrade base --allow-data-loss").code, 0);
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_type WHERE typname = 'PosInt'"), "0");
}

}  // namespace
}  // namespace retort::test
