// Names of error kinds, for messages and --json output. Ground floor (src/base/): retort::Error
// is a header-only public type, so its names live with the other helpers that depend on nothing.
#include "retort/error.hpp"

namespace retort {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Config:
      return "config";
    case ErrorKind::Script:
      return "script";
    case ErrorKind::Graph:
      return "graph";
    case ErrorKind::Database:
      return "database";
    case ErrorKind::DataLoss:
      return "data-loss";
    case ErrorKind::Lock:
      return "lock";
    case ErrorKind::Usage:
      return "usage";
    case ErrorKind::Cancelled:
      return "cancelled";
  }
  return "error";
}

}  // namespace retort
