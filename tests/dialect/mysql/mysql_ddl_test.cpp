// MysqlDdlCompiler against a real MariaDB: every op compiled, executed, and checked through the
// inspector, with the rows the table held before still there afterwards.
#include <gtest/gtest.h>

#include "dialect/mysql/connection.hpp"
#include "dialect/mysql/mysql_test_support.hpp"
#include "dialect/mysql/types.hpp"
#include "retort/error.hpp"

namespace retort::test {
namespace {

using MysqlDdlTest = MysqlFixture;

Type type(TypeKind k) {
  Type t;
  t.kind = k;
  return t;
}
Type varchar(int n) {
  Type t = type(TypeKind::String);
  t.length = n;
  return t;
}
Column column(std::string name, Type t, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(t);
  c.nullable = nullable;
  return c;
}
ServerDefault literal(std::string s) { return {ServerDefault::Kind::Literal, std::move(s)}; }
ops::TableRef ref(std::string name) { return {"", std::move(name)}; }

// usuarios(id PK auto, nome VARCHAR(120) NOT NULL DEFAULT 'anon' COMMENT 'nome completo')
ops::CreateTable usuarios() {
  Table t;
  t.name = "usuarios";
  Column id = column("id", type(TypeKind::Integer), false);
  id.primary_key = true;
  t.columns.push_back(id);
  Column nome = column("nome", varchar(120), false);
  nome.server_default = literal("anon");
  nome.comment = "nome completo";
  t.columns.push_back(nome);
  t.primary_key = PrimaryKey{"pk_usuarios", {"id"}};
  return {t};
}

std::vector<std::string> rows_of(Connection& c, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& r : c.query(sql).rows) {
    std::string line;
    for (const auto& v : r) {
      if (!line.empty()) line += "|";
      if (is_null(v)) {
        line += "NULL";
      } else if (auto* n = std::get_if<std::int64_t>(&v)) {
        line += std::to_string(*n);
      } else if (auto* s = std::get_if<std::string>(&v)) {
        line += *s;
      }
    }
    out.push_back(line);
  }
  return out;
}

TEST_F(MysqlDdlTest, CreateTableWithEverythingReflectsBack) {
  run(usuarios());
  Table t;
  t.name = "pedidos";
  Column id = column("id", type(TypeKind::BigInteger), false);
  id.primary_key = true;
  t.columns.push_back(id);
  t.columns.push_back(column("usuario_id", type(TypeKind::Integer), false));
  t.columns.push_back(column("codigo", varchar(20), false));
  Type num = type(TypeKind::Numeric);
  num.precision = 10;
  num.scale = 2;
  Column total = column("total", num, false);
  total.server_default = literal("0");
  t.columns.push_back(total);
  Type st = type(TypeKind::Enum);
  st.enum_values = {"novo", "pago", "it's"};
  Column status = column("status", st, false);
  status.server_default = literal("novo");
  t.columns.push_back(status);
  Column criado = column("criado_em", type(TypeKind::DateTime), true);
  criado.server_default = ServerDefault{ServerDefault::Kind::Now, ""};
  t.columns.push_back(criado);
  t.columns.push_back(column("dados", type(TypeKind::JSON)));
  t.columns.push_back(column("pago", type(TypeKind::Boolean)));
  t.columns.push_back(column("chave", type(TypeKind::Uuid)));
  t.columns.push_back(column("nota", type(TypeKind::Text)));
  t.columns.push_back(column("dia", type(TypeKind::Date)));
  t.columns.push_back(column("hora", type(TypeKind::Time)));
  t.columns.push_back(column("peso", type(TypeKind::Float)));
  t.columns.push_back(column("foto", type(TypeKind::LargeBinary)));
  t.columns.push_back(column("n_small", type(TypeKind::SmallInteger)));
  Type native = type(TypeKind::Native);
  native.native = "MEDIUMTEXT";
  t.columns.push_back(column("longo", native));
  Column expr = column("ref", varchar(40));
  expr.server_default = ServerDefault{ServerDefault::Kind::Expression, "concat('a', 'b')"};
  t.columns.push_back(expr);
  t.primary_key = PrimaryKey{"pk_pedidos", {"id"}};
  t.unique_constraints.push_back(UniqueConstraint{"uq_pedidos_codigo", {"codigo"}});
  ForeignKey fk;
  fk.name = "fk_pedidos_usuario_id_usuarios";
  fk.columns = {"usuario_id"};
  fk.referred_table = "usuarios";
  fk.referred_columns = {"id"};
  fk.ondelete = "CASCADE";
  t.foreign_keys.push_back(fk);
  t.check_constraints.push_back(CheckConstraint{"ck_pedidos_total", "`total` >= 0"});
  t.indexes.push_back(
      Index{"ix_pedidos_status", {{"status", false}, {"criado_em", false}}, false, ""});
  t.comment = "pedidos da loja";
  auto stmts = run(ops::CreateTable{t});
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_NE(stmts[0].sql.find(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='pedidos da loja'"),
            std::string::npos)
      << stmts[0].sql;

  MetaData md = inspect();
  ASSERT_EQ(md.tables.size(), 2u);
  const Table* p = md.find_table("", "pedidos");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->comment, "pedidos da loja");
  ASSERT_EQ(p->columns.size(), t.columns.size());
  EXPECT_EQ(p->columns[0].type.kind, TypeKind::BigInteger);
  EXPECT_EQ(p->columns[0].autoincrement, true);
  EXPECT_TRUE(p->columns[0].primary_key);
  EXPECT_FALSE(p->columns[0].nullable);
  EXPECT_EQ(p->columns[1].type.kind, TypeKind::Integer);
  EXPECT_EQ(p->columns[2].type, varchar(20));
  EXPECT_EQ(p->columns[3].type, num);
  EXPECT_EQ(p->columns[3].server_default, literal("0.00"));  // MySQL normalizes to the scale
  EXPECT_EQ(p->columns[4].type, st);
  EXPECT_EQ(p->columns[4].server_default, literal("novo"));
  EXPECT_EQ(p->columns[5].type.kind, TypeKind::DateTime);
  EXPECT_TRUE(p->columns[5].nullable);
  EXPECT_EQ(p->columns[5].server_default, (ServerDefault{ServerDefault::Kind::Now, ""}));
  EXPECT_EQ(p->columns[6].type.kind, TypeKind::JSON);
  EXPECT_EQ(p->columns[7].type.kind, TypeKind::Boolean);
  EXPECT_EQ(p->columns[8].type.kind, TypeKind::Uuid);
  EXPECT_EQ(p->columns[9].type.kind, TypeKind::Text);
  EXPECT_EQ(p->columns[10].type.kind, TypeKind::Date);
  EXPECT_EQ(p->columns[11].type.kind, TypeKind::Time);
  EXPECT_EQ(p->columns[12].type.kind, TypeKind::Float);
  EXPECT_EQ(p->columns[13].type.kind, TypeKind::LargeBinary);
  EXPECT_EQ(p->columns[14].type.kind, TypeKind::SmallInteger);
  EXPECT_EQ(p->columns[15].type.native, "MEDIUMTEXT");
  EXPECT_EQ(p->columns[16].server_default,
            (ServerDefault{ServerDefault::Kind::Expression, "concat('a','b')"}));
  // What autogenerate will ask: the model and the database agree on every column.
  for (size_t i = 0; i < t.columns.size(); ++i) {
    EXPECT_TRUE(mysql::types_equivalent(t.columns[i].type, p->columns[i].type)) << i;
    EXPECT_TRUE(mysql::defaults_equivalent(t.columns[i].server_default,
                                           p->columns[i].server_default, t.columns[i].type))
        << i;
    EXPECT_EQ(t.columns[i].nullable, p->columns[i].nullable) << i;
    EXPECT_EQ(t.columns[i].comment, p->columns[i].comment) << i;
  }
  ASSERT_TRUE(p->primary_key);
  EXPECT_EQ(p->primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_EQ(p->unique_constraints, t.unique_constraints);
  EXPECT_EQ(p->foreign_keys, t.foreign_keys);
  EXPECT_EQ(p->check_constraints, t.check_constraints);  // JSON's json_valid check is folded
  EXPECT_EQ(p->indexes, t.indexes);                      // the FK's own index is not reported

  const Table* u = md.find_table("", "usuarios");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->columns[1].comment, "nome completo");
  EXPECT_EQ(u->columns[1].server_default, literal("anon"));
  EXPECT_FALSE(u->columns[1].nullable);
}

TEST_F(MysqlDdlTest, AddAndDropColumnKeepRows) {
  run(usuarios());
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana'), ('bia')");
  Column avatar = column("avatar_url", varchar(255));
  auto stmts = run(ops::AddColumn{ref("usuarios"), avatar});
  ASSERT_EQ(stmts.size(), 1u);
  EXPECT_EQ(stmts[0].sql, "ALTER TABLE `usuarios` ADD COLUMN `avatar_url` VARCHAR(255) NULL");
  Column ativo = column("ativo", type(TypeKind::Boolean), false);
  ativo.server_default = literal("1");
  run(ops::AddColumn{ref("usuarios"), ativo});
  EXPECT_EQ(rows_of(*conn_, "SELECT id, nome, avatar_url, ativo FROM usuarios ORDER BY id"),
            (std::vector<std::string>{"1|ana|NULL|1", "2|bia|NULL|1"}));
  run(ops::DropColumn{ref("usuarios"), "avatar_url", true, std::nullopt});
  Table t = table("usuarios");
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[2].name, "ativo");
  EXPECT_EQ(rows_of(*conn_, "SELECT nome FROM usuarios ORDER BY id"),
            (std::vector<std::string>{"ana", "bia"}));
}

