// op.* calls build the ops Alembic would, named by the convention, in script order.
#include <gtest/gtest.h>

#include <algorithm>

#include "collecting_sink.hpp"
#include "schema/naming.hpp"
#include "support/script_runs.hpp"

namespace retort {
namespace {

using test::run_upgrade;
using test::script_error;

template <class T>
const T& as(const ops::Op& op) {
  const T* p = std::get_if<T>(&op);
  if (!p) throw std::runtime_error("unexpected op: " + ops::describe(op));
  return *p;
}

TEST(OpModuleTest, CanonicalScriptFromArchitecture) {
  ScriptRunner runner;
  test::CollectingSink sink;
  const std::string script = R"LUA(--- add avatar_url and created_at to usuarios
--
-- Revision ID: 3f2a1b9c8d7e
-- Revises: 9a8b7c6d5e4f
-- Create Date: 2026-11-24 10:00:00

revision = "3f2a1b9c8d7e"
down_revision = "9a8b7c6d5e4f"   -- nil for the first; {"a", "b"} for a merge
branch_labels = nil
depends_on = nil

function upgrade()
  op.add_column("usuarios", sa.Column("avatar_url", sa.String(), { nullable = true }))
  op.add_column("usuarios", sa.Column("created_at", sa.DateTime(), { nullable = true }))
end

function downgrade()
  op.drop_column("usuarios", "created_at")
  op.drop_column("usuarios", "avatar_url")
end
)LUA";
  test::run_source(runner, "3f2a1b9c8d7e_add.lua", script, "upgrade", sink, {});
  ASSERT_EQ(sink.ops.size(), 2u);
  const auto& a = as<ops::AddColumn>(sink.ops[0]);
  EXPECT_EQ(a.table, (ops::TableRef{"", "usuarios"}));
  EXPECT_EQ(a.column.name, "avatar_url");
  EXPECT_TRUE(a.column.nullable);
  EXPECT_EQ(a.column.type, (Type{.kind = TypeKind::String}));
  EXPECT_FALSE(a.column.type.length);
  const auto& b = as<ops::AddColumn>(sink.ops[1]);
  EXPECT_EQ(b.column.name, "created_at");
  EXPECT_TRUE(b.column.nullable);
  EXPECT_EQ(b.column.type, (Type{.kind = TypeKind::DateTime}));

  test::CollectingSink down;
  test::run_source(runner, "3f2a1b9c8d7e_add.lua", script, "downgrade", down, {});
  ASSERT_EQ(down.ops.size(), 2u);
  EXPECT_EQ(as<ops::DropColumn>(down.ops[0]).column, "created_at");
  EXPECT_EQ(as<ops::DropColumn>(down.ops[1]).column, "avatar_url");
  EXPECT_FALSE(as<ops::DropColumn>(down.ops[1]).allow_data_loss);
}

TEST(OpModuleTest, CreateTableNormalizes) {
  auto ops = run_upgrade(R"LUA(
  op.create_table("posts",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", { ondelete = "cascade" }),
              { nullable = false, index = true }),
    sa.Column("slug", sa.String(80), { unique = true }),
    sa.Column("body", sa.Text()),
    sa.CheckConstraint("length(slug) > 0", { name = "slug_not_empty" }),
    sa.UniqueConstraint("user_id", "body"),
    { schema = "blog", comment = "posts" }))LUA");
  ASSERT_EQ(ops.size(), 1u);
  const Table& t = as<ops::CreateTable>(ops[0]).table;
  EXPECT_EQ(t.schema, "blog");
  EXPECT_EQ(t.name, "posts");
  EXPECT_EQ(t.comment, "posts");
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_TRUE(t.columns[0].primary_key);
  EXPECT_EQ(t.columns[1].type.kind, TypeKind::Integer);  // sa.Integer without the call
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_EQ(t.columns[2].type.length, 80);
  EXPECT_TRUE(t.columns[3].nullable);
  ASSERT_TRUE(t.primary_key);
  EXPECT_EQ(t.primary_key->name, "pk_posts");
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].name, "fk_posts_user_id_users");
  EXPECT_EQ(t.foreign_keys[0].referred_table, "users");
  EXPECT_EQ(t.foreign_keys[0].referred_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(t.foreign_keys[0].ondelete, "CASCADE");
  ASSERT_EQ(t.unique_constraints.size(), 2u);
  EXPECT_EQ(t.unique_constraints[0].name, "uq_posts_user_id");
  EXPECT_EQ(t.unique_constraints[1].name, "uq_posts_slug");
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "ix_posts_user_id");
  ASSERT_EQ(t.check_constraints.size(), 1u);
  EXPECT_EQ(t.check_constraints[0].name, "slug_not_empty");
  for (const auto& c : t.columns) {
    EXPECT_FALSE(c.unique);
    EXPECT_FALSE(c.index);
    EXPECT_TRUE(c.foreign_keys.empty());
  }
}

