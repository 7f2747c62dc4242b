// The checksum of a revision script, as the history table stores it (docs/design/version-table.md,
// "Checksums"): SHA-256 over the script's normal form, written "sha256:<64 hex digits>" so that a
// later algorithm can be told apart from this one in rows already stored.
//
// Normal form: the file's bytes (UTF-8) without a leading byte-order mark, with every CRLF and
// every lone CR turned into LF. Nothing else changes: trailing spaces, a final newline, comments
// all count. The path is not part of it, so moving a file to another version folder keeps its
// checksum.
#pragma once

#include <string>
#include <string_view>

namespace retort {

// The normal form of a script's text (see above).
std::string checksum_normal_form(std::string_view text);
// "sha256:" + SHA-256 of the normal form, lower-case hex.
std::string script_checksum(std::string_view text);

}  // namespace retort