TEST_F(MysqlDdlTest, ModifyNullableKeepsTypeDefaultAndComment) {
  run(usuarios());
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "nome";
  a.nullable = true;  // and nothing about what the column is now
  auto stmts = run(a);
  ASSERT_EQ(stmts.size(), 1u);
  EXPECT_EQ(stmts[0].sql,
            "ALTER TABLE `usuarios` MODIFY COLUMN `nome` VARCHAR(120) NULL DEFAULT 'anon' COMMENT "
            "'nome completo'");
  Table t = table("usuarios");
  EXPECT_TRUE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[1].type, varchar(120));
  EXPECT_EQ(t.columns[1].server_default, literal("anon"));
  EXPECT_EQ(t.columns[1].comment, "nome completo");
  conn_->execute("INSERT INTO usuarios (nome) VALUES (NULL)");
  EXPECT_EQ(rows_of(*conn_, "SELECT nome FROM usuarios ORDER BY id"),
            (std::vector<std::string>{"ana", "NULL"}));
}

TEST_F(MysqlDdlTest, ModifyPrimaryKeyTypeKeepsAutoIncrement) {
  run(usuarios());
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "id";
  a.type = type(TypeKind::BigInteger);
  auto stmts = run(a);
  EXPECT_EQ(stmts[0].sql,
            "ALTER TABLE `usuarios` MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT");
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('bia')");
  EXPECT_EQ(rows_of(*conn_, "SELECT id FROM usuarios ORDER BY id"),
            (std::vector<std::string>{"1", "2"}));
  Table t = table("usuarios");
  EXPECT_EQ(t.columns[0].type.kind, TypeKind::BigInteger);
  EXPECT_EQ(t.columns[0].autoincrement, true);
}

