// VersionTable — the one owner of what retort stores in the database: one row per applied head.
//
// Format (docs/design/version-table.md): a table `retort_version` (name and schema configurable)
// with one column `version_num VARCHAR(32) PRIMARY KEY`; each row is a revision id that is a head
// of the applied set. A later wave adds a history table beside it; keep all storage behind this
// class.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort {

class VersionTable {
 public:
  VersionTable(const Dialect& dialect, std::string schema, std::string name);

  const std::string& name() const { return name_; }
  const std::string& schema() const { return schema_; }
  // The lock key processes agree on: derived from the table's schema and name.
  std::string lock_key() const;

  // Online.
  bool exists(Connection& conn) const;
  void ensure(Connection& conn) const;
  std::vector<std::string> read(Connection& conn) const;  // empty when the table is absent
  void apply(Connection& conn, const std::vector<std::string>& delete_rows,
             const std::vector<std::string>& insert_rows) const;

  // The statements for create and apply, with bound parameters (offline renders them).
  Statement create_statement() const;
  std::vector<Statement> apply_statements(const std::vector<std::string>& delete_rows,
                                          const std::vector<std::string>& insert_rows) const;

 private:
  const Dialect& dialect_;
  std::string schema_;
  std::string name_;
  std::string qualified_;
};

}  // namespace retort
