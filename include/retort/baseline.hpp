// retort::baseline — `retort baseline`: adopt a database that already has a schema.
//
// For a project started on an existing database: reflects the configured database, writes a
// first revision whose upgrade() creates that schema (autogenerate against an empty schema) and
// whose downgrade() drops it, and stamps the database with it, so `upgrade head` has nothing to
// do there and a new database gets the same schema from the revision. Refuses (Error(Usage))
// a project that already has revisions, a database whose version table already holds a row, and
// a database with no tables. Thread-safety: a free function with its own connections.
#pragma once

#include <string>

#include "retort/config.hpp"
#include "retort/export.hpp"
#include "retort/scripts.hpp"

namespace retort {

// The revision written (and stamped).
RETORT_EXPORT RevisionInfo baseline(const Config& config, const std::string& message);

}  // namespace retort