TEST_F(MysqlDdlTest, RenameColumnWithChangeKeepsDefinition) {
  run(usuarios());
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "nome";
  a.new_column_name = "nome_completo";
  auto stmts = run(a);
  EXPECT_EQ(stmts[0].sql,
            "ALTER TABLE `usuarios` CHANGE COLUMN `nome` `nome_completo` VARCHAR(120) NOT NULL "
            "DEFAULT 'anon' COMMENT 'nome completo'");
  Table t = table("usuarios");
  EXPECT_EQ(t.columns[1].name, "nome_completo");
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_EQ(rows_of(*conn_, "SELECT nome_completo FROM usuarios"), std::vector<std::string>{"ana"});
}

TEST_F(MysqlDdlTest, ExistingFieldsFromTheOpWinOverReflection) {
  run(usuarios());
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "nome";
  a.type = varchar(200);
  a.comment = std::optional<std::string>();  // drop the comment
  a.existing_server_default = literal("anon");
  auto stmts = run(a);
  EXPECT_EQ(stmts[0].sql,
            "ALTER TABLE `usuarios` MODIFY COLUMN `nome` VARCHAR(200) NOT NULL DEFAULT 'anon'");
  Table t = table("usuarios");
  EXPECT_EQ(t.columns[1].type, varchar(200));
  EXPECT_FALSE(t.columns[1].comment);
}

TEST_F(MysqlDdlTest, DefaultOnlyChangesUseAlterColumn) {
  run(usuarios());
  Column c = column("criado_em", type(TypeKind::DateTime));
  run(ops::AddColumn{ref("usuarios"), c});
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "criado_em";
  a.server_default = std::optional<ServerDefault>(ServerDefault{ServerDefault::Kind::Now, ""});
  EXPECT_EQ(run(a)[0].sql,
            "ALTER TABLE `usuarios` ALTER COLUMN `criado_em` SET DEFAULT CURRENT_TIMESTAMP");
  EXPECT_EQ(table("usuarios").columns[2].server_default,
            (ServerDefault{ServerDefault::Kind::Now, ""}));
  a.column = "nome";
  a.server_default = std::optional<ServerDefault>();
  EXPECT_EQ(run(a)[0].sql, "ALTER TABLE `usuarios` ALTER COLUMN `nome` DROP DEFAULT");
  Table t = table("usuarios");
  EXPECT_FALSE(t.columns[1].server_default);
  EXPECT_EQ(t.columns[1].comment, "nome completo");
}

