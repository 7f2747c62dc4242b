// compare(): every compared property, no false positives, renames, warnings, order, reverse.
#include "autogen/compare.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "autogen/generic_dialect.hpp"
#include "autogen/schema_builders.hpp"
#include "ops/apply.hpp"

namespace retort {
namespace {

using autogen::compare;
using autogen::CompareOptions;
using autogen::CompareResult;
using test::col;
using test::fk;
using test::index;
using test::lua;
using test::pk_col;
using test::string_type;
using test::table;
using test::type;

// A table with one of everything, as a models file would give it (named by convention).
Table usuarios() {
  Table t = table(
      "usuarios",
      {pk_col("id"), col("nome", string_type(120), false), col("email", string_type(255), false),
       col("grupo_id", type(TypeKind::Integer)), col("criado", type(TypeKind::DateTime))});
  t.columns[4].server_default = ServerDefault{ServerDefault::Kind::Now, ""};
  t.columns[1].comment = "nome completo";
  t.primary_key = PrimaryKey{"pk_usuarios", {"id"}};
  t.unique_constraints.push_back({"uq_usuarios_email", {"email"}});
  t.foreign_keys.push_back(fk("fk_usuarios_grupo_id_grupos", {"grupo_id"}, "grupos", {"id"}));
  t.foreign_keys.back().ondelete = "CASCADE";
  t.check_constraints.push_back({"ck_usuarios_nome", "length(nome) > 0"});
  t.indexes.push_back(index("ix_usuarios_nome", {"nome"}));
  return t;
}

Table grupos() {
  Table t = table("grupos", {pk_col("id"), col("nome", type(TypeKind::Text))});
  t.primary_key = PrimaryKey{"pk_grupos", {"id"}};
  return t;
}

MetaData schema(std::vector<Table> tables) { return MetaData{std::move(tables)}; }

class AutogenCompare : public ::testing::Test {
 protected:
  CompareResult diff(const MetaData& current, const MetaData& target,
                     const CompareOptions& options = {}) {
    CompareResult r = compare(current, target, dialect, options);
    EXPECT_EQ(r.upgrade.size(), r.downgrade.size());
    // The downgrade is the reverse of each upgrade op, last first.
    for (size_t i = 0; i < r.upgrade.size() && i < r.downgrade.size(); ++i) {
      auto rev = ops::reverse(r.upgrade[i]);
      // AlterColumn's reverse also says what the column is after the upgrade (existing_*).
      if (rev && !std::holds_alternative<ops::AlterColumn>(*rev))
        EXPECT_EQ(lua(*rev), lua(r.downgrade[r.downgrade.size() - 1 - i]));
    }
    return r;
  }

  // Applies upgrade to `current` and checks the result now compares equal to `target`, then
  // applies downgrade and checks it compares equal to `current` again.
  void round_trip(const MetaData& current, const MetaData& target) {
    CompareResult r = diff(current, target);
    MetaData up = current;
    for (const auto& op : r.upgrade) ops::apply(up, op);
    EXPECT_EQ(lua(compare(up, target, dialect).upgrade), std::vector<std::string>{})
        << "after upgrade";
    MetaData down = up;
    for (const auto& op : r.downgrade) ops::apply(down, op);
    EXPECT_EQ(lua(compare(down, current, dialect).upgrade), std::vector<std::string>{})
        << "after downgrade";
  }

