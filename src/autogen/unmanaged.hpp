// unmanaged — the objects of a schema that retort does not manage (policies, rules, event
// triggers, grants...), named one by one so that nothing is ignored in silence.
//
// Each dialect lists what its catalogs hold beyond tables (Dialect::catalog_objects), kind by
// kind; the kinds retort manages are dropped from that list here (managed_kind), and so are the
// objects the user excluded (Config::exclude_objects). What is left becomes one warning per
// object for `check` and `revision --autogenerate`, and makes `check --strict` fail.
// docs/autogenerate.md, "Objects retort does not manage", is the user's side of this.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/metadata.hpp"

namespace retort::autogen {

// One object retort does not manage, and where it is.
struct UnmanagedObject {
  CatalogObject object;
  bool in_models = false;
  bool in_database = false;
};

// Does retort manage objects of this kind (create, compare, migrate them)? Those are never
// reported.
bool managed_kind(std::string_view kind);

// Error(Config) naming the first pattern of exclude_objects that is not KIND:NAME.
void check_exclude_patterns(const std::vector<std::string>& patterns);

// Does one of `patterns` (KIND:NAME, fnmatch globs; NAME matched against the object's path and
// its path without the schema) name `object`?
bool excluded(const CatalogObject& object, const std::vector<std::string>& patterns);

// The unmanaged objects of `database` and `models`, matched by kind and path, in kind and path
// order; managed kinds, excluded objects, and objects of tables `keep_table` refuses (the
// table filters) left out.
std::vector<UnmanagedObject> unmanaged_objects(
    const std::vector<CatalogObject>& database, const std::vector<CatalogObject>& models,
    const std::vector<std::string>& exclude_patterns,
    const std::function<bool(const std::string& schema, const std::string& table)>& keep_table);

// "policy orders.p_read"
std::string unmanaged_label(const UnmanagedObject& u);
// The warning: what, where, what retort does about it, and how to accept it.
std::string unmanaged_warning(const UnmanagedObject& u);

}  // namespace retort::autogen
