#include "support/test_env.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <mysql.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "dialect/url.hpp"

namespace retort::test {
namespace {

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 100000);
}

std::string required_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) {
    throw std::runtime_error(
        std::string(name) +
        " is not set: run the tests with `make test`, which starts the servers");
  }
  return v;
}

std::string sanitize(const std::string& hint) {
  std::string out;
  for (char c : hint)
    out += (std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_');
  if (out.size() > 30) out.resize(30);
  return out;
}

}  // namespace

TempDir::TempDir() {
  auto base = std::filesystem::temp_directory_path();
  path_ = base / ("retort_test_" + unique_suffix());
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string pg_url() { return required_env("RETORT_TEST_PG_URL"); }
std::string mysql_url() { return required_env("RETORT_TEST_MYSQL_URL"); }

std::string fresh_pg_database(const std::string& hint) {
  Url admin = Url::parse(pg_url());
  std::string name = "t_" + sanitize(hint) + "_" + unique_suffix();
  std::string conninfo = "host=" + admin.host +
                         " port=" + std::to_string(admin.port.value_or(5432)) +
                         " user=" + admin.user + " dbname=" + admin.database;
  if (!admin.password.empty()) conninfo += " password=" + admin.password;
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot reach the PostgreSQL test server: " + msg);
  }
  PGresult* r = PQexec(c, ("CREATE DATABASE \"" + name + "\"").c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + msg);
  Url u = admin;
  u.database = name;
  std::string url = "postgresql://" + u.user + (u.password.empty() ? "" : ":" + u.password) + "@" +
                    u.host + ":" + std::to_string(u.port.value_or(5432)) + "/" + name;
  return url;
}

std::string fresh_mysql_database(const std::string& hint) {
  Url admin = Url::parse(mysql_url());
  std::string name = "t_" + sanitize(hint) + "_" + unique_suffix();
  MYSQL* m = mysql_init(nullptr);
  if (!mysql_real_connect(m, admin.host.c_str(), admin.user.c_str(),
                          admin.password.empty() ? nullptr : admin.password.c_str(), nullptr,
                          admin.port.value_or(3306), nullptr, 0)) {
    std::string msg = mysql_error(m);
    mysql_close(m);
    throw std::runtime_error("cannot reach the MariaDB test server: " + msg);
  }
  std::string sql = "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4";
  bool ok = mysql_query(m, sql.c_str()) == 0;
  std::string msg = mysql_error(m);
  mysql_close(m);
  if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + msg);
  return "mysql://" + admin.user + (admin.password.empty() ? "" : ":" + admin.password) + "@" +
         admin.host + ":" + std::to_string(admin.port.value_or(3306)) + "/" + name;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace retort::test
