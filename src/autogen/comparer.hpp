// Comparer — the state of one compare() run (compare.hpp), shared by the two files that define
// its passes: compare.cpp (tables and columns, and the ordering of pass 4) and
// compare_constraints.cpp (keys, uniques, indexes, foreign keys, checks). Internal to autogen/.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "autogen/compare.hpp"
#include "dialect/dialect.hpp"

namespace retort::autogen::detail {

using Key = std::pair<std::string, std::string>;  // (schema, name)

inline std::string display(const Key& k) {
  return k.first.empty() ? k.second : k.first + "." + k.second;
}
inline ops::TableRef ref_of(const Key& k) { return {k.first, k.second}; }

struct Step {
  Step(ops::Op up_op, std::optional<ops::Op> down_op)
      : up(std::move(up_op)), down(std::move(down_op)) {}

  ops::Op up;
  std::optional<ops::Op> down;  // set where ops::reverse(up) cannot say (drops)
  // Not a difference of its own: a view dropped and created again around a change of a column
  // it reads (CompareResult::upgrade_implied). `note`: the reviewer's note above it.
  bool implied = false;
  std::string note;
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

inline std::optional<std::string> nonempty(const std::optional<std::string>& s) {
  if (s && s->empty()) return std::nullopt;
  return s;
}

// Uniqueness as a unique constraint or a plain unique index: databases turn one into the other
// (MySQL and SQLite reflect UNIQUE constraints as unique indexes).
struct Unique {
  std::string name;
  std::vector<std::string> columns;
  const Index* index = nullptr;  // null: a UniqueConstraint
};

class Comparer {
 public:
  // Takes the schemas over: each table is normalised in place, never copied (with two copies
  // of both schemas, `check` on 1,000 tables was over its memory budget).
  Comparer(MetaData current, MetaData target, const Dialect& dialect,
           const CompareOptions& options);

  CompareResult run();

 private:
  bool included(const Key& k) const;
  static bool refers_to(const ForeignKey& fk, const Key& owner, const Key& table);

  // Pass 1. The database keeps foreign keys pointing at a renamed table, so ours follow too.
  void rename_tables();

  // Pass 2.
  void rename_columns();
  void rename_column(const Key& key, const std::string& from, const std::string& to);

  // Pass 3: one surviving table.
  void compare_table(const Key& key, const Table& c, const Table& m);

  // ops::reverse, plus the whole definition the column has after the upgrade as existing_*:
  // MySQL's CHANGE/MODIFY and SQLite's rebuild need it, and a downgrade runs without the model.
  static std::optional<ops::Op> reverse_alter(const ops::AlterColumn& up, const Column& model);

  // An alter_column, except that an enum type change the dialect cannot alter in place
  // (Dialect::enum_rebuild_sql: PostgreSQL can add values to a type but never remove or move one)
  // is rebuilt by op.execute statements, in whichever direction needs it; the rest of the change
  // stays an alter_column.
  void push_alter(const Key& key, const Column& cc, const Column& mc, ops::AlterColumn alter,
                  TableSteps& s);

  // Dialect::enum_rebuild_sql over every column of the type in the schema (the type is shared): the
  // column being changed gets `to_default`, the others keep theirs.
  std::optional<std::string> enum_rebuild(const Key& key, const std::string& column,
                                          const Type& from, const Type& to,
                                          const std::optional<ServerDefault>& to_default) const;

