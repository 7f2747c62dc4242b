// autogen::compare on two MetaData of 10,000 tables: identical (what `check` sees when the
// database matches) and with one table in ten differing (a column more, an index less).
#include <benchmark/benchmark.h>

#include "autogen/compare.hpp"
#include "bench_schema.hpp"
#include "dialect/dialect.hpp"

namespace {

using retort::MetaData;

void BM_CompareIdentical(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const MetaData current = retort::bench::bench_metadata(n);
  const MetaData target = current;
  const retort::Dialect& dialect = retort::find_dialect("sqlite");
  for (auto _ : state) {
    auto result = retort::autogen::compare(current, target, dialect);
    benchmark::DoNotOptimize(result);
    if (!result.empty()) state.SkipWithError("identical schemas differ");
  }
  state.SetItemsProcessed(state.iterations() * n);  // tables compared
}
BENCHMARK(BM_CompareIdentical)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_CompareTenthDiffers(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const MetaData current = retort::bench::bench_metadata(n);
  MetaData target = current;
  for (int i = 0; i < n; i += 10) {
    retort::Column c = retort::bench::column("extra", retort::TypeKind::Text);
    target.tables[i].columns.push_back(c);
    target.tables[i].indexes.clear();
  }
  const retort::Dialect& dialect = retort::find_dialect("sqlite");
  for (auto _ : state) {
    auto result = retort::autogen::compare(current, target, dialect);
    benchmark::DoNotOptimize(result);
    if (result.upgrade.size() != static_cast<size_t>(2 * ((n + 9) / 10))) {
      state.SkipWithError("unexpected number of ops");
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_CompareTenthDiffers)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
