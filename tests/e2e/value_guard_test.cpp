// The data-loss guard asks the data: a narrowing alter_column passes when every value comes
// through unchanged, and is refused, naming how many rows and one key, when some would be cut,
// rounded, rejected or converted. Drops stay refused whenever the column holds data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;

class ValueGuard : public ::testing::TestWithParam<std::string> {
 protected:
  // people(id, name VARCHAR(200), price NUMERIC(10,2), code VARCHAR(10)) with two rows whose
  // values fit every narrower type below.
  void make(Project& p) {
    p.write_config();
    p.write_revision(
        "g1", "", "people",
        "  op.create_table(\"people\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
        "    sa.Column(\"name\", sa.String(200)), sa.Column(\"price\", sa.Numeric(10, 2)),\n"
        "    sa.Column(\"code\", sa.String(10)))\n"
        "  op.bulk_insert(\"people\", { { id = 1, name = \"Ana\", price = 2.25, code = \"4\" },\n"
        "    { id = 2, name = \"Bruno\", price = 0.5, code = \"-17\" } })",
        "  op.drop_table(\"people\")");
  }
  void narrow(Project& p, const std::string& body) {
    p.write_revision("g2", "g1", "narrow", body, "");
  }
  // The error line of a refused g2 around the guard's own message.
  std::string refused(const std::string& message) {
    const std::string after =
        GetParam() == "mysql"
            ? "; mysql commits DDL immediately: the 0 migration(s) before it stay applied and "
              "recorded, and nothing of g2 is applied"
            : "; the run was rolled back, the database is as it was";
    return "retort: error: upgrade g2 failed: migrations/versions/g2_narrow.lua: " + message +
           ". Fix those rows first, add { allow_data_loss = true } to the op, or run with "
           "--allow-data-loss" +
           after + "\n";
  }
};

TEST_P(ValueGuard, NarrowingPassesWhenEveryValueFits) {
  Project p(GetParam(), "vguard");
  make(p);
  narrow(p,
         "  op.alter_column(\"people\", \"name\", { type_ = sa.String(100) })\n"
         "  op.alter_column(\"people\", \"price\", { type_ = sa.Float() })\n"
         "  op.alter_column(\"people\", \"code\", { type_ = sa.Integer() })");
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT name FROM people WHERE id = 2"), "Bruno");
  EXPECT_EQ(
      p.scalar(
          "SELECT CASE WHEN price = 2.25 THEN 'exact' ELSE 'changed' END FROM people WHERE id = 1"),
      "exact");
  EXPECT_EQ(p.scalar("SELECT code + 1 FROM people WHERE id = 2"), "-16");
}

TEST_P(ValueGuard, TooLongTextIsRefusedWithCountAndKey) {
  Project p(GetParam(), "vguard");
  make(p);
  narrow(p, "  op.alter_column(\"people\", \"name\", { type_ = sa.String(4) })");
  ASSERT_EQ(p.retort("upgrade g1").code, 0);
  // Multi-byte characters count as one: 'Zoë' fits VARCHAR(4).
  p.db().execute("INSERT INTO people (id, name) VALUES (3, 'Zoë'), (4, 'Carlos'), (5, 'Daniela')");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, refused("alter_column people.name from VARCHAR(200) to VARCHAR(4) would cut, "
                           "round, reject or convert the value of 3 rows (e.g. id = 2)"));
  EXPECT_EQ(p.version_rows(), (std::vector<std::string>{"g1"}));
  p.db().execute("UPDATE people SET name = 'Bru' WHERE id = 2");
  p.db().execute("DELETE FROM people WHERE id > 3");
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT name FROM people WHERE id = 3"), "Zoë");
}

TEST_P(ValueGuard, RoundedNumbersAreRefused) {
  Project p(GetParam(), "vguard");
  make(p);
  narrow(p, "  op.alter_column(\"people\", \"price\", { type_ = sa.Float() })");
  ASSERT_EQ(p.retort("upgrade g1").code, 0);
  p.db().execute("INSERT INTO people (id, price) VALUES (7, 1.10)");
  auto r = p.retort("upgrade head");
  if (GetParam() == "sqlite") {
    // SQLite holds NUMERIC values as floats already: nothing changes.
    ASSERT_EQ(r.code, 0) << r.err;
    return;
  }
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, refused("alter_column people.price from NUMERIC(10, 2) to FLOAT would cut, "
                           "round, reject or convert the value of 1 row (e.g. id = 7)"));
}

TEST_P(ValueGuard, TextThatIsNotAnIntegerIsRefused) {
  Project p(GetParam(), "vguard");
  make(p);
  narrow(p, "  op.alter_column(\"people\", \"code\", { type_ = sa.SmallInteger() })");
  ASSERT_EQ(p.retort("upgrade g1").code, 0);
  p.db().execute("INSERT INTO people (id, code) VALUES (8, 'x1'), (9, '040'), (10, '99999')");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, refused("alter_column people.code from VARCHAR(10) to SMALLINT would cut, "
                           "round, reject or convert the value of 3 rows (e.g. id = 8)"));
  r = p.retort("upgrade head --allow-data-loss");
  if (GetParam() == "postgresql") {
    EXPECT_EQ(r.code, 1);  // PostgreSQL itself rejects 'x1'
  }
}

TEST_P(ValueGuard, DropsStayRefusedWheneverTheColumnHoldsData) {
  Project p(GetParam(), "vguard");
  make(p);
  narrow(p, "  op.drop_column(\"people\", \"code\")");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("drop_column people.code would destroy data"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, ValueGuard, ::testing::Values("sqlite", "postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