TEST_F(MysqlDdlTest, AlterColumnWithoutTypeOnUnknownTableIsAScriptError) {
  ops::AlterColumn a;
  a.table = ref("nao_existe");
  a.column = "x";
  a.nullable = false;
  try {
    run(a);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_NE(std::string(e.what()).find("existing_type"), std::string::npos) << e.what();
  }
  run(usuarios());
  a.table = ref("usuarios");
  try {
    run(a);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "alter_column: table usuarios has no column x");
  }
}

TEST_F(MysqlDdlTest, VarcharWithoutLengthIsAScriptError) {
  run(usuarios());
  try {
    run(ops::AddColumn{ref("usuarios"), column("email", type(TypeKind::String))});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_EQ(std::string(e.what()),
              "VARCHAR requires a length on mysql: sa.String(255) for column usuarios.email");
  }
}

class MysqlConstraintsTest : public MysqlFixture {
 protected:
  void SetUp() override {
    MysqlFixture::SetUp();
    run(usuarios());
    conn_->execute(
        "CREATE TABLE pedidos (id INTEGER NOT NULL, usuario_id INTEGER, codigo VARCHAR(10), "
        "qtd INTEGER, PRIMARY KEY (id))");
    conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
    conn_->execute("INSERT INTO pedidos VALUES (1, 1, 'A1', 3)");
    ForeignKey fk{"fk_pedidos_usuario_id_usuarios",
                  {"usuario_id"},
                  "",
                  "usuarios",
                  {"id"},
                  "SET NULL",
                  "",
                  std::nullopt,
                  ""};
    run(ops::CreateForeignKey{ref("pedidos"), fk});
    run(ops::CreateUniqueConstraint{ref("pedidos"), {"uq_pedidos_codigo", {"codigo"}}});
    run(ops::CreateCheckConstraint{ref("pedidos"), {"ck_pedidos_qtd", "qtd > 0"}});
    Table t = table("pedidos");
    EXPECT_EQ(t.foreign_keys.size(), 1u);
    EXPECT_EQ(t.foreign_keys[0].ondelete, "SET NULL");
    EXPECT_EQ(t.unique_constraints.size(), 1u);
    EXPECT_EQ(t.check_constraints.size(), 1u);
  }

  void drop_all(bool with_type) {
    auto type = [&](const char* t) { return with_type ? std::string(t) : std::string(); };
    EXPECT_EQ(run(ops::DropConstraint{ref("pedidos"), "fk_pedidos_usuario_id_usuarios",
                                      type("foreignkey")})[0]
                  .sql,
              "ALTER TABLE `pedidos` DROP FOREIGN KEY `fk_pedidos_usuario_id_usuarios`");
    EXPECT_EQ(run(ops::DropConstraint{ref("pedidos"), "uq_pedidos_codigo", type("unique")})[0].sql,
              "ALTER TABLE `pedidos` DROP INDEX `uq_pedidos_codigo`");
    EXPECT_EQ(run(ops::DropConstraint{ref("pedidos"), "ck_pedidos_qtd", type("check")})[0].sql,
              "ALTER TABLE `pedidos` DROP CONSTRAINT `ck_pedidos_qtd`");
    EXPECT_EQ(run(ops::DropConstraint{ref("pedidos"), "PRIMARY", type("primary")})[0].sql,
              "ALTER TABLE `pedidos` DROP PRIMARY KEY");
    Table t = table("pedidos");
    EXPECT_TRUE(t.foreign_keys.empty());
    EXPECT_TRUE(t.unique_constraints.empty());
    EXPECT_TRUE(t.check_constraints.empty());
    EXPECT_FALSE(t.primary_key);
    EXPECT_EQ(rows_of(*conn_, "SELECT * FROM pedidos"), std::vector<std::string>{"1|1|A1|3"});
    // The rule is really gone: a negative quantity and a duplicate code are accepted now.
    conn_->execute("INSERT INTO pedidos VALUES (1, 99, 'A1', -1)");
  }
};

TEST_F(MysqlConstraintsTest, DropConstraintByType) { drop_all(true); }

TEST_F(MysqlConstraintsTest, DropConstraintLooksUpTheType) { drop_all(false); }

