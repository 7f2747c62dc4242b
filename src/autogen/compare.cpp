// compare(): the generic diff between a reflected schema and the models.
//
// Four passes over tables sorted by (schema, name):
//   1. table renames (renamed_from hints),
//   2. column renames (renamed_from hints, then ask_rename for one-dropped/one-added pairs),
//      applied to our copy of `current` so the later passes compare like with like,
//   3. per-table differences,
//   4. ordering into phases that can run:
//        rename tables; drop foreign keys; drop tables (referring tables first);
//        per surviving table: rename columns, drop indexes/constraints, add columns,
//          alter columns, drop columns, create constraints/indexes;
//        create tables (referenced tables first); create foreign keys.
// Every op is produced with its reverse (ops::reverse, or — for drops, which carry no
// definition — the create built from `current`), so downgrade() is exact.
#include "autogen/compare.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "autogen/dialect_sql.hpp"
#include "autogen/schema_equality.hpp"
#include "autogen/table_order.hpp"
#include "dialect/dialect.hpp"

namespace retort::autogen {
namespace {

using Key = std::pair<std::string, std::string>;  // (schema, name)

std::string display(const Key& k) { return k.first.empty() ? k.second : k.first + "." + k.second; }
ops::TableRef ref_of(const Key& k) { return {k.first, k.second}; }

struct Step {
  ops::Op up;
  std::optional<ops::Op> down;  // set where ops::reverse(up) cannot say (drops)
};

// Ops that must be ordered across tables, with their sort key.
struct Keyed {
  Key table;
  std::string name;
  Step step;
};

// The per-table buckets of pass 4, in the order they run.
struct TableSteps {
  std::vector<Step> rename_columns;
  std::vector<Step> drop_constraints;
  std::vector<Step> add_columns;
  std::vector<Step> alter_columns;
  std::vector<Step> drop_columns;
  std::vector<Step> create_constraints;
};

bool matches(const std::vector<std::string>& globs, const Key& k) {
  std::string qualified = k.first.empty() ? k.second : k.first + "." + k.second;
  for (const auto& g : globs) {
    if (fnmatch(g.c_str(), k.second.c_str(), 0) == 0) return true;
    if (fnmatch(g.c_str(), qualified.c_str(), 0) == 0) return true;
  }
  return false;
}

std::optional<std::string> nonempty(const std::optional<std::string>& s) {
  if (s && s->empty()) return std::nullopt;
  return s;
}

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

// Uniqueness as a unique constraint or a plain unique index: databases turn one into the other
// (MySQL and SQLite reflect UNIQUE constraints as unique indexes).
struct Unique {
  std::string name;
  std::vector<std::string> columns;
  const Index* index = nullptr;  // null: a UniqueConstraint
};

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

// Types a rename could plausibly carry data across (a rename often comes with a widening).
int type_family(const Type& t) {
  switch (t.kind) {
    case TypeKind::Integer:
    case TypeKind::BigInteger:
    case TypeKind::SmallInteger:
      return 1;
    case TypeKind::String:
    case TypeKind::Text:
    case TypeKind::Enum:
      return 2;
    case TypeKind::Numeric:
    case TypeKind::Float:
      return 3;
    case TypeKind::Date:
    case TypeKind::DateTime:
      return 4;
    default:
      return 100 + static_cast<int>(t.kind);  // the rest (Native too): the same kind only
  }
}

class Comparer {
 public:
  // Takes the schemas over: each table is normalised in place, never copied (with two copies
  // of both schemas, `check` on 1,000 tables was over its memory budget).
  Comparer(MetaData current, MetaData target, const Dialect& dialect, const CompareOptions& options)
      : dialect_(dialect), options_(options) {
    for (auto& t : current.tables) {
      Key k{t.schema, t.name};
      if (included(k)) cur_.emplace(k, normalize_table(std::move(t), nullptr));
    }
    for (auto& t : target.tables) {
      Key k{t.schema, t.name};
      if (included(k)) tgt_.emplace(k, normalize_table(std::move(t), &options.naming_convention));
    }
  }

  CompareResult run() {
    rename_tables();
    rename_columns();
    for (const auto& [key, model] : tgt_) {
      auto it = cur_.find(key);
      if (it != cur_.end()) compare_table(key, it->second, model);
    }
    return assemble();
  }

