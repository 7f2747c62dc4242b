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
// a column that changes type or is dropped (PostgreSQL refuses both under a view), or reads
// such a view, is dropped before the change and created again after it; the other views of the
// table stay.
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

// Does `sql` use `name` as an identifier (bare, "quoted" or `quoted`, any case), not as part of
// a longer one? A plain text search: no SQL is parsed.
bool mentions(const std::string& sql, const std::string& name) {
  if (name.empty()) return false;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string text = lower(sql), word = lower(name);
  auto ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  };
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    bool before = at > 0 && ident(text[at - 1]);
    bool after = at + word.size() < text.size() && ident(text[at + word.size()]);
    if (!before && !after) return true;
  }
  return false;
}

}  // namespace

// The models' objects with each view after the views it reads: the database's word where it
// gives one (PostgreSQL's depends_on), else any other view whose name its definition mentions
// (MariaDB and SQLite record no view dependencies; a mysqldump lists views alphabetically). The
// order is otherwise kept; a cycle (a false mention) keeps the rest in the models' order.
std::vector<const ReplaceableObject*> Comparer::views_after_their_views(
    const std::vector<ReplaceableObject>& objects) {
  std::vector<const ReplaceableObject*> out;
  std::vector<const ReplaceableObject*> views;
  for (const auto& o : objects) (is_view(o) ? views : out).push_back(&o);
  auto reads = [&](const ReplaceableObject& v, const ReplaceableObject& w) {
    if (&v == &w || v.schema != w.schema) return false;
    const std::string name = display_name(w);
    if (std::find(v.depends_on.begin(), v.depends_on.end(), name) != v.depends_on.end())
      return true;
    return v.depends_on.empty() && mentions(v.definition, w.name);
  };
  std::vector<bool> placed(views.size(), false);
  std::vector<const ReplaceableObject*> ordered;
  while (ordered.size() < views.size()) {
    bool progress = false;
    for (size_t i = 0; i < views.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (size_t j = 0; j < views.size() && ready; ++j)
        if (!placed[j] && j != i && reads(*views[i], *views[j])) ready = false;
      if (!ready) continue;
      placed[i] = true;
      ordered.push_back(views[i]);
      progress = true;
    }
    if (!progress) {  // a cycle: the rest as they are
      for (size_t i = 0; i < views.size(); ++i)
        if (!placed[i]) ordered.push_back(views[i]);
      break;
    }
  }
  // Phases keep functions before views before triggers; within views, this order.
  out.insert(out.end(), ordered.begin(), ordered.end());
  return out;
}