  test::GenericDialect dialect;
};

TEST_F(AutogenCompare, IdenticalSchemasGiveNoOps) {
  MetaData m = schema({grupos(), usuarios()});
  CompareResult r = diff(m, m);
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.downgrade.empty());
  EXPECT_TRUE(r.warnings.empty());
}

// What an inspector gives back for the same schema: its own spellings and names.
TEST_F(AutogenCompare, ReflectedSpellingsAreNotDifferences) {
  Table reflected = usuarios();
  reflected.columns[0].type = test::native_type("INTEGER");
  reflected.columns[1].type = test::native_type("character varying(120)");
  reflected.columns[4].server_default = ServerDefault{ServerDefault::Kind::Expression, "now()"};
  reflected.primary_key->name = "";  // SQLite names no primary key
  // MySQL: the unique constraint comes back as a unique index; the FK as NO ACTION-less RESTRICT
  // with its own index.
  reflected.unique_constraints.clear();
  reflected.indexes.push_back(test::index("uq_usuarios_email", {"email"}, true));
  reflected.foreign_keys[0].name = "";
  reflected.foreign_keys[0].ondelete = "cascade";
  reflected.foreign_keys[0].onupdate = "RESTRICT";
  reflected.indexes.push_back(test::index("fk_usuarios_grupo_id_grupos", {"grupo_id"}));
  reflected.check_constraints[0].sqltext = "(length((nome)::text) > 0)";
  reflected.check_constraints.push_back({"", "criado IS NOT NULL"});  // unnamed: ignored
  Table g = grupos();
  // PostgreSQL: a unique constraint and its backing index of the same name.
  g.unique_constraints.push_back({"uq_grupos_nome", {"nome"}});
  g.indexes.push_back(test::index("uq_grupos_nome", {"nome"}, true));
  Table gm = grupos();
  gm.columns[1].unique = true;  // column sugar, named by the convention
  // The FK's own index is MySQL's (a database that indexes foreign keys).
  struct IndexesForeignKeys : test::GenericDialect {
    bool indexes_foreign_keys() const override { return true; }
  } mysql_like;
  CompareResult r = compare(schema({g, reflected}), schema({gm, usuarios()}), mysql_like);
  EXPECT_EQ(lua(r.upgrade), std::vector<std::string>{});
  EXPECT_EQ(r.warnings, std::vector<std::string>{});
  // Elsewhere (PostgreSQL, SQLite) an index over a foreign key's columns is the schema's own:
  // one the models do not have is dropped.
  r = diff(schema({g, reflected}), schema({gm, usuarios()}));
  EXPECT_EQ(lua(r.upgrade),
            std::vector<std::string>{
                "op.drop_index(\"fk_usuarios_grupo_id_grupos\", { table_name = \"usuarios\" })"});
}

TEST_F(AutogenCompare, CreateTableCarriesIndexesAndReversesToDrop) {
  CompareResult r = diff(schema({grupos()}), schema({grupos(), usuarios()}));
  ASSERT_EQ(r.upgrade.size(), 1u);
  const auto& ct = std::get<ops::CreateTable>(r.upgrade[0]);
  EXPECT_EQ(ct.table.indexes.size(), 1u);
  EXPECT_EQ(ct.table.foreign_keys.size(), 1u);
  EXPECT_EQ(
      lua(r.downgrade[0]),
      R"(op.drop_table("usuarios")  -- drops data: the data-loss guard refuses it on a table with rows until you add { allow_data_loss = true })");
  round_trip(schema({grupos()}), schema({grupos(), usuarios()}));
}

TEST_F(AutogenCompare, DropTableCarriesExistingForDowngrade) {
  CompareResult r = diff(schema({grupos(), usuarios()}), schema({grupos()}));
  ASSERT_EQ(r.upgrade.size(), 1u);
  const auto& dt = std::get<ops::DropTable>(r.upgrade[0]);
  EXPECT_FALSE(dt.allow_data_loss);
  ASSERT_TRUE(dt.existing);
  EXPECT_EQ(dt.existing->name, "usuarios");
  ASSERT_EQ(r.downgrade.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ops::CreateTable>(r.downgrade[0]));
  round_trip(schema({grupos(), usuarios()}), schema({grupos()}));
}

TEST_F(AutogenCompare, ColumnsAddedAndDropped) {
  Table before = grupos();
  before.columns.push_back(col("legacy", type(TypeKind::Text)));
  Table after = grupos();
  after.columns.push_back(col("avatar_url", string_type()));
  after.columns.push_back(col("ativo", type(TypeKind::Boolean), false));
  after.columns.back().server_default = ServerDefault{ServerDefault::Kind::Literal, "1"};
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.add_column("grupos", sa.Column("avatar_url", sa.String())))",
          R"(op.add_column("grupos", sa.Column("ativo", sa.Boolean(), { nullable = false, server_default = "1" })))",
          R"(op.drop_column("grupos", "legacy")  -- drops data: the data-loss guard refuses it on a column with values until you add { allow_data_loss = true })",
      }));
  const auto& drop = std::get<ops::DropColumn>(r.upgrade[2]);
  EXPECT_FALSE(drop.allow_data_loss);
  ASSERT_TRUE(drop.existing);
  EXPECT_EQ(drop.existing->type.kind, TypeKind::Text);
  // Two drops and adds in one table are not rename candidates: no warning.
  EXPECT_TRUE(r.warnings.empty());
  round_trip(schema({before}), schema({after}));
}

