// Helpers for loading a schema.sql into a scratch (scratch.hpp).
#include "dialect/scratch.hpp"

#include <fmt/format.h>

#include <random>

namespace retort {

void run_schema_script(Connection& conn, const SchemaScript& script) {
  const auto& statements = script.statements;
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      conn.execute(statements[i]);
    } catch (const Error& e) {
      std::string first_line = statements[i].substr(0, statements[i].find('\n'));
      throw Error(ErrorKind::Database,
                  fmt::format("{}: statement {} ({}) failed in the scratch database: {}",
                              script.path.string(), i + 1, first_line.substr(0, 80), e.what()));
    }
  }
}

std::string scratch_name() {
  std::random_device rd;
  return fmt::format("retort_scratch_{:08x}", static_cast<unsigned>(rd()));
}

void forget_scratch_schema(MetaData& m, const std::string& scratch) {
  for (auto& o : m.objects)
    if (o.schema == scratch) o.schema.clear();
  for (auto& t : m.tables) {
    if (t.schema == scratch) t.schema.clear();
    for (auto& fk : t.foreign_keys)
      if (fk.referred_schema == scratch) fk.referred_schema.clear();
    for (auto& c : t.columns)
      for (auto& fk : c.foreign_keys)
        if (fk.referred_schema == scratch) fk.referred_schema.clear();
  }
}

}  // namespace retort
