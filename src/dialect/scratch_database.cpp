// DialectExtras::create_scratch's default: a database of its own on the project's server, made
// with CREATE DATABASE and removed with DROP DATABASE (MySQL/MariaDB; PostgreSQL adds its
// template and FORCE in postgresql/extras.cpp; SQLite keeps its scratch in memory).
#include <fmt/format.h>

#include "dialect/dialect_extras.hpp"
#include "retort/error.hpp"

namespace retort {

// The project's URL with its database replaced by `name`: scheme://authority/name?query. Done
// on the text, so the password (which Url::str() masks) travels unchanged.
std::string url_with_database(const std::string& project_url, const std::string& name) {
  size_t start = project_url.find("://");
  if (start == std::string::npos) return project_url;
  start += 3;
  size_t query = project_url.find_first_of("?#", start);
  size_t slash = project_url.find('/', start);
  if (slash == std::string::npos || (query != std::string::npos && slash > query)) slash = query;
  std::string out = project_url.substr(0, slash == std::string::npos ? project_url.size() : slash);
  out += "/" + name;
  if (query != std::string::npos) out += project_url.substr(query);
  return out;
}

DialectExtras::Scratch DialectExtras::create_scratch(const Dialect& d,
                                                     const std::string& project_url,
                                                     Connection* admin,
                                                     const std::string& name) const {
  if (!admin) {
    throw Error(
        ErrorKind::Config,
        fmt::format("a scratch database on {} needs a session on the project's server", d.name()));
  }
  admin->execute("CREATE DATABASE " + d.quote(name));
  Scratch s;
  s.url = url_with_database(project_url, name);
  s.drop = [admin, sql = "DROP DATABASE IF EXISTS " + d.quote(name)] { admin->execute(sql); };
  return s;
}

}  // namespace retort
