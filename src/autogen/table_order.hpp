// TableOrder — the order in which to create (or, reversed, drop) tables that reference each
// other through foreign keys.
//
// Iterative (Kahn's algorithm over a min-heap, so the order is deterministic and a 1,000-table
// chain of foreign keys costs no stack): a table comes after every table it references. A cycle
// is broken at its smallest table, and the foreign keys that then point forward in the order are
// reported as deferred: the caller creates them after all the tables (and, when dropping, drops
// them before any table).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "retort/metadata.hpp"

namespace retort::autogen {

struct TableOrder {
  std::vector<size_t> order;  // indexes into the input, referenced tables first
  // (table index, index into that table's foreign_keys) of the keys pointing forward in `order`.
  std::vector<std::pair<size_t, size_t>> deferred;
};

// `tables` sorted by (schema, name): ties in the order go to the smaller table. Foreign keys to
// tables outside `tables` and to the table itself do not constrain the order.
TableOrder order_tables(const std::vector<const Table*>& tables);

}  // namespace retort::autogen