void Comparer::compare_objects(std::vector<Step>& before, std::vector<Step>& after) {
  if (cur_objects_.empty() && tgt_objects_.empty()) return;
  std::map<ObjectKey, const ReplaceableObject*> cur, tgt;
  for (const auto& o : cur_objects_) cur[key_of(o)] = &o;
  for (const auto& o : tgt_objects_) tgt[key_of(o)] = &o;

  // Columns that change type or go: the views that read them must not be there meanwhile.
  // PostgreSQL records which columns a view reads, as "table(column)" in depends_on; a view
  // that records the table alone (no column of it) does not read the column. Where a view
  // records no columns at all (a database that does not say), the table is enough.
  std::set<std::string> busy_tables, busy_columns;
  for (const auto& [key, s] : steps_) {
    const std::string table = display(key);
    auto column_busy = [&](const std::string& column) {
      busy_tables.insert(table);
      busy_columns.insert(table + "(" + column + ")");
    };
    for (const auto& step : s.drop_columns)
      if (const auto* d = std::get_if<ops::DropColumn>(&step.up)) column_busy(d->column);
    for (const auto& step : s.alter_columns) {
      if (const auto* a = std::get_if<ops::AlterColumn>(&step.up); a && a->type)
        column_busy(a->column);
      // A computed column dropped and added again (compare_computed.cpp).
      if (const auto* d = std::get_if<ops::DropColumn>(&step.up)) column_busy(d->column);
    }
  }
  // The busy columns (or, for a view that names no columns, busy tables) `view` reads.
  auto busy_read = [&](const ReplaceableObject& view) {
    std::set<std::string> out;
    bool records_columns = false;
    for (const auto& d : view.depends_on) {
      if (d.empty() || d.back() != ')') continue;
      records_columns = true;
      if (busy_columns.count(d)) out.insert(d);
    }
    if (records_columns) return out;
    for (const auto& d : view.depends_on)
      if (busy_tables.count(d))
        for (const auto& c : busy_columns)
          if (c.rfind(d + "(", 0) == 0) out.insert(c);
    return out;
  };
  // Views in the database to drop and create again: over a busy table, or over a view that is
  // itself dropped or replaced (a replaced view is dropped first on most databases).
  std::set<std::string> gone;  // names of views that will be absent for a while
  for (const auto& o : cur_objects_) {
    if (!is_view(o)) continue;
    auto t = tgt.find(key_of(o));
    if (t == tgt.end() || squashed(t->second->definition) != squashed(o.definition))
      gone.insert(display_name(o));
  }
  // Views to drop and create again, each with the busy columns it is dropped for (through a
  // view it reads, too); one that reads a view dropped or replaced for a change of its own has
  // none: its drop and create are then changes of their own.
  std::map<ObjectKey, std::set<std::string>> recreate;
  std::map<std::string, ObjectKey> recreated_by_name;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& o : cur_objects_) {
      if (!is_view(o) || recreate.count(key_of(o)) || !tgt.count(key_of(o))) continue;
      std::set<std::string> why = busy_read(o);
      bool hit = !why.empty();
      bool own = false;  // reads a view replaced or dropped by the models
      for (const auto& d : o.depends_on) {
        if (!gone.count(d)) continue;
        hit = true;
        auto r = recreated_by_name.find(d);
        if (r == recreated_by_name.end() || recreate[r->second].empty()) {
          own = true;
        } else {
          why.insert(recreate[r->second].begin(), recreate[r->second].end());
        }
      }
      if (!hit) continue;
      // A view whose definition changes too is a change of its own.
      if (squashed(tgt.at(key_of(o))->definition) != squashed(o.definition)) own = true;
      if (own) why.clear();
      recreate[key_of(o)] = why;
      recreated_by_name[display_name(o)] = key_of(o);
      gone.insert(display_name(o));
      grew = true;
    }
  }
  // The views each column change takes down, named in its description (compare.cpp).
  auto columns_of = [](const std::set<std::string>& why) {
    std::string out;
    for (const auto& c : why) {
      const size_t open = c.rfind('(');
      out += (out.empty() ? "" : ", ") + c.substr(0, open) + "." +
             c.substr(open + 1, c.size() - open - 2);
    }
    return out;
  };
  for (const auto& o : cur_objects_) {
    auto r = recreate.find(key_of(o));
    if (r == recreate.end()) continue;
    for (const auto& c : r->second) views_around_[c].push_back(display_name(o));
  }

  for (int p = 2; p >= 0; --p) {
    for (auto it = cur_objects_.rbegin(); it != cur_objects_.rend(); ++it) {
      const ReplaceableObject& o = *it;
      if (phase(o) != p) continue;
      auto r = recreate.find(key_of(o));
      if (!tgt.count(key_of(o))) {
        before.push_back({ops::DropObject{o}, std::nullopt});
      } else if (r != recreate.end()) {
        Step step{ops::DropObject{o}, std::nullopt};
        if (!r->second.empty()) {
          step.implied = true;
          step.note = "dropped for the change of " + columns_of(r->second) +
                      " (a column it reads: the database refuses the change under a view), "
                      "created again after it";
        }
        before.push_back(std::move(step));
      }
    }
  }
  const std::vector<const ReplaceableObject*> creation_order =
      views_after_their_views(tgt_objects_);
  for (int p = 0; p <= 2; ++p) {
    for (const ReplaceableObject* po : creation_order) {
      const ReplaceableObject& o = *po;
      if (phase(o) != p) continue;
      auto c = cur.find(key_of(o));
      auto r = recreate.find(key_of(o));
      if (c == cur.end()) {
        after.push_back({ops::CreateObject{o}, std::nullopt});
      } else if (r != recreate.end()) {
        Step step{ops::CreateObject{o}, std::nullopt};
        if (!r->second.empty()) {
          step.implied = true;
          step.note = "created again after the change of " + columns_of(r->second);
        }
        after.push_back(std::move(step));
      } else if (squashed(c->second->definition) != squashed(o.definition)) {
        after.push_back({ops::ReplaceObject{o, c->second->definition}, std::nullopt});
      }
    }
  }
}

}  // namespace retort::autogen::detail
