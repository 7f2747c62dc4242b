// MysqlDdlCompiler — ops -> MySQL/MariaDB DDL.
//
// What MySQL needs that other databases do not:
//   - ALTER TABLE ... MODIFY/CHANGE COLUMN restates the WHOLE column (type, nullability,
//     default, comment, AUTO_INCREMENT). Whatever the op does not say (no existing_*), the
//     compiler reflects from the SchemaView, so changing only nullability keeps the rest.
//     Changing only the default uses ALTER COLUMN ... SET/DROP DEFAULT, which touches nothing
//     else.
//   - DROP CONSTRAINT depends on the constraint's kind (DROP FOREIGN KEY, DROP INDEX for
//     unique, DROP CONSTRAINT for check, DROP PRIMARY KEY); an op without type_ is looked up.
//   - Primary keys are always named PRIMARY; the name an op gives is not emitted.
//   - Partial indexes do not exist (Error(Script)); expression indexes are refused too, since
//     MariaDB has no functional key parts (MySQL 8 users can write one with op.execute).
//   - FOREIGN KEY ... DEFERRABLE does not exist: deferrable/initially are ignored, so models
//     shared with PostgreSQL still compile.
//   - batch_alter_table becomes one ALTER TABLE with all its clauses (one table copy, at most).
// Thread-safety: stateless; compile() may run on several threads with different SchemaViews.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::mysql {

// Table options every CREATE TABLE gets.
struct MysqlTableOptions {
  std::string engine = "InnoDB";
  std::string charset = "utf8mb4";
  std::string collation;  // empty: the charset's default
};

class MysqlDdlCompiler {
 public:
  explicit MysqlDdlCompiler(MysqlTableOptions options = {}) : options_(std::move(options)) {}

  // The statements for `op`, in order. Error(Script) for ops MySQL cannot express.
  std::vector<Statement> compile(const ops::Op& op, SchemaView& schema) const;

 private:
  MysqlTableOptions options_;
};

// Views, materialized views, functions, procedures, triggers (ddl_objects.cpp): the
// statements of a CreateObject, ReplaceObject or DropObject.
std::vector<Statement> compile_objects(const ops::Op& op);

}  // namespace retort::mysql
