// Plain SQL revisions: a `.sql` file whose header is SQL comments and whose body is two
// sections of statements.
//
//   -- add avatar_url to usuarios
//   --
//   -- Create Date: 2026-11-24 10:00:00
//   --
//   -- revision: 3f2a1b9c8d7e
//   -- down_revision: 9a8b7c6d5e4f
//   -- branch_labels:
//   -- depends_on:
//
//   -- retort:upgrade
//   ALTER TABLE usuarios ADD COLUMN avatar_url VARCHAR(255);
//
//   -- retort:downgrade
//   ALTER TABLE usuarios DROP COLUMN avatar_url;
//
// The header mirrors the Lua one (revision_header.hpp): the leading comment block is the
// docstring (its first line the message; `Revision ID:`, `Revises:` and `Create Date:` lines
// as in Lua), and the four fields are `-- name: value` lines, a value being empty or `nil` (none),
// one id, or ids separated by commas. Reading stops at the first line that is not a comment.
// The format is described in docs/revisions.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retort/scripts.hpp"

namespace retort {

// True for a file name that holds a plain SQL revision (ends with ".sql").
bool is_sql_revision(std::string_view name);

// The header of a SQL revision; `name` is what messages call the file. Error(Script) with
// file:line for a malformed field; Error(Graph) when there is no `-- revision:` line.
RevisionInfo parse_sql_revision_header(std::string_view source, const std::string& name);

// The text of the `-- retort:upgrade` or `-- retort:downgrade` section (`section` is "upgrade"
// or "downgrade"): from the line after the marker to the next marker or the end. nullopt when
// the file has no such section. Error(Script) with file:line for an unknown `-- retort:` marker
// or a section given twice. `first_line` receives the line number the section starts on.
std::optional<std::string> sql_revision_section(std::string_view source, const std::string& name,
                                                const std::string& section,
                                                size_t* first_line = nullptr);

// "a, b" for a header field; "" for none.
std::string sql_list_literal(const std::vector<std::string>& values);

// The built-in template of `retort revision --sql` (also what `retort init` writes as
// script.sql.tmpl).
extern const char* const kDefaultSqlRevisionTemplate;

}  // namespace retort
