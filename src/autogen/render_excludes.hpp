// Exclusion constraints rendered to Lua (render.cpp's helpers for PostgreSQL's EXCLUDE).
// Internal to autogen/.
#pragma once

#include "autogen/lua_writer.hpp"
#include "ops/ops.hpp"

namespace retort::autogen {

// sa.ExcludeConstraint({ "room", "=" }, { sa.text("tsrange(a, b)"), "&&" }, { name, ... }): a
// table item of op.create_table, and the `existing` of a drop.
lua::Node exclude_constraint_node(const ExcludeConstraint& c);

// op.create_exclude_constraint(name, table, { { "room", "=" }, ... }, { schema, using, ... }).
lua::Node create_exclude_node(const ops::CreateExcludeConstraint& o);

}  // namespace retort::autogen
