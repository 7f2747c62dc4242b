// Statements and habits of one database that autogenerate follows (dialect_sql.hpp).
#include "autogen/dialect_sql.hpp"

#include <algorithm>

#include "autogen/schema_equality.hpp"

namespace retort::autogen {
namespace {

std::string default_sql(const Dialect& dialect, const ServerDefault& d) {
  switch (d.kind) {
    case ServerDefault::Kind::Literal:
      return dialect.literal(Value(d.text));
    case ServerDefault::Kind::Now:
      return "CURRENT_TIMESTAMP";
    case ServerDefault::Kind::Expression:
      return d.text;
  }
  return d.text;
}

bool plain_columns_index(const Index& ix) {
  if (!ix.where.empty()) return false;
  for (const auto& e : ix.elements)
    if (e.expression) return false;
  return true;
}

}  // namespace

std::optional<std::string> table_comment_sql(const Dialect& dialect, const std::string& schema,
                                             const std::string& table,
                                             const std::optional<std::string>& comment) {
  std::string qualified = dialect.qualify(schema, table);
  if (dialect.name() == "postgresql") {
    return "COMMENT ON TABLE " + qualified + " IS " +
           (comment ? dialect.literal(Value(*comment)) : std::string("NULL"));
  }
  if (dialect.name() == "mysql") {
    // MySQL has no NULL comment: an empty one is none.
    return "ALTER TABLE " + qualified +
           " COMMENT = " + dialect.literal(Value(comment.value_or("")));
  }
  return std::nullopt;
}

std::optional<std::string> enum_rebuild_sql(const Dialect& dialect, const std::string& schema,
                                            const Type& from, const Type& to,
                                            const std::vector<EnumColumn>& columns) {
  if (dialect.name() != "postgresql" || from.kind != TypeKind::Enum || to.kind != TypeKind::Enum ||
      from.enum_name.empty() || from.enum_name != to.enum_name) {
    return std::nullopt;
  }
  // ADD VALUE (BEFORE/AFTER) can only insert: it suffices when `from`'s values appear in `to`
  // in the same order.
  std::vector<std::string> kept;
  for (const auto& v : to.enum_values)
    if (std::find(from.enum_values.begin(), from.enum_values.end(), v) != from.enum_values.end())
      kept.push_back(v);
  if (kept == from.enum_values) return std::nullopt;

  const std::string type = dialect.qualify(schema, to.enum_name);
  const std::string old_name = to.enum_name + "_retort_old";
  std::string values;
  for (const auto& v : to.enum_values)
    values += (values.empty() ? "" : ", ") + dialect.literal(Value(v));
  std::string sql = "ALTER TYPE " + type + " RENAME TO " + dialect.quote(old_name) +
                    ";\nCREATE TYPE " + type + " AS ENUM (" + values + ")";
  for (const auto& c : columns) {
    // A default of the old type cannot be cast automatically: drop it, convert, set it again.
    std::string alter = ";\nALTER TABLE " + dialect.qualify(c.schema, c.table) + " ALTER COLUMN " +
                        dialect.quote(c.column);
    if (c.has_default_now) sql += alter + " DROP DEFAULT";
    sql += alter + " TYPE " + type + " USING " + dialect.quote(c.column) + "::text::" + type;
    if (c.default_after) sql += alter + " SET DEFAULT " + default_sql(dialect, *c.default_after);
  }
  return sql + ";\nDROP TYPE " + dialect.qualify(schema, old_name);
}

bool leads_with(const Table& t, const std::vector<std::string>& columns) {
  auto leads = [&](const std::vector<std::string>& have) {
    return have.size() >= columns.size() &&
           std::equal(columns.begin(), columns.end(), have.begin());
  };
  if (t.primary_key && leads(t.primary_key->columns)) return true;
  for (const auto& ix : t.indexes)
    if (plain_columns_index(ix) && leads(columns_of(ix))) return true;
  for (const auto& uq : t.unique_constraints)
    if (leads(uq.columns)) return true;
  return false;
}

Index foreign_key_index(const ForeignKey& fk) {
  Index ix;
  ix.name = fk.name;
  for (const auto& col : fk.columns) ix.elements.push_back({col, false});
  return ix;
}

}  // namespace retort::autogen