TEST(OpModuleTest, AddColumnSplitsSugar) {
  auto ops = run_upgrade(R"LUA(
  op.add_column("users", sa.Column("org_id", sa.Integer(),
      sa.ForeignKey("auth.orgs.id", { ondelete = "SET NULL", name = "users_org" }),
      { unique = true, server_default = "0", comment = "the org" }), { schema = "app" })
  op.add_column("users", sa.Column("nick", sa.String(40), { index = true, nullable = false }))
)LUA");
  ASSERT_EQ(ops.size(), 5u);
  const auto& add = as<ops::AddColumn>(ops[0]);
  EXPECT_EQ(add.table, (ops::TableRef{"app", "users"}));
  EXPECT_FALSE(add.column.unique);
  EXPECT_TRUE(add.column.foreign_keys.empty());
  EXPECT_EQ(add.column.server_default, (ServerDefault{ServerDefault::Kind::Literal, "0"}));
  EXPECT_EQ(add.column.comment, "the org");
  const auto& uq = as<ops::CreateUniqueConstraint>(ops[1]);
  EXPECT_EQ(uq.table, (ops::TableRef{"app", "users"}));
  EXPECT_EQ(uq.constraint.name, "uq_users_org_id");
  EXPECT_EQ(uq.constraint.columns, std::vector<std::string>{"org_id"});
  const auto& fk = as<ops::CreateForeignKey>(ops[2]);
  EXPECT_EQ(fk.constraint.name, "users_org");
  EXPECT_EQ(fk.constraint.referred_schema, "auth");
  EXPECT_EQ(fk.constraint.referred_table, "orgs");
  EXPECT_EQ(fk.constraint.ondelete, "SET NULL");
  EXPECT_EQ(fk.constraint.columns, std::vector<std::string>{"org_id"});
  const auto& add2 = as<ops::AddColumn>(ops[3]);
  EXPECT_FALSE(add2.column.nullable);
  EXPECT_FALSE(add2.column.index);
  const auto& ix = as<ops::CreateIndex>(ops[4]);
  EXPECT_EQ(ix.index.name, "ix_users_nick");
  EXPECT_EQ(ix.index.elements, (std::vector<IndexElement>{{"nick", false}}));
}

// An argument-less type is one shared, immutable value; types with arguments are their own.
TEST(OpModuleTest, ArgumentlessTypesAreSharedValuesWithArgumentsAreNot) {
  auto ops = run_upgrade(R"LUA(
  assert(sa.Integer() == sa.Integer(), "sa.Integer() is one value")
  assert(sa.Text() ~= sa.Integer())
  assert(sa.String(10) ~= sa.String(10))
  assert(sa.String() == sa.String() and sa.String() ~= sa.String(10))
  local int = sa.Integer()
  op.add_column("a", sa.Column("x", int))
  op.add_column("b", sa.Column("y", sa.Integer(), { nullable = false }))
  op.add_column("c", sa.Column("z", sa.String(12)))
  op.add_column("d", sa.Column("w", sa.String()))
)LUA");
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(as<ops::AddColumn>(ops[0]).column.type.kind, TypeKind::Integer);
  EXPECT_EQ(as<ops::AddColumn>(ops[1]).column.type.kind, TypeKind::Integer);
  EXPECT_EQ(as<ops::AddColumn>(ops[2]).column.type.length, 12);
  EXPECT_EQ(as<ops::AddColumn>(ops[3]).column.type.length, std::nullopt);
  EXPECT_EQ(as<ops::AddColumn>(ops[3]).column.type.kind, TypeKind::String);
}

TEST(OpModuleTest, AddColumnPrimaryKeyIsAnError) {
  std::string msg = script_error(
      "function upgrade()\n"
      "  op.add_column('t', sa.Column('id', sa.Integer(), { primary_key = true }))\n"
      "end\n");
  EXPECT_EQ(msg.rfind("test.lua:2: op.add_column: column id has primary_key = true", 0), 0u) << msg;
}

