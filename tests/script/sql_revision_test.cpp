// Plain SQL revisions: the header reads like a Lua one, sections are found by their markers, and
// the guard sees the drops it can read from the text.
#include "script/sql_revision.hpp"

#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "runtime/sql_revision_runner.hpp"
#include "script/revision_header.hpp"

namespace retort {
namespace {

const char* const kRevision = R"(-- add things
--
-- Revision ID: 5776a6d4e53d
-- Revises: baca840ec17e
-- Create Date: 2026-12-07 15:27:16
--
-- Things the shop sells.
--
-- revision: 5776a6d4e53d
-- down_revision: baca840ec17e, 1234abcd
-- branch_labels: shop
-- depends_on:

-- retort:upgrade
CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO things (name) VALUES ('a; b');

-- retort:downgrade
DROP TABLE things;
)";

std::string error_of(const std::string& text, const std::string& name = "v/x.sql") {
  try {
    parse_revision_header(text, name);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(SqlRevisionTest, HeaderFieldsAndDocstringReadLikeALuaHeader) {
  RevisionInfo info = parse_revision_header(kRevision, "v/5776a6d4e53d_add_things.sql");
  EXPECT_EQ(info.revision, "5776a6d4e53d");
  EXPECT_EQ(info.down_revisions, (std::vector<std::string>{"baca840ec17e", "1234abcd"}));
  EXPECT_EQ(info.branch_labels, (std::vector<std::string>{"shop"}));
  EXPECT_TRUE(info.depends_on.empty());
  EXPECT_EQ(info.message, "add things");
  EXPECT_EQ(info.doc, "add things\n\nThings the shop sells.");
  EXPECT_EQ(info.create_date, "2026-12-07 15:27:16");
  EXPECT_EQ(info.path, "v/5776a6d4e53d_add_things.sql");
}

TEST(SqlRevisionTest, NilAndEmptyMeanNone) {
  RevisionInfo info = parse_revision_header(
      "-- first\n-- revision: a1\n-- down_revision: nil\n-- depends_on:\n", "a.sql");
  EXPECT_TRUE(info.down_revisions.empty());
  EXPECT_TRUE(info.depends_on.empty());
}

TEST(SqlRevisionTest, MalformedFieldsNameTheFileAndLine) {
  EXPECT_EQ(error_of("-- x\n-- revision: a1\n-- down_revision: a,,b\n"),
            "v/x.sql:3: down_revision has an empty item; write ids separated by commas, like `-- "
            "down_revision: a, b`");
  EXPECT_EQ(error_of("-- x\n-- revision: a1, b2\n"),
            "v/x.sql:2: `revision` must be one id, like -- revision: 3f2a1b9c8d7e");
  EXPECT_EQ(error_of("-- x\n-- revision: a1\n-- revision: b2\n"),
            "v/x.sql:3: revision is given twice");
  EXPECT_EQ(error_of("-- x\n-- revision: a'1\n"),
            "v/x.sql:2: revision: 'a'1' is not a revision id or label (letters, digits, _ - . "
            "only)");
  EXPECT_EQ(error_of("-- x\nCREATE TABLE t (a int);\n-- revision: a1\n"),
            "v/x.sql: no `-- revision: ...` line");
}

TEST(SqlRevisionTest, SectionsAreFoundByTheirMarkers) {
  size_t line = 0;
  auto up = sql_revision_section(kRevision, "x.sql", "upgrade", &line);
  ASSERT_TRUE(up);
  EXPECT_EQ(*up,
            "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO things (name) "
            "VALUES ('a; b');\n\n");
  EXPECT_EQ(line, 15u);
  auto down = sql_revision_section(kRevision, "x.sql", "downgrade");
  ASSERT_TRUE(down);
  EXPECT_EQ(*down, "DROP TABLE things;\n");
  EXPECT_FALSE(
      sql_revision_section("-- revision: a\n-- retort:upgrade\nSELECT 1;\n", "x.sql", "downgrade"));
  try {
    sql_revision_section("-- revision: a\n-- retort:upgrad\n", "x.sql", "upgrade");
    FAIL() << "an unknown marker was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "x.sql:2: unknown marker `-- retort:upgrad`; a SQL revision has `-- retort:upgrade` "
              "and `-- retort:downgrade` sections (and `-- retort:allow-data-loss` before a "
              "statement)");
  }
}

std::vector<std::string> drops(const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& d : sql_drops(sql)) {
    std::string t = d.table.schema.empty() ? d.table.name : d.table.schema + "." + d.table.name;
    out.push_back(d.column.empty() ? t : t + "." + d.column);
  }
  return out;
}

using Names = std::vector<std::string>;

TEST(SqlRevisionTest, TheGuardSeesDropTableAndDropColumn) {
  EXPECT_EQ(drops("DROP TABLE things"), Names{"things"});
  EXPECT_EQ(drops("drop table if exists \"Things\", shop.orders cascade"),
            (Names{"Things", "shop.orders"}));
  EXPECT_EQ(drops("DROP TABLE Things"), (Names{"Things", "things"}));  // PostgreSQL folds
  EXPECT_EQ(drops("-- gone\nALTER TABLE things DROP COLUMN name"), Names{"things.name"});
  EXPECT_EQ(drops("ALTER TABLE ONLY `things` DROP `name`"), Names{"things.name"});
  EXPECT_EQ(drops("ALTER TABLE t DROP COLUMN IF EXISTS c RESTRICT"), Names{"t.c"});
}

TEST(SqlRevisionTest, StatementsTheGuardCannotReadAreNotGuarded) {
  EXPECT_EQ(drops("DROP INDEX ix_things_name"), Names{});
  EXPECT_EQ(drops("ALTER TABLE things DROP CONSTRAINT uq_things_name"), Names{});
  EXPECT_EQ(drops("ALTER TABLE things DROP COLUMN a, DROP COLUMN b"), Names{});
  EXPECT_EQ(drops("DELETE FROM things"), Names{});
  EXPECT_EQ(drops("TRUNCATE things"), Names{});
  EXPECT_EQ(drops("DROP VIEW v"), Names{});
}

}  // namespace
}  // namespace retort
