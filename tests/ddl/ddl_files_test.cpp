// Runs the DDL data files: tests/ddl/<dialect>/*.test. Each case holds the op in Lua and the SQL
// the dialect must compile it to, so a reviewer reads what a migration does at a glance:
//
//   ### add a nullable column
//   -- setup
//   CREATE TABLE usuarios (id INTEGER PRIMARY KEY);
//   -- lua
//   op.add_column("usuarios", sa.Column("avatar_url", sa.String(), { nullable = true }))
//   -- sql
//   ALTER TABLE "usuarios" ADD COLUMN "avatar_url" VARCHAR;
//
// `-- setup` runs on a fresh database (in-memory SQLite, or a new database on the PostgreSQL or
// MariaDB test server); `-- lua` is the body of upgrade(); `-- sql` lists the expected statements,
// each ending with ";" at the end of a line. Instead of `-- sql`, `-- error` gives text the error
// message must contain. Every compiled statement is also executed, so a case proves the SQL runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dialect/dialect.hpp"
#include "lua/script_runner.hpp"
#include "retort/error.hpp"
#include "runtime/sinks.hpp"
#include "support/test_env.hpp"
#include "support/script_runs.hpp"

namespace retort {
const Dialect& sqlite_dialect();
const Dialect& postgresql_dialect();
const Dialect& mysql_dialect();
}  // namespace retort

namespace retort::test {
namespace {

struct DdlCase {
  std::string dialect;
  std::string file;
  int line = 0;
  std::string name;
  std::string setup;
  std::string lua;
  std::string sql;
  std::string error;
  bool expects_error = false;
};

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<DdlCase> parse_file(const std::string& dialect, const std::filesystem::path& path) {
  std::vector<DdlCase> cases;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  std::string* section = nullptr;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("### ", 0) == 0) {
      cases.push_back(DdlCase{dialect, path.filename().string(), n, trim(line.substr(4))});
      section = nullptr;
      continue;
    }
    if (cases.empty()) continue;
    DdlCase& c = cases.back();
    std::string t = trim(line);
    if (t == "-- setup") {
      section = &c.setup;
      continue;
    }
    if (t == "-- lua") {
      section = &c.lua;
      continue;
    }
    if (t == "-- sql") {
      section = &c.sql;
      continue;
    }
    if (t == "-- error") {
      section = &c.error;
      c.expects_error = true;
      continue;
    }
    if (section) *section += line + "\n";
  }
  return cases;
}

const Dialect& dialect_named(const std::string& name) {
  if (name == "sqlite") return sqlite_dialect();
  if (name == "postgresql") return postgresql_dialect();
  return mysql_dialect();
}

std::unique_ptr<Connection> fresh_connection(const std::string& dialect, const std::string& hint) {
  if (dialect == "sqlite") {
    Url u;
    u.scheme = "sqlite";
    return sqlite_dialect().connect(u);
  }
  std::string url = dialect == "postgresql" ? fresh_pg_database(hint) : fresh_mysql_database(hint);
  return dialect_named(dialect).connect(Url::parse(url));
}

// Compiles each op against the schema as it is, records the SQL, and runs it.
class RecordingSink : public OperationSink {
 public:
  RecordingSink(const Dialect& d, Connection& c) : dialect_(d), conn_(c), view_(d.live_schema(c)) {}
  void emit(ops::Op op) override {
    for (const auto& s : dialect_.compile(op, *view_)) {
      statements.push_back(render_offline(dialect_, s));
      execute_statement(conn_, s);
    }
  }
  Connection& bind() override { return conn_; }
  std::vector<std::string> statements;

 private:
  const Dialect& dialect_;
  Connection& conn_;
  std::unique_ptr<SchemaView> view_;
};

class DdlFileTest : public ::testing::Test {
 public:
  explicit DdlFileTest(DdlCase c) : case_(std::move(c)) {}
  void TestBody() override {
    SCOPED_TRACE(case_.file + ":" + std::to_string(case_.line) + ": " + case_.name);
    const Dialect& dialect = dialect_named(case_.dialect);
    auto conn = fresh_connection(case_.dialect, case_.name);
    if (!trim(case_.setup).empty()) conn->execute(case_.setup);
    RecordingSink sink(dialect, *conn);
    ScriptRunner runner;
    ScriptContext ctx;
    ctx.dialect = case_.dialect;
    ctx.parameters = &dialect;
    std::string source = "function upgrade()\n" + case_.lua + "end\n";
    if (case_.expects_error) {
      try {
        test::run_source(runner, case_.file, source, "upgrade", sink, ctx);
        FAIL() << "expected an error containing: " << trim(case_.error);
      } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(trim(case_.error)), std::string::npos)
            << "error was: " << e.what();
      }
      return;
    }
    test::run_source(runner, case_.file, source, "upgrade", sink, ctx);
    std::string actual;
    for (const auto& s : sink.statements) actual += s + "\n";
    EXPECT_EQ(trim(case_.sql), trim(actual));
  }

 private:
  DdlCase case_;
};

std::string test_name(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// Registers one test per case before main() runs the suite.
[[maybe_unused]] const bool registered = [] {
  std::filesystem::path root = std::filesystem::path(RETORT_SOURCE_DIR) / "tests" / "ddl";
  for (const char* dialect : {"sqlite", "postgresql", "mysql"}) {
    std::filesystem::path dir = root / dialect;
    if (!std::filesystem::exists(dir)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".test") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      for (auto& c : parse_file(dialect, f)) {
        std::string suite = std::string("Ddl_") + dialect;
        std::string name = test_name(f.stem().string() + "_" + c.name);
        ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, f.string().c_str(),
                                c.line, [c]() -> ::testing::Test* { return new DdlFileTest(c); });
      }
    }
  }
  return true;
}();

}  // namespace
}  // namespace retort::test
