// Test helpers for the Lua bridge: a sink that records the ops a script emits.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "lua/script_runner.hpp"
#include "support/script_runs.hpp"
#include "retort/error.hpp"

namespace retort::test {

class CollectingSink : public OperationSink {
 public:
  void emit(ops::Op op) override {
    if (on_emit) on_emit(op);
    ops.push_back(std::move(op));
  }
  Connection& bind() override {
    if (!connection) throw Error(ErrorKind::Script, "op.get_bind() is not available with --sql");
    ++binds;
    return *connection;
  }

  std::vector<ops::Op> ops;
  std::function<void(const ops::Op&)> on_emit;
  Connection* connection = nullptr;
  int binds = 0;
};

// Runs `upgrade_body` as the body of upgrade() in a script named "test.lua" (the body starts on
// line 2) and returns the ops.
inline std::vector<ops::Op> run_upgrade(const std::string& upgrade_body,
                                        const ScriptContext& ctx = {}) {
  ScriptRunner runner;
  CollectingSink sink;
  test::run_source(runner, "test.lua", "function upgrade()\n" + upgrade_body + "\nend\n", "upgrade", sink,
                    ctx);
  return sink.ops;
}

// The message of the Error(Script) that running `source`'s upgrade() throws ("" if none).
inline std::string script_error(const std::string& source, const ScriptContext& ctx = {}) {
  ScriptRunner runner;
  CollectingSink sink;
  try {
    test::run_source(runner, "test.lua", source, "upgrade", sink, ctx);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Script) return "wrong kind: " + std::string(e.what());
    return e.what();
  }
  return "";
}

}  // namespace retort::test
