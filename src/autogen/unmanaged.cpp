// The unmanaged-object report (unmanaged.hpp).
#include "autogen/unmanaged.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "retort/error.hpp"

namespace retort::autogen {
namespace {

// The kinds a dialect lists (Dialect::catalog_objects) that retort manages. When a kind becomes
// managed (compared and migrated like tables), it is added here, and is no longer reported.
const std::set<std::string_view> kManagedKinds = {
    "enum",
    "domain",             // PostgreSQL domains (src/autogen/compare_domains.cpp)
    "sequence",           // PostgreSQL and MariaDB sequences (compare_sequences.cpp)
    "aggregate",          // PostgreSQL aggregates, replaceable objects (compare_objects.cpp)
    "partitioned_table",  // PostgreSQL declarative partitioning
    "partition",
    // Replaceable objects: created, compared and replaced (src/autogen/compare_objects.cpp).
    "view",
    "materialized_view",
    "function",
    "procedure",
    "trigger",
};

// "KIND:NAME" split at its first colon; false when it has none or an empty side.
bool split_pattern(const std::string& pattern, std::string& kind, std::string& name) {
  size_t colon = pattern.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == pattern.size()) return false;
  kind = pattern.substr(0, colon);
  name = pattern.substr(colon + 1);
  return true;
}

bool glob(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

}  // namespace

bool managed_kind(std::string_view kind) { return kManagedKinds.count(kind) > 0; }

void check_exclude_patterns(const std::vector<std::string>& patterns) {
  std::string kind, name;
  for (const auto& p : patterns) {
    if (!split_pattern(p, kind, name)) {
      throw Error(ErrorKind::Config, "exclude_objects: '" + p +
                                         "' is not KIND:NAME (e.g. \"policy:*\", "
                                         "\"rule:orders.*\", \"*:audit_*\")");
    }
  }
}

bool excluded(const CatalogObject& object, const std::vector<std::string>& patterns) {
  CatalogObject unqualified = object;
  unqualified.schema.clear();
  const std::string path = object.path();
  const std::string short_path = unqualified.path();
  std::string kind, name;
  for (const auto& p : patterns) {
    if (!split_pattern(p, kind, name)) continue;
    if (!glob(kind, object.kind)) continue;
    if (glob(name, path) || glob(name, short_path) || glob(name, object.name)) return true;
  }
  return false;
}

std::vector<UnmanagedObject> unmanaged_objects(
    const std::vector<CatalogObject>& database, const std::vector<CatalogObject>& models,
    const std::vector<std::string>& exclude_patterns,
    const std::function<bool(const std::string& schema, const std::string& table)>& keep_table) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, UnmanagedObject> found;
  auto add = [&](const CatalogObject& o, bool model) {
    if (managed_kind(o.kind) || excluded(o, exclude_patterns)) return;
    if (!o.table.empty() && keep_table && !keep_table(o.schema, o.table)) return;
    UnmanagedObject& u = found[Key{o.kind, o.schema, o.table, o.name}];
    u.object = o;
    (model ? u.in_models : u.in_database) = true;
  };
  for (const auto& o : database) add(o, false);
  for (const auto& o : models) add(o, true);
  std::vector<UnmanagedObject> out;
  out.reserve(found.size());
  for (auto& [key, u] : found) out.push_back(std::move(u));
  return out;
}

std::string unmanaged_label(const UnmanagedObject& u) {
  return u.object.kind + " " + u.object.path();
}

std::string unmanaged_warning(const UnmanagedObject& u) {
  std::string what = u.in_models && u.in_database ? "in the models and the database, not compared"
                     : u.in_models                ? "in the models only, no revision creates it"
                                                  : "in the database only, left as it is";
  return "unmanaged " + unmanaged_label(u) + ": " + what + " (exclude_objects \"" + u.object.kind +
         ":" + u.object.path() + "\" accepts it)";
}

}  // namespace retort::autogen
