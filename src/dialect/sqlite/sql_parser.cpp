// Tokenizer and CREATE TABLE / CREATE INDEX readers.
#include "dialect/sqlite/sql_parser.hpp"

#include <strings.h>

#include <cctype>

namespace retort::sqlite {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool word_char(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && (std::isspace(static_cast<unsigned char>(s[e - 1])) || s[e - 1] == ';')) --e;
  return std::string(s.substr(b, e - b));
}

// Index of the token closing the parenthesis opened at `open`; tokens.size() if unbalanced.
size_t matching_paren(const std::vector<Token>& t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i].kind != Token::Kind::Punct) continue;
    if (t[i].value == "(") ++depth;
    if (t[i].value == ")" && --depth == 0) return i;
  }
  return t.size();
}

// Splits tokens [from, to) at top-level commas.
std::vector<std::pair<size_t, size_t>> split_commas(const std::vector<Token>& t, size_t from,
                                                    size_t to) {
  std::vector<std::pair<size_t, size_t>> parts;
  int depth = 0;
  size_t start = from;
  for (size_t i = from; i < to; ++i) {
    if (t[i].kind != Token::Kind::Punct) continue;
    if (t[i].value == "(")
      ++depth;
    else if (t[i].value == ")")
      --depth;
    else if (t[i].value == "," && depth == 0) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < to) parts.emplace_back(start, to);
  return parts;
}

// The first identifier of each comma-separated element of the group (open, close).
std::vector<std::string> column_list(const std::vector<Token>& t, size_t open, size_t close) {
  std::vector<std::string> cols;
  for (auto [b, e] : split_commas(t, open + 1, close))
    if (b < e && t[b].is_identifier()) cols.push_back(t[b].value);
  return cols;
}

bool starts_constraint(const Token& tok) {
  for (const char* k : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
                        "COLLATE", "REFERENCES", "GENERATED", "AS"})
    if (tok.is(k)) return true;
  return false;
}

