// Equality of reflected and model schema objects, as autogenerate needs it: tolerant of the
// spellings databases give back (PostgreSQL casts and parentheses, MySQL's RESTRICT for "no
// action"), because a false difference shows up in every generated revision.
#pragma once

#include <string>
#include <vector>

#include "retort/metadata.hpp"

namespace retort::autogen {

// SQL text of an index expression or WHERE clause, reduced for comparison: casts, parentheses
// and whitespace dropped, case folded outside quoted literals.
std::string normalize_sql(const std::string& s);

// Same uniqueness, elements (in order) and WHERE clause.
bool indexes_equal(const Index& reflected, const Index& model);

// A unique index on plain columns with no WHERE: the same thing as a UNIQUE constraint.
bool plain_unique(const Index& ix);

// The element texts of an index.
std::vector<std::string> columns_of(const Index& ix);

// Same columns, referred table and columns, actions; deferrable/initially when the model says.
bool fks_equal(const ForeignKey& reflected, const ForeignKey& model);

}  // namespace retort::autogen
