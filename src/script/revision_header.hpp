// Reading the header of a revision script — only what the revision graph needs — without Lua.
//
// `retort heads` on a project with thousands of revisions must start in milliseconds, so the
// header is read by hand: the leading comment block (the docstring) and the top-level
// assignments `revision`, `down_revision`, `branch_labels` and `depends_on` (and `squashes`,
// `squashed_checksum`, which `retort squash` writes), stopping at the first `function`. The values
// must be literals: nil, a string ("x" or 'x') or a table of strings ({"a", "b"}). Anything else is
// Error(Script) with file:line; a file with no `revision = "..."` line is Error(Graph). The format
// is described in docs/revisions.md.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "retort/scripts.hpp"

namespace retort {

// Parses the header of `source`; `name` is what messages call the file and what lands in
// RevisionInfo::path. The is_* flags are left false (they need the whole graph).
RevisionInfo parse_revision_header(std::string_view source, const std::string& name);

// Reads `file` (only as far as the first `function`, for large files) and parses its header.
// Error(Config) if the file cannot be read.
RevisionInfo read_revision_header(const std::filesystem::path& file);

// Same for `name` inside the open directory `dir_fd` (cheaper path lookups when reading a
// whole directory); `display` is the path messages and RevisionInfo::path show. With `text`,
// the whole file is read and left there.
RevisionInfo read_revision_header_at(int dir_fd, const char* name, const std::string& display,
                                     std::string* text = nullptr);

}  // namespace retort
