// Comparer::compare_objects: views, materialized views, functions, procedures and triggers.
//
// Both sides hold definitions as the database normalised them (the models were loaded into a
// scratch database and reflected back: normalize_objects.cpp), so they are compared as text,
// with only runs of whitespace outside quotes and a trailing `;` ignored. An object only in the
// database is dropped, only in the models created, in both but different replaced; each op
// carries the definition it undoes (the database's), so downgrade() restores it.
//
// Order: drops run before any table change (triggers, then views last-created first, then
// functions and procedures), creates and replacements after all of them (functions and
// procedures, then views in the models' order, then triggers). A view the database says reads
// a table whose column changes type or is dropped (PostgreSQL refuses both under a view), or
// reads such a view, is dropped before the change and created again after it.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "autogen/comparer.hpp"

namespace retort::autogen::detail {
namespace {

using ObjectKey = std::tuple<int, std::string, std::string, std::string>;

ObjectKey key_of(const ReplaceableObject& o) {
  return {static_cast<int>(o.kind), o.schema, o.table, o.name};
}

// The definition with runs of whitespace outside quotes made one space, and the ends trimmed
// of whitespace and `;`.
std::string squashed(const std::string& s) {
  std::string out;
  char quote = 0;
  bool space = false;
  for (char c : s) {
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (c == '\'' || c == '"' || c == '`') quote = c;
    out += c;
  }
  while (!out.empty() && (out.back() == ';' || out.back() == ' ')) out.pop_back();
  return out;
}

bool is_view(const ReplaceableObject& o) {
  return o.kind == ObjectKind::View || o.kind == ObjectKind::MaterializedView;
}

// 0: functions and procedures, 1: views, 2: triggers (the order they are created in).
int phase(const ReplaceableObject& o) {
  if (is_view(o)) return 1;
  return o.kind == ObjectKind::Trigger ? 2 : 0;
}

std::string display_name(const ReplaceableObject& o) {
  return o.schema.empty() ? o.name : o.schema + "." + o.name;
}

}  // namespace

void Comparer::compare_objects(std::vector<Step>& before, std::vector<Step>& after) {
  if (cur_objects_.empty() && tgt_objects_.empty()) return;
  std::map<ObjectKey, const ReplaceableObject*> cur, tgt;
  for (const auto& o : cur_objects_) cur[key_of(o)] = &o;
  for (const auto& o : tgt_objects_) tgt[key_of(o)] = &o;

  // Tables whose columns change type or go: the views over them must not be there meanwhile.
  std::set<std::string> busy;
  for (const auto& [key, s] : steps_) {
    bool changes = !s.drop_columns.empty();
    for (const auto& step : s.alter_columns)
      if (const auto* a = std::get_if<ops::AlterColumn>(&step.up); a && a->type) changes = true;
    if (changes) busy.insert(display(key));
  }
  // Views in the database to drop and create again: over a busy table, or over a view that is
  // itself dropped or replaced (a replaced view is dropped first on most databases).
  std::set<std::string> gone;  // names of views that will be absent for a while
  for (const auto& o : cur_objects_) {
    if (!is_view(o)) continue;
    auto t = tgt.find(key_of(o));
    if (t == tgt.end() || squashed(t->second->definition) != squashed(o.definition))
      gone.insert(display_name(o));
  }
  std::set<ObjectKey> recreate;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& o : cur_objects_) {
      if (!is_view(o) || recreate.count(key_of(o)) || !tgt.count(key_of(o))) continue;
      bool hit = false;
      for (const auto& d : o.depends_on)
        if (busy.count(d) || gone.count(d)) hit = true;
      if (!hit) continue;
      recreate.insert(key_of(o));
      gone.insert(display_name(o));
      grew = true;
    }
  }

  for (int p = 2; p >= 0; --p) {
    for (auto it = cur_objects_.rbegin(); it != cur_objects_.rend(); ++it) {
      const ReplaceableObject& o = *it;
      if (phase(o) != p) continue;
      if (!tgt.count(key_of(o)) || recreate.count(key_of(o)))
        before.push_back({ops::DropObject{o}, std::nullopt});
    }
  }
  for (int p = 0; p <= 2; ++p) {
    for (const auto& o : tgt_objects_) {
      if (phase(o) != p) continue;
      auto c = cur.find(key_of(o));
      if (c == cur.end() || recreate.count(key_of(o))) {
        after.push_back({ops::CreateObject{o}, std::nullopt});
      } else if (squashed(c->second->definition) != squashed(o.definition)) {
        after.push_back({ops::ReplaceObject{o, c->second->definition}, std::nullopt});
      }
    }
  }
}

}  // namespace retort::autogen::detail
