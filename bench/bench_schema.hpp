// bench_schema — the table shape every micro-benchmark uses, the same as bench/generate.py's:
// t_k with 10 columns of mixed types, a named primary key, a foreign key to t_{k-1} and an
// index on `code`.
#pragma once

#include <string>
#include <vector>

#include "ops/ops.hpp"
#include "retort/metadata.hpp"

namespace retort::bench {

inline Column column(std::string name, TypeKind kind, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}

inline Table bench_table(int k) {
  const std::string t = "t_" + std::to_string(k);
  Table table;
  table.name = t;
  Column id = column("id", TypeKind::Integer, false);
  id.primary_key = true;
  table.columns.push_back(id);
  table.columns.push_back(column("parent_id", TypeKind::Integer));
  Column name = column("name", TypeKind::String, false);
  name.type.length = 100;
  table.columns.push_back(name);
  Column code = column("code", TypeKind::String, false);
  code.type.length = 20;
  table.columns.push_back(code);
  table.columns.push_back(column("description", TypeKind::Text));
  Column amount = column("amount", TypeKind::Numeric);
  amount.type.precision = 12;
  amount.type.scale = 2;
  table.columns.push_back(amount);
  table.columns.push_back(column("ratio", TypeKind::Float));
  table.columns.push_back(column("active", TypeKind::Boolean));
  table.columns.push_back(column("born", TypeKind::Date));
  table.columns.push_back(column("created_at", TypeKind::DateTime));
  table.primary_key = PrimaryKey{"pk_" + t, {"id"}};
  if (k > 1) {
    ForeignKey fk;
    const std::string parent = "t_" + std::to_string(k - 1);
    fk.name = "fk_" + t + "_parent_id_" + parent;
    fk.columns = {"parent_id"};
    fk.referred_table = parent;
    fk.referred_columns = {"id"};
    table.foreign_keys.push_back(fk);
  }
  Index ix;
  ix.name = "ix_" + t + "_code";
  ix.elements.push_back(IndexElement{"code", false});
  table.indexes.push_back(ix);
  return table;
}

inline MetaData bench_metadata(int tables) {
  MetaData md;
  md.tables.reserve(tables);
  for (int k = 1; k <= tables; ++k) md.tables.push_back(bench_table(k));
  return md;
}

// `count` ops in the chain's proportions: create_table t_k, create_index ix_t_k_code, and every
// third table an add_column on an earlier table.
inline std::vector<ops::Op> bench_ops(int count) {
  std::vector<ops::Op> out;
  out.reserve(count);
  for (int k = 1; static_cast<int>(out.size()) < count; ++k) {
    Table t = bench_table(k);
    Index ix = t.indexes.front();
    t.indexes.clear();
    out.push_back(ops::CreateTable{t});
    if (static_cast<int>(out.size()) == count) break;
    out.push_back(ops::CreateIndex{ops::TableRef{"", t.name}, ix});
    if (k % 3 == 0 && static_cast<int>(out.size()) < count) {
      Column extra = column("extra_" + std::to_string(k), TypeKind::String);
      extra.type.length = 50;
      out.push_back(ops::AddColumn{ops::TableRef{"", "t_" + std::to_string(k / 2)}, extra});
    }
  }
  return out;
}

}  // namespace retort::bench