  // The models' objects in creation order: each view after the views it reads
  // (compare_objects.cpp).
  static std::vector<const ReplaceableObject*> views_after_their_views(
      const std::vector<ReplaceableObject>& objects);
  // Computed columns (compare_computed.cpp): a column whose generation expression or kind
  // changes, or that becomes or stops being computed, is dropped and added again.
  bool computed_changes(const Column& current, const Column& model) const;
  void replace_computed(const ops::TableRef& ref, const Column& current, const Column& model,
                        TableSteps& s);
  // `c` without the indexes on the `replaced` columns, which are dropped explicitly before the
  // columns go (and created again from the models after), so a downgrade restores them too.
  Table without_indexes_on(const Key& key, const Table& c, const std::vector<std::string>& replaced,
                           TableSteps& s);
  ops::AlterColumn alter_for(const ops::TableRef& ref, const Column& cc, const Column& mc,
                             const Table& model_table) const;
  // Does the alter_column change anything (beyond a rename)?
  static bool alters_something(const ops::AlterColumn& a);
  // Warns when a constraint to drop has no name in the database.
  void need_name(const Key& key, const std::string& what, const std::string& name);

  // Pass 3, the table's constraints (compare_constraints.cpp).
  void compare_primary_key(const Key& key, const Table& c, const Table& m, TableSteps& s);
  void drop_unique(const Key& key, const Unique& u, std::vector<Step>& out);
  void create_unique(const Key& key, const Unique& u, std::vector<Step>& out);
  void compare_uniques(const Key& key, const Table& c, const Table& m, TableSteps& s);
  void compare_indexes(const Key& key, const Table& c, const Table& m, TableSteps& s);
  static bool backs_foreign_key(const Index& ix, const Table& t);
  void compare_foreign_keys(const Key& key, const Table& c, const Table& m, TableSteps& s);
  void create_implicit_index(const ops::TableRef& ref, const ForeignKey& fk, const Table& c,
                             const Table& m, TableSteps& s);

  // The inspector of a database that indexes foreign keys (MySQL) does not report the index it
  // made for one (it has the key's name). With no other index leading with the key's columns,
  // that index must exist.
  void drop_implicit_index(const ops::TableRef& ref, const ForeignKey& fk, const Table& c,
                           const Table& m, TableSteps& s);
  void compare_checks(const Key& key, const Table& c, const Table& m, TableSteps& s);
  // Exclusion constraints (compare_excludes.cpp).
  void compare_excludes(const Key& key, const Table& c, const Table& m, TableSteps& s);

  // Pass 4.
  CompareResult assemble();

  // The reviewer's note above a drop or an add that may be one half of a rename.
  std::string note_for(const ops::Op& op) const;

  struct MaybeRenamed {
    Key table;
    std::string from, to;
  };

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
  std::set<Key> rebuilt_enums_;              // (schema, enum type) already rebuilt by an op.execute
  std::vector<MaybeRenamed> maybe_renamed_;  // drop + add pairs written without a hint

  // Replaceable objects (compare_objects.cpp): the drops that run before any table changes
  // (`before`) and the creates and replacements after all of them (`after`).
  void compare_objects(std::vector<Step>& before, std::vector<Step>& after);
  std::vector<ReplaceableObject> cur_objects_;
  std::vector<ReplaceableObject> tgt_objects_;
  // "table(column)" of a column that changes type or goes -> the views dropped and created
  // again around that change, which its description names.
  std::map<std::string, std::vector<std::string>> views_around_;

  // Domains (compare_domains.cpp): creates and alters run first (`before`), drops last
  // (`after`).
  void compare_domains(std::vector<Step>& before, std::vector<Step>& after);
  std::vector<Domain> cur_domains_;
  std::vector<Domain> tgt_domains_;
  // Extensions (compare_domains.cpp): only when the models declare some; created before the
  // domains, dropped after them.
  void compare_extensions(std::vector<Step>& before, std::vector<Step>& after);
  std::vector<Extension> cur_extensions_;
  std::vector<Extension> tgt_extensions_;

  // Sequences (compare_sequences.cpp): creates, alters and releases of an owner run before the
  // tables (`before`); OWNED BY and drops after them (`after`).
  void compare_sequences(std::vector<Step>& before, std::vector<Step>& after);
  std::vector<Sequence> cur_sequences_;
  std::vector<Sequence> tgt_sequences_;
};

}  // namespace retort::autogen::detail
