// Fixture for the MySQL dialect suites: each test gets a fresh database on the server that
// tests/servers/mariadb.sh started ($RETORT_TEST_MYSQL_URL), dropped again afterwards.
// The URL is split here by hand (src/dialect/url.cpp is not this suite's subject).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "dialect/url.hpp"
#include "dialect/dialect.hpp"
#include "dialect/mysql/connection.hpp"
#include "dialect/mysql/mysql_dialect.hpp"

namespace retort::test {

// mysql://user:pass@host:port/db from $RETORT_TEST_MYSQL_URL (no percent-decoding needed:
// the test server's credentials are plain).
inline Url mysql_admin_url() {
  const char* env = std::getenv("RETORT_TEST_MYSQL_URL");
  if (!env || !*env) {
    throw std::runtime_error(
        "RETORT_TEST_MYSQL_URL is not set: start the server with tests/servers.sh (or "
        "tests/servers/mariadb.sh start DIR) and export the line it prints");
  }
  std::string s = env;
  Url u;
  u.scheme = "mysql";
  s = s.substr(s.find("://") + 3);
  auto at = s.rfind('@');
  std::string cred = s.substr(0, at), rest = s.substr(at + 1);
  auto colon = cred.find(':');
  u.user = cred.substr(0, colon);
  if (colon != std::string::npos) u.password = cred.substr(colon + 1);
  auto slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  u.database = slash == std::string::npos ? "" : rest.substr(slash + 1);
  auto pc = hostport.rfind(':');
  u.host = hostport.substr(0, pc);
  if (pc != std::string::npos) u.port = std::stoi(hostport.substr(pc + 1));
  return u;
}

class MysqlFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_url_ = mysql_admin_url();
    admin_ = dialect().connect(admin_url_);
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("t_") + info->name();
    for (auto& c : name)
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    if (name.size() > 40) name.resize(40);
    db_ = name + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    admin_->execute("DROP DATABASE IF EXISTS `" + db_ + "`");
    admin_->execute("CREATE DATABASE `" + db_ + "` CHARACTER SET utf8mb4");
    url_ = admin_url_;
    url_.database = db_;
    conn_ = dialect().connect(url_);
  }

  void TearDown() override {
    conn_.reset();
    if (admin_) admin_->execute("DROP DATABASE IF EXISTS `" + db_ + "`");
  }

  static const Dialect& dialect() { return mysql_dialect(); }

  // Compiles `op` against the live schema and runs every statement.
  std::vector<Statement> run(const ops::Op& op) {
    auto view = dialect().live_schema(*conn_);
    auto stmts = dialect().compile(op, *view);
    for (const auto& s : stmts) conn_->execute(s.sql, s.params);
    return stmts;
  }

  MetaData inspect() { return dialect().inspect(*conn_, {}); }

  Table table(const std::string& name) {
    auto view = dialect().live_schema(*conn_);
    auto t = view->table("", name);
    if (!t) throw std::runtime_error("no table " + name);
    return *t;
  }

  std::unique_ptr<Connection> another() { return dialect().connect(url_); }

  Url admin_url_, url_;
  std::string db_;
  std::unique_ptr<Connection> admin_, conn_;
};

}  // namespace retort::test
