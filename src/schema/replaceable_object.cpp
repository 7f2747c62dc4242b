// Names of the replaceable object kinds (retort/metadata.hpp).
#include "retort/metadata.hpp"

namespace retort {

const char* object_kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::View:
      return "view";
    case ObjectKind::MaterializedView:
      return "materialized view";
    case ObjectKind::Function:
      return "function";
    case ObjectKind::Procedure:
      return "procedure";
    case ObjectKind::Trigger:
      return "trigger";
    case ObjectKind::Aggregate:
      return "aggregate";
  }
  return "object";
}

}  // namespace retort
