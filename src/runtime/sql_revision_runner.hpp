// Running a plain SQL revision (script/sql_revision.hpp): the statements of its upgrade or
// downgrade section, one ops::Execute each, through the same OperationSink as a Lua script's
// ops, so online runs, --sql output, transactions and the version table are the same.
//
// The data-loss guard cannot see into arbitrary SQL. It sees the statements whose effect on
// data is plain from their text: `DROP TABLE name [, name]` and `ALTER TABLE name DROP [COLUMN]
// col` (with IF EXISTS, ONLY, CASCADE or RESTRICT too). Those are announced to the sink
// (OperationSink::guard_sql) before they are emitted, unless a `-- retort:allow-data-loss` line
// precedes the statement. DELETE, TRUNCATE, UPDATE, a type change and everything else run
// unguarded (docs/revisions.md says so).
#pragma once

#include <string>
#include <vector>

#include "lua/script_runner.hpp"

namespace retort {

// What a statement destroys, as the guard sees it.
struct SqlDrop {
  ops::TableRef table;
  std::string column;  // empty: the whole table
};

// The tables and columns `statement` drops (empty when the guard cannot tell). An unquoted
// name is given both as written and in lower case (how PostgreSQL folds it) when the two
// differ.
std::vector<SqlDrop> sql_drops(const std::string& statement);

// Runs `script`'s upgrade (or downgrade) section into `sink`. Error(Script) naming the file
// when the section is missing.
void run_sql_revision(const ScriptText& script, bool upgrade, OperationSink& sink);

}  // namespace retort
