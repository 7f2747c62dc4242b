// The SQLite DDL compiler against real databases: ALTER TABLE where SQLite has it, table rebuilds
// everywhere else, and every rebuild keeps every row, index, trigger, view and foreign key.
#include <gtest/gtest.h>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/sqlite_test_support.hpp"

namespace retort::sqlite {
namespace {

using test::apply;
using test::col;
using test::scalar;
using test::sql_of;
using test::strings;

std::string error_of(Connection& conn, const ops::Op& op) {
  try {
    apply(conn, op);
  } catch (const Error& e) {
    return std::string(to_string(e.kind())) + ": " + e.what();
  }
  return "no error";
}

ServerDefault literal(const std::string& s) {
  return ServerDefault{ServerDefault::Kind::Literal, s};
}

class SqliteDdl : public ::testing::Test {
 protected:
  SqliteConnection conn{":memory:"};
  MetaData inspect() { return test::dialect().inspect(conn, {}); }
  Table table(const std::string& name) {
    auto md = inspect();
    const Table* t = md.find_table("", name);
    EXPECT_TRUE(t) << name;
    return t ? *t : Table{};
  }
  // Everything sqlite_master holds besides the tables' own CREATE TABLE text.
  std::vector<std::string> other_objects() {
    return strings(conn,
                   "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master "
                   "WHERE type <> 'table' ORDER BY type, name");
  }
};

TEST_F(SqliteDdl, CreateTableWithNamedConstraintsAndIndexes) {
  Table t;
  t.name = "usuarios";
  Column id = col("id", TypeKind::Integer, false);
  id.primary_key = true;
  Column email = col("email", TypeKind::String, false);
  email.type.length = 255;
  Column criado = col("criado_em", TypeKind::DateTime);
  criado.server_default = ServerDefault{ServerDefault::Kind::Now, ""};
  Column pais = col("pais_id", TypeKind::Integer);
  t.columns = {id, email, criado, pais};
  t.unique_constraints = {{"uq_usuarios_email", {"email"}}};
  t.foreign_keys = {
      ForeignKey{"fk_usuarios_pais_id_paises", {"pais_id"}, "", "paises", {"id"}, "CASCADE"}};
  t.check_constraints = {{"ck_usuarios_email", "email <> ''"}};
  t.indexes = {Index{"ix_usuarios_criado_em", {{"criado_em", false}}, false, ""}};
  auto view = test::dialect().live_schema(conn);
  auto stmts = sql_of(test::dialect().compile(ops::CreateTable{t}, *view));
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(stmts[0],
            "CREATE TABLE \"usuarios\" (\n"
            "    \"id\" INTEGER NOT NULL,\n"
            "    \"email\" VARCHAR(255) NOT NULL,\n"
            "    \"criado_em\" DATETIME DEFAULT (CURRENT_TIMESTAMP),\n"
            "    \"pais_id\" INTEGER,\n"
            "    CONSTRAINT \"pk_usuarios\" PRIMARY KEY (\"id\"),\n"
            "    CONSTRAINT \"uq_usuarios_email\" UNIQUE (\"email\"),\n"
            "    CONSTRAINT \"fk_usuarios_pais_id_paises\" FOREIGN KEY (\"pais_id\") REFERENCES "
            "\"paises\" (\"id\") "
            "ON DELETE CASCADE,\n"
            "    CONSTRAINT \"ck_usuarios_email\" CHECK (email <> '')\n"
            ")");
  EXPECT_EQ(stmts[1], "CREATE INDEX \"ix_usuarios_criado_em\" ON \"usuarios\" (\"criado_em\")");
  apply(conn, ops::CreateTable{t});
  conn.execute("INSERT INTO usuarios (email) VALUES ('a@b')");
  EXPECT_EQ(scalar(conn, "SELECT id FROM usuarios"), 1);  // rowid alias: the key assigns itself
}

TEST_F(SqliteDdl, UpgradeAndDowngradeOfTheUsuariosExampleKeepRows) {
  // ARCHITECTURE.md's revision: add avatar_url and created_at, then take them away again.
  conn.execute(
      "CREATE TABLE usuarios (id INTEGER PRIMARY KEY, nome VARCHAR(120) NOT NULL);"
      "INSERT INTO usuarios (nome) VALUES ('Ana'), ('Bia')");
  Column created = col("created_at", TypeKind::DateTime);
  created.server_default = ServerDefault{ServerDefault::Kind::Now, ""};
  apply(conn, ops::AddColumn{{"", "usuarios"}, col("avatar_url", TypeKind::String)});
  apply(conn, ops::AddColumn{{"", "usuarios"}, created});
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM usuarios WHERE created_at IS NOT NULL"), 2);
  conn.execute("UPDATE usuarios SET avatar_url = 'a.png' WHERE nome = 'Ana'");
  apply(conn, ops::DropColumn{{"", "usuarios"}, "created_at"});
  apply(conn, ops::DropColumn{{"", "usuarios"}, "avatar_url"});
  auto t = table("usuarios");
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(strings(conn, "SELECT id || nome FROM usuarios ORDER BY id"),
            (std::vector<std::string>{"1Ana", "2Bia"}));
}

TEST_F(SqliteDdl, AddColumnUsesAlterTableWhenSQLiteCan) {
  conn.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, nome TEXT); INSERT INTO t VALUES (1, 'a'), (2, "
      "'b')");
  Column ativo = col("ativo", TypeKind::Boolean, false);
  ativo.server_default = ServerDefault{ServerDefault::Kind::Expression, "1"};
  auto stmts = apply(conn, ops::AddColumn{{"", "t"}, ativo});
  EXPECT_EQ(sql_of(stmts),
            (std::vector<std::string>{
                "ALTER TABLE \"t\" ADD COLUMN \"ativo\" BOOLEAN NOT NULL DEFAULT 1"}));
  EXPECT_EQ(scalar(conn, "SELECT sum(ativo) FROM t"), 2);
}

TEST_F(SqliteDdl, AddColumnWithCurrentTimestampRebuildsAndKeepsRows) {
  conn.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, nome TEXT); INSERT INTO t VALUES (1, 'a'), (2, "
      "'b')");
  Column criado = col("criado_em", TypeKind::DateTime, false);
  criado.server_default = ServerDefault{ServerDefault::Kind::Now, ""};
  auto stmts = apply(conn, ops::AddColumn{{"", "t"}, criado});
  EXPECT_EQ(stmts[0].sql.rfind("CREATE TABLE \"_retort_tmp_t\"", 0), 0u);
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t WHERE criado_em IS NOT NULL"), 2);
  EXPECT_EQ(strings(conn, "SELECT nome FROM t ORDER BY id"), (std::vector<std::string>{"a", "b"}));
}