TEST_F(MysqlConstraintsTest, DropUnknownConstraintIsAScriptError) {
  try {
    run(ops::DropConstraint{ref("pedidos"), "nope", ""});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_EQ(std::string(e.what()), "drop_constraint: table pedidos has no constraint named nope");
  }
}

TEST_F(MysqlConstraintsTest, CreatePrimaryKeyAndEnforcedChecks) {
  run(ops::DropConstraint{ref("pedidos"), "PRIMARY", "primary"});
  EXPECT_EQ(run(ops::CreatePrimaryKey{ref("pedidos"), {"pk_pedidos", {"id", "codigo"}}})[0].sql,
            "ALTER TABLE `pedidos` ADD PRIMARY KEY (`id`, `codigo`)");
  Table t = table("pedidos");
  ASSERT_TRUE(t.primary_key);
  EXPECT_EQ(t.primary_key->columns, (std::vector<std::string>{"id", "codigo"}));
  EXPECT_THROW(conn_->execute("INSERT INTO pedidos VALUES (2, 1, 'B', 0)"), Error);  // check
  EXPECT_THROW(conn_->execute("INSERT INTO pedidos VALUES (2, 7, 'B', 1)"), Error);  // fk
}

TEST_F(MysqlDdlTest, IndexesCreateAndDrop) {
  run(usuarios());
  auto stmts = run(
      ops::CreateIndex{ref("usuarios"), Index{"ix_usuarios_nome", {{"nome", false}}, false, ""}});
  EXPECT_EQ(stmts[0].sql, "CREATE INDEX `ix_usuarios_nome` ON `usuarios` (`nome`)");
  run(ops::CreateIndex{ref("usuarios"),
                       Index{"ux_usuarios_nome_id", {{"nome", false}, {"id", false}}, true, ""}});
  Table t = table("usuarios");
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "ix_usuarios_nome");
  // MySQL keeps no difference between a unique index and a unique constraint.
  ASSERT_EQ(t.unique_constraints.size(), 1u);
  EXPECT_EQ(t.unique_constraints[0].columns, (std::vector<std::string>{"nome", "id"}));
  EXPECT_EQ(run(ops::DropIndex{ref("usuarios"), "ix_usuarios_nome", false, false})[0].sql,
            "DROP INDEX `ix_usuarios_nome` ON `usuarios`");
  run(ops::DropIndex{ref("usuarios"), "ux_usuarios_nome_id", false, false});
  t = table("usuarios");
  EXPECT_TRUE(t.indexes.empty());
  EXPECT_TRUE(t.unique_constraints.empty());

  try {
    run(ops::DropIndex{ref(""), "ix_x", false, false});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_NE(std::string(e.what()).find("drop_index ix_x needs the table on mysql"),
              std::string::npos);
  }
  try {
    run(ops::CreateIndex{ref("usuarios"), Index{"ix_p", {{"nome", false}}, false, "id > 1"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_EQ(std::string(e.what()).rfind("partial indexes are not supported on mysql", 0), 0u);
  }
  try {
    run(ops::CreateIndex{ref("usuarios"), Index{"ix_e", {{"lower(nome)", true}}, false, ""}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_NE(std::string(e.what()).find("expression indexes are not supported on mysql"),
              std::string::npos);
  }
}

TEST_F(MysqlDdlTest, RenameDropExecuteAndBulkInsert) {
  run(usuarios());
  ops::BulkInsert bi{ref("usuarios"), {"id", "nome"}, {}};
  for (int i = 1; i <= 2500; ++i)
    bi.rows.push_back({Value(std::int64_t{i}), Value("u'" + std::to_string(i))});
  auto stmts = run(bi);
  EXPECT_EQ(stmts.size(), 3u);  // 1000 rows per INSERT
  EXPECT_EQ(stmts[0].sql.rfind("INSERT INTO `usuarios` (`id`, `nome`) VALUES (?, ?), (?, ?)", 0),
            0u);
  EXPECT_EQ(rows_of(*conn_, "SELECT COUNT(*), MAX(nome) FROM usuarios"),
            std::vector<std::string>{"2500|u'999"});

  EXPECT_EQ(run(ops::RenameTable{ref("usuarios"), "clientes"})[0].sql,
            "RENAME TABLE `usuarios` TO `clientes`");
  EXPECT_EQ(rows_of(*conn_, "SELECT COUNT(*) FROM clientes"), std::vector<std::string>{"2500"});

  run(ops::Execute{
      "UPDATE clientes SET nome = 'x' WHERE id = 1; DELETE FROM clientes WHERE id > 10"});
  EXPECT_EQ(rows_of(*conn_, "SELECT nome FROM clientes WHERE id = 1"),
            std::vector<std::string>{"x"});

  EXPECT_EQ(run(ops::DropTable{ref("clientes"), true, std::nullopt})[0].sql,
            "DROP TABLE `clientes`");
  EXPECT_TRUE(inspect().tables.empty());
}

TEST_F(MysqlDdlTest, BatchAlterTableIsOneAlter) {
  run(usuarios());
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  ops::BatchAlterTable b{ref("usuarios"), {}};
  b.ops.push_back(ops::AddColumn{ref("usuarios"), column("email", varchar(255))});
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "nome";
  a.nullable = true;
  b.ops.push_back(a);
  b.ops.push_back(
      ops::CreateIndex{ref("usuarios"), Index{"ix_usuarios_email", {{"email", false}}, false, ""}});
  b.ops.push_back(ops::CreateUniqueConstraint{ref("usuarios"), {"uq_usuarios_nome", {"nome"}}});
  auto stmts = run(b);
  ASSERT_EQ(stmts.size(), 1u);
  EXPECT_EQ(stmts[0].sql,
            "ALTER TABLE `usuarios` ADD COLUMN `email` VARCHAR(255) NULL, MODIFY COLUMN `nome` "
            "VARCHAR(120) NULL DEFAULT 'anon' COMMENT 'nome completo', ADD INDEX "
            "`ix_usuarios_email` (`email`), ADD CONSTRAINT `uq_usuarios_nome` UNIQUE (`nome`)");
  Table t = table("usuarios");
  EXPECT_EQ(t.columns.size(), 3u);
  EXPECT_TRUE(t.columns[1].nullable);
  EXPECT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.unique_constraints.size(), 1u);
  EXPECT_EQ(rows_of(*conn_, "SELECT nome FROM usuarios"), std::vector<std::string>{"ana"});
}

TEST_F(MysqlDdlTest, HoldsData) {
  const auto& d = dialect();
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), ""), std::nullopt);
  run(usuarios());
  run(ops::AddColumn{ref("usuarios"), column("email", varchar(100))});
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), ""), false);
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), "nope"), std::nullopt);
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), ""), true);
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), "email"), false);
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), "nome"), true);
  EXPECT_EQ(d.holds_data(*conn_, ops::TableRef{db_, "usuarios"}, "nome"), true);
  // Inside a transaction, and the transaction survives, even probes of what is not there (the
  // probe's SELECT fails on the server and that failure is the answer).
  conn_->begin();
  conn_->execute("UPDATE usuarios SET email = 'a@b'");
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), "nope"), std::nullopt);
  EXPECT_EQ(d.holds_data(*conn_, ref("nowhere"), ""), std::nullopt);
  EXPECT_EQ(d.holds_data(*conn_, ops::TableRef{"no_such_database", "usuarios"}, ""), std::nullopt);
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), "email"), true);
  EXPECT_TRUE(conn_->in_transaction());
  conn_->rollback();
  EXPECT_EQ(d.holds_data(*conn_, ref("usuarios"), "email"), false);
}

