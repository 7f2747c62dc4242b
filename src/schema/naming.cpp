// Naming conventions and the normalisation of column-level sugar (see naming.hpp).
#include "schema/naming.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "retort/error.hpp"

namespace retort {
namespace {

std::string default_pattern(std::string_view kind) {
  if (kind == "pk") return "pk_%(table)s";
  if (kind == "fk") return "fk_%(table)s_%(column_0)s_%(referred_table)s";
  if (kind == "ck") return "ck_%(table)s_%(constraint_name)s";
  return std::string(kind) + "_%(table)s_%(column_0)s";
}

std::string kind_noun(std::string_view kind) {
  if (kind == "pk") return "primary key";
  if (kind == "fk") return "foreign key";
  if (kind == "uq") return "unique constraint";
  if (kind == "ix") return "index";
  if (kind == "ck") return "check constraint";
  return std::string(kind);
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Expands one column token: column_<i>[_name|_key|_label], with N variants joining every column
// from i on ("_N": with "_" between them, "N": without).
std::optional<std::string> expand_column_token(std::string_view token, const std::string& table,
                                               const std::vector<std::string>& columns,
                                               std::string_view kind) {
  const std::string_view prefix = "column_";
  if (token.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = token.substr(prefix.size());
  std::string_view suffix;
  for (std::string_view s : {"_name", "_key", "_label"}) {
    if (rest.size() > s.size() && rest.substr(rest.size() - s.size()) == s) {
      suffix = s;
      rest.remove_suffix(s.size());
      break;
    }
  }
  std::string separator;
  bool all = false;
  if (rest.size() > 2 && rest.substr(rest.size() - 2) == "_N") {
    all = true;
    separator = "_";
    rest.remove_suffix(2);
  } else if (rest.size() > 1 && rest.back() == 'N') {
    all = true;
    rest.remove_suffix(1);
  }
  if (!is_digits(rest)) return std::nullopt;
  size_t index = std::stoul(std::string(rest));
  if (index >= columns.size())
    throw Error(ErrorKind::Script, "cannot name the " + kind_noun(kind) + " on " + table +
                                       ": the naming convention uses %(" + std::string(token) +
                                       ")s but it has " + std::to_string(columns.size()) +
                                       " column(s); give it a name");
  auto one = [&](const std::string& c) { return suffix == "_label" ? table + "_" + c : c; };
  if (!all) return one(columns[index]);
  std::string out;
  for (size_t i = index; i < columns.size(); ++i) {
    if (i > index) out += separator;
    out += one(columns[i]);
  }
  return out;
}

}  // namespace

std::string constraint_name(const NamingConvention& convention, std::string_view kind,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& referred_table, const std::string& constraint_name) {
  auto it = convention.patterns.find(std::string(kind));
  const std::string pattern = it != convention.patterns.end() ? it->second : default_pattern(kind);
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '%') {
      out += pattern[i++];
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      out += '%';
      i += 2;
      continue;
    }
    size_t close = pattern.find(")s", i);
    if (i + 1 >= pattern.size() || pattern[i + 1] != '(' || close == std::string::npos)
      throw Error(ErrorKind::Script, "naming convention '" + pattern + "' for " +
                                         std::string(kind) + " is malformed: expected %(token)s");
    std::string token = pattern.substr(i + 2, close - i - 2);
    i = close + 2;
    if (token == "table_name" || token == "table") {
      out += table;
    } else if (token == "referred_table_name" || token == "referred_table") {
      out += referred_table;
    } else if (token == "constraint_name") {
      if (constraint_name.empty()) {
        if (kind == "ck")
          throw Error(ErrorKind::Script, "check constraint on " + table +
                                             " needs a name: the naming convention '" + pattern +
                                             "' uses %(constraint_name)s; pass { name = \"...\" }");
        throw Error(ErrorKind::Script, kind_noun(kind) + " on " + table +
                                           " needs a name: the naming convention '" + pattern +
                                           "' uses %(constraint_name)s");
      }
      out += constraint_name;
    } else if (auto c = expand_column_token(token, table, columns, kind)) {
      out += *c;
    } else {
      throw Error(ErrorKind::Script, "naming convention '" + pattern + "' for " +
                                         std::string(kind) + " uses unknown token %(" + token +
                                         ")s");
    }
  }
  return out;
}

void normalize_table(Table& table, const NamingConvention& convention) {
  const std::string& t = table.name;
  // Primary key: declared on columns, or by an explicit PrimaryKey (then column flags must agree).
  if (table.primary_key) {
    for (auto& c : table.columns) {
      bool listed = false;
      for (const auto& pc : table.primary_key->columns) listed = listed || pc == c.name;
      if (c.primary_key && !listed)
        throw Error(ErrorKind::Script, "table " + t + ": column " + c.name +
                                           " has primary_key = true but is not in the table's "
                                           "PrimaryKeyConstraint; declare the key one way only");
    }
    for (const auto& pc : table.primary_key->columns) {
      Column* c = table.find_column(pc);
      if (!c)
        throw Error(ErrorKind::Script,
                    "table " + t + ": primary key names column " + pc + ", which it does not have");
      c->primary_key = true;
    }
  } else {
    PrimaryKey pk;
    for (const auto& c : table.columns)
      if (c.primary_key) pk.columns.push_back(c.name);
    if (!pk.columns.empty()) table.primary_key = std::move(pk);
  }
  if (table.primary_key) {
    for (auto& c : table.columns)
      if (c.primary_key) c.nullable = false;
    if (table.primary_key->name.empty())
      table.primary_key->name =
          constraint_name(convention, "pk", t, table.primary_key->columns, "", "");
  }

  for (auto& c : table.columns) {
    if (c.index) {
      Index ix;
      ix.elements.push_back({c.name, false});
      ix.unique = c.unique;
      ix.name = constraint_name(convention, "ix", t, {c.name}, "", "");
      table.indexes.push_back(std::move(ix));
    } else if (c.unique) {
      UniqueConstraint uq;
      uq.columns = {c.name};
      uq.name = constraint_name(convention, "uq", t, uq.columns, "", "");
      table.unique_constraints.push_back(std::move(uq));
    }
    for (auto& fk : c.foreign_keys) {
      fk.columns = {c.name};
      table.foreign_keys.push_back(std::move(fk));
    }
    c.unique = false;
    c.index = false;
    c.foreign_keys.clear();
  }

  // Two unnamed constraints of a kind that the convention names alike (two unique constraints
  // that start with the same column, two checks on one column): the second is NAME_2, the third
  // NAME_3, in the order the table declares them, as MySQL names its own. Given names win.
  auto number = [](auto& list, auto& item) {
    int n = 1;
    const std::string base = item.name;
    auto taken = [&](const std::string& name) {
      int uses = 0;
      for (const auto& other : list) uses += other.name == name;
      return uses > 1;
    };
    while (taken(item.name)) item.name = base + "_" + std::to_string(++n);
  };
  for (auto& uq : table.unique_constraints) {
    if (!uq.name.empty()) continue;
    uq.name = constraint_name(convention, "uq", t, uq.columns, "", "");
    number(table.unique_constraints, uq);
  }
  for (auto& fk : table.foreign_keys) {
    if (!fk.name.empty()) continue;
    fk.name = constraint_name(convention, "fk", t, fk.columns, fk.referred_table, "");
    number(table.foreign_keys, fk);
  }
  for (auto& ck : table.check_constraints) {
    if (!ck.name.empty()) continue;
    ck.name = check_name(convention, t, ck.sqltext);
    number(table.check_constraints, ck);
  }
  for (auto& ix : table.indexes) {
    if (!ix.name.empty()) continue;
    ix.name = index_name(convention, t, ix);
    number(table.indexes, ix);
  }
}

std::string check_token(const std::string& sqltext) {
  static const char* const kWords[] = {"and",
                                       "or",
                                       "not",
                                       "in",
                                       "is",
                                       "null",
                                       "between",
                                       "like",
                                       "ilike",
                                       "glob",
                                       "true",
                                       "false",
                                       "case",
                                       "when",
                                       "then",
                                       "else",
                                       "end",
                                       "escape",
                                       "exists",
                                       "cast",
                                       "as",
                                       "collate",
                                       "regexp",
                                       "similar",
                                       "to",
                                       "any",
                                       "all",
                                       "some",
                                       "current_date",
                                       "current_time",
                                       "current_timestamp",
                                       "localtime",
                                       "localtimestamp",
                                       "interval"};
  for (size_t i = 0; i < sqltext.size();) {
    const unsigned char c = static_cast<unsigned char>(sqltext[i]);
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      // A string literal is skipped; a quoted identifier is a name.
      const char close = c == '[' ? ']' : static_cast<char>(c);
      size_t end = sqltext.find(close, i + 1);
      if (end == std::string::npos) break;
      if (c != '\'') {
        std::string name = sqltext.substr(i + 1, end - i - 1);
        size_t next = sqltext.find_first_not_of(" \t\n", end + 1);
        if (!name.empty() && (next == std::string::npos || sqltext[next] != '.')) return name;
      }
      i = end + 1;
      continue;
    }
    if (std::isalpha(c) || c == '_') {
      size_t end = i;
      while (end < sqltext.size() &&
             (std::isalnum(static_cast<unsigned char>(sqltext[end])) || sqltext[end] == '_'))
        ++end;
      std::string word = sqltext.substr(i, end - i);
      size_t next = sqltext.find_first_not_of(" \t\n", end);
      const bool call = next != std::string::npos && sqltext[next] == '(';
      const bool qualifier = next != std::string::npos && sqltext[next] == '.';
      std::string lower = word;
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      bool keyword = false;
      for (const char* k : kWords) keyword = keyword || lower == k;
      if (!call && !qualifier && !keyword) return word;
      i = end;
      continue;
    }
    if (std::isdigit(c)) {  // a number (1e5, 0x1F): not a name
      while (i < sqltext.size() &&
             (std::isalnum(static_cast<unsigned char>(sqltext[i])) || sqltext[i] == '.'))
        ++i;
      continue;
    }
    ++i;
  }
  // No column named: a short hash of the text (FNV-1a), stable across runs and machines.
  uint32_t h = 2166136261u;
  for (unsigned char c : sqltext) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

std::string check_name(const NamingConvention& convention, const std::string& table,
                       const std::string& sqltext) {
  const std::string token = check_token(sqltext);
  return constraint_name(convention, "ck", table, {token}, "", token);
}

std::string index_name(const NamingConvention& convention, const std::string& table,
                       const Index& index) {
  std::vector<std::string> cols;
  for (const auto& e : index.elements) {
    if (!e.expression) {
      cols.push_back(e.text);
      continue;
    }
    // "lower(email)" -> "lower_email": an identifier-safe stand-in for an expression.
    std::string s;
    for (char ch : e.text) {
      if (std::isalnum(static_cast<unsigned char>(ch))) {
        s += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      } else if (!s.empty() && s.back() != '_') {
        s += '_';
      }
    }
    while (!s.empty() && s.back() == '_') s.pop_back();
    cols.push_back(s.empty() ? "expr" : s);
  }
  return constraint_name(convention, "ix", table, cols, "", "");
}

}  // namespace retort
