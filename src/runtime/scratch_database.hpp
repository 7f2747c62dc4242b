// A scratch database of the project's dialect (DialectExtras::create_scratch: in-memory SQLite,
// a temporary PostgreSQL or MariaDB database), owned for a scope: dropped when it goes out of
// scope. `retort test` and `retort squash` hold one; a session on it must be a member declared
// after it, so the session closes before the DROP DATABASE.
#pragma once

#include <exception>
#include <string>

#include "dialect/dialect_extras.hpp"

namespace retort {

class ScratchDatabase {
 public:
  // `name`: a fresh scratch_name(); `admin`: a session on the project's server, or null for a
  // dialect whose scratch needs none (DialectExtras::scratch_needs_server).
  ScratchDatabase(const Dialect& d, const std::string& project_url, Connection* admin,
                  const std::string& name)
      : s_(dialect_extras(d).create_scratch(d, project_url, admin, name)) {}
  ~ScratchDatabase() {
    try {
      if (s_.drop) s_.drop();
    } catch (const std::exception&) {
      // Best effort: the command's own result matters more than the cleanup's.
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // Its URL as text, with the project's credentials.
  const std::string& url() const { return s_.url; }

 private:
  DialectExtras::Scratch s_;
};

}  // namespace retort
