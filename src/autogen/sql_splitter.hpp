// split_sql_statements — an SQL script (schema.sql) as the statements to execute one by one.
//
// Not a parser: it finds the top-level statement ends. It knows quotes ('..', "..", `..`, with
// the quote doubled inside), comments (-- to end of line, /* */), PostgreSQL dollar quotes ($$
// and $tag$), BEGIN ... END bodies of CREATE TRIGGER / PROCEDURE / FUNCTION / EVENT (SQLite and
// MySQL triggers), and the client-side commands that dump tools write: MySQL's `DELIMITER x`
// (statements then end at x, as in the mysql client) and psql's backslash meta-commands (a line
// starting with \ between statements, such as pg_dump's \restrict; dropped, since none of them
// is SQL). MySQL's executable comments (/*!40101 ... */, /*M!... */) are statement text, not
// comments: the server runs them. It does not know backslash escapes in strings. Pure; never
// throws.
#pragma once

#include <string>
#include <vector>

namespace retort::autogen {

struct SqlStatement {
  std::string text;  // trimmed, from its first token, without the delimiter
  int line = 1;      // 1-based line of the script where `text` starts
};

// The statements of `sql`; empty ones (and comment-only ones) are dropped. Comments before a
// statement are not part of it; comments inside it are kept.
std::vector<SqlStatement> split_sql_script(const std::string& sql);

// The same, the texts only.
std::vector<std::string> split_sql_statements(const std::string& sql);

}  // namespace retort::autogen