TEST(OpModuleTest, DropAndRename) {
  auto ops = run_upgrade(R"LUA(
  op.drop_table("old", { schema = "s", allow_data_loss = true })
  op.rename_table("a", "b")
  op.drop_column("t", "c", { allow_data_loss = true })
)LUA");
  ASSERT_EQ(ops.size(), 3u);
  const auto& dt = as<ops::DropTable>(ops[0]);
  EXPECT_EQ(dt.table, (ops::TableRef{"s", "old"}));
  EXPECT_TRUE(dt.allow_data_loss);
  const auto& rt = as<ops::RenameTable>(ops[1]);
  EXPECT_EQ(rt.table.name, "a");
  EXPECT_EQ(rt.new_name, "b");
  EXPECT_TRUE(as<ops::DropColumn>(ops[2]).allow_data_loss);
}

TEST(OpModuleTest, AlterColumn) {
  auto ops = run_upgrade(R"LUA(
  op.alter_column("t", "c", { nullable = false, type_ = sa.String(20), server_default = sa.text("'x'"),
    new_column_name = "d", comment = false, existing_type = sa.Text(), existing_nullable = true,
    existing_server_default = "y", existing_comment = "old", allow_data_loss = true })
  op.alter_column("t", "e", { type = sa.Numeric(10, 2), server_default = false, comment = "new" })
  op.alter_column("t", "f", { server_default = sa.func.now() })
)LUA");
  ASSERT_EQ(ops.size(), 3u);
  const auto& a = as<ops::AlterColumn>(ops[0]);
  EXPECT_EQ(a.column, "c");
  EXPECT_EQ(a.nullable, false);
  EXPECT_EQ(a.type, (Type{.kind = TypeKind::String, .length = 20}));
  ASSERT_TRUE(a.server_default && *a.server_default);
  EXPECT_EQ(**a.server_default, (ServerDefault{ServerDefault::Kind::Expression, "'x'"}));
  EXPECT_EQ(a.new_column_name, "d");
  ASSERT_TRUE(a.comment);
  EXPECT_FALSE(*a.comment);  // comment = false: drop it
  EXPECT_EQ(a.existing_type, (Type{.kind = TypeKind::Text}));
  EXPECT_EQ(a.existing_nullable, true);
  EXPECT_EQ(a.existing_server_default, (ServerDefault{ServerDefault::Kind::Literal, "y"}));
  EXPECT_EQ(a.existing_comment, "old");
  EXPECT_TRUE(a.allow_data_loss);
  const auto& b = as<ops::AlterColumn>(ops[1]);
  EXPECT_EQ(b.type, (Type{.kind = TypeKind::Numeric, .precision = 10, .scale = 2}));
  ASSERT_TRUE(b.server_default);
  EXPECT_FALSE(*b.server_default);  // server_default = false: drop it
  EXPECT_FALSE(b.nullable);
  ASSERT_TRUE(b.comment && *b.comment);
  EXPECT_EQ(**b.comment, "new");
  const auto& c = as<ops::AlterColumn>(ops[2]);
  EXPECT_EQ(c.server_default, std::optional<std::optional<ServerDefault>>(
                                  ServerDefault{ServerDefault::Kind::Now, ""}));
}

TEST(OpModuleTest, Indexes) {
  auto ops = run_upgrade(R"LUA(
  op.create_index(nil, "users", { "email" }, { unique = true, postgresql_where = sa.text("deleted_at IS NULL") })
  op.create_index("ix_lower", "users", { sa.text("lower(email)"), "id" }, { schema = "s", if_not_exists = true, postgresql_concurrently = true })
  op.create_index(nil, "users", { sa.text("lower(name)") })
  op.drop_index("ix_lower", "users", { schema = "s", if_exists = true })
  op.drop_index("ix_x", { table_name = "t", concurrently = true })
)LUA");
  ASSERT_EQ(ops.size(), 5u);
  const auto& a = as<ops::CreateIndex>(ops[0]);
  EXPECT_EQ(a.index.name, "ix_users_email");
  EXPECT_TRUE(a.index.unique);
  EXPECT_EQ(a.index.where, "deleted_at IS NULL");
  const auto& b = as<ops::CreateIndex>(ops[1]);
  EXPECT_EQ(b.index.name, "ix_lower");
  EXPECT_EQ(b.table, (ops::TableRef{"s", "users"}));
  EXPECT_EQ(b.index.elements, (std::vector<IndexElement>{{"lower(email)", true}, {"id", false}}));
  EXPECT_TRUE(b.if_not_exists);
  EXPECT_TRUE(b.concurrently);
  EXPECT_EQ(as<ops::CreateIndex>(ops[2]).index.name, "ix_users_lower_name");
  const auto& d = as<ops::DropIndex>(ops[3]);
  EXPECT_EQ(d.name, "ix_lower");
  EXPECT_EQ(d.table, (ops::TableRef{"s", "users"}));
  EXPECT_TRUE(d.if_exists);
  const auto& e = as<ops::DropIndex>(ops[4]);
  EXPECT_EQ(e.table.name, "t");
  EXPECT_TRUE(e.concurrently);
}

