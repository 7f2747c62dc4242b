// Type definitions of the scripting API (`op`, `sa`, `context`, the batch and bind objects) for
// the Lua language server (LuaLS), which `retort init` writes as DIR/.luals/retort.lua so editors
// complete and check revision scripts and models. Hand-written (they carry types and docs the C++
// cannot give); tests/lua/luals_definitions_test.cpp loads the real modules and fails, naming
// each function, when a registered function has no definition here or a definition has no
// function. No Lua header is needed to include this one.
#pragma once

#include <string_view>

namespace retort::lua {

// The text of retort.lua (LuaLS `---@meta` annotations).
std::string_view luals_definitions();

}  // namespace retort::lua