 private:
  bool included(const Key& k) const {
    if (k.second == options_.version_table) return false;
    if (!options_.schemas.empty() && std::find(options_.schemas.begin(), options_.schemas.end(),
                                               k.first) == options_.schemas.end()) {
      return false;
    }
    if (!options_.include_tables.empty() && !matches(options_.include_tables, k)) return false;
    return !matches(options_.exclude_tables, k);
  }

  static bool refers_to(const ForeignKey& fk, const Key& owner, const Key& table) {
    if (fk.referred_table != table.second) return false;
    return fk.referred_schema == table.first ||
           (fk.referred_schema.empty() && owner.first == table.first);
  }

  // Pass 1. The database keeps foreign keys pointing at a renamed table, so ours follow too.
  void rename_tables() {
    for (const auto& [key, model] : tgt_) {
      if (model.renamed_from.empty()) continue;
      Key old{key.first, model.renamed_from};
      if (cur_.count(key) || !cur_.count(old) || tgt_.count(old)) continue;
      auto node = cur_.extract(old);
      node.key() = key;
      node.mapped().name = key.second;
      cur_.insert(std::move(node));
      for (auto& [owner, t] : cur_) {
        for (auto& fk : t.foreign_keys)
          if (refers_to(fk, owner, old)) fk.referred_table = key.second;
      }
      table_renames_.push_back({ops::RenameTable{ref_of(old), key.second}, std::nullopt});
    }
  }

  // Pass 2.
  void rename_columns() {
    for (const auto& [key, model] : tgt_) {
      auto it = cur_.find(key);
      if (it == cur_.end()) continue;
      Table& c = it->second;
      for (const auto& mc : model.columns) {
        if (mc.renamed_from.empty() || c.find_column(mc.name) || !c.find_column(mc.renamed_from) ||
            model.find_column(mc.renamed_from)) {
          continue;
        }
        rename_column(key, mc.renamed_from, mc.name);
      }
      std::vector<const Column*> dropped, added;
      for (const auto& cc : c.columns)
        if (!model.find_column(cc.name)) dropped.push_back(&cc);
      for (const auto& mc : model.columns)
        if (!c.find_column(mc.name)) added.push_back(&mc);
      if (dropped.size() != 1 || added.size() != 1) continue;
      const Column& from = *dropped[0];
      const Column& to = *added[0];
      if (type_family(from.type) != type_family(to.type) &&
          !dialect_.types_equivalent(from.type, to.type)) {
        continue;
      }
      std::string from_name = from.name, to_name = to.name;
      if (options_.ask_rename && options_.ask_rename(display(key), from_name, to_name)) {
        rename_column(key, from_name, to_name);
      } else {
        warnings_.push_back("drop_column " + display(key) + "." + from_name + " + add_column " +
                            display(key) + "." + to_name + ": if this is a rename, data in " +
                            from_name + " would be lost; add renamed_from");
        maybe_renamed_.push_back({key, from_name, to_name});
      }
    }
  }

  void rename_column(const Key& key, const std::string& from, const std::string& to) {
    Table& t = cur_.at(key);
    t.find_column(from)->name = to;
    auto fix = [&](std::vector<std::string>& cols) {
      for (auto& c : cols)
        if (c == from) c = to;
    };
    if (t.primary_key) fix(t.primary_key->columns);
    for (auto& uq : t.unique_constraints) fix(uq.columns);
    for (auto& fk : t.foreign_keys) fix(fk.columns);
    for (auto& ix : t.indexes)
      for (auto& e : ix.elements)
        if (!e.expression && e.text == from) e.text = to;
    for (auto& [owner, other] : cur_) {
      for (auto& fk : other.foreign_keys)
        if (refers_to(fk, owner, key)) fix(fk.referred_columns);
    }
    column_renames_[key][to] = from;
  }

