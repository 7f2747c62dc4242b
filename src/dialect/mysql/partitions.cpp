// MySQL/MariaDB partitioning (partitions.hpp).
#include "dialect/mysql/partitions.hpp"

#include <algorithm>
#include <cctype>

#include "dialect/mysql/types.hpp"

namespace retort::mysql {
namespace {

std::string option(const Table& t, const char* key) {
  auto it = t.dialect_options.find(key);
  return it == t.dialect_options.end() ? std::string() : it->second;
}

bool is_count(const std::string& v) {
  return !v.empty() && v.size() < 10 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool plain(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string definition(const PartitionDef& d) {
  std::string s = "PARTITION " + (plain(d.name) ? d.name : quote_ident(d.name));
  if (!d.bound.empty()) s += " " + d.bound;
  return s;
}

// A number of partitions as the server names them: p0, p1, ...
std::vector<PartitionDef> comparable(const std::string& partitions) {
  if (!is_count(partitions)) return partition_defs(partitions);
  std::vector<PartitionDef> out;
  for (int i = 0, n = std::stoi(partitions); i < n; ++i)
    out.push_back({"p" + std::to_string(i), ""});
  return out;
}

bool same_def(const PartitionDef& a, const PartitionDef& b) {
  return lower(a.name) == lower(b.name) &&
         partition_text_key(a.bound) == partition_text_key(b.bound);
}

std::string tail(const std::string& partitions) {
  if (partitions.empty()) return "";
  if (is_count(partitions)) return " PARTITIONS " + partitions;
  std::string s = " (";
  const auto defs = partition_defs(partitions);
  for (size_t i = 0; i < defs.size(); ++i) s += (i ? ", " : "") + definition(defs[i]);
  return s + ")";
}

std::string names(const std::vector<PartitionDef>& defs, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to; ++i) s += (s.empty() ? "" : ", ") + quote_ident(defs[i].name);
  return s;
}

std::string definitions(const std::vector<PartitionDef>& defs, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to; ++i) s += (s.empty() ? "" : ", ") + definition(defs[i]);
  return s;
}

}  // namespace

std::vector<PartitionDef> partition_defs(const std::string& partitions) {
  std::vector<PartitionDef> out;
  if (partitions.empty() || is_count(partitions)) return out;
  size_t from = 0;
  while (from <= partitions.size()) {
    size_t nl = partitions.find('\n', from);
    std::string line = trimmed(partitions.substr(from, nl == std::string::npos ? nl : nl - from));
    from = nl == std::string::npos ? partitions.size() + 1 : nl + 1;
    if (line.empty()) continue;
    if (lower(line.substr(0, 10)) == "partition ") line = trimmed(line.substr(10));
    PartitionDef d;
    size_t end;
    if (line[0] == '`') {
      end = line.find('`', 1);
      if (end == std::string::npos) end = line.size() - 1;
      d.name = line.substr(1, end - 1);
      ++end;
    } else {
      end = 0;
      while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) ++end;
      d.name = line.substr(0, end);
    }
    d.bound = trimmed(line.substr(std::min(end, line.size())));
    out.push_back(std::move(d));
  }
  return out;
}

std::string partitions_value(const std::vector<PartitionDef>& defs) {
  std::string s;
  for (const auto& d : defs) s += (s.empty() ? "" : "\n") + definition(d);
  return s;
}

std::string partition_text_key(const std::string& s) {
  std::string out;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c == '`' || std::isspace(static_cast<unsigned char>(c))) continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (size_t at; (at = out.find("(maxvalue)")) != std::string::npos;)
    out.replace(at, 10, "maxvalue");
  return out;
}

bool same_partitioning(const Table& a, const Table& b) {
  const std::string by_a = option(a, "mysql_partition_by"), by_b = option(b, "mysql_partition_by");
  if (partition_text_key(by_a) != partition_text_key(by_b)) return false;
  if (by_a.empty()) return true;
  const auto da = comparable(option(a, "mysql_partitions"));
  const auto db = comparable(option(b, "mysql_partitions"));
  if (da.size() != db.size()) return false;
  for (size_t i = 0; i < da.size(); ++i)
    if (!same_def(da[i], db[i])) return false;
  return true;
}

std::string partition_clause(const Table& t) {
  const std::string by = option(t, "mysql_partition_by");
  if (by.empty()) return "";
  return "\nPARTITION BY " + by + tail(option(t, "mysql_partitions"));
}

