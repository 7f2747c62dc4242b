// The generic Dialect::types_equivalent / defaults_equivalent rules.
#include <gtest/gtest.h>

#include "autogen/generic_dialect.hpp"

namespace retort {
namespace {

Type t(TypeKind kind) { return Type{kind}; }
Type str(std::optional<int> n) {
  Type x{TypeKind::String};
  x.length = n;
  return x;
}
Type native(const std::string& s) {
  Type x{TypeKind::Native};
  x.native = s;
  return x;
}
Type numeric(std::optional<int> p, std::optional<int> s) {
  Type x{TypeKind::Numeric};
  x.precision = p;
  x.scale = s;
  return x;
}
ServerDefault lit(const std::string& s) { return {ServerDefault::Kind::Literal, s}; }
ServerDefault expr(const std::string& s) { return {ServerDefault::Kind::Expression, s}; }
ServerDefault now() { return {ServerDefault::Kind::Now, ""}; }

class AutogenDialectCompare : public ::testing::Test {
 protected:
  test::GenericDialect d;
};

TEST_F(AutogenDialectCompare, SameGenericTypesAreEquivalent) {
  for (auto k : {TypeKind::Integer, TypeKind::BigInteger, TypeKind::Text, TypeKind::Boolean,
                 TypeKind::Date, TypeKind::JSON, TypeKind::Uuid, TypeKind::LargeBinary}) {
    EXPECT_TRUE(d.types_equivalent(t(k), t(k)));
  }
  EXPECT_FALSE(d.types_equivalent(t(TypeKind::Integer), t(TypeKind::BigInteger)));
  EXPECT_FALSE(d.types_equivalent(t(TypeKind::Text), str(std::nullopt)));
}

TEST_F(AutogenDialectCompare, StringLengths) {
  EXPECT_TRUE(d.types_equivalent(str(255), str(255)));
  EXPECT_FALSE(d.types_equivalent(str(120), str(200)));
  // The model leaves the length to the database: whatever it chose matches.
  EXPECT_TRUE(d.types_equivalent(str(255), str(std::nullopt)));
  // The database keeps no length but the model asks for one: a real change.
  EXPECT_FALSE(d.types_equivalent(str(std::nullopt), str(50)));
}

TEST_F(AutogenDialectCompare, NumericAndFloat) {
  EXPECT_TRUE(d.types_equivalent(numeric(10, 2), numeric(10, 2)));
  EXPECT_FALSE(d.types_equivalent(numeric(10, 2), numeric(12, 2)));
  EXPECT_FALSE(d.types_equivalent(numeric(10, 2), numeric(10, 3)));
  EXPECT_TRUE(d.types_equivalent(numeric(10, 0), numeric(std::nullopt, std::nullopt)));
  EXPECT_TRUE(d.types_equivalent(numeric(10, std::nullopt), numeric(10, 0)));
  Type f{TypeKind::Float};
  Type f53 = f;
  f53.precision = 53;
  EXPECT_TRUE(d.types_equivalent(f, f53));  // databases do not keep float precision
}

TEST_F(AutogenDialectCompare, TimezoneAndEnum) {
  Type dt{TypeKind::DateTime}, dtz{TypeKind::DateTime};
  dtz.timezone = true;
  EXPECT_FALSE(d.types_equivalent(dt, dtz));
  Type e{TypeKind::Enum};
  e.enum_values = {"a", "b"};
  Type e2 = e;
  e2.enum_name = "mood";
  EXPECT_TRUE(d.types_equivalent(e, e2));
  Type e3 = e;
  e3.enum_values = {"b", "a"};
  EXPECT_FALSE(d.types_equivalent(e, e3));  // order matters: PostgreSQL enums are ordered
  Type e4 = e2;
  e4.enum_name = "feeling";
  EXPECT_FALSE(d.types_equivalent(e2, e4));
}

TEST_F(AutogenDialectCompare, NativeTypes) {
  EXPECT_TRUE(d.types_equivalent(native("tsvector"), native("TSVECTOR")));
  EXPECT_TRUE(
      d.types_equivalent(native("character  varying ( 20 )"), native("CHARACTER VARYING(20)")));
  EXPECT_FALSE(d.types_equivalent(native("tsvector"), native("tsquery")));
  EXPECT_TRUE(d.types_equivalent(native("INTEGER"), t(TypeKind::Integer)));
  EXPECT_TRUE(d.types_equivalent(native("int"), t(TypeKind::Integer)));
  EXPECT_TRUE(d.types_equivalent(t(TypeKind::Integer), native("INTEGER")));
  EXPECT_TRUE(d.types_equivalent(native("VARCHAR(255)"), str(255)));
  EXPECT_TRUE(d.types_equivalent(native("character varying(255)"), str(std::nullopt)));
  EXPECT_FALSE(d.types_equivalent(native("VARCHAR(100)"), str(255)));
  EXPECT_TRUE(d.types_equivalent(native("DECIMAL(10, 2)"), numeric(10, 2)));
  Type dtz{TypeKind::DateTime};
  dtz.timezone = true;
  EXPECT_TRUE(d.types_equivalent(native("timestamp with time zone"), dtz));
  EXPECT_FALSE(d.types_equivalent(native("timestamp"), dtz));
  EXPECT_TRUE(d.types_equivalent(native("double precision"), t(TypeKind::Float)));
  EXPECT_FALSE(d.types_equivalent(native("int4"), t(TypeKind::Integer)));  // the dialect's alias
  EXPECT_FALSE(d.types_equivalent(native("BIGINT"), t(TypeKind::Integer)));
}

TEST_F(AutogenDialectCompare, Defaults) {
  EXPECT_TRUE(d.defaults_equivalent(std::nullopt, std::nullopt));
  EXPECT_FALSE(d.defaults_equivalent(lit("x"), std::nullopt));
  EXPECT_FALSE(d.defaults_equivalent(std::nullopt, lit("x")));
  EXPECT_TRUE(d.defaults_equivalent(lit("x"), lit("x")));
  EXPECT_FALSE(d.defaults_equivalent(lit("x"), lit("y")));
  EXPECT_TRUE(d.defaults_equivalent(expr("CURRENT_TIMESTAMP"), now()));
  EXPECT_TRUE(d.defaults_equivalent(expr("now()"), now()));
  EXPECT_TRUE(d.defaults_equivalent(expr("(NOW())"), now()));
  EXPECT_TRUE(d.defaults_equivalent(now(), expr("current_timestamp")));
  EXPECT_TRUE(d.defaults_equivalent(expr("'x'::text"), lit("x")));
  EXPECT_TRUE(d.defaults_equivalent(expr("'it''s'::character varying"), lit("it's")));
  EXPECT_TRUE(d.defaults_equivalent(expr("('x')"), lit("x")));
  EXPECT_TRUE(d.defaults_equivalent(expr("0"), lit("0")));
  EXPECT_TRUE(d.defaults_equivalent(expr("(0)"), expr("0")));
  EXPECT_TRUE(d.defaults_equivalent(expr("lower( 'A' )"), expr("LOWER('A')")));
  EXPECT_FALSE(d.defaults_equivalent(expr("lower('A')"), expr("lower('a')")));
  EXPECT_TRUE(d.defaults_equivalent(expr("(1 + 2)::integer"), expr("1 + 2")));
  EXPECT_FALSE(d.defaults_equivalent(expr("1"), expr("2")));
  EXPECT_FALSE(d.defaults_equivalent(lit("now()"), now()));  // a literal string, not the function
  EXPECT_TRUE(d.defaults_equivalent(expr("NULL"), std::nullopt));
  EXPECT_TRUE(d.defaults_equivalent(std::nullopt, expr("null")));
  EXPECT_FALSE(d.defaults_equivalent(lit("NULL"), std::nullopt));  // the string 'NULL'
  EXPECT_TRUE(d.defaults_equivalent(expr("nextval('t_id_seq'::regclass)"), std::nullopt));
  EXPECT_FALSE(d.defaults_equivalent(expr("nextval('t_id_seq'::regclass)"), lit("1")));
}

}  // namespace
}  // namespace retort