TEST_F(AutogenCompare, NotNullColumnWithoutDefaultWarns) {
  Table after = grupos();
  after.columns.push_back(col("codigo", type(TypeKind::Integer), false));
  CompareResult r = diff(schema({grupos()}), schema({after}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0],
            "add_column grupos.codigo: NOT NULL without a server_default fails on a table with "
            "rows");
}

TEST_F(AutogenCompare, TypeNullabilityDefaultAndCommentChanges) {
  Table before = usuarios();
  Table after = usuarios();
  after.columns[1].type = string_type(200);  // nome: type
  after.columns[2].nullable = true;          // email: nullability
  after.columns[4].server_default.reset();   // criado: default dropped
  after.columns[3].server_default = ServerDefault{ServerDefault::Kind::Expression, "1"};
  after.columns[1].comment.reset();  // nome: comment dropped
  CompareResult r = diff(schema({grupos(), before}), schema({grupos(), after}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.alter_column("usuarios", "nome", { type_ = sa.String(200), comment = false, existing_type = sa.String(120), existing_nullable = false, existing_comment = "nome completo" }))",
          R"(op.alter_column("usuarios", "email", { nullable = true, existing_type = sa.String(255), existing_nullable = false }))",
          R"(op.alter_column("usuarios", "grupo_id", { server_default = sa.text("1"), existing_type = sa.Integer(), existing_nullable = true }))",
          R"(op.alter_column("usuarios", "criado", { server_default = false, existing_type = sa.DateTime(), existing_nullable = true, existing_server_default = sa.func.now() }))",
      }));
  EXPECT_EQ(
      lua(r.downgrade[3]),
      R"(op.alter_column("usuarios", "nome", { type_ = sa.String(120), comment = "nome completo", existing_type = sa.String(200), existing_nullable = false }))");
  round_trip(schema({grupos(), before}), schema({grupos(), after}));
}

TEST_F(AutogenCompare, CommentsIgnoredWhenTheDatabaseKeepsNone) {
  Table reflected = usuarios();
  reflected.columns[1].comment.reset();
  Table model = usuarios();
  model.comment = "people";
  CompareOptions o;
  o.compare_comments = false;
  CompareResult r = diff(schema({grupos(), reflected}), schema({grupos(), model}), o);
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.warnings.empty());
  // With comments compared: the column alter, and create_table_comment, reversed by
  // drop_table_comment carrying the comment it drops.
  r = diff(schema({grupos(), reflected}), schema({grupos(), model}));
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(lua(r.upgrade[1]), R"(op.create_table_comment("usuarios", "people"))");
  EXPECT_EQ(lua(r.downgrade[0]),
            R"(op.drop_table_comment("usuarios", { existing_comment = "people" }))");
  // A changed comment: create_table_comment with the existing one, both ways.
  reflected.comment = "persons";
  r = diff(schema({grupos(), reflected}), schema({grupos(), model}));
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(lua(r.upgrade[1]),
            R"(op.create_table_comment("usuarios", "people", { existing_comment = "persons" }))");
  EXPECT_EQ(lua(r.downgrade[0]),
            R"(op.create_table_comment("usuarios", "persons", { existing_comment = "people" }))");
  // A dropped comment.
  model.comment.reset();
  r = diff(schema({grupos(), reflected}), schema({grupos(), model}));
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(lua(r.upgrade[1]),
            R"(op.drop_table_comment("usuarios", { existing_comment = "persons" }))");
  EXPECT_EQ(lua(r.downgrade[0]), R"(op.create_table_comment("usuarios", "persons"))");
}

TEST_F(AutogenCompare, EnumValuesAreATypeChange) {
  Type mood{TypeKind::Enum};
  mood.enum_values = {"sad", "ok"};
  mood.enum_name = "mood";
  Table before = table("p", {pk_col("id"), col("m", mood)});
  Table after = before;
  after.columns[1].type.enum_values.push_back("happy");
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.alter_column("p", "m", { type_ = sa.Enum("sad", "ok", "happy", { name = "mood" }), existing_type = sa.Enum("sad", "ok", { name = "mood" }), existing_nullable = true }))"}));
}

