// Scripts of one run share a Lua state but not its state: a revision that tries to change the
// methods of every string (through getmetatable("")) is refused, and the next revision in the
// same `upgrade head` sees the standard string library.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

TEST(ScriptIsolation, StringMetatableChangesDoNotReachTheNextRevision) {
  Project p("sqlite", "isolation");
  p.write_config();
  p.write_revision(
      "s1", "", "tamper",
      "  op.create_table(\"t\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"v\", sa.Text()))\n"
      "  local ok1, e1 = pcall(function() getmetatable(\"\").__index = { upper = function() "
      "return \"hacked\" end } end)\n"
      "  local ok2, e2 = pcall(function() getmetatable(\"\").__index.upper = function() return "
      "\"hacked\" end end)\n"
      "  local ok3 = pcall(rawset, getmetatable(\"\"), \"__index\", {})\n"
      "  local ok4 = pcall(rawset, getmetatable(\"\").__index, \"upper\", print)\n"
      "  string.upper = function() return \"mine\" end  -- this script's own string table\n"
      "  op.bulk_insert(\"t\", { { id = 1, v = tostring(ok1) .. \",\" .. tostring(ok2) .. \",\" .. "
      "tostring(ok3) .. \",\" .. tostring(ok4) .. \",\" .. string.upper(\"x\") },\n"
      "    { id = 2, v = e1 }, { id = 3, v = e2 } })\n",
      "  op.drop_table(\"t\")");
  p.write_revision(
      "s2", "s1", "after",
      "  op.bulk_insert(\"t\", { { id = 4, v = (\"abc\"):upper() .. string.upper(\"d\") "
      ".. (\"%d\"):format(5) } })\n",
      "");
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT v FROM t WHERE id = 1"), "false,false,false,false,mine");
  EXPECT_EQ(p.scalar("SELECT v FROM t WHERE id = 2"),
            "migrations/versions/s1_tamper.lua:15: getmetatable(\"\") is read-only");
  EXPECT_EQ(p.scalar("SELECT v FROM t WHERE id = 3"),
            "migrations/versions/s1_tamper.lua:16: getmetatable(\"\").__index is read-only");
  EXPECT_EQ(p.scalar("SELECT v FROM t WHERE id = 4"), "ABCD5");
}

TEST(ScriptIsolation, ChangingStringMethodsFailsTheRevisionWithItsLine) {
  Project p("sqlite", "isolation");
  p.write_config();
  p.write_revision("s1", "", "tamper",
                   "  getmetatable(\"\").__index.trim = function(s) return s end", "");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "retort: error: upgrade s1 failed: migrations/versions/s1_tamper.lua:13: "
            "getmetatable(\"\").__index is read-only; the run was rolled back, the database is "
            "as it was\n");
}

}  // namespace
}  // namespace retort::test
