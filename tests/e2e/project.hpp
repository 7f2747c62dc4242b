// A throwaway retort project for end-to-end tests: a temp directory with retort.toml and
// revision files, the `retort` binary run inside it, and a direct connection to its database to
// check schema and rows. One fixture serves all three dialects.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "support/test_env.hpp"

namespace retort::test {

struct CommandResult {
  int code = -1;
  std::string out;
  std::string err;
};

class Project {
 public:
  // dialect: "sqlite", "postgresql" or "mysql". A fresh database is made for the project.
  explicit Project(const std::string& dialect, const std::string& hint = "e2e");
  ~Project();

  const std::filesystem::path& dir() const { return tmp_.path(); }
  const std::string& dialect_name() const { return dialect_; }
  const std::string& url() const { return url_; }

  // Writes retort.toml (url and any extra [retort] lines) and migrations/versions/.
  void write_config(const std::string& extra = "");
  // Writes migrations/versions/<rev>_<slug>.lua with the given bodies.
  std::filesystem::path write_revision(const std::string& rev, const std::string& down,
                                       const std::string& message, const std::string& upgrade,
                                       const std::string& downgrade);

  // Runs `retort ARGS` in the project directory (ARGS is passed through the shell).
  CommandResult retort(const std::string& args, const std::string& env = "") const;
  // Runs a shell command in the project directory.
  CommandResult shell(const std::string& command) const;

  // Direct access to the database, for assertions.
  Connection& db();
  void reconnect();
  std::vector<std::string> columns(const std::string& table);  // in order
  bool has_table(const std::string& table);
  std::vector<std::string> version_rows();
  long count(const std::string& table);
  std::string scalar(const std::string& sql);  // first column of the first row, as text
  // How many scratch databases made for this project's database are on its server (a scratch is
  // named after the project's database, so other tests' scratches are not counted).
  long scratch_databases_left();

 private:
  TempDir tmp_;
  std::string dialect_;
  std::string url_;
  std::unique_ptr<Connection> conn_;
};

std::string value_text(const Value& v);

}  // namespace retort::test
