// Comparer::compare_excludes: a table's exclusion constraints (PostgreSQL), by name.
//
// Both sides hold pg_get_constraintdef's text: the database's as reflected, the models' once
// loaded into a scratch database and reflected back (normalize_objects.cpp), so a constraint
// written `{ "during", "&&" }` and one PostgreSQL prints `EXCLUDE USING gist (during WITH &&)`
// compare equal. Where a side has no such text (models compared without a database), the parts
// are compared as written. One that differs is dropped and created again; the drop carries the
// database's definition, so the downgrade restores it.
#include <map>

#include "autogen/comparer.hpp"

namespace retort::autogen::detail {
namespace {

bool same_exclude(const ExcludeConstraint& a, const ExcludeConstraint& b) {
  if (!a.definition.empty() && !b.definition.empty()) return a.definition == b.definition;
  return a.elements == b.elements && a.using_method == b.using_method && a.where == b.where &&
         a.deferrable.value_or(false) == b.deferrable.value_or(false) && a.initially == b.initially;
}

}  // namespace

void Comparer::compare_excludes(const Key& key, const Table& c, const Table& m, TableSteps& s) {
  if (c.exclude_constraints.empty() && m.exclude_constraints.empty()) return;
  const ops::TableRef ref = ref_of(key);
  std::map<std::string, const ExcludeConstraint*> cur, model;
  for (const auto& x : c.exclude_constraints) cur.emplace(x.name, &x);
  for (const auto& x : m.exclude_constraints) model.emplace(x.name, &x);
  auto drop = [&](const ExcludeConstraint& x) {
    s.drop_constraints.push_back(
        {ops::DropConstraint{ref, x.name, "exclude", x}, ops::CreateExcludeConstraint{ref, x}});
  };
  auto create = [&](const ExcludeConstraint& x) {
    s.create_constraints.push_back({ops::CreateExcludeConstraint{ref, x}, std::nullopt});
  };
  for (const auto& [name, x] : cur) {
    auto it = model.find(name);
    if (it == model.end()) {
      drop(*x);
    } else if (!same_exclude(*x, *it->second)) {
      drop(*x);
      create(*it->second);
    }
  }
  for (const auto& [name, x] : model)
    if (!cur.count(name)) create(*x);
}

}  // namespace retort::autogen::detail
