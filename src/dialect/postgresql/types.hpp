// PostgreSQL type mapping: retort::Type -> DDL type text, and format_type() text -> retort::Type.
//
// Choices (docs: https://www.postgresql.org/docs/15/datatype.html):
//  - JSON compiles to JSONB: it is what applications want on PostgreSQL (indexable, compact,
//    keys deduplicated); a `json` column reflects as Native("json") so the two stay distinct.
//  - Float(p) compiles to FLOAT(p), which PostgreSQL stores as REAL (p <= 24) or DOUBLE
//    PRECISION; Float() without precision is DOUBLE PRECISION. REAL reflects as Float(24).
//  - Enum compiles to a named type (CREATE TYPE ... AS ENUM), created by the DDL compiler.
//  - Anything else PostgreSQL has (arrays, tsvector, timestamp(3), char(n), ...) is Native and
//    passes through as written.
#pragma once

#include <string>
#include <string_view>

#include "retort/metadata.hpp"

namespace retort::postgresql {

// "x" with embedded double quotes doubled.
std::string quote_identifier(std::string_view ident);
// 'x' with embedded single quotes doubled (standard_conforming_strings is on since 9.1).
std::string quote_string(std::string_view text);

// The enum type's name as DDL writes it: quoted, qualified with `schema` when it is set.
std::string enum_type_sql(const Type& type, std::string_view schema);

// The type as DDL writes it. `schema` qualifies enum type names. Error(Script) for an Enum
// without a name (PostgreSQL enums are named types).
std::string type_sql(const Type& type, std::string_view schema = {});

// True for Integer, BigInteger, SmallInteger.
bool is_integer_type(const Type& type);

// A type from the text format_type(atttypid, atttypmod) gives. Enums are recognised by the
// caller (it knows pg_type.typtype) and built with enum_type().
Type type_from_format(std::string_view formatted);
Type enum_type(std::string name, std::vector<std::string> values);

}  // namespace retort::postgresql