TEST_F(SqliteDdl, AddNotNullColumnWithoutDefaultFailsOnRowsAndRollsBack) {
  conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1)");
  auto err = error_of(conn, ops::AddColumn{{"", "t"}, col("x", TypeKind::Integer, false)});
  EXPECT_NE(err.find("NOT NULL constraint failed: _retort_tmp_t.x"), std::string::npos) << err;
  EXPECT_EQ(table("t").columns.size(), 1u);
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t"), 1);
}

TEST_F(SqliteDdl, RebuildKeepsRowsIndexesTriggersViewsAndForeignKeys) {
  conn.execute(R"sql(
    CREATE TABLE paises (id INTEGER PRIMARY KEY, nome TEXT);
    CREATE TABLE usuarios (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email VARCHAR(255) NOT NULL,
      nome VARCHAR(120),
      pais_id INTEGER,
      CONSTRAINT uq_usuarios_email UNIQUE (email),
      CONSTRAINT fk_usuarios_pais_id_paises FOREIGN KEY (pais_id) REFERENCES paises (id) ON DELETE CASCADE,
      CONSTRAINT ck_usuarios_email CHECK (email LIKE '%@%'));
    CREATE TABLE pedidos (id INTEGER PRIMARY KEY,
      usuario_id INTEGER CONSTRAINT fk_pedidos_usuario_id_usuarios REFERENCES usuarios (id));
    CREATE TABLE log (msg TEXT);
    CREATE INDEX ix_usuarios_nome ON usuarios (nome);
    CREATE UNIQUE INDEX ix_usuarios_lower_email ON usuarios (lower(email)) WHERE nome IS NOT NULL;
    CREATE TRIGGER tr_usuarios_ins AFTER INSERT ON usuarios BEGIN INSERT INTO log VALUES ('ins ' || new.email); END;
    CREATE TRIGGER tr_pedidos_ins AFTER INSERT ON pedidos BEGIN
      UPDATE usuarios SET nome = nome WHERE id = new.usuario_id; END;
    CREATE VIEW v_usuarios AS SELECT id, email FROM usuarios;
    CREATE VIEW v_emails AS SELECT email FROM v_usuarios;
    CREATE VIEW v_paises AS SELECT * FROM paises;
    INSERT INTO paises VALUES (1, 'BR'), (2, 'PT');
    INSERT INTO usuarios (email, nome, pais_id) VALUES ('a@x', 'Ana', 1), ('b@x', 'Bia', 2), ('c@x', NULL, 1);
    INSERT INTO pedidos VALUES (10, 1), (11, 3);
  )sql");
  auto objects_before = other_objects();
  auto before = inspect();
  auto rows_before = strings(
      conn, "SELECT id || email || coalesce(nome, '-') || pais_id FROM usuarios ORDER BY id");

  ops::AlterColumn alter;
  alter.table = {"", "usuarios"};
  alter.column = "nome";
  alter.server_default = std::optional<ServerDefault>(literal("sem nome"));
  auto stmts = sql_of(apply(conn, alter));
  EXPECT_EQ(stmts, (std::vector<std::string>{
                       "DROP VIEW \"v_emails\"",
                       "DROP VIEW \"v_usuarios\"",
                       "DROP TRIGGER \"tr_pedidos_ins\"",
                       "DROP TRIGGER \"tr_usuarios_ins\"",
                       "CREATE TABLE \"_retort_tmp_usuarios\" (\n"
                       "    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
                       "    \"email\" VARCHAR(255) NOT NULL,\n"
                       "    \"nome\" VARCHAR(120) DEFAULT 'sem nome',\n"
                       "    \"pais_id\" INTEGER,\n"
                       "    CONSTRAINT \"uq_usuarios_email\" UNIQUE (\"email\"),\n"
                       "    CONSTRAINT \"fk_usuarios_pais_id_paises\" FOREIGN KEY (\"pais_id\") "
                       "REFERENCES \"paises\" "
                       "(\"id\") ON DELETE CASCADE,\n"
                       "    CONSTRAINT \"ck_usuarios_email\" CHECK (email LIKE '%@%')\n"
                       ")",
                       "INSERT INTO \"_retort_tmp_usuarios\" (\"id\", \"email\", \"nome\", "
                       "\"pais_id\") SELECT \"id\", "
                       "\"email\", \"nome\", \"pais_id\" FROM \"usuarios\"",
                       "DELETE FROM \"sqlite_sequence\" WHERE name = ?",
                       "INSERT INTO \"sqlite_sequence\" (name, seq) SELECT ?, seq FROM "
                       "\"sqlite_sequence\" WHERE name = ?",
                       "DROP TABLE \"usuarios\"",
                       "ALTER TABLE \"_retort_tmp_usuarios\" RENAME TO \"usuarios\"",
                       "CREATE INDEX ix_usuarios_nome ON usuarios (nome)",
                       "CREATE UNIQUE INDEX ix_usuarios_lower_email ON usuarios (lower(email)) "
                       "WHERE nome IS NOT NULL",
                       "CREATE TRIGGER tr_usuarios_ins AFTER INSERT ON usuarios BEGIN INSERT INTO "
                       "log VALUES ('ins ' || "
                       "new.email); END",
                       "CREATE TRIGGER tr_pedidos_ins AFTER INSERT ON pedidos BEGIN\n"
                       "      UPDATE usuarios SET nome = nome WHERE id = new.usuario_id; END",
                       "CREATE VIEW v_usuarios AS SELECT id, email FROM usuarios",
                       "CREATE VIEW v_emails AS SELECT email FROM v_usuarios",
                       "PRAGMA foreign_key_check(\"usuarios\")",
                       "PRAGMA foreign_key_check(\"pedidos\")",
                   }));
  // Every row and object is back; untouched indexes, triggers and views as they were written.
  EXPECT_EQ(
      strings(conn,
              "SELECT id || email || coalesce(nome, '-') || pais_id FROM usuarios ORDER BY id"),
      rows_before);
  EXPECT_EQ(other_objects(), objects_before);
  auto after = inspect();
  Table expected = *before.find_table("", "usuarios");
  expected.find_column("nome")->server_default = literal("sem nome");
  EXPECT_EQ(*after.find_table("", "usuarios"), expected);
  EXPECT_EQ(*after.find_table("", "pedidos"), *before.find_table("", "pedidos"));
  // The triggers and the AUTOINCREMENT work on the new table.
  conn.execute("INSERT INTO usuarios (email) VALUES ('d@x')");
  EXPECT_EQ(scalar(conn, "SELECT id FROM usuarios WHERE email = 'd@x'"), 4);
  EXPECT_EQ(strings(conn, "SELECT nome FROM usuarios WHERE email = 'd@x'"),
            (std::vector<std::string>{"sem nome"}));
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM log"), 3 + 1);  // 3 from the setup
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM v_emails"), 4);
}