// Several probes (a downgrade that drops a column and a table) in one question: the same
// answers as one by one, also when one of them names something that is not there.
TEST_F(MysqlDdlTest, HoldsDataForSeveralProbesAtOnce) {
  const auto& d = dialect();
  run(usuarios());
  run(ops::AddColumn{ref("usuarios"), column("email", varchar(100))});
  conn_->execute("CREATE TABLE vazia (x INTEGER)");
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  using Answers = std::vector<std::optional<bool>>;
  const std::vector<DataProbe> present = {{ref("usuarios"), ""},
                                          {ref("usuarios"), "email"},
                                          {ref("usuarios"), "nome"},
                                          {ref("vazia"), ""}};
  EXPECT_EQ(d.holds_data(*conn_, present), (Answers{true, false, true, false}));
  std::vector<DataProbe> with_missing = present;
  with_missing.insert(with_missing.begin() + 1, DataProbe{ref("nowhere"), ""});
  with_missing.push_back({ref("usuarios"), "nope"});
  EXPECT_EQ(d.holds_data(*conn_, with_missing),
            (Answers{true, std::nullopt, false, true, false, std::nullopt}));
  conn_->begin();
  conn_->execute("INSERT INTO vazia VALUES (1)");
  EXPECT_EQ(d.holds_data(*conn_, with_missing),
            (Answers{true, std::nullopt, false, true, true, std::nullopt}));
  EXPECT_TRUE(conn_->in_transaction());
  conn_->rollback();
}

