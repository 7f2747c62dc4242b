// The dialects' autogenerate comparison hooks: their aliases on top of the generic rules, and
// the differences they must still see (no false positives, no missed length/precision changes).
#include <gtest/gtest.h>

#include "dialect/mysql/mysql_dialect.hpp"
#include "dialect/mysql/types.hpp"
#include "dialect/postgresql/postgresql_dialect.hpp"
#include "dialect/postgresql/types.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "dialect/sqlite/types.hpp"

namespace retort {
namespace {

Type t(TypeKind kind) { return Type{kind}; }
Type native(const std::string& s) {
  Type x{TypeKind::Native};
  x.native = s;
  return x;
}
Type str(int n) {
  Type x{TypeKind::String};
  x.length = n;
  return x;
}
Type flt(std::optional<int> p) {
  Type x{TypeKind::Float};
  x.precision = p;
  return x;
}
Type enm(std::vector<std::string> values, std::string name = "e") {
  Type x{TypeKind::Enum};
  x.enum_values = std::move(values);
  x.enum_name = std::move(name);
  return x;
}
ServerDefault lit(const std::string& s) { return {ServerDefault::Kind::Literal, s}; }
ServerDefault expr(const std::string& s) { return {ServerDefault::Kind::Expression, s}; }

TEST(AutogenDialectOverrides, PostgresAliases) {
  const Dialect& d = postgresql_dialect();
  using postgresql::type_from_format;
  EXPECT_TRUE(d.types_equivalent(type_from_format("integer"), native("int4")));
  EXPECT_TRUE(d.types_equivalent(type_from_format("integer"), native("INT")));
  EXPECT_TRUE(d.types_equivalent(type_from_format("bigint"), native("int8")));
  EXPECT_TRUE(d.types_equivalent(type_from_format("boolean"), native("bool")));
  EXPECT_TRUE(d.types_equivalent(type_from_format("character varying(20)"), str(20)));
  EXPECT_TRUE(d.types_equivalent(type_from_format("character varying(20)"), native("varchar(20)")));
  EXPECT_FALSE(d.types_equivalent(type_from_format("character varying(20)"), str(21)));
  EXPECT_TRUE(
      d.types_equivalent(type_from_format("timestamp with time zone"), native("timestamptz")));
  EXPECT_TRUE(d.types_equivalent(type_from_format("numeric(8,2)"), native("decimal(8, 2)")));
  EXPECT_FALSE(d.types_equivalent(type_from_format("numeric(8,2)"), native("numeric(9,2)")));
  EXPECT_TRUE(d.types_equivalent(type_from_format("jsonb"), t(TypeKind::JSON)));
  EXPECT_FALSE(d.types_equivalent(type_from_format("json"), t(TypeKind::JSON)));
}

TEST(AutogenDialectOverrides, PostgresFloatsAsStored) {
  const Dialect& d = postgresql_dialect();
  using postgresql::type_from_format;
  EXPECT_TRUE(d.types_equivalent(type_from_format("real"), flt(10)));
  EXPECT_TRUE(d.types_equivalent(type_from_format("double precision"), flt(53)));
  EXPECT_TRUE(d.types_equivalent(type_from_format("double precision"), flt(std::nullopt)));
  EXPECT_TRUE(d.types_equivalent(type_from_format("double precision"), native("float8")));
  EXPECT_FALSE(d.types_equivalent(type_from_format("real"), flt(53)));
  EXPECT_FALSE(d.types_equivalent(type_from_format("double precision"), flt(10)));
}

TEST(AutogenDialectOverrides, PostgresDefaults) {
  const Dialect& d = postgresql_dialect();
  EXPECT_TRUE(d.defaults_equivalent(lit("true"), expr("TRUE")));
  EXPECT_TRUE(d.defaults_equivalent(lit("x"), expr("'x'::text")));
  EXPECT_TRUE(d.defaults_equivalent(ServerDefault{ServerDefault::Kind::Now, ""}, expr("now()")));
  EXPECT_FALSE(d.defaults_equivalent(lit("true"), expr("false")));
}

TEST(AutogenDialectOverrides, PostgresEnumValues) {
  const Dialect& d = postgresql_dialect();
  EXPECT_TRUE(d.types_equivalent(enm({"a", "b"}), enm({"a", "b"})));
  EXPECT_FALSE(d.types_equivalent(enm({"a", "b"}), enm({"a", "b", "c"})));
  EXPECT_FALSE(d.types_equivalent(enm({"a", "b"}), enm({"b", "a"})));
}

TEST(AutogenDialectOverrides, MysqlAliases) {
  const Dialect& d = mysql_dialect();
  using mysql::parse_column_type;
  EXPECT_TRUE(d.types_equivalent(parse_column_type("tinyint(1)"), t(TypeKind::Boolean)));
  EXPECT_TRUE(d.types_equivalent(parse_column_type("int(11)"), t(TypeKind::Integer)));
  EXPECT_TRUE(d.types_equivalent(parse_column_type("varchar(255)"), t(TypeKind::String)));
  EXPECT_FALSE(d.types_equivalent(parse_column_type("varchar(255)"), str(100)));
  EXPECT_TRUE(d.types_equivalent(parse_column_type("decimal(10,2)"), native("NUMERIC(10, 2)")));
  EXPECT_FALSE(d.types_equivalent(parse_column_type("decimal(10,2)"), native("NUMERIC(12, 2)")));
  EXPECT_TRUE(d.types_equivalent(parse_column_type("float"), flt(10)));
  EXPECT_TRUE(d.types_equivalent(parse_column_type("double"), flt(53)));
  EXPECT_FALSE(d.types_equivalent(parse_column_type("float"), flt(53)));
  EXPECT_FALSE(d.types_equivalent(parse_column_type("double"), flt(10)));
  EXPECT_FALSE(d.types_equivalent(parse_column_type("enum('a','b')"), enm({"a", "b", "c"})));
}

TEST(AutogenDialectOverrides, MysqlDefaults) {
  const Dialect& d = mysql_dialect();
  EXPECT_TRUE(d.defaults_equivalent(lit("0.00"), lit("0")));
  EXPECT_TRUE(d.defaults_equivalent(lit("1"), expr("true")));
  EXPECT_TRUE(d.defaults_equivalent(ServerDefault{ServerDefault::Kind::Now, ""},
                                    expr("current_timestamp()")));
  EXPECT_FALSE(d.defaults_equivalent(lit("1"), lit("2")));
  EXPECT_FALSE(d.defaults_equivalent(lit("a"), std::nullopt));
}

TEST(AutogenDialectOverrides, SqliteStoresModelsItsOwnWay) {
  const Dialect& d = sqlite_dialect();
  using sqlite::type_from_declaration;
  // Enum is VARCHAR(longest value), DateTime(timezone) is DATETIME, Uuid is CHAR(32).
  EXPECT_TRUE(d.types_equivalent(type_from_declaration("VARCHAR(3)"), enm({"new", "old"})));
  EXPECT_FALSE(d.types_equivalent(type_from_declaration("VARCHAR(3)"), enm({"new", "archived"})));
  Type tz{TypeKind::DateTime};
  tz.timezone = true;
  EXPECT_TRUE(d.types_equivalent(type_from_declaration("DATETIME"), tz));
  EXPECT_TRUE(d.types_equivalent(type_from_declaration("CHAR(32)"), t(TypeKind::Uuid)));
  EXPECT_TRUE(d.types_equivalent(type_from_declaration("INT"), t(TypeKind::Integer)));
  EXPECT_FALSE(d.types_equivalent(type_from_declaration("VARCHAR(10)"), str(20)));
  EXPECT_FALSE(d.types_equivalent(type_from_declaration("INTEGER"), t(TypeKind::Text)));
}

}  // namespace
}  // namespace retort
