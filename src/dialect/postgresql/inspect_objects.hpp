// Reflection of views, materialized views, functions, procedures and triggers
// (inspect_objects.cpp): one catalog query per kind of object for all the schemas asked for.
#pragma once

#include "dialect/dialect.hpp"

namespace retort::postgresql {

// Appends the replaceable objects of options.schemas (empty: the default schema) to md.objects,
// each kind in creation order.
void inspect_objects(Connection& conn, const InspectOptions& options, MetaData& md);

}  // namespace retort::postgresql
