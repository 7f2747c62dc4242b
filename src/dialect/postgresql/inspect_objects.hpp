// Reflection of views, materialized views, functions, procedures and triggers
// (inspect_objects.cpp): one catalog query per kind of object for all the schemas asked for.
#pragma once

#include "dialect/dialect.hpp"

namespace retort::postgresql {

// Appends the replaceable objects of options.schemas (empty: the default schema) to md.objects,
// each kind in creation order.
void inspect_objects(Connection& conn, const InspectOptions& options, MetaData& md);

// Appends the domains of options.schemas (empty: the default schema) to md.domains, in creation
// order (inspect_domains.cpp).
void inspect_domains(Connection& conn, const InspectOptions& options, MetaData& md);
// Appends the database's extensions but plpgsql to md.extensions (inspect_domains.cpp).
void inspect_extensions(Connection& conn, MetaData& md);
// Appends the sequences of options.schemas (empty: the default schema) to md.sequences, in
// creation order, but those of identity columns (inspect_sequences.cpp). Each states only the
// options that differ from the defaults; owned_by is "table.column" ("schema.table.column"
// outside the default schema).
void inspect_sequences(Connection& conn, const InspectOptions& options, MetaData& md);

}  // namespace retort::postgresql
