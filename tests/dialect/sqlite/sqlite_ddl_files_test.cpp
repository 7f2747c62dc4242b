// Keeps tests/ddl/sqlite/*.test in sync with the compiler: each case's op is built here in C++
// (as the Lua bridge would build it from the case's `-- lua` section), compiled against a fresh
// in-memory database holding the case's `-- setup`, and its statements compared with `-- sql`.
// Bound parameters are shown as the dialect's literals, as offline (--sql) output shows them.
// The statements are also executed, so every expected statement is valid SQLite.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/sqlite_test_support.hpp"

namespace retort::sqlite {
namespace {

using test::col;

struct DdlCase {
  std::string file, name, setup, lua, sql;
};

std::string trim_lines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  while (!s.empty() && s.front() == '\n') s.erase(s.begin());
  return s;
}

std::vector<DdlCase> load_cases() {
  std::vector<DdlCase> cases;
  auto dir = std::filesystem::path(RETORT_SOURCE_DIR) / "tests" / "ddl" / "sqlite";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line, section;
    while (std::getline(in, line)) {
      if (line.rfind("### ", 0) == 0) {
        cases.push_back(DdlCase{f.filename().string(), line.substr(4), "", "", ""});
        section.clear();
      } else if (line == "-- setup" || line == "-- lua" || line == "-- sql") {
        section = line.substr(3);
      } else if (!cases.empty()) {
        auto& c = cases.back();
        (section == "setup" ? c.setup : section == "lua" ? c.lua : c.sql) += line + "\n";
      }
    }
  }
  for (auto& c : cases) c.sql = trim_lines(c.sql);
  return cases;
}

Column pk(const std::string& name) {
  Column c = col(name, TypeKind::Integer, false);
  c.primary_key = true;
  return c;
}

ops::AlterColumn alter(const std::string& table, const std::string& column) {
  ops::AlterColumn a;
  a.table = {"", table};
  a.column = column;
  return a;
}

