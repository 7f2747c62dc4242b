// The op API as Alembic's own tests use it (issue 22): each case runs the `retort` binary on a
// real SQLite, PostgreSQL and MariaDB database and checks the result through the catalogs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Cols = std::vector<std::string>;

class OpApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
  }
  bool sqlite() const { return GetParam() == "sqlite"; }
  bool postgresql() const { return GetParam() == "postgresql"; }
  bool mysql() const { return GetParam() == "mysql"; }
  // The current schema: "main" on SQLite, "public" on PostgreSQL, the database on MariaDB.
  std::string schema_filter() const {
    return postgresql() ? "table_schema = 'public'" : "table_schema = DATABASE()";
  }
  // A column's type as the catalog names it (lower case).
  std::string column_type(const std::string& table, const std::string& column) {
    if (sqlite()) {
      for (const auto& row :
           p->db().query("SELECT name, type FROM pragma_table_info('" + table + "')").rows)
        if (value_text(row[0]) == column) return lower(value_text(row[1]));
      return "";
    }
    return lower(p->scalar("SELECT " + std::string(mysql() ? "column_type" : "data_type") +
                           " FROM information_schema.columns WHERE " + schema_filter() +
                           " AND table_name = '" + table + "' AND column_name = '" + column + "'"));
  }
  // The names of a table's check constraints, sorted.
  Cols check_names(const std::string& table) {
    std::string sql;
    if (sqlite()) {
      std::string ddl = p->scalar("SELECT sql FROM sqlite_master WHERE name = '" + table + "'");
      Cols out;
      for (size_t at = ddl.find("CONSTRAINT \""); at != std::string::npos;
           at = ddl.find("CONSTRAINT \"", at + 1)) {
        size_t start = at + 12;
        size_t end = ddl.find('"', start);
        if (ddl.compare(end + 1, 7, " CHECK ") == 0) out.push_back(ddl.substr(start, end - start));
      }
      std::sort(out.begin(), out.end());
      return out;
    }
    if (postgresql())
      sql = "SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid = '" + table +
            "'::regclass ORDER BY 1";
    else
      sql =
          "SELECT constraint_name FROM information_schema.table_constraints WHERE "
          "constraint_type = 'CHECK' AND table_schema = DATABASE() AND table_name = '" +
          table + "' ORDER BY 1";
    Cols out;
    for (const auto& row : p->db().query(sql).rows) out.push_back(value_text(row[0]));
    return out;
  }
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  std::unique_ptr<Project> p;
};

const char* kCreateT = R"(  op.create_table("t",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("code", sa.String(10)))
  op.bulk_insert("t", { { id = 1, code = "22" }, { id = 2, code = "7" }, { id = 3 } }))";

