// PostgreSQL schema fidelity (issue 20, the pagila corpus case): a dump's partitions with indexes
// and foreign keys of their own, numeric defaults written as numbers, indexes on materialized
// views, and the views dropped and created again around a column change limited to the views that
// read that column. Each from a schema.sql as pg_dump writes it, through the retort binary.
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

void write_schema(const Project& p, const std::string& sql) {
  std::ofstream(p.dir() / "migrations" / "schema.sql", std::ios::trunc) << sql;
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::filesystem::path generated(const std::string& out) {
  size_t at = out.find("Generating ");
  if (at == std::string::npos) return {};
  return out.substr(at + 11, out.find(" ... done") - at - 11);
}

std::string detected(const CommandResult& r) { return r.out.substr(0, r.out.find("Generating")); }

// As pg_dump writes a partitioned table: the partition as a table, attached, the parent's key
// and unique index (which PostgreSQL copies onto the partition), and the partition's own index
// and foreign key.
const std::string kPartitioned =
    "CREATE TABLE public.kinds (name text PRIMARY KEY);\n"
    "CREATE TABLE public.events (id bigint NOT NULL, created_at date NOT NULL, kind text,\n"
    "  PRIMARY KEY (created_at, id)) PARTITION BY RANGE (created_at);\n"
    "CREATE TABLE public.events_2026 (id bigint NOT NULL, created_at date NOT NULL, kind text);\n"
    "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2026 FOR VALUES FROM "
    "('2026-01-01') TO ('2027-01-01');\n"
    "CREATE UNIQUE INDEX events_id_key ON public.events USING btree (id, created_at);\n"
    "CREATE INDEX ix_events_2026_kind ON public.events_2026 USING btree (kind);\n"
    "ALTER TABLE ONLY public.events_2026\n"
    "  ADD CONSTRAINT events_2026_kind_fkey FOREIGN KEY (kind) REFERENCES public.kinds(name);\n";

// The indexes of a table, "name definition" by name.
const char* kIndexesOf =
    "SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes "
    "WHERE schemaname = current_schema() AND tablename = ";

TEST(PgFidelity, PartitionKeepsItsOwnIndexesAndForeignKeys) {
  Project p("postgresql", "pg_fidelity_partition");
  p.write_config();
  write_schema(p, kPartitioned);
  auto r = p.retort("revision --autogenerate -m events");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string file = read_text(generated(r.out));
  EXPECT_THAT(file, HasSubstr("op.create_index(\"ix_events_2026_kind\", \"events_2026\""));
  EXPECT_THAT(file, HasSubstr("op.create_foreign_key(\"events_2026_kind_fkey\", \"events_2026\""));
  // The parent's unique index once, on the parent (its copy on the partition is PostgreSQL's).
  EXPECT_THAT(file, HasSubstr("op.create_index(\"events_id_key\", \"events\""));
  EXPECT_THAT(file, Not(HasSubstr("events_2026_id_created_at_idx")));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  // The partition: the parent's key and index copied by PostgreSQL, and its own index.
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'events_2026'"),
            "events_2026_id_created_at_idx, events_2026_pkey, ix_events_2026_kind");
  EXPECT_EQ(p.scalar("SELECT string_agg(conname, ', ') FROM pg_constraint WHERE contype = 'f' "
                     "AND conrelid = 'events_2026'::regclass"),
            "events_2026_kind_fkey");
  p.db().execute("INSERT INTO kinds VALUES ('a')");
  p.db().execute("INSERT INTO events VALUES (1, '2026-03-01', 'a')");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // The partition's own index dropped from the models: exactly that, on the partition.
  std::string without = kPartitioned;
  without.erase(without.find("CREATE INDEX ix_events_2026_kind"),
                std::string("CREATE INDEX ix_events_2026_kind ON public.events_2026 USING btree "
                            "(kind);\n")
                    .size());
  write_schema(p, without);
  r = p.retort("revision --autogenerate -m no_kind_index");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(detected(r), "Detected drop_index ix_events_2026_kind\n");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'events_2026'"),
            "events_2026_id_created_at_idx, events_2026_pkey");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  write_schema(p, kPartitioned);
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'events_2026'"),
            "events_2026_id_created_at_idx, events_2026_pkey, ix_events_2026_kind");
}

