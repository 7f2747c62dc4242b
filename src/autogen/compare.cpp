// compare(): the generic diff between a reflected schema and the models.
//
// Four passes over tables sorted by (schema, name):
//   1. table renames (renamed_from hints),
//   2. column renames (renamed_from hints, then ask_rename for one-dropped/one-added pairs),
//      applied to our copy of `current` so the later passes compare like with like,
//   3. per-table differences (columns here; keys, indexes and checks in compare_constraints.cpp),
//   4. ordering into phases that can run:
//        rename tables; drop foreign keys; drop tables (referring tables first);
//        per surviving table: rename columns, drop indexes/constraints, add columns,
//          alter columns, drop columns, create constraints/indexes;
//        create tables (referenced tables first); create foreign keys;
//      with views, functions, procedures and triggers dropped before all of it and created or
//      replaced after it (compare_objects.cpp), and extensions then domains created or altered
//      first of all and dropped last of all (compare_domains.cpp); sequences created after the
//      domains and dropped before them (compare_sequences.cpp).
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

#include "autogen/compare_partitions.hpp"
#include "autogen/comparer.hpp"
#include "autogen/schema_equality.hpp"
#include "autogen/table_order.hpp"
#include "dialect/dialect.hpp"
#include "dialect/dialect_extras.hpp"

