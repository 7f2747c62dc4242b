// Nothing silent: objects retort does not manage are named by `check` and autogenerate, listed
// in the generated revision, fail `check --strict`, and are accepted only by exclude_objects.
// And an empty models file stops check and autogenerate (Alembic refuses to autogenerate
// without target metadata) unless --allow-empty-models.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const char* kOrders = R"(sa.Table("orders",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("owner", sa.String(40), { nullable = false }))
)";

// ---- Empty models ----------------------------------------------------------------------------

TEST(EmptyModels, FreshInitStopsCheckAndAutogenerateWithAHint) {
  Project p("sqlite", "empty_init");
  auto r = p.retort("init migrations");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string expected =
      "retort: error: the models (migrations/models.lua) declare no tables and no other objects: "
      "comparing them would drop every table of the database; migrations/models.lua holds only "
      "comments: write your tables in it (its comment shows how), or point models in retort.toml "
      "at your schema (or pass --allow-empty-models to mean it)\n";
  r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, expected);
  r = p.retort("revision --autogenerate -m first");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, expected);
  EXPECT_TRUE(std::filesystem::is_empty(p.dir() / "migrations" / "versions") ||
              std::filesystem::exists(p.dir() / "migrations" / "versions" / ".gitkeep"));
  r = p.retort("check --allow-empty-models");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes"));
}

TEST(EmptyModels, AllowEmptyModelsMeansDropEverything) {
  Project p("postgresql", "empty_models");
  p.write_config();
  write_models(p, "-- nothing yet\nlocal unused = 1\n");
  p.db().execute("CREATE TABLE legacy (id integer PRIMARY KEY)");
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: the models (migrations/models.lua) declare no tables and no other "
            "objects: comparing them would drop every table of the database; declare the tables "
            "in migrations/models.lua (or pass --allow-empty-models to mean it)\n");
  r = p.retort("check --allow-empty-models");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("drop_table legacy"));
  r = p.retort("revision --autogenerate --allow-empty-models -m drop");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("drop_table legacy"));
}

// ---- PostgreSQL ------------------------------------------------------------------------------

// Functions are managed (compared and migrated): the event trigger's function is in the models.
const std::string kOrdersPg = std::string(kOrders) +
                              "sa.Function(\"ddl_log\", [[CREATE FUNCTION ddl_log() RETURNS "
                              "event_trigger LANGUAGE plpgsql AS $$ BEGIN END; $$]])\n";

