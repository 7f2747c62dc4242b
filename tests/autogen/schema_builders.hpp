// Small builders for schema-model values in autogen tests.
#pragma once

#include <string>
#include <vector>

#include "autogen/render.hpp"
#include "ops/ops.hpp"
#include "retort/metadata.hpp"

namespace retort::test {

inline Type type(TypeKind kind) { return Type{kind}; }
inline Type string_type(std::optional<int> length = std::nullopt) {
  Type t{TypeKind::String};
  t.length = length;
  return t;
}
inline Type native_type(const std::string& n) {
  Type t{TypeKind::Native};
  t.native = n;
  return t;
}

inline Column col(const std::string& name, Type t, bool nullable = true) {
  Column c;
  c.name = name;
  c.type = std::move(t);
  c.nullable = nullable;
  return c;
}
inline Column pk_col(const std::string& name, Type t = Type{TypeKind::Integer}) {
  Column c = col(name, std::move(t), false);
  c.primary_key = true;
  return c;
}

inline Table table(const std::string& name, std::vector<Column> columns) {
  Table t;
  t.name = name;
  t.columns = std::move(columns);
  return t;
}

inline ForeignKey fk(const std::string& name, std::vector<std::string> cols,
                     const std::string& referred, std::vector<std::string> referred_cols) {
  ForeignKey f;
  f.name = name;
  f.columns = std::move(cols);
  f.referred_table = referred;
  f.referred_columns = std::move(referred_cols);
  return f;
}

inline Index index(const std::string& name, std::vector<std::string> cols, bool unique = false) {
  Index ix;
  ix.name = name;
  for (auto& c : cols) ix.elements.push_back({c, false});
  ix.unique = unique;
  return ix;
}

// One op as the Lua it renders to, on one line: a readable fingerprint for EXPECT_EQ.
inline std::string lua(const ops::Op& op) {
  std::string wrapped = autogen::render_lua({op}, 0), out;
  for (size_t i = 0; i < wrapped.size(); ++i) {
    if (wrapped[i] != '\n') {
      out += wrapped[i];
      continue;
    }
    while (i + 1 < wrapped.size() && wrapped[i + 1] == ' ') ++i;
    out += ' ';
  }
  return out;
}
inline std::vector<std::string> lua(const std::vector<ops::Op>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back(lua(op));
  return out;
}

}  // namespace retort::test
