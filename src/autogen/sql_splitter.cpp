// split_sql_script: one pass over the text with a little state.
#include "autogen/sql_splitter.hpp"

#include <cctype>

namespace retort::autogen {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string trim_end(const std::string& s) {
  size_t e = s.size();
  while (e > 0 && space(s[e - 1])) --e;
  return s.substr(0, e);
}

// `DELIMITER x` at `i` (the start of a statement): the new delimiter, and where its line ends.
bool delimiter_command(const std::string& sql, size_t i, std::string& delimiter, size_t& end) {
  static const std::string kWord = "DELIMITER";
  if (sql.size() - i <= kWord.size() || upper(sql.substr(i, kWord.size())) != kWord) return false;
  size_t j = i + kWord.size();
  if (sql[j] != ' ' && sql[j] != '\t') return false;
  end = sql.find('\n', j);
  if (end == std::string::npos) end = sql.size();
  size_t b = j;
  while (b < end && space(sql[b])) ++b;
  size_t e = b;
  while (e < end && !space(sql[e])) ++e;
  if (e == b) return false;
  delimiter = sql.substr(b, e - b);
  return true;
}

}  // namespace

std::vector<SqlStatement> split_sql_script(const std::string& sql) {
  std::vector<SqlStatement> out;
  std::string current;             // the statement so far, as written, from its first token
  int current_line = 0;            // its line; 0 while nothing but space and comments was seen
  std::vector<std::string> words;  // upper-cased leading words (up to the first BEGIN)
  bool routine = false;            // CREATE ... TRIGGER/PROCEDURE/FUNCTION/EVENT
  int depth = 0;                   // BEGIN/CASE ... END nesting inside a routine
  std::string last_word;
  std::string delimiter = ";";
  int line = 1;

  auto finish = [&] {
    if (current_line > 0) out.push_back({trim_end(current), current_line});
    current.clear();
    current_line = 0;
    words.clear();
    routine = false;
    depth = 0;
    last_word.clear();
  };
  // Text that is part of a statement (not a comment before one).
  auto take = [&](size_t from, size_t to) {
    if (current_line == 0) current_line = line;
    for (size_t k = from; k < to; ++k)
      if (sql[k] == '\n') ++line;
    current.append(sql, from, to - from);
  };
  // Text skipped (comments between statements, client commands).
  auto skip = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k)
      if (sql[k] == '\n') ++line;
  };
  // A comment: kept inside a statement, dropped before one.
  auto comment = [&](size_t from, size_t to) {
    if (current_line == 0) {
      skip(from, to);
    } else {
      take(from, to);
    }
  };

  const size_t n = sql.size();
  for (size_t i = 0; i < n;) {
    char c = sql[i];
    if (current_line == 0) {
      if (space(c)) {
        skip(i, i + 1);
        ++i;
        continue;
      }
      // Client-side commands, only where a statement may start.
      size_t end = 0;
      if (delimiter_command(sql, i, delimiter, end)) {
        skip(i, end);
        i = end;
        continue;
      }
      if (c == '\\') {
        end = sql.find('\n', i);
        if (end == std::string::npos) end = n;
        skip(i, end);
        i = end;
        continue;
      }
    }
    // The delimiter, where it is not ";" (MySQL DELIMITER): it ends the statement wherever it
    // stands outside quotes and comments, BEGIN ... END or not.
    if (delimiter != ";" && sql.compare(i, delimiter.size(), delimiter) == 0) {
      finish();
      i += delimiter.size();
      continue;
    }
    // Comments. MySQL's executable comments are statement text.
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string::npos) end = n;
      comment(i, end);
      i = end;
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string::npos ? n : end + 2;
      bool executable =
          i + 2 < n && (sql[i + 2] == '!' || (sql[i + 2] == 'M' && i + 3 < n && sql[i + 3] == '!'));
      if (executable) {
        take(i, end);
      } else {
        comment(i, end);
      }
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
      take(i, end);
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
        take(i, end);
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
      take(i, j);
      i = j;
      continue;
    }
    if (c == ';' && delimiter == ";" && depth <= 0) {
      finish();
      ++i;
      continue;
    }
    if (c == ';' && current_line == 0) {  // an empty statement
      ++i;
      continue;
    }
    take(i, i + 1);
    if (!space(c)) last_word.clear();
    ++i;
  }
  finish();
  return out;
}

std::vector<std::string> split_sql_statements(const std::string& sql) {
  std::vector<std::string> out;
  for (auto& s : split_sql_script(sql)) out.push_back(std::move(s.text));
  return out;
}

}  // namespace retort::autogen
