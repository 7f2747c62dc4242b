// PostgresInspector against schemas built with plain SQL: what it reflects, and that it costs a
// constant number of queries whatever the number of tables.
#include "dialect/postgresql/inspect.hpp"

#include <gtest/gtest.h>

#include "dialect/postgresql/pg_test_support.hpp"
#include "retort/error.hpp"

namespace retort::test::pg {
namespace {

using PostgresInspectTest = PgTest;

const char* kShopSchema = R"SQL(
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE usuarios (
  id SERIAL PRIMARY KEY,
  nome VARCHAR(120) NOT NULL,
  email VARCHAR(255) NOT NULL CONSTRAINT uq_usuarios_email UNIQUE,
  status TEXT DEFAULT 'it''s new',
  humor mood DEFAULT 'happy',
  created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT now(),
  score INTEGER DEFAULT 0,
  active BOOLEAN DEFAULT true,
  ratio NUMERIC(5, 2) DEFAULT 1.5,
  token UUID DEFAULT gen_random_uuid(),
  doc JSONB,
  raw JSON,
  tags TEXT[],
  r REAL
);
COMMENT ON TABLE usuarios IS 'people';
COMMENT ON COLUMN usuarios.nome IS 'full name';
CREATE UNIQUE INDEX ix_usuarios_lower_email ON usuarios (lower(email));
CREATE INDEX ix_usuarios_nome_active ON usuarios (nome) WHERE active;
CREATE TABLE pedidos (
  id BIGINT GENERATED ALWAYS AS IDENTITY,
  usuario_id INTEGER NOT NULL,
  total NUMERIC(10, 2) NOT NULL,
  code CHAR(3),
  CONSTRAINT pk_pedidos PRIMARY KEY (id),
  CONSTRAINT fk_pedidos_usuario_id_usuarios FOREIGN KEY (usuario_id) REFERENCES usuarios (id)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT ck_pedidos_total CHECK (total >= 0 AND total < 1000000)
);
CREATE TABLE itens (
  pedido_id BIGINT REFERENCES pedidos (id) ON UPDATE RESTRICT,
  n SMALLINT,
  "Weird ""Name""" TEXT,
  PRIMARY KEY (pedido_id, n),
  UNIQUE ("Weird ""Name""", n)
);
CREATE INDEX ix_itens_expr ON itens ((n + 1), "Weird ""Name""");
CREATE TABLE retort_version (version_num VARCHAR(32) PRIMARY KEY);
)SQL";

TEST_F(PostgresInspectTest, ReflectsASchemaWithSeveralTables) {
  conn_->execute(kShopSchema);
  InspectOptions options;
  options.exclude_tables = {"retort_version"};
  MetaData md = dialect().inspect(*conn_, options);
  ASSERT_EQ(md.tables.size(), 3u);
  EXPECT_EQ(md.tables[0].name, "itens");
  EXPECT_EQ(md.tables[1].name, "pedidos");
  EXPECT_EQ(md.tables[2].name, "usuarios");

  const Table& u = md.tables[2];
  EXPECT_EQ(u.schema, "");
  EXPECT_EQ(u.comment, "people");
  auto column = [&](const Table& t, const std::string& name) -> const Column& {
    const Column* c = t.find_column(name);
    if (!c) throw std::runtime_error("no column " + name);
    return *c;
  };
  using K = ServerDefault::Kind;
  const Column& id = column(u, "id");
  EXPECT_EQ(id.type.kind, TypeKind::Integer);
  EXPECT_EQ(id.autoincrement, true);  // serial
  // The nextval() stays the column's default (serial kept as written, never an identity).
  EXPECT_EQ(id.server_default,
            (ServerDefault{K::Expression, "nextval('usuarios_id_seq'::regclass)"}));
  EXPECT_FALSE(id.identity);
  EXPECT_TRUE(id.primary_key);
  EXPECT_FALSE(id.nullable);
  const Column& nome = column(u, "nome");
  EXPECT_EQ(nome.type.kind, TypeKind::String);
  EXPECT_EQ(nome.type.length, 120);
  EXPECT_FALSE(nome.nullable);
  EXPECT_EQ(nome.comment, "full name");
  EXPECT_EQ(column(u, "status").server_default, (ServerDefault{K::Literal, "it's new"}));
  EXPECT_EQ(column(u, "humor").type.kind, TypeKind::Enum);
  EXPECT_EQ(column(u, "humor").type.enum_name, "mood");
  EXPECT_EQ(column(u, "humor").type.enum_values, (std::vector<std::string>{"happy", "sad"}));
  EXPECT_EQ(column(u, "humor").server_default, (ServerDefault{K::Literal, "happy"}));
  EXPECT_EQ(column(u, "created_at").type.kind, TypeKind::DateTime);
  EXPECT_TRUE(column(u, "created_at").type.timezone);
  EXPECT_EQ(column(u, "created_at").server_default, (ServerDefault{K::Now, ""}));
  EXPECT_FALSE(column(u, "updated_at").type.timezone);
  EXPECT_EQ(column(u, "updated_at").server_default, (ServerDefault{K::Now, ""}));
  EXPECT_EQ(column(u, "score").server_default, (ServerDefault{K::Literal, "0"}));
  EXPECT_EQ(column(u, "active").server_default, (ServerDefault{K::Literal, "true"}));
  EXPECT_EQ(column(u, "ratio").type.precision, 5);
  EXPECT_EQ(column(u, "ratio").type.scale, 2);
  EXPECT_EQ(column(u, "ratio").server_default, (ServerDefault{K::Literal, "1.5"}));
  EXPECT_EQ(column(u, "token").type.kind, TypeKind::Uuid);
  EXPECT_EQ(column(u, "token").server_default, (ServerDefault{K::Expression, "gen_random_uuid()"}));
  EXPECT_EQ(column(u, "doc").type.kind, TypeKind::JSON);
  EXPECT_EQ(column(u, "raw").type.native, "json");
  EXPECT_EQ(column(u, "tags").type.kind, TypeKind::Array);
  ASSERT_EQ(column(u, "tags").type.item_type.size(), 1u);
  EXPECT_EQ(column(u, "tags").type.item_type[0].kind, TypeKind::Text);
  EXPECT_EQ(column(u, "r").type.precision, 24);
  EXPECT_EQ(u.primary_key, (PrimaryKey{"usuarios_pkey", {"id"}}));
  EXPECT_EQ(u.unique_constraints,
            (std::vector<UniqueConstraint>{{"uq_usuarios_email", {"email"}}}));
  ASSERT_EQ(u.indexes.size(), 2u);  // the PK's and the UNIQUE's indexes are not listed
  EXPECT_EQ(
      u.indexes[0],
      (Index{"ix_usuarios_lower_email", {IndexElement{"lower(email::text)", true}}, true, ""}));
  EXPECT_EQ(u.indexes[1],
            (Index{"ix_usuarios_nome_active", {IndexElement{"nome", false}}, false, "active"}));

  const Table& p = md.tables[1];
  EXPECT_EQ(column(p, "id").type.kind, TypeKind::BigInteger);
  EXPECT_EQ(column(p, "id").autoincrement, true);  // identity
  EXPECT_EQ(column(p, "usuario_id").autoincrement, std::nullopt);
  EXPECT_EQ(column(p, "code").type.native, "character(3)");
  ASSERT_EQ(p.foreign_keys.size(), 1u);
  const ForeignKey& fk = p.foreign_keys[0];
  EXPECT_EQ(fk.name, "fk_pedidos_usuario_id_usuarios");
  EXPECT_EQ(fk.columns, (std::vector<std::string>{"usuario_id"}));
  EXPECT_EQ(fk.referred_schema, "");
  EXPECT_EQ(fk.referred_table, "usuarios");
  EXPECT_EQ(fk.referred_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(fk.ondelete, "CASCADE");
  EXPECT_EQ(fk.onupdate, "");
  EXPECT_EQ(fk.deferrable, true);
  EXPECT_EQ(fk.initially, "DEFERRED");
  EXPECT_EQ(p.check_constraints, (std::vector<CheckConstraint>{{"ck_pedidos_total",
                                                                "total >= 0::numeric AND total < "
                                                                "1000000::numeric"}}));

  const Table& i = md.tables[0];
  EXPECT_EQ(i.primary_key, (PrimaryKey{"itens_pkey", {"pedido_id", "n"}}));
  EXPECT_EQ(column(i, "n").autoincrement, std::nullopt);  // part of a composite key
  EXPECT_EQ(i.unique_constraints[0].columns, (std::vector<std::string>{"Weird \"Name\"", "n"}));
  ASSERT_EQ(i.foreign_keys.size(), 1u);
  EXPECT_EQ(i.foreign_keys[0].onupdate, "RESTRICT");
  EXPECT_EQ(i.foreign_keys[0].deferrable, std::nullopt);
  ASSERT_EQ(i.indexes.size(), 1u);
  EXPECT_EQ(i.indexes[0].elements,
            (std::vector<IndexElement>{{"(n + 1)", true}, {"Weird \"Name\"", false}}));
}

// What the inspector reads, the compiler writes back the same: reflect a schema made with
// plain SQL, create its tables in an empty database from the reflection, reflect again.
TEST_F(PostgresInspectTest, ReflectionCompilesBackToTheSameSchema) {
  conn_->execute(kShopSchema);
  MetaData original = dialect().inspect(*conn_, {});
  auto copy = dialect().connect(another_database());
  auto view = dialect().live_schema(*copy);
  // A serial column is a nextval() default on its own sequence: the sequences first, their
  // OWNED BY after the tables.
  for (Sequence q : original.sequences) {
    q.owned_by.clear();
    for (const auto& s : dialect().compile(ops::CreateSequence{q}, *view))
      copy->execute(s.sql, s.params);
  }
  for (const char* name : {"usuarios", "retort_version", "pedidos", "itens"}) {
    const Table* t = original.find_table("", name);
    ASSERT_NE(t, nullptr) << name;
    for (const auto& s : dialect().compile(ops::CreateTable{*t}, *view))
      copy->execute(s.sql, s.params);
  }
  for (const Sequence& q : original.sequences) {
    if (q.owned_by.empty()) continue;
    ops::AlterSequence alter{q, q};
    alter.existing.owned_by.clear();
    for (const auto& s : dialect().compile(alter, *view)) copy->execute(s.sql, s.params);
  }
  MetaData again = dialect().inspect(*copy, {});
  ASSERT_EQ(again.sequences, original.sequences);
  ASSERT_EQ(again.tables.size(), original.tables.size());
  for (size_t i = 0; i < original.tables.size(); ++i) {
    const Table& a = original.tables[i];
    const Table& b = again.tables[i];
    EXPECT_EQ(a.name, b.name);
    ASSERT_EQ(a.columns.size(), b.columns.size()) << a.name;
    for (size_t c = 0; c < a.columns.size(); ++c)
      EXPECT_EQ(a.columns[c], b.columns[c]) << a.name << "." << a.columns[c].name;
    EXPECT_EQ(a, b) << a.name;
  }
}

TEST_F(PostgresInspectTest, CostsAConstantNumberOfQueries) {
  CountingConnection counting(*conn_);
  dialect().inspect(counting, {});
  const int empty = counting.count;
  conn_->execute(kShopSchema);
  counting.count = 0;
  dialect().inspect(counting, {});
  const int three = counting.count;
  for (int n = 0; n < 20; ++n)
    conn_->execute("CREATE TABLE extra_" + std::to_string(n) +
                   " (id INT PRIMARY KEY, v TEXT UNIQUE, p INT REFERENCES usuarios (id), "
                   "CHECK (id > 0)); CREATE INDEX ON extra_" +
                   std::to_string(n) + " (v, p)");
  counting.count = 0;
  MetaData md = dialect().inspect(counting, {});
  EXPECT_EQ(md.tables.size(), 24u);
  EXPECT_EQ(counting.count, three);
  // Tables, columns, keys and indexes, then one query per replaceable object kind
  // (inspect_objects.cpp, aggregates included), one for domains and one for extensions
  // (inspect_domains.cpp), one for sequences (inspect_sequences.cpp), one for exclusion
  // constraints (inspect_excludes.cpp): a fixed number, whatever the number of tables.
  EXPECT_LE(three, 15);
  EXPECT_LE(empty, three);
}

TEST_F(PostgresInspectTest, SchemasAndExclusions) {
  conn_->execute(
      "CREATE SCHEMA app; CREATE TABLE app.a (id INT PRIMARY KEY); "
      "CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES app.a (id)); "
      "CREATE TABLE app.c (b_id INT REFERENCES public.b (id))");
  MetaData current = dialect().inspect(*conn_, {});
  ASSERT_EQ(current.tables.size(), 1u);
  EXPECT_EQ(current.tables[0].name, "b");
  EXPECT_EQ(current.tables[0].foreign_keys[0].referred_schema, "app");

  InspectOptions options;
  options.schemas = {"app"};
  options.exclude_tables = {"c"};
  MetaData app = dialect().inspect(*conn_, options);
  ASSERT_EQ(app.tables.size(), 1u);
  EXPECT_EQ(app.tables[0].schema, "app");
  EXPECT_EQ(app.tables[0].name, "a");

  options.schemas = {"app", "public"};
  options.exclude_tables = {};
  MetaData both = dialect().inspect(*conn_, options);
  ASSERT_EQ(both.tables.size(), 3u);
  const Table* c = both.find_table("app", "c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->foreign_keys[0].referred_schema, "");  // public is the current schema
  EXPECT_NE(both.find_table("", "b"), nullptr);

  auto view = dialect().live_schema(*conn_);
  EXPECT_TRUE(view->table("app", "a"));
  EXPECT_FALSE(view->table("", "a"));
  EXPECT_FALSE(view->table("nosuchschema", "a"));
}

TEST_F(PostgresInspectTest, HoldsDataWithoutAbortingTheTransaction) {
  conn_->execute("CREATE TABLE t (a INT, b INT); INSERT INTO t (a) VALUES (1)");
  const Dialect& d = dialect();
  conn_->begin();
  EXPECT_EQ(d.holds_data(*conn_, {"", "missing"}, ""), std::nullopt);
  EXPECT_EQ(d.holds_data(*conn_, {"nosuchschema", "missing"}, ""), std::nullopt);
  EXPECT_EQ(d.holds_data(*conn_, {"", "t"}, "missing"), std::nullopt);
  EXPECT_EQ(d.holds_data(*conn_, {"", "missing"}, "a"), std::nullopt);
  // The transaction is still alive.
  conn_->execute("CREATE TABLE u (x INT)");
  EXPECT_EQ(d.holds_data(*conn_, {"", "u"}, ""), false);
  EXPECT_EQ(d.holds_data(*conn_, {"", "t"}, ""), true);
  EXPECT_EQ(d.holds_data(*conn_, {"", "t"}, "a"), true);
  EXPECT_EQ(d.holds_data(*conn_, {"", "t"}, "b"), false);
  EXPECT_EQ(d.holds_data(*conn_, {"public", "t"}, "a"), true);
  conn_->commit();
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM u")), 0);
}

TEST_F(PostgresInspectTest, HoldsDataAnswersManyProbesInOneQueryInsideATransaction) {
  conn_->execute(
      "CREATE SCHEMA app; CREATE TABLE t (a INT, b INT); INSERT INTO t (a) VALUES (1); "
      "CREATE TABLE empty (a INT); CREATE TABLE app.\"we\"\"ird\" (\"c\"\"ol\" TEXT); "
      "INSERT INTO app.\"we\"\"ird\" VALUES ('x'); "
      "CREATE TABLE emptied (a INT); INSERT INTO emptied VALUES (1); DELETE FROM emptied");
  const Dialect& d = dialect();
  CountingConnection counting(*conn_);
  conn_->begin();
  const std::vector<DataProbe> probes = {{{"", "missing"}, ""},
                                         {{"nosuchschema", "t"}, ""},
                                         {{"", "t"}, "missing"},
                                         {{"", "missing"}, "a"},
                                         {{"", "empty"}, ""},
                                         {{"", "empty"}, "a"},
                                         {{"", "t"}, ""},
                                         {{"", "t"}, "a"},
                                         {{"", "t"}, "b"},
                                         {{"public", "t"}, "a"},
                                         {{"app", "we\"ird"}, ""},
                                         {{"app", "we\"ird"}, "c\"ol"},
                                         {{"", "t"}, "a; DROP TABLE t"},
                                         {{"", "emptied"}, ""}};
  const std::vector<std::optional<bool>> expected = {
      std::nullopt, std::nullopt, std::nullopt, std::nullopt, false, false,        true,
      true,         false,        true,         true,         true,  std::nullopt, false};
  EXPECT_EQ(d.holds_data(counting, probes), expected);
  EXPECT_EQ(counting.count, 1);
  // The transaction is still alive, and the single-probe form agrees, in one query too.
  conn_->execute("CREATE TABLE u (x INT)");
  counting.count = 0;
  EXPECT_EQ(d.holds_data(counting, {"", "u"}, ""), false);
  EXPECT_EQ(d.holds_data(counting, {"", "t"}, "missing"), std::nullopt);
  EXPECT_EQ(counting.count, 2);
  EXPECT_TRUE(d.holds_data(counting, std::vector<DataProbe>{}).empty());
  conn_->commit();
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM u")), 0);
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM t")), 1);
}

TEST_F(PostgresInspectTest, HoldsDataSplitsVeryLargeBatches) {
  // A SELECT list holds at most 1664 entries: a batch past that still gets every answer.
  conn_->execute("CREATE TABLE t (a INT, b INT); INSERT INTO t (a) VALUES (1)");
  std::vector<DataProbe> probes;
  std::vector<std::optional<bool>> expected;
  for (int i = 0; i < 2000; ++i) {
    switch (i % 3) {
      case 0:
        probes.push_back({{"", "t"}, "a"});
        expected.push_back(true);
        break;
      case 1:
        probes.push_back({{"", "t"}, "b"});
        expected.push_back(false);
        break;
      default:
        probes.push_back({{"", "gone"}, ""});
        expected.push_back(std::nullopt);
    }
  }
  CountingConnection counting(*conn_);
  EXPECT_EQ(dialect().holds_data(counting, probes), expected);
  EXPECT_LE(counting.count, 5);
}

// The catalog's "provably empty" shortcut (a heap table whose main fork has no page) must never
// answer for a table that holds rows, and must leave every other case to the real scan.
TEST_F(PostgresInspectTest, HoldsDataAnswersFromTheCatalogOnlyWhereThatIsSafe) {
  conn_->execute(
      "CREATE TABLE never (a INT); "
      "CREATE TABLE emptied (a INT, b INT); INSERT INTO emptied VALUES (1, 2); DELETE FROM "
      "emptied; "
      "CREATE TABLE refilled (a INT); INSERT INTO refilled VALUES (1); DELETE FROM refilled; "
      "INSERT INTO refilled VALUES (2); "
      // Rows only in an inheritance child: the parent's own main fork is empty.
      "CREATE TABLE parent (a INT, b INT); CREATE TABLE child (c INT) INHERITS (parent); "
      "INSERT INTO child (a) VALUES (1); "
      "CREATE TABLE lone_parent (a INT); CREATE TABLE lone_child () INHERITS (lone_parent); "
      // Rows only in a partition: a partitioned table has no storage of its own.
      "CREATE TABLE parted (a INT, b INT) PARTITION BY RANGE (a); "
      "CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (100); "
      "INSERT INTO parted (a) VALUES (5); "
      "CREATE TABLE truncated (a INT); INSERT INTO truncated VALUES (1)");
  const Dialect& d = dialect();
  conn_->begin();
  // Rows this transaction has not committed yet still sit on pages of the main fork.
  conn_->execute(
      "CREATE TABLE fresh (a INT); INSERT INTO fresh VALUES (1); "
      "CREATE TEMP TABLE temp_rows (a INT); INSERT INTO temp_rows VALUES (1); "
      "TRUNCATE truncated");
  auto seq_scans = [&](const char* table) {
    return std::get<std::int64_t>(
        conn_
            ->query("SELECT coalesce(sum(seq_scan), 0)::int8 FROM pg_stat_xact_user_tables "
                    "WHERE relname = $1",
                    {Value(std::string(table))})
            .rows.at(0)
            .at(0));
  };
  const std::vector<DataProbe> probes = {
      {{"", "never"}, ""},     {{"", "never"}, "a"},     {{"", "emptied"}, ""},
      {{"", "emptied"}, "b"},  {{"", "refilled"}, ""},   {{"", "parent"}, ""},
      {{"", "parent"}, "a"},   {{"", "parent"}, "b"},    {{"", "lone_parent"}, ""},
      {{"", "parted"}, ""},    {{"", "parted"}, "a"},    {{"", "parted"}, "b"},
      {{"", "fresh"}, ""},     {{"", "fresh"}, "a"},     {{"", "temp_rows"}, ""},
      {{"", "truncated"}, ""}, {{"", "truncated"}, "a"}, {{"", "never"}, "missing"}};
  const std::vector<std::optional<bool>> expected = {
      false, false, false, false, true, true, true,  false, false,
      true,  true,  false, true,  true, true, false, false, std::nullopt};
  EXPECT_EQ(d.holds_data(*conn_, probes), expected);
  // A table that never had a row is answered from the catalog, one that had rows by reading it.
  EXPECT_EQ(seq_scans("never"), 0);
  EXPECT_EQ(seq_scans("truncated"), 0);
  EXPECT_GE(seq_scans("emptied"), 2);
  // The transaction is still alive.
  conn_->commit();
  EXPECT_EQ(std::get<std::int64_t>(scalar("SELECT count(*) FROM fresh")), 1);
}

TEST(PostgresDefaults, ParsesWhatPgGetExprPrints) {
  using postgresql::parse_default;
  using K = ServerDefault::Kind;
  bool autoincrement = false;
  EXPECT_EQ(parse_default("'x'::text", autoincrement), (ServerDefault{K::Literal, "x"}));
  EXPECT_EQ(parse_default("'a''b'::character varying", autoincrement),
            (ServerDefault{K::Literal, "a'b"}));
  EXPECT_EQ(parse_default("'-1'::integer", autoincrement), (ServerDefault{K::Literal, "-1"}));
  EXPECT_EQ(parse_default("'2020-01-01'::date", autoincrement),
            (ServerDefault{K::Literal, "2020-01-01"}));
  EXPECT_EQ(parse_default("now()", autoincrement), (ServerDefault{K::Now, ""}));
  EXPECT_EQ(parse_default("CURRENT_TIMESTAMP", autoincrement), (ServerDefault{K::Now, ""}));
  EXPECT_EQ(parse_default("42", autoincrement), (ServerDefault{K::Literal, "42"}));
  EXPECT_EQ(parse_default("false", autoincrement), (ServerDefault{K::Literal, "false"}));
  EXPECT_EQ(parse_default("(1 + 2)", autoincrement), (ServerDefault{K::Expression, "(1 + 2)"}));
  EXPECT_EQ(parse_default("'a'::text || 'b'::text", autoincrement),
            (ServerDefault{K::Expression, "'a'::text || 'b'::text"}));
  EXPECT_EQ(parse_default("NULL::character varying", autoincrement), std::nullopt);
  EXPECT_FALSE(autoincrement);
  EXPECT_EQ(parse_default("nextval('t_id_seq'::regclass)", autoincrement),
            (ServerDefault{K::Expression, "nextval('t_id_seq'::regclass)"}));
  EXPECT_TRUE(autoincrement);
}

TEST(PostgresDefaults, CheckTextAndParentheses) {
  using postgresql::check_sqltext;
  using postgresql::fully_parenthesized;
  EXPECT_EQ(check_sqltext("CHECK ((a > 0))"), "a > 0");
  EXPECT_EQ(check_sqltext("CHECK (((a > 0) AND (b > 0)))"), "(a > 0) AND (b > 0)");
  EXPECT_EQ(check_sqltext("CHECK ((a > 0)) NOT VALID"), "a > 0");
  EXPECT_TRUE(fully_parenthesized("(a)"));
  EXPECT_FALSE(fully_parenthesized("(a) AND (b)"));
  EXPECT_FALSE(fully_parenthesized("(a = ')(')  OR (b)"));
}

}  // namespace
}  // namespace retort::test::pg
