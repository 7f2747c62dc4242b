// GenericDialect — a Dialect with only the generic comparison hooks, for testing compare().
//
// A test double for pure logic, not a database: compare() asks a dialect two questions
// (types_equivalent, defaults_equivalent) and this one answers with the Dialect defaults.
// Everything that would talk to a database throws.
#pragma once

#include <stdexcept>

#include "dialect/dialect.hpp"

namespace retort::test {

class GenericDialect : public Dialect {
 public:
  std::string_view name() const override { return "generic"; }
  std::unique_ptr<Connection> connect(const Url&) const override { fail(); }
  std::string quote(std::string_view ident) const override {
    return "\"" + std::string(ident) + "\"";
  }
  std::string placeholder(int) const override { return "?"; }
  std::string literal(const Value&) const override { fail(); }
  bool transactional_ddl() const override { return true; }
  std::vector<Statement> compile(const ops::Op&, SchemaView&) const override { fail(); }
  MetaData inspect(Connection&, const InspectOptions&) const override { fail(); }
  std::unique_ptr<SchemaView> live_schema(Connection&) const override { fail(); }
  std::unique_ptr<Connection> offline_scratch() const override { fail(); }
  bool has_offline_scratch() const override { fail(); }
  std::optional<bool> holds_data(Connection&, const ops::TableRef&,
                                 const std::string&) const override {
    fail();
  }
  std::unique_ptr<MigrationLock> acquire_lock(Connection&, const LockOptions&) const override {
    fail();
  }

 private:
  [[noreturn]] static void fail() { throw std::logic_error("GenericDialect has no database"); }
};

}  // namespace retort::test
