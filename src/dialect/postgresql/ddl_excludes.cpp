// PostgresDdlCompiler: exclusion constraints
// (https://www.postgresql.org/docs/15/sql-createtable.html#SQL-CREATETABLE-EXCLUDE), inline in
// CREATE TABLE and as ALTER TABLE ... ADD CONSTRAINT; dropped as any constraint, by name.
#include <regex>

#include "dialect/postgresql/ddl.hpp"
#include "dialect/postgresql/types.hpp"
#include "retort/error.hpp"

namespace retort::postgresql {
namespace {

std::string q(std::string_view ident) { return quote_identifier(ident); }

// The method, operator classes and operators are pasted into the DDL: plain names (optionally
// schema-qualified), and operators made of operator characters only.
const std::string& checked(const std::string& v, const std::regex& shape, const char* what,
                           const ExcludeConstraint& c, const std::string& table) {
  if (!std::regex_match(v, shape))
    throw Error(ErrorKind::Script,
                "exclusion constraint " + c.name + " on " + table + ": '" + v + "' is not " + what);
  return v;
}

}  // namespace

std::string exclude_constraint_sql(const ExcludeConstraint& c, const std::string& table) {
  static const std::regex name(R"(^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$)");
  static const std::regex op(R"(^[-+*/<>=~!@#%^&|`?]+$)");
  if (c.name.empty())
    throw Error(ErrorKind::Script, "an exclusion constraint on " + table +
                                       " needs a name (exclusion constraints "
                                       "are compared and dropped by name)");
  if (c.elements.empty())
    throw Error(ErrorKind::Script,
                "exclusion constraint " + c.name + " on " + table + " has no elements");
  std::string out = "CONSTRAINT " + q(c.name) + " EXCLUDE USING " +
                    checked(c.using_method, name, "a plain index method name", c, table) + " (";
  for (size_t i = 0; i < c.elements.size(); ++i) {
    const IndexElement& e = c.elements[i].element;
    out += (i ? ", " : "") + index_element_sql(e);
    if (!e.postgresql_ops.empty())
      out += " " + checked(e.postgresql_ops, name, "a plain operator class name", c, table);
    if (e.descending) out += " DESC";
    if (!e.nulls.empty()) out += " NULLS " + e.nulls;
    out += " WITH " + checked(c.elements[i].op, op, "an operator", c, table);
  }
  out += ")";
  if (!c.where.empty()) out += " WHERE (" + c.where + ")";
  if (c.deferrable) out += *c.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
  if (!c.initially.empty()) out += " INITIALLY " + c.initially;
  return out;
}

void PostgresDdlCompiler::add(const ops::CreateExcludeConstraint& op) {
  const std::string table =
      op.table.schema.empty() ? q(op.table.name) : q(op.table.schema) + "." + q(op.table.name);
  emit("ALTER TABLE " + table + " ADD " + exclude_constraint_sql(op.constraint, op.table.name));
}

}  // namespace retort::postgresql