// Alembic's test_batch / test_sqlite "change type": the values are copied with CAST, so '22'
// becomes the integer 22 (its storage class changes too, which SQLite's typeof() shows).
TEST_P(OpApi, TypeChangeCopiesValuesWithCast) {
  p->write_revision("a1", "", "create t", kCreateT,
                    "  op.drop_table(\"t\", { allow_data_loss = true })");
  p->write_revision("a2", "a1", "code to integer",
                    "  op.alter_column(\"t\", \"code\", { type_ = sa.Integer(), existing_type = "
                    "sa.String(10),\n    postgresql_using = \"code::integer\", allow_data_loss = "
                    "true })",
                    "  op.alter_column(\"t\", \"code\", { type_ = sa.String(10), existing_type = "
                    "sa.Integer() })");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(column_type("t", "code"), HasSubstr("int"));
  EXPECT_EQ(p->scalar("SELECT code + 1 FROM t WHERE id = 1"), "23");
  EXPECT_EQ(p->scalar("SELECT COUNT(*) FROM t WHERE code IS NULL"), "1");
  if (sqlite()) {
    EXPECT_EQ(p->scalar("SELECT group_concat(typeof(code), ',') FROM (SELECT code FROM t "
                        "ORDER BY id)"),
              "integer,integer,null");
  }
  r = p->retort("downgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(column_type("t", "code"), HasSubstr("char"));
  EXPECT_EQ(p->scalar("SELECT code FROM t WHERE id = 2"), "7");
  if (sqlite())
    EXPECT_EQ(p->scalar("SELECT group_concat(typeof(code), ',') FROM (SELECT code FROM t "
                        "ORDER BY id)"),
              "text,text,null");
}

TEST_P(OpApi, BatchTypeChangeCopiesValuesWithCast) {
  p->write_revision("a1", "", "create t", kCreateT,
                    "  op.drop_table(\"t\", { allow_data_loss = true })");
  p->write_revision("a2", "a1", "code to integer in a batch",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.alter_column(\"code\", { type_ = sa.Integer(), postgresql_using = "
                    "\"code::integer\", allow_data_loss = true })\n"
                    "  end)",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.alter_column(\"code\", { type_ = sa.String(10) })\n"
                    "  end)");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(column_type("t", "code"), HasSubstr("int"));
  EXPECT_EQ(p->scalar("SELECT SUM(code) FROM t"), "29");
  if (sqlite())
    EXPECT_EQ(p->scalar("SELECT group_concat(typeof(code), ',') FROM (SELECT code FROM t "
                        "ORDER BY id)"),
              "integer,integer,null");
  ASSERT_EQ(p->retort("downgrade base").code, 0);
}

// A date kept as text is not CAST to SQLite's NUMERIC affinity (which would leave 2024).
TEST_P(OpApi, TypeChangeToDateTimeKeepsTheText) {
  p->write_revision("a1", "", "create t",
                    "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }), sa.Column(\"at\", sa.String(30)))\n"
                    "  op.bulk_insert(\"t\", { { id = 1, at = \"2024-05-01 10:00:00\" } })",
                    "  op.drop_table(\"t\", { allow_data_loss = true })");
  p->write_revision("a2", "a1", "at to datetime",
                    "  op.alter_column(\"t\", \"at\", { type_ = sa.DateTime(), postgresql_using = "
                    "\"at::timestamp\", allow_data_loss = true })",
                    "");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(p->scalar("SELECT at FROM t"), HasSubstr("2024-05-01"));
}

// sa.text(...) as a server default is written as is: MariaDB's ON UPDATE form only parses
// unwrapped (SQLAlchemy writes a TextClause verbatim too).
TEST_P(OpApi, TextServerDefaultIsWrittenAsIs) {
  const std::string text =
      mysql() ? "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP";
  p->write_revision("a1", "", "create t",
                    "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }),\n    sa.Column(\"changed\", sa.TIMESTAMP(), { nullable = false, "
                    "server_default = sa.text(\"" +
                        text +
                        "\") }))\n"
                        "  op.add_column(\"t\", sa.Column(\"seen\", sa.DateTime(), { "
                        "server_default = sa.text(\"CURRENT_TIMESTAMP\") }))",
                    "  op.drop_table(\"t\")");
  auto r = p->retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("DEFAULT " + text));
  // (SQLite's table rebuild for add_column writes the reflected current-timestamp default as
  // `(CURRENT_TIMESTAMP)`, which SQLite reads the same.)
  if (!sqlite()) EXPECT_THAT(r.out, Not(HasSubstr("DEFAULT (CURRENT_TIMESTAMP")));
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  p->db().execute("INSERT INTO t (id) VALUES (1)");
  EXPECT_EQ(p->scalar("SELECT COUNT(*) FROM t WHERE changed IS NOT NULL AND seen IS NOT NULL"),
            "1");
  if (mysql()) {
    EXPECT_EQ(
        lower(p->scalar("SELECT extra FROM information_schema.columns WHERE " + schema_filter() +
                        " AND table_name = 't' AND column_name = 'changed'")),
        "on update current_timestamp()");
  }
}

// op.bulk_insert with no rows does nothing, with a table name or a table shape, on every
// database (Alembic's test_bulk_insert "empty").
TEST_P(OpApi, BulkInsertWithNoRowsDoesNothing) {
  p->write_revision("a1", "", "create t",
                    std::string(kCreateT) +
                        "\n  op.bulk_insert(\"t\", {})\n"
                        "  op.bulk_insert(sa.table(\"t\", sa.column(\"id\"), sa.column(\"code\")), "
                        "{})\n"
                        "  op.bulk_insert(\"t\", {}, { schema = nil, multiinsert = false })",
                    "  op.drop_table(\"t\", { allow_data_loss = true })");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->count("t"), 3);
  r = p->retort("upgrade base:head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
}

// Unnamed CHECK constraints take the naming convention's name, from the column they name, so a
// downgrade can drop them by that name.
TEST_P(OpApi, UnnamedCheckConstraintsAreNamedByTheConvention) {
  p->write_revision("a1", "", "create t",
                    "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = "
                    "true }),\n    sa.Column(\"age\", sa.Integer(), sa.CheckConstraint(\"age >= "
                    "0\")),\n    sa.Column(\"score\", sa.Integer()), sa.CheckConstraint(\"age < "
                    "200\"))\n  op.create_check_constraint(nil, \"t\", \"score BETWEEN 0 AND 10\")",
                    "  op.drop_table(\"t\")");
  p->write_revision("a2", "a1", "drop checks",
                    "  op.drop_constraint(\"ck_t_score\", \"t\", { type_ = \"check\" })\n"
                    "  op.drop_constraint(\"ck_t_age_2\", \"t\", \"check\")",
                    "  op.create_check_constraint(nil, \"t\", \"score BETWEEN 0 AND 10\")\n"
                    "  op.create_check_constraint(\"ck_t_age_2\", \"t\", \"age < 200\")");
  auto r = p->retort("upgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(check_names("t"), (Cols{"ck_t_age", "ck_t_age_2", "ck_t_score"}));
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(check_names("t"), (Cols{"ck_t_age"}));
  r = p->retort("downgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(check_names("t"), (Cols{"ck_t_age", "ck_t_age_2", "ck_t_score"}));
}

// if_not_exists / if_exists on tables and columns: a second create or a drop of what is gone is
// no error, on every database.
TEST_P(OpApi, IfExistsAndIfNotExists) {
  p->write_revision(
      "a1", "", "create t twice",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"a\", sa.Integer(), { index = true }))\n"
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"a\", sa.Integer(), { index = true }), { if_not_exists = true })\n"
      "  op.add_column(\"t\", sa.Column(\"b\", sa.Integer()))\n"
      "  op.add_column(\"t\", sa.Column(\"b\", sa.Integer()), { if_not_exists = true })\n"
      "  op.drop_column(\"t\", \"zz\", { if_exists = true })\n"
      "  op.drop_table(\"gone\", { if_exists = true })",
      "  op.drop_column(\"t\", \"b\", { if_exists = true })\n"
      "  op.drop_column(\"t\", \"b\", { if_exists = true })\n"
      "  op.drop_table(\"t\", { if_exists = true })\n"
      "  op.drop_table(\"t\", { if_exists = true })");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("t"), (Cols{"id", "a", "b"}));
  r = p->retort("upgrade base:head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("CREATE TABLE IF NOT EXISTS"));
  EXPECT_THAT(r.out, HasSubstr("DROP TABLE IF EXISTS"));
  r = p->retort("downgrade base");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(p->has_table("t"));
}

// drop_constraint's type_ as Alembic's third positional argument, and its errors.
TEST_P(OpApi, DropConstraintTakesTypePositionally) {
  p->write_revision(
      "a1", "", "create",
      "  op.create_table(\"p\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))\n"
      "  op.create_table(\"c\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"p_id\", sa.Integer()), sa.Column(\"code\", sa.String(10)))\n"
      "  op.create_foreign_key(nil, \"c\", \"p\", { \"p_id\" }, { \"id\" })\n"
      "  op.create_unique_constraint(nil, \"c\", { \"code\" })",
      "  op.drop_table(\"c\")\n  op.drop_table(\"p\")");
  p->write_revision("a2", "a1", "drop them",
                    "  op.drop_constraint(\"fk_c_p_id_p\", \"c\", \"foreignkey\")\n"
                    "  op.batch_alter_table(\"c\", function(batch)\n"
                    "    batch.drop_constraint(\"uq_c_code\", \"unique\")\n"
                    "  end)",
                    "  op.create_unique_constraint(nil, \"c\", { \"code\" })\n"
                    "  op.create_foreign_key(nil, \"c\", \"p\", { \"p_id\" }, { \"id\" })");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  p->db().execute("INSERT INTO c (id, p_id, code) VALUES (1, 99, 'x')");
  p->db().execute("INSERT INTO c (id, p_id, code) VALUES (2, 98, 'x')");
  EXPECT_EQ(p->count("c"), 2);
  p->db().execute("DELETE FROM c");
  ASSERT_EQ(p->retort("downgrade a1").code, 0);

  p->write_revision("a3", "a2", "bad", "  op.drop_constraint(\"x\", \"c\", \"index\")", "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("a3_bad.lua:13: op.drop_constraint: argument 3 (the constraint "
                               "type) must be \"foreignkey\", \"unique\", \"check\", "
                               "\"primary\" or \"exclude\" (got \"index\")"));
  p->write_revision("a3", "a2", "bad",
                    "  op.drop_constraint(\"x\", \"c\", \"check\", { type_ = \"check\" })", "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("op.drop_constraint: type_ is given twice (as argument 3 and as "
                               "an option)"));
}

// match and postgresql_not_valid on foreign keys and checks: PostgreSQL writes them (and
// pg_constraint shows them); the others ignore NOT VALID and parse MATCH.
TEST_P(OpApi, ForeignKeyMatchAndNotValid) {
  p->write_revision(
      "a1", "", "create",
      "  op.create_table(\"p\", sa.Column(\"a\", sa.Integer(), { primary_key = true }))\n"
      "  op.create_table(\"c\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"pa\", sa.Integer()), sa.Column(\"n\", sa.Integer()))\n"
      "  op.bulk_insert(\"c\", { { id = 1, n = -1 } })",
      "  op.drop_table(\"c\", { allow_data_loss = true })\n  op.drop_table(\"p\")");
  p->write_revision("a2", "a1", "constraints",
                    "  op.create_foreign_key(\"fk_c_p\", \"c\", \"p\", { \"pa\" }, { \"a\" }, "
                    "{ match = \"full\", postgresql_not_valid = true })\n"
                    "  op.create_check_constraint(nil, \"c\", \"n >= 0\", { postgresql_not_valid = "
                    "true })",
                    "  op.drop_constraint(\"ck_c_n\", \"c\", \"check\")\n"
                    "  op.drop_constraint(\"fk_c_p\", \"c\", \"foreignkey\")");
  auto r = p->retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("MATCH FULL"));
  if (postgresql())
    EXPECT_THAT(r.out, HasSubstr("NOT VALID"));
  else
    EXPECT_THAT(r.out, Not(HasSubstr("NOT VALID")));
  if (postgresql()) {
    // NOT VALID lets the existing row (n = -1) stay; the constraints are there, unvalidated.
    r = p->retort("upgrade head");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(p->scalar("SELECT convalidated::text FROM pg_constraint WHERE conname = 'ck_c_n'"),
              "false");
    EXPECT_EQ(
        p->scalar("SELECT convalidated::text || ':' || confmatchtype::text FROM pg_constraint "
                  "WHERE conname = 'fk_c_p'"),
        "false:f");
    ASSERT_EQ(p->retort("downgrade a1").code, 0);
  }
  r = p->retort("upgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  p->write_revision("a3", "a1", "bad match",
                    "  op.create_foreign_key(nil, \"c\", \"p\", { \"pa\" }, { \"a\" }, { match = "
                    "\"loose\" })",
                    "");
  std::filesystem::remove(p->dir() / "migrations" / "versions" / "a2_constraints.lua");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("option 'match' for op.create_foreign_key must be \"FULL\", "
                               "\"PARTIAL\" or \"SIMPLE\" (got \"loose\")"));
}

// drop_column's existing_type: the drop can be reversed, as in Alembic.
TEST_P(OpApi, DropColumnExistingTypeMakesItReversible) {
  p->write_revision(
      "a1", "", "create",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"nick\", sa.String(40)))",
      "  op.drop_table(\"t\")");
  p->write_revision("a2", "a1", "drop nick",
                    "  op.drop_column(\"t\", \"nick\", { existing_type = sa.String(40), "
                    "existing_nullable = true })",
                    "  op.add_column(\"t\", sa.Column(\"nick\", sa.String(40)))");
  ASSERT_EQ(p->retort("upgrade head").code, 0);
  EXPECT_EQ(p->columns("t"), (Cols{"id"}));
  ASSERT_EQ(p->retort("downgrade a1").code, 0);
  EXPECT_EQ(p->columns("t"), (Cols{"id", "nick"}));
  p->write_revision("a2", "a1", "drop nick",
                    "  op.drop_column(\"t\", \"nick\", { existing_nullable = true })", "");
  auto r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("op.drop_column: existing_nullable, existing_server_default and "
                               "existing_comment need existing_type"));
}

// batch_alter_table's Alembic options: insert_before / insert_after place a column in a SQLite
// rebuild; recreate = "never" refuses what needs one; naming_convention names the constraints a
// table's SQL left unnamed so drop_constraint finds them; the others alter in place.
TEST_P(OpApi, BatchOptions) {
  p->write_revision("a1", "", "create",
                    "  op.execute(\"CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, "
                    "CHECK (b > 0))\")\n"
                    "  op.execute(\"INSERT INTO t (id, a, b) VALUES (1, 10, 20)\")",
                    "  op.drop_table(\"t\", { allow_data_loss = true })");
  p->write_revision(
      "a2", "a1", "batch",
      "  op.batch_alter_table(\"t\", function(batch)\n"
      "    batch.add_column(sa.Column(\"x\", sa.Integer()), { insert_after = \"id\" })\n"
      "    batch.add_column(sa.Column(\"y\", sa.Integer()), { insert_before = \"id\" })\n"
      "  end, { recreate = \"always\", table_kwargs = { mysql_engine = \"InnoDB\" } })\n"
      "  op.batch_alter_table(\"t\", function(batch)\n"
      "    batch.drop_column(\"y\")\n"
      "  end, { recreate = \"never\" })",
      "  op.batch_alter_table(\"t\", function(batch)\n"
      "    batch.drop_column(\"x\")\n"
      "  end)");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  if (sqlite())
    EXPECT_EQ(p->columns("t"), (Cols{"id", "x", "a", "b"}));
  else
    EXPECT_EQ(p->columns("t"), (Cols{"id", "a", "b", "x"}));
  EXPECT_EQ(p->scalar("SELECT a + b FROM t WHERE id = 1"), "30");
  ASSERT_EQ(p->retort("downgrade a1").code, 0);

  if (sqlite()) {
    // The CHECK has no name in the table's SQL: the batch's convention gives it one to drop.
    p->write_revision(
        "a2", "a1", "batch",
        "  op.batch_alter_table(\"t\", function(batch)\n"
        "    batch.drop_constraint(\"ck_t_b\", \"check\")\n"
        "  end, { naming_convention = { ck = \"ck_%(table_name)s_%(column_0_name)s\" } })",
        "");
    r = p->retort("upgrade head");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(p->scalar("SELECT sql FROM sqlite_master WHERE name = 't'"),
                Not(HasSubstr("CHECK")));
    EXPECT_EQ(p->count("t"), 1);
    ASSERT_EQ(p->retort("downgrade a1").code, 0);
    p->write_revision("a2", "a1", "batch",
                      "  op.batch_alter_table(\"t\", function(batch)\n"
                      "    batch.alter_column(\"a\", { nullable = false })\n"
                      "  end, { recreate = \"never\" })",
                      "");
    r = p->retort("upgrade head");
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("batch_alter_table t (recreate = \"never\"): alter_column needs a "
                                 "table rebuild on SQLite; leave recreate out (\"auto\") to "
                                 "rebuild"));
  }
  p->write_revision(
      "a2", "a1", "batch",
      "  op.batch_alter_table(\"t\", function(batch) end, { recreate = \"sometimes\" })", "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("option 'recreate' for op.batch_alter_table must be \"auto\", "
                               "\"always\" or \"never\" (got \"sometimes\")"));
}

