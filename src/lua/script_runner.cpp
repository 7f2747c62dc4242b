// ScriptRunner: one Lua state; each script runs in a fresh environment with op, sa, context.
#include "lua/script_runner.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "lua/lua_support.hpp"
#include "lua/op_module.hpp"
#include "lua/sa_module.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

int lua_panic(lua_State* L) {
  const char* msg =
      lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error object is not a string";
  std::fprintf(stderr, "retort: internal error: unprotected error in a Lua call (%s)\n", msg);
  return 0;  // Lua aborts
}

// print(): a line for the running script's sink (stderr; with --sql, stdout carries the SQL).
int sandbox_print(lua_State* L) {
  int n = lua_gettop(L);
  std::string line;
  for (int i = 1; i <= n; ++i) {
    if (i > 1) line += '\t';
    line += luaL_tolstring(L, i, nullptr);
    lua_pop(L, 1);
  }
  line += '\n';
  if (OperationSink* sink = lua::run_state(L).sink) {
    lua::call_sink(L, [&] { sink->print(line); });
  } else {
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  return 0;
}

// Pushes a read-only view of the table at `real`: reads go through to it, assignments raise
// "<name> is read-only". A userdata, so not even rawset() can change it.
void push_read_only_view(lua_State* L, int real, const char* name) {
  real = lua_absindex(L, real);
  lua_newuserdatauv(L, 0, 0);
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, real);
  lua_setfield(L, -2, "__index");
  lua_pushvalue(L, real);
  lua_pushstring(L, name);
  lua_pushcclosure(L, lua::guarded<lua::read_only_newindex>, 2);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

// Every string shares one metatable, whose __index is the string library itself: the one
// shared value a script reaches without going through its environment. getmetatable("") gives
// a read-only copy of it instead, whose __index is a read-only view of the library, so a script
// cannot change string methods for the scripts after it.
void protect_string_metatable(lua_State* L) {
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  const int meta = lua_gettop(L);
  lua_createtable(L, 0, 0);  // the copy getmetatable("") shows
  const int copy = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, meta)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, copy);
  }
  lua_getfield(L, meta, "__index");
  push_read_only_view(L, -1, "getmetatable(\"\").__index");
  lua_setfield(L, copy, "__index");
  lua_pop(L, 1);  // the library
  push_read_only_view(L, copy, "getmetatable(\"\")");
  lua_setfield(L, meta, "__metatable");
  lua_pop(L, 3);  // copy, meta, ""
}

int context_get_x_argument(lua_State* L) {
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, lua_upvalueindex(1))) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_settable(L, -4);
  }
  return 1;
}

// context.get_tag_argument(): the --tag of the run, or nil (as Alembic's).
int context_get_tag_argument(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  return 1;
}

}  // namespace

void OperationSink::print(std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), stderr);
}

struct ScriptRunner::Impl {
  lua_State* L = nullptr;
  lua::RunState state;
  int sandbox_ref = LUA_NOREF;
  static constexpr std::array<const char*, 5> kProxiedLibs{"string", "table", "math", "utf8", "os"};
  std::array<int, 5> proxy_meta_refs{};
  int env_meta_ref = LUA_NOREF;

