// retort::Error — the one exception type the library throws.
//
// Every failure a user can cause (bad configuration, a broken script, a revision graph that does
// not resolve, an SQL error, a refused destructive operation, a lock that could not be taken) is
// reported as a retort::Error with a kind and a one-line message that says what failed, where
// (file:line, statement) and what to do. The CLI prints the message on stderr and exits 1
// (2 for ErrorKind::Usage). Thread-safety: a value type; safe to copy between threads.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "retort/export.hpp"

namespace retort {

enum class ErrorKind {
  Config,     // retort.toml, environment, URL
  Script,     // a revision script or models file (Lua error, bad op argument)
  Graph,      // revision graph: duplicates, cycles, missing parents, unknown targets
  Database,   // the database refused a statement or a connection
  DataLoss,   // an operation would destroy data and was not allowed to
  Lock,       // the migration lock could not be taken in time
  Usage,      // the caller asked for something that makes no sense
  Cancelled,  // RunOptions::should_stop asked the run to stop, and it did
};

// Returns "config", "script", ... for messages and JSON output.
RETORT_EXPORT std::string_view to_string(ErrorKind kind);

class RETORT_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace retort
