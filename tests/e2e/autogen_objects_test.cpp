// Views, materialized views, functions, procedures and triggers, end to end with the real
// `retort` binary on SQLite, PostgreSQL and MariaDB: models that declare them -> autogenerate ->
// upgrade -> check clean; then change the view, replace the function and add a trigger ->
// autogenerate detects exactly that -> upgrade -> check clean -> downgrade restores the old
// definitions (check against the older models clean). Also: a column type change under a view,
// objects in schema.sql, the offline (--sql) output run through the database's own client.
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

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// The "Detected ..." lines of an autogenerate, in order.
std::vector<std::string> detected(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Detected ", 0) == 0) lines.push_back(line.substr(9));
  return lines;
}

std::filesystem::path generated_file(const std::string& out) {
  size_t at = out.find("Generating ");
  if (at == std::string::npos) return {};
  size_t end = out.find(" ... done", at);
  return out.substr(at + 11, end - at - 11);
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

const char* kItem = R"lua(sa.Table("item",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("name", sa.String(50), { nullable = false }),
  sa.Column("score", sa.Integer()))
sa.Table("audit",
  sa.Column("id", sa.Integer(), { primary_key = true, autoincrement = false }),
  sa.Column("note", sa.String(100)))
)lua";

// The objects of models A and B on each dialect, and what autogenerate must detect between them.
struct Objects {
  std::string a, b;
  std::vector<std::string> created;  // A on an empty database
  std::vector<std::string> changed;  // A -> B
  std::string upper_name_probe;      // inserting 'abc' into item stores this name at A
};

Objects objects_for(const std::string& dialect) {
  Objects o;
  if (dialect == "sqlite") {
    o.a = R"lua(
sa.View("good_items", "SELECT id, name FROM item WHERE score > 0")
sa.Trigger("item_upper", "item", [[
CREATE TRIGGER item_upper AFTER INSERT ON item BEGIN
  UPDATE item SET name = upper(name) WHERE id = NEW.id;
END]])
)lua";
    o.b = R"lua(
sa.View("good_items", "SELECT id, name, score FROM item WHERE score > 10")
sa.Trigger("item_upper", "item", [[
CREATE TRIGGER item_upper AFTER INSERT ON item BEGIN
  UPDATE item SET name = upper(name) WHERE id = NEW.id;
END]])
sa.Trigger("item_audit", "item", [[
CREATE TRIGGER item_audit AFTER INSERT ON item BEGIN
  INSERT INTO audit (id, note) VALUES (NEW.id, 'added ' || upper(NEW.name));
END]])
)lua";
    o.created = {"create_table audit", "create_table item", "create_view good_items",
                 "create_trigger item_upper on item"};
    o.changed = {"replace_view good_items", "create_trigger item_audit on item"};
  } else if (dialect == "postgresql") {
    o.a = R"lua(
sa.Function("upper_name", [[
CREATE FUNCTION upper_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name := upper(NEW.name);
  RETURN NEW;
END $$]])
sa.Function("bonus", "CREATE FUNCTION bonus(s integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT s + 1 $$")
sa.Procedure("add_item", "CREATE PROCEDURE add_item(i integer, n text) LANGUAGE sql AS $$ INSERT INTO item (id, name) VALUES (i, n) $$")
sa.View("good_items", "SELECT id, name FROM item WHERE score > 0")
sa.MaterializedView("score_totals", "SELECT count(*) AS n, sum(score) AS total FROM item")
sa.Trigger("item_upper", "item", "CREATE TRIGGER item_upper BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION upper_name()")
)lua";
    o.b = R"lua(