TEST_F(AutogenCompare, PrimaryKeyChange) {
  Table before = table("t", {pk_col("a"), col("b", type(TypeKind::Integer), false)});
  before.primary_key = PrimaryKey{"pk_t", {"a"}};
  Table after = before;
  after.primary_key = PrimaryKey{"pk_t", {"a", "b"}};
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(lua(r.upgrade),
            (std::vector<std::string>{R"(op.drop_constraint("pk_t", "t", { type_ = "primary" }))",
                                      R"(op.create_primary_key("pk_t", "t", { "a", "b" }))"}));
  EXPECT_EQ(lua(r.downgrade),
            (std::vector<std::string>{R"(op.drop_constraint("pk_t", "t", { type_ = "primary" }))",
                                      R"(op.create_primary_key("pk_t", "t", { "a" }))"}));
  round_trip(schema({before}), schema({after}));
}

TEST_F(AutogenCompare, NewPrimaryKeyColumnIsAColumnPlusAConstraint) {
  Table before = table("t", {col("a", type(TypeKind::Integer))});
  Table after = table("t", {col("a", type(TypeKind::Integer)), pk_col("id")});
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(lua(r.upgrade),
            (std::vector<std::string>{
                R"(op.add_column("t", sa.Column("id", sa.Integer(), { nullable = false })))",
                R"(op.create_primary_key("pk_t", "t", { "id" }))"}));
  round_trip(schema({before}), schema({after}));
  round_trip(schema({after}), schema({before}));
}

TEST_F(AutogenCompare, Indexes) {
  Table before = table("t", {pk_col("id"), col("a", type(TypeKind::Integer)),
                             col("b", type(TypeKind::Integer)), col("email", string_type())});
  before.indexes = {test::index("ix_ab", {"a", "b"}), test::index("ix_gone", {"b"}),
                    test::index("ix_u", {"a"})};
  Table after = before;
  after.indexes = {test::index("ix_ab", {"b", "a"}),  // element order
                   test::index("ix_u", {"a"}, true),  // now unique
                   test::index("ix_new", {"email"})};
  Index partial;
  partial.name = "ix_lower_email";
  partial.elements = {{"lower(email)", true}};
  partial.where = "a > 0";
  after.indexes.push_back(partial);
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.drop_index("ix_ab", { table_name = "t" }))",
          R"(op.drop_index("ix_gone", { table_name = "t" }))",
          R"(op.drop_index("ix_u", { table_name = "t" }))",
          R"(op.create_index("ix_u", "t", { "a" }, { unique = true }))",
          R"(op.create_index("ix_ab", "t", { "b", "a" }))",
          R"~(op.create_index("ix_lower_email", "t", { sa.text("lower(email)") }, { where = "a > 0" }))~",
          R"(op.create_index("ix_new", "t", { "email" }))",
      }));
  round_trip(schema({before}), schema({after}));

  // The same partial expression index as PostgreSQL gives it back: no change.
  Table reflected = after;
  reflected.indexes[3].elements[0].text = "lower((email)::text)";
  reflected.indexes[3].where = "(a > 0)";
  EXPECT_TRUE(diff(schema({reflected}), schema({after})).empty());
  // An index the database named itself matches the model's by definition.
  reflected.indexes[2].name = "t_email_idx";
  EXPECT_TRUE(diff(schema({reflected}), schema({after})).empty());
}

TEST_F(AutogenCompare, UniqueConstraints) {
  Table before = table(
      "t", {pk_col("id"), col("a", type(TypeKind::Integer)), col("b", type(TypeKind::Integer))});
  before.unique_constraints = {{"uq_t_a", {"a"}}};
  Table after = before;
  after.unique_constraints = {{"uq_t_a", {"a", "b"}}, {"uq_t_b", {"b"}}};
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(lua(r.upgrade),
            (std::vector<std::string>{R"(op.drop_constraint("uq_t_a", "t", { type_ = "unique" }))",
                                      R"(op.create_unique_constraint("uq_t_a", "t", { "a", "b" }))",
                                      R"(op.create_unique_constraint("uq_t_b", "t", { "b" }))"}));
  round_trip(schema({before}), schema({after}));
}

