// SQLite: views and triggers (replaceable_ddl.hpp); SQLite has no functions, procedures or
// materialized views. A replaced view or trigger is dropped and created again, inside the run's
// transaction.
#include "dialect/replaceable_ddl.hpp"
#include "dialect/sqlite/ddl.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"

namespace retort::sqlite {

std::vector<Statement> compile_objects(const ops::Op& op) {
  static const ReplaceableDdl style = [] {
    ReplaceableDdl r;
    r.database = "SQLite";
    r.kinds = {ObjectKind::View, ObjectKind::Trigger};
    return r;
  }();
  return compile_replaceable(sqlite_dialect(), op, style);
}

}  // namespace retort::sqlite
