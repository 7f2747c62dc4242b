// The tokenizer and CREATE TABLE / CREATE INDEX readers on the odd corners of SQLite's syntax.
#include <gtest/gtest.h>

#include "dialect/sqlite/sql_parser.hpp"

namespace retort::sqlite {
namespace {

using Kind = ParsedConstraint::Kind;

TEST(SqliteSqlParser, TokenizesQuotesCommentsAndBlobs) {
  auto t = tokenize("SELECT [a b], `c``d`, \"e\"\"f\", 'g''h', x'00ff', 1.5e-3 -- tail\n/* c */ ;");
  ASSERT_EQ(t.size(), 13u);
  EXPECT_EQ(t[1].value, "a b");
  EXPECT_EQ(t[3].value, "c`d");
  EXPECT_EQ(t[5].value, "e\"f");
  EXPECT_EQ(t[7].kind, Token::Kind::String);
  EXPECT_EQ(t[7].value, "'g''h'");
  EXPECT_EQ(t[9].kind, Token::Kind::Blob);
  EXPECT_EQ(t[11].value, "1.5e-3");
  EXPECT_EQ(t[12].value, ";");
}

TEST(SqliteSqlParser, ReadsNamedConstraintsAtColumnAndTableLevel) {
  auto p = parse_create_table(R"sql(CREATE TABLE "t" (
    id INTEGER CONSTRAINT pk_t PRIMARY KEY DESC ON CONFLICT ABORT AUTOINCREMENT,
    "check" NUMERIC(10, 2) DEFAULT (1 + 2) CONSTRAINT ck_t_check CHECK ("check" > (0)) NOT NULL,
    email TEXT COLLATE NOCASE CONSTRAINT uq_t_email UNIQUE,
    p_id INTEGER REFERENCES p (id) MATCH SIMPLE ON DELETE SET NULL ON UPDATE NO ACTION NOT DEFERRABLE,
    q INT,
    CHECK (q <> 'CHECK (x)'),
    CONSTRAINT fk_t_q FOREIGN KEY (q) REFERENCES "q table" ON DELETE CASCADE DEFERRABLE INITIALLY deferred,
    UNIQUE (email COLLATE NOCASE, q DESC)
  ) WITHOUT ROWID)sql");
  ASSERT_EQ(p.constraints.size(), 7u);
  EXPECT_EQ(p.constraints[0].kind, Kind::PrimaryKey);
  EXPECT_EQ(p.constraints[0].name, "pk_t");
  EXPECT_EQ(p.autoincrement_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(p.constraints[1].kind, Kind::Check);
  EXPECT_EQ(p.constraints[1].name, "ck_t_check");
  EXPECT_EQ(p.constraints[1].check, "\"check\" > (0)");
  EXPECT_EQ(p.constraints[2].name, "uq_t_email");
  EXPECT_EQ(p.constraints[2].columns, (std::vector<std::string>{"email"}));
  EXPECT_EQ(p.constraints[3].kind, Kind::ForeignKey);
  EXPECT_EQ(p.constraints[3].name, "");
  EXPECT_EQ(p.constraints[3].referred_table, "p");
  EXPECT_EQ(p.constraints[3].deferrable, std::optional<bool>(false));
  EXPECT_EQ(p.constraints[4].check, "q <> 'CHECK (x)'");
  EXPECT_EQ(p.constraints[5].name, "fk_t_q");
  EXPECT_EQ(p.constraints[5].referred_table, "q table");
  EXPECT_TRUE(p.constraints[5].referred_columns.empty());
  EXPECT_EQ(p.constraints[5].deferrable, std::optional<bool>(true));
  EXPECT_EQ(p.constraints[5].initially, "DEFERRED");
  EXPECT_EQ(p.constraints[6].columns, (std::vector<std::string>{"email", "q"}));
  EXPECT_EQ(p.options, "WITHOUT ROWID");
}

TEST(SqliteSqlParser, ReadsIndexElementsAndWhere) {
  auto p = parse_create_index(
      "CREATE UNIQUE INDEX IF NOT EXISTS ix ON t (lower(a), b COLLATE NOCASE, \"c\" DESC) WHERE a "
      "IN (1, 2)");
  EXPECT_EQ(p.elements, (std::vector<std::string>{"lower(a)", "b COLLATE NOCASE", "\"c\" DESC"}));
  EXPECT_EQ(p.where, "a IN (1, 2)");
}

TEST(SqliteSqlParser, RenamesIdentifiersButNotStrings) {
  EXPECT_EQ(
      replace_identifier("nome <> 'nome' AND \"NOME\" > 0 AND t.nome_x = 1", "nome", "\"novo\""),
      "\"novo\" <> 'nome' AND \"novo\" > 0 AND t.nome_x = 1");
  EXPECT_TRUE(mentions_identifier("SELECT [Nome] FROM x", "nome"));
  EXPECT_FALSE(mentions_identifier("SELECT 'nome' FROM x", "nome"));
}

TEST(SqliteSqlParser, QualifiesCreateStatements) {
  EXPECT_EQ(qualify_create_statement("CREATE INDEX ix ON t (a)", "aux"),
            "CREATE INDEX \"aux\".ix ON t (a)");
  EXPECT_EQ(qualify_create_statement(
                "CREATE TRIGGER IF NOT EXISTS tr AFTER INSERT ON t BEGIN SELECT 1; END", "aux"),
            "CREATE TRIGGER IF NOT EXISTS \"aux\".tr AFTER INSERT ON t BEGIN SELECT 1; END");
  EXPECT_EQ(qualify_create_statement("CREATE VIEW aux.v AS SELECT 1", "aux"),
            "CREATE VIEW aux.v AS SELECT 1");
  EXPECT_EQ(qualify_create_statement("CREATE VIEW v AS SELECT 1", ""), "CREATE VIEW v AS SELECT 1");
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace retort::sqlite
