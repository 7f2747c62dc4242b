// compare + render together: the revision body a person reviews, for a realistic change.
#include <gtest/gtest.h>

#include <lua.hpp>  // only to check the rendered body parses

#include "autogen/compare.hpp"
#include "autogen/generic_dialect.hpp"
#include "autogen/render.hpp"
#include "autogen/schema_builders.hpp"

namespace retort {
namespace {

using test::col;
using test::pk_col;
using test::string_type;
using test::table;

bool parses(const std::string& body) {
  std::string chunk = "function f()\n" + body + "\nend\n";
  lua_State* L = luaL_newstate();
  bool ok = luaL_loadbuffer(L, chunk.data(), chunk.size(), "body") == LUA_OK;
  lua_close(L);
  return ok;
}

TEST(AutogenScenario, UsuariosGetsAvatarAndLosesLegacy) {
  Table before = table(
      "usuarios", {pk_col("id"), col("nome", string_type(120), false),
                   col("email", string_type(255), false), col("legacy", Type{TypeKind::Text})});
  before.unique_constraints = {{"uq_usuarios_email", {"email"}}};
  Table after =
      table("usuarios", {pk_col("id"), col("nome", string_type(200), false),
                         col("email", string_type(255), false), col("avatar_url", string_type())});
  after.columns[0].primary_key = true;
  after.unique_constraints = {{"uq_usuarios_email", {"email"}}};
  after.indexes = {test::index("ix_usuarios_nome", {"nome"})};
  Table posts = table("posts", {pk_col("id"), col("autor_id", Type{TypeKind::Integer}, false),
                                col("texto", Type{TypeKind::Text})});
  posts.foreign_keys = {test::fk("", {"autor_id"}, "usuarios", {"id"})};
  posts.foreign_keys[0].ondelete = "CASCADE";

  test::GenericDialect dialect;
  auto r = autogen::compare(MetaData{{before}}, MetaData{{after, posts}}, dialect);
  std::string up = autogen::render_lua(r.upgrade);
  std::string down = autogen::render_lua(r.downgrade);
  EXPECT_EQ(up,
            "  op.add_column(\"usuarios\", sa.Column(\"avatar_url\", sa.String()))\n"
            "  op.alter_column(\"usuarios\", \"nome\",\n"
            "    { type_ = sa.String(200), existing_type = sa.String(120), existing_nullable = "
            "false })\n"
            "  op.drop_column(\"usuarios\", \"legacy\")  -- drops data: the data-loss guard "
            "refuses it on a column with values until you add { allow_data_loss = true }\n"
            "  op.create_index(\"ix_usuarios_nome\", \"usuarios\", { \"nome\" })\n"
            "  op.create_table(\"posts\",\n"
            "    sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
            "    sa.Column(\"autor_id\", sa.Integer(),\n"
            "      sa.ForeignKey(\"usuarios.id\", { name = \"fk_posts_autor_id_usuarios\", "
            "ondelete = \"CASCADE\" }),\n"
            "      { nullable = false }),\n"
            "    sa.Column(\"texto\", sa.Text()))");
  EXPECT_EQ(down,
            "  op.drop_table(\"posts\")  -- drops data: the data-loss guard refuses it on a table "
            "with rows until you add { allow_data_loss = true }\n"
            "  op.drop_index(\"ix_usuarios_nome\", { table_name = \"usuarios\" })\n"
            "  op.add_column(\"usuarios\", sa.Column(\"legacy\", sa.Text()))\n"
            "  op.alter_column(\"usuarios\", \"nome\",\n"
            "    { type_ = sa.String(120), existing_type = sa.String(200), existing_nullable = "
            "false })\n"
            "  op.drop_column(\"usuarios\", \"avatar_url\")  -- drops data: the data-loss guard "
            "refuses it on a column with values until you add { allow_data_loss = true }");
  EXPECT_TRUE(parses(up));
  EXPECT_TRUE(parses(down));
  // legacy (Text) out, avatar_url (String) in: maybe a rename, so a warning.
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].substr(0, 54), "drop_column usuarios.legacy + add_column usuarios.avat");
}

}  // namespace
}  // namespace retort