TEST(OpModuleTest, Constraints) {
  auto ops = run_upgrade(R"LUA(
  op.create_unique_constraint(nil, "users", { "email", "tenant" })
  op.create_foreign_key(nil, "posts", "users", { "author_id" }, { "id" },
    { ondelete = "cascade", deferrable = true, initially = "deferred", source_schema = "a", referent_schema = "b" })
  op.create_check_constraint("positive", "t", "x > 0")
  op.create_primary_key(nil, "t", { "a", "b" })
  op.drop_constraint("fk_x", "posts", { type_ = "foreignkey" })
  op.drop_constraint("uq_x", "users")
)LUA");
  ASSERT_EQ(ops.size(), 6u);
  EXPECT_EQ(as<ops::CreateUniqueConstraint>(ops[0]).constraint.name, "uq_users_email");
  const auto& fk = as<ops::CreateForeignKey>(ops[1]);
  EXPECT_EQ(fk.table, (ops::TableRef{"a", "posts"}));
  EXPECT_EQ(fk.constraint.name, "fk_posts_author_id_users");
  EXPECT_EQ(fk.constraint.referred_schema, "b");
  EXPECT_EQ(fk.constraint.ondelete, "CASCADE");
  EXPECT_EQ(fk.constraint.deferrable, true);
  EXPECT_EQ(fk.constraint.initially, "DEFERRED");
  const auto& ck = as<ops::CreateCheckConstraint>(ops[2]);
  EXPECT_EQ(ck.constraint.name, "positive");
  EXPECT_EQ(ck.constraint.sqltext, "x > 0");
  const auto& pk = as<ops::CreatePrimaryKey>(ops[3]);
  EXPECT_EQ(pk.constraint.name, "pk_t");
  EXPECT_EQ(pk.constraint.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(as<ops::DropConstraint>(ops[4]).type, "foreignkey");
  EXPECT_EQ(as<ops::DropConstraint>(ops[5]).type, "");
}

// An unnamed check is named by the convention from the first column its SQL names, so Alembic
// scripts that leave it unnamed port unchanged and a downgrade can drop it by that name.
TEST(OpModuleTest, UnnamedCheckConstraintIsNamedFromItsColumn) {
  auto ops = run_upgrade(R"LUA(
  op.create_check_constraint(nil, "t", "x > 0")
  op.create_check_constraint(nil, "t", sa.text("length(\"Name\") > 0 AND 1 = 1"))
  op.create_check_constraint(nil, "t", "1 = 1")
  op.batch_alter_table("t", function(batch)
    batch.create_check_constraint(nil, "upper(code) <> 'X'")
  end)
  op.create_table("u", sa.Column("age", sa.Integer()), sa.CheckConstraint("age >= 0"),
    sa.CheckConstraint("age < 200"), sa.Column("b", sa.Integer(), sa.CheckConstraint("b IN (1, 2)")))
)LUA");
  ASSERT_EQ(ops.size(), 5u);
  EXPECT_EQ(as<ops::CreateCheckConstraint>(ops[0]).constraint.name, "ck_t_x");
  EXPECT_EQ(as<ops::CreateCheckConstraint>(ops[1]).constraint.name, "ck_t_Name");
  EXPECT_EQ(as<ops::CreateCheckConstraint>(ops[2]).constraint.name, "ck_t_" + check_token("1 = 1"));
  EXPECT_EQ(check_token("1 = 1").size(), 8u);
  const auto& batch = as<ops::BatchAlterTable>(ops[3]);
  EXPECT_EQ(std::get<ops::CreateCheckConstraint>(batch.ops[0]).constraint.name, "ck_t_code");
  const auto& u = as<ops::CreateTable>(ops[4]).table;
  std::vector<std::string> names;
  for (const auto& ck : u.check_constraints) names.push_back(ck.name + ": " + ck.sqltext);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"ck_u_age: age >= 0", "ck_u_age_2: age < 200",
                                             "ck_u_b: b IN (1, 2)"}));
}

