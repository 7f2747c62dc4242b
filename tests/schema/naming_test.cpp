// Naming conventions and the normalisation of column-level sugar.
#include "schema/naming.hpp"

#include <gtest/gtest.h>

#include "retort/error.hpp"

namespace retort {
namespace {

TEST(NamingTest, DefaultsExpandShortTokens) {
  NamingConvention nc;
  EXPECT_EQ(constraint_name(nc, "pk", "users", {"id"}, "", ""), "pk_users");
  EXPECT_EQ(constraint_name(nc, "uq", "users", {"email", "tenant"}, "", ""), "uq_users_email");
  EXPECT_EQ(constraint_name(nc, "ix", "users", {"email"}, "", ""), "ix_users_email");
  EXPECT_EQ(constraint_name(nc, "fk", "posts", {"user_id"}, "users", ""), "fk_posts_user_id_users");
  EXPECT_EQ(constraint_name(nc, "ck", "users", {}, "", "positive_age"), "ck_users_positive_age");
}

TEST(NamingTest, SqlAlchemyTokens) {
  NamingConvention nc;
  nc.patterns["uq"] = "uq_%(table_name)s_%(column_0_N_name)s";
  nc.patterns["ix"] = "ix_%(column_0N_name)s";
  nc.patterns["fk"] = "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s";
  nc.patterns["pk"] = "%(table_name)s_pkey_%(column_0_label)s";
  EXPECT_EQ(constraint_name(nc, "uq", "t", {"a", "b", "c"}, "", ""), "uq_t_a_b_c");
  EXPECT_EQ(constraint_name(nc, "ix", "t", {"a", "b"}, "", ""), "ix_ab");
  EXPECT_EQ(constraint_name(nc, "fk", "t", {"x"}, "r", ""), "fk_t_x_r");
  EXPECT_EQ(constraint_name(nc, "pk", "t", {"id"}, "", ""), "t_pkey_t_id");
}

TEST(NamingTest, UnnamedCheckTakesItsFirstColumn) {
  NamingConvention nc;
  EXPECT_EQ(check_token("age >= 0"), "age");
  EXPECT_EQ(check_token("length(name) > 0"), "name");
  EXPECT_EQ(check_token("'a' < \"Upper\""), "Upper");
  EXPECT_EQ(check_token("t.col IS NOT NULL"), "col");
  EXPECT_EQ(check_token("status IN ('a', 'b')"), "status");
  EXPECT_EQ(check_token("1 = 1"), check_token("1 = 1"));
  EXPECT_NE(check_token("1 = 1"), check_token("2 = 2"));
  EXPECT_EQ(check_name(nc, "users", "age >= 0"), "ck_users_age");
  nc.patterns["ck"] = "%(table_name)s_%(column_0_name)s_check";  // PostgreSQL's own scheme
  EXPECT_EQ(check_name(nc, "users", "age >= 0"), "users_age_check");
}

TEST(NamingTest, CheckWithoutNameIsAnError) {
  NamingConvention nc;
  try {
    constraint_name(nc, "ck", "t", {}, "", "");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Script);
    EXPECT_EQ(std::string(e.what()).rfind("check constraint on t needs a name: ", 0), 0u)
        << e.what();
  }
}

TEST(NamingTest, UnknownTokenAndMissingColumnAreErrors) {
  NamingConvention nc;
  nc.patterns["ix"] = "ix_%(colum_0)s";
  EXPECT_THROW(constraint_name(nc, "ix", "t", {"a"}, "", ""), Error);
  nc.patterns["ix"] = "ix_%(column_1_name)s";
  EXPECT_THROW(constraint_name(nc, "ix", "t", {"a"}, "", ""), Error);
  EXPECT_EQ(constraint_name(nc, "ix", "t", {"a", "b"}, "", ""), "ix_b");
}

TEST(NamingTest, NormalizeMovesColumnSugar) {
  Table t;
  t.name = "users";
  Column id{.name = "id", .primary_key = true};
  Column email{.name = "email", .unique = true};
  Column nick{.name = "nick", .index = true};
  Column code{.name = "code", .unique = true, .index = true};
  Column org{.name = "org_id"};
  ForeignKey fk;
  fk.referred_table = "orgs";
  fk.referred_columns = {"id"};
  org.foreign_keys.push_back(fk);
  t.columns = {id, email, nick, code, org};
  normalize_table(t, NamingConvention{});

  ASSERT_TRUE(t.primary_key);
  EXPECT_EQ(t.primary_key->name, "pk_users");
  EXPECT_EQ(t.primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_TRUE(t.columns[0].primary_key);

  ASSERT_EQ(t.unique_constraints.size(), 1u);
  EXPECT_EQ(t.unique_constraints[0].name, "uq_users_email");
  ASSERT_EQ(t.indexes.size(), 2u);
  EXPECT_EQ(t.indexes[0].name, "ix_users_nick");
  EXPECT_FALSE(t.indexes[0].unique);
  EXPECT_EQ(t.indexes[1].name, "ix_users_code");
  EXPECT_TRUE(t.indexes[1].unique);  // unique + index: a unique index, as SQLAlchemy
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].name, "fk_users_org_id_orgs");
  EXPECT_EQ(t.foreign_keys[0].columns, std::vector<std::string>{"org_id"});
  for (const auto& c : t.columns) {
    EXPECT_FALSE(c.unique);
    EXPECT_FALSE(c.index);
    EXPECT_TRUE(c.foreign_keys.empty());
  }
}

