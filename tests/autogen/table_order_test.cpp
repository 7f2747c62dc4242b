// order_tables and the naming helpers compare() builds on.
#include "autogen/table_order.hpp"

#include <gtest/gtest.h>

#include "autogen/compare.hpp"
#include "autogen/schema_builders.hpp"

namespace retort {
namespace {

using autogen::order_tables;
using test::col;
using test::fk;
using test::pk_col;
using test::table;

std::vector<std::string> names(const std::vector<Table>& tables, const autogen::TableOrder& o) {
  std::vector<std::string> out;
  for (size_t i : o.order) out.push_back(tables[i].name);
  return out;
}

std::vector<const Table*> ptrs(const std::vector<Table>& tables) {
  std::vector<const Table*> out;
  for (const auto& t : tables) out.push_back(&t);
  return out;
}

Table referring(const std::string& name, std::vector<std::string> targets) {
  Table t = table(name, {pk_col("id")});
  for (const auto& target : targets) {
    t.columns.push_back(col(target + "_id", Type{TypeKind::Integer}));
    t.foreign_keys.push_back(fk("fk_" + name + "_" + target, {target + "_id"}, target, {"id"}));
  }
  return t;
}

TEST(AutogenTableOrder, ReferencedFirstTiesByName) {
  std::vector<Table> t = {referring("a", {"c"}), referring("b", {}), referring("c", {"b"}),
                          referring("d", {})};
  auto o = order_tables(ptrs(t));
  EXPECT_EQ(names(t, o), (std::vector<std::string>{"b", "c", "a", "d"}));
  EXPECT_TRUE(o.deferred.empty());
}

TEST(AutogenTableOrder, CyclesBreakAtTheSmallestTable) {
  // a -> b -> c -> a, and d -> a; self references and outside tables never constrain.
  std::vector<Table> t = {referring("a", {"b", "a"}), referring("b", {"c"}),
                          referring("c", {"a", "elsewhere"}), referring("d", {"a"})};
  auto o = order_tables(ptrs(t));
  EXPECT_EQ(names(t, o), (std::vector<std::string>{"a", "c", "b", "d"}));
  ASSERT_EQ(o.deferred.size(), 1u);
  EXPECT_EQ(o.deferred[0], (std::pair<size_t, size_t>{0, 0}));  // a's key to b
}

TEST(AutogenTableOrder, SchemasResolve) {
  Table parent = table("p", {pk_col("id")});
  parent.schema = "s";
  Table child = referring("c", {"p"});
  child.schema = "s";  // bare referred table: its own schema
  Table other = referring("o", {"p"});
  other.foreign_keys[0].referred_schema = "s";
  std::vector<Table> t = {child, other, parent};
  auto o = order_tables(ptrs(t));
  EXPECT_EQ(names(t, o), (std::vector<std::string>{"p", "c", "o"}));
}

TEST(AutogenNormalize, ConventionTokens) {
  NamingConvention nc;
  EXPECT_EQ(autogen::convention_name(nc, "fk", "pedidos", {"cliente_id"}, "clientes"),
            "fk_pedidos_cliente_id_clientes");
  nc.patterns["uq"] = "uq_%(table_name)s_%(column_0_N_name)s";
  nc.patterns["ix"] = "%(table)s_%(column_0N_name)s_idx";
  EXPECT_EQ(autogen::convention_name(nc, "uq", "t", {"a", "b"}), "uq_t_a_b");
  EXPECT_EQ(autogen::convention_name(nc, "ix", "t", {"a", "b"}), "t_ab_idx");
  EXPECT_EQ(autogen::convention_name(nc, "nope", "t", {"a"}), "");
}

TEST(AutogenNormalize, IdempotentAndKeepsExplicitNames) {
  NamingConvention nc;
  Table t = table("t", {pk_col("id"), col("a", Type{TypeKind::Integer})});
  t.columns[1].unique = true;
  t.indexes.push_back(test::index("", {"a", "id"}));
  t.unique_constraints.push_back({"my_uq", {"id", "a"}});
  Table once = autogen::normalize_table(t, &nc);
  EXPECT_EQ(autogen::normalize_table(once, &nc), once);
  EXPECT_EQ(once.primary_key->name, "pk_t");
  ASSERT_EQ(once.unique_constraints.size(), 2u);
  EXPECT_EQ(once.unique_constraints[0].name, "my_uq");
  EXPECT_EQ(once.unique_constraints[1].name, "uq_t_a");
  EXPECT_EQ(once.indexes[0].name, "ix_t_a");
  // Without a convention nothing is named (reflected tables keep the database's names).
  Table reflected = autogen::normalize_table(t, nullptr);
  EXPECT_EQ(reflected.primary_key->name, "");
  EXPECT_EQ(reflected.unique_constraints[1].name, "");
}

}  // namespace
}  // namespace retort
