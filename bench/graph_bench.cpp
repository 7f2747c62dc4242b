// The revision graph at scale: 10,000 revisions in a main line with a side branch every 50
// revisions that is merged back 25 revisions later, a few labelled branches with depends_on,
// and three open heads. Measures building (validation), heads, history's topological order and
// the upgrade plan from base to every head. `retort heads` on files adds the header reading;
// that figure is in docs/revisions.md.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "script/revision_graph.hpp"

namespace {

std::string id_of(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012x", static_cast<unsigned>(i) * 2654435761u);
  return buf;
}

std::vector<retort::RevisionNode> generate(int n) {
  std::vector<retort::RevisionNode> nodes;
  nodes.reserve(n);
  int main_tip = -1;
  std::vector<std::pair<int, int>> open;  // (side tip, merge at)
  for (int i = 0; i < n; ++i) {
    retort::RevisionNode node;
    node.id = id_of(i);
    node.source = "versions/" + node.id + ".lua";
    if (i % 50 == 10 && main_tip >= 0 && i + 40 < n) {
      // Fork: a side branch off the main line, continued by later revisions, merged back.
      node.down_revisions = {id_of(main_tip)};
      open.emplace_back(i, i + 25);
    } else if (!open.empty() && i % 5 == 0 && open.front().second > i) {
      node.down_revisions = {id_of(open.front().first)};
      open.front().first = i;
    } else if (!open.empty() && open.front().second <= i) {
      node.down_revisions = {id_of(main_tip), id_of(open.front().first)};
      open.erase(open.begin());
      main_tip = i;
    } else {
      if (main_tip >= 0) node.down_revisions = {id_of(main_tip)};
      main_tip = i;
    }
    if (i == n / 3 || i == n / 2) {
      node.branch_labels = {"label" + std::to_string(i)};
      node.down_revisions.clear();  // a new base
    }
    if (i > n / 2 && i % 1000 == 1 && i < n - 10) node.depends_on = {id_of(i - 700)};
    nodes.push_back(std::move(node));
  }
  return nodes;
}

const std::vector<retort::RevisionNode>& nodes() {
  static const std::vector<retort::RevisionNode> n = generate(10000);
  return n;
}

void BM_Build(benchmark::State& state) {
  for (auto _ : state) {
    retort::RevisionGraph g(nodes());
    benchmark::DoNotOptimize(g.size());
  }
}
BENCHMARK(BM_Build)->Unit(benchmark::kMillisecond);

void BM_Heads(benchmark::State& state) {
  retort::RevisionGraph g(nodes());
  for (auto _ : state) benchmark::DoNotOptimize(g.heads());
}
BENCHMARK(BM_Heads)->Unit(benchmark::kMicrosecond);

void BM_HistoryTopological(benchmark::State& state) {
  retort::RevisionGraph g(nodes());
  for (auto _ : state) benchmark::DoNotOptimize(g.topological_newest_first());
}
BENCHMARK(BM_HistoryTopological)->Unit(benchmark::kMillisecond);

void BM_UpgradePlanHeads(benchmark::State& state) {
  retort::RevisionGraph g(nodes());
  size_t steps = 0;
  for (auto _ : state) {
    auto plan = g.plan_upgrade({}, "heads");
    steps = plan.size();
    benchmark::DoNotOptimize(plan);
  }
  state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_UpgradePlanHeads)->Unit(benchmark::kMillisecond);

void BM_DowngradePlanBase(benchmark::State& state) {
  retort::RevisionGraph g(nodes());
  std::vector<std::string> heads = g.resolve("heads");
  for (auto _ : state) benchmark::DoNotOptimize(g.plan_downgrade(heads, "base"));
}
BENCHMARK(BM_DowngradePlanBase)->Unit(benchmark::kMillisecond);

}  // namespace
