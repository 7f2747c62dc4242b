// compare() over views, materialized views, functions, procedures and triggers: created,
// replaced (carrying the old definition), dropped (carrying it), ordered around the table
// changes, and the views over a column whose type changes dropped and created around it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "autogen/compare.hpp"
#include "autogen/generic_dialect.hpp"
#include "autogen/schema_builders.hpp"

namespace retort {
namespace {

using test::col;
using test::pk_col;
using test::string_type;
using test::table;
using ::testing::ElementsAre;

ReplaceableObject object(ObjectKind kind, const std::string& name, const std::string& def,
                         std::vector<std::string> depends_on = {}, const std::string& on = "") {
  ReplaceableObject o;
  o.kind = kind;
  o.name = name;
  o.definition = def;
  o.depends_on = std::move(depends_on);
  o.table = on;
  return o;
}

MetaData with(std::vector<Table> tables, std::vector<ReplaceableObject> objects) {
  MetaData m;
  m.tables = std::move(tables);
  m.objects = std::move(objects);
  return m;
}

Table item(int length = 50) {
  Table t = table("item", {pk_col("id"), col("name", string_type(length), false)});
  t.primary_key = PrimaryKey{"pk_item", {"id"}};
  return t;
}

std::vector<std::string> described(const std::vector<ops::Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back(ops::describe(op));
  return out;
}

test::GenericDialect dialect;

// MariaDB and SQLite record no view dependencies (and mysqldump lists views alphabetically): a
// view is created after the other views its definition names, whatever the models' order; a
// name inside a longer identifier is no mention. PostgreSQL's depends_on, where given, decides.
TEST(CompareObjects, ViewsAreCreatedAfterTheViewsTheyRead) {
  MetaData models =
      with({item()}, {object(ObjectKind::View, "a_top", "SELECT id FROM `b_mid`"),
                      object(ObjectKind::View, "b_mid", "SELECT id FROM c_base"),
                      object(ObjectKind::View, "c_base", "SELECT id FROM item"),
                      object(ObjectKind::View, "d_other", "SELECT c_base_id FROM item")});
  auto r = autogen::compare(with({item()}, {}), models, dialect);
  EXPECT_THAT(described(r.upgrade), ElementsAre("create_view c_base", "create_view d_other",
                                                "create_view b_mid", "create_view a_top"));
  // The database's word wins over the text.
  models.objects[1].depends_on = {"item"};
  r = autogen::compare(with({item()}, {}), models, dialect);
  EXPECT_THAT(described(r.upgrade), ElementsAre("create_view b_mid", "create_view c_base",
                                                "create_view d_other", "create_view a_top"));
}

TEST(CompareObjects, SameDefinitionUpToWhitespaceIsClean) {
  MetaData a =
      with({item()}, {object(ObjectKind::View, "v", " SELECT id,\n    name\n   FROM item;")});
  MetaData b = with({item()}, {object(ObjectKind::View, "v", "SELECT id, name FROM item")});
  EXPECT_TRUE(autogen::compare(a, b, dialect).empty());
  // Whitespace inside a quoted literal is part of the definition.
  MetaData c = with({item()}, {object(ObjectKind::View, "v", "SELECT 'a  b' FROM item")});
  MetaData d = with({item()}, {object(ObjectKind::View, "v", "SELECT 'a b' FROM item")});
  EXPECT_FALSE(autogen::compare(c, d, dialect).empty());
}

TEST(CompareObjects, CreateReplaceDropCarryTheirDefinitions) {
  MetaData current =
      with({item()}, {object(ObjectKind::View, "v", "SELECT id FROM item"),
                      object(ObjectKind::Function, "old_f", "CREATE FUNCTION old_f"),
                      object(ObjectKind::Trigger, "t1", "CREATE TRIGGER t1", {}, "item")});
  MetaData target =
      with({item()}, {object(ObjectKind::Function, "f", "CREATE FUNCTION f"),
                      object(ObjectKind::View, "v", "SELECT id, name FROM item"),
                      object(ObjectKind::Trigger, "t1", "CREATE TRIGGER t1", {}, "item"),
                      object(ObjectKind::Trigger, "t2", "CREATE TRIGGER t2", {}, "item")});
  autogen::CompareResult r = autogen::compare(current, target, dialect);
  EXPECT_THAT(described(r.upgrade), ElementsAre("drop_function old_f", "create_function f",
                                                "replace_view v", "create_trigger t2 on item"));
  const auto& replace = std::get<ops::ReplaceObject>(r.upgrade[2]);
  EXPECT_EQ(replace.object.definition, "SELECT id, name FROM item");
  EXPECT_EQ(replace.replaces, "SELECT id FROM item");
  EXPECT_EQ(std::get<ops::DropObject>(r.upgrade[0]).object.definition, "CREATE FUNCTION old_f");
  EXPECT_THAT(described(r.downgrade), ElementsAre("drop_trigger t2 on item", "replace_view v",
                                                  "drop_function f", "create_function old_f"));
  EXPECT_EQ(std::get<ops::ReplaceObject>(r.downgrade[1]).object.definition, "SELECT id FROM item");
}

TEST(CompareObjects, ObjectsDropBeforeTablesAndCreateAfter) {
  Table other = table("other", {pk_col("id")});
  other.primary_key = PrimaryKey{"pk_other", {"id"}};
  MetaData current = with({other}, {object(ObjectKind::View, "ov", "SELECT id FROM other")});
  MetaData target = with({item()}, {object(ObjectKind::View, "iv", "SELECT id FROM item")});
  autogen::CompareResult r = autogen::compare(current, target, dialect);
  EXPECT_THAT(described(r.upgrade), ElementsAre("drop_view ov", "drop_table other",
                                                "create_table item", "create_view iv"));
}

TEST(CompareObjects, ViewsOverAColumnChangingTypeAreDroppedAndCreatedAround) {
  MetaData current =
      with({item(50)}, {object(ObjectKind::View, "v1", "SELECT id, name FROM item", {"item"}),
                        object(ObjectKind::View, "v2", "SELECT name FROM v1", {"v1"}),
                        object(ObjectKind::View, "elsewhere", "SELECT 1")});
  MetaData target =
      with({item(200)}, {object(ObjectKind::View, "v1", "SELECT id, name FROM item", {"item"}),
                         object(ObjectKind::View, "v2", "SELECT name FROM v1", {"v1"}),
                         object(ObjectKind::View, "elsewhere", "SELECT 1")});
  autogen::CompareResult r = autogen::compare(current, target, dialect);
  EXPECT_THAT(described(r.upgrade),
              ElementsAre("drop_view v2", "drop_view v1", "alter_column item.name",
                          "create_view v1", "create_view v2"));
  EXPECT_THAT(described(r.downgrade),
              ElementsAre("drop_view v2", "drop_view v1", "alter_column item.name",
                          "create_view v1", "create_view v2"));
}

TEST(CompareObjects, AViewOverAReplacedViewIsRecreatedAfterIt) {
  MetaData current =
      with({item()}, {object(ObjectKind::View, "v1", "SELECT id FROM item", {"item"}),
                      object(ObjectKind::View, "v2", "SELECT id FROM v1", {"v1"})});
  MetaData target =
      with({item()}, {object(ObjectKind::View, "v1", "SELECT id, name FROM item", {"item"}),
                      object(ObjectKind::View, "v2", "SELECT id FROM v1", {"v1"})});
  autogen::CompareResult r = autogen::compare(current, target, dialect);
  EXPECT_THAT(described(r.upgrade),
              ElementsAre("drop_view v2", "replace_view v1", "create_view v2"));
}

TEST(CompareObjects, ReverseOfEachOp) {
  ReplaceableObject v = object(ObjectKind::View, "v", "SELECT 2");
  auto r = ops::reverse(ops::ReplaceObject{v, "SELECT 1"});
  ASSERT_TRUE(r);
  EXPECT_EQ(std::get<ops::ReplaceObject>(*r).object.definition, "SELECT 1");
  EXPECT_EQ(std::get<ops::ReplaceObject>(*r).replaces, "SELECT 2");
  EXPECT_FALSE(ops::reverse(ops::ReplaceObject{v, ""}));
  ReplaceableObject unknown = v;
  unknown.definition.clear();
  EXPECT_FALSE(ops::reverse(ops::DropObject{unknown}));
  EXPECT_TRUE(std::holds_alternative<ops::CreateObject>(*ops::reverse(ops::DropObject{v})));
}

}  // namespace
}  // namespace retort