sa.Function("upper_name", [[
CREATE FUNCTION upper_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name := upper(NEW.name);
  RETURN NEW;
END $$]])
sa.Function("bonus", "CREATE FUNCTION bonus(s integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT s + 100 $$")
sa.Function("note_added", [[
CREATE FUNCTION note_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit (id, note) VALUES (NEW.id, 'added ' || NEW.name);
  RETURN NEW;
END $$]])
sa.Procedure("add_item", "CREATE PROCEDURE add_item(i integer, n text) LANGUAGE sql AS $$ INSERT INTO item (id, name) VALUES (i, n) $$")
sa.View("good_items", "SELECT id, name, score FROM item WHERE score > 10")
sa.MaterializedView("score_totals", "SELECT count(*) AS n, sum(score) AS total FROM item")
sa.Trigger("item_upper", "item", "CREATE TRIGGER item_upper BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION upper_name()")
sa.Trigger("item_audit", "item", "CREATE TRIGGER item_audit AFTER INSERT ON item FOR EACH ROW EXECUTE FUNCTION note_added()")
)lua";
    o.created = {"create_table audit",
                 "create_table item",
                 "create_function upper_name",
                 "create_function bonus",
                 "create_procedure add_item",
                 "create_view good_items",
                 "create_materialized_view score_totals",
                 "create_trigger item_upper on item"};
    o.changed = {"replace_function bonus", "create_function note_added",
                 "replace_view good_items", "create_trigger item_audit on item"};
  } else {
    o.a = R"lua(
sa.Function("bonus", "CREATE FUNCTION bonus(s INT) RETURNS INT DETERMINISTIC RETURN s + 1")
sa.Procedure("add_item", [[
CREATE PROCEDURE add_item(IN i INT, IN n VARCHAR(50))
BEGIN
  INSERT INTO item (id, name) VALUES (i, n);
END]])
sa.View("good_items", "SELECT id, name FROM item WHERE score > 0")
sa.Trigger("item_upper", "item", "CREATE TRIGGER item_upper BEFORE INSERT ON item FOR EACH ROW SET NEW.name = UPPER(NEW.name)")
)lua";
    o.b = R"lua(
sa.Function("bonus", [[
CREATE FUNCTION bonus(s INT) RETURNS INT DETERMINISTIC
BEGIN
  DECLARE b INT;
  SET b = s + 100;
  RETURN b;
END]])
sa.Procedure("add_item", [[
CREATE PROCEDURE add_item(IN i INT, IN n VARCHAR(50))
BEGIN
  INSERT INTO item (id, name) VALUES (i, n);
END]])
sa.View("good_items", "SELECT id, name, score FROM item WHERE score > 10")
sa.Trigger("item_upper", "item", "CREATE TRIGGER item_upper BEFORE INSERT ON item FOR EACH ROW SET NEW.name = UPPER(NEW.name)")
sa.Trigger("item_audit", "item", [[
CREATE TRIGGER item_audit AFTER INSERT ON item FOR EACH ROW
BEGIN
  INSERT INTO audit (id, note) VALUES (NEW.id, CONCAT('added ', NEW.name));
END]])
)lua";
    o.created = {"create_table audit",        "create_table item",
                 "create_function bonus",     "create_procedure add_item",
                 "create_view good_items",    "create_trigger item_upper on item"};
    o.changed = {"replace_function bonus", "replace_view good_items",
                 "create_trigger item_audit on item"};
  }
  return o;
}

class AutogenObjects : public ::testing::TestWithParam<std::string> {};

