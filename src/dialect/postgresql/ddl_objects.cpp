// PostgresDdlCompiler: views, materialized views, functions, procedures and triggers
// (replaceable_ddl.hpp). Functions and procedures are replaced with CREATE OR REPLACE, which keeps
// the triggers and views that use them; views are dropped and created again, since CREATE OR
// REPLACE VIEW cannot drop, rename or retype a column; triggers are dropped (ON their table) and
// created again. All of it inside the run's transaction. Aggregates are created as their CREATE
// AGGREGATE, replaced with CREATE OR REPLACE AGGREGATE and dropped with DROP ROUTINE (which needs
// no argument list). Functions and procedures are created and replaced with
// check_function_bodies off, as pg_dump does: PostgreSQL would otherwise check a LANGUAGE sql
// body at once, and refuse a function that calls one created after it; the setting is back to
// its default right after.
#include "dialect/postgresql/ddl.hpp"
#include "dialect/postgresql/postgresql_dialect.hpp"
#include "dialect/replaceable_ddl.hpp"

namespace retort::postgresql {
namespace {

const ReplaceableDdl& style() {
  static const ReplaceableDdl s = [] {
    ReplaceableDdl r;
    r.database = "PostgreSQL";
    r.kinds = {ObjectKind::View,      ObjectKind::MaterializedView, ObjectKind::Function,
               ObjectKind::Procedure, ObjectKind::Trigger,          ObjectKind::Aggregate};
    r.routine_or_replace = true;
    r.trigger_drop_on_table = true;
    return r;
  }();
  return s;
}

bool is_routine(const ReplaceableObject& o) {
  return o.kind == ObjectKind::Function || o.kind == ObjectKind::Procedure;
}

}  // namespace

void PostgresDdlCompiler::add(const ops::CreateObject& op) {
  if (is_routine(op.object)) emit("SET check_function_bodies = off");
  for (auto& s : compile_replaceable(postgresql_dialect(), op, style())) out_.push_back(s);
  if (is_routine(op.object)) emit("RESET check_function_bodies");
}
void PostgresDdlCompiler::add(const ops::ReplaceObject& op) {
  if (is_routine(op.object)) emit("SET check_function_bodies = off");
  for (auto& s : compile_replaceable(postgresql_dialect(), op, style())) out_.push_back(s);
  if (is_routine(op.object)) emit("RESET check_function_bodies");
}
void PostgresDdlCompiler::add(const ops::DropObject& op) {
  for (auto& s : compile_replaceable(postgresql_dialect(), op, style())) out_.push_back(s);
}

}  // namespace retort::postgresql