TEST_F(SqliteDdl, RebuildKeepsEveryValueExactly) {
  conn.execute(R"sql(
    CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, x);
    WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 2000)
    INSERT INTO v (i, r, t, b, n, x)
      SELECT CASE WHEN n % 7 = 0 THEN NULL ELSE n * 1000003 END, n / 3.0, 'it''s "' || n || char(10),
             randomblob(n % 17), n * 0.25, CASE n % 3 WHEN 0 THEN 'txt' WHEN 1 THEN n ELSE x'00ff' END
      FROM k;
    DELETE FROM v WHERE id % 11 = 0;
  )sql");
  const std::string digest =
      "SELECT group_concat(quote(id) || quote(i) || quote(r) || quote(t) || quote(b) || quote(n) "
      "|| quote(x), '|') "
      "FROM (SELECT * FROM v ORDER BY id)";
  auto before = strings(conn, digest);
  ops::AlterColumn narrow;  // VARCHAR(5) does not truncate in SQLite: TEXT affinity either way
  narrow.table = {"", "v"};
  narrow.column = "t";
  narrow.type = test::string_type(5);
  apply(conn, narrow);
  ops::AlterColumn rename;
  rename.table = {"", "v"};
  rename.column = "x";
  rename.new_column_name = "y";
  rename.nullable = true;
  rename.server_default = std::optional<ServerDefault>(literal("d"));
  apply(conn, rename);
  conn.execute("ALTER TABLE v RENAME COLUMN y TO x");
  EXPECT_EQ(strings(conn, digest), before);
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM v"), 2000 - 181);
  // Retyping TEXT to INTEGER converts only what converts losslessly.
  conn.execute("CREATE TABLE w (s TEXT); INSERT INTO w VALUES ('12'), ('abc'), ('1.5'), (NULL)");
  ops::AlterColumn to_int;
  to_int.table = {"", "w"};
  to_int.column = "s";
  to_int.type = Type{TypeKind::Integer};
  apply(conn, to_int);
  EXPECT_EQ(strings(conn, "SELECT quote(s) FROM w ORDER BY rowid"),
            (std::vector<std::string>{"12", "'abc'", "1.5", "NULL"}));
}