PartitionChange partition_change(const std::string& from_by, const std::string& from,
                                 const std::string& to_by, const std::string& to) {
  PartitionChange c;
  if (to_by.empty()) {
    if (!from_by.empty()) c.clauses.push_back("REMOVE PARTITIONING");
    return c;
  }
  const bool counts = is_count(from) && is_count(to);
  if (partition_text_key(from_by) != partition_text_key(to_by) ||
      (!counts && (is_count(from) || is_count(to)))) {
    Table a, b;
    a.dialect_options = {{"mysql_partition_by", from_by}, {"mysql_partitions", from}};
    b.dialect_options = {{"mysql_partition_by", to_by}, {"mysql_partitions", to}};
    if (!same_partitioning(a, b)) c.clauses.push_back("PARTITION BY " + to_by + tail(to));
    return c;
  }
  if (counts) {
    const int n = std::stoi(from), m = std::stoi(to);
    if (m > n) c.clauses.push_back("ADD PARTITION PARTITIONS " + std::to_string(m - n));
    if (m < n) c.clauses.push_back("COALESCE PARTITION " + std::to_string(n - m));
    return c;
  }
  const auto old_defs = partition_defs(from), new_defs = partition_defs(to);
  size_t prefix = 0;
  while (prefix < old_defs.size() && prefix < new_defs.size() &&
         same_def(old_defs[prefix], new_defs[prefix]))
    ++prefix;
  size_t suffix = 0;
  while (suffix < old_defs.size() - prefix && suffix < new_defs.size() - prefix &&
         same_def(old_defs[old_defs.size() - 1 - suffix], new_defs[new_defs.size() - 1 - suffix]))
    ++suffix;
  const size_t old_end = old_defs.size() - suffix, new_end = new_defs.size() - suffix;
  if (prefix == old_end && prefix == new_end) return c;  // the same
  const bool range = lower(to_by).rfind("range", 0) == 0;
  if (prefix == new_end && range && suffix > 0) {
    // RANGE partitions gone before one that stays: their ranges (and rows) go to it.
    c.clauses.push_back("REORGANIZE PARTITION " + names(old_defs, prefix, old_end + 1) + " INTO (" +
                        definitions(new_defs, new_end, new_end + 1) + ")");
  } else if (prefix == new_end) {
    // Partitions gone with no partition to take their rows (the last RANGE ones, LIST ones):
    // dropped with their rows.
    c.clauses.push_back("DROP PARTITION " + names(old_defs, prefix, old_end));
    for (size_t i = prefix; i < old_end; ++i) c.dropped.push_back(old_defs[i].name);
  } else if (prefix == old_end && suffix == 0) {
    c.clauses.push_back("ADD PARTITION (" + definitions(new_defs, prefix, new_end) + ")");
  } else if (prefix == old_end) {
    // New partitions before an existing one (a RANGE ending in MAXVALUE): that one is split.
    c.clauses.push_back("REORGANIZE PARTITION " + names(old_defs, old_end, old_end + 1) +
                        " INTO (" + definitions(new_defs, prefix, new_end + 1) + ")");
  } else {
    c.clauses.push_back("REORGANIZE PARTITION " + names(old_defs, prefix, old_end) + " INTO (" +
                        definitions(new_defs, prefix, new_end) + ")");
  }
  return c;
}

PartitionChange partition_change_of(const ops::AlterTableOptions& op, SchemaView& schema) {
  const char* by = "mysql_partition_by";
  const char* parts = "mysql_partitions";
  if (!op.options.count(by) && !op.options.count(parts)) return {};
  std::string from_by, from;
  if (op.existing.count(by) || op.existing.count(parts)) {
    if (auto it = op.existing.find(by); it != op.existing.end()) from_by = it->second;
    if (auto it = op.existing.find(parts); it != op.existing.end()) from = it->second;
  } else if (auto t = schema.table(op.table.schema, op.table.name)) {
    from_by = option(*t, by);
    from = option(*t, parts);
  }
  std::string to_by = from_by, to = from;
  if (auto it = op.options.find(by); it != op.options.end()) to_by = it->second;
  if (auto it = op.options.find(parts); it != op.options.end()) to = it->second;
  return partition_change(from_by, from, to_by, to);
}

}  // namespace retort::mysql
