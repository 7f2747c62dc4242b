// compare() pass 3, the constraints of one surviving table: primary key, unique constraints and
// indexes, other indexes, foreign keys (with the index a database may make for each), checks.
// The Comparer's other passes are in compare.cpp.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "autogen/comparer.hpp"
#include "autogen/schema_equality.hpp"

namespace retort::autogen::detail {
namespace {

// Pairs up items of `cur` and `model`: first by name, then (for what is left) by `equal`, so a
// constraint the database named itself (SQLite, MySQL) matches the model's named one.
// `on_changed` gets same-named pairs that differ; leftovers are returned by index.
template <class T, class Eq, class Changed>
std::pair<std::vector<size_t>, std::vector<size_t>> match_up(const std::vector<T>& cur,
                                                             const std::vector<T>& model, Eq equal,
                                                             Changed on_changed) {
  std::vector<bool> cur_used(cur.size(), false), model_used(model.size(), false);
  for (size_t m = 0; m < model.size(); ++m) {
    if (model[m].name.empty()) continue;
    for (size_t c = 0; c < cur.size(); ++c) {
      if (cur_used[c] || cur[c].name != model[m].name) continue;
      cur_used[c] = model_used[m] = true;
      if (!equal(cur[c], model[m])) on_changed(c, m);
      break;
    }
  }
  for (size_t m = 0; m < model.size(); ++m) {
    if (model_used[m]) continue;
    for (size_t c = 0; c < cur.size(); ++c) {
      if (cur_used[c] || !equal(cur[c], model[m])) continue;
      cur_used[c] = model_used[m] = true;
      break;
    }
  }
  std::pair<std::vector<size_t>, std::vector<size_t>> left;
  for (size_t c = 0; c < cur.size(); ++c)
    if (!cur_used[c]) left.first.push_back(c);
  for (size_t m = 0; m < model.size(); ++m)
    if (!model_used[m]) left.second.push_back(m);
  return left;
}

std::vector<Unique> uniques_of(const Table& t) {
  std::vector<Unique> out;
  std::set<std::string> constraint_names;
  for (const auto& uq : t.unique_constraints) {
    out.push_back({uq.name, uq.columns, nullptr});
    constraint_names.insert(uq.name);
  }
  for (const auto& ix : t.indexes) {
    // PostgreSQL reflects a UNIQUE constraint and also its backing index of the same name.
    if (plain_unique(ix) && !constraint_names.count(ix.name)) {
      out.push_back({ix.name, columns_of(ix), &ix});
    }
  }
  return out;
}

bool plain_columns_index(const Index& ix) {
  if (!ix.where.empty()) return false;
  for (const auto& e : ix.elements)
    if (e.expression) return false;
  return true;
}

// Does the primary key, an index on plain columns, or a unique constraint of `t` start with
// `columns`? (A database that indexes foreign keys then needs no index of its own for a key on
// them.)
bool leads_with(const Table& t, const std::vector<std::string>& columns) {
  auto leads = [&](const std::vector<std::string>& have) {
    return have.size() >= columns.size() &&
           std::equal(columns.begin(), columns.end(), have.begin());
  };
  if (t.primary_key && leads(t.primary_key->columns)) return true;
  for (const auto& ix : t.indexes)
    if (plain_columns_index(ix) && leads(columns_of(ix))) return true;
  for (const auto& uq : t.unique_constraints)
    if (leads(uq.columns)) return true;
  return false;
}

// The index a database that indexes foreign keys makes for one: the key's name, its columns.
Index foreign_key_index(const ForeignKey& fk) {
  Index ix;
  ix.name = fk.name;
  for (const auto& col : fk.columns) ix.elements.push_back({col, false});
  return ix;
}

}  // namespace

void Comparer::compare_primary_key(const Key& key, const Table& c, const Table& m, TableSteps& s) {
  std::vector<std::string> cur_cols, model_cols;
  if (c.primary_key) cur_cols = c.primary_key->columns;
  if (m.primary_key) model_cols = m.primary_key->columns;
  if (cur_cols == model_cols) return;
  const ops::TableRef ref = ref_of(key);
  if (c.primary_key) {
    need_name(key, "primary key", c.primary_key->name);
    s.drop_constraints.push_back({ops::DropConstraint{ref, c.primary_key->name, "primary"},
                                  ops::CreatePrimaryKey{ref, *c.primary_key}});
  }
  if (m.primary_key)
    s.create_constraints.push_back({ops::CreatePrimaryKey{ref, *m.primary_key}, {}});
}

void Comparer::drop_unique(const Key& key, const Unique& u, std::vector<Step>& out) {
  const ops::TableRef ref = ref_of(key);
  if (u.index) {
    out.push_back({ops::DropIndex{ref, u.name, false, false}, ops::CreateIndex{ref, *u.index}});
  } else {
    need_name(key, "unique constraint", u.name);
    out.push_back({ops::DropConstraint{ref, u.name, "unique"},
                   ops::CreateUniqueConstraint{ref, {u.name, u.columns}}});
  }
}

void Comparer::create_unique(const Key& key, const Unique& u, std::vector<Step>& out) {
  const ops::TableRef ref = ref_of(key);
  if (u.index) {
    out.push_back({ops::CreateIndex{ref, *u.index}, std::nullopt});
  } else {
    out.push_back({ops::CreateUniqueConstraint{ref, {u.name, u.columns}}, std::nullopt});
  }
}

void Comparer::compare_uniques(const Key& key, const Table& c, const Table& m, TableSteps& s) {
  auto cur = uniques_of(c);
  auto model = uniques_of(m);
  auto by_name = [](auto& v) {
    std::stable_sort(v.begin(), v.end(),
                     [](const Unique& a, const Unique& b) { return a.name < b.name; });
  };
  by_name(cur);
  by_name(model);
  std::vector<std::pair<size_t, size_t>> changed;
  auto [cur_left, model_left] = match_up(
      cur, model, [](const Unique& a, const Unique& b) { return a.columns == b.columns; },
      [&](size_t ci, size_t mi) { changed.emplace_back(ci, mi); });
  for (auto [ci, mi] : changed) {
    drop_unique(key, cur[ci], s.drop_constraints);
    create_unique(key, model[mi], s.create_constraints);
  }
  for (size_t ci : cur_left) drop_unique(key, cur[ci], s.drop_constraints);
  for (size_t mi : model_left) create_unique(key, model[mi], s.create_constraints);
}

void Comparer::compare_indexes(const Key& key, const Table& c, const Table& m, TableSteps& s) {
  std::vector<Index> cur, model;
  for (const auto& ix : c.indexes)
    if (!plain_unique(ix)) cur.push_back(ix);  // plain unique ones: compare_uniques
  for (const auto& ix : m.indexes) {
    Index kept = ix;
    dialect_.comparable_index(kept);  // as the database keeps it
    if (!plain_unique(kept)) model.push_back(std::move(kept));
  }
  auto by_name = [](std::vector<Index>& v) {
    std::stable_sort(v.begin(), v.end(),
                     [](const Index& a, const Index& b) { return a.name < b.name; });
  };
  by_name(cur);
  by_name(model);
  const ops::TableRef ref = ref_of(key);
  std::vector<std::pair<size_t, size_t>> changed;
  auto [cur_left, model_left] = match_up(
      cur, model, indexes_equal, [&](size_t ci, size_t mi) { changed.emplace_back(ci, mi); });
  auto drop = [&](const Index& ix) {
    s.drop_constraints.push_back(
        {ops::DropIndex{ref, ix.name, false, false}, ops::CreateIndex{ref, ix}});
  };
  auto create = [&](const Index& ix) {
    s.create_constraints.push_back({ops::CreateIndex{ref, ix}, {}});
  };
  for (auto [ci, mi] : changed) {
    drop(cur[ci]);
    create(model[mi]);
  }
  for (size_t ci : cur_left) {
    // MySQL creates an index for every foreign key that has none: not the model's business.
    // Elsewhere such an index is the schema's own.
    if (dialect_.indexes_foreign_keys() && backs_foreign_key(cur[ci], c)) continue;
    drop(cur[ci]);
  }
  for (size_t mi : model_left) create(model[mi]);
}

bool Comparer::backs_foreign_key(const Index& ix, const Table& t) {
  if (ix.unique || !ix.where.empty()) return false;
  for (const auto& e : ix.elements)
    if (e.expression) return false;
  for (const auto& fk : t.foreign_keys)
    if (fk.columns == columns_of(ix)) return true;
  return false;
}

void Comparer::compare_foreign_keys(const Key& key, const Table& c, const Table& m, TableSteps& s) {
  std::vector<ForeignKey> cur = c.foreign_keys, model = m.foreign_keys;
  auto by_name = [](std::vector<ForeignKey>& v) {
    std::stable_sort(v.begin(), v.end(),
                     [](const ForeignKey& a, const ForeignKey& b) { return a.name < b.name; });
  };
  by_name(cur);
  by_name(model);
  const ops::TableRef ref = ref_of(key);
  std::vector<std::pair<size_t, size_t>> changed;
  auto [cur_left, model_left] =
      match_up(cur, model, fks_equal, [&](size_t ci, size_t mi) { changed.emplace_back(ci, mi); });
  auto drop = [&](const ForeignKey& fk) {
    need_name(key, "foreign key", fk.name);
    fk_drops_.push_back(
        {key,
         fk.name,
         {ops::DropConstraint{ref, fk.name, "foreignkey"}, ops::CreateForeignKey{ref, fk}}});
  };
  auto create = [&](const ForeignKey& fk) {
    fk_creates_.push_back({key, fk.name, {ops::CreateForeignKey{ref, fk}, std::nullopt}});
  };
  for (auto [ci, mi] : changed) {
    drop(cur[ci]);
    create(model[mi]);
  }
  // A database that keeps an index on every foreign key's columns (MySQL) creates one when
  // none exists and leaves it behind when the key is dropped. Autogenerate states that index,
  // so neither the upgrade nor the downgrade leaves a stray index for the next check to find.
  const bool implicit_index = dialect_.indexes_foreign_keys();
  for (size_t ci : cur_left) {
    drop(cur[ci]);
    if (implicit_index) drop_implicit_index(ref, cur[ci], c, m, s);
  }
  for (size_t mi : model_left) {
    if (implicit_index) create_implicit_index(ref, model[mi], c, m, s);
    create(model[mi]);
  }
}

void Comparer::create_implicit_index(const ops::TableRef& ref, const ForeignKey& fk, const Table& c,
                                     const Table& m, TableSteps& s) {
  if (leads_with(c, fk.columns) || leads_with(m, fk.columns)) return;
  s.create_constraints.push_back({ops::CreateIndex{ref, foreign_key_index(fk)}, {}});
}

// The inspector of a database that indexes foreign keys (MySQL) does not report the index it
// made for one (it has the key's name). With no other index leading with the key's columns,
// that index must exist.
void Comparer::drop_implicit_index(const ops::TableRef& ref, const ForeignKey& fk, const Table& c,
                                   const Table& m, TableSteps& s) {
  for (const auto& other : m.foreign_keys)
    if (other.columns == fk.columns) return;  // still needed
  if (leads_with(c, fk.columns)) return;
  for (const auto& ix : m.indexes)
    if (ix.name == fk.name) return;
  Index ix = foreign_key_index(fk);
  s.drop_constraints.push_back(
      {ops::DropIndex{ref, ix.name, false, false}, ops::CreateIndex{ref, ix}});
}

void Comparer::compare_checks(const Key& key, const Table& c, const Table& m, TableSteps& s) {
  const ops::TableRef ref = ref_of(key);
  std::map<std::string, const CheckConstraint*> cur, model;
  for (const auto& ck : c.check_constraints)
    if (!ck.name.empty()) cur.emplace(ck.name, &ck);
  for (const auto& ck : m.check_constraints) {
    if (ck.name.empty()) {
      warnings_.push_back("check constraint (" + ck.sqltext + ") on " + display(key) +
                          " has no name: not compared; give it a name");
      continue;
    }
    model.emplace(ck.name, &ck);
  }
  for (const auto& [name, ck] : cur) {
    if (model.count(name)) continue;
    s.drop_constraints.push_back(
        {ops::DropConstraint{ref, name, "check"}, ops::CreateCheckConstraint{ref, *ck}});
  }
  for (const auto& [name, ck] : model) {
    if (cur.count(name)) continue;
    s.create_constraints.push_back({ops::CreateCheckConstraint{ref, *ck}, std::nullopt});
  }
}

}  // namespace retort::autogen::detail