TEST_F(SqliteDdl, RebuildKeepsRowidsOfTablesWithoutAnIntegerKey) {
  conn.execute(
      "CREATE TABLE n (nome TEXT, CONSTRAINT pk_n PRIMARY KEY (nome)); CREATE TABLE m (a TEXT);"
      "INSERT INTO n VALUES ('a'), ('b'), ('c'); DELETE FROM n WHERE nome = 'b';"
      "INSERT INTO m VALUES ('x'), ('y'), ('z'); DELETE FROM m WHERE a = 'x'");
  ops::AlterColumn a;
  a.table = {"", "n"};
  a.column = "nome";
  a.type = test::string_type(10);
  a.nullable = false;
  auto stmts = sql_of(apply(conn, a));
  ASSERT_EQ(stmts.size(), 5u);
  EXPECT_EQ(stmts[1],
            "INSERT INTO \"_retort_tmp_n\" (rowid, \"nome\") SELECT rowid, \"nome\" FROM \"n\"");
  EXPECT_EQ(strings(conn, "SELECT rowid || nome FROM n ORDER BY rowid"),
            (std::vector<std::string>{"1a", "3c"}));
  a.table = {"", "m"};
  a.column = "a";
  apply(conn, a);
  EXPECT_EQ(strings(conn, "SELECT rowid || a FROM m ORDER BY rowid"),
            (std::vector<std::string>{"2y", "3z"}));
}

