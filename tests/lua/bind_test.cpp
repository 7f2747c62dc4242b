// op.get_bind(): bound parameters against a real SQLite database, and placeholder rewriting.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "collecting_sink.hpp"
#include "lua/bind_params.hpp"
#include "support/script_runs.hpp"

namespace retort {
namespace {

// A minimal real SQLite connection for these tests (the dialect's own lives in src/dialect).
class SqliteTestConnection : public Connection {
 public:
  SqliteTestConnection() { sqlite3_open(":memory:", &db_); }
  ~SqliteTestConnection() override { sqlite3_close(db_); }

  void execute(const std::string& sql, const std::vector<Value>& params) override {
    run(sql, params, nullptr);
  }
  ResultSet query(const std::string& sql, const std::vector<Value>& params) override {
    ResultSet rs;
    run(sql, params, &rs);
    return rs;
  }
  void begin() override { execute("BEGIN", {}); }
  void commit() override { execute("COMMIT", {}); }
  void rollback() override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
  bool in_transaction() const override { return !sqlite3_get_autocommit(db_); }

  std::vector<std::string> last_sql;

 private:
  void run(const std::string& sql, const std::vector<Value>& params, ResultSet* rs) {
    last_sql.push_back(sql);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw Error(ErrorKind::Database, std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    for (size_t i = 0; i < params.size(); ++i) {
      int n = static_cast<int>(i + 1);
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
              sqlite3_bind_null(st, n);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              sqlite3_bind_int64(st, n, v);
            else if constexpr (std::is_same_v<T, double>)
              sqlite3_bind_double(st, n, v);
            else if constexpr (std::is_same_v<T, std::string>)
              sqlite3_bind_text(st, n, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
            else
              sqlite3_bind_int(st, n, v ? 1 : 0);
          },
          params[i]);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      if (!rs) continue;
      int cols = sqlite3_column_count(st);
      if (rs->columns.empty())
        for (int c = 0; c < cols; ++c) rs->columns.push_back(sqlite3_column_name(st, c));
      std::vector<Value> row;
      for (int c = 0; c < cols; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            row.emplace_back(std::int64_t{sqlite3_column_int64(st, c)});
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(st, c));
            break;
          default:
            row.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c))));
        }
      }
      rs->rows.push_back(std::move(row));
    }
    std::string err = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    if (!err.empty()) throw Error(ErrorKind::Database, err + " in: " + sql);
  }

  sqlite3* db_ = nullptr;
};

