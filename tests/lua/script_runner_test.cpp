// ScriptRunner: errors with file:line, sink exceptions passing through Lua, environments,
// context, sa types and models files.
#include "lua/script_runner.hpp"

#include <gtest/gtest.h>

#include "collecting_sink.hpp"
#include "support/test_env.hpp"
#include "support/script_runs.hpp"

namespace retort {
namespace {

using test::run_upgrade;
using test::script_error;

TEST(ScriptRunnerTest, SyntaxErrorHasFileAndLine) {
  std::string msg = script_error("function upgrade()\n  op.execute('x'\nend\n");
  EXPECT_EQ(msg.rfind("test.lua:3: ", 0), 0u) << msg;
}

TEST(ScriptRunnerTest, RuntimeErrorHasFileAndLine) {
  std::string msg = script_error("function upgrade()\n  local x = nil\n  x.y = 1\nend\n");
  EXPECT_EQ(msg.rfind("test.lua:3: attempt to index a nil value", 0), 0u) << msg;
}

TEST(ScriptRunnerTest, ErrorCalledByScript) {
  EXPECT_EQ(script_error("function upgrade()\n\n  error('stop here')\nend\n"),
            "test.lua:3: stop here");
  EXPECT_EQ(script_error("function upgrade()\n  error('no position', 0)\nend\n"),
            "test.lua: no position");
  EXPECT_EQ(script_error("function upgrade()\n  error({})\nend\n"),
            "test.lua: error object is a table value");
}

TEST(ScriptRunnerTest, BadArgumentsPointAtTheCallingLine) {
  EXPECT_EQ(script_error("function upgrade()\n"
                         "  op.add_column('t', sa.Column('x', sa.Integer(), { nulable = true }))\n"
                         "end\n"),
            "test.lua:2: unknown option 'nulable' for sa.Column");
  EXPECT_EQ(script_error("function upgrade()\n"
                         "  op.add_column('t',\n"
                         "    sa.Column('x', 'varchar'))\n"
                         "end\n"),
            "test.lua:3: sa.Column 'x': expected a type such as sa.Integer() or sa.String(50) "
            "(got string)");
  EXPECT_EQ(
      script_error("function upgrade()\n  op.drop_column('t')\nend\n"),
      "test.lua:2: op.drop_column: argument 2 (the column name) must be a string (got nothing)");
  EXPECT_EQ(script_error("function upgrade()\n  op.add_column('t', sa.Column('x'))\nend\n"),
            "test.lua:2: sa.Column 'x' needs a type as its second argument, e.g. sa.Integer()");
  EXPECT_EQ(
      script_error("function upgrade()\n  op.add_column('t', sa.Column('x', sa.Strin()))\nend\n"),
      "test.lua:2: sa.Strin does not exist");
  EXPECT_EQ(script_error("function upgrade()\n  op.add_colum('t')\nend\n"),
            "test.lua:2: op.add_colum does not exist");
  EXPECT_EQ(
      script_error("function upgrade()\n  op.drop_table('t', { allow_data_loss = 1 })\nend\n"),
      "test.lua:2: option 'allow_data_loss' for op.drop_table must be true or false (got "
      "number)");
  EXPECT_EQ(script_error("function upgrade()\n  sa.ForeignKey('users')\nend\n"),
            "test.lua:2: sa.ForeignKey: 'users' must be \"table.column\" or "
            "\"schema.table.column\"");
  EXPECT_EQ(
      script_error("function upgrade()\n  op.drop_constraint('x', 't', { type_ = 'fk' })\nend\n"),
      "test.lua:2: option 'type_' for op.drop_constraint must be \"foreignkey\", \"unique\", "
      "\"check\", \"primary\" or \"exclude\" (got \"fk\")");
}

TEST(ScriptRunnerTest, ErrorInsidePcallStillHasTheScriptLine) {
  std::string msg = script_error(
      "function upgrade()\n"
      "  local ok, err = pcall(op.drop_column, 't')\n"
      "  error(err, 0)\n"
      "end\n");
  EXPECT_EQ(msg.rfind("test.lua:2: op.drop_column", 0), 0u) << msg;
}

TEST(ScriptRunnerTest, ByteOrderMarkAndShebangAreSkipped) {
  EXPECT_EQ(
      script_error("\xEF\xBB\xBF#!/usr/bin/env retort\nfunction upgrade()\n  error('x')\nend\n"),
      "test.lua:3: x");
}

TEST(ScriptRunnerTest, MissingFunctionNamesTheFile) {
  std::string msg = script_error("function downgrade() end\n");
  EXPECT_EQ(msg.rfind("test.lua: no function upgrade() defined", 0), 0u) << msg;
}

TEST(ScriptRunnerTest, LongPathsAreNotTruncated) {
  test::TempDir dir;
  auto file = dir.path() / "versions" /
              "3f2a1b9c8d7e_add_avatar_url_and_created_at_to_usuarios_and_more_words.lua";
  test::write_file(file, "function upgrade()\n  local t = nil\n  return t.x\nend\n");
  ScriptRunner runner;
  test::CollectingSink sink;
  try {
    test::run_file(runner, file, "upgrade", sink, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_EQ(std::string(e.what()).rfind(file.string() + ":3: attempt to index", 0), 0u)
        << e.what();
  }
  test::write_file(file, "function upgrade()\n  op.execute(1)\nend\n");
  try {
    test::run_file(runner, file, "upgrade", sink, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(file.string() + ":2: op.execute", 0), 0u) << e.what();
  }
}

TEST(ScriptRunnerTest, SinkExceptionPropagatesUnchanged) {
  ScriptRunner runner;
  test::CollectingSink sink;
  int destroyed = 0;
  sink.on_emit = [&](const ops::Op& op) {
    if (std::holds_alternative<ops::DropColumn>(op))
      throw Error(ErrorKind::DataLoss, "drop_column t.c: t holds 3 rows; pass allow_data_loss");
  };
  const std::string script =
      "function upgrade()\n"
      "  op.execute('a')\n"
      "  op.drop_column('t', 'c')\n"
      "  op.execute('never')\n"
      "end\n";
  try {
    test::run_source(runner, "s.lua", script, "upgrade", sink, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::DataLoss);
    EXPECT_EQ(std::string(e.what()), "drop_column t.c: t holds 3 rows; pass allow_data_loss");
  }
  (void)destroyed;
  EXPECT_EQ(sink.ops.size(), 1u);

  // Caught by the script's pcall: still rethrown when the script returns, since the database
  // may be in no state to go on.
  test::CollectingSink sink2;
  sink2.on_emit = [](const ops::Op&) { throw Error(ErrorKind::Database, "boom"); };
  try {
    test::run_source(runner, "s.lua",
                      "function upgrade()\n  local ok, e = pcall(op.execute, 'x')\n"
                      "  assert(not ok and e == 'boom')\nend\n",
                      "upgrade", sink2, {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(std::string(e.what()), "boom");
  }

  // The runner is still usable after an exception unwound through Lua.
  test::CollectingSink sink3;
  test::run_source(runner, "s.lua", "function upgrade() op.execute('ok') end", "upgrade", sink3, {});
  EXPECT_EQ(sink3.ops.size(), 1u);
}

TEST(ScriptRunnerTest, NonRetortExceptionFromSinkPropagates) {
  ScriptRunner runner;
  test::CollectingSink sink;
  sink.on_emit = [](const ops::Op&) { throw std::runtime_error("low level"); };
  EXPECT_THROW(
      test::run_source(runner, "s.lua", "function upgrade() op.execute('x') end", "upgrade", sink, {}),
      std::runtime_error);
}

TEST(ScriptRunnerTest, GlobalsDoNotLeakBetweenScripts) {
  ScriptRunner runner;
  test::CollectingSink sink;
  test::run_source(runner, "a.lua", "leaked = 42\nfunction upgrade() end\n", "upgrade", sink, {});
  test::run_source(runner, "b.lua",
                    "function upgrade()\n"
                    "  assert(leaked == nil, 'leaked')\n"
                    "  assert(io == nil and require == nil and dofile == nil and load == nil)\n"
                    "  assert(os.execute == nil and os.time() > 0 and os.date('%Y') ~= nil)\n"
                    "  assert(string.format('%d', 3) == '3' and math.max(1, 2) == 2)\n"
                    "end\n",
                    "upgrade", sink, {});
  EXPECT_EQ(script_error("function upgrade() sa.Integer = 1 end"), "test.lua:1: sa is read-only");
  EXPECT_EQ(script_error("function upgrade() sa.func.now = 1 end"),
            "test.lua:1: sa.func is read-only");
  EXPECT_EQ(script_error("function upgrade() rawset(op, 'x', 1) end")
                .rfind("test.lua:1: bad "
                       "argument #1 to "
                       "'rawset'",
                       0),
            0u);
  test::run_source(runner, "c.lua", "string.helper = 1\nfunction upgrade() end\n", "upgrade", sink, {});
  test::run_source(runner, "d.lua", "function upgrade() assert(string.helper == nil) end\n", "upgrade",
                    sink, {});
  // The environments share one metatable: no script can read or replace it, and a library
  // dropped from one script's environment comes back as a fresh proxy, never the shared one.
  test::run_source(runner, "e.lua",
                    "assert(getmetatable(_ENV) == false)\n"
                    "assert(not pcall(setmetatable, _ENV, {}))\n"
                    "assert(string == string and string.upper('a') == 'A')\n"
                    "string = nil\n"
                    "string.helper2 = 1\n"
                    "function upgrade() end\n",
                    "upgrade", sink, {});
  test::run_source(runner, "f.lua",
                    "function upgrade() assert(string.helper2 == nil and table.concat ~= nil) end\n",
                    "upgrade", sink, {});
}

TEST(ScriptRunnerTest, Context) {
  ScriptContext ctx;
  ctx.dialect = "postgresql";
  ctx.offline = true;
  ctx.x = {{"tenant", "acme"}};
  auto ops = run_upgrade(R"LUA(
  assert(context.dialect == "postgresql")
  assert(context.is_offline_mode == true)
  assert(context.x.missing == nil)
  op.execute("SET x = " .. context.x.tenant)
  local n = 0
  for k, v in pairs(context.get_x_argument()) do n = n + 1 end
  assert(n == 1)
)LUA",
                         ctx);
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(std::get<ops::Execute>(ops[0]).sql, "SET x = acme");
}

// Each script gets its own `context` (made when it first reads it): what one script changes,
// or removes, the next one does not see.
TEST(ScriptRunnerTest, ContextIsEachScriptsOwn) {
  ScriptRunner runner;
  test::CollectingSink sink;
  ScriptContext ctx;
  ctx.dialect = "sqlite";
  ctx.x = {{"tenant", "acme"}};
  test::run_source(runner, "a.lua",
                    "context.dialect = 'changed'\ncontext.x.tenant = 'other'\n"
                    "function upgrade() assert(context.dialect == 'changed') end\n",
                    "upgrade", sink, ctx);
  test::run_source(runner, "b.lua", "context = nil\nfunction upgrade() end\n", "upgrade", sink, ctx);
  test::run_source(runner, "c.lua",
                    "function upgrade()\n"
                    "  assert(context.dialect == 'sqlite')\n"
                    "  assert(context.x.tenant == 'acme')\n"
                    "  assert(context.is_offline_mode == false)\n"
                    "end\n",
                    "upgrade", sink, ctx);
}

TEST(ScriptRunnerTest, OfflineGetBindIsAnError) {
  ScriptRunner runner;
  test::CollectingSink sink;  // no connection: bind() throws as the offline sink does
  try {
    test::run_source(runner, "s.lua", "function upgrade()\n  op.get_bind()\nend\n", "upgrade", sink, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_EQ(std::string(e.what()), "s.lua:2: op.get_bind() is not available with --sql");
  }
}

template <class T>
const T& only(const std::vector<ops::Op>& ops) {
  return std::get<T>(ops.at(0));
}

Type column_type(const std::string& lua_type) {
  auto ops = run_upgrade("op.add_column('t', sa.Column('c', " + lua_type + "))");
  return only<ops::AddColumn>(ops).column.type;
}

TEST(SaModuleTest, Types) {
  EXPECT_EQ(column_type("sa.Integer()"), (Type{.kind = TypeKind::Integer}));
  EXPECT_EQ(column_type("sa.BigInteger"), (Type{.kind = TypeKind::BigInteger}));
  EXPECT_EQ(column_type("sa.SmallInteger()"), (Type{.kind = TypeKind::SmallInteger}));
  EXPECT_EQ(column_type("sa.String(30)"), (Type{.kind = TypeKind::String, .length = 30}));
  EXPECT_EQ(column_type("sa.String"), (Type{.kind = TypeKind::String}));
  EXPECT_EQ(column_type("sa.Text()"), (Type{.kind = TypeKind::Text}));
  EXPECT_EQ(column_type("sa.Boolean()"), (Type{.kind = TypeKind::Boolean}));
  EXPECT_EQ(column_type("sa.Date()"), (Type{.kind = TypeKind::Date}));
  EXPECT_EQ(column_type("sa.DateTime({ timezone = true })"),
            (Type{.kind = TypeKind::DateTime, .timezone = true}));
  EXPECT_EQ(column_type("sa.Time(true)"), (Type{.kind = TypeKind::Time, .timezone = true}));
  EXPECT_EQ(column_type("sa.Numeric(12, 4)"),
            (Type{.kind = TypeKind::Numeric, .precision = 12, .scale = 4}));
  EXPECT_EQ(column_type("sa.Numeric()"), (Type{.kind = TypeKind::Numeric}));
  EXPECT_EQ(column_type("sa.Float(53)"), (Type{.kind = TypeKind::Float, .precision = 53}));
  EXPECT_EQ(column_type("sa.LargeBinary()"), (Type{.kind = TypeKind::LargeBinary}));
  EXPECT_EQ(column_type("sa.JSON()"), (Type{.kind = TypeKind::JSON}));
  EXPECT_EQ(column_type("sa.Uuid()"), (Type{.kind = TypeKind::Uuid}));
  EXPECT_EQ(column_type("sa.Enum('happy', 'sad', { name = 'mood' })"),
            (Type{.kind = TypeKind::Enum, .enum_values = {"happy", "sad"}, .enum_name = "mood"}));
  EXPECT_EQ(column_type("sa.Type('tsvector')"),
            (Type{.kind = TypeKind::Native, .native = "tsvector"}));
  EXPECT_EQ(column_type("sa.Unicode(10)"), (Type{.kind = TypeKind::String, .length = 10}));
}

TEST(SaModuleTest, TypeArgumentErrors) {
  EXPECT_EQ(script_error("function upgrade() sa.Integer(5) end"),
            "test.lua:1: sa.Integer takes no positional arguments (got 1)");
  EXPECT_EQ(script_error("function upgrade() sa.String('x') end"),
            "test.lua:1: sa.String: length must be an integer (got string)");
  EXPECT_EQ(script_error("function upgrade() sa.DateTime({ timezon = true }) end"),
            "test.lua:1: unknown option 'timezon' for sa.DateTime");
  EXPECT_EQ(script_error("function upgrade() sa.Enum({ name = 'x' }) end"),
            "test.lua:1: sa.Enum needs at least one value");
}

TEST(SaModuleTest, ServerDefaults) {
  auto sd = [](const std::string& lua) {
    auto ops = run_upgrade(
        "op.add_column('t', sa.Column('c', sa.Text(), { server_default = " + lua + " }))");
    return *only<ops::AddColumn>(ops).column.server_default;
  };
  EXPECT_EQ(sd("'hello'"), (ServerDefault{ServerDefault::Kind::Literal, "hello"}));
  EXPECT_EQ(sd("sa.text('now()')"), (ServerDefault{ServerDefault::Kind::Expression, "now()"}));
  EXPECT_EQ(sd("sa.func.now()"), (ServerDefault{ServerDefault::Kind::Now, ""}));
  EXPECT_EQ(sd("sa.func.current_timestamp()"), (ServerDefault{ServerDefault::Kind::Now, ""}));
  EXPECT_EQ(sd("sa.func.lower('A')"),
            (ServerDefault{ServerDefault::Kind::Expression, "lower('A')"}));
  EXPECT_EQ(sd("42"), (ServerDefault{ServerDefault::Kind::Literal, "42"}));
  EXPECT_EQ(sd("1.5"), (ServerDefault{ServerDefault::Kind::Literal, "1.5"}));
}

TEST(SaModuleTest, ColumnOptions) {
  auto ops = run_upgrade(
      "op.add_column('t', sa.Column('c', sa.Integer(), { nullable = false, autoincrement = false,"
      " comment = 'hi' }))");
  const Column& c = only<ops::AddColumn>(ops).column;
  EXPECT_FALSE(c.nullable);
  EXPECT_EQ(c.autoincrement, false);
  EXPECT_EQ(c.comment, "hi");
}

TEST(ModelsTest, EveryTableRegistersInOrder) {
  test::TempDir dir;
  auto file = dir.path() / "models.lua";
  test::write_file(file, R"LUA(
sa.Table("usuarios",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("nome", sa.String(120), { nullable = false }),
  sa.Column("email", sa.String(255), { nullable = false, unique = true }),
  sa.Column("avatar_url", sa.String()),
  sa.Column("created_at", sa.DateTime(), { server_default = sa.func.now() }))

local posts = sa.Table("posts",
  sa.Column("id", sa.Integer(), { primary_key = true }),
  sa.Column("author_id", sa.Integer(), sa.ForeignKey("usuarios.id")),
  sa.Column("title", sa.Text()),
  sa.Index("ix_posts_title_lower", sa.text("lower(title)"), { unique = true }),
  { schema = "blog" })
)LUA");
  ScriptRunner runner;
  MetaData md = test::load_models(runner, file, {});
  ASSERT_EQ(md.tables.size(), 2u);
  const Table& u = md.tables[0];
  EXPECT_EQ(u.name, "usuarios");
  EXPECT_EQ(u.primary_key->name, "pk_usuarios");
  EXPECT_FALSE(u.columns[0].nullable);
  ASSERT_EQ(u.unique_constraints.size(), 1u);
  EXPECT_EQ(u.unique_constraints[0].name, "uq_usuarios_email");
  EXPECT_EQ(u.columns[4].server_default, (ServerDefault{ServerDefault::Kind::Now, ""}));
  const Table& p = md.tables[1];
  EXPECT_EQ(p.schema, "blog");
  ASSERT_EQ(p.foreign_keys.size(), 1u);
  EXPECT_EQ(p.foreign_keys[0].name, "fk_posts_author_id_usuarios");
  ASSERT_EQ(p.indexes.size(), 1u);
  EXPECT_TRUE(p.indexes[0].unique);
  EXPECT_EQ(p.indexes[0].elements, (std::vector<IndexElement>{{"lower(title)", true}}));
}

TEST(ModelsTest, ReturnedListChoosesTheModels) {
  test::TempDir dir;
  auto file = dir.path() / "models.lua";
  test::write_file(file, R"LUA(
local a = sa.Table("a", sa.Column("id", sa.Integer(), { primary_key = true }))
local scratch = sa.Table("scratch", sa.Column("x", sa.Integer()))
local b = sa.Table("b", sa.Column("id", sa.Integer(), { primary_key = true }))
return { b, a }
)LUA");
  ScriptRunner runner;
  MetaData md = test::load_models(runner, file, {});
  ASSERT_EQ(md.tables.size(), 2u);
  EXPECT_EQ(md.tables[0].name, "b");
  EXPECT_EQ(md.tables[1].name, "a");
}

TEST(ModelsTest, ErrorsAndNamingConvention) {
  test::TempDir dir;
  auto file = dir.path() / "models.lua";
  test::write_file(file,
                   "sa.Table('t', sa.Column('id', sa.Integer()))\n"
                   "sa.Table('t', sa.Column('id', sa.Integer()))\n");
  ScriptRunner runner;
  try {
    test::load_models(runner, file, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), file.string() + ": table t is defined twice");
  }
  test::write_file(file,
                   "sa.Table('t',\n  sa.Column('a', sa.Integer()),\n"
                   "  sa.CheckConstraint('a > 0'))\n");
  // An unnamed check takes the convention's name from the column it names.
  EXPECT_EQ(test::load_models(runner, file, {}).tables[0].check_constraints[0].name, "ck_t_a");
  test::write_file(file,
                   "sa.Table('t', sa.Column('a', sa.Integer(), { unique = true }))\n"
                   "op.execute('x')\n");
  try {
    test::load_models(runner, file, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
  }
  test::write_file(file, "sa.Table('t', sa.Column('a', sa.Integer(), { unique = true }))\n");
  ScriptContext ctx;
  ctx.naming_convention.patterns["uq"] = "%(table_name)s_%(column_0_name)s_key";
  MetaData md = test::load_models(runner, file, ctx);
  EXPECT_EQ(md.tables[0].unique_constraints[0].name, "t_a_key");
}

}  // namespace
}  // namespace retort
