// Server databases through the CLI: connection failures are one line with the password masked,
// and tables and the version table may live in another schema.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

class ServerErrors : public ::testing::TestWithParam<std::string> {};

// The URL of the test server with one part replaced.
std::string with(const std::string& url, const std::string& password, const std::string& db,
                 std::optional<int> port = {}) {
  Url u = Url::parse(url);
  return u.scheme + "://" + u.user + ":" + password + "@" + u.host + ":" +
         std::to_string(port.value_or(*u.port)) + "/" + db + "?connect_timeout=3";
}

TEST_P(ServerErrors, WrongPasswordUnknownDatabaseServerDown) {
  Project p(GetParam(), "errors");
  p.write_config();
  p.write_revision("aaaaaaaaaaaa", "", "t", "", "");
  Url good = Url::parse(p.url());
  struct Case {
    std::string url;
    std::string secret;
  } cases[] = {
      {with(p.url(), "wrong-secret-pw", good.database), "wrong-secret-pw"},
      {with(p.url(), good.password, "no_such_database_here"), good.password},
      {with(p.url(), "down-secret-pw", good.database, 1), "down-secret-pw"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto r = p.retort("--url '" + c.url + "' upgrade head");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr("***"));
    EXPECT_THAT(r.err, Not(HasSubstr(c.secret)));
    EXPECT_THAT(r.out, Not(HasSubstr(c.secret)));
  }
}

TEST_P(ServerErrors, TablesAndVersionTableInAnotherSchema) {
  Project p(GetParam(), "schemas");
  // PostgreSQL: a schema in the same database; MySQL: another database on the same server.
  std::string schema =
      GetParam() == "postgresql" ? "billing" : Url::parse(p.url()).database + "_billing";
  p.db().execute(GetParam() == "postgresql" ? "CREATE SCHEMA billing"
                                            : "CREATE DATABASE `" + schema + "`");
  p.write_config("version_table_schema = \"" + schema + "\"\n");
  p.write_revision(
      "bbbbbbbbbbbb", "", "invoices",
      "  op.create_table(\"invoices\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
      "    sa.Column(\"total\", sa.Numeric(10, 2)), { schema = \"" +
          schema +
          "\" })\n"
          "  op.add_column(\"invoices\", sa.Column(\"note\", sa.Text()), { schema = \"" +
          schema + "\" })",
      "  op.drop_table(\"invoices\", { schema = \"" + schema + "\" })");
  auto r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT version_num FROM " + (GetParam() == "postgresql"
                                                       ? schema + ".retort_version"
                                                       : "`" + schema + "`.retort_version")),
            "bbbbbbbbbbbb");
  EXPECT_FALSE(p.has_table("retort_version"));
  p.db().execute(GetParam() == "postgresql"
                     ? "INSERT INTO billing.invoices (id, total, note) VALUES (1, 9.5, 'x')"
                     : "INSERT INTO `" + schema +
                           "`.invoices (id, total, note) VALUES (1, 9.5, 'x')");
  r = p.retort("current");
  EXPECT_THAT(r.out, HasSubstr("bbbbbbbbbbbb"));
  r = p.retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("would destroy data"));
  r = p.retort("downgrade base --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Servers, ServerErrors, ::testing::Values("postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
