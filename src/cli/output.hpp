// How the CLI prints revisions and migration steps: the Alembic formats, text and JSON.
//
// Pure functions from library values to strings, so every format lives in one place and
// docs/commands.md can be checked against it.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "retort/migrator.hpp"
#include "retort/scripts.hpp"

namespace retort::cli {

// What a revision line shows besides the revision itself.
struct LineStyle {
  bool parents = false;  // "9a8b7c6d5e4f -> " before the id (history)
  bool branches = true;  // " (label)" after the id
  bool tree = true;      // " (branchpoint)", " (mergepoint)"
  bool doc = false;      // ", message" at the end
  bool current = false;  // " (current)": this revision is in the version table
};

// "9a8b7c6d5e4f -> 3f2a1b9c8d7e (head), add avatar_url ..." — Alembic's one-line form.
std::string revision_line(const RevisionInfo& r, const LineStyle& style);

// Alembic's verbose block (history -v, show, heads -v, current -v): "Rev: ...", "Parent: ...",
// "Path: ...", then the docstring indented by four spaces. `children` are the revisions a branch
// point branches into; ends with an empty line.
std::string revision_block(const RevisionInfo& r, const std::vector<std::string>& children,
                           bool current);

// "<base>" or the parents joined with ", ".
std::string format_parents(const RevisionInfo& r);

// "upgrade 9a8b7c6d5e4f -> 3f2a1b9c8d7e, add avatar_url ... (12.3 ms)"; "stamp base -> ...".
// `verb` is "upgrade", "downgrade" or "stamp"; `timed` adds the elapsed time.
std::string step_line(const std::string& verb, const StepReport& step, bool timed);

// "3f2a1b9c8d7e" or "a, b", "base" when empty.
std::string revisions_or_base(const std::vector<std::string>& revs);

// The JSON object for one revision (history, heads, branches, show).
nlohmann::ordered_json revision_json(const RevisionInfo& r);

}  // namespace retort::cli
