// split_sql_statements — an SQL script (schema.sql) as the statements to execute one by one.
//
// Not a parser: it finds the top-level semicolons. It knows quotes ('..', "..", `..`, with the
// quote doubled inside), comments (-- to end of line, /* */), PostgreSQL dollar quotes ($$ and
// $tag$), and BEGIN ... END bodies of CREATE TRIGGER / PROCEDURE / FUNCTION / EVENT (SQLite and
// MySQL triggers). It does not know MySQL's client-side DELIMITER command or backslash escapes
// in strings. Pure; never throws.
#pragma once

#include <string>
#include <vector>

namespace retort::autogen {

// The statements, trimmed, without their final semicolon; empty ones (and comment-only ones)
// are dropped. Comments inside a statement are kept.
std::vector<std::string> split_sql_statements(const std::string& sql);

}  // namespace retort::autogen
