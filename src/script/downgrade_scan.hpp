// Which Lua revisions define no downgrade(), read from their text without running them, so
// `retort check` can warn about them as `upgrade` does (lua/script_runner.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "script/script_directory.hpp"

namespace retort {

// Does the Lua text define downgrade (`function downgrade(`, `downgrade = function`)? A textual
// test: a definition only inside a comment or a string still counts, which errs on the side of
// no warning.
bool defines_downgrade(std::string_view lua);

// The paths of the Lua revisions of `dir` that do not define downgrade(), in file order (SQL
// revisions are left out: their downgrade section is optional by design).
std::vector<std::string> revisions_without_downgrade(const ScriptDirectory& dir);

}  // namespace retort
