// Op options Alembic scripts use that no other test ran against a database: batch_alter_table's
// copy_from and its SQLite table_kwargs (sqlite_strict, sqlite_with_rowid, sqlite_autoincrement),
// and `charset` alone on a string type (MariaDB). Each case runs the `retort` binary on a real
// SQLite, PostgreSQL and MariaDB database and checks the result through the catalogs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Cols = std::vector<std::string>;

class OpOptions : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>(GetParam(),
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    p->write_config();
  }
  bool sqlite() const { return GetParam() == "sqlite"; }
  bool mysql() const { return GetParam() == "mysql"; }
  std::string table_sql(const std::string& table) {
    return p->scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table +
                     "'");
  }
  std::unique_ptr<Project> p;
};

const char* kCreate = R"(  op.create_table("t",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("a", sa.String(10)))
  op.bulk_insert("t", { { id = 1, a = "one" }, { id = 2, a = "two" } }))";
const char* kDrop = R"(  op.drop_table("t", { allow_data_loss = true }))";

// copy_from: the batch starts from the table the script describes instead of reflecting it
// (Alembic's copy_from), and keeps every row.
TEST_P(OpOptions, BatchCopyFrom) {
  p->write_revision("a1", "", "create", kCreate, kDrop);
  p->write_revision("a2", "a1", "batch",
                    "  local t = sa.Table(\"t\", sa.Column(\"id\", sa.Integer(), "
                    "{ primary_key = true }),\n"
                    "    sa.Column(\"a\", sa.String(40)))\n"
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.add_column(sa.Column(\"b\", sa.Integer()))\n"
                    "  end, { copy_from = t })",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.drop_column(\"b\")\n"
                    "  end)");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("t"), (Cols{"id", "a", "b"}));
  EXPECT_EQ(p->count("t"), 2);
  EXPECT_EQ(p->scalar("SELECT a FROM t WHERE id = 2"), "two");
  if (sqlite()) {
    // Rebuilt from copy_from's description: a is VARCHAR(40), as the script says.
    EXPECT_THAT(table_sql("t"), HasSubstr("\"a\" VARCHAR(40)"));
  }
  r = p->retort("downgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("t"), (Cols{"id", "a"}));
  EXPECT_EQ(p->count("t"), 2);

  if (!sqlite()) return;
  // A copy_from that names a column the table does not have is refused before anything runs.
  p->write_revision("a2", "a1", "batch",
                    "  local t = sa.Table(\"t\", sa.Column(\"id\", sa.Integer(), "
                    "{ primary_key = true }),\n"
                    "    sa.Column(\"nope\", sa.String(40)))\n"
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.add_column(sa.Column(\"b\", sa.Integer()))\n"
                    "  end, { copy_from = t })",
                    "");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("copy_from describes column nope, which table t does not have"));
  EXPECT_EQ(p->columns("t"), (Cols{"id", "a"}));
  EXPECT_EQ(p->count("t"), 2);
}

// table_kwargs sqlite_strict / sqlite_with_rowid / sqlite_autoincrement change the rebuilt
// table on SQLite; other databases ignore sqlite_* options, as SQLAlchemy does.
TEST_P(OpOptions, BatchSqliteTableKwargs) {
  // A STRICT table takes only INTEGER, REAL, TEXT, BLOB and ANY columns (SQLite's rule).
  p->write_revision("a1", "", "create",
                    "  op.create_table(\"t\",\n"
                    "    sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
                    "    sa.Column(\"a\", sa.Text()))\n"
                    "  op.bulk_insert(\"t\", { { id = 1, a = \"one\" }, { id = 2, a = \"two\" } })",
                    kDrop);
  p->write_revision("a2", "a1", "strict",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "  end, { recreate = \"always\", table_kwargs = { sqlite_strict = true, "
                    "sqlite_with_rowid = false } })",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "  end, { recreate = \"always\", table_kwargs = { sqlite_strict = false, "
                    "sqlite_with_rowid = true } })");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->count("t"), 2);
  if (sqlite()) {
    const std::string sql = table_sql("t");
    EXPECT_THAT(sql, HasSubstr("WITHOUT ROWID"));
    EXPECT_THAT(sql, HasSubstr("STRICT"));
    // STRICT is real: text in an INTEGER column is refused.
    r = p->shell("sqlite3 \"" + p->url().substr(10) +
                 "\" \"INSERT INTO t (id, a) VALUES ('x', 'y')\" 2>&1");
    EXPECT_THAT(r.out + r.err, HasSubstr("cannot store TEXT value in INTEGER column t.id"))
        << table_sql("t");
  }
  r = p->retort("downgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->count("t"), 2);
  if (sqlite()) {
    EXPECT_THAT(table_sql("t"), Not(HasSubstr("STRICT")));
    EXPECT_THAT(table_sql("t"), Not(HasSubstr("WITHOUT ROWID")));
  }

  // sqlite_autoincrement (pgAdmin 4's revisions use it): the integer key takes AUTOINCREMENT.
  p->shell("rm -f migrations/versions/a2_*.lua");
  p->write_revision("a2", "a1", "autoincrement",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.add_column(sa.Column(\"b\", sa.Integer()))\n"
                    "  end, { table_kwargs = { sqlite_autoincrement = true } })",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "    batch.drop_column(\"b\")\n"
                    "  end)");
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->columns("t"), (Cols{"id", "a", "b"}));
  EXPECT_EQ(p->count("t"), 2);
  if (sqlite()) EXPECT_THAT(table_sql("t"), HasSubstr("AUTOINCREMENT"));
  ASSERT_EQ(p->retort("downgrade a1").code, 0);

  p->shell("rm -f migrations/versions/a2_*.lua");
  p->write_revision("a2", "a1", "bad",
                    "  op.batch_alter_table(\"t\", function(batch)\n"
                    "  end, { recreate = \"always\", table_kwargs = { sqlite_strict = \"yes\" } })",
                    "");
  r = p->retort("upgrade head");
  if (sqlite()) {
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("table t: table_kwargs sqlite_strict must be true or false"));
  } else {
    EXPECT_EQ(r.code, 0) << r.err;
  }
}

// `charset` alone on a string type (mysql.VARCHAR(charset=...) in SQLAlchemy): the column's
// character set on MariaDB, with that character set's default collation; other databases have
// no per-column character set and ignore it.
TEST_P(OpOptions, CharsetAloneOnAString) {
  p->write_revision("a1", "", "create",
                    "  op.create_table(\"t\",\n"
                    "    sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
                    "    sa.Column(\"a\", sa.String(20, { charset = \"latin1\" })))\n"
                    "  op.add_column(\"t\", sa.Column(\"b\", sa.Text({ charset = \"ascii\" })))\n"
                    "  op.bulk_insert(\"t\", { { id = 1, a = \"caf\\u{e9}\", b = \"x\" } })",
                    kDrop);
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p->scalar("SELECT a FROM t WHERE id = 1"), "caf\u00e9");
  if (mysql()) {
    auto cs = [&](const std::string& col) {
      return p->scalar(
          "SELECT CONCAT(character_set_name, ' ', collation_name) FROM "
          "information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't' AND "
          "column_name = '" +
          col + "'");
    };
    EXPECT_EQ(cs("a"), "latin1 latin1_swedish_ci");
    EXPECT_EQ(cs("b"), "ascii ascii_general_ci");
    // The character set survives a type change that says it again, and only then.
    p->write_revision("a2", "a1", "widen",
                      "  op.alter_column(\"t\", \"a\", { type_ = sa.String(40, { charset = "
                      "\"latin1\" }), existing_type = sa.String(20) })",
                      "  op.alter_column(\"t\", \"a\", { type_ = sa.String(20, { charset = "
                      "\"latin1\" }), existing_type = sa.String(40) })");
    r = p->retort("upgrade head");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(cs("a"), "latin1 latin1_swedish_ci");
    EXPECT_EQ(p->scalar("SELECT a FROM t WHERE id = 1"), "caf\u00e9");
  }
  r = p->retort("downgrade base");
  ASSERT_EQ(r.code, 0) << r.err;

  // charset on a type with no characters is refused with the column named.
  p->write_revision("a1", "", "create",
                    "  op.create_table(\"t\",\n"
                    "    sa.Column(\"id\", sa.Integer({ charset = \"latin1\" }), "
                    "{ primary_key = true }))",
                    kDrop);
  p->shell("rm -f migrations/versions/a2_*.lua");
  r = p->retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("charset"));
}

// CTFd's first revision: two unnamed unique constraints of `solves` that start with the same
// column. The convention names both uq_solves_challenge_id; the second is numbered _2 (MariaDB
// refused the duplicate name before), both hold, and a later revision drops the second by name.
TEST_P(OpOptions, UnnamedUniqueConstraintsStartingAlikeAreNumbered) {
  p->write_revision("a1", "", "create",
                    "  op.create_table(\"solves\",\n"
                    "    sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
                    "    sa.Column(\"challenge_id\", sa.Integer()),\n"
                    "    sa.Column(\"team_id\", sa.Integer()),\n"
                    "    sa.Column(\"user_id\", sa.Integer()),\n"
                    "    sa.UniqueConstraint(\"challenge_id\", \"team_id\"),\n"
                    "    sa.UniqueConstraint(\"challenge_id\", \"user_id\"))",
                    "  op.drop_table(\"solves\", { allow_data_loss = true })");
  p->write_revision("a2", "a1", "drop second",
                    "  op.drop_constraint(\"uq_solves_challenge_id_2\", \"solves\", "
                    "{ type_ = \"unique\" })",
                    "  op.create_unique_constraint(\"uq_solves_challenge_id_2\", \"solves\", "
                    "{ \"challenge_id\", \"user_id\" })");
  auto r = p->retort("upgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  p->db().execute("INSERT INTO solves (id, challenge_id, team_id, user_id) VALUES (1, 1, 1, 1)");
  EXPECT_THROW(
      p->db().execute("INSERT INTO solves (id, challenge_id, team_id, user_id) VALUES (2, 1, 1, 2)"),
      Error);
  EXPECT_THROW(
      p->db().execute("INSERT INTO solves (id, challenge_id, team_id, user_id) VALUES (3, 1, 2, 1)"),
      Error);
  if (sqlite()) {
    EXPECT_THAT(table_sql("solves"), HasSubstr("CONSTRAINT \"uq_solves_challenge_id_2\""));
  } else {
    const std::string q = mysql() ? "SELECT COUNT(*) FROM information_schema.table_constraints "
                                    "WHERE table_schema = DATABASE() AND constraint_type = "
                                    "'UNIQUE' AND constraint_name LIKE 'uq_solves_challenge_id%'"
                                  : "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'u' AND "
                                    "conname LIKE 'uq_solves_challenge_id%'";
    EXPECT_EQ(p->scalar(q), "2");
  }
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  // The (challenge_id, user_id) constraint is gone, the other one holds.
  p->db().execute("INSERT INTO solves (id, challenge_id, team_id, user_id) VALUES (3, 1, 2, 1)");
  EXPECT_THROW(
      p->db().execute("INSERT INTO solves (id, challenge_id, team_id, user_id) VALUES (4, 1, 1, 9)"),
      Error);
  r = p->retort("downgrade base --allow-data-loss");
  EXPECT_EQ(r.code, 1) << r.err;  // the downgrade of a2 re-creates the constraint: rows 1, 3 break it
  p->db().execute("DELETE FROM solves WHERE id = 3");
  r = p->retort("downgrade base --allow-data-loss");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(p->has_table("solves"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, OpOptions, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
