// op.sync_enum_values (alembic-postgresql-enum's op): a PostgreSQL enum type gets exactly the
// values a script lists. Adding only inserts labels (ADD VALUE); dropping or moving one rebuilds
// the type and converts its columns, keeping their rows and defaults, and fails with nothing
// applied while a row holds a dropped label. Other databases have no enum types: a clear error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;

const char* kCreate = R"(  op.create_table("log",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("kind", sa.Enum("create_cert", "key_view", "update_cert", { name = "log_type" }),
      { server_default = "key_view", nullable = false }))
  op.create_table("audit",
    sa.Column("id", sa.Integer(), { primary_key = true }),
    sa.Column("kind", sa.Enum("create_cert", "key_view", "update_cert", { name = "log_type" }))))";
const char* kDrop = R"(  op.drop_table("audit", { allow_data_loss = true })
  op.drop_table("log", { allow_data_loss = true }))";

class SyncEnumValues : public ::testing::Test {
 protected:
  void SetUp() override {
    p = std::make_unique<Project>("postgresql", "sync_enum");
    p->write_config();
    p->write_revision("a1", "", "create", kCreate, kDrop);
  }
  std::string labels() {
    return p->scalar(
        "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum e JOIN pg_type t "
        "ON t.oid = e.enumtypid WHERE t.typname = 'log_type'");
  }
  std::unique_ptr<Project> p;
};

// lemur's revisions: the 0.1 releases' order (schema, name, old_values, new_values), both ways.
// Inserting a label is ADD VALUE; taking it out again rebuilds the type over both tables, and
// rows, the default and the other table's column all survive.
TEST_F(SyncEnumValues, LemurOrderAddsThenRebuildsKeepingRowsAndDefaults) {
  p->write_revision("a2", "a1", "revoke",
                    "  op.sync_enum_values(\"public\", \"log_type\",\n"
                    "    { \"create_cert\", \"key_view\", \"update_cert\" },\n"
                    "    { \"create_cert\", \"key_view\", \"revoke_cert\", \"update_cert\" })",
                    "  op.sync_enum_values(\"public\", \"log_type\",\n"
                    "    { \"create_cert\", \"key_view\", \"revoke_cert\", \"update_cert\" },\n"
                    "    { \"create_cert\", \"key_view\", \"update_cert\" })");
  auto r = p->retort("upgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  p->db().execute("INSERT INTO log (id) VALUES (1)");
  p->db().execute("INSERT INTO log (id, kind) VALUES (2, 'update_cert')");
  p->db().execute("INSERT INTO audit (id, kind) VALUES (1, 'create_cert')");
  r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(labels(), "create_cert,key_view,revoke_cert,update_cert");
  p->db().execute("INSERT INTO audit (id, kind) VALUES (2, 'revoke_cert')");
  p->reconnect();

  // Down: revoke_cert goes, which a row of audit holds: refused, nothing applied.
  r = p->retort("downgrade a1");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("invalid input value for enum"));
  EXPECT_EQ(labels(), "create_cert,key_view,revoke_cert,update_cert");
  EXPECT_EQ(p->version_rows(), (std::vector<std::string>{"a2"}));

  p->db().execute("DELETE FROM audit WHERE id = 2");
  r = p->retort("downgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(labels(), "create_cert,key_view,update_cert");
  EXPECT_EQ(p->scalar("SELECT string_agg(id || ':' || kind, ',' ORDER BY id) FROM log"),
            "1:key_view,2:update_cert");
  EXPECT_EQ(p->scalar("SELECT kind FROM audit WHERE id = 1"), "create_cert");
  // The default is kept, of the new type.
  p->db().execute("INSERT INTO log (id) VALUES (3)");
  EXPECT_EQ(p->scalar("SELECT kind FROM log WHERE id = 3"), "key_view");
  EXPECT_EQ(p->scalar("SELECT COUNT(*) FROM pg_type WHERE typname LIKE 'log_type%'"), "1");
}

// The current signature: (schema, name, new_values, affected_columns, enum_values_to_rename).
// A rename comes first; a label moved in the order rebuilds the type.
TEST_F(SyncEnumValues, RenamesAndReordersWithTheCurrentSignature) {
  p->write_revision(
      "a2", "a1", "rename",
      "  op.sync_enum_values(\"public\", \"log_type\", { \"update_cert\", \"create_cert\", "
      "\"view_key\" },\n"
      "    { { table_name = \"log\", column_name = \"kind\" },\n"
      "      { table_schema = \"public\", table_name = \"audit\", column_name = \"kind\" } },\n"
      "    { { \"key_view\", \"view_key\" } })",
      "  op.sync_enum_values(\"public\", \"log_type\", { \"create_cert\", \"key_view\", "
      "\"update_cert\" }, {}, { { \"view_key\", \"key_view\" } })");
  ASSERT_EQ(p->retort("upgrade a1").code, 0);
  p->db().execute("INSERT INTO log (id) VALUES (1)");
  auto r = p->retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(labels(), "update_cert,create_cert,view_key");
  EXPECT_EQ(p->scalar("SELECT kind FROM log WHERE id = 1"), "view_key");
  r = p->retort("downgrade a1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(labels(), "create_cert,key_view,update_cert");
  EXPECT_EQ(p->scalar("SELECT kind FROM log WHERE id = 1"), "key_view");
}

// Offline the database cannot be asked: the old values (and, for a rebuild, the columns) come
// from the op; without them the error says what to pass.
TEST_F(SyncEnumValues, OfflineNeedsTheOldValues) {
  p->write_revision("a2", "a1", "drop one",
                    "  op.sync_enum_values(\"public\", \"log_type\", { \"create_cert\", "
                    "\"key_view\" },\n"
                    "    { { table_name = \"audit\", column_name = \"kind\" } },\n"
                    "    { existing = { \"create_cert\", \"key_view\", \"update_cert\" } })",
                    "");
  auto r = p->retort("upgrade a1:a2 --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ALTER TYPE \"public\".\"log_type\" RENAME TO \"log_type_retort_old\";"));
  EXPECT_THAT(r.out, HasSubstr("ALTER TABLE \"audit\" ALTER COLUMN \"kind\" TYPE "
                               "\"public\".\"log_type\" USING \"kind\"::text::\"public\".\"log_type\";"));

  p->write_revision("a2", "a1", "drop one",
                    "  op.sync_enum_values(\"public\", \"log_type\", { \"create_cert\" })", "");
  r = p->retort("upgrade a1:a2 --sql");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("sync_enum_values public.log_type: with --sql the op needs the "
                               "values the type has now: pass { existing = { ... } }"));
}

TEST(SyncEnumValuesElsewhere, OtherDatabasesHaveNoEnumTypes) {
  for (const char* dialect : {"sqlite", "mysql"}) {
    Project p(dialect, "sync_enum_other");
    p.write_config();
    p.write_revision("a1", "", "sync",
                     "  op.sync_enum_values(nil, \"mood\", { \"happy\", \"sad\" })", "");
    auto r = p.retort("upgrade head");
    EXPECT_EQ(r.code, 1) << dialect;
    const std::string db = std::string(dialect) == "sqlite" ? "SQLite" : "MySQL/MariaDB";
    EXPECT_THAT(r.err, HasSubstr("sync_enum_values mood: " + db +
                                 " has no enum types (an ENUM belongs to its column there); "
                                 "change the column with op.alter_column and its type_"))
        << r.err;
    EXPECT_TRUE(p.version_rows().empty());
  }
}

}  // namespace
}  // namespace retort::test