TEST(BindTest, ExecuteAndQueryWithBoundParameters) {
  SqliteTestConnection conn;
  test::CollectingSink sink;
  sink.connection = &conn;
  sink.on_emit = [&](const ops::Op& op) {  // an online sink in miniature
    if (auto* e = std::get_if<ops::Execute>(&op)) conn.execute(e->sql, {});
  };
  ScriptRunner runner;
  test::run_source(runner, "data.lua", R"LUA(
function upgrade()
  op.execute("CREATE TABLE people (id INTEGER, name TEXT, score REAL, note TEXT)")
  local bind = op.get_bind()
  bind:execute("INSERT INTO people VALUES (?, ?, ?, ?)", table.pack(1, "O'Brien; DROP TABLE people", 2.5, nil))
  bind:execute("INSERT INTO people (id, name, note) VALUES (:id, :name, ':not_a_param ?')",
               { id = 2, name = "b" })
  local rows = bind:query("SELECT id, name, score, note FROM people WHERE id >= :min ORDER BY id",
                          { min = 1 })
  assert(#rows == 2, "two rows")
  assert(rows[1].id == 1 and math.type(rows[1].id) == "integer")
  assert(rows[1].name == "O'Brien; DROP TABLE people")
  assert(rows[1].score == 2.5 and rows[1].note == nil)
  assert(rows[2].name == "b" and rows[2].note == ":not_a_param ?")
  for _, r in ipairs(bind:query("SELECT id FROM people")) do
    op.execute("UPDATE people SET score = " .. r.id .. " WHERE id = " .. r.id)
  end
  local none = bind:query("SELECT 1 AS x WHERE 1 = ?", { 2 })
  assert(#none == 0)
end
)LUA",
                   "upgrade", sink, {});
  EXPECT_EQ(sink.binds, 1);
  ASSERT_EQ(sink.ops.size(), 3u);  // CREATE TABLE and the two UPDATEs: ops go to the sink
  ResultSet rs = conn.query("SELECT count(*) FROM people", {});
  EXPECT_EQ(rs.rows[0][0], Value(std::int64_t{2}));
  // The named placeholders reached SQLite as ?, the literal untouched.
  EXPECT_EQ(conn.last_sql[2],
            "INSERT INTO people (id, name, note) VALUES (?, ?, ':not_a_param ?')");
}

TEST(BindTest, DatabaseErrorPropagatesUnchanged) {
  SqliteTestConnection conn;
  test::CollectingSink sink;
  sink.connection = &conn;
  ScriptRunner runner;
  try {
    test::run_source(runner, "data.lua",
                     "function upgrade()\n  op.get_bind():execute('SELECT * FROM missing')\nend\n",
                     "upgrade", sink, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(std::string(e.what()), "no such table: missing in: SELECT * FROM missing");
  }
}

TEST(BindTest, ParameterMistakesAreScriptErrors) {
  SqliteTestConnection conn;
  test::CollectingSink sink;
  sink.connection = &conn;
  ScriptRunner runner;
  auto error_of = [&](const std::string& line) -> std::string {
    try {
      test::run_source(runner, "data.lua",
                       "function upgrade()\n  local b = op.get_bind()\n  " + line + "\nend\n",
                       "upgrade", sink, {});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return "";
  };
  EXPECT_EQ(error_of("b:execute('SELECT ?, ?', { 1 })"),
            "data.lua:3: the SQL has 2 ? placeholder(s) but 1 value(s) were given");
  EXPECT_EQ(error_of("b:query('SELECT :a', { b = 1 })"),
            "data.lua:3: the SQL uses :a but no value named 'a' was given");
  EXPECT_EQ(error_of("b:query('SELECT :a', { a = 1, z = 2 })"),
            "data.lua:3: a value named 'z' was given but the SQL has no :z");
  EXPECT_EQ(error_of("b:query('SELECT ?', { {} })"),
            "data.lua:3: bind:query: values must be nil, booleans, numbers or strings (got table)");
  EXPECT_EQ(error_of("b.execute('SELECT 1')"),
            "data.lua:3: use bind:execute(sql, params) (with a colon)");
}

TEST(BindTest, HandleCannotBeSmuggledToAnotherScriptThroughStrings) {
  // The string metatable was the one value every script shares: it is read-only now, so a
  // handle cannot reach another script run that way (the handle's own check stays behind it).
  SqliteTestConnection conn;
  test::CollectingSink sink;
  sink.connection = &conn;
  ScriptRunner runner;
  try {
    test::run_source(runner, "a.lua",
                     "function upgrade() getmetatable('').__index.stash = op.get_bind() end",
                     "upgrade", sink, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "a.lua:1: getmetatable(\"\").__index is read-only");
  }
}

// A dialect whose only real part is PostgreSQL-style placeholders ($1, $2, ...), which SQLite
// also accepts: checks that get_bind rewrites through ScriptContext::parameters.
class DollarDialect : public Dialect {
 public:
  std::string_view name() const override { return "dollar"; }
  std::unique_ptr<Connection> connect(const Url&) const override { return nullptr; }
  std::string quote(std::string_view ident) const override { return std::string(ident); }
  std::string placeholder(int n) const override { return "$" + std::to_string(n); }
  std::string literal(const Value&) const override { return "NULL"; }
  bool transactional_ddl() const override { return true; }
  std::vector<Statement> compile(const ops::Op&, SchemaView&) const override { return {}; }
  MetaData inspect(Connection&, const InspectOptions&) const override { return {}; }
  std::unique_ptr<SchemaView> live_schema(Connection&) const override { return nullptr; }
  std::unique_ptr<Connection> offline_scratch() const override { return nullptr; }
  bool has_offline_scratch() const override { return false; }
  std::optional<bool> holds_data(Connection&, const ops::TableRef&,
                                 const std::string&) const override {
    return std::nullopt;
  }
  std::unique_ptr<MigrationLock> acquire_lock(Connection&, const LockOptions&) const override {
    return nullptr;
  }
};

TEST(BindTest, UsesTheDialectPlaceholders) {
  SqliteTestConnection conn;
  test::CollectingSink sink;
  sink.connection = &conn;
  DollarDialect dialect;
  ScriptContext ctx;
  ctx.parameters = &dialect;
  ScriptRunner runner;
  test::run_source(runner, "d.lua", R"LUA(
function upgrade()
  local rows = op.get_bind():query("SELECT :a AS a, :b AS b, :a AS c, '?' AS d", { a = 1, b = "x" })
  assert(rows[1].a == 1 and rows[1].b == "x" and rows[1].c == 1 and rows[1].d == "?")
  rows = op.get_bind():query("SELECT ? AS a, ? AS b", { 5, 6 })
  assert(rows[1].a == 5 and rows[1].b == 6)
end
)LUA",
                   "upgrade", sink, ctx);
  EXPECT_EQ(conn.last_sql[0], "SELECT $1 AS a, $2 AS b, $3 AS c, '?' AS d");
  EXPECT_EQ(conn.last_sql[1], "SELECT $1 AS a, $2 AS b");
}

TEST(BindParamsTest, PositionalToDollarN) {
  auto dollar = [](int n) { return "$" + std::to_string(n); };
  auto b = lua::bind_positional(
      "SELECT x::text, '?', \"a?\", `b?` FROM t -- what?\nWHERE a = ? /* ? */ AND b = ?",
      {std::int64_t{1}, std::string("x")}, dollar);
  EXPECT_EQ(b.sql,
            "SELECT x::text, '?', \"a?\", `b?` FROM t -- what?\nWHERE a = $1 /* ? */ AND b = $2");
  EXPECT_EQ(b.params.size(), 2u);
  EXPECT_THROW(lua::bind_positional("SELECT ?", {}, dollar), Error);
}

TEST(BindParamsTest, NamedToDollarN) {
  auto dollar = [](int n) { return "$" + std::to_string(n); };
  auto b = lua::bind_named(
      "UPDATE t SET a = :v, b = 'it''s :v', c = x::int WHERE id = :id OR parent = :id AND t = "
      "'10:30'",
      {{"v", std::string("new")}, {"id", std::int64_t{7}}}, dollar);
  EXPECT_EQ(b.sql,
            "UPDATE t SET a = $1, b = 'it''s :v', c = x::int WHERE id = $2 OR parent = $3 AND t = "
            "'10:30'");
  EXPECT_EQ(b.params, (std::vector<Value>{std::string("new"), std::int64_t{7}, std::int64_t{7}}));
}

}  // namespace
}  // namespace retort
