// The unmanaged-object report: which objects are named, how exclude_objects patterns match,
// and the warning text.
#include "autogen/unmanaged.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialect/scratch.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

using autogen::excluded;
using autogen::unmanaged_objects;
using autogen::unmanaged_warning;

const CatalogObject kPolicy{"policy", "", "orders", "p_own"};
const CatalogObject kAuditRule{"rule", "audit", "log", "r_keep"};
const CatalogObject kExtension{"extension", "", "", "pg_trgm"};

TEST(AutogenUnmanaged, Paths) {
  EXPECT_EQ(kPolicy.path(), "orders.p_own");
  EXPECT_EQ(kAuditRule.path(), "audit.log.r_keep");
  EXPECT_EQ(kExtension.path(), "pg_trgm");
}

TEST(AutogenUnmanaged, PatternsMatchKindAndName) {
  EXPECT_TRUE(excluded(kPolicy, {"policy:*"}));
  EXPECT_TRUE(excluded(kPolicy, {"policy:orders.*"}));
  EXPECT_TRUE(excluded(kPolicy, {"*:p_own"}));
  EXPECT_FALSE(excluded(kPolicy, {"rule:*"}));
  EXPECT_FALSE(excluded(kPolicy, {"policy:other.*"}));
  // With or without the schema.
  EXPECT_TRUE(excluded(kAuditRule, {"rule:audit.log.*"}));
  EXPECT_TRUE(excluded(kAuditRule, {"rule:log.r_keep"}));
  EXPECT_FALSE(excluded(kAuditRule, {"rule:public.log.*"}));
  EXPECT_FALSE(excluded(kExtension, {"policy"}));  // malformed: matches nothing
}

TEST(AutogenUnmanaged, MalformedPatternIsAConfigError) {
  EXPECT_NO_THROW(autogen::check_exclude_patterns({"policy:*", "*:*"}));
  try {
    autogen::check_exclude_patterns({"policy:*", "rule"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_STREQ(e.what(),
                 "exclude_objects: 'rule' is not KIND:NAME (e.g. \"policy:*\", \"rule:orders.*\", "
                 "\"*:audit_*\")");
  }
}

TEST(AutogenUnmanaged, ModelsAndDatabaseMatchedManagedKindsAndTablesLeftOut) {
  const CatalogObject view{"rule", "", "", "v"};  // a kind retort does not manage
  const CatalogObject trigger{"trigger", "", "legacy", "trg"};
  const CatalogObject enum_type{"enum", "", "", "mood"};
  auto all = unmanaged_objects(
      {kPolicy, view, trigger, enum_type}, {view, kExtension}, {},
      [](const std::string&, const std::string& table) { return table != "legacy"; });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(autogen::unmanaged_label(all[0]), "extension pg_trgm");
  EXPECT_TRUE(all[0].in_models && !all[0].in_database);
  EXPECT_EQ(autogen::unmanaged_label(all[1]), "policy orders.p_own");
  EXPECT_TRUE(!all[1].in_models && all[1].in_database);
  EXPECT_EQ(autogen::unmanaged_label(all[2]), "rule v");
  EXPECT_TRUE(all[2].in_models && all[2].in_database);
  EXPECT_EQ(unmanaged_warning(all[0]),
            "unmanaged extension pg_trgm: in the models only, no revision creates it "
            "(exclude_objects \"extension:pg_trgm\" accepts it)");
  EXPECT_EQ(unmanaged_warning(all[1]),
            "unmanaged policy orders.p_own: in the database only, left as it is "
            "(exclude_objects \"policy:orders.p_own\" accepts it)");
  EXPECT_EQ(unmanaged_warning(all[2]),
            "unmanaged rule v: in the models and the database, not compared (exclude_objects "
            "\"rule:v\" accepts it)");
  EXPECT_TRUE(unmanaged_objects({kPolicy}, {}, {"policy:*"}, nullptr).empty());
}

// schema.sql statements about ownership and privileges are skipped in the scratch.
TEST(AutogenUnmanaged, PrivilegeStatements) {
  EXPECT_TRUE(privilege_statement("GRANT SELECT ON TABLE public.parent TO app_reader"));
  EXPECT_TRUE(privilege_statement("REVOKE ALL ON SCHEMA public FROM PUBLIC"));
  EXPECT_TRUE(privilege_statement("ALTER TABLE public.parent OWNER TO retort"));
  EXPECT_TRUE(privilege_statement("ALTER FUNCTION public.touch() OWNER TO \"Some Role\""));
  EXPECT_TRUE(privilege_statement(
      "ALTER DEFAULT PRIVILEGES FOR ROLE x IN SCHEMA public GRANT SELECT ON TABLES TO y"));
  EXPECT_FALSE(privilege_statement("ALTER TABLE public.parent ADD COLUMN owner text"));
  EXPECT_FALSE(privilege_statement("CREATE TABLE grants (id int)"));
  EXPECT_FALSE(privilege_statement("ALTER TABLE t RENAME COLUMN owner TO owner_id"));
}

}  // namespace
}  // namespace retort
