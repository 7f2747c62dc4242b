// MysqlInspector against a real MariaDB: a schema written by hand in SQL (as a user's database
// would be) reflects into the model, in a constant number of catalog queries.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "dialect/mysql/inspect.hpp"
#include "dialect/mysql/mysql_test_support.hpp"
#include "retort/error.hpp"
#include "support/counting_connection.hpp"

namespace retort::test {
namespace {

class MysqlInspectTest : public MysqlFixture {
 protected:
  void SetUp() override {
    MysqlFixture::SetUp();
    conn_->execute(R"sql(
CREATE TABLE usuarios (
  id INT NOT NULL AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL COMMENT 'login',
  nome VARCHAR(120) DEFAULT 'sem ''nome''',
  papel ENUM('admin', 'Leitor') NOT NULL DEFAULT 'Leitor',
  criado_em DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  pontos INT UNSIGNED DEFAULT 0,
  prefs JSON,
  ativo BOOL NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  CONSTRAINT uq_usuarios_email UNIQUE (email),
  INDEX ix_usuarios_nome_papel (nome, papel)
) COMMENT 'quem usa';
CREATE TABLE pedidos (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  usuario_id INT,
  revisor_id INT,
  total NUMERIC(10, 2) NOT NULL,
  codigo CHAR(36) DEFAULT (uuid()),
  CONSTRAINT fk_pedidos_usuario FOREIGN KEY (usuario_id) REFERENCES usuarios (id)
    ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT fk_pedidos_revisor FOREIGN KEY (revisor_id) REFERENCES usuarios (id),
  CONSTRAINT ck_pedidos_total CHECK (total >= 0)
);
CREATE TABLE itens (
  pedido_id BIGINT NOT NULL,
  linha SMALLINT NOT NULL,
  descricao TEXT,
  PRIMARY KEY (pedido_id, linha),
  FOREIGN KEY (pedido_id) REFERENCES pedidos (id)
);
CREATE TABLE retort_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE VIEW v_usuarios AS SELECT id, email FROM usuarios;
)sql");
  }
};

TEST_F(MysqlInspectTest, ReflectsTablesColumnsKeysIndexesChecksDefaultsAndComments) {
  InspectOptions options;
  options.exclude_tables = {"retort_version"};
  MetaData md = dialect().inspect(*conn_, options);
  ASSERT_EQ(md.tables.size(), 3u);  // no view, no version table
  EXPECT_EQ(md.tables[0].name, "itens");
  EXPECT_EQ(md.tables[1].name, "pedidos");
  EXPECT_EQ(md.tables[2].name, "usuarios");

  const Table& u = *md.find_table("", "usuarios");
  EXPECT_EQ(u.comment, "quem usa");
  ASSERT_EQ(u.columns.size(), 8u);
  EXPECT_EQ(u.columns[0].name, "id");
  EXPECT_EQ(u.columns[0].type.kind, TypeKind::Integer);
  EXPECT_EQ(u.columns[0].autoincrement, true);
  EXPECT_TRUE(u.columns[0].primary_key);
  EXPECT_EQ(u.columns[1].comment, "login");
  EXPECT_FALSE(u.columns[1].nullable);
  EXPECT_EQ(u.columns[2].server_default,
            (ServerDefault{ServerDefault::Kind::Literal, "sem 'nome'"}));
  EXPECT_TRUE(u.columns[2].nullable);
  EXPECT_EQ(u.columns[3].type.kind, TypeKind::Enum);
  EXPECT_EQ(u.columns[3].type.enum_values, (std::vector<std::string>{"admin", "Leitor"}));
  EXPECT_EQ(u.columns[3].server_default, (ServerDefault{ServerDefault::Kind::Literal, "Leitor"}));
  EXPECT_EQ(u.columns[4].type.kind, TypeKind::DateTime);
  EXPECT_EQ(u.columns[4].server_default, (ServerDefault{ServerDefault::Kind::Now, ""}));
  EXPECT_EQ(u.columns[5].type.kind, TypeKind::Native);
  EXPECT_EQ(u.columns[5].type.native, "INT(10) UNSIGNED");
  EXPECT_EQ(u.columns[5].server_default, (ServerDefault{ServerDefault::Kind::Literal, "0"}));
  EXPECT_EQ(u.columns[6].type.kind, TypeKind::JSON);
  EXPECT_EQ(u.columns[7].type.kind, TypeKind::Boolean);
  EXPECT_EQ(u.columns[7].server_default, (ServerDefault{ServerDefault::Kind::Literal, "1"}));
  ASSERT_TRUE(u.primary_key);
  EXPECT_EQ(u.primary_key->name, "PRIMARY");
  EXPECT_EQ(u.primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_EQ(u.unique_constraints,
            (std::vector<UniqueConstraint>{{"uq_usuarios_email", {"email"}}}));
  ASSERT_EQ(u.indexes.size(), 1u);
  EXPECT_EQ(u.indexes[0],
            (Index{"ix_usuarios_nome_papel", {{"nome", false}, {"papel", false}}, false, ""}));
  EXPECT_TRUE(u.check_constraints.empty());  // the JSON check is part of the JSON type
  EXPECT_TRUE(u.foreign_keys.empty());

  const Table& p = *md.find_table("", "pedidos");
  EXPECT_EQ(p.columns[0].type.kind, TypeKind::BigInteger);
  EXPECT_EQ(p.columns[0].autoincrement, true);
  EXPECT_EQ(p.columns[3].type.kind, TypeKind::Numeric);
  EXPECT_EQ(p.columns[3].type.precision, 10);
  EXPECT_EQ(p.columns[3].type.scale, 2);
  EXPECT_EQ(p.columns[4].type.kind, TypeKind::Uuid);
  EXPECT_EQ(p.columns[4].server_default,
            (ServerDefault{ServerDefault::Kind::Expression, "uuid()"}));
  ASSERT_EQ(p.foreign_keys.size(), 2u);
  // Ordered by name: fk_pedidos_revisor, fk_pedidos_usuario.
  EXPECT_EQ(p.foreign_keys[0].name, "fk_pedidos_revisor");
  EXPECT_EQ(p.foreign_keys[0].ondelete, "");  // RESTRICT is the default
  EXPECT_EQ(p.foreign_keys[1], (ForeignKey{"fk_pedidos_usuario",
                                           {"usuario_id"},
                                           "",
                                           "usuarios",
                                           {"id"},
                                           "CASCADE",
                                           "SET NULL",
                                           std::nullopt,
                                           ""}));
  EXPECT_EQ(p.check_constraints,
            (std::vector<CheckConstraint>{{"ck_pedidos_total", "`total` >= 0"}}));
  EXPECT_TRUE(p.indexes.empty());  // the indexes InnoDB made for the foreign keys are theirs

  const Table& i = *md.find_table("", "itens");
  ASSERT_TRUE(i.primary_key);
  EXPECT_EQ(i.primary_key->columns, (std::vector<std::string>{"pedido_id", "linha"}));
  EXPECT_EQ(i.columns[0].autoincrement, false);
  EXPECT_EQ(i.columns[1].type.kind, TypeKind::SmallInteger);
  ASSERT_EQ(i.foreign_keys.size(), 1u);
  EXPECT_EQ(i.foreign_keys[0].name, "itens_ibfk_1");  // the server's name for an unnamed FK
  EXPECT_EQ(i.foreign_keys[0].referred_table, "pedidos");
  EXPECT_TRUE(i.indexes.empty());  // the PK covers the FK: no extra index
}

TEST_F(MysqlInspectTest, UsesAConstantNumberOfQueries) {
  CountingConnection counting(*conn_);
  dialect().inspect(counting, {});
  int small = counting.count;
  // Tables, columns, keys and indexes, then views, routines, their parameters and triggers
  // (inspect_objects.cpp), sequences (inspect_sequences.cpp, one query when there are none) and
  // partitions (partitions.cpp): a fixed number, whatever the number of tables.
  EXPECT_LE(small, 13);
  for (int n = 0; n < 12; ++n) {
    conn_->execute(fmt::format(
        "CREATE TABLE extra{0} (id INT PRIMARY KEY, u INT UNIQUE, r INT, INDEX (r), "
        "CONSTRAINT fk_extra{0} FOREIGN KEY (r) REFERENCES usuarios (id), CHECK (u > 0))",
        n));
  }
  counting.count = 0;
  MetaData md = dialect().inspect(counting, {});
  EXPECT_EQ(md.tables.size(), 16u);
  EXPECT_EQ(counting.count, small);
}

TEST_F(MysqlInspectTest, OtherSchemasKeepTheirName) {
  std::string other = db_ + "_o";
  admin_->execute("DROP DATABASE IF EXISTS `" + other + "`");
  admin_->execute("CREATE DATABASE `" + other + "`");
  conn_->execute("CREATE TABLE `" + other +
                 "`.contas (id INT PRIMARY KEY, usuario_id INT, CONSTRAINT fk_contas_usuario "
                 "FOREIGN KEY (usuario_id) REFERENCES `" +
                 db_ + "`.usuarios (id))");
  InspectOptions options;
  options.schemas = {other};
  MetaData md = dialect().inspect(*conn_, options);
  admin_->execute("DROP DATABASE `" + other + "`");
  ASSERT_EQ(md.tables.size(), 1u);
  EXPECT_EQ(md.tables[0].schema, other);
  EXPECT_EQ(md.tables[0].name, "contas");
  ASSERT_EQ(md.tables[0].foreign_keys.size(), 1u);
  EXPECT_EQ(md.tables[0].foreign_keys[0].referred_schema, "");  // the connection's own database
  EXPECT_EQ(md.tables[0].foreign_keys[0].referred_table, "usuarios");
}

TEST_F(MysqlInspectTest, LiveSchemaReflectsOneTable) {
  auto view = dialect().live_schema(*conn_);
  auto t = view->table("", "pedidos");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "pedidos");
  EXPECT_EQ(t->foreign_keys.size(), 2u);
  EXPECT_FALSE(view->table("", "nao_existe"));
  EXPECT_FALSE(view->table("", "v_usuarios"));  // views are not tables
  EXPECT_TRUE(view->table(db_, "usuarios"));
}

TEST_F(MysqlInspectTest, NoDatabaseSelectedIsOneClearError) {
  Url u = url_;
  u.database.clear();
  auto c = dialect().connect(u);
  try {
    dialect().inspect(*c, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_NE(std::string(e.what()).find("no database selected"), std::string::npos);
  }
}

}  // namespace
}  // namespace retort::test
