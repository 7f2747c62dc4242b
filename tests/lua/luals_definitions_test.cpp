// The LuaLS definitions `retort init` writes (src/lua/luals_definitions.cpp) against the API the
// real modules register: every function of op, sa, the batch object, the bind object and
// context has a definition, and every definition names a function that exists. Adding an op.*
// or sa.* function without its `---@` definition fails here, naming it.
#include "lua/luals_definitions.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "collecting_sink.hpp"
#include "dialect/dialect.hpp"
#include "dialect/url.hpp"
#include "lua/lua_support.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"

namespace retort {
namespace {

using Names = std::set<std::string>;

// The keys of a module's real table: the proxy's metatable's __index is a closure whose first
// upvalue is that table (lua_support.cpp, make_module_proxy).
void module_keys(lua_State* L, const std::string& owner, Names& out) {
  ASSERT_TRUE(lua_getmetatable(L, -1)) << owner << " is not a module proxy";
  lua_getfield(L, -1, "__index");
  ASSERT_NE(lua_getupvalue(L, -1, 1), nullptr) << owner;
  ASSERT_EQ(lua_type(L, -1), LUA_TTABLE) << owner;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    lua_pop(L, 1);
    out.insert(owner + "." + lua_tostring(L, -1));
  }
  lua_pop(L, 3);
}

class PrintingSink : public test::CollectingSink {
 public:
  void print(std::string_view line) override { printed += line; }
  std::string printed;
};

// What a running script sees of the batch object, the bind object and context.
Names runtime_names() {
  static const char* const kScript = R"(function upgrade()
  op.batch_alter_table("t", function(batch)
    for k in pairs(batch) do print("Batch." .. k) end
  end)
  for k in pairs(getmetatable(op.get_bind()).__index) do print("Bind." .. k) end
  for k in pairs(context) do print("context." .. k) end
end
)";
  auto conn = find_dialect("sqlite").connect(Url::parse("sqlite://"));
  PrintingSink sink;
  sink.connection = conn.get();
  ScriptRunner runner;
  ScriptContext ctx;
  ctx.dialect = "sqlite";
  runner.run({"names.lua", kScript}, "upgrade", sink, ctx);
  Names out;
  std::istringstream lines(sink.printed);
  for (std::string line; std::getline(lines, line);) out.insert(line);
  return out;
}

Names registered_names() {
  lua_State* L = luaL_newstate();
  lua::RunState state;  // the modules keep per-run state (sa's metatable), as in a real run
  lua::set_run_state(L, &state);
  Names out;
  lua::push_op_module(L);
  module_keys(L, "op", out);
  lua_settop(L, 0);
  lua::push_sa_module(L);
  module_keys(L, "sa", out);
  lua_close(L);
  Names more = runtime_names();
  out.insert(more.begin(), more.end());
  return out;
}

// `function owner.name(` / `function Owner:name(`, `owner.name = ` and the `---@field`s of the
// classes of objects a script is handed.
Names defined_names() {
  static const std::regex function_re(R"(^function (\w+)[.:](\w+)\()");
  static const std::regex value_re(R"(^(\w+)\.(\w+) = )");
  static const std::regex class_re(R"(^---@class (\S+))");
  static const std::regex field_re(R"(^---@field (\w+))");
  const std::map<std::string, std::string> objects = {
      {"retort.Batch", "Batch"}, {"retort.Bind", "Bind"}, {"retort.Context", "context"}};
  Names out;
  std::string owner;  // the object class whose fields are being read
  std::istringstream lines{std::string(lua::luals_definitions())};
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_search(line, m, class_re)) {
      auto it = objects.find(m[1]);
      owner = it == objects.end() ? "" : it->second;
    } else if (std::regex_search(line, m, field_re)) {
      if (!owner.empty()) out.insert(owner + "." + m[1].str());
    } else if (line.rfind("---", 0) != 0) {
      owner.clear();
    }
    if (std::regex_search(line, m, function_re) || std::regex_search(line, m, value_re))
      out.insert(m[1].str() + "." + m[2].str());
  }
  return out;
}

std::string list(const Names& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

TEST(LualsDefinitionsTest, EveryRegisteredFunctionIsDefinedAndEveryDefinitionIsRegistered) {
  const Names registered = registered_names();
  const Names defined = defined_names();
  // Sanity: the walk found the API, so an empty set never passes.
  ASSERT_TRUE(registered.count("op.add_column") && registered.count("sa.Column") &&
              registered.count("Batch.add_column") && registered.count("Bind.execute") &&
              registered.count("context.dialect"))
      << list(registered);
  Names missing, extra;
  for (const auto& n : registered)
    if (!defined.count(n)) missing.insert(n);
  for (const auto& n : defined)
    if (!registered.count(n)) extra.insert(n);
  EXPECT_TRUE(missing.empty())
      << "registered in the Lua API but not defined in src/lua/luals_definitions.cpp (add a "
         "`---@` definition for each): "
      << list(missing);
  EXPECT_TRUE(extra.empty())
      << "defined in src/lua/luals_definitions.cpp but not registered by the Lua API (remove or "
         "rename): "
      << list(extra);
}

TEST(LualsDefinitionsTest, DefinitionsAreLuaThatCompiles) {
  lua_State* L = luaL_newstate();
  const std::string_view text = lua::luals_definitions();
  int status = luaL_loadbufferx(L, text.data(), text.size(), "=retort.lua", "t");
  std::string error = status == LUA_OK ? "" : lua_tostring(L, -1);
  lua_close(L);
  EXPECT_EQ(error, "");
  EXPECT_EQ(text.substr(0, 15), "---@meta retort");
}

}  // namespace
}  // namespace retort
