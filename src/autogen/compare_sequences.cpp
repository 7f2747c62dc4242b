// Comparer::compare_sequences: sequences (PostgreSQL, MariaDB).
//
// Both sides hold sequences as the database reports them (the models' were loaded into a
// scratch database and reflected back: normalize_objects.cpp), each stating only the options
// that differ from the defaults, so they compare field by field. A sequence only in the models
// is created before the tables (a column default nextval() needs it); one only in the database
// is dropped after them (PostgreSQL refuses while a default uses it); one in both that differs
// is altered before the tables. OWNED BY names a column, which must exist: a sequence is
// created without its owner and given it after the tables, and released from it (OWNED BY
// NONE) before the tables, so dropping its table never takes it along unannounced. Every step
// is reversible from what it carries.
//
// A sequence in the database owned by a column the models keep, and which the models do not
// declare, is that column's (a serial made by another tool, with models that only say
// autoincrement): it is left alone, as Alembic leaves a serial's sequence.
#include "autogen/comparer.hpp"

namespace retort::autogen::detail {
namespace {

// The table and column of "table.column" or "schema.table.column".
std::pair<Key, std::string> owner_of(const std::string& owned_by) {
  size_t last = owned_by.rfind('.');
  if (last == std::string::npos) return {{"", ""}, ""};
  std::string table = owned_by.substr(0, last);
  std::string column = owned_by.substr(last + 1);
  size_t dot = table.find('.');
  if (dot == std::string::npos) return {{"", table}, column};
  return {{table.substr(0, dot), table.substr(dot + 1)}, column};
}

Sequence without_owner(Sequence s) {
  s.owned_by.clear();
  return s;
}

}  // namespace

void Comparer::compare_sequences(std::vector<Step>& before, std::vector<Step>& after) {
  if (cur_sequences_.empty() && tgt_sequences_.empty()) return;
  std::map<Key, const Sequence*> cur, tgt;
  for (const auto& q : cur_sequences_) cur[{q.schema, q.name}] = &q;
  for (const auto& q : tgt_sequences_) tgt[{q.schema, q.name}] = &q;

  for (const auto& want : tgt_sequences_) {
    auto c = cur.find({want.schema, want.name});
    if (c == cur.end()) {
      before.push_back({ops::CreateSequence{without_owner(want)}, std::nullopt});
      if (!want.owned_by.empty())
        after.push_back({ops::AlterSequence{want, without_owner(want)}, std::nullopt});
      continue;
    }
    const Sequence& now = *c->second;
    if (now == want) continue;
    // Options and type first; the owner as above.
    Sequence step = now;
    if (!now.owned_by.empty() && now.owned_by != want.owned_by) {
      step.owned_by.clear();
      before.push_back({ops::AlterSequence{step, now}, std::nullopt});
    }
    Sequence options = want;
    options.owned_by = step.owned_by;
    if (!(options == step)) before.push_back({ops::AlterSequence{options, step}, std::nullopt});
    if (options.owned_by != want.owned_by)
      after.push_back({ops::AlterSequence{want, options}, std::nullopt});
  }
  for (auto it = cur_sequences_.rbegin(); it != cur_sequences_.rend(); ++it) {
    const Sequence& now = *it;
    if (tgt.count({now.schema, now.name})) continue;
    if (!now.owned_by.empty()) {
      auto [table, column] = owner_of(now.owned_by);
      auto t = tgt_.find(table);
      if (t != tgt_.end() && t->second.find_column(column)) continue;  // the column's own
      before.push_back({ops::AlterSequence{without_owner(now), now}, std::nullopt});
    }
    after.push_back({ops::DropSequence{now.schema, now.name, without_owner(now)}, std::nullopt});
  }
}

}  // namespace retort::autogen::detail