TEST_F(SqliteDdl, AlterNullableTypeDefaultAndRename) {
  conn.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, qtd TEXT, nome VARCHAR(10));"
      "INSERT INTO t VALUES (1, '12', 'a'), (2, '3', NULL)");
  // Rename alone: ALTER TABLE RENAME COLUMN.
  ops::AlterColumn rename;
  rename.table = {"", "t"};
  rename.column = "nome";
  rename.new_column_name = "apelido";
  EXPECT_EQ(sql_of(apply(conn, rename)),
            (std::vector<std::string>{"ALTER TABLE \"t\" RENAME COLUMN \"nome\" TO \"apelido\""}));
  // Type: the new INTEGER affinity converts '12' to 12 on the copy.
  ops::AlterColumn type;
  type.table = {"", "t"};
  type.column = "qtd";
  type.type = Type{TypeKind::Integer};
  apply(conn, type);
  EXPECT_EQ(table("t").find_column("qtd")->type.kind, TypeKind::Integer);
  EXPECT_EQ(strings(conn, "SELECT typeof(qtd) FROM t ORDER BY id"),
            (std::vector<std::string>{"integer", "integer"}));
  EXPECT_EQ(scalar(conn, "SELECT sum(qtd) FROM t"), 15);
  // Nullable false with a NULL present: refused, nothing changes.
  ops::AlterColumn not_null;
  not_null.table = {"", "t"};
  not_null.column = "apelido";
  not_null.nullable = false;
  auto err = error_of(conn, not_null);
  EXPECT_NE(err.find("NOT NULL constraint failed"), std::string::npos) << err;
  EXPECT_TRUE(table("t").find_column("apelido")->nullable);
  conn.execute("UPDATE t SET apelido = 'b' WHERE apelido IS NULL");
  apply(conn, not_null);
  EXPECT_FALSE(table("t").find_column("apelido")->nullable);
  // Rename and retype together: one rebuild, values follow the rename.
  ops::AlterColumn both;
  both.table = {"", "t"};
  both.column = "apelido";
  both.new_column_name = "nome";
  both.type = test::string_type(50);
  both.server_default = std::optional<ServerDefault>();
  apply(conn, both);
  EXPECT_EQ(strings(conn, "SELECT nome FROM t ORDER BY id"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(table("t").find_column("nome")->type, test::string_type(50));
  // Nothing to change: no statements at all.
  ops::AlterColumn same;
  same.table = {"", "t"};
  same.column = "nome";
  same.nullable = false;
  EXPECT_TRUE(apply(conn, same).empty());
}

TEST_F(SqliteDdl, RenameWithTypeChangeKeepsOtherTablesForeignKeys) {
  conn.execute(
      "CREATE TABLE p (codigo TEXT NOT NULL, CONSTRAINT uq_p_codigo UNIQUE (codigo));"
      "CREATE TABLE c (id INTEGER PRIMARY KEY, p_codigo TEXT REFERENCES p (codigo));"
      "CREATE VIEW v_p AS SELECT codigo FROM p;"
      "INSERT INTO p VALUES ('a'); INSERT INTO c VALUES (1, 'a')");
  ops::AlterColumn a;
  a.table = {"", "p"};
  a.column = "codigo";
  a.new_column_name = "code";
  a.type = test::string_type(10);
  auto stmts = sql_of(apply(conn, a));
  EXPECT_EQ(stmts.back(), "ALTER TABLE \"p\" RENAME COLUMN \"codigo\" TO \"code\"");
  auto c = table("c");
  ASSERT_EQ(c.foreign_keys.size(), 1u);
  EXPECT_EQ(c.foreign_keys[0].referred_columns, (std::vector<std::string>{"code"}));
  EXPECT_EQ(table("p").find_column("code")->type, test::string_type(10));
  EXPECT_EQ(strings(conn, "SELECT code FROM v_p"), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(conn.query("PRAGMA foreign_key_check").rows.empty());
}

TEST_F(SqliteDdl, DropColumnWithIndexDropsTheIndex) {
  conn.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX ix_t_a ON t (a);"
      "CREATE INDEX ix_t_b ON t (b); INSERT INTO t VALUES (1, 'x', 'y')");
  auto stmts = sql_of(apply(conn, ops::DropColumn{{"", "t"}, "a"}));
  EXPECT_EQ(stmts, (std::vector<std::string>{"DROP INDEX \"ix_t_a\"",
                                             "ALTER TABLE \"t\" DROP COLUMN \"a\""}));
  auto t = table("t");
  EXPECT_EQ(t.columns.size(), 2u);
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "ix_t_b");
}

TEST_F(SqliteDdl, DropColumnInAConstraintRebuildsWithoutIt) {
  conn.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, CONSTRAINT uq_t_a UNIQUE (a),"
      " CONSTRAINT ck_t_a CHECK (a <> ''), CONSTRAINT uq_t_b UNIQUE (b));"
      "INSERT INTO t VALUES (1, 'x', 'y'), (2, 'z', 'w')");
  auto stmts = apply(conn, ops::DropColumn{{"", "t"}, "a"});
  EXPECT_EQ(stmts[0].sql,
            "CREATE TABLE \"_retort_tmp_t\" (\n"
            "    \"id\" INTEGER NOT NULL,\n"
            "    \"b\" TEXT,\n"
            "    PRIMARY KEY (\"id\"),\n"
            "    CONSTRAINT \"uq_t_b\" UNIQUE (\"b\")\n"
            ")");
  EXPECT_EQ(strings(conn, "SELECT b FROM t ORDER BY id"), (std::vector<std::string>{"y", "w"}));
  auto t = table("t");
  EXPECT_TRUE(t.check_constraints.empty());
  EXPECT_EQ(t.unique_constraints, (std::vector<UniqueConstraint>{{"uq_t_b", {"b"}}}));
}

TEST_F(SqliteDdl, ForeignKeyViolationAfterRebuildIsAnErrorAndRollsBack) {
  conn.execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id "
      "INTEGER);"
      "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1), (2, 7)");
  auto err = error_of(
      conn, ops::CreateForeignKey{{"", "c"}, ForeignKey{"fk_c_p_id_p", {"p_id"}, "", "p", {"id"}}});
  EXPECT_EQ(err,
            "database: foreign key violation in table c: row 2 references a missing row of p "
            "(found by PRAGMA "
            "foreign_key_check after the change; fix the data or the migration)");
  EXPECT_TRUE(table("c").foreign_keys.empty());
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM c"), 2);
  conn.execute("DELETE FROM c WHERE id = 2");
  apply(conn,
        ops::CreateForeignKey{{"", "c"}, ForeignKey{"fk_c_p_id_p", {"p_id"}, "", "p", {"id"}}});
  ASSERT_EQ(table("c").foreign_keys.size(), 1u);
  EXPECT_EQ(table("c").foreign_keys[0].name, "fk_c_p_id_p");
}

