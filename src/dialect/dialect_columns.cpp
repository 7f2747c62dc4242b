// The generic column and index detail hooks of Dialect: comparable_column, comparable_index and
// collations_equivalent. A dialect that keeps a prefixed option (mysql_*, postgresql_*)
// overrides them to keep its own.
#include <algorithm>
#include <cctype>
#include <string>

#include "dialect/dialect.hpp"
#include "dialect/sequence_support.hpp"

namespace retort {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `sql` without whitespace outside quotes and without parentheses around the whole of it.
std::string squeezed(const std::string& sql) {
  std::string out;
  char quote = 0;
  for (char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;
    } else if (ch == '\'' || ch == '"' || ch == '`') {
      quote = ch;
    } else if (std::isspace(static_cast<unsigned char>(ch))) {
      continue;
    }
    out += ch;
  }
  auto wraps = [](const std::string& s) {
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
    int depth = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '(') ++depth;
      if (s[i] == ')' && --depth == 0 && i + 1 < s.size()) return false;
    }
    return true;
  };
  while (wraps(out)) out = out.substr(1, out.size() - 2);
  return out;
}

}  // namespace

bool Dialect::computed_equivalent(const Computed& reflected, const Computed& model) const {
  bool stored_default = computed_stored_by_default();
  return reflected.persisted.value_or(stored_default) == model.persisted.value_or(stored_default) &&
         squeezed(reflected.sqltext) == squeezed(model.sqltext);
}

void Dialect::comparable_column(Column& model, const Table&) const {
  model.mysql_on_update.reset();
  model.type.mysql_charset.clear();
  // Without identity columns, sa.Identity() is the database's auto-increment (the DDL compiler
  // refuses the options it cannot keep).
  if (model.identity) {
    model.identity.reset();
    model.autoincrement = true;
  }
}

bool Dialect::identities_equivalent(const Column& reflected, const Column& model,
                                    bool implicit) const {
  const auto& r = reflected.identity;
  const auto& m = model.identity;
  if (!r && !m) return true;
  if (!r) return implicit;
  if (!m) return false;
  const int bits = integer_bits(reflected.type);
  return r->always == m->always &&
         filled_options(r->options, bits) == filled_options(m->options, bits);
}

void Dialect::comparable_index(Index& model) const {
  model.postgresql_using.clear();
  model.postgresql_include.clear();
  model.mysql_prefix.clear();
  for (auto& e : model.elements) {
    e.postgresql_ops.clear();
    e.mysql_length.reset();
  }
}

bool Dialect::collations_equivalent(const Type& reflected, const Type& model) const {
  return lower(reflected.collation) == lower(model.collation);
}

}  // namespace retort
