// retort::squash — `retort squash A:B`: fold a run of revisions into one.
//
// The run A..B (B and the revisions below it down to A, one line of the graph with no branch
// point, merge or depends_on inside it) becomes one revision that keeps B's id and A's parent
// (P, or base). Its upgrade() is autogenerate's difference between the schema at P and the
// schema at B, both reflected from a scratch database of the project's dialect that the old
// files were upgraded on (the same scratch as `retort test`); its downgrade() is the reverse.
// The header lists the revisions folded in (`squashes`) and the checksum of B's old file
// (`squashed_checksum`), so a database at or past B continues unchanged (`verify` and
// `upgrade` accept the checksum it recorded), and one at a revision folded in is told to upgrade
// to B with the old files first. The old files are removed (version control keeps them).
//
// Statements a script runs itself (op.execute, bulk_insert, get_bind(), a SQL revision's data
// statements) are not carried over: each such revision is named in the warnings and in the new
// file's header. Nothing is written when a refusal is thrown (Error(Usage)): a range that is not
// A:B, an unknown revision, B not above A on one line, a branch point or merge inside the run,
// depends_on into or out of it. Thread-safety: a free function with its own connections.
#pragma once

#include <string>
#include <vector>

#include "retort/config.hpp"
#include "retort/export.hpp"
#include "retort/scripts.hpp"

namespace retort {

struct SquashResult {
  RevisionInfo revision;              // the file written (B's id, A's parent)
  std::vector<std::string> removed;   // the files removed, oldest first (B's old file included)
  std::vector<std::string> warnings;  // data statements left out, what autogenerate could not say
};

// `range` is "A:B" (ids, partial ids, labels, head); `message` the new revision's message
// (empty: "squash of A..B").
RETORT_EXPORT SquashResult squash(const Config& config, const std::string& range,
                                  const std::string& message);

}  // namespace retort
