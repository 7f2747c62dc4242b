// OnlineSink against a fake dialect and connection: the data-loss guard asks once per batch, in
// the order of the ops, and refuses before anything runs; bind() makes the schema view forget.
#include "runtime/sinks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "retort/error.hpp"

namespace retort {
namespace {

// Records what is executed.
class RecordingConnection : public Connection {
 public:
  void execute(const std::string& sql, const std::vector<Value>&) override {
    executed.push_back(sql);
  }
  ResultSet query(const std::string&, const std::vector<Value>&) override { return {}; }
  void begin() override {}
  void commit() override {}
  void rollback() override {}
  bool in_transaction() const override { return true; }
  std::vector<std::string> executed;
};

// Compiles each op to its description; answers the data-loss guard from `rows` (a table name,
// or table.column, with data) and records the batches it is asked.
class FakeDialect : public Dialect {
 public:
  std::string_view name() const override { return "fake"; }
  std::unique_ptr<Connection> connect(const Url&) const override { return nullptr; }
  std::string quote(std::string_view ident) const override { return std::string(ident); }
  std::string placeholder(int) const override { return "?"; }
  std::string literal(const Value&) const override { return "NULL"; }
  bool transactional_ddl() const override { return true; }
  std::vector<Statement> compile(const ops::Op& op, SchemaView&) const override {
    return {Statement{ops::describe(op), {}, true}};
  }
  MetaData inspect(Connection&, const InspectOptions&) const override { return {}; }
  std::unique_ptr<SchemaView> live_schema(Connection&) const override { return nullptr; }
  std::unique_ptr<Connection> offline_scratch() const override { return nullptr; }
  bool has_offline_scratch() const override { return false; }
  std::optional<bool> holds_data(Connection&, const ops::TableRef& table,
                                 const std::string& column) const override {
    ADD_FAILURE() << "the runtime should ask for the whole batch at once";
    return std::nullopt;
  }
  std::vector<std::optional<bool>> holds_data(Connection&,
                                              const std::vector<DataProbe>& probes) const override {
    std::vector<std::string> batch;
    std::vector<std::optional<bool>> out;
    for (const auto& p : probes) {
      std::string key = p.column.empty() ? p.table.name : p.table.name + "." + p.column;
      batch.push_back(key);
      out.push_back(std::find(rows.begin(), rows.end(), key) != rows.end());
    }
    asked.push_back(batch);
    return out;
  }
  std::unique_ptr<MigrationLock> acquire_lock(Connection&, const LockOptions&) const override {
    return nullptr;
  }
  std::vector<std::string> rows;
  mutable std::vector<std::vector<std::string>> asked;
};

class CountingView : public SchemaView {
 public:
  std::optional<Table> table(const std::string&, const std::string&) override {
    return std::nullopt;
  }
  void forget() override { ++forgotten; }
  int forgotten = 0;
};

ops::DropTable drop_table(const std::string& name, bool allow = false) {
  return ops::DropTable{{"", name}, allow, std::nullopt};
}
ops::DropColumn drop_column(const std::string& table, const std::string& column) {
  return ops::DropColumn{{"", table}, column, false, std::nullopt};
}

using Keys = std::vector<std::string>;

TEST(OnlineSinkTest, GuardAsksOnceForEveryDestructivePartOfTheBatch) {
  FakeDialect dialect;
  RecordingConnection conn;
  CountingView view;
  OnlineSink sink(dialect, conn, view, false, "v.lua");
  sink.emit(drop_column("a", "x"));
  sink.emit(ops::CreateIndex{{"", "a"}, Index{"ix", {IndexElement{"y", false}}, false, ""}});
  sink.emit(drop_table("b"));
  sink.emit(drop_table("c", /*allow=*/true));  // allowed: not asked
  ops::BatchAlterTable batch;
  batch.table = {"", "d"};
  batch.ops = {ops::DropColumn{{}, "p", false, std::nullopt},
               ops::DropColumn{{}, "q", false, std::nullopt}};
  sink.emit(batch);
  sink.flush();
  EXPECT_EQ(dialect.asked, (std::vector<Keys>{{"a.x", "b", "d.p", "d.q"}}));
  EXPECT_EQ(conn.executed.size(), 5u);

  sink.flush();  // nothing pending: nothing asked
  EXPECT_EQ(dialect.asked.size(), 1u);
}

TEST(OnlineSinkTest, GuardRefusesBeforeAnythingRunsNamingTheFirstPartWithData) {
  FakeDialect dialect;
  dialect.rows = {"c", "b"};
  RecordingConnection conn;
  CountingView view;
  OnlineSink sink(dialect, conn, view, false, "v.lua");
  sink.emit(drop_column("a", "x"));
  sink.emit(drop_table("b"));
  sink.emit(drop_table("c"));
  try {
    sink.flush();
    FAIL() << "expected a data-loss error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::DataLoss);
    EXPECT_EQ(std::string(e.what()),
              "v.lua: drop_table b would destroy data (the table holds rows). Add "
              "{ allow_data_loss = true } to the op, or run with --allow-data-loss");
  }
  EXPECT_TRUE(conn.executed.empty());
  EXPECT_EQ(dialect.asked, (std::vector<Keys>{{"a.x", "b", "c"}}));
}

TEST(OnlineSinkTest, AllowDataLossAsksNothing) {
  FakeDialect dialect;
  dialect.rows = {"b"};
  RecordingConnection conn;
  CountingView view;
  OnlineSink sink(dialect, conn, view, true, "v.lua");
  sink.emit(drop_table("b"));
  sink.flush();
  EXPECT_TRUE(dialect.asked.empty());
  EXPECT_EQ(conn.executed.size(), 1u);
}

TEST(OnlineSinkTest, BindRunsThePendingOpsThenMakesTheViewForget) {
  FakeDialect dialect;
  RecordingConnection conn;
  CountingView view;
  OnlineSink sink(dialect, conn, view, false, "v.lua");
  sink.emit(drop_table("b"));
  EXPECT_EQ(view.forgotten, 0);
  Connection& bound = sink.bind();
  EXPECT_EQ(&bound, &conn);
  EXPECT_EQ(conn.executed.size(), 1u);
  EXPECT_EQ(view.forgotten, 1);
  sink.flush();
  EXPECT_EQ(view.forgotten, 1);  // a flush alone forgets nothing
}

// The offline scratch: statements wait, and the database is opened only when something asks
// it (most offline runs never do); then everything queued runs first, in order.
TEST(DeferredConnectionTest, OpensTheScratchOnlyWhenAskedAndRunsWhatWaitedFirst) {
  int opened = 0;
  RecordingConnection* inner = nullptr;
  DeferredConnection scratch([&]() -> std::unique_ptr<Connection> {
    ++opened;
    auto c = std::make_unique<RecordingConnection>();
    inner = c.get();
    return c;
  });
  scratch.execute("CREATE TABLE a (x)");
  scratch.execute(Statement{"CREATE TABLE b (y)", {}, true});
  EXPECT_FALSE(scratch.in_transaction());
  scratch.rollback();  // drops what waits; nothing to open for that
  EXPECT_EQ(opened, 0);

  scratch.execute("CREATE TABLE c (z)");
  scratch.execute("CREATE INDEX ix_c ON c (z)");
  EXPECT_EQ(opened, 0);
  scratch.query("SELECT 1");
  ASSERT_EQ(opened, 1);
  EXPECT_EQ(inner->executed, (Keys{"CREATE TABLE c (z)", "CREATE INDEX ix_c ON c (z)"}));
  scratch.execute("DROP INDEX ix_c");
  scratch.flush();
  EXPECT_EQ(opened, 1);
  EXPECT_EQ(inner->executed.back(), "DROP INDEX ix_c");
}

// Offline SQL: placeholders outside quoted text become the dialect's literals; quoted text,
// placeholders past the parameters and a lone `$` stay as they are.
TEST(RenderOfflineTest, PlaceholdersBecomeLiteralsOutsideQuotedText) {
  const Dialect& sqlite = find_dialect("sqlite");
  EXPECT_EQ(render_offline(sqlite, Statement{"CREATE TABLE t (x INTEGER)", {}, true}),
            "CREATE TABLE t (x INTEGER);");
  EXPECT_EQ(render_offline(sqlite, Statement{"UPDATE v SET n = ? WHERE n = ?",
                                             {Value{std::string("b")}, Value{std::string("it's")}},
                                             false}),
            "UPDATE v SET n = 'b' WHERE n = 'it''s';");
  EXPECT_EQ(render_offline(sqlite, Statement{"SELECT '?', \"$1\", `?`, ?, $2, $1, $3, $, $0",
                                             {Value{std::int64_t{7}}, Value{}}, false}),
            "SELECT '?', \"$1\", `?`, 7, NULL, 7, $3, $, $0;");
  EXPECT_EQ(render_offline(sqlite, Statement{"SELECT ?, ?, 'open ? $1", {Value{true}}, false}),
            "SELECT 1, ?, 'open ? $1;");
  std::string to = "-- before\n";
  render_offline_to(to, sqlite, Statement{"DELETE FROM v WHERE n = $1", {Value{2.5}}, false});
  EXPECT_EQ(to, "-- before\nDELETE FROM v WHERE n = 2.5;");
}

}  // namespace
}  // namespace retort
