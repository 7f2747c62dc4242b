// apply() — what an op does to the schema model, without a database.
//
// Used where there is no live database to ask: offline (--sql) runs on dialects without a
// scratch database track the schema by applying each op to a MetaData, so a later op that needs
// a column's current definition (MySQL MODIFY) can still find it. Execute (raw SQL) and
// BulkInsert leave the model unchanged.
#pragma once

#include "ops/ops.hpp"
#include "retort/metadata.hpp"

namespace retort::ops {

// Applies `op` to `schema`. Ops on tables the model does not know are ignored (the model only
// knows what earlier ops built).
void apply(MetaData& schema, const Op& op);

// Applies one batch op to one table.
void apply(Table& table, const BatchOp& op);

}  // namespace retort::ops