TEST_F(AutogenCompare, ForeignKeys) {
  Table child = table(
      "c", {pk_col("id"), col("p", type(TypeKind::Integer)), col("q", type(TypeKind::Integer))});
  Table parent = grupos();
  Table before = child;
  before.foreign_keys = {fk("fk_c_p_grupos", {"p"}, "grupos", {"id"})};
  Table after = child;
  after.foreign_keys = {fk("fk_c_p_grupos", {"p"}, "grupos", {"id"}),
                        fk("fk_c_q_grupos", {"q"}, "grupos", {"id"})};
  after.foreign_keys[0].ondelete = "SET NULL";
  CompareResult r = diff(schema({parent, before}), schema({parent, after}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.drop_constraint("fk_c_p_grupos", "c", { type_ = "foreignkey" }))",
          R"(op.create_foreign_key("fk_c_p_grupos", "c", "grupos", { "p" }, { "id" }, { ondelete = "SET NULL" }))",
          R"(op.create_foreign_key("fk_c_q_grupos", "c", "grupos", { "q" }, { "id" }))"}));
  EXPECT_EQ(lua(r.downgrade),
            (std::vector<std::string>{
                R"(op.drop_constraint("fk_c_q_grupos", "c", { type_ = "foreignkey" }))",
                R"(op.drop_constraint("fk_c_p_grupos", "c", { type_ = "foreignkey" }))",
                R"(op.create_foreign_key("fk_c_p_grupos", "c", "grupos", { "p" }, { "id" }))"}));
  round_trip(schema({parent, before}), schema({parent, after}));
}

TEST_F(AutogenCompare, CheckConstraintsByName) {
  Table before = table("t", {pk_col("id"), col("n", type(TypeKind::Integer))});
  before.check_constraints = {{"ck_t_old", "n > 0"}, {"ck_t_same", "n < 10"}};
  Table after = before;
  after.check_constraints = {{"ck_t_same", "n < 100"},  // same name: text not compared
                             {"ck_t_new", "n <> 5"},
                             {"", "n <> 7"}};
  CompareResult r = diff(schema({before}), schema({after}));
  EXPECT_EQ(lua(r.upgrade),
            (std::vector<std::string>{R"(op.drop_constraint("ck_t_old", "t", { type_ = "check" }))",
                                      R"(op.create_check_constraint("ck_t_new", "t", "n <> 5"))"}));
  EXPECT_EQ(lua(r.downgrade),
            (std::vector<std::string>{R"(op.drop_constraint("ck_t_new", "t", { type_ = "check" }))",
                                      R"(op.create_check_constraint("ck_t_old", "t", "n > 0"))"}));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0],
            "check constraint (n <> 7) on t has no name: not compared; give it a name");
}

TEST_F(AutogenCompare, ColumnRenameHint) {
  Table before = grupos();
  Table after = grupos();
  after.columns[1].name = "titulo";
  after.columns[1].renamed_from = "nome";
  after.columns[1].nullable = false;
  Table child = table("c", {pk_col("id"), col("g", type(TypeKind::Text))});
  child.foreign_keys = {fk("fk_c_g_grupos", {"g"}, "grupos", {"nome"})};
  Table child_after = child;
  child_after.foreign_keys[0].referred_columns = {"titulo"};
  CompareResult r = diff(schema({child, before}), schema({child_after, after}));
  // The FK follows the rename in the database: it is not dropped and re-created.
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.alter_column("grupos", "nome", { nullable = false, new_column_name = "titulo", existing_type = sa.Text(), existing_nullable = true }))"}));
  EXPECT_EQ(
      lua(r.downgrade),
      (std::vector<std::string>{
          R"(op.alter_column("grupos", "titulo", { nullable = true, new_column_name = "nome", existing_type = sa.Text(), existing_nullable = false }))"}));
  EXPECT_TRUE(r.warnings.empty());
  round_trip(schema({before}), schema({after}));
}

TEST_F(AutogenCompare, TableRenameHint) {
  Table after = usuarios();
  after.name = "pessoas";
  after.renamed_from = "usuarios";
  after.columns.push_back(col("apelido", string_type(40)));
  CompareResult r = diff(schema({grupos(), usuarios()}), schema({grupos(), after}));
  EXPECT_EQ(lua(r.upgrade),
            (std::vector<std::string>{
                R"(op.rename_table("usuarios", "pessoas"))",
                R"(op.add_column("pessoas", sa.Column("apelido", sa.String(40))))"}));
  EXPECT_EQ(
      lua(r.downgrade),
      (std::vector<std::string>{
          R"(op.drop_column("pessoas", "apelido")  -- drops data: the data-loss guard refuses it on a column with values until you add { allow_data_loss = true })",
          R"(op.rename_table("pessoas", "usuarios"))"}));
  // A hint whose old table is gone (the rename already ran) is ignored.
  EXPECT_TRUE(diff(schema({grupos(), after}), schema({grupos(), after})).empty());
}