TEST(OpModuleTest, ExecuteAndBulkInsert) {
  auto ops = run_upgrade(R"LUA(
  op.execute("UPDATE t SET x = 1")
  op.execute(sa.text("DELETE FROM t"))
  local accounts = sa.table("accounts", sa.column("id", sa.Integer), sa.column("name", sa.String),
                            sa.column("balance"), sa.column("active"))
  op.bulk_insert(accounts, {
    { id = 1, name = "a", balance = 1.5, active = true },
    { id = 2, name = "b" },
  })
  op.bulk_insert("plain", { { z = 1, a = "x" }, { m = false } }, { schema = "s" })
)LUA");
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(as<ops::Execute>(ops[0]).sql, "UPDATE t SET x = 1");
  EXPECT_EQ(as<ops::Execute>(ops[1]).sql, "DELETE FROM t");
  const auto& b = as<ops::BulkInsert>(ops[2]);
  EXPECT_EQ(b.table.name, "accounts");
  EXPECT_EQ(b.columns, (std::vector<std::string>{"id", "name", "balance", "active"}));
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[0], (std::vector<Value>{std::int64_t{1}, std::string("a"), 1.5, true}));
  EXPECT_EQ(b.rows[1], (std::vector<Value>{std::int64_t{2}, std::string("b"), std::monostate{},
                                           std::monostate{}}));
  const auto& c = as<ops::BulkInsert>(ops[3]);
  EXPECT_EQ(c.table, (ops::TableRef{"s", "plain"}));
  EXPECT_EQ(c.columns, (std::vector<std::string>{"a", "m", "z"}));
  EXPECT_EQ(c.rows[0], (std::vector<Value>{std::string("x"), std::monostate{}, std::int64_t{1}}));
  EXPECT_EQ(c.rows[1], (std::vector<Value>{std::monostate{}, false, std::monostate{}}));
}

TEST(OpModuleTest, CreateTableReturnsTheTableForBulkInsert) {
  auto ops = run_upgrade(R"LUA(
  local t = op.create_table("colors", sa.Column("id", sa.Integer(), { primary_key = true }),
                            sa.Column("name", sa.String(20)))
  op.bulk_insert(t, { { name = "red", id = 1 } })
)LUA");
  ASSERT_EQ(ops.size(), 2u);
  const auto& b = as<ops::BulkInsert>(ops[1]);
  EXPECT_EQ(b.table.name, "colors");
  EXPECT_EQ(b.columns, (std::vector<std::string>{"id", "name"}));
}

TEST(OpModuleTest, SinkErrorsInsideBatchPropagate) {
  ScriptRunner runner;
  test::CollectingSink sink;
  sink.on_emit = [](const ops::Op& op) {
    if (std::holds_alternative<ops::BatchAlterTable>(op))
      throw Error(ErrorKind::DataLoss, "batch refused");
  };
  try {
    test::run_source(runner, "s.lua",
                      "function upgrade()\n"
                      "  op.batch_alter_table('t', function(b) b.drop_column('x') end)\n"
                      "end\n",
                      "upgrade", sink, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::DataLoss);
    EXPECT_EQ(std::string(e.what()), "batch refused");
  }
  sink.on_emit = [](const ops::Op&) { throw Error(ErrorKind::Database, "inner"); };
  try {
    test::run_source(runner, "s.lua",
                      "function upgrade()\n"
                      "  op.batch_alter_table('t', function(b) op.execute('x') end)\n"
                      "end\n",
                      "upgrade", sink, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Database);
    EXPECT_EQ(std::string(e.what()), "inner");
  }
}

TEST(OpModuleTest, BulkInsertBadValueIsAnError) {
  EXPECT_EQ(
      script_error("function upgrade()\n  op.bulk_insert('t', { { a = 1 }, { a = {} } })\nend\n"),
      "test.lua:2: op.bulk_insert: row 2, column a: values must be nil, booleans, numbers or "
      "strings (got table)");
}

