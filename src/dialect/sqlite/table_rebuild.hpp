// TableRebuild: SQLite's recipe for the schema changes ALTER TABLE cannot make
// (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
//
// The current table is reflected through the SchemaView, the batch's ops are applied to that
// model, and the compiled statements are, in order:
//   DROP VIEW / DROP TRIGGER   for the views and triggers that mention the table (saved first)
//   CREATE TABLE "_retort_tmp_<t>" (the new definition, constraint names kept)
//   INSERT INTO "_retort_tmp_<t>" (...) SELECT ... FROM "<t>"   (every row; renamed columns
//                                mapped, dropped ones omitted; rowids kept when not a column)
//   DELETE FROM / INSERT INTO sqlite_sequence   the AUTOINCREMENT counter, when there is one
//   DROP TABLE "<t>"
//   ALTER TABLE "_retort_tmp_<t>" RENAME TO "<t>"
//   CREATE INDEX ...           the table's indexes, by the model
//   the saved CREATE TRIGGER / CREATE VIEW statements, as they were written
//   PRAGMA foreign_key_check("<t>") and for each table whose foreign keys refer to <t>: the
//                                connection raises an error when it reports a violation.
// Values are copied as they are, without CAST: SQLite applies the new column's affinity on
// INSERT, which converts exactly when the conversion loses nothing (sqlite.org/datatype3.html),
// so no row changes meaning and nothing is silently truncated. The runtime runs all of it in the
// migration's transaction with foreign key enforcement off, as the recipe requires.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::sqlite {

std::vector<Statement> rebuild_table(const ops::BatchAlterTable& batch, SchemaView& schema);

// Does the index use `column`, as an element or inside an expression or its WHERE clause?
bool index_uses_column(const Index& index, const std::string& column);

}  // namespace retort::sqlite