TEST_F(AutogenCompare, LikelyRenameAsksOrWarns) {
  Table before = table("t", {pk_col("id"), col("a", string_type(20))});
  Table after = table("t", {pk_col("id"), col("b", string_type(20))});
  // No callback: drop + add, and a warning.
  CompareResult r = diff(schema({before}), schema({after}));
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ops::AddColumn>(r.upgrade[0]));
  EXPECT_TRUE(std::holds_alternative<ops::DropColumn>(r.upgrade[1]));
  EXPECT_EQ(r.warnings, (std::vector<std::string>{
                            "drop_column t.a + add_column t.b: if this is a rename, data in a "
                            "would be lost; add renamed_from"}));
  // The callback says no: the same.
  std::vector<std::string> asked;
  CompareOptions o;
  o.ask_rename = [&](const std::string& t, const std::string& from, const std::string& to) {
    asked.push_back(t + ":" + from + "->" + to);
    return false;
  };
  r = diff(schema({before}), schema({after}), o);
  EXPECT_EQ(asked, std::vector<std::string>{"t:a->b"});
  EXPECT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(r.warnings.size(), 1u);
  // Yes: a rename.
  o.ask_rename = [](const std::string&, const std::string&, const std::string&) { return true; };
  r = diff(schema({before}), schema({after}), o);
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.alter_column("t", "a", { new_column_name = "b", existing_type = sa.String(20), existing_nullable = true }))"}));
  EXPECT_TRUE(r.warnings.empty());
  // Incompatible types are never a rename candidate.
  asked.clear();
  o.ask_rename = [&](const std::string& t, const std::string& from, const std::string& to) {
    asked.push_back(from);
    return true;
  };
  Table other = table("t", {pk_col("id"), col("b", type(TypeKind::Boolean))});
  r = diff(schema({before}), schema({other}), o);
  EXPECT_TRUE(asked.empty());
  EXPECT_EQ(r.upgrade.size(), 2u);
}

TEST_F(AutogenCompare, FiltersAndVersionTable) {
  Table version = table("retort_version", {pk_col("version_num", string_type(32))});
  Table tmp = table("tmp_x", {pk_col("id")});
  CompareOptions o;
  o.exclude_tables = {"tmp_*"};
  // Neither the version table nor the excluded one is dropped.
  EXPECT_TRUE(diff(schema({version, tmp, grupos()}), schema({grupos()}), o).empty());
  o = {};
  o.include_tables = {"g*"};
  EXPECT_TRUE(diff(schema({grupos()}), schema({grupos(), usuarios()}), o).empty());
  o = {};
  o.schemas = {"other"};
  EXPECT_TRUE(diff(schema({}), schema({grupos()}), o).empty());
  Table in_other = grupos();
  in_other.schema = "other";
  CompareResult r = diff(schema({}), schema({grupos(), in_other}), o);
  ASSERT_EQ(r.upgrade.size(), 1u);
  EXPECT_EQ(std::get<ops::CreateTable>(r.upgrade[0]).table.schema, "other");
}

TEST_F(AutogenCompare, SchemaQualifiedTables) {
  Table a = grupos();
  a.schema = "vendas";
  Table b = table("itens", {pk_col("id"), col("g", type(TypeKind::Integer))});
  b.schema = "vendas";
  b.foreign_keys = {fk("fk_itens_g_grupos", {"g"}, "grupos", {"id"})};
  b.foreign_keys[0].referred_schema = "vendas";
  Table plain = grupos();  // same name, default schema: a different table
  CompareResult r = diff(schema({plain}), schema({b, a, plain}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.create_table("grupos", sa.Column("id", sa.Integer(), { primary_key = true }), sa.Column("nome", sa.Text()), { schema = "vendas" }))",
          R"(op.create_table("itens", sa.Column("id", sa.Integer(), { primary_key = true }), sa.Column("g", sa.Integer(), sa.ForeignKey("vendas.grupos.id", { name = "fk_itens_g_grupos" })), { schema = "vendas" }))"}));
  EXPECT_EQ(
      lua(r.downgrade[0]),
      R"(op.drop_table("itens", { schema = "vendas" })  -- drops data: the data-loss guard refuses it on a table with rows until you add { allow_data_loss = true })");
  CompareOptions o;
  o.exclude_tables = {"vendas.*"};
  EXPECT_TRUE(diff(schema({plain}), schema({b, a, plain}), o).empty());
}