TEST(NamingTest, NormalizeKeepsExplicitNamesAndNamesTheRest) {
  Table t;
  t.name = "t";
  t.columns = {Column{.name = "a"}, Column{.name = "b"}};
  t.primary_key = PrimaryKey{"", {"a", "b"}};
  t.unique_constraints = {{"my_uq", {"b"}}, {"", {"a", "b"}}};
  t.check_constraints = {{"positive", "a > 0"}};
  t.indexes = {Index{"", {{"lower(b)", true}}, false, ""}};
  normalize_table(t, NamingConvention{});
  EXPECT_EQ(t.primary_key->name, "pk_t");
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_TRUE(t.columns[1].primary_key);
  EXPECT_EQ(t.unique_constraints[0].name, "my_uq");
  EXPECT_EQ(t.unique_constraints[1].name, "uq_t_a");
  EXPECT_EQ(t.check_constraints[0].name, "positive");  // explicit names are final
  EXPECT_EQ(t.indexes[0].name, "ix_t_lower_b");
}

// CTFd's `solves`: UniqueConstraint("challenge_id", "team_id") and ("challenge_id", "user_id"),
// both unnamed. The convention names both uq_solves_challenge_id; the second is numbered, as
// MySQL numbers its own names, and a given name is never changed.
TEST(NamingTest, UnnamedConstraintsThatTheConventionNamesAlikeAreNumbered) {
  Table t;
  t.name = "solves";
  t.columns = {Column{.name = "challenge_id"}, Column{.name = "team_id"},
               Column{.name = "user_id"}};
  t.unique_constraints = {{"", {"challenge_id", "team_id"}},
                          {"", {"challenge_id", "user_id"}},
                          {"uq_solves_challenge_id_3", {"user_id"}},
                          {"", {"challenge_id"}}};
  t.foreign_keys = {ForeignKey{.columns = {"user_id"}, .referred_table = "users"},
                    ForeignKey{.columns = {"user_id"}, .referred_table = "users"}};
  t.indexes = {Index{"", {{"team_id", false}}, false, ""}, Index{"", {{"team_id", false}}, true, ""}};
  normalize_table(t, NamingConvention{});
  EXPECT_EQ(t.unique_constraints[0].name, "uq_solves_challenge_id");
  EXPECT_EQ(t.unique_constraints[1].name, "uq_solves_challenge_id_2");
  EXPECT_EQ(t.unique_constraints[2].name, "uq_solves_challenge_id_3");
  EXPECT_EQ(t.unique_constraints[3].name, "uq_solves_challenge_id_4");
  EXPECT_EQ(t.foreign_keys[0].name, "fk_solves_user_id_users");
  EXPECT_EQ(t.foreign_keys[1].name, "fk_solves_user_id_users_2");
  EXPECT_EQ(t.indexes[0].name, "ix_solves_team_id");
  EXPECT_EQ(t.indexes[1].name, "ix_solves_team_id_2");
}

TEST(NamingTest, NormalizeNamesUnnamedChecksAndRejectsConflictingKeys) {
  Table t;
  t.name = "t";
  t.columns = {Column{.name = "a"}};
  t.check_constraints = {{"", "a > 0"}, {"", "a < 10"}, {"", "1 = 1"}};
  normalize_table(t, NamingConvention{});
  EXPECT_EQ(t.check_constraints[0].name, "ck_t_a");
  EXPECT_EQ(t.check_constraints[1].name, "ck_t_a_2");
  EXPECT_EQ(t.check_constraints[2].name, "ck_t_" + check_token("1 = 1"));

  Table u;
  u.name = "u";
  u.columns = {Column{.name = "a", .primary_key = true}, Column{.name = "b"}};
  u.primary_key = PrimaryKey{"", {"b"}};
  EXPECT_THROW(normalize_table(u, NamingConvention{}), Error);
}

}  // namespace
}  // namespace retort
