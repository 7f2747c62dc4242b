// Tolerant equality of schema objects for compare().
#include "autogen/schema_equality.hpp"

#include <cctype>

namespace retort::autogen {

static std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// SQL text of an index expression or WHERE clause, for comparison only. Databases give back
// their own spelling (PostgreSQL: "(active = true)", "lower((email)::text)"), so casts,
// parentheses and whitespace are dropped and case folded outside quotes. Erring towards "equal"
// is deliberate: a missed change shows up in review, a false one in every revision.
std::string normalize_sql(const std::string& s) {
  std::string out;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'' || c == '"' || c == '`') {
      size_t j = i + 1;
      for (; j < s.size(); ++j) {
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            ++j;
            continue;
          }
          break;
        }
      }
      // Quoted identifiers compare without their quotes; literals keep them.
      if (c == '\'') {
        out.append(s, i, j + 1 - i);
      } else {
        out.append(s, i + 1, j - i - 1);
      }
      i = j;
      continue;
    }
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ':') {
      size_t j = i + 2;
      while (j < s.size() && word_char(s[j])) ++j;
      for (const char* more : {" varying", " precision", " without time zone", " with time zone"}) {
        std::string m = more;
        if (s.size() - j >= m.size()) {
          std::string next = s.substr(j, m.size());
          for (auto& ch : next)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          if (next == m) j += m.size();
        }
      }
      if (j < s.size() && s[j] == '(') {
        while (j < s.size() && s[j] != ')') ++j;
        if (j < s.size()) ++j;
      }
      if (j + 1 < s.size() && s[j] == '[' && s[j + 1] == ']') j += 2;
      i = j - 1;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool indexes_equal(const Index& a, const Index& b) {
  if (a.unique != b.unique || a.elements.size() != b.elements.size()) return false;
  for (size_t i = 0; i < a.elements.size(); ++i) {
    const auto& x = a.elements[i];
    const auto& y = b.elements[i];
    if (!x.expression && !y.expression) {
      if (x.text != y.text) return false;
    } else if (normalize_sql(x.text) != normalize_sql(y.text)) {
      return false;
    }
    if (x.descending != y.descending || upper(x.nulls) != upper(y.nulls) ||
        x.postgresql_ops != y.postgresql_ops || x.mysql_length != y.mysql_length) {
      return false;
    }
  }
  if (upper(a.postgresql_using) != upper(b.postgresql_using) ||
      a.postgresql_include != b.postgresql_include ||
      upper(a.mysql_prefix) != upper(b.mysql_prefix)) {
    return false;
  }
  return normalize_sql(a.where) == normalize_sql(b.where);
}

bool plain_unique(const Index& ix) {
  if (!ix.unique || !ix.where.empty()) return false;
  if (!ix.postgresql_using.empty() || !ix.postgresql_include.empty() || !ix.mysql_prefix.empty())
    return false;
  for (const auto& e : ix.elements) {
    if (e.expression || e.descending || !e.nulls.empty() || !e.postgresql_ops.empty() ||
        e.mysql_length)
      return false;
  }
  return true;
}

std::vector<std::string> columns_of(const Index& ix) {
  std::vector<std::string> cols;
  for (const auto& e : ix.elements) cols.push_back(e.text);
  return cols;
}

// ON DELETE / ON UPDATE. Not saying is NO ACTION; MySQL reports RESTRICT for it.
static bool fk_action_equal(const std::string& reflected, const std::string& model) {
  std::string r = upper(reflected), m = upper(model);
  if (r == "NO ACTION") r = "";
  if (m == "NO ACTION") m = "";
  if (m.empty() && r == "RESTRICT") return true;
  return r == m;
}

bool fks_equal(const ForeignKey& r, const ForeignKey& m) {
  if (r.columns != m.columns || r.referred_table != m.referred_table ||
      r.referred_columns != m.referred_columns) {
    return false;
  }
  if (!r.referred_schema.empty() && !m.referred_schema.empty() &&
      r.referred_schema != m.referred_schema) {
    return false;
  }
  if (!fk_action_equal(r.ondelete, m.ondelete) || !fk_action_equal(r.onupdate, m.onupdate)) {
    return false;
  }
  if (m.deferrable && r.deferrable.value_or(false) != *m.deferrable) return false;
  if (!m.initially.empty() && upper(r.initially) != upper(m.initially)) return false;
  return true;
}

}  // namespace retort::autogen