  // Pass 3: one surviving table.
  void compare_table(const Key& key, const Table& c, const Table& m) {
    TableSteps& s = steps_[key];
    const ops::TableRef ref = ref_of(key);
    const auto& renamed = column_renames_[key];

    for (const auto& mc : m.columns) {
      const Column* cc = c.find_column(mc.name);
      if (!cc) {
        ops::AddColumn add{ref, mc};
        add.column.renamed_from.clear();
        // A new primary key is compare_primary_key's create_primary_key, not a column flag.
        add.column.primary_key = false;
        if (!mc.nullable && !mc.server_default) {
          warnings_.push_back("add_column " + display(key) + "." + mc.name +
                              ": NOT NULL without a server_default fails on a table with rows");
        }
        s.add_columns.push_back({add, std::nullopt});
        continue;
      }
      auto r = renamed.find(mc.name);
      ops::AlterColumn alter = alter_for(ref, *cc, mc);
      bool changed = alter.nullable || alter.type || alter.server_default || alter.comment;
      if (r != renamed.end()) {
        alter.column = r->second;
        alter.new_column_name = mc.name;
        s.rename_columns.push_back({alter, reverse_alter(alter, mc)});
      } else if (changed) {
        push_alter(key, *cc, mc, alter, s);
      }
    }
    for (const auto& cc : c.columns) {
      if (m.find_column(cc.name)) continue;
      Column existing = cc;
      existing.primary_key = false;  // the downgrade re-creates the key as a constraint
      s.drop_columns.push_back({ops::DropColumn{ref, cc.name, false, existing}, std::nullopt});
    }

    compare_primary_key(key, c, m, s);
    compare_uniques(key, c, m, s);
    compare_indexes(key, c, m, s);
    compare_foreign_keys(key, c, m, s);
    compare_checks(key, c, m, s);

    if (options_.compare_comments && nonempty(c.comment) != nonempty(m.comment)) {
      std::optional<std::string> up =
          table_comment_sql(dialect_, key.first, key.second, nonempty(m.comment));
      std::optional<std::string> down =
          table_comment_sql(dialect_, key.first, key.second, nonempty(c.comment));
      if (up && down) {
        s.alter_columns.push_back({ops::Execute{*up}, ops::Op{ops::Execute{*down}}});
      } else {
        warnings_.push_back("table comment of " + display(key) +
                            " differs: retort has no op for table comments on " +
                            std::string(dialect_.name()) + "; change it with op.execute");
      }
    }
  }

  // ops::reverse, plus the whole definition the column has after the upgrade as existing_*:
  // MySQL's CHANGE/MODIFY and SQLite's rebuild need it, and a downgrade runs without the model.
  static std::optional<ops::Op> reverse_alter(const ops::AlterColumn& up, const Column& model) {
    std::optional<ops::Op> down = ops::reverse(up);
    if (!down) return down;
    auto& a = std::get<ops::AlterColumn>(*down);
    a.existing_type = model.type;
    a.existing_nullable = model.nullable;
    a.existing_server_default = model.server_default;
    a.existing_comment = nonempty(model.comment);
    return down;
  }

  // An alter_column, except that an enum type losing or reordering values on PostgreSQL (which
  // can add values to a type but never remove or move one) is rebuilt by op.execute statements, in
  // whichever direction loses them; the rest of the change stays an alter_column.
  void push_alter(const Key& key, const Column& cc, const Column& mc, ops::AlterColumn alter,
                  TableSteps& s) {
    std::optional<std::string> up_sql, down_sql;
    if (alter.type) {
      up_sql = enum_rebuild(key, cc.name, cc.type, mc.type, mc.server_default);
      down_sql = enum_rebuild(key, cc.name, mc.type, cc.type, cc.server_default);
    }
    if (!up_sql && !down_sql) {
      s.alter_columns.push_back({alter, reverse_alter(alter, mc)});
      return;
    }
    // The type change alone, each way.
    // One rebuild converts every column of the type: the next column of it has nothing to add.
    bool done = !rebuilt_enums_.insert({key.first, mc.type.enum_name}).second;
    ops::AlterColumn type_up = alter;
    type_up.nullable.reset();
    type_up.server_default.reset();
    type_up.comment.reset();
    std::optional<ops::Op> type_down = reverse_alter(type_up, mc);
    ops::Op up = up_sql ? ops::Op{ops::Execute{*up_sql}} : ops::Op{type_up};
    std::optional<ops::Op> down =
        down_sql ? std::optional<ops::Op>{ops::Op{ops::Execute{*down_sql}}} : type_down;
    if (!done) s.alter_columns.push_back({up, down});
    alter.type.reset();
    alter.existing_type = mc.type;
    if (alter.nullable || alter.server_default || alter.comment) {
      s.alter_columns.push_back({alter, reverse_alter(alter, mc)});
    }
  }

