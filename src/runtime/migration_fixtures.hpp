// MigrationFixtures: the data fixtures of `retort test` (docs/commands.md, "Data fixtures").
//
// A fixture is a Lua file named after a revision, <fixtures folder>/<revision id>.lua, with up to
// three hooks: before_upgrade() runs on the scratch at the revision's parent(s) and inserts rows
// (op.bulk_insert, op.execute, op.get_bind()), after_upgrade() checks them after the revision's
// upgrade and after_downgrade() after its downgrade (assert/error). Each hook runs in its own
// transaction on the connection it is given; a fixture may not change the schema (schema ops
// are Error(Script)). Not thread-safe: one Lua state, used by one `retort test` run.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "dialect/dialect.hpp"
#include "lua/script_runner.hpp"
#include "retort/config.hpp"
#include "script/revision_graph.hpp"

namespace retort {

class MigrationFixtures {
 public:
  // The hooks, in the order a stairway step runs them.
  enum class Hook { BeforeUpgrade, AfterUpgrade, AfterDowngrade };
  static const char* name(Hook hook);

  // Reads every *.lua file of `folder` (relative to the project; empty: <script_location>/
  // fixtures). A folder that does not exist holds no fixtures. Error(Config) for a file not
  // named after a revision of `graph`, naming the file; a named folder that does not exist is
  // Error(Config) too.
  MigrationFixtures(const Config& config, const RevisionGraph& graph,
                    const std::filesystem::path& folder);

  bool empty() const { return files_.empty(); }
  bool has(const std::string& revision) const { return files_.count(revision) > 0; }
  // How many fixtures there are.
  std::size_t size() const { return files_.size(); }

  // Runs `hook` of `revision`'s fixture, when there is one and it defines the hook, on `conn`
  // (in a transaction of its own, committed when the hook returns, rolled back when it throws).
  // Error(Script) "FILE:LINE: message" when the hook fails (an assert, error(), a failing
  // statement keeps its kind), or when the fixture defines none of the three hooks.
  void run(const std::string& revision, Hook hook, const Dialect& dialect, Connection& conn);

 private:
  const Config& config_;
  std::map<std::string, ScriptText> files_;  // by revision id
  ScriptRunner runner_;
};

}  // namespace retort