namespace retort::autogen {
namespace detail {
namespace {

bool matches(const std::vector<std::string>& globs, const Key& k) {
  std::string qualified = k.first.empty() ? k.second : k.first + "." + k.second;
  for (const auto& g : globs) {
    if (fnmatch(g.c_str(), k.second.c_str(), 0) == 0) return true;
    if (fnmatch(g.c_str(), qualified.c_str(), 0) == 0) return true;
  }
  return false;
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

}  // namespace

// Takes the schemas over: each table is normalised in place, never copied (with two copies
// of both schemas, `check` on 1,000 tables was over its memory budget).
Comparer::Comparer(MetaData current, MetaData target, const Dialect& dialect,
                   const CompareOptions& options)
    : dialect_(dialect), options_(options) {
  for (auto& t : current.tables) {
    Key k{t.schema, t.name};
    if (included(k)) cur_.emplace(k, normalize_table(std::move(t), nullptr));
  }
  for (auto& t : target.tables) {
    Key k{t.schema, t.name};
    if (included(k)) tgt_.emplace(k, normalize_table(std::move(t), &options.naming_convention));
  }
  for (auto& o : current.objects)
    if (included({o.schema, o.name})) cur_objects_.push_back(std::move(o));
  for (auto& o : target.objects)
    if (included({o.schema, o.name})) tgt_objects_.push_back(std::move(o));
  // Domains are not tables: only the schema filter applies (a table filter that left a domain
  // out would fail the CREATE TABLE that uses it).
  auto in_schemas = [&](const std::string& schema) {
    return options_.schemas.empty() || std::find(options_.schemas.begin(), options_.schemas.end(),
                                                 schema) != options_.schemas.end();
  };
  for (auto& d : current.domains)
    if (in_schemas(d.schema)) cur_domains_.push_back(std::move(d));
  for (auto& d : target.domains)
    if (in_schemas(d.schema)) tgt_domains_.push_back(std::move(d));
  for (auto& q : current.sequences)
    if (in_schemas(q.schema)) cur_sequences_.push_back(std::move(q));
  for (auto& q : target.sequences)
    if (in_schemas(q.schema)) tgt_sequences_.push_back(std::move(q));
  cur_extensions_ = std::move(current.extensions);
  tgt_extensions_ = std::move(target.extensions);
}

CompareResult Comparer::run() {
  rename_tables();
  rename_columns();
  for (const auto& [key, model] : tgt_) {
    auto it = cur_.find(key);
    if (it != cur_.end()) compare_table(key, it->second, model);
  }
  return assemble();
}

bool Comparer::included(const Key& k) const {
  if (k.second == options_.version_table || k.second == options_.history_table) return false;
  if (!options_.schemas.empty() && std::find(options_.schemas.begin(), options_.schemas.end(),
                                             k.first) == options_.schemas.end()) {
    return false;
  }
  if (!options_.include_tables.empty() && !matches(options_.include_tables, k)) return false;
  return !matches(options_.exclude_tables, k);
}

bool Comparer::refers_to(const ForeignKey& fk, const Key& owner, const Key& table) {
  if (fk.referred_table != table.second) return false;
  return fk.referred_schema == table.first ||
         (fk.referred_schema.empty() && owner.first == table.first);
}

// Pass 1. The database keeps foreign keys pointing at a renamed table, so ours follow too.
void Comparer::rename_tables() {
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
void Comparer::rename_columns() {
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

void Comparer::rename_column(const Key& key, const std::string& from, const std::string& to) {
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
void Comparer::compare_table(const Key& key, const Table& current, const Table& model) {
  TableSteps& s = steps_[key];
  const ops::TableRef ref = ref_of(key);
  const auto& renamed = column_renames_[key];
  // Table options the dialect keeps (MySQL's default character set and partitioning). Where
  // they change, the columns that take the table's default character set are compared as made
  // explicit, since the table's new default changes none of them (copies only then).
  const DialectExtras& extras = dialect_extras(dialect_);
  std::optional<ops::AlterTableOptions> options = extras.table_options_change(ref, current, model);
  std::optional<Table> pinned_current, pinned_model;
  if (options) {
    pinned_current = current;
    pinned_model = model;
    extras.pin_default_charsets(*pinned_current, *pinned_model);
    s.alter_columns.push_back({*options, std::nullopt});
  }
  const Table& c = pinned_current ? *pinned_current : current;
  const Table& m = pinned_model ? *pinned_model : model;

  std::vector<std::string> replaced;  // computed columns dropped and added again
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
    if (computed_changes(*cc, mc)) {
      replace_computed(ref, *cc, mc, s);
      replaced.push_back(mc.name);
      continue;
    }
    auto r = renamed.find(mc.name);
    ops::AlterColumn alter = alter_for(ref, *cc, mc, m);
    bool changed = alters_something(alter);
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
  if (replaced.empty()) {
    compare_indexes(key, c, m, s);
  } else {
    compare_indexes(key, without_indexes_on(key, c, replaced, s), m, s);
  }
  compare_foreign_keys(key, c, m, s);
  compare_checks(key, c, m, s);
  compare_excludes(key, c, m, s);
  if (auto w = partitioning_difference(display(key), c, m)) warnings_.push_back(*w);

  if (options_.compare_comments && nonempty(c.comment) != nonempty(m.comment)) {
    // op.create_table_comment / op.drop_table_comment, with the old comment for the downgrade.
    if (auto comment = nonempty(m.comment)) {
      s.alter_columns.push_back(
          {ops::CreateTableComment{ref, *comment, nonempty(c.comment)}, std::nullopt});
    } else {
      s.alter_columns.push_back({ops::DropTableComment{ref, nonempty(c.comment)}, std::nullopt});
    }
  }
}

// ops::reverse, plus the whole definition the column has after the upgrade as existing_*:
// MySQL's CHANGE/MODIFY and SQLite's rebuild need it, and a downgrade runs without the model.
std::optional<ops::Op> Comparer::reverse_alter(const ops::AlterColumn& up, const Column& model) {
  std::optional<ops::Op> down = ops::reverse(up);
  if (!down) return down;
  auto& a = std::get<ops::AlterColumn>(*down);
  a.existing_type = model.type;
  a.existing_nullable = model.nullable;
  a.existing_server_default = model.server_default;
  a.existing_comment = nonempty(model.comment);
  if (a.autoincrement) a.existing_autoincrement = up.autoincrement;
  a.existing_mysql_on_update = model.mysql_on_update;
  return down;
}

// An alter_column, except that an enum type change the dialect cannot alter in place
// (Dialect::enum_rebuild_sql: PostgreSQL can add values to a type but never remove or move one)
// is rebuilt by op.execute statements, in whichever direction needs it; the rest of the change
// stays an alter_column.
void Comparer::push_alter(const Key& key, const Column& cc, const Column& mc,
                          ops::AlterColumn alter, TableSteps& s) {
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
  ops::Op up = up_sql ? ops::Op{ops::Execute{*up_sql, {}}} : ops::Op{type_up};
  std::optional<ops::Op> down =
      down_sql ? std::optional<ops::Op>{ops::Op{ops::Execute{*down_sql, {}}}} : type_down;
  if (!done) s.alter_columns.push_back({up, down});
  alter.type.reset();
  alter.existing_type = mc.type;
  if (alters_something(alter)) {
    s.alter_columns.push_back({alter, reverse_alter(alter, mc)});
  }
}

// Dialect::enum_rebuild_sql over every column of the type in the schema (the type is shared): the
// column being changed gets `to_default`, the others keep theirs.
std::optional<std::string> Comparer::enum_rebuild(
    const Key& key, const std::string& column, const Type& from, const Type& to,
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
  return dialect_.enum_rebuild_sql(key.first, from, to, columns);
}

bool Comparer::alters_something(const ops::AlterColumn& a) {
  return a.nullable || a.type || a.server_default || a.comment || a.autoincrement ||
         a.mysql_on_update || a.identity;
}

ops::AlterColumn Comparer::alter_for(const ops::TableRef& ref, const Column& cc, const Column& mc,
                                     const Table& model_table) const {
  ops::AlterColumn a;
  a.table = ref;
  a.column = mc.name;
  // The details compare as the database keeps them (Dialect::comparable_column); the op
  // carries the model's column as written.
  Column mn = mc;
  dialect_.comparable_column(mn, model_table);
  if (!dialect_.types_equivalent(cc.type, mc.type) ||
      !dialect_.collations_equivalent(cc.type, mn.type)) {
    a.type = mc.type;
  }
  if (dialect_.compares_autoincrement() &&
      cc.autoincrement.value_or(false) != mn.autoincrement.value_or(false)) {
    a.autoincrement = mn.autoincrement.value_or(false);
    a.existing_autoincrement = cc.autoincrement.value_or(false);
  }
  // The model's identity as the DDL compiler makes it (comparable_column); `implicit` when the
  // model states none.
  if (!dialect_.identities_equivalent(cc, mn, mn.identity && !mc.identity)) {
    a.identity = mn.identity;
    a.existing_identity = cc.identity;
  }
  if (!dialect_.defaults_equivalent(cc.mysql_on_update, mn.mysql_on_update)) {
    a.mysql_on_update = mc.mysql_on_update;
  }
  if (cc.mysql_on_update) a.existing_mysql_on_update = cc.mysql_on_update;
  if (cc.nullable != mn.nullable) a.nullable = mc.nullable;
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

void Comparer::need_name(const Key& key, const std::string& what, const std::string& name) {
  if (name.empty()) {
    warnings_.push_back(what + " on " + display(key) +
                        " has no name in the database: give the drop_constraint a name by hand");
  }
}

// Pass 4.
CompareResult Comparer::assemble() {
  std::vector<Step> extensions_before, extensions_after;
  compare_extensions(extensions_before, extensions_after);
  std::vector<Step> domains_before, domains_after;
  compare_domains(domains_before, domains_after);
  std::vector<Step> sequences_before, sequences_after;
  compare_sequences(sequences_before, sequences_after);
  std::vector<Step> objects_before, objects_after;
  compare_objects(objects_before, objects_after);
  std::vector<Step> plan = std::move(extensions_before);
  for (auto& s : domains_before) plan.push_back(std::move(s));
  for (auto& s : sequences_before) plan.push_back(std::move(s));
  for (auto& s : objects_before) plan.push_back(std::move(s));
  for (auto& s : table_renames_) plan.push_back(std::move(s));
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
  for (auto& s : objects_after) plan.push_back(std::move(s));
  for (auto& s : sequences_after) plan.push_back(std::move(s));
  for (auto& s : domains_after) plan.push_back(std::move(s));
  for (auto& s : extensions_after) plan.push_back(std::move(s));

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
    result.upgrade_notes.push_back(step.note.empty() ? note_for(step.up) : step.note);
    result.upgrade_implied.push_back(step.implied);
    std::string described;
    if (!step.implied) {
      described = ops::describe(step.up);
      // The views dropped and created again around a column change (compare_objects.cpp).
      std::string column_key;
      if (const auto* a = std::get_if<ops::AlterColumn>(&step.up); a && a->type)
        column_key = display({a->table.schema, a->table.name}) + "(" + a->column + ")";
      if (const auto* d = std::get_if<ops::DropColumn>(&step.up))
        column_key = display({d->table.schema, d->table.name}) + "(" + d->column + ")";
      auto around = views_around_.find(column_key);
      if (around != views_around_.end()) {
        std::string names;
        for (const auto& v : around->second) names += (names.empty() ? "" : ", ") + v;
        described += std::string(" (view") + (around->second.size() > 1 ? "s " : " ") + names +
                     " dropped and created again around it)";
        views_around_.erase(around);  // named once (a computed column's drop, not its add)
      }
    }
    result.upgrade_described.push_back(std::move(described));
    result.upgrade.push_back(std::move(step.up));
  }
  return result;
}

// The reviewer's note above a drop or an add that may be one half of a rename.
std::string Comparer::note_for(const ops::Op& op) const {
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

}  // namespace detail

CompareResult compare(MetaData current, MetaData target, const Dialect& dialect,
                      const CompareOptions& options) {
  return detail::Comparer(std::move(current), std::move(target), dialect, options).run();
}

}  // namespace retort::autogen