TEST_F(AutogenCompare, NewTablesAreCreatedAfterTheTablesTheyReference) {
  // Alphabetical order would create "a_child" before "z_parent".
  Table parent = table("z_parent", {pk_col("id")});
  Table child = table("a_child", {pk_col("id"), col("p", type(TypeKind::Integer))});
  child.foreign_keys = {fk("fk_a_child_p_z_parent", {"p"}, "z_parent", {"id"})};
  CompareResult r = diff(schema({}), schema({child, parent}));
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(std::get<ops::CreateTable>(r.upgrade[0]).table.name, "z_parent");
  EXPECT_EQ(std::get<ops::CreateTable>(r.upgrade[1]).table.name, "a_child");
  EXPECT_EQ(std::get<ops::DropTable>(r.downgrade[0]).table.name, "a_child");
  // Dropped: the referring table first.
  r = diff(schema({child, parent}), schema({}));
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(std::get<ops::DropTable>(r.upgrade[0]).table.name, "a_child");
  EXPECT_EQ(std::get<ops::DropTable>(r.upgrade[1]).table.name, "z_parent");
}

TEST_F(AutogenCompare, ForeignKeyCyclesBecomeSeparateOps) {
  Table a = table("a", {pk_col("id"), col("b_id", type(TypeKind::Integer))});
  a.foreign_keys = {fk("fk_a_b_id_b", {"b_id"}, "b", {"id"})};
  Table b = table("b", {pk_col("id"), col("a_id", type(TypeKind::Integer)),
                        col("parent", type(TypeKind::Integer))});
  b.foreign_keys = {fk("fk_b_a_id_a", {"a_id"}, "a", {"id"}),
                    fk("fk_b_parent_b", {"parent"}, "b", {"id"})};  // self reference stays inline
  CompareResult r = diff(schema({}), schema({a, b}));
  ASSERT_EQ(r.upgrade.size(), 3u);
  const auto& first = std::get<ops::CreateTable>(r.upgrade[0]);
  EXPECT_EQ(first.table.name, "a");
  EXPECT_TRUE(first.table.foreign_keys.empty());
  EXPECT_EQ(std::get<ops::CreateTable>(r.upgrade[1]).table.foreign_keys.size(), 2u);
  EXPECT_EQ(lua(r.upgrade[2]),
            R"(op.create_foreign_key("fk_a_b_id_b", "a", "b", { "b_id" }, { "id" }))");
  round_trip(schema({}), schema({a, b}));

  // Dropping the cycle: the forward key goes first, and `existing` leaves it out.
  r = diff(schema({a, b}), schema({}));
  EXPECT_EQ(lua(r.upgrade[0]),
            R"(op.drop_constraint("fk_a_b_id_b", "a", { type_ = "foreignkey" }))");
  EXPECT_EQ(std::get<ops::DropTable>(r.upgrade[1]).table.name, "b");
  const auto& drop_a = std::get<ops::DropTable>(r.upgrade[2]);
  EXPECT_EQ(drop_a.table.name, "a");
  EXPECT_TRUE(drop_a.existing->foreign_keys.empty());
  round_trip(schema({a, b}), schema({}));
}

TEST_F(AutogenCompare, SurvivingTablesDropKeysToDroppedTablesFirst) {
  Table child = table("c", {pk_col("id"), col("g", type(TypeKind::Integer))});
  Table before = child;
  before.foreign_keys = {fk("fk_c_g_grupos", {"g"}, "grupos", {"id"})};
  CompareResult r = diff(schema({before, grupos()}), schema({child}));
  EXPECT_EQ(
      lua(r.upgrade),
      (std::vector<std::string>{
          R"(op.drop_constraint("fk_c_g_grupos", "c", { type_ = "foreignkey" }))",
          R"(op.drop_table("grupos")  -- drops data: the data-loss guard refuses it on a table with rows until you add { allow_data_loss = true })"}));
  round_trip(schema({before, grupos()}), schema({child}));
}

