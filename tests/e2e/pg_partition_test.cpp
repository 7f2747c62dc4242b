// PostgreSQL declarative partitioning: a partitioned table and its partitions created from the
// models (parent first, its index and keys once), reflected, compared, rendered; the
// partitions' inherited indexes and keys are never differences; the data-loss guard stands in
// front of dropping them. SQLite and MariaDB refuse the options with a clear error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "e2e/project.hpp"

namespace retort::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void write_models(const Project& p, const std::string& text) {
  std::ofstream(p.dir() / "migrations" / "models.lua", std::ios::trunc) << text;
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kEvents = R"lua(sa.Table("kinds",
  sa.Column("name", sa.String(20), { primary_key = true }))
sa.Table("events",
  sa.Column("id", sa.BigInteger(), { nullable = false }),
  sa.Column("created_at", sa.Date(), { nullable = false }),
  sa.Column("kind", sa.String(20), sa.ForeignKey("kinds.name")),
  sa.PrimaryKeyConstraint("id", "created_at"),
  sa.Index("ix_events_kind", "kind"),
  { postgresql_partition_by = "RANGE (created_at)" })
sa.Table("events_2026",
  { partition_of = "events",
    partition_bound = "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')" })
sa.Table("events_other", { partition_of = "events", partition_bound = "DEFAULT" })
)lua";

std::string events_2027(const std::string& to) {
  return "sa.Table(\"events_2027\", { partition_of = \"events\", partition_bound = \"FOR VALUES "
         "FROM ('2027-01-01') TO ('" +
         to + "')\" })\n";
}

std::filesystem::path generated(const std::string& out) {
  size_t at = out.find("Generating ");
  if (at == std::string::npos) return {};
  return out.substr(at + 11, out.find(" ... done") - at - 11);
}

TEST(PgPartitions, CreatedReflectedComparedAndRendered) {
  Project p("postgresql", "pg_partitions");
  p.write_config();
  write_models(p, kEvents);
  auto r = p.retort("revision --autogenerate -m events");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  std::string file = read_text(generated(r.out));
  EXPECT_THAT(file, HasSubstr("postgresql_partition_by = \"RANGE (created_at)\""));
  EXPECT_THAT(file, HasSubstr("partition_of = \"events\""));
  // The parent comes before its partitions.
  EXPECT_LT(file.find("op.create_table(\"events\""), file.find("op.create_table(\"events_2026\""));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(p.scalar("SELECT pg_get_partkeydef('events'::regclass)"), "RANGE (created_at)");
  EXPECT_EQ(p.scalar("SELECT string_agg(c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid), "
                     "', ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = "
                     "i.inhrelid WHERE i.inhparent = 'events'::regclass"),
            "events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'), events_other DEFAULT");
  // The index and the foreign key were declared once, on the parent.
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0"),
            "1");
  EXPECT_EQ(p.scalar("SELECT count(*) FROM pg_class WHERE relname = 'ix_events_kind'"), "1");
  p.db().execute("INSERT INTO kinds VALUES ('a')");
  p.db().execute(
      "INSERT INTO events VALUES (1, '2026-03-01', 'a'), (2, '2031-01-01', 'a'), (3, "
      "'2027-05-01', 'a')");

  // Nothing differs: the partitions' copies of the index, key and foreign key are theirs.
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // A partition added is exactly one create_table; existing rows stay where they are.
  write_models(p, kEvents + events_2027("2028-01-01"));
  p.db().execute("DELETE FROM events WHERE id = 3");
  r = p.retort("revision --autogenerate -m y2027");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("Generating")), "Detected create_table events_2027\n");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // A bound changed is named: PostgreSQL cannot move it in place.
  write_models(p, kEvents + events_2027("2029-01-01"));
  r = p.retort("check");
  EXPECT_EQ(r.err,
            "retort: warning: table events_2027: partitioning differs (partition_bound is \"FOR "
            "VALUES FROM ('2027-01-01') TO ('2028-01-01')\" in the database, \"FOR VALUES FROM "
            "('2027-01-01') TO ('2029-01-01')\" in the models): retort does not change "
            "partitioning in place; detach and attach the partition, or rebuild the table, with "
            "op.execute\n");
  write_models(p, kEvents + events_2027("2028-01-01"));

  // Down again: the empty partition goes; the rows guard the rest.
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_FALSE(p.has_table("events_2027"));
  r = p.retort("downgrade base");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--allow-data-loss"));
  EXPECT_EQ(p.count("events"), 2);
  r = p.retort("downgrade base --allow-data-loss");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(p.has_table("events"));
  EXPECT_FALSE(p.has_table("events_2026"));
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

// A schema.sql (a dump) with a partitioned table gives the same models.
TEST(PgPartitions, FromSchemaSql) {
  Project p("postgresql", "pg_partitions_sql");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "schema.sql")
      << "CREATE TABLE public.events (id bigint NOT NULL, created_at date NOT NULL)\n"
         "  PARTITION BY RANGE (created_at);\n"
         "CREATE TABLE public.events_2026 (id bigint NOT NULL, created_at date NOT NULL);\n"
         "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2026 FOR VALUES FROM "
         "('2026-01-01') TO ('2027-01-01');\n"
         "ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, "
         "created_at);\n"
         "ALTER TABLE ONLY public.events_2026 ADD CONSTRAINT events_2026_pkey PRIMARY KEY (id, "
         "created_at);\n"
         "ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2026_pkey;\n";
  auto r = p.retort("revision --autogenerate -m events");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("Generating")),
            "Detected create_table events\nDetected create_table events_2026\n");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

class PartitionRefused : public ::testing::TestWithParam<std::string> {};

TEST_P(PartitionRefused, ClearErrorOnOtherDatabases) {
  Project p(GetParam(), "partition_refused");
  p.write_config();
  p.write_revision("a1", "", "events",
                   "  op.create_table(\"events\", sa.Column(\"id\", sa.Integer(), { primary_key "
                   "= true }), { postgresql_partition_by = \"RANGE (id)\" })",
                   "  op.drop_table(\"events\")");
  auto r = p.retort("upgrade head");
  EXPECT_EQ(r.code, 1);
  std::string database = GetParam() == "sqlite" ? "SQLite" : "MySQL/MariaDB";
  EXPECT_THAT(r.err, HasSubstr("create_table events: postgresql_partition_by (declarative "
                               "partitioning) is PostgreSQL only; " +
                               database +
                               " cannot create it: leave the option out for this database, or "
                               "partition with op.execute"));
  EXPECT_FALSE(p.has_table("events"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, PartitionRefused, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace retort::test
