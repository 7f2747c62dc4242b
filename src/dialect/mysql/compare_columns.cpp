// MysqlDialect's column and index detail hooks: AUTO_INCREMENT as the DDL compiler decides it,
// collations and character sets relative to the table's, and MySQL's index options.
#include <cctype>
#include <string>

#include "dialect/mysql/mysql_dialect.hpp"
#include "dialect/mysql/types.hpp"

namespace retort {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// utf8 is MariaDB's (and MySQL 8's) old name of utf8mb3: the same character set.
std::string charset_name(std::string s) {
  s = lower(std::move(s));
  return s == "utf8" ? "utf8mb3" : s;
}

std::string collation_name(std::string s) {
  s = lower(std::move(s));
  return s.rfind("utf8_", 0) == 0 ? "utf8mb3_" + s.substr(5) : s;
}

// The character set of a type: its own, or the one its collation belongs to (a collation's
// name starts with its character set's).
std::string charset_of(const Type& t) {
  if (!t.mysql_charset.empty()) return charset_name(t.mysql_charset);
  if (t.collation.empty()) return "";
  return charset_name(t.collation.substr(0, t.collation.find('_')));
}

std::string option(const Table& t, const char* key) {
  auto it = t.dialect_options.find(key);
  return it == t.dialect_options.end() ? std::string() : it->second;
}

}  // namespace

void MysqlDialect::comparable_column(Column& c, const Table& table) const {
  // What the DDL compiler does (ddl.cpp, auto_increments): an integer primary key column
  // increments when it says so, or says nothing and is the only key column.
  // sa.Identity() is AUTO_INCREMENT here (the DDL compiler refuses the options it cannot keep).
  if (c.identity) {
    c.identity.reset();
    c.autoincrement = true;
  }
  std::vector<std::string> pk;
  if (table.primary_key) pk = table.primary_key->columns;
  bool in_pk = false;
  for (const auto& p : pk) in_pk |= p == c.name;
  bool increments = in_pk && mysql::is_integer_type(c.type) &&
                    (c.autoincrement ? *c.autoincrement : pk.size() == 1);
  c.autoincrement = increments;
  // MariaDB takes no NOT NULL on a generated column (the DDL leaves it out): it reads nullable.
  if (c.computed) c.nullable = true;
  // The inspector reports a collation only where it is not the table's.
  std::string table_collation = option(table, "mysql_collate");
  std::string table_charset = option(table, "mysql_charset");
  if (!c.type.collation.empty() &&
      collation_name(c.type.collation) == collation_name(table_collation)) {
    c.type.collation.clear();
    c.type.mysql_charset.clear();
  }
  if (c.type.collation.empty() && !c.type.mysql_charset.empty() &&
      charset_name(c.type.mysql_charset) == charset_name(table_charset)) {
    c.type.mysql_charset.clear();
  }
}

void MysqlDialect::comparable_index(Index& ix) const {
  ix.postgresql_using.clear();
  ix.postgresql_include.clear();
  for (auto& e : ix.elements) {
    e.postgresql_ops.clear();
    e.nulls.clear();
  }
}

bool MysqlDialect::collations_equivalent(const Type& reflected, const Type& model) const {
  if (!model.collation.empty())
    return collation_name(reflected.collation) == collation_name(model.collation);
  if (!model.mysql_charset.empty()) return charset_of(reflected) == charset_of(model);
  return reflected.collation.empty() && reflected.mysql_charset.empty();
}

}  // namespace retort