TEST_F(SqliteDdl, ConstraintNamesSurviveRebuildsSoDowngradeCanDropThem) {
  conn.execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT,"
      " p_id INTEGER, n INTEGER); INSERT INTO p VALUES (1); INSERT INTO t VALUES (1, 'a', 1, 5)");
  apply(conn, ops::CreateUniqueConstraint{{"", "t"}, {"uq_t_email", {"email"}}});
  apply(conn, ops::CreateCheckConstraint{{"", "t"}, {"ck_t_n_positive", "n > 0"}});
  apply(conn,
        ops::CreateForeignKey{{"", "t"}, ForeignKey{"fk_t_p_id_p", {"p_id"}, "", "p", {"id"}}});
  // An unrelated rebuild in between.
  ops::AlterColumn alter;
  alter.table = {"", "t"};
  alter.column = "n";
  alter.type = Type{TypeKind::BigInteger};
  apply(conn, alter);
  auto t = table("t");
  EXPECT_EQ(t.unique_constraints, (std::vector<UniqueConstraint>{{"uq_t_email", {"email"}}}));
  EXPECT_EQ(t.check_constraints, (std::vector<CheckConstraint>{{"ck_t_n_positive", "n > 0"}}));
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].name, "fk_t_p_id_p");
  // Downgrade, in reverse.
  apply(conn, ops::DropConstraint{{"", "t"}, "fk_t_p_id_p", "foreignkey"});
  apply(conn, ops::DropConstraint{{"", "t"}, "ck_t_n_positive", "check"});
  apply(conn, ops::DropConstraint{{"", "t"}, "uq_t_email", ""});
  t = table("t");
  EXPECT_TRUE(t.foreign_keys.empty());
  EXPECT_TRUE(t.check_constraints.empty());
  EXPECT_TRUE(t.unique_constraints.empty());
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t"), 1);
}

TEST_F(SqliteDdl, UnnamedConstraintsAnswerToTheirConventionalNames) {
  conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE)");
  apply(conn, ops::DropConstraint{{"", "t"}, "uq_t_email", "unique"});
  EXPECT_TRUE(table("t").unique_constraints.empty());
  conn.execute("INSERT INTO t VALUES (1, 'a'), (2, 'a')");
}

TEST_F(SqliteDdl, PrimaryKeyCanBeDroppedAndCreated) {
  conn.execute(
      "CREATE TABLE t (a INTEGER NOT NULL, b INTEGER NOT NULL); INSERT INTO t VALUES (1, 2)");
  apply(conn, ops::CreatePrimaryKey{{"", "t"}, {"pk_t", {"a", "b"}}});
  EXPECT_EQ(table("t").primary_key, (PrimaryKey{"pk_t", {"a", "b"}}));
  EXPECT_NE(
      error_of(conn, ops::Execute{"INSERT INTO t VALUES (1, 2)"}).find("UNIQUE constraint failed"),
      std::string::npos);
  apply(conn, ops::DropConstraint{{"", "t"}, "pk_t", "primary"});
  EXPECT_FALSE(table("t").primary_key);
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t"), 1);
}

TEST_F(SqliteDdl, BatchAlterTableIsOneRebuild) {
  conn.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT); CREATE INDEX ix_t_b ON t "
      "(b);"
      "INSERT INTO t VALUES (1, 'a1', 'b1', 'c1'), (2, 'a2', 'b2', 'c2')");
  ops::AlterColumn rename;
  rename.table = {"", "t"};
  rename.column = "b";
  rename.new_column_name = "bb";
  rename.nullable = false;
  Column d = col("d", TypeKind::Integer, false);
  d.server_default = ServerDefault{ServerDefault::Kind::Expression, "0"};
  ops::BatchAlterTable batch{
      {"", "t"},
      {ops::DropColumn{{"", "t"}, "a"}, rename, ops::AddColumn{{"", "t"}, d},
       ops::CreateIndex{{"", "t"}, Index{"ix_t_c", {{"c", false}}, true, ""}},
       ops::CreateCheckConstraint{{"", "t"}, {"ck_t_bb", "bb <> ''"}}}};
  auto stmts = sql_of(apply(conn, batch));
  EXPECT_EQ(std::count_if(stmts.begin(), stmts.end(),
                          [](const std::string& s) { return s.rfind("CREATE TABLE", 0) == 0; }),
            1);
  EXPECT_EQ(strings(conn, "SELECT bb || c || d FROM t ORDER BY id"),
            (std::vector<std::string>{"b1c10", "b2c20"}));
  auto t = table("t");
  ASSERT_EQ(t.indexes.size(), 2u);
  EXPECT_EQ(t.indexes[0], (Index{"ix_t_b", {{"bb", false}}, false, ""}));
  EXPECT_EQ(t.indexes[1], (Index{"ix_t_c", {{"c", false}}, true, ""}));
  EXPECT_EQ(t.check_constraints, (std::vector<CheckConstraint>{{"ck_t_bb", "bb <> ''"}}));
  EXPECT_FALSE(t.find_column("a"));
}