TEST_P(AutogenObjects, CreateChangeDowngrade) {
  const std::string dialect = GetParam();
  const Objects o = objects_for(dialect);
  Project p(dialect, "ag_objects");
  p.write_config();

  // A: every object created after the tables it uses.
  write_models(p, std::string(kItem) + o.a);
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray(o.created)) << r.out;
  std::string a_file = read(generated_file(r.out));
  EXPECT_THAT(a_file, HasSubstr("op.create_view(\"good_items\", [[\n"));
  EXPECT_THAT(a_file, HasSubstr("op.drop_view(\"good_items\", { existing = [[\n"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  ASSERT_EQ(r.code, 0) << "models A do not round-trip:\n" << r.out << r.err;
  r = p.retort("revision --autogenerate -m again");
  EXPECT_THAT(r.out, HasSubstr("No changes detected")) << r.out << r.err;

  p.db().execute("INSERT INTO item (id, name, score) VALUES (1, 'abc', 5)");
  p.db().execute("INSERT INTO item (id, name, score) VALUES (2, 'def', 50)");
  EXPECT_EQ(p.scalar("SELECT name FROM item WHERE id = 1"), "ABC");  // the trigger ran
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM good_items"), "2");
  p.reconnect();

  // B: the view changes, the function is replaced, a trigger is added.
  write_models(p, std::string(kItem) + o.b);
  r = p.retort("revision --autogenerate -m b");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray(o.changed)) << r.out;
  std::filesystem::path b_file = generated_file(r.out);
  std::string b_text = read(b_file);
  EXPECT_THAT(b_text, HasSubstr("op.replace_view(\"good_items\", [[\n"));
  EXPECT_THAT(b_text, HasSubstr("replaces = [[\n"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << "after upgrade to B:\n" << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM good_items"), "1");
  p.db().execute("INSERT INTO item (id, name, score) VALUES (3, 'ghi', 60)");
  EXPECT_EQ(p.scalar("SELECT note FROM audit WHERE id = 3"), "added GHI");
  if (dialect != "sqlite") EXPECT_EQ(p.scalar("SELECT bonus(1)"), "101");
  p.reconnect();

  // Back to A: the old view and function, no audit trigger.
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::filesystem::remove(b_file);
  write_models(p, std::string(kItem) + o.a);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << "after downgrade to A:\n" << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM good_items"), "3");
  if (dialect != "sqlite") EXPECT_EQ(p.scalar("SELECT bonus(1)"), "2");
  p.db().execute("INSERT INTO item (id, name, score) VALUES (4, 'jkl', 1)");
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM audit WHERE id = 4"), "0");
  EXPECT_EQ(p.scalar("SELECT name FROM item WHERE id = 4"), "JKL");
  p.reconnect();

  // Down to base and up again: every object dropped before its table and created after it.
  r = p.retort("downgrade base --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// A column whose type changes under a view: PostgreSQL refuses ALTER COLUMN TYPE while a view
// reads the column, so autogenerate drops the view before the change and creates it after
// (and the reverse in downgrade). SQLite rebuilds the table and keeps the view and trigger.
TEST_P(AutogenObjects, ColumnTypeChangeUnderAView) {
  const std::string dialect = GetParam();
  Project p(dialect, "ag_objects_alter");
  p.write_config();
  const std::string view = R"lua(
sa.View("named", "SELECT id, name FROM item")
sa.View("named_twice", "SELECT id, name FROM named")
)lua";
  const std::string trigger =
      dialect == "sqlite"
          ? "sa.Trigger(\"item_upper\", \"item\", \"CREATE TRIGGER item_upper AFTER INSERT ON "
            "item BEGIN UPDATE item SET name = upper(name) WHERE id = NEW.id; END\")\n"
          : "";
  write_models(p, std::string(kItem) + view + trigger);
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute("INSERT INTO item (id, name, score) VALUES (1, 'abc', 5)");
  p.reconnect();

  std::string wider = kItem;
  wider.replace(wider.find("sa.String(50)"), 13, "sa.String(200)");
  write_models(p, wider + view + trigger);
  r = p.retort("revision --autogenerate -m wider");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  if (dialect == "postgresql") {
    // The views are dropped and created again around the change, named on its line.
    EXPECT_THAT(detected(r.out),
                ElementsAreArray({"alter_column item.name (views named, named_twice dropped and "
                                  "created again around it)"}))
        << r.out;
    const std::string text = read(generated_file(r.out));
    EXPECT_LT(text.find("op.drop_view(\"named_twice\""), text.find("op.drop_view(\"named\""));
    EXPECT_LT(text.find("op.drop_view(\"named\""), text.find("op.alter_column("));
    EXPECT_LT(text.find("op.alter_column("), text.find("op.create_view(\"named\""));
    EXPECT_LT(text.find("op.create_view(\"named\""), text.find("op.create_view(\"named_twice\""));
    EXPECT_THAT(text, HasSubstr("-- dropped for the change of item.name"));
  } else {
    EXPECT_THAT(detected(r.out), ElementsAreArray({"alter_column item.name"})) << r.out;
  }
  std::filesystem::path file = generated_file(r.out);
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT name FROM named_twice WHERE id = 1"),
            dialect == "sqlite" ? "ABC" : "abc");  // the SQLite trigger survived the rebuild
  p.db().execute("INSERT INTO item (id, name, score) VALUES (2, 'def', 5)");
  if (dialect == "sqlite") EXPECT_EQ(p.scalar("SELECT name FROM item WHERE id = 2"), "DEF");
  p.reconnect();

  // Back to VARCHAR(50): a narrowing the data-loss guard lets through, since 'abc' fits.
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::filesystem::remove(file);
  write_models(p, std::string(kItem) + view + trigger);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM named_twice"), "2");
}

// schema.sql declares objects as plain DDL; they are reflected from the scratch database.
TEST_P(AutogenObjects, SchemaSqlObjects) {
  const std::string dialect = GetParam();
  Project p(dialect, "ag_objects_sql");
  p.write_config();
  std::string sql =
      "CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
      "CREATE VIEW named AS SELECT id, name FROM item;\n";
  if (dialect == "postgresql")
    sql +=
        "CREATE FUNCTION twice(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a * 2 $$;\n";
  std::ofstream(p.dir() / "migrations" / "schema.sql") << sql;
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::vector<std::string> want = {"create_table item", "create_view named"};
  if (dialect == "postgresql") want.insert(want.begin() + 1, "create_function twice");
  EXPECT_THAT(detected(r.out), ElementsAreArray(want)) << r.out;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;

  // A view the models no longer have is dropped, and its definition kept for downgrade.
  std::ofstream(p.dir() / "migrations" / "schema.sql", std::ios::trunc)
      << "CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
      << (dialect == "postgresql"
              ? "CREATE FUNCTION twice(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a "
                "* 2 $$;\n"
              : "");
  r = p.retort("revision --autogenerate -m b");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(detected(r.out), ElementsAreArray({"drop_view named"})) << r.out;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(p.retort("check").code, 0);
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT COUNT(*) FROM named"), "0");
}

// The --sql output of the objects' revision runs in the database's own client (MariaDB: the
// routine and trigger bodies between DELIMITER lines).
TEST_P(AutogenObjects, OfflineSqlRunsInTheClient) {
  const std::string dialect = GetParam();
  const Objects o = objects_for(dialect);
  Project p(dialect, "ag_objects_offline");
  p.write_config();
  write_models(p, std::string(kItem) + o.b);
  auto r = p.retort("revision --autogenerate -m a");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("upgrade head --sql > upgrade.sql");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string sql = read(p.dir() / "upgrade.sql");
  EXPECT_THAT(sql, HasSubstr("CREATE VIEW"));
  if (dialect == "mysql") EXPECT_THAT(sql, HasSubstr("DELIMITER $$\n"));
  // The database is untouched; the client runs the script.
  Url url = Url::parse(p.url());
  std::string client;
  if (dialect == "sqlite") {
    client = "sqlite3 '" + url.database + "' < upgrade.sql";
  } else if (dialect == "postgresql") {
    client = "PGPASSWORD='" + url.password + "' psql -X -q -v ON_ERROR_STOP=1 -h " + url.host +
             " -p " + std::to_string(url.port.value_or(0)) + " -U " + url.user + " -d " + url.database +
             " -f upgrade.sql";
  } else {
    client = "mariadb -u" + url.user + " -p'" + url.password + "' -h" + url.host + " -P" +
             std::to_string(url.port.value_or(0)) + " " + url.database + " < upgrade.sql";
  }
  r = p.shell(client);
  ASSERT_EQ(r.code, 0) << client << "\n" << r.out << r.err;
  p.reconnect();
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, AutogenObjects,
                         ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
