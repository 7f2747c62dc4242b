// normalize_table and convention_name: both sides of a comparison in one shape.
#include <string>
#include <vector>

#include "autogen/compare.hpp"

namespace retort::autogen {
namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

bool same_columns(const std::vector<IndexElement>& elements, const std::vector<std::string>& cols) {
  if (elements.size() != cols.size()) return false;
  for (size_t i = 0; i < cols.size(); ++i)
    if (elements[i].expression || elements[i].text != cols[i]) return false;
  return true;
}

}  // namespace

std::string convention_name(const NamingConvention& convention, const std::string& key,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& referred_table, const std::string& constraint_name) {
  auto it = convention.patterns.find(key);
  if (it == convention.patterns.end()) return "";
  std::string name = it->second;
  std::string column_0 = columns.empty() ? "" : columns[0];
  // Longest tokens first: %(column_0_N_name)s contains no shorter token, but be explicit.
  replace_all(name, "%(column_0_N_name)s", join(columns, "_"));
  replace_all(name, "%(column_0N_name)s", join(columns, ""));
  replace_all(name, "%(column_0_name)s", column_0);
  replace_all(name, "%(column_0)s", column_0);
  replace_all(name, "%(table_name)s", table);
  replace_all(name, "%(table)s", table);
  replace_all(name, "%(referred_table_name)s", referred_table);
  replace_all(name, "%(referred_table)s", referred_table);
  replace_all(name, "%(constraint_name)s", constraint_name);
  return name;
}

Table normalize_table(const Table& in, const NamingConvention* convention) {
  Table t = in;
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
    for (auto& ix : t.indexes) {
      if (!ix.name.empty()) continue;
      std::vector<std::string> cols;
      for (const auto& e : ix.elements) cols.push_back(e.expression ? "expr" : e.text);
      ix.name = name_for("ix", cols);
    }
  }
  return t;
}

}  // namespace retort::autogen
