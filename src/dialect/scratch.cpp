// Helpers for loading a schema.sql into a scratch (scratch.hpp).
#include "dialect/scratch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <random>

namespace retort {
namespace {

// The statement's words, upper-cased, up to `limit` of them (comments skipped; quoted text is
// one word), and its last word.
std::vector<std::string> leading_words(const std::string& sql, size_t limit, std::string& last) {
  std::vector<std::string> words;
  size_t i = 0;
  const size_t n = sql.size();
  last.clear();
  while (i < n) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      i = sql.find('\n', i);
      if (i == std::string::npos) i = n;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      i = sql.find("*/", i + 2);
      i = i == std::string::npos ? n : i + 2;
    } else {
      size_t j = i;
      if (c == '"' || c == '`' || c == '\'') {
        j = sql.find(c, i + 1);
        j = j == std::string::npos ? n : j + 1;
      } else {
        while (j < n && !std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
      }
      std::string w = sql.substr(i, j - i);
      for (auto& ch : w) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (words.size() < limit) words.push_back(w);
      last = w;
      i = j;
    }
  }
  return words;
}

}  // namespace

// Roles and privileges are not part of the models (retort manages no roles), and the roles a
// dump names (its owner, the grantees) need not exist where the scratch is made.
bool privilege_statement(const std::string& sql) {
  std::string last;
  std::vector<std::string> w = leading_words(sql, 3, last);
  if (w.empty()) return false;
  if (w[0] == "GRANT" || w[0] == "REVOKE") return true;
  if (w[0] != "ALTER") return false;
  if (w.size() >= 3 && w[1] == "DEFAULT" && w[2] == "PRIVILEGES") return true;
  // ALTER <kind> <name> OWNER TO <role>: pg_dump writes one per object, alone. (Not ALTER
  // TABLE t RENAME [COLUMN] owner TO x.)
  std::string tail;
  std::vector<std::string> all = leading_words(sql, 64, tail);
  size_t k = all.size();
  return k >= 4 && k < 64 && all[k - 3] == "OWNER" && all[k - 2] == "TO" &&
         std::find(all.begin(), all.end(), "RENAME") == all.end();
}

void run_schema_script(Connection& conn, const SchemaScript& script) {
  const auto& statements = script.statements;
  for (size_t i = 0; i < statements.size(); ++i) {
    if (privilege_statement(statements[i])) continue;
    try {
      conn.execute(statements[i]);
    } catch (const Error& e) {
      std::string where = script.path.string();
      if (i < script.lines.size()) where += ":" + std::to_string(script.lines[i]);
      throw Error(ErrorKind::Database,
                  fmt::format("{}: statement {} failed in the scratch database: {}", where, i + 1,
                              e.what()));
    }
  }
}

std::string scratch_name(std::string_view database) {
  std::random_device rd;
  std::string name = fmt::format("retort_scratch_{:08x}", static_cast<unsigned>(rd()));
  if (database.empty()) return name;
  // The project's database, so a scratch a killed process left behind says whose it was; within
  // the shortest limit of the dialects (PostgreSQL's 63 bytes), in plain characters.
  name += '_';
  for (char c : database) {
    if (name.size() >= 63) break;
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

void forget_scratch_schema(MetaData& m, const std::string& scratch) {
  for (auto& o : m.objects)
    if (o.schema == scratch) o.schema.clear();
  for (auto& d : m.domains)
    if (d.schema == scratch) d.schema.clear();
  for (auto& q : m.sequences) {
    if (q.schema == scratch) q.schema.clear();
    if (q.owned_by.rfind(scratch + ".", 0) == 0) q.owned_by.erase(0, scratch.size() + 1);
  }
  for (auto& t : m.tables) {
    if (t.schema == scratch) t.schema.clear();
    for (auto& fk : t.foreign_keys)
      if (fk.referred_schema == scratch) fk.referred_schema.clear();
    for (auto& c : t.columns)
      for (auto& fk : c.foreign_keys)
        if (fk.referred_schema == scratch) fk.referred_schema.clear();
  }
}

}  // namespace retort