// Reads REFERENCES ... starting at the token after REFERENCES; returns the index after it.
size_t read_references(std::string_view sql, const std::vector<Token>& t, size_t i, size_t end,
                       ParsedConstraint& fk) {
  if (i < end && t[i].is_identifier()) fk.referred_table = t[i++].value;
  if (i < end && t[i].kind == Token::Kind::Punct && t[i].value == "(") {
    size_t close = matching_paren(t, i);
    fk.referred_columns = column_list(t, i, close);
    i = close + 1;
  }
  while (i < end) {
    if (t[i].is("ON") && i + 1 < end) {
      i += 2;  // DELETE / UPDATE
      if (i < end && (t[i].is("SET") || t[i].is("NO")))
        i += 2;
      else
        ++i;
    } else if (t[i].is("MATCH")) {
      i += 2;
    } else if (t[i].is("NOT") && i + 1 < end && t[i + 1].is("DEFERRABLE")) {
      fk.deferrable = false;
      i += 2;
    } else if (t[i].is("DEFERRABLE")) {
      fk.deferrable = true;
      ++i;
    } else if (t[i].is("INITIALLY") && i + 1 < end) {
      std::string v = t[i + 1].value;
      for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      fk.initially = v;
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

bool Token::is(std::string_view keyword) const {
  return kind == Kind::Word && iequals(value, keyword);
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? s.size() : e + 2;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      Token tok;
      tok.begin = i++;
      std::string value;
      while (i < s.size()) {
        if (s[i] == close) {
          if (close != ']' && i + 1 < s.size() && s[i + 1] == close) {
            value += close;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        value += s[i++];
      }
      tok.end = i;
      if (c == '\'') {
        tok.kind = Token::Kind::String;
        tok.value = std::string(s.substr(tok.begin, tok.end - tok.begin));
      } else {
        tok.kind = Token::Kind::QuotedWord;
        tok.value = value;
      }
      out.push_back(std::move(tok));
    } else if ((c == 'x' || c == 'X') && i + 1 < s.size() && s[i + 1] == '\'') {
      Token tok{Token::Kind::Blob, "", i, 0};
      size_t e = s.find('\'', i + 2);
      i = e == std::string_view::npos ? s.size() : e + 1;
      tok.end = i;
      tok.value = std::string(s.substr(tok.begin, tok.end - tok.begin));
      out.push_back(std::move(tok));
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() &&
                std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      Token tok{Token::Kind::Number, "", i, 0};
      while (i < s.size() &&
             (word_char(s[i]) || s[i] == '.' ||
              ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'))))
        ++i;
      tok.end = i;
      tok.value = std::string(s.substr(tok.begin, tok.end - tok.begin));
      out.push_back(std::move(tok));
    } else if (word_char(c)) {
      Token tok{Token::Kind::Word, "", i, 0};
      while (i < s.size() && word_char(s[i])) ++i;
      tok.end = i;
      tok.value = std::string(s.substr(tok.begin, tok.end - tok.begin));
      out.push_back(std::move(tok));
    } else {
      out.push_back(Token{Token::Kind::Punct, std::string(1, c), i, i + 1});
      ++i;
    }
  }
  return out;
}

bool mentions_identifier(std::string_view sql, std::string_view identifier) {
  for (const auto& t : tokenize(sql))
    if (t.is_identifier() && iequals(t.value, identifier)) return true;
  return false;
}

std::string replace_identifier(std::string_view sql, std::string_view from,
                               std::string_view to_sql) {
  std::string out;
  size_t pos = 0;
  for (const auto& t : tokenize(sql)) {
    if (!t.is_identifier() || !iequals(t.value, from)) continue;
    out += sql.substr(pos, t.begin - pos);
    out += to_sql;
    pos = t.end;
  }
  out += sql.substr(pos);
  return out;
}

ParsedTable parse_create_table(std::string_view sql) {
  ParsedTable result;
  auto t = tokenize(sql);
  size_t open = 0;
  while (open < t.size() && !(t[open].kind == Token::Kind::Punct && t[open].value == "(")) ++open;
  if (open == t.size()) return result;
  size_t close = matching_paren(t, open);
  // Table options, kept only when they are the ones SQLite has (a stray tail is ignored).
  for (size_t i = close + 1; i < t.size(); ++i) {
    bool known = t[i].is("WITHOUT") || t[i].is("ROWID") || t[i].is("STRICT") ||
                 (t[i].kind == Token::Kind::Punct && (t[i].value == "," || t[i].value == ";"));
    if (!known) {
      result.options.clear();
      break;
    }
    if (i == close + 1) result.options = trim(sql.substr(t[i].begin));
  }
  using Kind = ParsedConstraint::Kind;

  for (const auto& item : split_commas(t, open + 1, close)) {
    // Plain variables, not a structured binding: lambdas below capture them.
    const size_t b = item.first, e = item.second;
    if (b >= e) continue;
    std::string pending_name;
    size_t i = b;
    const bool table_level = t[b].is("CONSTRAINT") || t[b].is("PRIMARY") || t[b].is("UNIQUE") ||
                             t[b].is("CHECK") || t[b].is("FOREIGN");
    std::string column;
    if (!table_level) {
      column = t[b].value;
      i = b + 1;
      // The type name, with its arguments, runs until the first column constraint.
      while (i < e && !starts_constraint(t[i])) {
        if (t[i].kind == Token::Kind::Punct && t[i].value == "(") i = matching_paren(t, i);
        ++i;
      }
    }
    while (i < e) {
      const Token& tok = t[i];
      auto group_after = [&](size_t at) -> std::pair<size_t, size_t> {
        if (at < e && t[at].kind == Token::Kind::Punct && t[at].value == "(")
          return {at, matching_paren(t, at)};
        return {e, e};
      };
      if (tok.is("CONSTRAINT") && i + 1 < e) {
        pending_name = t[i + 1].value;
        i += 2;
        continue;
      }
      ParsedConstraint c;
      c.name = pending_name;
      if (tok.is("PRIMARY")) {
        c.kind = Kind::PrimaryKey;
        i += 2;  // PRIMARY KEY
        if (table_level) {
          auto [o, cl] = group_after(i);
          if (o < e) c.columns = column_list(t, o, cl);
          i = cl + 1;
        } else {
          c.columns = {column};
          // ASC/DESC, ON CONFLICT x, AUTOINCREMENT
          while (i < e && !starts_constraint(t[i])) {
            if (t[i].is("AUTOINCREMENT")) result.autoincrement_columns.push_back(column);
            ++i;
          }
        }
      } else if (tok.is("UNIQUE")) {
        c.kind = Kind::Unique;
        ++i;
        if (table_level) {
          auto [o, cl] = group_after(i);
          if (o < e) c.columns = column_list(t, o, cl);
          i = cl + 1;
        } else {
          c.columns = {column};
        }
      } else if (tok.is("CHECK")) {
        c.kind = Kind::Check;
        auto [o, cl] = group_after(i + 1);
        if (o < e && cl < e) c.check = trim(sql.substr(t[o].end, t[cl].begin - t[o].end));
        i = cl + 1;
      } else if (tok.is("FOREIGN") && table_level) {
        c.kind = Kind::ForeignKey;
        auto [o, cl] = group_after(i + 2);  // FOREIGN KEY (
        if (o < e) c.columns = column_list(t, o, cl);
        i = cl + 1;
        if (i < e && t[i].is("REFERENCES")) i = read_references(sql, t, i + 1, e, c);
      } else if (tok.is("REFERENCES") && !table_level) {
        c.kind = Kind::ForeignKey;
        c.columns = {column};
        i = read_references(sql, t, i + 1, e, c);
      } else if (tok.is("COLLATE") && !table_level && i + 1 < e) {
        result.collations[column] = t[i + 1].value;
        i += 2;
        pending_name.clear();
        continue;
      } else if (tok.is("AS") && !table_level && i + 1 < e && t[i + 1].kind == Token::Kind::Punct &&
                 t[i + 1].value == "(") {
        // [GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]: STORED comes from table_xinfo.
        size_t cl = matching_paren(t, i + 1);
        if (cl < e)
          result.generated[column] = trim(sql.substr(t[i + 1].end, t[cl].begin - t[i + 1].end));
        i = cl + 1;
        pending_name.clear();
        continue;
      } else {
        // NOT NULL, DEFAULT x, GENERATED ALWAYS, conflict clauses: nothing to keep.
        if (tok.kind == Token::Kind::Punct && tok.value == "(") i = matching_paren(t, i);
        ++i;
        pending_name.clear();
        continue;
      }
      result.constraints.push_back(std::move(c));
      pending_name.clear();
    }
  }
  return result;
}

ParsedIndex parse_create_index(std::string_view sql) {
  ParsedIndex result;
  auto t = tokenize(sql);
  size_t i = 0;
  while (i < t.size() && !t[i].is("ON")) ++i;
  while (i < t.size() && !(t[i].kind == Token::Kind::Punct && t[i].value == "(")) ++i;
  if (i == t.size()) return result;
  size_t close = matching_paren(t, i);
  if (close == t.size()) return result;
  for (auto [b, e] : split_commas(t, i + 1, close))
    if (b < e) result.elements.push_back(trim(sql.substr(t[b].begin, t[e - 1].end - t[b].begin)));
  if (close + 1 < t.size() && t[close + 1].is("WHERE") && close + 2 < t.size())
    result.where = trim(sql.substr(t[close + 2].begin));
  return result;
}

}  // namespace retort::sqlite

namespace retort::sqlite {

std::string qualify_create_statement(std::string_view sql, const std::string& schema) {
  if (schema.empty()) return std::string(sql);
  auto t = tokenize(sql);
  size_t i = 0;
  while (i < t.size() && !(t[i].is("INDEX") || t[i].is("TRIGGER") || t[i].is("VIEW"))) ++i;
  ++i;
  if (i + 2 < t.size() && t[i].is("IF")) i += 3;  // IF NOT EXISTS
  if (i >= t.size() ||
      (i + 1 < t.size() && t[i + 1].kind == Token::Kind::Punct && t[i + 1].value == "."))
    return std::string(sql);
  return std::string(sql.substr(0, t[i].begin)) + quote_identifier(schema) + "." +
         std::string(sql.substr(t[i].begin));
}

std::string quote_identifier(std::string_view ident) {
  std::string out;
  out.reserve(ident.size() + 2);
  out += '"';
  if (ident.find('"') == std::string_view::npos) {
    out += ident;  // the usual case: one copy
  } else {
    for (char c : ident) {
      if (c == '"') out += '"';
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace retort::sqlite
