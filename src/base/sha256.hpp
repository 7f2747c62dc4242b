// SHA-256 (FIPS 180-4), for the checksums of revision scripts (docs/design/version-table.md).
// Ground floor (src/base/): the standard library only. No dependency retort links provides a
// hash (SQLite, libpq, Connector/C and Lua keep theirs private), so it is written out here; the
// FIPS test vectors are in tests/base/sha256_test.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace retort {

// The 32-byte digest of `data`.
std::array<std::uint8_t, 32> sha256(std::string_view data);
// The same as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace retort
