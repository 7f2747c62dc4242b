// SqliteInspector on a schema written by hand: every kind of object, names recovered from SQL.
#include <gtest/gtest.h>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/sqlite_test_support.hpp"
#include "dialect/sqlite/types.hpp"

namespace retort::sqlite {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE paises (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  codigo CHAR(2) NOT NULL UNIQUE,
  nome VARCHAR(80) NOT NULL DEFAULT 'sem nome'
);
CREATE TABLE usuarios (
  id INTEGER NOT NULL,
  email VARCHAR(255) NOT NULL,
  nome VARCHAR(120),
  pais_id INTEGER REFERENCES paises ON DELETE SET NULL,
  ativo BOOLEAN NOT NULL DEFAULT 1,
  criado_em DATETIME DEFAULT (CURRENT_TIMESTAMP),
  saldo NUMERIC(10, 2) DEFAULT (0.0 + 1),
  CONSTRAINT pk_usuarios PRIMARY KEY (id),
  CONSTRAINT uq_usuarios_email UNIQUE (email),
  CONSTRAINT ck_usuarios_saldo CHECK (saldo >= 0)
);
CREATE INDEX ix_usuarios_nome ON usuarios (nome);
CREATE UNIQUE INDEX ix_usuarios_lower_email ON usuarios (lower(email)) WHERE ativo = 1;
CREATE TABLE "pedidos" (
  "id" INTEGER NOT NULL CONSTRAINT "pk_pedidos" PRIMARY KEY,
  "usuario_id" INTEGER NOT NULL,
  "total" FLOAT CHECK (total > 0),
  "dados" JSON,
  CONSTRAINT "fk_pedidos_usuario_id_usuarios" FOREIGN KEY ("usuario_id") REFERENCES "usuarios" ("id")
    ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
)sql";

class SqliteInspect : public ::testing::Test {
 protected:
  void SetUp() override { conn.execute(kSchema); }
  SqliteConnection conn{":memory:"};
};

TEST_F(SqliteInspect, ReflectsTablesColumnsKeysIndexesAndDefaults) {
  InspectOptions options;
  options.exclude_tables = {"retort_version"};
  MetaData md = test::dialect().inspect(conn, options);
  ASSERT_EQ(md.tables.size(), 3u);
  EXPECT_EQ(md.tables[0].name, "paises");
  EXPECT_EQ(md.tables[1].name, "usuarios");
  EXPECT_EQ(md.tables[2].name, "pedidos");

  const Table& paises = md.tables[0];
  ASSERT_EQ(paises.columns.size(), 3u);
  EXPECT_EQ(paises.columns[0].autoincrement, std::optional<bool>(true));
  EXPECT_TRUE(paises.columns[0].primary_key);
  EXPECT_FALSE(paises.columns[0].nullable);
  EXPECT_EQ(paises.columns[1].type.kind, TypeKind::Native);
  EXPECT_EQ(paises.columns[1].type.native, "CHAR(2)");
  EXPECT_EQ(paises.columns[2].server_default,
            (ServerDefault{ServerDefault::Kind::Literal, "sem nome"}));
  ASSERT_TRUE(paises.primary_key);
  EXPECT_EQ(paises.primary_key->name, "");
  ASSERT_EQ(paises.unique_constraints.size(), 1u);
  EXPECT_EQ(paises.unique_constraints[0], (UniqueConstraint{"", {"codigo"}}));
  EXPECT_TRUE(paises.indexes.empty());  // the UNIQUE's sqlite_autoindex is not an index

  const Table& u = md.tables[1];
  ASSERT_EQ(u.columns.size(), 7u);
  EXPECT_EQ(u.columns[1].type, test::string_type(255));
  EXPECT_FALSE(u.columns[1].nullable);
  EXPECT_TRUE(u.columns[2].nullable);
  EXPECT_EQ(u.columns[4].type.kind, TypeKind::Boolean);
  EXPECT_EQ(u.columns[4].server_default, (ServerDefault{ServerDefault::Kind::Expression, "1"}));
  EXPECT_EQ(u.columns[5].server_default, (ServerDefault{ServerDefault::Kind::Now, ""}));
  EXPECT_EQ(u.columns[6].server_default,
            (ServerDefault{ServerDefault::Kind::Expression, "0.0 + 1"}));
  EXPECT_EQ(u.columns[6].type.kind, TypeKind::Numeric);
  EXPECT_EQ(u.columns[6].type.precision, 10);
  EXPECT_EQ(u.columns[6].type.scale, 2);
  EXPECT_EQ(u.primary_key, (PrimaryKey{"pk_usuarios", {"id"}}));
  EXPECT_FALSE(u.columns[0].autoincrement.has_value());
  ASSERT_EQ(u.unique_constraints.size(), 1u);
  EXPECT_EQ(u.unique_constraints[0], (UniqueConstraint{"uq_usuarios_email", {"email"}}));
  ASSERT_EQ(u.check_constraints.size(), 1u);
  EXPECT_EQ(u.check_constraints[0], (CheckConstraint{"ck_usuarios_saldo", "saldo >= 0"}));
  ASSERT_EQ(u.foreign_keys.size(), 1u);
  EXPECT_EQ(u.foreign_keys[0].name, "");
  EXPECT_EQ(u.foreign_keys[0].columns, (std::vector<std::string>{"pais_id"}));
  EXPECT_EQ(u.foreign_keys[0].referred_table, "paises");
  EXPECT_EQ(u.foreign_keys[0].referred_columns,
            (std::vector<std::string>{"id"}));  // the parent's key
  EXPECT_EQ(u.foreign_keys[0].ondelete, "SET NULL");
  EXPECT_EQ(u.foreign_keys[0].onupdate, "");
  ASSERT_EQ(u.indexes.size(), 2u);
  EXPECT_EQ(u.indexes[0], (Index{"ix_usuarios_nome", {{"nome", false}}, false, ""}));
  EXPECT_EQ(u.indexes[1],
            (Index{"ix_usuarios_lower_email", {{"lower(email)", true}}, true, "ativo = 1"}));

  const Table& p = md.tables[2];
  EXPECT_EQ(p.primary_key, (PrimaryKey{"pk_pedidos", {"id"}}));
  EXPECT_EQ(p.columns[2].type.kind, TypeKind::Float);
  EXPECT_EQ(p.columns[3].type.kind, TypeKind::JSON);
  ASSERT_EQ(p.check_constraints.size(), 1u);
  EXPECT_EQ(p.check_constraints[0], (CheckConstraint{"", "total > 0"}));
  ASSERT_EQ(p.foreign_keys.size(), 1u);
  const ForeignKey& fk = p.foreign_keys[0];
  EXPECT_EQ(fk.name, "fk_pedidos_usuario_id_usuarios");
  EXPECT_EQ(fk.referred_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(fk.ondelete, "CASCADE");
  EXPECT_EQ(fk.onupdate, "RESTRICT");
  EXPECT_EQ(fk.deferrable, std::optional<bool>(true));
  EXPECT_EQ(fk.initially, "DEFERRED");
}

TEST_F(SqliteInspect, ReflectedTablesRecreateIdentically) {
  // inspect -> create_table on a fresh database -> inspect gives the same model: what a table
  // rebuild relies on to keep every name, key, default and index.
  MetaData md = test::dialect().inspect(conn, {});
  SqliteConnection fresh(":memory:");
  for (const auto& t : md.tables) test::apply(fresh, ops::CreateTable{t});
  MetaData again = test::dialect().inspect(fresh, {});
  ASSERT_EQ(again.tables.size(), md.tables.size());
  for (size_t i = 0; i < md.tables.size(); ++i)
    EXPECT_EQ(again.tables[i], md.tables[i]) << md.tables[i].name;
}

TEST_F(SqliteInspect, SkipsVirtualAndShadowTables) {
  conn.execute("CREATE VIRTUAL TABLE busca USING fts5(texto)");
  MetaData md = test::dialect().inspect(conn, {});
  EXPECT_EQ(md.tables.size(), 4u);
  EXPECT_FALSE(md.find_table("", "busca"));
  EXPECT_FALSE(md.find_table("", "busca_data"));
}

TEST_F(SqliteInspect, LiveSchemaReflectsOneTable) {
  auto view = test::dialect().live_schema(conn);
  auto t = view->table("", "pedidos");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "pedidos");
  EXPECT_EQ(t->columns.size(), 4u);
  EXPECT_FALSE(view->table("", "nada"));
  EXPECT_EQ(view->table("", "PEDIDOS")->name, "pedidos");  // SQLite names ignore case
}

TEST(SqliteTypes, MapBothWays) {
  auto round = [](const Type& t) { return type_from_declaration(type_sql(t)); };
  for (auto kind :
       {TypeKind::Integer, TypeKind::BigInteger, TypeKind::SmallInteger, TypeKind::Text,
        TypeKind::Boolean, TypeKind::Date, TypeKind::DateTime, TypeKind::Time, TypeKind::Float,
        TypeKind::LargeBinary, TypeKind::JSON, TypeKind::Uuid, TypeKind::Numeric}) {
    Type t;
    t.kind = kind;
    EXPECT_EQ(round(t), t) << type_sql(t);
  }
  EXPECT_EQ(round(test::string_type(20)), test::string_type(20));
  EXPECT_EQ(type_sql(test::string_type(20)), "VARCHAR(20)");
  Type num;
  num.kind = TypeKind::Numeric;
  num.precision = 10;
  num.scale = 2;
  EXPECT_EQ(type_sql(num), "NUMERIC(10, 2)");
  EXPECT_EQ(type_from_declaration("numeric( 10 ,2 )"), num);
  Type e;
  e.kind = TypeKind::Enum;
  e.enum_values = {"a", "bbb"};
  EXPECT_EQ(type_sql(e), "VARCHAR(3)");
  EXPECT_EQ(type_from_declaration("INT").kind, TypeKind::Native);
  EXPECT_EQ(type_from_declaration("INT").native, "INT");
  EXPECT_EQ(type_from_declaration("varchar (20)"), test::string_type(20));
}

}  // namespace
}  // namespace retort::sqlite
