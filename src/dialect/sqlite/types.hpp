// SQLite type mapping: generic Type -> declared column type, and back for the inspector.
//
// SQLite is dynamically typed: a declared type only chooses the column's affinity
// (sqlite.org/datatype3.html), so the declaration is kept for humans and for other tools.
// The reverse mapping returns a generic Type only when that Type renders back to the very same
// declaration; anything else comes back as Type{Native} holding the text as written, so a table
// rebuild never rewrites a column's declared type.
#pragma once

#include <string>
#include <string_view>

#include "retort/metadata.hpp"

namespace retort::sqlite {

// The declared type for a column: INTEGER, VARCHAR(120), NUMERIC(10, 2), ... ("" for an untyped
// Native column).
std::string type_sql(const Type& type);

// The generic type for a declared type as pragma_table_info reports it.
Type type_from_declaration(std::string_view declared);

}  // namespace retort::sqlite
