// normalize_model_objects (autogenerate.hpp): the models' domains, views, functions, procedures
// and triggers, the expressions of their computed columns and their exclusion constraints, as
// the database itself normalises them, so they compare with what it reflects.
#include <set>

#include "autogen/autogenerate.hpp"
#include "retort/error.hpp"

namespace retort::autogen {
namespace {

// The scratch is empty but for what we create in it: no table exists before its CREATE.
class EmptySchema : public SchemaView {
 public:
  std::optional<Table> table(const std::string&, const std::string&) override {
    return std::nullopt;
  }
};

std::string sa_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::View:
      return "sa.View";
    case ObjectKind::MaterializedView:
      return "sa.MaterializedView";
    case ObjectKind::Function:
      return "sa.Function";
    case ObjectKind::Procedure:
      return "sa.Procedure";
    case ObjectKind::Trigger:
      return "sa.Trigger";
    case ObjectKind::Aggregate:
      return "sa.Aggregate";
  }
  return "";
}

bool has_computed_columns(const MetaData& models) {
  for (const auto& t : models.tables)
    for (const auto& c : t.columns)
      if (c.computed) return true;
  return false;
}

bool has_exclude_constraints(const MetaData& models) {
  for (const auto& t : models.tables)
    if (!t.exclude_constraints.empty()) return true;
  return false;
}

// The models' exclusion constraints as pg_get_constraintdef prints them in the scratch.
void take_excludes(MetaData& models, const MetaData& reflected,
                   const std::filesystem::path& origin) {
  for (auto& t : models.tables) {
    const Table* r =
        t.exclude_constraints.empty() ? nullptr : reflected.find_table(t.schema, t.name);
    for (auto& x : t.exclude_constraints) {
      const ExcludeConstraint* found = nullptr;
      if (r)
        for (const auto& rx : r->exclude_constraints)
          if (rx.name == x.name) found = &rx;
      if (!found)
        throw Error(ErrorKind::Config, origin.string() + ": sa.ExcludeConstraint \"" + x.name +
                                           "\" on " + t.name +
                                           ": the scratch database holds no exclusion constraint "
                                           "of that name after creating it");
      x.definition = found->definition;
    }
  }
}

// The models' generation expressions as the scratch reflected them (pg_get_expr, MariaDB's
// GENERATION_EXPRESSION), so they compare with the live database's. persisted stays as written.
void take_computed(MetaData& models, const MetaData& reflected) {
  for (auto& t : models.tables) {
    const Table* r = reflected.find_table(t.schema, t.name);
    if (!r) continue;
    for (auto& c : t.columns) {
      const Column* rc = c.computed ? r->find_column(c.name) : nullptr;
      if (rc && rc->computed) c.computed->sqltext = rc->computed->sqltext;
    }
  }
}

}  // namespace

