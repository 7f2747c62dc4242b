// MySQL/MariaDB: views, functions, procedures and triggers (replaceable_ddl.hpp); no
// materialized views. MariaDB replaces each with CREATE OR REPLACE (one statement, so nothing is
// left half done: MySQL commits DDL as it goes). A routine or trigger body holds `;`, so --sql
// prints it between DELIMITER $$ and DELIMITER ; for the mysql client.
#include "dialect/mysql/ddl.hpp"
#include "dialect/mysql/mysql_dialect.hpp"
#include "dialect/replaceable_ddl.hpp"

namespace retort::mysql {

std::vector<Statement> compile_objects(const ops::Op& op) {
  static const ReplaceableDdl style = [] {
    ReplaceableDdl r;
    r.database = "MySQL/MariaDB";
    r.kinds = {ObjectKind::View, ObjectKind::Function, ObjectKind::Procedure, ObjectKind::Trigger};
    r.view_or_replace = true;
    r.routine_or_replace = true;
    r.trigger_or_replace = true;
    r.offline_delimiter = "$$";
    r.view_head = true;
    r.routine_sql_mode = true;
    return r;
  }();
  return compile_replaceable(mysql_dialect(), op, style);
}

}  // namespace retort::mysql
