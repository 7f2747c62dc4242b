// Naming conventions: the names retort gives to constraints and indexes a script or model left
// unnamed, and the move of column-level sugar (unique=, index=, ForeignKey) to table level.
//
// Pure functions over the schema model, no I/O and no Lua. The tokens are SQLAlchemy's
// (https://docs.sqlalchemy.org/en/20/core/constraints.html#configuring-constraint-naming-conventions)
// plus the short forms %(table)s, %(column_0)s, %(referred_table)s. Unlike SQLAlchemy, a name the
// user wrote is always used as written: the convention only names what has no name, so a name
// reflected from a database and rendered back into a script round-trips unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retort/metadata.hpp"

namespace retort {

// The name the convention gives an object of `kind` ("pk", "fk", "uq", "ix", "ck") on `table`
// over `columns` (fk: the local columns; ix: column names or expression texts), referring to
// `referred_table` (fk only). `constraint_name` fills %(constraint_name)s. Throws Error(Script)
// when the pattern needs %(constraint_name)s and it is empty (a check constraint without a
// name), needs a column the object does not have, or holds an unknown token. A kind without a
// pattern falls back to "<kind>_<table>_<column_0>" (pk: "pk_<table>").
std::string constraint_name(const NamingConvention& convention, std::string_view kind,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& referred_table, const std::string& constraint_name);

// The stand-in for %(constraint_name)s (and %(column_0)s) of a check constraint the script left
// unnamed: the first column its SQL names ("age >= 0" -> "age"; "length(name) > 0" -> "name"),
// or, when it names none, 8 hex digits hashed from the text.
std::string check_token(const std::string& sqltext);

// The convention's name for an unnamed check constraint on `table`: constraint_name("ck", ...)
// with check_token(sqltext) as the constraint name and column ("ck_users_age").
std::string check_name(const NamingConvention& convention, const std::string& table,
                       const std::string& sqltext);

// The convention's name for `index` on `table`: constraint_name("ix", ...) over its elements,
// where an expression element stands in as its identifier characters ("lower(email)" ->
// "lower_email").
std::string index_name(const NamingConvention& convention, const std::string& table,
                       const Index& index);

// Moves column sugar to table level and names everything unnamed:
//   Column::primary_key -> Table::primary_key (columns in column order; NOT NULL), or, when the
//     table already has a PrimaryKey, marks its columns primary_key + NOT NULL;
//   Column::unique -> UniqueConstraint; Column::index -> Index (unique when unique is also set,
//     as SQLAlchemy does); Column::foreign_keys -> Table::foreign_keys with columns = {column}.
// Afterwards columns keep primary_key but have unique=false, index=false, no foreign_keys.
// Throws Error(Script) for a column flagged primary_key outside an explicit PrimaryKey, or a
// convention that cannot name something (see constraint_name).
void normalize_table(Table& table, const NamingConvention& convention);

}  // namespace retort
