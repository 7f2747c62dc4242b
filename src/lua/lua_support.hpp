// Helpers shared by the Lua modules of the bridge: run state, error positions, argument and
// options checking. Internal to src/lua/ (the only place that includes lua.hpp).
//
// Lua here is built as C++: lua_error() throws, so C++ destructors run when a script error
// unwinds through our functions. Every C function we hand to Lua is wrapped by guarded<>, which
// turns a std::exception from our own code into a Lua error carrying the script's file:line;
// exceptions from the OperationSink are instead parked in RunState::pending and rethrown
// unchanged by ScriptRunner once Lua has unwound (lua_pcall would otherwise swallow them).
#pragma once

#include <array>
#include <cstdint>
#include <exception>
#include <lua.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lua/script_runner.hpp"

namespace retort::lua {

// What the current script run may reach; one per ScriptRunner, stored in the Lua registry.
struct RunState {
  OperationSink* sink = nullptr;           // null while loading models
  const ScriptContext* context = nullptr;  // set during a run
  std::vector<Table>* models = nullptr;    // load_models: sa.Table registers here
  std::exception_ptr pending;              // an exception the sink threw, to rethrow unchanged
  std::uint64_t generation = 0;            // bumps every run; stale get_bind() handles refuse
  // The sa values' metatable (sa_module.cpp), once made: a registry reference to push it and its
  // address to recognise it. A script makes and checks a few dozen sa values; a lookup by
  // pointer key in the registry was a fifth of each check.
  int sa_meta_ref = LUA_NOREF;
  const void* sa_meta = nullptr;
  // load_models: sa.View, sa.Function, ... register here.
  std::vector<ReplaceableObject>* model_objects = nullptr;
  // load_models: sa.Domain registers here.
  std::vector<Domain>* model_domains = nullptr;
  // load_models: sa.Extension registers here.
  std::vector<Extension>* model_extensions = nullptr;
  // load_models: sa.Sequence registers here.
  std::vector<Sequence>* model_sequences = nullptr;
};

RunState& run_state(lua_State* L);
void set_run_state(lua_State* L, RunState* state);
// The run's naming convention (the default one outside a run).
const NamingConvention& naming_of(lua_State* L);

// "file:line: " of the innermost Lua function on the stack (the script line that made the
// call), with the file as the runner named it; "" when no Lua function is running.
std::string where(lua_State* L);

// Raises a Lua error "file:line: message". Never returns (throws through Lua).
[[noreturn]] void raise(lua_State* L, const std::string& message);

// Runs `f` (which talks to the sink or a connection); an exception it throws is stored in
// RunState::pending and re-raised as a Lua error carrying its message, so Lua unwinds.
template <class F>
void call_sink(lua_State* L, F&& f) {
  std::string message;
  try {
    f();
    return;
  } catch (const std::exception& e) {
    run_state(L).pending = std::current_exception();
    message = e.what();
  }
  lua_pushstring(L, message.c_str());
  lua_error(L);
}

// Wraps a C function: std::exceptions from our code become Lua errors at the script's line.
// Lua's own errors are not std::exceptions and pass through untouched.
template <lua_CFunction F>
int guarded(lua_State* L) {
  std::string message;
  try {
    return F(L);
  } catch (const std::exception& e) {
    message = e.what();
  }
  raise(L, message);
}

// Replaces the module table on top of the stack by a read-only proxy named `name` ("op", "sa"):
// reading a name it lacks is an error ("sa.Strin does not exist"), assigning into it too.
void make_module_proxy(lua_State* L, const char* name);
// __newindex for read-only proxies: raises "<upvalue 2> is read-only".
int read_only_newindex(lua_State* L);

// A readable name for the value at `idx`: "string", "nil", "sa.Column", ...
std::string type_name(lua_State* L, int idx);

// A Lua value as an SQL value: nil, boolean, integer, float or string; raises otherwise.
Value to_value(lua_State* L, int idx, const std::string& what);

// Argument checks; `what` names the call ("op.add_column") and `n` the argument (1-based).
std::string check_string(lua_State* L, int idx, const std::string& what, const char* arg);
std::optional<std::string> opt_string(lua_State* L, int idx, const std::string& what,
                                      const char* arg);
// A list of strings: a Lua array {"a", "b"} or a single string.
std::vector<std::string> check_string_list(lua_State* L, int idx, const std::string& what,
                                           const char* arg);

// True when the value at `idx` is a plain Lua table (an options table or a list, never an sa
// value, which are userdata).
inline bool is_plain_table(lua_State* L, int idx) { return lua_type(L, idx) == LUA_TTABLE; }

// The index of a call's trailing options table, taken off `top`, or 0 when it has none: past
// `min_positional` arguments, for a positional argument may itself be a table (a column list).
int last_options(lua_State* L, int& top, int min_positional = 0);

// The options table of a call: keyword arguments as Alembic takes them. Every key must be read
// by one of the getters before done(), which rejects the rest ("unknown option 'nulable' for
// sa.Column"), so a typo is never silent.
class Options {
 public:
  // `idx`: a plain table, or 0 / a nil slot for "no options". `what` names the call in
  // messages ("sa.Column"); it is not copied (options are read for every sa.Column), so it must
  // outlive this object: a literal, or the caller's own string, never a temporary.
  Options(lua_State* L, int idx, const char* what);
  Options(lua_State* L, int idx, const std::string& what) : Options(L, idx, what.c_str()) {}
  Options(lua_State* L, int idx, std::string&& what) = delete;

  // Keys are string_views so a literal's length is known where it is written (no strlen).
  bool present(std::string_view key);  // set and not nil (does not consume)
  // Pushes the value (nil when absent) and marks the key read; returns its Lua type.
  int push(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::string> string(std::string_view key);
  std::optional<int> integer(std::string_view key);
  void ignore(std::string_view key);  // accepted and deliberately unused
  void done();

  std::string what() const { return what_; }
  lua_State* state() const { return L_; }

 private:
  lua_State* L_;
  int idx_ = 0;
  const char* what_;
  // The keys not read yet. They point into the Lua strings the options table holds as keys,
  // which outlive this object; most tables have a handful of keys, so they live inline
  // (options are read for every sa.Column of every script: a std::set here cost 15 % of an
  // offline run).
  void mark_read(std::string_view key);
  // The position of `key` among the keys the constructor listed; kAbsent when it is certainly
  // not in the table (every key was listed: a handful, and no metatable that could answer for
  // more), kUnknown when only a Lua lookup can tell. Reading an absent option then costs no
  // Lua lookup, which is most of them: sa.Column reads eight options of a table that sets one
  // or two.
  static constexpr size_t kAbsent = static_cast<size_t>(-1);
  static constexpr size_t kUnknown = static_cast<size_t>(-2);
  size_t find(std::string_view key) const;
  std::array<std::string_view, 8> keys_{};
  // Each listed key's value type, and its value when a boolean or (with no metatable, so no
  // Lua code can change the table while it is read) a string: the common options (nullable,
  // primary_key, name...) are then read without asking Lua again.
  std::array<int, 8> types_{};
  std::array<bool, 8> booleans_{};
  std::array<std::string_view, 8> strings_{};
  size_t key_count_ = 0;
  bool keys_complete_ = false;
  std::array<std::string_view, 8> inline_{};
  std::vector<std::string_view> more_;
  size_t unread_count_ = 0;
};

}  // namespace retort::lua