  std::set<Key> rebuilt_enums_;  // (schema, enum type) already rebuilt by an op.execute

  // enum_rebuild_sql over every column of the type in the schema (the type is shared): the
  // column being changed gets `to_default`, the others keep theirs.
  std::optional<std::string> enum_rebuild(const Key& key, const std::string& column,
                                          const Type& from, const Type& to,
                                          const std::optional<ServerDefault>& to_default) const {
    std::vector<EnumColumn> columns;
    if (from.kind == TypeKind::Enum) {
      for (const auto& [k, t] : cur_) {
        if (k.first != key.first) continue;
        for (const auto& c : t.columns) {
          if (c.type.kind != TypeKind::Enum || c.type.enum_name != from.enum_name) continue;
          bool self = k == key && c.name == column;
          columns.push_back({k.first, k.second, c.name, c.server_default.has_value(),
                             self ? to_default : c.server_default});
        }
      }
    }
    return enum_rebuild_sql(dialect_, key.first, from, to, columns);
  }

  ops::AlterColumn alter_for(const ops::TableRef& ref, const Column& cc, const Column& mc) const {
    ops::AlterColumn a;
    a.table = ref;
    a.column = mc.name;
    if (!dialect_.types_equivalent(cc.type, mc.type)) a.type = mc.type;
    if (cc.nullable != mc.nullable) a.nullable = mc.nullable;
    if (!dialect_.defaults_equivalent(cc.server_default, mc.server_default)) {
      a.server_default = mc.server_default;
    }
    if (options_.compare_comments && nonempty(cc.comment) != nonempty(mc.comment)) {
      a.comment = nonempty(mc.comment);
    }
    a.existing_type = cc.type;
    a.existing_nullable = cc.nullable;
    a.existing_server_default = cc.server_default;
    a.existing_comment = nonempty(cc.comment);
    return a;
  }

  void need_name(const Key& key, const std::string& what, const std::string& name) {
    if (name.empty()) {
      warnings_.push_back(what + " on " + display(key) +
                          " has no name in the database: give the drop_constraint a name by hand");
    }
  }

