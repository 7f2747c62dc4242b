// order_tables: Kahn's algorithm with deterministic cycle breaking.
#include "autogen/table_order.hpp"

#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <string>

namespace retort::autogen {

TableOrder order_tables(const std::vector<const Table*>& tables) {
  const size_t n = tables.size();
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (size_t i = 0; i < n; ++i) index.emplace(std::pair{tables[i]->schema, tables[i]->name}, i);

  // An empty referred_schema means the default schema; a table in a named schema that refers
  // to a bare name most likely means its own schema, so try that second.
  auto target_of = [&](const Table& t, const ForeignKey& fk) -> std::optional<size_t> {
    auto it = index.find({fk.referred_schema, fk.referred_table});
    if (it == index.end() && fk.referred_schema.empty())
      it = index.find({t.schema, fk.referred_table});
    if (it == index.end()) return std::nullopt;
    return it->second;
  };

  std::vector<size_t> waiting_on(n, 0);            // unmet references, one per foreign key
  std::vector<std::vector<size_t>> dependents(n);  // j -> tables with a key referring to j
  for (size_t i = 0; i < n; ++i) {
    for (const auto& fk : tables[i]->foreign_keys) {
      auto j = target_of(*tables[i], fk);
      if (!j || *j == i) continue;
      ++waiting_on[i];
      dependents[*j].push_back(i);
    }
    // A partition comes after the table it is a partition of (PostgreSQL; a partition lives
    // in its parent's schema or a named one).
    auto parent = tables[i]->dialect_options.find("partition_of");
    if (parent != tables[i]->dialect_options.end()) {
      auto it = index.find({tables[i]->schema, parent->second});
      if (it != index.end() && it->second != i) {
        ++waiting_on[i];
        dependents[it->second].push_back(i);
      }
    }
  }

  TableOrder result;
  result.order.reserve(n);
  std::vector<bool> placed(n, false);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < n; ++i)
    if (waiting_on[i] == 0) ready.push(i);
  size_t next_unplaced = 0;  // cycle breaking scans forward only: O(n) over the whole run

  while (result.order.size() < n) {
    if (ready.empty()) {
      // Every remaining table waits on another: a cycle. Take the smallest one now.
      while (placed[next_unplaced]) ++next_unplaced;
      waiting_on[next_unplaced] = 0;
      ready.push(next_unplaced);
    }
    size_t i = ready.top();
    ready.pop();
    if (placed[i]) continue;
    placed[i] = true;
    result.order.push_back(i);
    for (size_t d : dependents[i]) {
      if (!placed[d] && waiting_on[d] > 0 && --waiting_on[d] == 0) ready.push(d);
    }
  }

  std::vector<size_t> position(n);
  for (size_t p = 0; p < n; ++p) position[result.order[p]] = p;
  for (size_t i = 0; i < n; ++i) {
    const auto& fks = tables[i]->foreign_keys;
    for (size_t k = 0; k < fks.size(); ++k) {
      auto j = target_of(*tables[i], fks[k]);
      if (j && *j != i && position[*j] > position[i]) result.deferred.emplace_back(i, k);
    }
  }
  return result;
}

}  // namespace retort::autogen
