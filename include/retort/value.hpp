// retort::Value — one SQL value as bound to a parameter or read from a row.
//
// Values are always bound as parameters, never pasted into SQL text (offline `--sql` output is
// the one place a dialect renders them as literals). Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace retort {

// NULL, integer, real, text, or boolean. Blobs travel as text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// A query's result: column names and rows of values, in order.
struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

}  // namespace retort