void normalize_model_objects(const LiveDatabase& db, const std::filesystem::path& origin,
                             MetaData& models) {
  const bool excludes = has_exclude_constraints(models);
  if (models.objects.empty() && models.domains.empty() && models.extensions.empty() &&
      models.sequences.empty() && !has_computed_columns(models) && !excludes)
    return;
  const Dialect& dialect = *db.dialect;
  SchemaScript script{origin, {}};
  EmptySchema empty;
  // Extensions before all: the domains, tables and functions may use their types. A database
  // without them says so here, naming the models.
  for (const auto& x : models.extensions) {
    try {
      for (auto& s : dialect.compile(ops::CreateExtension{x, true}, empty))
        script.statements.push_back(std::move(s.sql));
    } catch (const Error& e) {
      throw Error(ErrorKind::Config,
                  origin.string() + ": sa.Extension \"" + x.name + "\": " + e.what());
    }
  }
  if (models.objects.empty() && models.domains.empty() && models.sequences.empty() &&
      !has_computed_columns(models) && !excludes)
    return;
  // Domains first: the tables and functions below may use them. A database without domains
  // says so here, naming the models.
  for (const auto& d : models.domains) {
    try {
      for (auto& s : dialect.compile(ops::CreateDomain{d}, empty))
        script.statements.push_back(std::move(s.sql));
    } catch (const Error& e) {
      throw Error(ErrorKind::Config,
                  origin.string() + ": sa.Domain \"" + d.name + "\": " + e.what());
    }
  }
  // Sequences next (without their owner, which is a column): a table's default may use one.
  for (const auto& q : models.sequences) {
    Sequence unowned = q;
    unowned.owned_by.clear();
    try {
      for (auto& s : dialect.compile(ops::CreateSequence{unowned}, empty))
        script.statements.push_back(std::move(s.sql));
    } catch (const Error& e) {
      throw Error(ErrorKind::Config,
                  origin.string() + ": sa.Sequence \"" + q.name + "\": " + e.what());
    }
  }
  // The tables first (without foreign keys, which the objects never need and which would make
  // the order matter), then the objects in the models' order.
  // Domains alone need no tables; objects, computed columns and exclusion constraints do. A
  // database without exclusion constraints says so here, naming the models.
  const std::vector<Table> no_tables;
  const bool need_tables = !models.objects.empty() || has_computed_columns(models) || excludes;
  for (const auto& t : need_tables ? models.tables : no_tables) {
    Table copy = t;
    copy.foreign_keys.clear();
    for (auto& c : copy.columns) c.foreign_keys.clear();
    try {
      for (auto& s : dialect.compile(ops::CreateTable{std::move(copy)}, empty))
        script.statements.push_back(std::move(s.sql));
    } catch (const Error& e) {
      if (t.exclude_constraints.empty()) throw;
      throw Error(ErrorKind::Config, origin.string() + ": " + e.what());
    }
  }
  for (const auto& o : models.objects)
    for (auto& s : dialect.compile(ops::CreateObject{o}, empty))
      script.statements.push_back(std::move(s.sql));

  MetaData reflected = dialect.load_schema_sql(*db.connection, db.url, script);
  take_computed(models, reflected);
  if (excludes) take_excludes(models, reflected, origin);
  for (auto& d : models.domains) {
    const Domain* found = nullptr;
    for (const auto& r : reflected.domains)
      if (r.name == d.name && r.schema == d.schema) found = &r;
    if (!found)
      throw Error(ErrorKind::Config, origin.string() + ": sa.Domain \"" + d.name +
                                         "\": the scratch database holds no domain of that name "
                                         "after creating it");
    d = *found;
  }
  for (auto& q : models.sequences) {
    const Sequence* found = nullptr;
    for (const auto& r : reflected.sequences)
      if (r.name == q.name && r.schema == q.schema) found = &r;
    if (!found)
      throw Error(ErrorKind::Config, origin.string() + ": sa.Sequence \"" + q.name +
                                         "\": the scratch database holds no sequence of that "
                                         "name after creating it");
    std::string owner = q.owned_by;
    q = *found;
    q.owned_by = owner;
  }
  for (auto& o : models.objects) {
    const ReplaceableObject* found = nullptr;
    for (const auto& r : reflected.objects)
      if (r.kind == o.kind && r.name == o.name && r.schema == o.schema &&
          (o.kind != ObjectKind::Trigger || r.table == o.table))
        found = &r;
    if (!found)
      throw Error(ErrorKind::Config, origin.string() + ": " + sa_name(o.kind) + " \"" + o.name +
                                         "\"" + (o.table.empty() ? "" : " on " + o.table) +
                                         ": its definition makes no " + object_kind_name(o.kind) +
                                         " of that name" +
                                         (o.table.empty() ? "" : " on that table") +
                                         " (the name given must be the one the SQL creates)");
    o.definition = found->definition;
    o.depends_on = found->depends_on;
  }
}

}  // namespace retort::autogen