TEST(Unmanaged, PostgresObjectsAreNamedAndStrictFails) {
  Project p("postgresql", "unmanaged_pg");
  p.write_config();
  write_models(p, kOrdersPg);
  ASSERT_EQ(p.retort("revision --autogenerate -m orders").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute(
      "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
      "CREATE POLICY p_own ON orders USING (owner = current_user);\n"
      "CREATE RULE r_noop AS ON UPDATE TO orders WHERE false DO INSTEAD NOTHING;\n"
      "CREATE EVENT TRIGGER et_log ON ddl_command_end EXECUTE FUNCTION ddl_log();\n"
      "CREATE PUBLICATION pub_orders FOR TABLE orders;\n"
      "CREATE STATISTICS st_orders (dependencies) ON id, owner FROM orders;\n"
      "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);\n"
      "CREATE TEXT SEARCH CONFIGURATION fr_simple (COPY = simple);\n"
      "GRANT SELECT ON orders TO PUBLIC;\n");
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("No changes"));
  const char* expected[] = {
      "unmanaged collation ci: in the database only, left as it is (exclude_objects "
      "\"collation:ci\" accepts it)",
      "unmanaged event_trigger et_log: in the database only",
      "unmanaged grant orders: in the database only",
      "unmanaged policy orders.p_own: in the database only, left as it is (exclude_objects "
      "\"policy:orders.p_own\" accepts it)",
      "unmanaged publication pub_orders: in the database only",
      "unmanaged row_security orders: in the database only",
      "unmanaged rule orders.r_noop: in the database only",
      "unmanaged statistics st_orders: in the database only",
      "unmanaged text_search_configuration fr_simple: in the database only",
  };
  for (const char* e : expected)
    EXPECT_THAT(r.err, HasSubstr(std::string("retort: warning: ") + e));
  // The orders' own sequence (serial/identity) belongs to its column: not reported. (A sequence
  // of its own is managed: pg_sequence_test.cpp.)
  EXPECT_THAT(r.err, Not(HasSubstr("orders_id_seq")));

  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("retort: --strict: 9 object(s) that retort does not manage: "
                               "manage them with op.execute in a revision, or accept them in "
                               "exclude_objects (retort.toml)\n"));
  r = p.retort("--json check");
  EXPECT_THAT(r.out, HasSubstr("\"policy orders.p_own\""));

  // The generated revision lists them in its header.
  write_models(p, kOrdersPg +
                      "sa.Table(\"extra\", sa.Column(\"id\", sa.Integer(), { primary_key = true "
                      "}))\n");
  r = p.retort("revision --autogenerate -m extra");
  ASSERT_EQ(r.code, 0) << r.err;
  size_t at = r.out.find("Generating ");
  ASSERT_NE(at, std::string::npos);
  std::string file = r.out.substr(at + 11, r.out.find(" ... done") - at - 11);
  std::string text = read_text(file);
  EXPECT_THAT(text, HasSubstr("Warning: unmanaged policy orders.p_own: in the database only"));
  EXPECT_THAT(text, HasSubstr("Warning: unmanaged event_trigger et_log: in the database only"));
  std::filesystem::remove(file);
  write_models(p, kOrdersPg);

  // Exclusion is explicit, by kind and name.
  p.write_config(
      "exclude_objects = [\"policy:*\", \"rule:orders.*\", \"event_trigger:et_*\", "
      "\"publication:*\", \"statistics:*\", "
      "\"collation:ci\", \"text_search_configuration:*\", "
      "\"grant:orders\", \"row_security:orders\"]\n");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  p.write_config("exclude_objects = [\"policy\"]\n");
  r = p.retort("check");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: exclude_objects: 'policy' is not KIND:NAME (e.g. \"policy:*\", "
            "\"rule:orders.*\", \"*:audit_*\")\n");
  // Objects of a table left out by exclude_tables are left out too.
  p.write_config("exclude_tables = [\"orders\"]\nexclude_objects = [\"*:*\"]\n");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.err;
}

// ---- MariaDB ---------------------------------------------------------------------------------

TEST(Unmanaged, MariadbObjectsAreNamed) {
  Project p("mysql", "unmanaged_my");
  p.write_config();
  write_models(p, kOrders);
  ASSERT_EQ(p.retort("revision --autogenerate -m orders").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  // Views, triggers and routines are managed (a view only in the database is a drop_view);
  // an event is not.
  p.db().execute("CREATE EVENT ev_purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM orders");
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err,
            "retort: warning: unmanaged event ev_purge: in the database only, left as it is "
            "(exclude_objects \"event:ev_purge\" accepts it)\n");
  EXPECT_EQ(p.retort("check --strict").code, 1);
  p.write_config("exclude_objects = [\"*:*\"]\n");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

// ---- SQLite ----------------------------------------------------------------------------------

TEST(Unmanaged, SqliteObjectsAreNamed) {
  Project p("sqlite", "unmanaged_lite");
  p.write_config();
  write_models(p, kOrders);
  ASSERT_EQ(p.retort("revision --autogenerate -m orders").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  // Views and triggers are managed; a virtual table is not (its shadow tables are its own).
  p.db().execute("CREATE VIRTUAL TABLE notes USING fts5(body)");
  p.reconnect();
  auto r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err,
            "retort: warning: unmanaged virtual_table notes: in the database only, left as it is "
            "(exclude_objects \"virtual_table:notes\" accepts it)\n");
  EXPECT_EQ(p.retort("check --strict").code, 1);
}

}  // namespace
}  // namespace retort::test