// The guard as a statement sent ahead of the DDL (MariaDB): it stops the batch at the first probe
// that holds data, names that probe, lets what is not there pass, and steps aside under
// sql_mode=ORACLE, whose blocks are PL/SQL's.
TEST_F(MysqlDdlTest, GuardStatementGoesAheadOfTheDdlAndStopsItAtTheFirstProbeWithData) {
  const auto& d = dialect();
  auto* my = dynamic_cast<mysql::MysqlConnection*>(conn_.get());
  ASSERT_NE(my, nullptr);
  if (!my->is_mariadb()) {  // MySQL has no anonymous blocks: holds_data guards there
    EXPECT_EQ(d.guard_statement(*conn_, {{ref("usuarios"), ""}}), std::nullopt);
    return;
  }
  run(usuarios());
  run(ops::AddColumn{ref("usuarios"), column("email", varchar(100))});
  conn_->execute("CREATE TABLE vazia (x INTEGER)");
  conn_->execute("CREATE TABLE cheia (x INTEGER)");
  conn_->execute("INSERT INTO cheia VALUES (1)");
  conn_->execute("INSERT INTO usuarios (nome) VALUES ('ana')");
  const std::vector<DataProbe> probes = {{ref("nowhere"), ""},       {ref("usuarios"), "nope"},
                                         {ref("usuarios"), "email"}, {ref("vazia"), ""},
                                         {ops::TableRef{"no_such_database", "t"}, ""},
                                         {ref("usuarios"), "nome"},  {ref("cheia"), ""}};
  ASSERT_TRUE(d.guard_statement(*conn_, probes).has_value());
  // Sends the guard and a DROP behind it in one text: "ran", "failed" (not refused) or the
  // index of the probe refused.
  auto guard_then_drop = [&](const std::vector<DataProbe>& asked) -> std::string {
    conn_->defer(*d.guard_statement(*conn_, asked));
    conn_->defer("DROP TABLE `vazia`");
    try {
      conn_->send_deferred();
    } catch (const Error& e) {
      auto i = d.refused_probe(*conn_, e);
      return i ? std::to_string(*i) : "failed";
    }
    return "ran";
  };
  auto vazia_exists = [&] {
    return rows_of(*conn_, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA "
                           "= DATABASE() AND TABLE_NAME = 'vazia'") ==
           std::vector<std::string>{"1"};
  };
  EXPECT_EQ(guard_then_drop(probes), "5");
  EXPECT_TRUE(vazia_exists());

  // Without the column with data: the next probe with data is the one named.
  std::vector<DataProbe> fewer = probes;
  fewer.erase(fewer.begin() + 5);
  EXPECT_EQ(guard_then_drop(fewer), "5");
  EXPECT_TRUE(vazia_exists());

  // Nothing holds data: the DDL behind the guard runs.
  fewer.pop_back();
  EXPECT_EQ(guard_then_drop(fewer), "ran");
  EXPECT_FALSE(vazia_exists());

  // An error that is not the guard's (the table is gone now) is not a refusal.
  EXPECT_EQ(guard_then_drop(fewer), "failed");

  // A session in Oracle mode has no such blocks; a later change of mode is noticed.
  conn_->execute("SET SESSION sql_mode = 'ORACLE'");
  EXPECT_EQ(d.guard_statement(*conn_, probes), std::nullopt);
  conn_->execute("SET SESSION sql_mode = DEFAULT");
  EXPECT_TRUE(d.guard_statement(*conn_, probes).has_value());
}

}  // namespace
}  // namespace retort::test

namespace retort::test {
namespace {

TEST_F(MysqlDdlTest, VersionTableAndTableOptions) {
  std::string sql = dialect().create_version_table("", "retort_version");
  conn_->execute(sql);
  conn_->execute(sql);  // IF NOT EXISTS
  conn_->execute("INSERT INTO retort_version VALUES (?)", {Value(std::string("abc123"))});
  EXPECT_THROW(conn_->execute("INSERT INTO retort_version VALUES ('abc123')"), Error);
  conn_->execute(dialect().create_version_table(db_, "other_version"));
  EXPECT_TRUE(table("other_version").primary_key);

  MysqlDialect latin({"InnoDB", "latin1", "latin1_bin"});
  Table t;
  t.name = "legado";
  t.columns.push_back(column("x", varchar(10)));
  auto view = latin.live_schema(*conn_);
  auto stmts = latin.compile(ops::CreateTable{t}, *view);
  EXPECT_EQ(stmts[0].sql,
            "CREATE TABLE `legado` (\n  `x` VARCHAR(10) NULL\n) ENGINE=InnoDB DEFAULT "
            "CHARSET=latin1 COLLATE=latin1_bin");
  conn_->execute(stmts[0].sql);
  EXPECT_EQ(rows_of(*conn_,
                    "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE "
                    "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'legado'"),
            std::vector<std::string>{"latin1_bin"});
  EXPECT_EQ(latin.quote("a`b"), "`a``b`");
  EXPECT_EQ(latin.literal(Value(std::string("it's \\"))), "'it''s \\\\'");
  EXPECT_EQ(latin.literal(Value()), "NULL");
  EXPECT_EQ(latin.literal(Value(true)), "1");
  EXPECT_EQ(latin.placeholder(3), "?");
  EXPECT_EQ(latin.offline_scratch(), nullptr);
}

}  // namespace
}  // namespace retort::test

