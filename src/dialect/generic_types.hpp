// The generic type mapping: retort::Type -> the column type most SQL databases spell the same
// way. Each dialect's types.cpp (type_sql / render_type) handles the kinds it spells otherwise and
// hands the rest here, so a new dialect writes only its differences.
#pragma once

#include <string>

#include "retort/metadata.hpp"

namespace retort {

// INTEGER, BIGINT, SMALLINT, VARCHAR(n) (VARCHAR without a length), TEXT, BOOLEAN, DATE,
// DATETIME, TIME, NUMERIC(p, s), FLOAT(p), BLOB, JSON, UUID; an Enum as a VARCHAR as long as its
// longest value (no native enum type); a Native type as written.
std::string generic_type_sql(const Type& type);

}  // namespace retort
