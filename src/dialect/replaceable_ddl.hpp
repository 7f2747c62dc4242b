// DDL for replaceable objects (views, materialized views, functions, procedures, triggers),
// shared by the dialects' compilers: each says, in a ReplaceableDdl, which kinds its database
// has and how it replaces one; the statements are otherwise the same SQL everywhere.
//
//  - create_view / create_materialized_view: CREATE [MATERIALIZED] VIEW name AS <select>. A
//    materialized view's definition may go on, after a `;`, with the CREATE INDEX statements of
//    its indexes (as the PostgreSQL inspector writes them), run after it; they go with its drop.
//  - create_function / procedure / trigger: the definition (a whole CREATE statement) as written.
//  - replace_*: CREATE OR REPLACE where the database has it for that kind (see the fields below),
//    else DROP then CREATE; a replaced materialized view is filled again from its new query.
//  - drop_*: DROP <kind> name (PostgreSQL triggers: ON their table).
// A kind the database lacks is Error(Script) naming the op and the database.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort {

struct ReplaceableDdl {
  const char* database = "";           // "SQLite", for messages
  std::set<ObjectKind> kinds;          // the kinds this database has
  bool view_or_replace = false;        // CREATE OR REPLACE VIEW changes any view (MariaDB)
  bool routine_or_replace = false;     // CREATE OR REPLACE FUNCTION / PROCEDURE
  bool trigger_or_replace = false;     // CREATE OR REPLACE TRIGGER
  bool trigger_drop_on_table = false;  // DROP TRIGGER name ON table (PostgreSQL)
  std::string offline_delimiter;       // see Statement::offline_delimiter (MySQL)
  // MySQL: a view's definition may start with a line of the characteristics that go before
  // VIEW ("SQL SECURITY INVOKER"), as the inspector writes them; they are written there.
  bool view_head = false;
  // MySQL: a routine's or trigger's definition may start with `SET sql_mode = '...';`, the mode
  // it runs under (the inspector writes it where it is not the server's default, as mysqldump
  // does); the session's sql_mode is set for its CREATE and restored right after.
  bool routine_sql_mode = false;
};

// The statements of a CreateObject, ReplaceObject or DropObject; an empty list for other ops.
std::vector<Statement> compile_replaceable(const Dialect& dialect, const ops::Op& op,
                                           const ReplaceableDdl& style);

// `definition` without trailing whitespace and `;`.
std::string trim_definition(std::string definition);

// `definition` (CREATE ...) as CREATE OR REPLACE ..., unless it says so already.
std::string or_replace(const std::string& definition);

}  // namespace retort