  void compare_primary_key(const Key& key, const Table& c, const Table& m, TableSteps& s) {
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

  void drop_unique(const Key& key, const Unique& u, std::vector<Step>& out) {
    const ops::TableRef ref = ref_of(key);
    if (u.index) {
      out.push_back({ops::DropIndex{ref, u.name, false, false}, ops::CreateIndex{ref, *u.index}});
    } else {
      need_name(key, "unique constraint", u.name);
      out.push_back({ops::DropConstraint{ref, u.name, "unique"},
                     ops::CreateUniqueConstraint{ref, {u.name, u.columns}}});
    }
  }

  void create_unique(const Key& key, const Unique& u, std::vector<Step>& out) {
    const ops::TableRef ref = ref_of(key);
    if (u.index) {
      out.push_back({ops::CreateIndex{ref, *u.index}, std::nullopt});
    } else {
      out.push_back({ops::CreateUniqueConstraint{ref, {u.name, u.columns}}, std::nullopt});
    }
  }

  void compare_uniques(const Key& key, const Table& c, const Table& m, TableSteps& s) {
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

  void compare_indexes(const Key& key, const Table& c, const Table& m, TableSteps& s) {
    std::vector<Index> cur, model;
    for (const auto& ix : c.indexes)
      if (!plain_unique(ix)) cur.push_back(ix);  // plain unique ones: compare_uniques
    for (const auto& ix : m.indexes)
      if (!plain_unique(ix)) model.push_back(ix);
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
      if (backs_foreign_key(cur[ci], c)) continue;
      drop(cur[ci]);
    }
    for (size_t mi : model_left) create(model[mi]);
  }

  static bool backs_foreign_key(const Index& ix, const Table& t) {
    if (ix.unique || !ix.where.empty()) return false;
    for (const auto& e : ix.elements)
      if (e.expression) return false;
    for (const auto& fk : t.foreign_keys)
      if (fk.columns == columns_of(ix)) return true;
    return false;
  }

  void compare_foreign_keys(const Key& key, const Table& c, const Table& m, TableSteps& s) {
    std::vector<ForeignKey> cur = c.foreign_keys, model = m.foreign_keys;
    auto by_name = [](std::vector<ForeignKey>& v) {
      std::stable_sort(v.begin(), v.end(),
                       [](const ForeignKey& a, const ForeignKey& b) { return a.name < b.name; });
    };
    by_name(cur);
    by_name(model);
    const ops::TableRef ref = ref_of(key);
    std::vector<std::pair<size_t, size_t>> changed;
    auto [cur_left, model_left] = match_up(
        cur, model, fks_equal, [&](size_t ci, size_t mi) { changed.emplace_back(ci, mi); });
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
    // MySQL keeps an index on every foreign key's columns: it creates one when none exists and
    // leaves it behind when the key is dropped. Autogenerate states that index, so neither the
    // upgrade nor the downgrade leaves a stray index for the next check to find.
    const bool implicit_index = dialect_.name() == "mysql";
    for (size_t ci : cur_left) {
      drop(cur[ci]);
      if (implicit_index) drop_implicit_index(ref, cur[ci], c, m, s);
    }
    for (size_t mi : model_left) {
      if (implicit_index) create_implicit_index(ref, model[mi], c, m, s);
      create(model[mi]);
    }
  }

  void create_implicit_index(const ops::TableRef& ref, const ForeignKey& fk, const Table& c,
                             const Table& m, TableSteps& s) {
    if (leads_with(c, fk.columns) || leads_with(m, fk.columns)) return;
    s.create_constraints.push_back({ops::CreateIndex{ref, foreign_key_index(fk)}, {}});
  }

  // The MySQL inspector does not report the index InnoDB made for a foreign key (it has the
  // key's name). With no other index leading with the key's columns, that index must exist.
  void drop_implicit_index(const ops::TableRef& ref, const ForeignKey& fk, const Table& c,
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

  void compare_checks(const Key& key, const Table& c, const Table& m, TableSteps& s) {
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

  // Pass 4.
  CompareResult assemble() {
    std::vector<Step> plan = table_renames_;
    std::vector<Step> drop_tables, create_tables;

    // Tables to drop, referring tables first; keys that point forward in a cycle are dropped
    // before any table and left out of `existing` (downgrade re-adds them after the tables).
    {
      std::vector<Key> keys;
      std::vector<const Table*> tables;
      for (const auto& [key, t] : cur_) {
        if (tgt_.count(key)) continue;
        keys.push_back(key);
        tables.push_back(&t);
      }
      TableOrder order = order_tables(tables);
      std::vector<std::set<size_t>> deferred(tables.size());
      for (auto [i, k] : order.deferred) deferred[i].insert(k);
      for (auto it = order.order.rbegin(); it != order.order.rend(); ++it) {
        size_t i = *it;
        Table existing = *tables[i];
        existing.foreign_keys.clear();
        for (size_t k = 0; k < tables[i]->foreign_keys.size(); ++k) {
          const ForeignKey& fk = tables[i]->foreign_keys[k];
          if (!deferred[i].count(k)) {
            existing.foreign_keys.push_back(fk);
            continue;
          }
          need_name(keys[i], "foreign key", fk.name);
          fk_drops_.push_back({keys[i],
                               fk.name,
                               {ops::DropConstraint{ref_of(keys[i]), fk.name, "foreignkey"},
                                ops::CreateForeignKey{ref_of(keys[i]), fk}}});
        }
        drop_tables.push_back({ops::DropTable{ref_of(keys[i]), false, existing}, std::nullopt});
      }
    }

    // Tables to create, referenced tables first; forward keys become create_foreign_key ops.
    {
      std::vector<Key> keys;
      std::vector<Table*> tables;
      for (auto& [key, t] : tgt_) {
        if (cur_.count(key)) continue;
        keys.push_back(key);
        tables.push_back(&t);
      }
      TableOrder order = order_tables({tables.begin(), tables.end()});
      std::vector<std::set<size_t>> deferred(tables.size());
      for (auto [i, k] : order.deferred) deferred[i].insert(k);
      for (size_t i : order.order) {
        // The model's table moves into its op: this is the last use of tgt_ (a copy here was a
        // whole extra schema in memory for an autogenerate into an empty database).
        Table t = std::move(*tables[i]);
        t.renamed_from.clear();
        for (auto& col : t.columns) col.renamed_from.clear();
        std::vector<ForeignKey> fks = std::move(t.foreign_keys);
        t.foreign_keys.clear();
        for (size_t k = 0; k < fks.size(); ++k) {
          const ForeignKey& fk = fks[k];
          if (deferred[i].count(k)) {
            fk_creates_.push_back(
                {keys[i], fk.name, {ops::CreateForeignKey{ref_of(keys[i]), fk}, std::nullopt}});
          } else {
            t.foreign_keys.push_back(fk);
          }
        }
        create_tables.push_back({ops::CreateTable{std::move(t)}, std::nullopt});
      }
    }

    auto sorted = [](std::vector<Keyed> v) {
      std::stable_sort(v.begin(), v.end(), [](const Keyed& a, const Keyed& b) {
        return std::tie(a.table, a.name) < std::tie(b.table, b.name);
      });
      return v;
    };
    for (auto& k : sorted(fk_drops_)) plan.push_back(std::move(k.step));
    for (auto& s : drop_tables) plan.push_back(std::move(s));
    for (auto& [key, s] : steps_) {
      for (auto* bucket : {&s.rename_columns, &s.drop_constraints, &s.add_columns, &s.alter_columns,
                           &s.drop_columns, &s.create_constraints}) {
        for (auto& step : *bucket) plan.push_back(std::move(step));
      }
    }
    for (auto& s : create_tables) plan.push_back(std::move(s));
    for (auto& k : sorted(fk_creates_)) plan.push_back(std::move(k.step));

    CompareResult result;
    result.warnings = std::move(warnings_);
    for (auto it = plan.rbegin(); it != plan.rend(); ++it) {
      std::optional<ops::Op> down = it->down ? it->down : ops::reverse(it->up);
      // A downgrade drop_table is only rendered, never reversed: the table it would carry for
      // reverse() is a second copy of every created table (memory of a 1,000-table autogenerate).
      if (auto* drop = down ? std::get_if<ops::DropTable>(&*down) : nullptr) drop->existing.reset();
      if (down) {
        result.downgrade.push_back(std::move(*down));
      } else {
        result.warnings.push_back("cannot reverse " + ops::describe(it->up) +
                                  ": downgrade() is missing it");
      }
    }
    for (auto& step : plan) {
      result.upgrade_notes.push_back(note_for(step.up));
      result.upgrade.push_back(std::move(step.up));
    }
    return result;
  }

  struct MaybeRenamed {
    Key table;
    std::string from, to;
  };
  std::vector<MaybeRenamed> maybe_renamed_;  // drop + add pairs written without a hint

  // The reviewer's note above a drop or an add that may be one half of a rename.
  std::string note_for(const ops::Op& op) const {
    for (const auto& m : maybe_renamed_) {
      if (const auto* d = std::get_if<ops::DropColumn>(&op)) {
        if (Key{d->table.schema, d->table.name} == m.table && d->column == m.from) {
          return "data in " + m.from + " would be lost: if " + m.to + " is " + m.from +
                 " renamed, add renamed_from = \"" + m.from + "\" to it in the models";
        }
      }
      if (const auto* a = std::get_if<ops::AddColumn>(&op)) {
        if (Key{a->table.schema, a->table.name} == m.table && a->column.name == m.to) {
          return "if " + m.to + " is " + m.from + " renamed, " + m.from +
                 "'s data would be lost: this adds an empty column";
        }
      }
    }
    return "";
  }

  const Dialect& dialect_;
  const CompareOptions& options_;
  std::map<Key, Table> cur_;  // reflected, renames applied as they are found
  std::map<Key, Table> tgt_;
  std::map<Key, std::map<std::string, std::string>> column_renames_;  // new name -> old name
  std::vector<Step> table_renames_;
  std::map<Key, TableSteps> steps_;
  std::vector<Keyed> fk_drops_;
  std::vector<Keyed> fk_creates_;
  std::vector<std::string> warnings_;
};

}  // namespace

CompareResult compare(MetaData current, MetaData target, const Dialect& dialect,
                      const CompareOptions& options) {
  return Comparer(std::move(current), std::move(target), dialect, options).run();
}

}  // namespace retort::autogen
