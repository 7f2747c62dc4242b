// Keeps tests/ddl/mysql/*.test in step with the compiler: every case there has its op built
// here in C++ (what the Lua in the case produces, constraint names from the default naming
// convention), compiled against the case's setup on a fresh database, compared with the
// expected SQL, and executed, so the expected SQL is also known to run on MariaDB.
// (The integrator's runner checks the same files through the Lua bridge.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "dialect/mysql/mysql_test_support.hpp"

namespace retort::test {
namespace {

struct Case {
  std::string file, name, setup, sql;
};

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \n\t"), e = s.find_last_not_of(" \n\t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::filesystem::path dir = std::filesystem::path(RETORT_SOURCE_DIR) / "tests/ddl/mysql";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line, section;
    while (std::getline(in, line)) {
      if (line.rfind("### ", 0) == 0) {
        cases.push_back({f.filename().string(), line.substr(4), "", ""});
        section.clear();
      } else if (line.rfind("-- ", 0) == 0 && !cases.empty() &&
                 (line == "-- setup" || line == "-- lua" || line == "-- sql")) {
        section = line.substr(3);
      } else if (!cases.empty()) {
        if (section == "setup") cases.back().setup += line + "\n";
        if (section == "sql") cases.back().sql += line + "\n";
      }
    }
  }
  for (auto& c : cases) {
    c.setup = trim(c.setup);
    c.sql = trim(c.sql);
  }
  return cases;
}

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
Column pk(std::string name, Type t) {
  Column c = column(std::move(name), std::move(t), false);
  c.primary_key = true;
  return c;
}
ops::TableRef ref(std::string name) { return {"", std::move(name)}; }
ServerDefault lit(std::string s) { return {ServerDefault::Kind::Literal, std::move(s)}; }
ServerDefault now() { return {ServerDefault::Kind::Now, ""}; }

ops::AlterColumn alter(std::string table, std::string col) {
  ops::AlterColumn a;
  a.table = ref(std::move(table));
  a.column = std::move(col);
  return a;
}