TEST(OpModuleTest, BulkInsertUnknownColumnIsAnError) {
  std::string msg = script_error(
      "local t = sa.Table('t', sa.Column('id', sa.Integer()))\n"
      "function upgrade()\n"
      "  op.bulk_insert(t, { { id = 1, nme = 'x' } })\n"
      "end\n");
  EXPECT_EQ(msg, "test.lua:3: op.bulk_insert: row 1 sets column 'nme', which t does not have");
}

TEST(OpModuleTest, BatchAlterTableGroupsOps) {
  auto ops = run_upgrade(R"LUA(
  op.execute("SELECT 1")
  op.batch_alter_table("users", function(batch)
    batch.add_column(sa.Column("age", sa.Integer(), { index = true }))
    batch:drop_column("legacy", { allow_data_loss = true })
    batch.alter_column("name", { nullable = false, existing_type = sa.String(50) })
    batch:create_index(nil, { "name" }, { unique = true })
    batch.drop_index("ix_old")
    batch:create_unique_constraint(nil, { "email" })
    batch.create_foreign_key(nil, "orgs", { "org_id" }, { "id" }, { ondelete = "CASCADE" })
    batch:create_check_constraint("adult", "age >= 18")
    batch.drop_constraint("uq_old", { type_ = "unique" })
  end, { schema = "app" })
  op.execute("SELECT 2")
)LUA");
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(as<ops::Execute>(ops[0]).sql, "SELECT 1");
  EXPECT_EQ(as<ops::Execute>(ops[2]).sql, "SELECT 2");
  const auto& b = as<ops::BatchAlterTable>(ops[1]);
  EXPECT_EQ(b.table, (ops::TableRef{"app", "users"}));
  ASSERT_EQ(b.ops.size(), 10u);
  const auto& add = std::get<ops::AddColumn>(b.ops[0]);
  EXPECT_EQ(add.column.name, "age");
  EXPECT_EQ(add.table, b.table);
  EXPECT_EQ(std::get<ops::CreateIndex>(b.ops[1]).index.name, "ix_users_age");
  EXPECT_TRUE(std::get<ops::DropColumn>(b.ops[2]).allow_data_loss);
  EXPECT_EQ(std::get<ops::AlterColumn>(b.ops[3]).nullable, false);
  const auto& ix = std::get<ops::CreateIndex>(b.ops[4]);
  EXPECT_EQ(ix.index.name, "ix_users_name");
  EXPECT_TRUE(ix.index.unique);
  EXPECT_EQ(std::get<ops::DropIndex>(b.ops[5]).name, "ix_old");
  EXPECT_EQ(std::get<ops::CreateUniqueConstraint>(b.ops[6]).constraint.name, "uq_users_email");
  const auto& fk = std::get<ops::CreateForeignKey>(b.ops[7]);
  EXPECT_EQ(fk.constraint.name, "fk_users_org_id_orgs");
  EXPECT_EQ(fk.table, b.table);
  EXPECT_EQ(std::get<ops::CreateCheckConstraint>(b.ops[8]).constraint.name, "adult");
  EXPECT_EQ(std::get<ops::DropConstraint>(b.ops[9]).type, "unique");
}

TEST(OpModuleTest, BatchErrorsPointAtTheCallbackLine) {
  std::string msg = script_error(
      "function upgrade()\n"
      "  op.batch_alter_table('t', function(batch)\n"
      "    batch.drop_column('a')\n"
      "    batch.alter_column('b', { nulable = false })\n"
      "  end)\n"
      "end\n");
  EXPECT_EQ(msg, "test.lua:4: unknown option 'nulable' for batch.alter_column");
}

