// Sequences and identity columns end to end with the real `retort` binary: models that declare a
// sequence, a column taking its values, and identity columns -> autogenerate (the sequence
// before the tables) -> upgrade -> rows insert without ids -> check clean -> a changed option
// is exactly one alter_sequence / alter_column -> downgrade and upgrade again; a pg_dump of
// serial columns (sequence, nextval default, OWNED BY) comes back as serial columns, never
// identity ones; SQLite says in one line that it has no sequences.
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

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

std::string shop_models(int increment, bool always) {
  return "local order_ids = sa.Sequence(\"order_id_seq\", { start = 1000, increment = " +
         std::to_string(increment) +
         " })\n"
         "sa.Table(\"orders\",\n"
         "  sa.Column(\"id\", sa.Integer(), order_ids, { primary_key = true }),\n"
         "  sa.Column(\"note\", sa.Text()))\n"
         "sa.Table(\"items\",\n"
         "  sa.Column(\"id\", sa.BigInteger(), sa.Identity({ always = " +
         std::string(always ? "true" : "false") +
         ", start = 10 }), { primary_key = true }),\n"
         "  sa.Column(\"name\", sa.Text()))\n"
         "sa.Table(\"plain\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n";
}

TEST(PgSequences, AutogenerateUpgradeCheckAlterAndDowngrade) {
  Project p("postgresql", "pg_sequences");
  p.write_config();
  write_models(p, shop_models(1, true));
  auto r = p.retort("revision --autogenerate -m shop");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(detected(r.out), ElementsAre("create_sequence order_id_seq", "create_table items",
                                           "create_table orders", "create_table plain"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO orders (note) VALUES ('a'), ('b')");
  p.db().execute("INSERT INTO items (name) VALUES ('x')");
  p.db().execute("INSERT INTO plain DEFAULT VALUES");
  EXPECT_EQ(p.scalar("SELECT max(id) FROM orders"), "1001");
  EXPECT_EQ(p.scalar("SELECT max(id) FROM items"), "10");
  // The sequence's column is a column with a default, never an identity; items is ALWAYS.
  EXPECT_EQ(
      p.scalar("SELECT attidentity::text || '/' || pg_get_expr(adbin, adrelid) FROM pg_attribute "
               "JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum "
               "WHERE attrelid = 'orders'::regclass AND attname = 'id'"),
      "/nextval('order_id_seq'::regclass)");
  EXPECT_EQ(p.scalar("SELECT attidentity FROM pg_attribute WHERE attrelid = 'items'::regclass "
                     "AND attname = 'id'"),
            "a");
  EXPECT_EQ(p.scalar("SELECT attidentity FROM pg_attribute WHERE attrelid = 'plain'::regclass "
                     "AND attname = 'id'"),
            "d");
  p.reconnect();
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // One option of each changed: exactly those two ops.
  write_models(p, shop_models(5, false));
  r = p.retort("revision --autogenerate -m change");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAre("alter_sequence order_id_seq", "alter_column items.id"));
  ASSERT_EQ(p.retort("upgrade head").code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT seqincrement FROM pg_sequence WHERE seqrelid = "
                     "'order_id_seq'::regclass"),
            "5");
  EXPECT_EQ(p.scalar("SELECT attidentity FROM pg_attribute WHERE attrelid = 'items'::regclass "
                     "AND attname = 'id'"),
            "d");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // Back and forth: the downgrade restores increment 1 and ALWAYS.
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT seqincrement FROM pg_sequence WHERE seqrelid = "
                     "'order_id_seq'::regclass"),
            "1");
  EXPECT_EQ(p.scalar("SELECT attidentity FROM pg_attribute WHERE attrelid = 'items'::regclass "
                     "AND attname = 'id'"),
            "a");
  // To base: the tables hold rows, so the guard refuses; with the flag the sequence goes too.
  r = p.retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  r = p.retort("downgrade base --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_class WHERE relkind = 'S' AND relname = "
                     "'order_id_seq'"),
            "0");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("revision --autogenerate -m again");
  EXPECT_THAT(r.out, HasSubstr("No changes detected"));
}

// A pg_dump of serial columns: CREATE SEQUENCE, ALTER SEQUENCE ... OWNED BY, and the column's
// DEFAULT nextval(...). It stays exactly that.
TEST(PgSequences, SerialFromADumpStaysSerial) {
  Project p("postgresql", "pg_serial_dump");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "SET check_function_bodies = false;\n"
         "SELECT pg_catalog.set_config('search_path', '', false);\n"
         "CREATE TABLE public.parent (id integer NOT NULL, label text);\n"
         "CREATE SEQUENCE public.parent_id_seq AS integer START WITH 1 INCREMENT BY 1 "
         "NO MINVALUE NO MAXVALUE CACHE 1;\n"
         "ALTER SEQUENCE public.parent_id_seq OWNED BY public.parent.id;\n"
         "ALTER TABLE ONLY public.parent ALTER COLUMN id SET DEFAULT "
         "nextval('public.parent_id_seq'::regclass);\n"
         "ALTER TABLE ONLY public.parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id);\n"
         "CREATE SEQUENCE public.tickets START WITH 100;\n";
  auto r = p.retort("revision --autogenerate -m serial");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(detected(r.out),
              ElementsAre("create_sequence parent_id_seq", "create_sequence tickets",
                          "create_table parent", "alter_sequence parent_id_seq"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(
      p.scalar("SELECT a.attidentity::text || '/' || pg_get_expr(d.adbin, d.adrelid) || '/' || "
               "format_type(s.seqtypid, NULL) FROM pg_attribute a JOIN pg_attrdef d ON "
               "d.adrelid = a.attrelid AND d.adnum = a.attnum JOIN pg_sequence s ON "
               "s.seqrelid = 'parent_id_seq'::regclass WHERE a.attrelid = "
               "'parent'::regclass AND a.attname = 'id'"),
      "/nextval('parent_id_seq'::regclass)/integer");
  // OWNED BY, as in the dump.
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_depend WHERE objid = 'parent_id_seq'::regclass "
                     "AND refobjid = 'parent'::regclass AND deptype = 'a'"),
            "1");
  p.db().execute("INSERT INTO parent (label) VALUES ('p')");
  p.reconnect();
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  r = p.retort("downgrade base --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_class WHERE relkind = 'S'"), "0");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST(Sequences, SqliteRefusesInOneLine) {
  Project p("sqlite", "sqlite_sequence");
  p.write_config();
  write_models(p,
               "sa.Sequence(\"s\")\nsa.Table(\"t\", sa.Column(\"id\", sa.Integer(), { "
               "primary_key = true }))\n");
  auto r = p.retort("revision --autogenerate -m s");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("SQLite has no sequences"));
}

}  // namespace
}  // namespace retort::test
