// Reflection of views, materialized views, functions, procedures and triggers
// (inspect_objects.cpp): one catalog query per kind of object for all the schemas asked for.
#pragma once

#include "dialect/dialect.hpp"

namespace retort::mysql {

// Appends the replaceable objects of options.schemas (empty: the default schema) to md.objects,
// each kind in creation order.
void inspect_objects(Connection& conn, const InspectOptions& options, MetaData& md);
// Appends the sequences of options.schemas (MariaDB 10.3+) to md.sequences
// (inspect_sequences.cpp).
void inspect_sequences(Connection& conn, const InspectOptions& options, MetaData& md);

}  // namespace retort::mysql