TEST_F(SqliteDdl, InvalidOpsAreScriptErrors) {
  conn.execute("CREATE TABLE usuarios (id INTEGER PRIMARY KEY, nome TEXT)");
  ops::AlterColumn alter;
  alter.table = {"", "usuarios"};
  alter.column = "foo";
  alter.nullable = false;
  EXPECT_EQ(error_of(conn, alter), "script: alter_column: table usuarios has no column foo");
  alter.table = {"", "nada"};
  EXPECT_EQ(error_of(conn, alter), "script: alter_column: no such table nada");
  EXPECT_EQ(error_of(conn, ops::CreateForeignKey{{"", "nada"},
                                                 ForeignKey{"fk", {"x"}, "", "usuarios", {"id"}}}),
            "script: create_foreign_key: no such table nada");
  EXPECT_EQ(error_of(conn, ops::CreateForeignKey{{"", "usuarios"},
                                                 ForeignKey{"fk", {"nome"}, "", "nada", {"id"}}}),
            "script: create_foreign_key: referred table nada does not exist");
  EXPECT_EQ(error_of(conn, ops::DropColumn{{"", "usuarios"}, "foo"}),
            "script: drop_column: table usuarios has no column foo");
  EXPECT_EQ(error_of(conn, ops::DropConstraint{{"", "usuarios"}, "uq_x", "unique"}),
            "script: drop_constraint: table usuarios has no unique constraint named uq_x");
  EXPECT_EQ(error_of(conn, ops::CreatePrimaryKey{{"", "usuarios"}, {"pk2", {"nome"}}}),
            "script: create_primary_key: table usuarios already has a primary key; drop it first");
}

TEST_F(SqliteDdl, SimpleOpsAndData) {
  conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, nome TEXT)");
  ops::BulkInsert insert{
      {"", "t"},
      {"id", "nome"},
      {{Value(std::int64_t{1}), Value(std::string("a'b"))}, {Value(std::int64_t{2}), Value()}}};
  auto stmts = apply(conn, insert);
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(stmts[0].sql, "INSERT INTO \"t\" (\"id\", \"nome\") VALUES (?, ?)");
  EXPECT_EQ(strings(conn, "SELECT nome FROM t ORDER BY id"),
            (std::vector<std::string>{"a'b", "NULL"}));
  apply(conn, ops::Execute{"UPDATE t SET nome = 'x' WHERE id = 2; INSERT INTO t VALUES (3, 'y');"});
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM t WHERE nome IS NOT NULL"), 3);
  apply(conn, ops::CreateIndex{
                  {"", "t"}, Index{"ix_t_nome", {{"nome", false}}, false, "nome <> ''"}, true});
  EXPECT_EQ(table("t").indexes.size(), 1u);
  apply(conn, ops::DropIndex{{"", "t"}, "ix_t_nome"});
  EXPECT_TRUE(table("t").indexes.empty());
  apply(conn, ops::RenameTable{{"", "t"}, "u"});
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM u"), 3);
  apply(conn, ops::DropTable{{"", "u"}});
  EXPECT_TRUE(inspect().tables.empty());
}

TEST_F(SqliteDdl, RebuildKeepsTableOptionsAndTheAutoincrementCounter) {
  conn.execute(
      "CREATE TABLE k (code TEXT NOT NULL PRIMARY KEY, n INTEGER) WITHOUT ROWID;"
      "CREATE TABLE s (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT) STRICT;"
      "INSERT INTO k VALUES ('a', 1); INSERT INTO s (v) VALUES ('x'), ('y'), ('z'); DELETE FROM s "
      "WHERE id = 3");
  ops::AlterColumn a = {};
  a.table = {"", "k"};
  a.column = "n";
  a.nullable = false;
  auto stmts = apply(conn, a);
  EXPECT_EQ(stmts[0].sql.substr(stmts[0].sql.size() - 15), ") WITHOUT ROWID");
  EXPECT_EQ(strings(conn, "SELECT sql FROM sqlite_master WHERE name = 'k'")[0].find(
                "WITHOUT ROWID") != std::string::npos,
            true);
  a.table = {"", "s"};
  a.column = "v";
  apply(conn, a);
  EXPECT_NE(strings(conn, "SELECT sql FROM sqlite_master WHERE name = 's'")[0].find(") STRICT"),
            std::string::npos);
  conn.execute("INSERT INTO s (v) VALUES ('w')");
  EXPECT_EQ(scalar(conn, "SELECT max(id) FROM s"), 4);  // 3 was used once: never again
  EXPECT_EQ(scalar(conn, "SELECT count(*) FROM sqlite_sequence"), 1);
}

