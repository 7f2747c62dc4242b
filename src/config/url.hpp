// Url — a parsed database URL: sqlite:///rel.db, sqlite:////abs.db, sqlite://,
// postgresql://user:pass@host:port/db?k=v (postgres://), mysql://... (mariadb://).
//
// User and password are percent-decoded. str() never shows the password (masked as ***);
// only the dialect's connect() reads `password`.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace retort {

struct Url {
  std::string scheme;  // normalized: "sqlite", "postgresql", "mysql"
  std::string user;
  std::string password;
  std::string host;
  std::optional<int> port;
  std::string database;  // sqlite: the file path ("" or ":memory:" for memory)
  std::map<std::string, std::string> query;

  // Throws Error(Config) with the masked URL on anything it cannot parse or does not support.
  static Url parse(const std::string& text);

  // The URL for printing, password replaced by ***.
  std::string str() const;
};

}  // namespace retort