TEST_F(AutogenCompare, ThousandTableChainHasNoRecursionAndStaysFast) {
  // t0000 -> t0001 -> ... -> t0999: alphabetical order is the worst case.
  const int n = 1000;
  MetaData target;
  for (int i = 0; i < n; ++i) {
    char name[8], next[8];
    std::snprintf(name, sizeof name, "t%04d", i);
    std::snprintf(next, sizeof next, "t%04d", i + 1);
    Table t = table(name, {pk_col("id"), col("next_id", type(TypeKind::Integer))});
    if (i + 1 < n) t.foreign_keys = {fk(std::string("fk_") + name, {"next_id"}, next, {"id"})};
    target.tables.push_back(std::move(t));
  }
  auto start = std::chrono::steady_clock::now();
  CompareResult r = compare(MetaData{}, target, dialect);
  CompareResult back = compare(target, MetaData{}, dialect);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  ASSERT_EQ(r.upgrade.size(), static_cast<size_t>(n));  // no deferred foreign keys
  for (int i = 0; i < n; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "t%04d", n - 1 - i);
    EXPECT_EQ(std::get<ops::CreateTable>(r.upgrade[i]).table.name, name);
  }
  ASSERT_EQ(back.upgrade.size(), static_cast<size_t>(n));
  EXPECT_EQ(std::get<ops::DropTable>(back.upgrade.front()).table.name, "t0000");
  EXPECT_EQ(std::get<ops::DropTable>(back.upgrade.back()).table.name, "t0999");
}

TEST_F(AutogenCompare, OrderIsDeterministicAndPhased) {
  Table a = grupos();
  a.columns.push_back(col("x", type(TypeKind::Integer)));
  Table b = table("b", {pk_col("id"), col("y", type(TypeKind::Integer))});
  b.indexes = {test::index("ix_b_y", {"y"})};
  Table b2 = b;
  b2.indexes.clear();
  b2.columns.push_back(col("z", type(TypeKind::Integer)));
  Table n = table("n", {pk_col("id"), col("b_id", type(TypeKind::Integer))});
  n.foreign_keys = {fk("fk_n_b_id_b", {"b_id"}, "b", {"id"})};
  MetaData current = schema({grupos(), b, usuarios()});
  MetaData target = schema({n, b2, a});  // usuarios dropped, n created
  CompareResult r1 = diff(current, target);
  std::reverse(target.tables.begin(), target.tables.end());
  std::reverse(current.tables.begin(), current.tables.end());
  CompareResult r2 = diff(current, target);
  EXPECT_EQ(lua(r1.upgrade), lua(r2.upgrade));
  EXPECT_EQ(
      lua(r1.upgrade),
      (std::vector<std::string>{
          R"(op.drop_table("usuarios")  -- drops data: the data-loss guard refuses it on a table with rows until you add { allow_data_loss = true })",
          R"(op.drop_index("ix_b_y", { table_name = "b" }))",
          R"(op.add_column("b", sa.Column("z", sa.Integer())))",
          R"(op.add_column("grupos", sa.Column("x", sa.Integer())))",
          "op.create_table(\"n\", "
          "sa.Column(\"id\", sa.Integer(), { primary_key = true }), "
          "sa.Column(\"b_id\", sa.Integer(), sa.ForeignKey(\"b.id\", { name = \"fk_n_b_id_b\" })))",
      }));
}

TEST_F(AutogenCompare, ModelSugarIsNormalizedByConvention) {
  Table model = table("t", {pk_col("id"), col("email", string_type())});
  model.columns[1].unique = true;
  model.columns[1].index = true;
  ForeignKey f;
  f.referred_table = "grupos";
  f.referred_columns = {"id"};
  model.columns[1].foreign_keys = {f};
  CompareResult r = diff(schema({grupos()}), schema({grupos(), model}));
  ASSERT_EQ(r.upgrade.size(), 1u);
  const Table& t = std::get<ops::CreateTable>(r.upgrade[0]).table;
  EXPECT_EQ(t.primary_key->name, "pk_t");
  ASSERT_EQ(t.unique_constraints.size(), 1u);
  EXPECT_EQ(t.unique_constraints[0].name, "uq_t_email");
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "ix_t_email");
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].name, "fk_t_email_grupos");
  EXPECT_FALSE(t.columns[1].unique || t.columns[1].index || !t.columns[1].foreign_keys.empty());
}

}  // namespace
}  // namespace retort
