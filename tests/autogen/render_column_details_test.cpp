// render_lua() of column and index details: the options a reviewer reads are the ones the sa/op
// API takes (docs/script-api.md), and the output parses.
#include <gtest/gtest.h>

#include <lua.hpp>

#include "autogen/render.hpp"

namespace retort {
namespace {

std::string render(const ops::Op& op) {
  std::string out = autogen::render_lua({op});
  std::string chunk = "function upgrade()\n" + out + "\nend\n";
  lua_State* L = luaL_newstate();
  EXPECT_EQ(luaL_loadbuffer(L, chunk.data(), chunk.size(), "rendered"), LUA_OK) << out;
  lua_close(L);
  return out;
}

TEST(AutogenRenderColumnDetails, IndexOptionsAndSortOrder) {
  Index ix{
      "ix_docs", {IndexElement{"titulo", false}, IndexElement{"lower(corpo)", true}}, false, ""};
  ix.elements[0].descending = true;
  ix.elements[0].nulls = "LAST";
  ix.elements[0].postgresql_ops = "text_pattern_ops";
  ix.elements[0].mysql_length = 20;
  ix.postgresql_using = "gin";
  ix.postgresql_include = {"id"};
  ix.mysql_prefix = "FULLTEXT";
  EXPECT_EQ(render(ops::CreateIndex{{"", "docs"}, ix}),
            "  op.create_index(\"ix_docs\", \"docs\", { \"titulo DESC NULLS LAST\", "
            "sa.text(\"lower(corpo)\") },\n"
            "    {\n"
            "      postgresql_using = \"gin\",\n"
            "      postgresql_include = { \"id\" },\n"
            "      postgresql_ops = { titulo = \"text_pattern_ops\" },\n"
            "      mysql_prefix = \"FULLTEXT\",\n"
            "      mysql_length = { titulo = 20 }\n"
            "    })");
}

TEST(AutogenRenderColumnDetails, AlterAutoincrementOnUpdateAndCollation) {
  ops::AlterColumn a;
  a.table = {"", "paises"};
  a.column = "id";
  a.autoincrement = true;
  a.existing_autoincrement = false;
  a.mysql_on_update = std::optional<ServerDefault>(ServerDefault{ServerDefault::Kind::Now, ""});
  Type t;
  t.kind = TypeKind::String;
  t.length = 10;
  t.collation = "utf8mb4_bin";
  t.mysql_charset = "utf8mb4";
  a.type = t;
  EXPECT_EQ(render(a),
            "  op.alter_column(\"paises\", \"id\",\n"
            "    {\n"
            "      type_ = sa.String(10, { collation = \"utf8mb4_bin\", mysql_charset = "
            "\"utf8mb4\" }),\n"
            "      autoincrement = true,\n"
            "      existing_autoincrement = false,\n"
            "      mysql_on_update = sa.func.now()\n"
            "    })");
}

TEST(AutogenRenderColumnDetails, ColumnOnUpdate) {
  Column c;
  c.name = "alterado";
  c.type.kind = TypeKind::DateTime;
  c.mysql_on_update = ServerDefault{ServerDefault::Kind::Expression, "CURRENT_TIMESTAMP"};
  EXPECT_EQ(render(ops::AddColumn{{"", "t"}, c}),
            "  op.add_column(\"t\",\n"
            "    sa.Column(\"alterado\", sa.DateTime(), { mysql_on_update = "
            "sa.text(\"CURRENT_TIMESTAMP\") }))");
}

}  // namespace
}  // namespace retort