TEST_F(SqliteDdl, RebuildKeepsColumnCollations) {
  conn.execute(
      "CREATE TABLE c (email TEXT COLLATE NOCASE NOT NULL, n INTEGER, CONSTRAINT uq_c_email UNIQUE "
      "(email));"
      "INSERT INTO c VALUES ('A@x', 1)");
  ops::BatchAlterTable batch{{"", "c"}, {}};
  ops::AlterColumn rename;
  rename.table = {"", "c"};
  rename.column = "email";
  rename.new_column_name = "mail";
  ops::AlterColumn n;
  n.table = {"", "c"};
  n.column = "n";
  n.nullable = false;
  batch.ops = {rename, n};
  auto stmts = apply(conn, batch);
  EXPECT_NE(stmts[0].sql.find("\"mail\" TEXT NOT NULL COLLATE \"NOCASE\""), std::string::npos)
      << stmts[0].sql;
  EXPECT_NE(error_of(conn, ops::Execute{"INSERT INTO c VALUES ('a@X', 2)"})
                .find("UNIQUE constraint failed"),
            std::string::npos);
}

// A rebuild keeps generated columns generated (the model carries them) and copies only the
// stored data: the generated values are computed again in the new table.
TEST_F(SqliteDdl, RebuildKeepsGeneratedColumns) {
  conn.execute(
      "CREATE TABLE g (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) STORED, "
      "c INTEGER AS (a + 1))");
  conn.execute("INSERT INTO g (a) VALUES (1), (5)");
  Table before = table("g");
  ASSERT_TRUE(before.columns[1].computed);
  EXPECT_EQ(before.columns[1].computed->sqltext, "a * 2");
  EXPECT_EQ(before.columns[1].computed->persisted, true);
  ASSERT_TRUE(before.columns[2].computed);
  EXPECT_EQ(before.columns[2].computed->sqltext, "a + 1");
  EXPECT_EQ(before.columns[2].computed->persisted, false);
  ops::AlterColumn a;
  a.table = {"", "g"};
  a.column = "a";
  a.nullable = false;
  apply(conn, a);
  EXPECT_EQ(strings(conn, "SELECT a || ' ' || b || ' ' || c FROM g ORDER BY a"),
            (std::vector<std::string>{"1 2 2", "5 10 6"}));
  Table after = table("g");
  EXPECT_FALSE(after.columns[0].nullable);
  EXPECT_EQ(after.columns[1].computed, before.columns[1].computed);
  EXPECT_EQ(after.columns[2].computed, before.columns[2].computed);
  // SQLite cannot ADD a STORED generated column: the table is rebuilt with it.
  Column d = col("d", TypeKind::Integer);
  d.computed = Computed{"a * 10", true};
  apply(conn, ops::AddColumn{{"", "g"}, d});
  EXPECT_EQ(strings(conn, "SELECT CAST(d AS TEXT) FROM g ORDER BY a"),
            (std::vector<std::string>{"10", "50"}));
  EXPECT_EQ(table("g").columns[3].computed, (Computed{"a * 10", true}));
}

TEST_F(SqliteDdl, OfflineScratchSeesEarlierOps) {
  // The runtime's offline (--sql) run: compile against the scratch, execute there, print.
  auto scratch = test::dialect().offline_scratch();
  auto view = test::dialect().live_schema(*scratch);
  Table t;
  t.name = "t";
  Column id = col("id", TypeKind::Integer, false);
  id.primary_key = true;
  t.columns = {id, col("a", TypeKind::Text)};
  std::vector<std::string> printed;
  for (const ops::Op& op : std::vector<ops::Op>{
           ops::CreateTable{t},
           ops::CreateUniqueConstraint{{"", "t"}, {"uq_t_a", {"a"}}},
           ops::DropConstraint{{"", "t"}, "uq_t_a", "unique"},
       }) {
    for (const auto& s : test::dialect().compile(op, *view)) {
      scratch->execute(s.sql, s.params);
      printed.push_back(s.sql);
    }
  }
  EXPECT_EQ(printed.size(), 1u + 5u + 5u);
  EXPECT_TRUE(test::dialect().inspect(*scratch, {}).tables[0].unique_constraints.empty());
}

}  // namespace
}  // namespace retort::sqlite
