// Comparer::compare_domains and compare_extensions: PostgreSQL domains and extensions.
//
// Extensions compare by name, and only when the models declare at least one (then the list is
// the whole truth: the database's others are dropped); models that declare none leave the
// database's extensions alone, and autogenerate reports them as objects it does not manage.
// They are created before the domains and dropped after them.
//
// Both sides hold domains as the database prints them (the models' were loaded into a scratch
// database and reflected back: normalize_objects.cpp), so they compare field by field: the base
// type (Dialect::types_equivalent and its collation), the default (defaults_equivalent), NOT
// NULL and the set of checks (name and text). A domain only in the models is created before
// anything else runs, so every table, column and function after it may use it; one only in the
// database is dropped after everything else, once no column uses it; one in both that differs
// is altered (op.alter_domain), before the tables. A base type that differs is still an
// alter_domain, which the DDL compiler refuses with what to do: never a silent "clean".
#include <map>
#include <tuple>

#include "autogen/comparer.hpp"

namespace retort::autogen::detail {
namespace {

bool same_checks(const Domain& a, const Domain& b) {
  if (a.checks.size() != b.checks.size()) return false;
  for (const auto& c : a.checks) {
    bool found = false;
    for (const auto& d : b.checks) found |= c == d;
    if (!found) return false;
  }
  return true;
}

}  // namespace

void Comparer::compare_domains(std::vector<Step>& before, std::vector<Step>& after) {
  std::map<Key, const Domain*> cur;
  for (const auto& d : cur_domains_) cur[{d.schema, d.name}] = &d;
  std::map<Key, const Domain*> tgt;
  for (const auto& d : tgt_domains_) tgt[{d.schema, d.name}] = &d;

  for (const auto& d : tgt_domains_) {
    auto c = cur.find({d.schema, d.name});
    if (c == cur.end()) {
      before.push_back({ops::CreateDomain{d}, std::nullopt});
      continue;
    }
    const Domain& now = *c->second;
    Domain want = d;
    bool same_type = dialect_.types_equivalent(now.type, want.type) &&
                     dialect_.collations_equivalent(now.type, want.type);
    if (same_type) want.type = now.type;
    bool same_default = dialect_.defaults_equivalent(now.server_default, want.server_default);
    if (same_default) want.server_default = now.server_default;
    if (same_type && same_default && now.not_null == want.not_null && same_checks(now, want))
      continue;
    before.push_back({ops::AlterDomain{want, now}, std::nullopt});
  }
  for (auto it = cur_domains_.rbegin(); it != cur_domains_.rend(); ++it)
    if (!tgt.count({it->schema, it->name}))
      after.push_back({ops::DropDomain{it->schema, it->name, *it}, std::nullopt});
}

void Comparer::compare_extensions(std::vector<Step>& before, std::vector<Step>& after) {
  if (tgt_extensions_.empty()) return;
  auto has = [](const std::vector<Extension>& v, const std::string& name) {
    for (const auto& x : v)
      if (x.name == name) return true;
    return false;
  };
  for (const auto& x : tgt_extensions_)
    if (!has(cur_extensions_, x.name)) before.push_back({ops::CreateExtension{x}, std::nullopt});
  for (auto it = cur_extensions_.rbegin(); it != cur_extensions_.rend(); ++it)
    if (!has(tgt_extensions_, it->name)) after.push_back({ops::DropExtension{*it}, std::nullopt});
}

}  // namespace retort::autogen::detail
