// split_sql_statements: one pass over the text with a little state.
#include "autogen/sql_splitter.hpp"

#include <cctype>

namespace retort::autogen {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool only_space(const std::string& s) {
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

}  // namespace

std::vector<std::string> split_sql_statements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;             // the statement so far, as written
  std::string code;                // the same without comments, for "is there anything here"
  std::vector<std::string> words;  // upper-cased leading words (up to the first BEGIN)
  bool routine = false;            // CREATE ... TRIGGER/PROCEDURE/FUNCTION/EVENT
  int depth = 0;                   // BEGIN/CASE ... END nesting inside a routine
  std::string last_word;

  auto finish = [&] {
    if (!only_space(code)) out.push_back(trim(current));
    current.clear();
    code.clear();
    words.clear();
    routine = false;
    depth = 0;
    last_word.clear();
  };

  const size_t n = sql.size();
  for (size_t i = 0; i < n;) {
    char c = sql[i];
    // Comments.
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string::npos) end = n;
      current.append(sql, i, end - i);
      i = end;
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string::npos ? n : end + 2;
      current.append(sql, i, end - i);
      code += ' ';
      i = end;
      continue;
    }
    // Quoted text and identifiers; a doubled quote is part of it.
    if (c == '\'' || c == '"' || c == '`') {
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == c) {
          if (j + 1 < n && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      size_t end = j < n ? j + 1 : n;
      current.append(sql, i, end - i);
      code.append(sql, i, end - i);
      last_word.clear();
      i = end;
      continue;
    }
    // PostgreSQL dollar quotes: $$...$$ or $tag$...$tag$.
    if (c == '$' && (i == 0 || !word_char(sql[i - 1])) &&
        !(i + 1 < n && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      size_t j = i + 1;
      while (j < n && word_char(sql[j])) ++j;
      if (j < n && sql[j] == '$') {
        std::string tag = sql.substr(i, j - i + 1);
        size_t close = sql.find(tag, j + 1);
        size_t end = close == std::string::npos ? n : close + tag.size();
        current.append(sql, i, end - i);
        code.append(sql, i, end - i);
        i = end;
        continue;
      }
    }
    // Words: watch for routines and their BEGIN ... END.
    if (word_char(c)) {
      size_t j = i;
      while (j < n && word_char(sql[j])) ++j;
      std::string word = upper(sql.substr(i, j - i));
      if (!routine && depth == 0 && words.size() < 8) {
        words.push_back(word);
        if (words[0] == "CREATE" &&
            (word == "TRIGGER" || word == "PROCEDURE" || word == "FUNCTION" || word == "EVENT")) {
          routine = true;
        }
      }
      if (routine) {
        if (word == "BEGIN" || (word == "CASE" && last_word != "END")) {
          ++depth;
        } else if (word == "END") {
          --depth;
        } else if ((word == "IF" || word == "WHILE" || word == "LOOP" || word == "REPEAT") &&
                   last_word == "END") {
          ++depth;  // END IF closes an IF that never opened a level
        }
      }
      last_word = word;
      current.append(sql, i, j - i);
      code.append(sql, i, j - i);
      i = j;
      continue;
    }
    if (c == ';' && depth <= 0) {
      finish();
      ++i;
      continue;
    }
    current += c;
    code += c;
    if (!std::isspace(static_cast<unsigned char>(c))) last_word.clear();
    ++i;
  }
  finish();
  return out;
}

}  // namespace retort::autogen