// The op each case's Lua asks for.
std::map<std::string, std::function<ops::Op()>> builders() {
  std::map<std::string, std::function<ops::Op()>> b;
  b["add a nullable column"] = [] {
    return ops::AddColumn{{"", "usuarios"}, col("avatar_url", TypeKind::String)};
  };
  b["add a NOT NULL column with a literal default"] = [] {
    Column c = col("status", TypeKind::String, false);
    c.type.length = 20;
    c.server_default = ServerDefault{ServerDefault::Kind::Literal, "ativo"};
    return ops::AddColumn{{"", "usuarios"}, c};
  };
  b["add a column defaulting to the current time rebuilds the table"] = [] {
    Column c = col("created_at", TypeKind::DateTime);
    c.server_default = ServerDefault{ServerDefault::Kind::Now, ""};
    return ops::AddColumn{{"", "usuarios"}, c};
  };
  b["add a NOT NULL column without a default rebuilds the table"] = [] {
    return ops::AddColumn{{"", "usuarios"}, col("pontos", TypeKind::Integer, false)};
  };
  b["drop a column"] = [] { return ops::DropColumn{{"", "usuarios"}, "avatar_url"}; };
  b["drop a column drops the indexes that use it"] = [] {
    return ops::DropColumn{{"", "usuarios"}, "email"};
  };
  b["drop a column in a unique constraint rebuilds the table without it"] = [] {
    return ops::DropColumn{{"", "usuarios"}, "email"};
  };
  b["rename a column"] = [] {
    auto a = alter("usuarios", "nome");
    a.new_column_name = "nome_completo";
    return a;
  };
  b["make a column NOT NULL rebuilds the table"] = [] {
    auto a = alter("usuarios", "nome");
    a.nullable = false;
    a.existing_type = test::string_type(120);
    return a;
  };
  b["change a column's type rebuilds the table"] = [] {
    auto a = alter("produtos", "preco");
    Type t;
    t.kind = TypeKind::Numeric;
    t.precision = 10;
    t.scale = 2;
    a.type = t;
    a.existing_type = test::string_type(20);
    return a;
  };
  b["set a column's server default rebuilds the table"] = [] {
    auto a = alter("produtos", "estoque");
    a.server_default =
        std::optional<ServerDefault>(ServerDefault{ServerDefault::Kind::Expression, "0"});
    return a;
  };
  b["a rebuild keeps the triggers and views of the table"] = [] {
    auto a = alter("usuarios", "nome");
    a.type = Type{TypeKind::Text};
    a.existing_type = test::string_type(120);
    return a;
  };
  b["a rebuild keeps the AUTOINCREMENT counter and the table options"] = [] {
    auto a = alter("eventos", "nome");
    a.nullable = false;
    a.existing_type = Type{TypeKind::Text};
    return a;
  };
  b["rename a column and change its type: rebuild, then RENAME COLUMN"] = [] {
    auto a = alter("produtos", "qtd");
    a.new_column_name = "quantidade";
    a.type = Type{TypeKind::Integer};
    a.existing_type = Type{TypeKind::Text};
    return a;
  };
  b["create a table with keys, constraints and an index"] = [] {
    Table t;
    t.name = "pedidos";
    Column codigo = col("codigo", TypeKind::String, false);
    codigo.type.length = 20;
    codigo.unique = true;
    Column total = col("total", TypeKind::Numeric);
    total.type.precision = 10;
    total.type.scale = 2;
    total.server_default = ServerDefault{ServerDefault::Kind::Expression, "0"};
    Column criado = col("criado_em", TypeKind::DateTime);
    criado.server_default = ServerDefault{ServerDefault::Kind::Now, ""};
    criado.index = true;
    t.columns = {pk("id"), col("usuario_id", TypeKind::Integer, false), codigo, total, criado};
    t.foreign_keys = {ForeignKey{
        "fk_pedidos_usuario_id_usuarios", {"usuario_id"}, "", "usuarios", {"id"}, "CASCADE"}};
    t.check_constraints = {{"ck_pedidos_total", "total >= 0"}};
    return ops::CreateTable{t};
  };
  b["create a table with an AUTOINCREMENT key"] = [] {
    Table t;
    t.name = "eventos";
    Column id = pk("id");
    id.autoincrement = true;
    t.columns = {id, col("nome", TypeKind::Text, false)};
    return ops::CreateTable{t};
  };
  b["drop a table"] = [] { return ops::DropTable{{"", "usuarios"}}; };
  b["rename a table"] = [] { return ops::RenameTable{{"", "usuarios"}, "clientes"}; };
  b["create a unique partial index"] = [] {
    return ops::CreateIndex{{"", "usuarios"},
                            Index{"ix_usuarios_email", {{"email", false}}, true, "ativo = 1"}};
  };
  b["create an expression index if it does not exist"] = [] {
    return ops::CreateIndex{{"", "usuarios"},
                            Index{"ix_usuarios_lower_email", {{"lower(email)", true}}, false, ""},
                            true};
  };
  b["drop an index"] = [] { return ops::DropIndex{{"", "usuarios"}, "ix_usuarios_email"}; };
  b["create a unique constraint rebuilds the table"] = [] {
    return ops::CreateUniqueConstraint{{"", "usuarios"}, {"uq_usuarios_email", {"email"}}};
  };
  b["create a foreign key rebuilds the table and checks its rows"] = [] {
    return ops::CreateForeignKey{
        {"", "pedidos"},
        ForeignKey{
            "fk_pedidos_usuario_id_usuarios", {"usuario_id"}, "", "usuarios", {"id"}, "CASCADE"}};
  };
  b["create a check constraint"] = [] {
    return ops::CreateCheckConstraint{{"", "produtos"},
                                      {"ck_produtos_preco_positivo", "preco > 0"}};
  };
  b["create a primary key"] = [] {
    return ops::CreatePrimaryKey{{"", "tags"}, {"pk_tags", {"nome"}}};
  };
  b["drop a named constraint"] = [] {
    return ops::DropConstraint{{"", "usuarios"}, "uq_usuarios_email", "unique"};
  };
  b["drop a foreign key of a table that other tables refer to"] = [] {
    return ops::DropConstraint{{"", "usuarios"}, "fk_usuarios_pais_id_paises", "foreignkey"};
  };
  b["batch_alter_table makes one rebuild for all its changes"] = [] {
    auto a = alter("usuarios", "nome");
    a.new_column_name = "nome_completo";
    a.nullable = false;
    return ops::BatchAlterTable{
        {"", "usuarios"},
        {a, ops::DropColumn{{"", "usuarios"}, "apelido"},
         ops::CreateUniqueConstraint{{"", "usuarios"}, {"uq_usuarios_email", {"email"}}}}};
  };
  b["execute raw SQL"] = [] {
    return ops::Execute{"UPDATE usuarios SET ativo = 1 WHERE ativo IS NULL"};
  };
  b["bulk insert rows"] = [] {
    return ops::BulkInsert{{"", "paises"},
                           {"id", "nome"},
                           {{Value(std::int64_t{1}), Value(std::string("Brasil"))},
                            {Value(std::int64_t{2}), Value(std::string("Cote d'Ivoire"))}}};
  };
  return b;
}

// Statements as a .test file shows them: parameters as literals, each ending with ";".
std::string render(const std::vector<Statement>& stmts) {
  std::string out;
  for (const auto& s : stmts) {
    std::string sql;
    size_t next = 0;
    for (char c : s.sql) {
      if (c == '?' && next < s.params.size())
        sql += test::dialect().literal(s.params[next++]);
      else
        sql += c;
    }
    out += (out.empty() ? "" : "\n") + sql + ";";
  }
  return out;
}

TEST(SqliteDdlFiles, EveryCaseCompilesToItsExpectedSql) {
  auto cases = load_cases();
  auto ops_by_name = builders();
  ASSERT_GE(cases.size(), 20u);
  // RETORT_DDL_DUMP=file writes what the compiler produced, to review when updating the files.
  const char* dump_path = std::getenv("RETORT_DDL_DUMP");
  std::ofstream dump;
  if (dump_path) dump.open(dump_path);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file + ": " + c.name);
    auto builder = ops_by_name.find(c.name);
    ASSERT_NE(builder, ops_by_name.end()) << "no C++ op for this case";
    ASSERT_FALSE(c.lua.empty());
    SqliteConnection conn(":memory:");
    if (!c.setup.empty()) conn.execute(c.setup);
    auto view = test::dialect().live_schema(conn);
    auto stmts = test::dialect().compile(builder->second(), *view);
    std::string actual = render(stmts);
    if (dump_path) dump << "### " << c.name << "\n" << actual << "\n\n";
    EXPECT_EQ(actual, c.sql);
    conn.begin();
    for (const auto& s : stmts) conn.execute(s.sql, s.params);
    conn.commit();
  }
}

}  // namespace
}  // namespace retort::sqlite
