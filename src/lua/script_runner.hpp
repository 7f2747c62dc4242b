// The Lua bridge: runs revision scripts and loads models files.
//
// Nothing outside src/lua/ includes lua.h. A script's `op.*` calls become ops::Op values handed,
// in order, to an OperationSink; `sa.*` builds retort::MetaData values. Lua errors (syntax,
// runtime, wrong argument to an op) become Error(Script) with "file:line: message".
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ops/ops.hpp"
#include "retort/config.hpp"
#include "retort/metadata.hpp"
#include "retort/value.hpp"

namespace retort {

class Connection;
class ParameterStyle;

// Receives the ops of a running script. The runtime implements it online (compile + execute,
// after the data-loss guard) and offline (compile + print).
class OperationSink {
 public:
  virtual ~OperationSink() = default;
  virtual void emit(ops::Op op) = 0;
  // op.get_bind(): the live connection, with any ops emitted so far already applied.
  // Offline: throws Error(Script) ("op.get_bind() is not available with --sql").
  virtual Connection& bind() = 0;
  // print() of the script: one line, "\n" included. Written to stderr (with --sql, stdout
  // carries the SQL); a sink that records a run keeps it to replay in order.
  virtual void print(std::string_view line);
  // A statement of a plain SQL revision, emitted next as ops::Execute, drops `table` (column
  // empty) or its `column`; `statement` is how messages name it. The online sink's data-loss
  // guard checks it with the ops of its batch; the offline sink prints a warning. The default
  // does nothing.
  virtual void guard_sql(const ops::TableRef& table, const std::string& column,
                         const std::string& statement) {}
};

// What a script can see besides op and sa.
struct ScriptContext {
  std::string dialect;                   // context.dialect: the dialect's name()
  bool offline = false;                  // context.is_offline_mode
  std::string tag;                       // context.get_tag_argument(): --tag, nil when empty
  std::map<std::string, std::string> x;  // context.x.key  (-x key=value)
  NamingConvention naming_convention;    // names unnamed constraints and indexes
  // How bind:execute(sql, params) writes parameters (the dialect); null: `?`.
  const ParameterStyle* parameters = nullptr;
  // op.inline_literal(v): the value as the dialect's SQL literal; null outside a run.
  std::function<std::string(const Value&)> literal;
};

// One Lua state, reused for every script of a run (each script gets a fresh environment table,
// so globals of one script never leak into the next).
class ScriptRunner {
 public:
  ScriptRunner();
  ~ScriptRunner();
  ScriptRunner(const ScriptRunner&) = delete;
  ScriptRunner& operator=(const ScriptRunner&) = delete;

  // Loads `script` and calls its global function `function_name` ("upgrade" or "downgrade"),
  // sending each op to `sink`. `script.name` is what messages call the file. A missing
  // function is Error(Script) naming the script; so are Lua errors, as "name:line: message".
  void run(const ScriptText& script, const std::string& function_name, OperationSink& sink,
           const ScriptContext& context);

  // A data fixture of `retort test` (docs/commands.md): loads `script` and calls its global
  // function `function_name` when it defines one. Returns the names of the global functions the
  // script defines, sorted (the caller tells a fixture that defines no hook). Errors are
  // Error(Script) as "name:line: message", with the line of the fixture that raised them also
  // for assert(v, "message") and for a statement that failed (the sink's Error keeps its kind).
  std::vector<std::string> run_hook(const ScriptText& script, const std::string& function_name,
                                    OperationSink& sink, const ScriptContext& context);

  // Runs a models file: every sa.Table(...) it evaluates registers into the returned MetaData.
  MetaData load_models(const ScriptText& models, const ScriptContext& context);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace retort