TEST(PgFidelity, NumericDefaultsAreWrittenAsNumbers) {
  Project p("postgresql", "pg_fidelity_defaults");
  p.write_config();
  write_schema(p,
               "CREATE TABLE public.film (id integer PRIMARY KEY,\n"
               "  rental_duration smallint DEFAULT 3 NOT NULL,\n"
               "  rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,\n"
               "  below integer DEFAULT '-1' NOT NULL,\n"
               "  code text DEFAULT '3' NOT NULL);\n");
  auto r = p.retort("revision --autogenerate -m film");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  // As PostgreSQL keeps them when the schema is loaded directly.
  EXPECT_EQ(p.scalar("SELECT string_agg(a.attname || ' ' || pg_get_expr(d.adbin, d.adrelid), "
                     "', ' ORDER BY a.attnum) FROM pg_attrdef d JOIN pg_attribute a ON "
                     "a.attrelid = d.adrelid AND a.attnum = d.adnum "
                     "WHERE d.adrelid = 'film'::regclass"),
            "rental_duration 3, rental_rate 4.99, below '-1'::integer, code '3'::text");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  // A database that holds '3'::smallint (made by an older retort) is the same default.
  p.db().execute("ALTER TABLE film ALTER COLUMN rental_duration SET DEFAULT '3'::smallint");
  EXPECT_EQ(p.scalar("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN "
                     "pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                     "WHERE d.adrelid = 'film'::regclass AND a.attname = 'rental_duration'"),
            "'3'::smallint");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

const std::string kSales =
    "CREATE TABLE public.sales (id integer PRIMARY KEY, category text NOT NULL,\n"
    "  amount numeric(6,2) NOT NULL);\n"
    "CREATE MATERIALIZED VIEW public.sales_by_category AS\n"
    " SELECT category, sum(amount) AS total FROM public.sales GROUP BY category\n"
    "  WITH NO DATA;\n"
    "CREATE UNIQUE INDEX sales_category ON public.sales_by_category USING btree (category);\n";

TEST(PgFidelity, MaterializedViewIndexesAreManaged) {
  Project p("postgresql", "pg_fidelity_matview");
  p.write_config();
  write_schema(p, kSales + "CREATE INDEX sales_total ON public.sales_by_category (total DESC);\n");
  auto r = p.retort("revision --autogenerate -m sales");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  std::string file = read_text(generated(r.out));
  EXPECT_THAT(file, HasSubstr("CREATE UNIQUE INDEX sales_category ON sales_by_category USING "
                              "btree (category);"));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'sales_by_category'"),
            "sales_category, sales_total");
  EXPECT_EQ(p.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'sales_category'"),
            "CREATE UNIQUE INDEX sales_category ON public.sales_by_category USING btree "
            "(category)");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");

  // An index of it dropped from the models: the materialized view is built again without it.
  write_schema(p, kSales);
  r = p.retort("revision --autogenerate -m no_total_index");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(detected(r), "Detected replace_materialized_view sales_by_category\n");
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'sales_by_category'"), "sales_category");
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  // Down again: the index is back.
  ASSERT_EQ(p.retort("downgrade -1").code, 0);
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'sales_by_category'"),
            "sales_category, sales_total");
}

