// MigrationFixtures (runtime/migration_fixtures.hpp): finding the fixture files and running
// their hooks through the online sink, so op.bulk_insert and op.get_bind() behave in a fixture
// exactly as in a revision script.
#include "runtime/migration_fixtures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <variant>

#include "ops/ops.hpp"
#include "retort/error.hpp"
#include "runtime/sinks.hpp"
#include "script/path_display.hpp"

namespace retort {
namespace {

// The online sink, refusing ops that change the schema: a fixture puts rows in and reads them;
// a schema change in it would make the downgrade check compare against a schema no revision
// made.
class FixtureSink : public OperationSink {
 public:
  FixtureSink(const Dialect& dialect, Connection& conn, const std::string& script)
      : schema_(dialect.live_schema(conn)), inner_(dialect, conn, *schema_, false, script) {}
  void emit(ops::Op op) override {
    if (!std::holds_alternative<ops::BulkInsert>(op) && !std::holds_alternative<ops::Execute>(op))
      throw Error(ErrorKind::Script,
                  fmt::format("op.{} in a fixture: fixtures put rows in and check them "
                              "(op.bulk_insert, op.execute, op.get_bind()); schema changes "
                              "belong in revisions",
                              ops::describe(op)));
    inner_.emit(std::move(op));
  }
  Connection& bind() override { return inner_.bind(); }
  void flush() { inner_.flush(); }

 private:
  std::unique_ptr<SchemaView> schema_;
  OnlineSink inner_;
};

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Config, fmt::format("cannot read {}", path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

const char* MigrationFixtures::name(Hook hook) {
  switch (hook) {
    case Hook::BeforeUpgrade:
      return "before_upgrade";
    case Hook::AfterUpgrade:
      return "after_upgrade";
    case Hook::AfterDowngrade:
      return "after_downgrade";
  }
  return "";
}

MigrationFixtures::MigrationFixtures(const Config& config, const RevisionGraph& graph,
                                     const std::filesystem::path& folder)
    : config_(config) {
  const std::filesystem::path dir =
      folder.empty() ? config.resolve(config.script_location) / "fixtures" : config.resolve(folder);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    if (folder.empty()) return;
    throw Error(ErrorKind::Config,
                fmt::format("the fixtures folder {} does not exist", PathDisplay{}(dir)));
  }
  PathDisplay display;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::filesystem::path& path = entry.path();
    if (!entry.is_regular_file() || path.extension() != ".lua") continue;
    const std::string stem = path.stem().string();
    if (!graph.find(stem)) {
      throw Error(ErrorKind::Config,
                  fmt::format("{}: no revision {}: a fixture is named after the full id of the "
                              "revision it tests (<revision id>.lua); rename or remove it",
                              display(path), stem));
    }
    files_[stem] = ScriptText{display(path), read_all(path)};
  }
}

void MigrationFixtures::run(const std::string& revision, Hook hook, const Dialect& dialect,
                            Connection& conn) {
  auto it = files_.find(revision);
  if (it == files_.end()) return;
  const ScriptText& script = it->second;
  ScriptContext ctx;
  ctx.dialect = std::string(dialect.name());
  ctx.x = config_.x;
  ctx.naming_convention = config_.naming_convention;
  ctx.parameters = &dialect;
  ctx.literal = [d = &dialect](const Value& v) { return d->literal(v); };
  FixtureSink sink(dialect, conn, script.name);
  conn.begin();
  try {
    std::vector<std::string> defined = runner_.run_hook(script, name(hook), sink, ctx);
    bool any = false;
    for (Hook h : {Hook::BeforeUpgrade, Hook::AfterUpgrade, Hook::AfterDowngrade})
      any = any || std::find(defined.begin(), defined.end(), name(h)) != defined.end();
    if (!any)
      throw Error(ErrorKind::Script,
                  fmt::format("{}: defines none of before_upgrade(), after_upgrade(), "
                              "after_downgrade(): a fixture runs only these",
                              script.name));
    sink.flush();
    conn.commit();
  } catch (...) {
    if (conn.in_transaction()) conn.rollback();
    throw;
  }
}

}  // namespace retort
