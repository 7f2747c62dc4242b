// UTF-8 checks for values on their way to a database whose text type requires it.
#pragma once

#include <string_view>

namespace retort {

// Is `s` well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF)?
bool valid_utf8(std::string_view s);

}  // namespace retort
