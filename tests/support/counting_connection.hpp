// A Connection that forwards to a real one and counts the statements sent (round trips): for
// tests that assert a query count (bulk reflection, the batched data-loss guard). Instrumentation
// over a real server, not a mock.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.hpp"

namespace retort::test {

class CountingConnection : public Connection {
 public:
  explicit CountingConnection(Connection& inner) : inner_(inner) {}
  void execute(const std::string& sql, const std::vector<Value>& params) override {
    ++count;
    inner_.execute(sql, params);
  }
  ResultSet query(const std::string& sql, const std::vector<Value>& params) override {
    ++count;
    return inner_.query(sql, params);
  }
  void begin() override { inner_.begin(); }
  void commit() override { inner_.commit(); }
  void rollback() override { inner_.rollback(); }
  bool in_transaction() const override { return inner_.in_transaction(); }
  int count = 0;

 private:
  Connection& inner_;
};

}  // namespace retort::test