// Case name -> the op its Lua builds.
std::map<std::string, std::function<ops::Op()>> builders() {
  std::map<std::string, std::function<ops::Op()>> b;
  b["create a table with a primary key, a unique column, an index and a server default"] = [] {
    Table t;
    t.name = "usuarios";
    t.columns = {pk("id", type(TypeKind::Integer)), column("email", varchar(255), false),
                 column("nome", varchar(120)), column("criado_em", type(TypeKind::DateTime))};
    t.columns[3].server_default = now();
    t.primary_key = PrimaryKey{"pk_usuarios", {"id"}};
    t.unique_constraints = {{"uq_usuarios_email", {"email"}}};
    t.indexes = {Index{"ix_usuarios_nome", {{"nome", false}}, false, ""}};
    return ops::CreateTable{t};
  };
  b["create a table with a foreign key, an enum, a check and comments"] = [] {
    Table t;
    t.name = "pedidos";
    Type st = type(TypeKind::Enum);
    st.enum_values = {"novo", "pago"};
    Type num = type(TypeKind::Numeric);
    num.precision = 10;
    num.scale = 2;
    t.columns = {pk("id", type(TypeKind::BigInteger)),
                 column("usuario_id", type(TypeKind::Integer), false), column("status", st, false),
                 column("total", num, false)};
    t.columns[2].server_default = lit("novo");
    t.columns[3].comment = "em reais";
    t.primary_key = PrimaryKey{"pk_pedidos", {"id"}};
    t.foreign_keys = {ForeignKey{"fk_pedidos_usuario_id_usuarios",
                                 {"usuario_id"},
                                 "",
                                 "usuarios",
                                 {"id"},
                                 "CASCADE",
                                 "",
                                 std::nullopt,
                                 ""}};
    t.check_constraints = {{"ck_pedidos_total", "total >= 0"}};
    t.comment = "pedidos da loja";
    return ops::CreateTable{t};
  };
  b["create a table with a composite primary key and generic types"] = [] {
    Table t;
    t.name = "eventos";
    t.columns = {pk("dia", type(TypeKind::Date)),
                 pk("seq", type(TypeKind::Integer)),
                 column("hora", type(TypeKind::Time)),
                 column("dados", type(TypeKind::JSON)),
                 column("chave", type(TypeKind::Uuid)),
                 column("ok", type(TypeKind::Boolean), false),
                 column("nota", type(TypeKind::Text)),
                 column("peso", type(TypeKind::Float)),
                 column("foto", type(TypeKind::LargeBinary)),
                 column("n", type(TypeKind::SmallInteger))};
    t.columns[5].server_default = ServerDefault{ServerDefault::Kind::Expression, "0"};
    t.primary_key = PrimaryKey{"pk_eventos", {"dia", "seq"}};
    return ops::CreateTable{t};
  };
  b["drop a table"] = [] { return ops::DropTable{ref("usuarios"), false, std::nullopt}; };
  b["rename a table"] = [] { return ops::RenameTable{ref("usuarios"), "clientes"}; };
  b["add a nullable column"] = [] {
    return ops::AddColumn{ref("usuarios"), column("avatar_url", varchar(255))};
  };
  b["add a not null column with a server default and a comment"] = [] {
    Column c = column("ativo", type(TypeKind::Boolean), false);
    c.server_default = lit("1");
    c.comment = "pode entrar";
    return ops::AddColumn{ref("usuarios"), c};
  };
  b["drop a column"] = [] { return ops::DropColumn{ref("usuarios"), "nome", false, std::nullopt}; };
  b["make a column nullable: MODIFY restates type, default and comment read from the database"] =
      [] {
        auto a = alter("usuarios", "nome");
        a.nullable = true;
        return a;
      };
  b["change a column type"] = [] {
    auto a = alter("usuarios", "nome");
    a.type = varchar(200);
    a.existing_type = varchar(120);
    a.existing_nullable = false;
    return a;
  };
  b["rename a column with CHANGE"] = [] {
    auto a = alter("usuarios", "nome");
    a.new_column_name = "nome_completo";
    return a;
  };
  b["change the type of an auto-increment primary key keeps AUTO_INCREMENT"] = [] {
    auto a = alter("usuarios", "id");
    a.type = type(TypeKind::BigInteger);
    return a;
  };
  b["change a column comment"] = [] {
    auto a = alter("usuarios", "nome");
    a.comment = std::optional<std::string>("nome do usuário");
    return a;
  };
  b["set a server default"] = [] {
    auto a = alter("usuarios", "criado_em");
    a.server_default = std::optional<ServerDefault>(now());
    return a;
  };
  b["drop a server default"] = [] {
    auto a = alter("usuarios", "nome");
    a.server_default = std::optional<ServerDefault>();
    return a;
  };
  b["create an index over two columns"] = [] {
    return ops::CreateIndex{
        ref("usuarios"), Index{"ix_usuarios_nome", {{"nome", false}, {"email", false}}, false, ""}};
  };
  b["create a unique index"] = [] {
    return ops::CreateIndex{ref("usuarios"),
                            Index{"ux_usuarios_email", {{"email", false}}, true, ""}};
  };
  b["drop an index names its table"] = [] {
    return ops::DropIndex{ref("usuarios"), "ix_usuarios_nome", false, false};
  };
  b["create a unique constraint named by the convention"] = [] {
    return ops::CreateUniqueConstraint{ref("usuarios"), {"uq_usuarios_email", {"email"}}};
  };
  b["create a foreign key with ON DELETE"] = [] {
    return ops::CreateForeignKey{ref("pedidos"), ForeignKey{"fk_pedidos_usuario_id_usuarios",
                                                            {"usuario_id"},
                                                            "",
                                                            "usuarios",
                                                            {"id"},
                                                            "SET NULL",
                                                            "",
                                                            std::nullopt,
                                                            ""}};
  };
  b["create a check constraint"] = [] {
    return ops::CreateCheckConstraint{ref("pedidos"), {"ck_pedidos_qtd", "qtd > 0"}};
  };
  b["create a primary key (MySQL always names it PRIMARY)"] = [] {
    return ops::CreatePrimaryKey{ref("itens"), {"pk_itens", {"pedido_id", "linha"}}};
  };
  b["drop a foreign key by type"] = [] {
    return ops::DropConstraint{ref("pedidos"), "fk_pedidos_usuario", "foreignkey"};
  };
  b["drop a unique constraint without a type: looked up in the database"] = [] {
    return ops::DropConstraint{ref("usuarios"), "uq_usuarios_email", ""};
  };
  b["drop a check constraint without a type"] = [] {
    return ops::DropConstraint{ref("pedidos"), "ck_pedidos_qtd", ""};
  };
  b["drop a primary key"] = [] { return ops::DropConstraint{ref("itens"), "pk_itens", "primary"}; };
  b["execute raw SQL as written"] = [] {
    return ops::Execute{"UPDATE usuarios SET nome = 'anon' WHERE nome IS NULL"};
  };
  b["bulk insert binds its values"] = [] {
    return ops::BulkInsert{ref("usuarios"),
                           {"id", "nome"},
                           {{Value(std::int64_t{1}), Value(std::string("ana"))},
                            {Value(std::int64_t{2}), Value(std::string("bia"))}}};
  };
  b["batch_alter_table is one ALTER TABLE"] = [] {
    ops::BatchAlterTable batch{ref("usuarios"), {}};
    batch.ops.push_back(ops::AddColumn{ref("usuarios"), column("email", varchar(255))});
    auto a = alter("usuarios", "nome");
    a.nullable = true;
    batch.ops.push_back(a);
    batch.ops.push_back(ops::DropColumn{ref("usuarios"), "velho", false, std::nullopt});
    batch.ops.push_back(ops::CreateIndex{
        ref("usuarios"), Index{"ix_usuarios_email", {{"email", false}}, false, ""}});
    return batch;
  };
  return b;
}

using MysqlDdlCasesTest = MysqlFixture;

TEST_F(MysqlDdlCasesTest, DataFilesMatchTheCompilerAndRun) {
  auto cases = load_cases();
  auto b = builders();
  EXPECT_GE(cases.size(), 15u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file + ": " + c.name);
    auto it = b.find(c.name);
    ASSERT_NE(it, b.end()) << "no C++ op for this case: add it to builders()";
    conn_->execute("DROP DATABASE `" + db_ + "`; CREATE DATABASE `" + db_ + "`; USE `" + db_ + "`");
    if (!c.setup.empty()) conn_->execute(c.setup);
    auto view = dialect().live_schema(*conn_);
    auto stmts = dialect().compile(it->second(), *view);
    std::string got;
    for (const auto& s : stmts) got += (got.empty() ? "" : "\n") + s.sql + ";";
    EXPECT_EQ(got, c.sql);
    for (const auto& s : stmts) conn_->execute(s.sql, s.params);
  }
  EXPECT_EQ(cases.size(), b.size()) << "a builder has no case in tests/ddl/mysql";
}

}  // namespace
}  // namespace retort::test
