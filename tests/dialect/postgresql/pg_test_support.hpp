// Helpers for the PostgreSQL dialect tests: the test server's URL (RETORT_TEST_PG_URL, set by
// tests/servers/postgresql.sh) and a fresh database per test, dropped afterwards.
//
// These build retort::Url by hand rather than with Url::parse so the dialect's tests stand on
// the dialect alone.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>

#include "dialect/url.hpp"
#include "dialect/dialect.hpp"
#include "dialect/postgresql/postgresql_dialect.hpp"
#include "support/counting_connection.hpp"

namespace retort::test::pg {

// postgresql://user[:password]@host:port/db -> Url (percent-encoding not needed for tests).
inline Url admin_url() {
  const char* env = std::getenv("RETORT_TEST_PG_URL");
  if (!env || !*env)
    throw std::runtime_error(
        "RETORT_TEST_PG_URL is not set: start the server with tests/servers.sh start DIR and "
        "source DIR/env (make test does both)");
  static const std::regex re(
      R"(^postgres(?:ql)?://([^:@/]*)(?::([^@/]*))?@([^:/]*)(?::(\d+))?/([^?]*)$)");
  std::cmatch m;
  if (!std::regex_match(env, m, re))
    throw std::runtime_error("RETORT_TEST_PG_URL is not a postgresql://user@host:port/db URL");
  Url u;
  u.scheme = "postgresql";
  u.user = m[1];
  u.password = m[2];
  u.host = m[3];
  if (m[4].matched) u.port = std::stoi(m[4]);
  u.database = m[5];
  return u;
}

inline const Dialect& dialect() { return postgresql_dialect(); }

// A fresh database named after the running test, dropped (WITH FORCE) when the fixture ends.
class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = admin_url();
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("t_") + info->test_suite_name() + "_" + info->name();
    for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
    if (name.size() > 50) name.resize(50);
    db_name_ = name + "_" + std::to_string(::getpid());
    auto admin = dialect().connect(admin_);
    admin->execute("DROP DATABASE IF EXISTS " + dialect().quote(db_name_) + " WITH (FORCE)");
    admin->execute("CREATE DATABASE " + dialect().quote(db_name_));
    url_ = admin_;
    url_.database = db_name_;
    conn_ = dialect().connect(url_);
  }

  void TearDown() override {
    conn_.reset();
    if (db_name_.empty()) return;  // SetUp failed before creating it
    try {
      auto admin = dialect().connect(admin_);
      for (const auto& name : extra_databases_)
        admin->execute("DROP DATABASE IF EXISTS " + dialect().quote(name) + " WITH (FORCE)");
      admin->execute("DROP DATABASE IF EXISTS " + dialect().quote(db_name_) + " WITH (FORCE)");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not drop the test database: " << e.what();
    }
  }

  std::unique_ptr<Connection> connect() { return dialect().connect(url_); }

  // Another fresh database for this test (dropped with the first); its URL.
  Url another_database() {
    std::string name = db_name_ + "_" + std::to_string(extra_databases_.size() + 1);
    auto admin = dialect().connect(admin_);
    admin->execute("DROP DATABASE IF EXISTS " + dialect().quote(name) + " WITH (FORCE)");
    admin->execute("CREATE DATABASE " + dialect().quote(name));
    extra_databases_.push_back(name);
    Url u = admin_;
    u.database = name;
    return u;
  }

  // Compiles `op` against the live database and runs its statements, as the runtime does.
  std::vector<Statement> apply(const ops::Op& op) {
    auto view = dialect().live_schema(*conn_);
    auto statements = dialect().compile(op, *view);
    for (const auto& s : statements) conn_->execute(s.sql, s.params);
    return statements;
  }

  Table reflect(const std::string& table, const std::string& schema = "") {
    auto view = dialect().live_schema(*conn_);
    auto t = view->table(schema, table);
    if (!t) throw std::runtime_error("table " + table + " not found");
    return *t;
  }

  Value scalar(const std::string& sql, const std::vector<Value>& params = {}) {
    return conn_->query(sql, params).rows.at(0).at(0);
  }

  Url admin_;
  Url url_;
  std::string db_name_;
  std::vector<std::string> extra_databases_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace retort::test::pg
