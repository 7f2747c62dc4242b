// Generic types <-> SQLite declared types.
#include "dialect/sqlite/types.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "dialect/generic_types.hpp"
#include "retort/error.hpp"
#include "dialect/literal_types.hpp"

namespace retort::sqlite {
namespace {

std::string upper_normalized(std::string_view text) {
  // Upper case, runs of spaces collapsed, no spaces next to parentheses or commas except the one
  // after a comma ("NUMERIC(10, 2)"), so equivalent spellings compare equal.
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (c == '(' || c == ')' || c == ',') {
      if (!out.empty() && out.back() == ' ') out.pop_back();
      out += c;
      if (c == ',') out += ' ';
      continue;
    }
    if (out.size() >= 2 && out.back() == ' ' && out[out.size() - 2] == '(') out.pop_back();
    out += static_cast<char>(std::toupper(u));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // "( " left by the comma rule cannot happen; "(x )" was handled when ')' arrived.
  std::string fixed;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ' ' && i > 0 && out[i - 1] == '(') continue;
    fixed += out[i];
  }
  return fixed;
}

// Splits "NAME(a, b)" into NAME and integer arguments; nullopt when the arguments are not
// plain non-negative integers.
std::optional<std::pair<std::string, std::vector<int>>> split_args(const std::string& norm) {
  auto open = norm.find('(');
  if (open == std::string::npos) return std::make_pair(norm, std::vector<int>{});
  if (norm.back() != ')') return std::nullopt;
  std::string name = norm.substr(0, open);
  std::string inner = norm.substr(open + 1, norm.size() - open - 2);
  std::vector<int> args;
  size_t pos = 0;
  while (pos <= inner.size()) {
    auto comma = inner.find(',', pos);
    std::string part =
        inner.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    if (part.empty() || part.size() > 9 || !std::all_of(part.begin(), part.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      return std::nullopt;
    args.push_back(std::stoi(part));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return std::make_pair(name, args);
}

Type native(std::string_view declared) {
  Type t;
  t.kind = TypeKind::Native;
  t.native = std::string(declared);
  return t;
}

}  // namespace

std::string type_sql(const Type& type) {
  if (auto literal = literal_type_sql(type)) return *literal;
  switch (type.kind) {
    case TypeKind::Array:
      throw Error(ErrorKind::Script,
                  "sa.ARRAY is PostgreSQL only; SQLite has no array type (use sa.JSON())");
    case TypeKind::Interval:
      throw Error(ErrorKind::Script,
                  "sa.Interval is PostgreSQL only; SQLite has no interval type (store seconds in "
                  "an integer column)");
    case TypeKind::Uuid:
      return "CHAR(32)";  // hex without dashes, as SQLAlchemy stores it
    default:
      return generic_type_sql(type);  // DATETIME: SQLite stores no time zone
  }
}

Type type_from_declaration(std::string_view declared) {
  std::string norm = upper_normalized(declared);
  auto parts = split_args(norm);
  if (!parts) return native(declared);
  const std::string& name = parts->first;  // not a structured binding: the lambda captures it
  const std::vector<int>& args = parts->second;
  Type t;
  auto plain = [&](TypeKind kind) -> Type {
    if (!args.empty() || norm != name) return native(declared);
    t.kind = kind;
    return t;
  };
  if (name == "INTEGER") return plain(TypeKind::Integer);
  if (name == "BIGINT") return plain(TypeKind::BigInteger);
  if (name == "SMALLINT") return plain(TypeKind::SmallInteger);
  if (name == "TEXT") return plain(TypeKind::Text);
  if (name == "BOOLEAN") return plain(TypeKind::Boolean);
  if (name == "DATE") return plain(TypeKind::Date);
  if (name == "DATETIME") return plain(TypeKind::DateTime);
  if (name == "TIME") return plain(TypeKind::Time);
  if (name == "BLOB") return plain(TypeKind::LargeBinary);
  if (name == "JSON") return plain(TypeKind::JSON);
  if (name == "VARCHAR" && args.size() <= 1) {
    t.kind = TypeKind::String;
    if (!args.empty()) t.length = args[0];
    return t;
  }
  if (name == "NUMERIC" && args.size() <= 2) {
    t.kind = TypeKind::Numeric;
    if (args.size() >= 1) t.precision = args[0];
    if (args.size() == 2) t.scale = args[1];
    return t;
  }
  if (name == "FLOAT" && args.size() <= 1) {
    t.kind = TypeKind::Float;
    if (!args.empty()) t.precision = args[0];
    return t;
  }
  if (name == "CHAR" && args.size() == 1 && args[0] == 32) {
    t.kind = TypeKind::Uuid;
    return t;
  }
  return native(declared);
}

}  // namespace retort::sqlite

// SqliteDialect's autogenerate hooks live here, beside the mapping they depend on.
#include "dialect/sqlite/sqlite_dialect.hpp"

namespace retort::sqlite {

// A model type compares as the declaration SQLite would store for it, reflected back: Enum is
// VARCHAR(longest value), DateTime(timezone) is DATETIME, Uuid is CHAR(32).
bool SqliteDialect::types_equivalent(const Type& reflected, const Type& model) const {
  if (Dialect::types_equivalent(reflected, model)) return true;
  if (model.kind == TypeKind::Native) return false;
  Type stored = type_from_declaration(type_sql(model));
  if (model.kind == TypeKind::String && !model.length) return reflected.kind == TypeKind::String;
  return Dialect::types_equivalent(reflected, stored);
}

bool SqliteDialect::defaults_equivalent(const std::optional<ServerDefault>& reflected,
                                        const std::optional<ServerDefault>& model) const {
  return Dialect::defaults_equivalent(reflected, model);
}

}  // namespace retort::sqlite