namespace retort::test {
namespace {

// What the model has no field for (ON UPDATE, generated columns, a column collation) survives
// MODIFY COLUMN too.
TEST_F(MysqlDdlTest, ModifyKeepsOnUpdateGeneratedAndCollation) {
  conn_->execute(
      "CREATE TABLE t (a INT, dobro INT AS (a * 2) VIRTUAL, mais INT AS (a + 1) STORED, "
      "alterado DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
      "codigo VARCHAR(10) COLLATE utf8mb4_bin NOT NULL)");
  conn_->execute("INSERT INTO t (a, codigo) VALUES (5, 'Ab')");
  auto nullable = [&](const char* col) {
    ops::AlterColumn a;
    a.table = ref("t");
    a.column = col;
    a.nullable = true;
    return run(a)[0].sql;
  };
  EXPECT_EQ(nullable("alterado"),
            "ALTER TABLE `t` MODIFY COLUMN `alterado` DATETIME NULL DEFAULT CURRENT_TIMESTAMP ON "
            "UPDATE CURRENT_TIMESTAMP");
  EXPECT_EQ(nullable("codigo"),
            "ALTER TABLE `t` MODIFY COLUMN `codigo` VARCHAR(10) COLLATE utf8mb4_bin NULL");
  ops::AlterColumn a;
  a.table = ref("t");
  a.column = "dobro";
  a.comment = std::optional<std::string>("a vezes dois");
  EXPECT_EQ(run(a)[0].sql,
            "ALTER TABLE `t` MODIFY COLUMN `dobro` INTEGER GENERATED ALWAYS AS (`a` * 2) VIRTUAL "
            "COMMENT 'a vezes dois'");
  a.column = "mais";
  a.type = type(TypeKind::BigInteger);
  EXPECT_EQ(run(a)[0].sql,
            "ALTER TABLE `t` MODIFY COLUMN `mais` BIGINT GENERATED ALWAYS AS (`a` + 1) STORED "
            "COMMENT 'a vezes dois'");
  conn_->execute("UPDATE t SET a = 6");
  EXPECT_EQ(rows_of(*conn_, "SELECT a, dobro, mais, codigo = 'ab', alterado IS NOT NULL FROM t"),
            std::vector<std::string>{"6|12|7|0|1"});
  // Changing the type to a non-text one drops the collation rather than failing.
  ops::AlterColumn c;
  c.table = ref("t");
  c.column = "codigo";
  c.type = type(TypeKind::Text);
  EXPECT_EQ(run(c)[0].sql, "ALTER TABLE `t` MODIFY COLUMN `codigo` TEXT COLLATE utf8mb4_bin NULL");
  conn_->execute("DELETE FROM t");
  c.type = type(TypeKind::Integer);
  EXPECT_EQ(run(c)[0].sql, "ALTER TABLE `t` MODIFY COLUMN `codigo` INTEGER NULL");
}

TEST_F(MysqlDdlTest, BatchCanAlterAColumnItAdds) {
  run(usuarios());
  ops::BatchAlterTable b{ref("usuarios"), {}};
  Column email = column("email", varchar(100));
  email.comment = "contato";
  b.ops.push_back(ops::AddColumn{ref("usuarios"), email});
  ops::AlterColumn a;
  a.table = ref("usuarios");
  a.column = "email";
  a.type = varchar(255);
  b.ops.push_back(a);
  EXPECT_EQ(run(b)[0].sql,
            "ALTER TABLE `usuarios` ADD COLUMN `email` VARCHAR(100) NULL COMMENT 'contato', MODIFY "
            "COLUMN `email` VARCHAR(255) NULL COMMENT 'contato'");
  EXPECT_EQ(table("usuarios").columns[2].type, varchar(255));
}

}  // namespace
}  // namespace retort::test
