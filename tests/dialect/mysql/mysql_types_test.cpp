// MySQL type and default mapping, both ways (no server needed).
#include <gtest/gtest.h>

#include "dialect/mysql/types.hpp"
#include "retort/error.hpp"

namespace retort::mysql {
namespace {

Type type(TypeKind k) {
  Type t;
  t.kind = k;
  return t;
}
Type native(std::string n) {
  Type t = type(TypeKind::Native);
  t.native = std::move(n);
  return t;
}

TEST(MysqlTypesTest, RendersGenericTypes) {
  EXPECT_EQ(render_type(type(TypeKind::Integer), "t", "c"), "INTEGER");
  EXPECT_EQ(render_type(type(TypeKind::Boolean), "t", "c"), "BOOL");
  EXPECT_EQ(render_type(type(TypeKind::Uuid), "t", "c"), "CHAR(36)");
  Type n = type(TypeKind::Numeric);
  EXPECT_EQ(render_type(n, "t", "c"), "NUMERIC");
  n.precision = 12;
  EXPECT_EQ(render_type(n, "t", "c"), "NUMERIC(12)");
  n.scale = 3;
  EXPECT_EQ(render_type(n, "t", "c"), "NUMERIC(12, 3)");
  Type e = type(TypeKind::Enum);
  e.enum_values = {"a", "it's"};
  EXPECT_EQ(render_type(e, "t", "c"), "ENUM('a','it''s')");
  EXPECT_EQ(render_type(native("MEDIUMTEXT"), "t", "c"), "MEDIUMTEXT");
  try {
    render_type(type(TypeKind::String), "usuarios", "email");
    FAIL();
  } catch (const Error& err) {
    EXPECT_EQ(err.kind(), ErrorKind::Script);
    EXPECT_STREQ(err.what(),
                 "VARCHAR requires a length on mysql: sa.String(255) for column usuarios.email");
  }
}

TEST(MysqlTypesTest, ParsesColumnTypesOfMariaDbAndMySql) {
  EXPECT_EQ(parse_column_type("int(11)").kind, TypeKind::Integer);
  EXPECT_EQ(parse_column_type("int").kind, TypeKind::Integer);  // MySQL 8.0.19+
  EXPECT_EQ(parse_column_type("bigint(20)").kind, TypeKind::BigInteger);
  EXPECT_EQ(parse_column_type("smallint(6)").kind, TypeKind::SmallInteger);
  EXPECT_EQ(parse_column_type("tinyint(1)").kind, TypeKind::Boolean);
  EXPECT_EQ(parse_column_type("tinyint(4)").native, "TINYINT(4)");
  EXPECT_EQ(parse_column_type("int(10) unsigned").native, "INT(10) UNSIGNED");
  EXPECT_EQ(parse_column_type("varchar(20)").length, 20);
  EXPECT_EQ(parse_column_type("char(36)").kind, TypeKind::Uuid);
  EXPECT_EQ(parse_column_type("uuid").kind, TypeKind::Uuid);
  EXPECT_EQ(parse_column_type("char(2)").native, "CHAR(2)");
  Type d = parse_column_type("decimal(10,2)");
  EXPECT_EQ(d.kind, TypeKind::Numeric);
  EXPECT_EQ(d.precision, 10);
  EXPECT_EQ(d.scale, 2);
  Type e = parse_column_type("enum('a','B c','it''s')");
  EXPECT_EQ(e.kind, TypeKind::Enum);
  EXPECT_EQ(e.enum_values, (std::vector<std::string>{"a", "B c", "it's"}));
  EXPECT_EQ(parse_column_type("set('x','Y')").native, "SET('x','Y')");
  EXPECT_EQ(parse_column_type("datetime").kind, TypeKind::DateTime);
  EXPECT_EQ(parse_column_type("datetime(6)").native, "DATETIME(6)");
  EXPECT_EQ(parse_column_type("json").kind, TypeKind::JSON);
  EXPECT_EQ(parse_column_type("longtext").native, "LONGTEXT");
  EXPECT_EQ(parse_column_type("double").native, "DOUBLE");
}

TEST(MysqlTypesTest, ModelAndReflectedTypesCompare) {
  EXPECT_TRUE(types_equivalent(type(TypeKind::Integer), parse_column_type("int(11)")));
  EXPECT_TRUE(types_equivalent(native("INT"), parse_column_type("int(11)")));
  EXPECT_TRUE(types_equivalent(native("BOOLEAN"), parse_column_type("tinyint(1)")));
  EXPECT_TRUE(types_equivalent(native("varchar(10)"), parse_column_type("varchar(10)")));
  EXPECT_FALSE(types_equivalent(native("varchar(11)"), parse_column_type("varchar(10)")));
  Type n = type(TypeKind::Numeric);
  EXPECT_TRUE(types_equivalent(n, parse_column_type("decimal(10,0)")));
  EXPECT_TRUE(types_equivalent(native("NUMERIC(8, 2)"), parse_column_type("decimal(8,2)")));
  EXPECT_FALSE(types_equivalent(type(TypeKind::BigInteger), parse_column_type("int(11)")));
  EXPECT_TRUE(types_equivalent(native("mediumtext"), parse_column_type("mediumtext")));
}

TEST(MysqlTypesTest, DefaultsBothWays) {
  using K = ServerDefault::Kind;
  EXPECT_EQ(render_default({K::Literal, "it's"}), "'it''s'");
  EXPECT_EQ(render_default({K::Now, ""}), "CURRENT_TIMESTAMP");
  EXPECT_EQ(render_default({K::Expression, "0"}), "0");
  EXPECT_EQ(render_default({K::Expression, "CURRENT_TIMESTAMP(3)"}), "CURRENT_TIMESTAMP(3)");
  EXPECT_EQ(render_default({K::Expression, "uuid()"}), "(uuid())");

  EXPECT_EQ(parse_column_default(std::nullopt, "", true), std::nullopt);
  EXPECT_EQ(parse_column_default("NULL", "", true), std::nullopt);
  EXPECT_EQ(parse_column_default("'it\\'s'", "", true), (ServerDefault{K::Literal, "it's"}));
  EXPECT_EQ(parse_column_default("current_timestamp()", "", true), (ServerDefault{K::Now, ""}));
  EXPECT_EQ(parse_column_default("0", "", true), (ServerDefault{K::Literal, "0"}));
  EXPECT_EQ(parse_column_default("uuid()", "", true), (ServerDefault{K::Expression, "uuid()"}));
  // MySQL 8: bare literals; expressions marked in EXTRA.
  EXPECT_EQ(parse_column_default("x", "", false), (ServerDefault{K::Literal, "x"}));
  EXPECT_EQ(parse_column_default("CURRENT_TIMESTAMP", "DEFAULT_GENERATED", false),
            (ServerDefault{K::Now, ""}));
  EXPECT_EQ(parse_column_default("uuid()", "DEFAULT_GENERATED", false),
            (ServerDefault{K::Expression, "uuid()"}));
}

TEST(MysqlTypesTest, DefaultsCompare) {
  using K = ServerDefault::Kind;
  Type num = type(TypeKind::Numeric);
  num.precision = 10;
  num.scale = 2;
  EXPECT_TRUE(
      defaults_equivalent(ServerDefault{K::Literal, "0"}, ServerDefault{K::Literal, "0.00"}, num));
  EXPECT_TRUE(defaults_equivalent(ServerDefault{K::Expression, "0"}, ServerDefault{K::Literal, "0"},
                                  type(TypeKind::Integer)));
  EXPECT_TRUE(defaults_equivalent(ServerDefault{K::Expression, "'x'"},
                                  ServerDefault{K::Literal, "x"}, type(TypeKind::Text)));
  EXPECT_TRUE(defaults_equivalent(ServerDefault{K::Now, ""},
                                  ServerDefault{K::Expression, "CURRENT_TIMESTAMP()"},
                                  type(TypeKind::DateTime)));
  EXPECT_TRUE(defaults_equivalent(ServerDefault{K::Expression, "(UUID())"},
                                  ServerDefault{K::Expression, "uuid()"}, type(TypeKind::Uuid)));
  EXPECT_TRUE(defaults_equivalent(ServerDefault{K::Expression, "true"},
                                  ServerDefault{K::Literal, "1"}, type(TypeKind::Boolean)));
  EXPECT_TRUE(defaults_equivalent(std::nullopt, std::nullopt, num));
  EXPECT_FALSE(defaults_equivalent(ServerDefault{K::Literal, "1"}, std::nullopt, num));
  EXPECT_FALSE(defaults_equivalent(ServerDefault{K::Literal, "a"}, ServerDefault{K::Literal, "b"},
                                   type(TypeKind::Text)));
  EXPECT_FALSE(defaults_equivalent(ServerDefault{K::Literal, "0"},
                                   ServerDefault{K::Literal, "0.00"}, type(TypeKind::Text)));
}

}  // namespace
}  // namespace retort::mysql