// SQLAlchemy's uppercase types name the database type literally (sa.TIMESTAMP() is TIMESTAMP on
// MariaDB, where sa.DateTime() is DATETIME), autogenerate writes them back under their own
// names, and `check` finds no difference after the upgrade.
TEST_P(OpApi, UppercaseTypesNameTheDatabaseType) {
  const std::string columns =
      "sa.Column(\"id\", sa.INTEGER(), { primary_key = true }),\n"
      "  sa.Column(\"at\", sa.TIMESTAMP(), { nullable = true }),\n"
      "  sa.Column(\"name\", sa.VARCHAR(40)),\n"
      "  sa.Column(\"amount\", sa.NUMERIC(10, 2)),\n"
      "  sa.Column(\"big\", sa.BIGINT()),\n"
      "  sa.Column(\"small\", sa.SMALLINT()),\n"
      "  sa.Column(\"body\", sa.TEXT()),\n"
      "  sa.Column(\"d\", sa.DATE())";
  write_file(p->dir() / "migrations" / "models.lua", "sa.Table(\"u\", " + columns + ")\n");
  auto r = p->retort("revision --autogenerate -m types --rev-id a1");
  ASSERT_EQ(r.code, 0) << r.err;
  std::string written;
  for (const auto& e : std::filesystem::directory_iterator(p->dir() / "migrations" / "versions"))
    written = read_file(e.path());
  EXPECT_THAT(written, HasSubstr("sa.TIMESTAMP()"));
  EXPECT_THAT(written, HasSubstr("sa.VARCHAR(40)"));
  EXPECT_THAT(written, HasSubstr("sa.NUMERIC(10, 2)"));
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(column_type("u", "at"), HasSubstr("timestamp"));
  if (mysql()) EXPECT_EQ(column_type("u", "at"), "timestamp");
  if (sqlite()) EXPECT_EQ(column_type("u", "at"), "timestamp");
  EXPECT_THAT(column_type("u", "name"), HasSubstr(postgresql() ? "character varying" : "varchar"));
  r = p->retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// op.execute with table expressions (Alembic's data migrations with SQLAlchemy Core):
// identifiers quoted by the dialect, values bound (printed as literals with --sql).
TEST_P(OpApi, ExecuteTableExpressions) {
  p->write_revision("a1", "", "create t", kCreateT,
                    "  op.drop_table(\"t\", { allow_data_loss = true })");
  p->write_revision("a2", "a1", "data",
                    "  local t = sa.table(\"t\", sa.column(\"id\"), sa.column(\"code\"))\n"
                    "  op.execute(t:insert():values({ id = 10, code = \"it's\" }))\n"
                    "  op.execute(t:update():where(t.c.id:eq(10)):values({ code = \"x\" }))\n"
                    "  op.execute(t:update():where(t.c.code:is_(nil), t.c.id:in_({ 1, 2, 3 }))"
                    ":values({ code = \"none\" }))\n"
                    "  op.execute(t:delete():where(t.c.id:eq(2)))\n"
                    "  op.execute(t:delete():where(t.c.id:gt(100), sa.text(\"code IS NOT NULL\")))",
                    "  local t = sa.table(\"t\", sa.column(\"id\"), sa.column(\"code\"))\n"
                    "  op.execute(t:delete():where(t.c.id:eq(10)))");
  auto r = p->retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string t = mysql() ? "`t`" : "\"t\"";
  const std::string id = mysql() ? "`id`" : "\"id\"";
  const std::string code = mysql() ? "`code`" : "\"code\"";
  EXPECT_THAT(r.out, HasSubstr("INSERT INTO " + t + " (" + id + ", " + code + ") VALUES (10, "));
  EXPECT_THAT(r.out, HasSubstr("it''s"));
  EXPECT_THAT(r.out, HasSubstr("UPDATE " + t + " SET " + code + " = 'x' WHERE " + id + " = 10"));
  EXPECT_THAT(r.out, HasSubstr("WHERE " + code + " IS NULL AND " + id + " IN (1, 2, 3)"));
  EXPECT_THAT(r.out,
              HasSubstr("DELETE FROM " + t + " WHERE " + id + " > 100 AND (code IS NOT NULL)"));
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->count("t"), 3);
  EXPECT_EQ(p->scalar("SELECT code FROM t WHERE id = 3"), "none");
  EXPECT_EQ(p->scalar("SELECT code FROM t WHERE id = 10"), "x");
  EXPECT_EQ(p->scalar("SELECT code FROM t WHERE id = 1"), "22");
  ASSERT_EQ(p->retort("downgrade a1").code, 0);
  EXPECT_EQ(p->count("t"), 2);

  p->write_revision("a2", "a1", "data",
                    "  local t = sa.table(\"t\", sa.column(\"id\"))\n"
                    "  op.execute(t:delete():where(t.c.nope:eq(1)))",
                    "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("a2_data.lua:14: table t has no column nope"));
  p->write_revision("a2", "a1", "data",
                    "  local t = sa.table(\"t\", sa.column(\"id\"))\n"
                    "  op.execute(t:update():where(t.c.id:eq(1)))",
                    "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("op.execute: t:update() needs :values({ column = value, ... })"));
}

// add_column's inline_primary_key (Alembic 1.18.4): PRIMARY KEY in the ADD COLUMN; an integer
// key numbers the existing rows.
TEST_P(OpApi, AddColumnInlinePrimaryKey) {
  p->write_revision("a1", "", "create k",
                    "  op.create_table(\"k\", sa.Column(\"name\", sa.String(20)))\n"
                    "  op.bulk_insert(\"k\", { { name = \"a\" }, { name = \"b\" } })",
                    "  op.drop_table(\"k\", { allow_data_loss = true })");
  p->write_revision(
      "a2", "a1", "add id",
      "  op.add_column(\"k\", sa.Column(\"id\", sa.Integer(), { primary_key = true }), "
      "{ inline_primary_key = true })",
      "  op.drop_column(\"k\", \"id\", { allow_data_loss = true })");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->scalar("SELECT COUNT(DISTINCT id) FROM k WHERE id IS NOT NULL"), "2");
  if (postgresql())
    EXPECT_EQ(p->scalar("SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = "
                        "'k'::regclass"),
              "pk_k");
  else if (mysql())
    EXPECT_EQ(p->scalar("SELECT COUNT(*) FROM information_schema.table_constraints WHERE "
                        "table_schema = DATABASE() AND table_name = 'k' AND constraint_type = "
                        "'PRIMARY KEY'"),
              "1");
  else
    EXPECT_EQ(p->scalar("SELECT COUNT(*) FROM pragma_table_info('k') WHERE name = 'id' AND pk = 1"),
              "1");
  ASSERT_EQ(p->retort("downgrade a1").code, 0);
  EXPECT_EQ(p->columns("k"), (Cols{"name"}));

  p->write_revision(
      "a2", "a1", "add id",
      "  op.add_column(\"k\", sa.Column(\"id\", sa.Integer(), { primary_key = true }))", "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("op.add_column: column id has primary_key = true; add { "
                               "inline_primary_key = true } to write PRIMARY KEY in the ADD "
                               "COLUMN, or use op.create_primary_key() after adding the column"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, OpApi, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
