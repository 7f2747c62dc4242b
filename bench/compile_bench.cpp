// Dialect::compile on 1,000 ops (create_table, create_index, add_column) for each dialect: the
// SQL an upgrade executes, without the database. The schema view is a model tracked from the
// ops (as offline runs do), filled with every table so ALTERs can see their table.
#include <benchmark/benchmark.h>

#include "bench_schema.hpp"
#include "dialect/dialect.hpp"
#include "runtime/sinks.hpp"

namespace {

void BM_Compile(benchmark::State& state, const char* dialect_name) {
  const int n = static_cast<int>(state.range(0));
  const auto ops = retort::bench::bench_ops(n);
  const retort::Dialect& dialect = retort::find_dialect(dialect_name);
  retort::TrackedSchema schema;
  schema.model = retort::bench::bench_metadata(n);
  size_t statements = 0;
  for (auto _ : state) {
    statements = 0;
    for (const auto& op : ops) {
      auto sql = dialect.compile(op, schema);
      statements += sql.size();
      benchmark::DoNotOptimize(sql);
    }
  }
  state.SetItemsProcessed(state.iterations() * n);  // ops compiled
  state.counters["statements"] = static_cast<double>(statements);
}
BENCHMARK_CAPTURE(BM_Compile, sqlite, "sqlite")->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compile, postgresql, "postgresql")->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Compile, mysql, "mysql")->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