// op.X names its table among its arguments and batch.X does not, so the same argument has a
// different number in each; both read through one reader, and each message counts as written.
TEST(OpModuleTest, OpAndBatchCountArgumentsAsWritten) {
  auto op_error = [](const std::string& call) {
    return script_error("function upgrade()\n  " + call + "\nend\n");
  };
  auto batch_error = [](const std::string& call) {
    return script_error("function upgrade()\n  op.batch_alter_table('t', function(batch)\n    " +
                        call + "\n  end)\nend\n");
  };
  EXPECT_EQ(op_error("op.create_foreign_key(nil, 't', 'orgs', 5, { 'id' })"),
            "test.lua:2: op.create_foreign_key: argument 4 (the local columns) must be a list of "
            "names like {\"a\", \"b\"} (got number)");
  EXPECT_EQ(batch_error("batch.create_foreign_key(nil, 'orgs', 5, { 'id' })"),
            "test.lua:3: batch.create_foreign_key: argument 3 (the local columns) must be a list "
            "of names like {\"a\", \"b\"} (got number)");
  EXPECT_EQ(op_error("op.create_foreign_key(nil, 5, 'orgs', { 'a' }, { 'id' })"),
            "test.lua:2: op.create_foreign_key: argument 2 (the source table) must be a string "
            "(got number)");
  EXPECT_EQ(op_error("op.create_index(nil, 't')"),
            "test.lua:2: op.create_index: argument 3 must list the columns, e.g. { \"email\" }");
  EXPECT_EQ(batch_error("batch.create_index(nil)"),
            "test.lua:3: batch.create_index: argument 2 must list the columns, e.g. { \"email\" }");
  EXPECT_EQ(op_error("op.drop_column('t', 'a', 'b')"),
            "test.lua:2: op.drop_column: too many arguments (3); usage: op.drop_column(table, "
            "column, { schema, if_exists, existing_type, allow_data_loss })");
  EXPECT_EQ(batch_error("batch:drop_column('a', 'b')"),
            "test.lua:3: batch.drop_column: too many arguments (2)");
  EXPECT_EQ(op_error("op.drop_constraint('uq', 't', { schema = 's', type_ = 'x' })"),
            "test.lua:2: option 'type_' for op.drop_constraint must be \"foreignkey\", "
            "\"unique\", \"check\", \"primary\" or \"exclude\" (got \"x\")");
  EXPECT_EQ(batch_error("batch.drop_constraint('uq', { schema = 's' })"),
            "test.lua:3: unknown option 'schema' for batch.drop_constraint");
  EXPECT_EQ(batch_error("batch.drop_index('ix', { concurrently = true })"),
            "test.lua:3: unknown option 'concurrently' for batch.drop_index");
  EXPECT_EQ(op_error("op.create_foreign_key(nil, 't', 'o', { 'a', 'b' }, { 'id' })"),
            "test.lua:2: op.create_foreign_key: 2 local column(s) but 1 remote column(s)");
  EXPECT_EQ(batch_error("batch.create_foreign_key(nil, 'o', { 'a', 'b' }, { 'id' })"),
            "test.lua:3: batch.create_foreign_key: the local and remote column lists differ in "
            "length");
}

TEST(OpModuleTest, DropIndexTakesItsTableByPositionOrOption) {
  auto ops = run_upgrade(R"LUA(
  op.drop_index("ix_a", { table_name = "t", schema = "s", postgresql_concurrently = true })
  op.drop_index("ix_b", "u", { if_exists = true })
)LUA");
  ASSERT_EQ(ops.size(), 2u);
  const auto& a = as<ops::DropIndex>(ops[0]);
  EXPECT_EQ(a.table, (ops::TableRef{"s", "t"}));
  EXPECT_TRUE(a.concurrently);
  const auto& b = as<ops::DropIndex>(ops[1]);
  EXPECT_EQ(b.table, (ops::TableRef{"", "u"}));
  EXPECT_TRUE(b.if_exists);
  EXPECT_FALSE(b.concurrently);
}

TEST(OpModuleTest, NamingConventionFromContext) {
  ScriptContext ctx;
  ctx.naming_convention.patterns["ix"] = "%(table_name)s_%(column_0_N_name)s_idx";
  ctx.naming_convention.patterns["ck"] = "ck_%(table)s_%(constraint_name)s";
  auto ops = run_upgrade(R"LUA(op.create_index(nil, "t", { "a", "b" }))LUA", ctx);
  EXPECT_EQ(as<ops::CreateIndex>(ops[0]).index.name, "t_a_b_idx");
}

TEST(OpModuleTest, OpFReturnsTheNameUnchanged) {
  auto ops = run_upgrade(R"LUA(op.create_unique_constraint(op.f("uq_custom"), "t", { "a" }))LUA");
  EXPECT_EQ(as<ops::CreateUniqueConstraint>(ops[0]).constraint.name, "uq_custom");
}

}  // namespace
}  // namespace retort
