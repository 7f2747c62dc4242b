// PostgresDdlCompiler: views, materialized views, functions, procedures and triggers
// (replaceable_ddl.hpp). Functions and procedures are replaced with CREATE OR REPLACE, which keeps
// the triggers and views that use them; views are dropped and created again, since CREATE OR
// REPLACE VIEW cannot drop, rename or retype a column; triggers are dropped (ON their table) and
// created again. All of it inside the run's transaction.
#include "dialect/postgresql/ddl.hpp"
#include "dialect/postgresql/postgresql_dialect.hpp"
#include "dialect/replaceable_ddl.hpp"

namespace retort::postgresql {
namespace {

const ReplaceableDdl& style() {
  static const ReplaceableDdl s = [] {
    ReplaceableDdl r;
    r.database = "PostgreSQL";
    r.kinds = {ObjectKind::View, ObjectKind::MaterializedView, ObjectKind::Function,
               ObjectKind::Procedure, ObjectKind::Trigger};
    r.routine_or_replace = true;
    r.trigger_drop_on_table = true;
    return r;
  }();
  return s;
}

}  // namespace

void PostgresDdlCompiler::add(const ops::CreateObject& op) {
  for (auto& s : compile_replaceable(postgresql_dialect(), op, style())) out_.push_back(s);
}
void PostgresDdlCompiler::add(const ops::ReplaceObject& op) {
  for (auto& s : compile_replaceable(postgresql_dialect(), op, style())) out_.push_back(s);
}
void PostgresDdlCompiler::add(const ops::DropObject& op) {
  for (auto& s : compile_replaceable(postgresql_dialect(), op, style())) out_.push_back(s);
}

}  // namespace retort::postgresql
