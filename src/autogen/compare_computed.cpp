// Computed (generated) columns in compare: a column whose generation expression or kind (STORED,
// VIRTUAL) changes, or that becomes or stops being computed, is dropped and added again. No
// database here can change a generation expression in place (PostgreSQL 15 has no SET
// EXPRESSION; SQLite none at all), and one form for all three keeps the revisions alike. A
// computed column holds no data of its own, so its drop is not data loss and the guard lets it
// pass (runtime/sinks.cpp); a plain column that becomes computed does hold data, and its drop
// stays guarded. The indexes on such a column go with it, so they are dropped before and created
// again after, explicitly, and a downgrade restores them too.
#include <algorithm>

#include "autogen/comparer.hpp"

namespace retort::autogen::detail {

bool Comparer::computed_changes(const Column& current, const Column& model) const {
  if (current.computed.has_value() != model.computed.has_value()) return true;
  if (!current.computed) return false;
  return !dialect_.computed_equivalent(*current.computed, *model.computed);
}

void Comparer::replace_computed(const ops::TableRef& ref, const Column& current,
                                const Column& model, TableSteps& s) {
  Column existing = current;
  existing.primary_key = false;
  Column added = model;
  added.renamed_from.clear();
  added.primary_key = false;
  s.alter_columns.push_back({ops::DropColumn{ref, current.name, false, existing}, std::nullopt});
  s.alter_columns.push_back({ops::AddColumn{ref, added}, std::nullopt});
}

Table Comparer::without_indexes_on(const Key& key, const Table& c,
                                   const std::vector<std::string>& replaced, TableSteps& s) {
  const ops::TableRef ref = ref_of(key);
  Table kept = c;
  kept.indexes.clear();
  for (const auto& ix : c.indexes) {
    bool uses = std::any_of(ix.elements.begin(), ix.elements.end(), [&](const IndexElement& e) {
      return !e.expression && std::find(replaced.begin(), replaced.end(), e.text) != replaced.end();
    });
    if (!uses) {
      kept.indexes.push_back(ix);
      continue;
    }
    s.drop_constraints.push_back(
        {ops::DropIndex{ref, ix.name, false, false}, ops::CreateIndex{ref, ix}});
  }
  return kept;
}

}  // namespace retort::autogen::detail