  Impl() {
    L = luaL_newstate();
    if (!L) throw Error(ErrorKind::Script, "cannot create a Lua state (out of memory)");
    lua_atpanic(L, lua_panic);
    const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
                             {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
                             {LUA_OSLIBNAME, luaopen_os},     {LUA_UTF8LIBNAME, luaopen_utf8}};
    for (const auto& lib : libs) {
      luaL_requiref(L, lib.name, lib.func, 1);
      lua_pop(L, 1);
    }
    lua::set_run_state(L, &state);
    protect_string_metatable(L);

    // The sandbox every script environment reads through: the safe part of the std libs.
    lua_newtable(L);
    lua_pushglobaltable(L);
    for (const char* name :
         {"assert",       "error",    "ipairs",   "next",   "pairs",  "pcall",
          "rawequal",     "rawget",   "rawlen",   "rawset", "select", "setmetatable",
          "getmetatable", "tonumber", "tostring", "type",   "xpcall", "_VERSION",
          "string",       "table",    "math",     "utf8"}) {
      lua_getfield(L, -1, name);
      lua_setfield(L, -3, name);
    }
    lua_newtable(L);  // os: clock and calendar only
    lua_getfield(L, -2, "os");
    for (const char* name : {"date", "time", "clock", "difftime", "getenv"}) {
      lua_getfield(L, -1, name);
      lua_setfield(L, -3, name);
    }
    lua_pop(L, 1);
    lua_setfield(L, -3, "os");
    lua_pop(L, 1);  // globals
    lua_pushcfunction(L, sandbox_print);
    lua_setfield(L, -2, "print");
    sandbox_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    for (size_t i = 0; i < kProxiedLibs.size(); ++i) {
      lua_createtable(L, 0, 2);
      lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_ref);
      lua_getfield(L, -1, kProxiedLibs[i]);
      lua_setfield(L, -3, "__index");
      lua_pop(L, 1);
      lua_pushboolean(L, 0);
      lua_setfield(L, -2, "__metatable");
      proxy_meta_refs[i] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    // The metatable every script environment shares: reads fall through to the sandbox, and a
    // library is given its per-script proxy on first use (most scripts touch none).
    lua_createtable(L, 0, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sandbox_ref);
    lua_createtable(L, 0, static_cast<int>(kProxiedLibs.size()));  // library name -> proxy meta
    for (size_t i = 0; i < kProxiedLibs.size(); ++i) {
      lua_rawgeti(L, LUA_REGISTRYINDEX, proxy_meta_refs[i]);
      lua_setfield(L, -2, kProxiedLibs[i]);
    }
    lua_pushcclosure(L, env_index, 2);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);  // shared: no script may read or replace it
    lua_setfield(L, -2, "__metatable");
    env_meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    lua::push_sa_module(L);
    lua::push_op_module(L);
    lua_settop(L, 0);
  }

  ~Impl() { lua_close(L); }

  // Sets up the run state for one script and clears it afterwards, whatever happens.
  struct RunScope {
    Impl& impl;
    RunScope(Impl& i, OperationSink* sink, const ScriptContext& ctx, std::vector<Table>* models)
        : impl(i) {
      impl.state.sink = sink;
      impl.state.context = &ctx;
      impl.state.models = models;
      impl.state.pending = nullptr;
      ++impl.state.generation;
      lua_settop(impl.L, 0);
    }
    ~RunScope() {
      impl.state.model_objects = nullptr;
      impl.state.model_domains = nullptr;
      impl.state.model_extensions = nullptr;
      impl.state.model_sequences = nullptr;
      impl.state.sink = nullptr;
      impl.state.context = nullptr;
      impl.state.models = nullptr;
      impl.state.pending = nullptr;
      lua_settop(impl.L, 0);
    }
  };

  // A fresh environment: globals land here, everything else is read from the sandbox.
  // __index of every script environment: (env, key). A library name gets a fresh proxy, kept
  // in the environment, so `string.helper = ...` in one script is not in the next while reads
  // fall through to the shared library (copying the five libraries for every script was 16 %
  // of a 1,000-revision `upgrade --sql`; making five proxies up front, 3 %). `context` is made
  // the same way, from the running script's ScriptContext, on its first read. Anything else is
  // read from the sandbox.
  static int env_index(lua_State* L) {
    if (lua_type(L, 2) == LUA_TSTRING) {
      lua_pushvalue(L, 2);
      if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TTABLE) {  // the library's proxy meta
        lua_createtable(L, 0, 0);
        lua_insert(L, -2);
        lua_setmetatable(L, -2);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, -2);
        lua_rawset(L, 1);
        return 1;
      }
      lua_pop(L, 1);
      size_t len = 0;
      const char* key = lua_tolstring(L, 2, &len);
      const ScriptContext* ctx = lua::run_state(L).context;
      if (ctx && std::string_view(key, len) == "context") {
        push_context(L, *ctx);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, -2);
        lua_rawset(L, 1);
        return 1;
      }
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
  }

  // The tables are made at their final size: filling an empty table rehashes it at each power
  // of two (lua_setfield was 3 % of a 1,000-revision `upgrade --sql`). 16 slots also hold the
  // globals a revision sets (revision, down_revision, branch_labels, depends_on, upgrade,
  // downgrade).
  void push_environment(bool with_op) {
    lua_createtable(L, 0, 16);
    int env = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, env_meta_ref);
    lua_setmetatable(L, env);
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua::push_sa_module(L);
    lua_setfield(L, env, "sa");
    if (with_op) {
      lua::push_op_module(L);
      lua_setfield(L, env, "op");
    }
    // `context` is made by env_index when the script first reads it: most never do.
  }

  // A script's `context`: its own table, so what one script changes the next does not see.
  static void push_context(lua_State* L, const ScriptContext& ctx) {
    lua_createtable(L, 0, 4);
    lua_pushlstring(L, ctx.dialect.data(), ctx.dialect.size());
    lua_setfield(L, -2, "dialect");
    lua_pushboolean(L, ctx.offline);
    lua_setfield(L, -2, "is_offline_mode");
    if (ctx.tag.empty()) {
      lua_pushnil(L);
    } else {
      lua_pushlstring(L, ctx.tag.data(), ctx.tag.size());
    }
    lua_pushcclosure(L, context_get_tag_argument, 1);
    lua_setfield(L, -2, "get_tag_argument");
    lua_createtable(L, 0, static_cast<int>(ctx.x.size()));
    for (const auto& [k, v] : ctx.x) {
      lua_pushlstring(L, v.data(), v.size());
      lua_setfield(L, -2, k.c_str());
    }
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, context_get_x_argument, 1);
    lua_setfield(L, -3, "get_x_argument");
    lua_setfield(L, -2, "x");
  }

  // Lua's own messages name the chunk by its short_src, which truncates paths past 60
  // characters; put the full name back and make sure every message starts with the file.
  // Only errors need it, so it is worked out then (by Lua itself, from an empty chunk).
  std::string script_message(const std::string& chunk_name, std::string message) {
    const std::string short_src = short_src_of("@" + chunk_name);
    if (!short_src.empty() && message.compare(0, short_src.size() + 1, short_src + ":") == 0)
      message = chunk_name + message.substr(short_src.size());
    if (message.compare(0, chunk_name.size() + 1, chunk_name + ":") != 0)
      message = chunk_name + ": " + message;
    return message;
  }

  std::string error_value(int idx) {
    if (lua_type(L, idx) == LUA_TSTRING || lua_type(L, idx) == LUA_TNUMBER)
      return lua_tostring(L, idx);
    if (luaL_callmeta(L, idx, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
      std::string s = lua_tostring(L, -1);
      lua_pop(L, 1);
      return s;
    }
    return std::string("error object is a ") + luaL_typename(L, idx) + " value";
  }

  std::string short_src_of(const std::string& chunk) {
    if (luaL_loadbufferx(L, "", 0, chunk.c_str(), "t") != LUA_OK) {
      lua_pop(L, 1);
      return "";
    }
    lua_Debug ar;
    lua_getinfo(L, ">S", &ar);
    return ar.short_src;
  }

  // Calls the function under it with `nargs` arguments; Lua errors become Error(Script), and an
  // exception the sink threw comes out unchanged, even if the script caught it with pcall.
  void call(const std::string& chunk_name, int nargs, int nresults) {
    int status = lua_pcall(L, nargs, nresults, 0);
    if (state.pending) {
      std::exception_ptr e = state.pending;
      state.pending = nullptr;
      std::rethrow_exception(e);
    }
    if (status == LUA_OK) return;
    if (status == LUA_ERRMEM)
      throw Error(ErrorKind::Script, chunk_name + ": out of memory running the script");
    std::string message = error_value(-1);
    throw Error(ErrorKind::Script, script_message(chunk_name, message));
  }

  // Loads and runs the chunk in a fresh environment; leaves the environment at index 1 and the
  // chunk's single result at index 2. Source text only: a precompiled chunk would skip the
  // compiler's checks.
  void load_and_run(const ScriptText& script, bool with_op) {
    const std::string chunk = "@" + script.name;
    lua_settop(L, 0);
    push_environment(with_op);
    // As lua's own loader does: skip a UTF-8 byte order mark, and a first line starting with
    // # (turned into a comment, so line numbers stay right).
    std::string_view text = script.text;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string patched;
    if (!text.empty() && text[0] == '#') {
      patched = "--" + std::string(text);
      text = patched;
    }
    if (luaL_loadbufferx(L, text.data(), text.size(), chunk.c_str(), "t") != LUA_OK) {
      std::string message = error_value(-1);
      throw Error(ErrorKind::Script, script_message(script.name, message));
    }
    lua_pushvalue(L, 1);
    lua_setupvalue(L, -2, 1);  // _ENV
    call(script.name, 0, 1);
  }

  void run(const ScriptText& script, const std::string& function_name, OperationSink& sink,
           const ScriptContext& ctx) {
    RunScope scope(*this, &sink, ctx, nullptr);
    load_and_run(script, true);
    if (function_name == "upgrade" && lua_getfield(L, 1, "revision") == LUA_TSTRING) {
      // A revision that cannot be undone upgrades, as Alembic's would, with a warning on the
      // script's own channel (stderr; stdout may carry --sql output).
      if (lua_getfield(L, 1, "downgrade") != LUA_TFUNCTION)
        sink.print("retort: warning: " + script.name +
                   " has no downgrade(): this revision cannot be undone; add `function "
                   "downgrade() ... end` (raise an error in it if the change cannot be "
                   "reversed)\n");
      lua_pop(L, 1);
    }
    lua_settop(L, 1);  // the environment
    if (lua_getfield(L, 1, function_name.c_str()) != LUA_TFUNCTION)
      throw Error(ErrorKind::Script, script.name + ": no function " + function_name +
                                         "() defined; add `function " + function_name +
                                         "() ... end` to the script");
    call(script.name, 0, 0);
  }

  // Message handler of run_hook: where the error was raised, as "short_src:line:", from the
  // first Lua frame (assert() and a sink's exception raise from C, which has no line). Kept in
  // the registry field below for the pending exceptions; an error value without a position gets
  // it in front.
  static constexpr const char* kWhereKey = "retort.hook_where";
  static int hook_handler(lua_State* L) {
    lua_Debug ar;
    std::string where;
    for (int level = 1; lua_getstack(L, level, &ar); ++level) {
      lua_getinfo(L, "Sl", &ar);
      if (ar.currentline > 0) {
        where = std::string(ar.short_src) + ":" + std::to_string(ar.currentline) + ":";
        break;
      }
    }
    lua_pushlstring(L, where.data(), where.size());
    lua_setfield(L, LUA_REGISTRYINDEX, kWhereKey);
    if (!where.empty() && lua_type(L, 1) == LUA_TSTRING) {
      const std::string message = lua_tostring(L, 1);
      const std::string src = where.substr(0, where.find(':'));
      if (message.compare(0, src.size() + 1, src + ":") != 0) {
        lua_pushstring(L, (where + " " + message).c_str());
        return 1;
      }
    }
    lua_settop(L, 1);
    return 1;
  }

  std::vector<std::string> run_hook(const ScriptText& script, const std::string& function_name,
                                    OperationSink& sink, const ScriptContext& ctx) {
    RunScope scope(*this, &sink, ctx, nullptr);
    load_and_run(script, true);
    lua_settop(L, 1);  // the environment
    std::vector<std::string> defined;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
      if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION)
        defined.emplace_back(lua_tostring(L, -2));
      lua_pop(L, 1);
    }
    std::sort(defined.begin(), defined.end());
    if (lua_getfield(L, 1, function_name.c_str()) != LUA_TFUNCTION) return defined;
    lua_pushcfunction(L, hook_handler);
    lua_insert(L, -2);
    const int status = lua_pcall(L, 0, 0, lua_gettop(L) - 1);
    lua_getfield(L, LUA_REGISTRYINDEX, kWhereKey);
    std::string where = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kWhereKey);
    if (state.pending) {
      std::exception_ptr e = state.pending;
      state.pending = nullptr;
      try {
        std::rethrow_exception(e);
      } catch (const Error& error) {
        // A statement the fixture ran failed: say which line ran it.
        if (where.empty()) throw;
        throw Error(error.kind(), script_message(script.name, where + " " + error.what()));
      }
    }
    if (status == LUA_OK) return defined;
    if (status == LUA_ERRMEM)
      throw Error(ErrorKind::Script, script.name + ": out of memory running the script");
    throw Error(ErrorKind::Script, script_message(script.name, error_value(-1)));
  }

  MetaData load_models(const ScriptText& models, const ScriptContext& ctx) {
    const std::string& chunk_name = models.name;
    std::vector<Table> defined;
    std::vector<ReplaceableObject> objects;
    RunScope scope(*this, nullptr, ctx, &defined);
    state.model_objects = &objects;
    std::vector<Domain> domains;
    state.model_domains = &domains;
    std::vector<Extension> extensions;
    state.model_extensions = &extensions;
    std::vector<Sequence> sequences;
    state.model_sequences = &sequences;
    // A models file builds one long-lived table out of many short-lived sa.Column and type
    // objects; collecting as soon as the heap has grown by half (Lua's default waits for it to
    // double) took 5 MiB off the peak of a 1,000-table autogenerate for 0.3 % more instructions.
    lua_gc(L, LUA_GCINC, 150, 0, 0);
    load_and_run(models, false);
    MetaData md;
    // A file that returns a list of tables chooses its models; otherwise every sa.Table counts.
    if (lua_type(L, 2) == LUA_TTABLE && luaL_len(L, 2) > 0) {
      lua_Integer n = luaL_len(L, 2);
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_geti(L, 2, i);
        auto* t = lua::test_sa_as<Table>(L, -1);
        auto* o = lua::test_sa_as<ReplaceableObject>(L, -1);
        if (!t && !o && !lua::test_sa_as<Domain>(L, -1) && !lua::test_sa_as<Sequence>(L, -1))
          throw Error(ErrorKind::Script,
                      chunk_name + ": the returned list holds a " + lua::type_name(L, -1) +
                          " at position " + std::to_string(i) +
                          "; return only sa.Table values (and sa.View, sa.Function, ...)");
        if (t) md.tables.push_back(*t);
        if (o) md.objects.push_back(*o);
        lua_pop(L, 1);
      }
    } else {
      md.tables = std::move(defined);
      md.objects = std::move(objects);
    }
    // Every sa.Domain the file made is in the models, whatever it returns: its tables use them.
    md.domains = std::move(domains);
    md.extensions = std::move(extensions);
    // Every sa.Sequence the file made too: its columns' defaults use them.
    md.sequences = std::move(sequences);
    for (size_t i = 0; i < md.sequences.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (md.sequences[i].name == md.sequences[j].name &&
            md.sequences[i].schema == md.sequences[j].schema)
          throw Error(ErrorKind::Script,
                      chunk_name + ": sequence " + md.sequences[i].name + " is defined twice");
    for (size_t i = 0; i < md.domains.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (md.domains[i].name == md.domains[j].name &&
            md.domains[i].schema == md.domains[j].schema)
          throw Error(ErrorKind::Script,
                      chunk_name + ": domain " + md.domains[i].name + " is defined twice");
    for (size_t i = 0; i < md.objects.size(); ++i)
      for (size_t j = 0; j < i; ++j) {
        const ReplaceableObject& a = md.objects[i];
        const ReplaceableObject& b = md.objects[j];
        if (a.kind == b.kind && a.name == b.name && a.schema == b.schema && a.table == b.table)
          throw Error(ErrorKind::Script, chunk_name + ": " + object_kind_name(a.kind) + " " +
                                             a.name + " is defined twice");
      }
    for (size_t i = 0; i < md.tables.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (md.tables[i].name == md.tables[j].name && md.tables[i].schema == md.tables[j].schema)
          throw Error(ErrorKind::Script,
                      chunk_name + ": table " + md.tables[i].name + " is defined twice");
    return md;
  }
};

ScriptRunner::ScriptRunner() : impl_(std::make_unique<Impl>()) {}
ScriptRunner::~ScriptRunner() = default;

void ScriptRunner::run(const ScriptText& script, const std::string& function_name,
                       OperationSink& sink, const ScriptContext& context) {
  impl_->run(script, function_name, sink, context);
}

std::vector<std::string> ScriptRunner::run_hook(const ScriptText& script,
                                                const std::string& function_name,
                                                OperationSink& sink, const ScriptContext& context) {
  return impl_->run_hook(script, function_name, sink, context);
}

MetaData ScriptRunner::load_models(const ScriptText& models, const ScriptContext& context) {
  return impl_->load_models(models, context);
}

}  // namespace retort
