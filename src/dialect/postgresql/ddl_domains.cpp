// PostgresDdlCompiler: domains (https://www.postgresql.org/docs/15/sql-createdomain.html) and
// extensions (https://www.postgresql.org/docs/15/sql-createextension.html).
//
// DROP DOMAIN never cascades: PostgreSQL refuses it while a column (or a function) uses the
// domain, so a drop can never take a column's data with it. ALTER DOMAIN changes the default,
// NOT NULL and the checks (ADD CONSTRAINT checks the rows already stored); it cannot change the
// base type, which is refused here with what to do instead. DROP EXTENSION does not cascade
// either: PostgreSQL refuses it while a column has one of the extension's types.
#include <fmt/format.h>

#include "dialect/postgresql/ddl.hpp"
#include "dialect/postgresql/types.hpp"
#include "retort/error.hpp"

namespace retort::postgresql {
namespace {

std::string domain_name(const std::string& schema, const std::string& name) {
  return schema.empty() ? quote_identifier(name)
                        : quote_identifier(schema) + "." + quote_identifier(name);
}

std::string check_sql(const CheckConstraint& ck) {
  return (ck.name.empty() ? "" : "CONSTRAINT " + quote_identifier(ck.name) + " ") + "CHECK (" +
         ck.sqltext + ")";
}

bool has_check(const Domain& d, const CheckConstraint& ck) {
  for (const auto& c : d.checks)
    if (c == ck) return true;
  return false;
}

}  // namespace

void PostgresDdlCompiler::add(const ops::CreateDomain& op) {
  const Domain& d = op.domain;
  if (d.name.empty()) throw Error(ErrorKind::Script, "create_domain: the domain has no name");
  std::string sql = "CREATE DOMAIN " + domain_name(d.schema, d.name) + " AS " +
                    type_sql(d.type, d.schema) + collate_sql(d.type);
  if (d.server_default) sql += " DEFAULT " + default_sql(*d.server_default, &d.type);
  if (d.not_null) sql += " NOT NULL";
  for (const auto& ck : d.checks) sql += " " + check_sql(ck);
  emit(sql);
}

void PostgresDdlCompiler::add(const ops::AlterDomain& op) {
  const Domain& to = op.domain;
  const Domain& from = op.existing;
  const std::string name = domain_name(to.schema, to.name);
  if (!(to.type == from.type))
    throw Error(ErrorKind::Script,
                fmt::format("{}: a domain's base type cannot change (ALTER DOMAIN has no SET DATA "
                            "TYPE): create a new domain, convert the columns to it, and drop "
                            "this one",
                            ops::describe(op)));
  const std::string alter = "ALTER DOMAIN " + name;
  if (to.server_default != from.server_default)
    emit(to.server_default ? alter + " SET DEFAULT " + default_sql(*to.server_default, &to.type)
                           : alter + " DROP DEFAULT");
  if (to.not_null != from.not_null)
    emit(alter + (to.not_null ? " SET NOT NULL" : " DROP NOT NULL"));
  for (const auto& ck : from.checks) {
    if (has_check(to, ck)) continue;
    if (ck.name.empty())
      throw Error(ErrorKind::Script,
                  fmt::format("{}: the check ({}) to drop has no name in existing: name it "
                              "(constraint_name, or sa.CheckConstraint(sql, {{ name = ... }}))",
                              ops::describe(op), ck.sqltext));
    emit(alter + " DROP CONSTRAINT " + quote_identifier(ck.name));
  }
  for (const auto& ck : to.checks)
    if (!has_check(from, ck)) emit(alter + " ADD " + check_sql(ck));
}

void PostgresDdlCompiler::add(const ops::DropDomain& op) {
  emit("DROP DOMAIN " + domain_name(op.schema, op.name));
}

void PostgresDdlCompiler::add(const ops::CreateExtension& op) {
  std::string sql = std::string("CREATE EXTENSION ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                    quote_identifier(op.extension.name);
  if (!op.extension.schema.empty()) sql += " SCHEMA " + quote_identifier(op.extension.schema);
  emit(sql);
}

void PostgresDdlCompiler::add(const ops::DropExtension& op) {
  emit(std::string("DROP EXTENSION ") + (op.if_exists ? "IF EXISTS " : "") +
       quote_identifier(op.extension.name));
}

}  // namespace retort::postgresql
