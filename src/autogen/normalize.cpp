// normalize_table and convention_name: both sides of a comparison in one shape.
#include <string>
#include <vector>

#include "autogen/compare.hpp"
#include "schema/naming.hpp"

namespace retort::autogen {
namespace {

bool same_columns(const std::vector<IndexElement>& elements, const std::vector<std::string>& cols) {
  if (elements.size() != cols.size()) return false;
  for (size_t i = 0; i < cols.size(); ++i)
    if (elements[i].expression || elements[i].text != cols[i]) return false;
  return true;
}

}  // namespace

// One naming engine for scripts, models and autogenerate (schema/naming.hpp); a kind the
// convention has no pattern for gets no name here.
std::string convention_name(const NamingConvention& convention, const std::string& key,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& referred_table, const std::string& constraint_name) {
  if (convention.patterns.find(key) == convention.patterns.end()) return "";
  return retort::constraint_name(convention, key, table, columns, referred_table, constraint_name);
}

Table normalize_table(Table in, const NamingConvention* convention) {
  Table t = std::move(in);
  auto name_for = [&](const std::string& key, const std::vector<std::string>& cols,
                      const std::string& referred = "") {
    return convention ? convention_name(*convention, key, t.name, cols, referred) : std::string();
  };

  if (!t.primary_key) {
    PrimaryKey pk;
    for (const auto& c : t.columns)
      if (c.primary_key) pk.columns.push_back(c.name);
    if (!pk.columns.empty()) t.primary_key = pk;
  }
  if (t.primary_key && t.primary_key->columns.empty()) t.primary_key.reset();
  if (t.primary_key) {
    if (t.primary_key->name.empty()) t.primary_key->name = name_for("pk", t.primary_key->columns);
    for (auto& c : t.columns) c.primary_key = false;
    for (const auto& name : t.primary_key->columns) {
      if (Column* c = t.find_column(name)) {
        c->primary_key = true;
        c->nullable = false;
      }
    }
  }

  for (auto& c : t.columns) {
    if (c.unique) {
      bool have = false;
      for (const auto& uq : t.unique_constraints) have |= uq.columns == std::vector{c.name};
      for (const auto& ix : t.indexes)
        have |= ix.unique && ix.where.empty() && same_columns(ix.elements, {c.name});
      if (!have) t.unique_constraints.push_back({name_for("uq", {c.name}), {c.name}});
      c.unique = false;
    }
    if (c.index) {
      bool have = false;
      for (const auto& ix : t.indexes) have |= same_columns(ix.elements, {c.name});
      if (!have) t.indexes.push_back({name_for("ix", {c.name}), {{c.name, false}}, false, ""});
      c.index = false;
    }
    for (auto& fk : c.foreign_keys) {
      if (fk.columns.empty()) fk.columns = {c.name};
      t.foreign_keys.push_back(std::move(fk));
    }
    c.foreign_keys.clear();
  }

  if (convention) {
    for (auto& uq : t.unique_constraints)
      if (uq.name.empty()) uq.name = name_for("uq", uq.columns);
    for (auto& fk : t.foreign_keys)
      if (fk.name.empty()) fk.name = name_for("fk", fk.columns, fk.referred_table);
    for (auto& ix : t.indexes)
      if (ix.name.empty()) ix.name = retort::index_name(*convention, t.name, ix);
  }
  return t;
}

}  // namespace retort::autogen
