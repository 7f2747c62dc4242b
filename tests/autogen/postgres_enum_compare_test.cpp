// PostgreSQL enums in the comparison: added values stay an alter_column (ALTER TYPE ADD VALUE);
// removed or reordered values become one op.execute that rebuilds the type, converting every
// column of it, and restoring defaults.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "autogen/compare.hpp"
#include "autogen/render.hpp"
#include "autogen/schema_builders.hpp"
#include "dialect/postgresql/postgresql_dialect.hpp"

namespace retort {
namespace {

using test::col;
using test::pk_col;
using test::table;
using ::testing::HasSubstr;

Type state(std::vector<std::string> values) {
  Type t{TypeKind::Enum};
  t.enum_values = std::move(values);
  t.enum_name = "state";
  return t;
}

MetaData with_state(std::vector<std::string> values, bool other_table) {
  Table item = table("item", {pk_col("id"), col("s", state(values))});
  item.columns[1].server_default = ServerDefault{ServerDefault::Kind::Literal, "new"};
  MetaData m{{item}};
  if (other_table) m.tables.push_back(table("log", {pk_col("id"), col("s", state(values))}));
  return m;
}

TEST(AutogenPostgresEnum, AddedValuesAreAnAlterColumn) {
  auto r = autogen::compare(with_state({"new", "old"}, false),
                            with_state({"new", "old", "gone"}, false), postgresql_dialect());
  ASSERT_EQ(r.upgrade.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ops::AlterColumn>(r.upgrade[0]));
  ASSERT_EQ(r.downgrade.size(), 1u);
  EXPECT_EQ(autogen::render_lua(r.downgrade),
            "  op.execute(\"ALTER TYPE \\\"state\\\" RENAME TO \\\"state_retort_old\\\";\\nCREATE "
            "TYPE \\\"state\\\" AS ENUM ('new', 'old');\\nALTER TABLE \\\"item\\\" ALTER COLUMN "
            "\\\"s\\\" DROP DEFAULT;\\nALTER TABLE \\\"item\\\" ALTER COLUMN \\\"s\\\" TYPE "
            "\\\"state\\\" USING \\\"s\\\"::text::\\\"state\\\";\\nALTER TABLE \\\"item\\\" ALTER "
            "COLUMN \\\"s\\\" SET DEFAULT 'new';\\nDROP TYPE \\\"state_retort_old\\\"\")");
}

TEST(AutogenPostgresEnum, RemovedValuesRebuildEveryColumnOfTheType) {
  auto r = autogen::compare(with_state({"new", "old", "gone"}, true),
                            with_state({"old", "new"}, true), postgresql_dialect());
  std::string up = autogen::render_lua(r.upgrade);
  EXPECT_THAT(up, HasSubstr("AS ENUM ('old', 'new')"));
  EXPECT_THAT(up, HasSubstr("ALTER TABLE \\\"log\\\" ALTER COLUMN \\\"s\\\" TYPE"));
  // The log column's change is the same rebuild: one op.execute each way.
  EXPECT_EQ(r.upgrade.size(), 1u);
  EXPECT_EQ(r.downgrade.size(), 1u);
}

}  // namespace
}  // namespace retort
