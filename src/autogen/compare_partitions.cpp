// partitioning_difference (compare_partitions.hpp).
#include "autogen/compare_partitions.hpp"

#include <cctype>

namespace retort::autogen {
namespace {

constexpr const char* kKeys[] = {"postgresql_partition_by", "partition_of", "partition_bound"};

std::string option(const Table& t, const char* key) {
  auto it = t.dialect_options.find(key);
  return it == t.dialect_options.end() ? std::string() : it->second;
}

// Lower case, whitespace dropped: "RANGE (created_at)" and "range(created_at)" are the same.
std::string normal(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string shown_value(const std::string& v) { return v.empty() ? "none" : "\"" + v + "\""; }

}  // namespace

std::optional<std::string> partitioning_difference(const std::string& shown, const Table& current,
                                                   const Table& model) {
  std::string differences;
  for (const char* key : kKeys) {
    std::string c = option(current, key), m = option(model, key);
    if (normal(c) == normal(m)) continue;
    differences += std::string(differences.empty() ? "" : "; ") + key + " is " + shown_value(c) +
                   " in the database, " + shown_value(m) + " in the models";
  }
  if (differences.empty()) return std::nullopt;
  return "table " + shown + ": partitioning differs (" + differences +
         "): retort does not change partitioning in place; detach and attach the partition, or "
         "rebuild the table, with op.execute";
}

}  // namespace retort::autogen