// In models.lua, a materialized view's indexes follow its SELECT.
TEST(PgFidelity, MaterializedViewIndexesInModelsLua) {
  Project p("postgresql", "pg_fidelity_matview_lua");
  p.write_config();
  std::ofstream(p.dir() / "migrations" / "models.lua")
      << "sa.Table(\"sales\", sa.Column(\"id\", sa.Integer(), { primary_key = true }),\n"
         "  sa.Column(\"category\", sa.Text(), { nullable = false }))\n"
         "sa.MaterializedView(\"categories\", [[SELECT DISTINCT category FROM sales;\n"
         "CREATE UNIQUE INDEX categories_category ON categories (category)]])\n";
  auto r = p.retort("revision --autogenerate -m sales");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar(std::string(kIndexesOf) + "'categories'"), "categories_category");
  r = p.retort("check --strict");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
}

// A column that changes type under views: only the views that read that column (and the views
// over them) are dropped and created again, and the change names them.
TEST(PgFidelity, ViewsRecreatedOnlyWhereTheyReadTheChangedColumn) {
  Project p("postgresql", "pg_fidelity_views");
  p.write_config();
  const std::string table =
      "CREATE TABLE public.items (id integer PRIMARY KEY, price numeric(4,2), name text);\n";
  const std::string views =
      "CREATE VIEW public.item_prices AS SELECT id, price FROM public.items;\n"
      "CREATE VIEW public.item_names AS SELECT id, name FROM public.items;\n"
      "CREATE VIEW public.cheap_items AS SELECT id FROM public.item_prices WHERE price < 1;\n";
  write_schema(p, table + views);
  auto r = p.retort("revision --autogenerate -m items");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  const std::string names_oid = p.scalar("SELECT 'item_names'::regclass::oid::text");

  std::string widened = table;
  widened.replace(widened.find("numeric(4,2)"), 12, "numeric(6,2)");
  write_schema(p, widened + views);
  r = p.retort("revision --autogenerate -m widen");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(detected(r),
            "Detected alter_column items.price (views item_prices, cheap_items dropped and "
            "created again around it)\n");
  std::string file = read_text(generated(r.out));
  EXPECT_THAT(file, HasSubstr("op.drop_view(\"cheap_items\""));
  EXPECT_THAT(file, HasSubstr("op.drop_view(\"item_prices\""));
  EXPECT_THAT(file, Not(HasSubstr("item_names")));
  // Dropped in the order they can go (the view over the view first), created back the other way.
  EXPECT_LT(file.find("op.drop_view(\"cheap_items\""), file.find("op.drop_view(\"item_prices\""));
  EXPECT_LT(file.find("op.create_view(\"item_prices\""),
            file.find("op.create_view(\"cheap_items\""));
  r = p.retort("upgrade head");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                     "'item_prices'::regclass AND attname = 'price'"),
            "numeric(6,2)");
  EXPECT_EQ(p.scalar("SELECT 'item_names'::regclass::oid::text"), names_oid);
  r = p.retort("check");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  r = p.retort("downgrade -1");
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(p.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                     "'item_prices'::regclass AND attname = 'price'"),
            "numeric(4,2)");
  EXPECT_EQ(p.scalar("SELECT 'item_names'::regclass::oid::text"), names_oid);
}

// Plain aggregates are managed; an ordered-set aggregate is not reflected, so it is named, never
// passed over in silence.
TEST(PgFidelity, OrderedSetAggregateIsReported) {
  Project p("postgresql", "pg_fidelity_aggregate");
  p.write_config();
  write_schema(p, "CREATE TABLE public.t (id integer PRIMARY KEY);\n");
  ASSERT_EQ(p.retort("revision --autogenerate -m t").code, 0);
  ASSERT_EQ(p.retort("upgrade head").code, 0);
  p.db().execute(
      "CREATE AGGREGATE my_mode(ORDER BY anyelement) (SFUNC = ordered_set_transition, "
      "STYPE = internal, FINALFUNC = mode_final, FINALFUNC_EXTRA)");
  auto r = p.retort("check --strict");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("retort: warning: unmanaged ordered_set_aggregate "
                               "my_mode(ORDER BY anyelement): in the database only, left as it "
                               "is"));
  EXPECT_THAT(r.err, HasSubstr("retort: --strict: 1 object(s) that retort does not manage"));
}

}  // namespace
}  // namespace retort::test
