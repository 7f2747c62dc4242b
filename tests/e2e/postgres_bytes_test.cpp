// PostgreSQL and bytes: a Lua string bound to a bytea parameter is stored byte for byte (NUL,
// backslashes, bytes that are not UTF-8), and a NUL bound to text is refused rather than cut.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;

const char* kCreate =
    "  op.create_table(\"blobs\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
    "    sa.Column(\"data\", sa.LargeBinary()), sa.Column(\"label\", sa.Text()))\n";

TEST(PostgresBytes, ByteaTakesEveryByteThroughBulkInsertAndGetBind) {
  Project p("postgresql", "bytes");
  p.write_config();
  p.write_revision(
      "b1", "", "blobs",
      std::string(kCreate) +
          "  op.bulk_insert(sa.table(\"blobs\", sa.column(\"id\"), sa.column(\"data\")),\n"
          "    { { id = 1, data = \"A\\0B\" }, { id = 2, data = \"\\xff\\xfe\\x00\\x80\" },\n"
          "      { id = 3, data = \"\\\\x41\" }, { id = 4, data = \"plain\" } })\n"
          "  local db = op.get_bind()\n"
          "  db:execute(\"INSERT INTO blobs (id, data) VALUES (?, ?)\", { 5, \"A\\0B\" })\n"
          "  db:execute(\"INSERT INTO blobs (id, data) VALUES (:id, :d)\",\n"
          "    { id = 6, d = \"\\\\x41\\x80\" })\n",
      "  op.drop_table(\"blobs\")");
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  auto hex = [&](int id) {
    return p.scalar(
        "SELECT octet_length(data) || ':' || encode(data, 'hex') FROM blobs WHERE id = " +
        std::to_string(id));
  };
  EXPECT_EQ(hex(1), "3:410042");
  EXPECT_EQ(hex(2), "4:fffe0080");
  EXPECT_EQ(hex(3), "4:5c783431");  // the 4 characters \x41, not the one byte A
  EXPECT_EQ(hex(4), "5:706c61696e");
  EXPECT_EQ(hex(5), "3:410042");
  EXPECT_EQ(hex(6), "5:5c78343180");
}

TEST(PostgresBytes, NulInTextIsRefusedThroughBulkInsert) {
  Project p("postgresql", "bytes");
  p.write_config();
  p.write_revision(
      "b1", "", "blobs",
      std::string(kCreate) +
          "  op.bulk_insert(sa.table(\"blobs\", sa.column(\"id\"), sa.column(\"label\")),\n"
          "    { { id = 1, label = \"ok\" }, { id = 2, label = \"A\\0B\" } })\n",
      "  op.drop_table(\"blobs\")");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: upgrade b1 failed: parameter $4 holds a NUL byte (\\0), which "
            "PostgreSQL text cannot store: bind it to a bytea column (sa.LargeBinary) or remove "
            "the NUL, in statement: INSERT INTO \"blobs\" (\"id\", \"label\") VALUES ($1, $2), "
            "($3, $4); the run was rolled back, the database is as it was\n");
  EXPECT_FALSE(p.has_table("blobs"));  // the run was rolled back
}

TEST(PostgresBytes, NulInTextIsRefusedThroughGetBind) {
  Project p("postgresql", "bytes");
  p.write_config();
  p.write_revision("b1", "", "blobs",
                   std::string(kCreate) +
                       "  op.get_bind():execute(\"INSERT INTO blobs (id, label) VALUES (?, ?)\",\n"
                       "    { 1, \"A\\0B\" })\n",
                   "  op.drop_table(\"blobs\")");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("parameter $2 holds a NUL byte (\\0), which PostgreSQL text cannot "
                               "store: bind it to a bytea column (sa.LargeBinary) or remove the "
                               "NUL, in statement: INSERT INTO blobs (id, label) VALUES ($1, $2)"));
  EXPECT_FALSE(p.has_table("blobs"));
}

TEST(PostgresBytes, OfflineSqlPrintsBytesTextCannotHoldAsByteaLiterals) {
  Project p("postgresql", "bytes");
  p.write_config();
  p.write_revision(
      "b1", "", "blobs",
      std::string(kCreate) +
          "  op.bulk_insert(sa.table(\"blobs\", sa.column(\"id\"), sa.column(\"data\")),\n"
          "    { { id = 1, data = \"A\\0B\" }, { id = 2, data = \"it's\" } })\n",
      "  op.drop_table(\"blobs\")");
  auto r = p.retort("upgrade head --sql");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(1, '\\x410042'::bytea), (2, 'it''s')"));
}

}  // namespace
}  // namespace retort::test
