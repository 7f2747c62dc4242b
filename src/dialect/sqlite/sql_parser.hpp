// A small tokenizer for the SQL text SQLite keeps in sqlite_master, and readers of the few things
// SQLite does not expose through its pragmas: constraint names, CHECK expressions,
// AUTOINCREMENT and DEFERRABLE clauses of CREATE TABLE, and the elements and WHERE clause of
// CREATE INDEX. It follows sqlite.org/lang_createtable.html and lang_createindex.html; it is not
// a general SQL parser and never has to be (the database already accepted this text).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retort::sqlite {

struct Token {
  enum class Kind { Word, QuotedWord, String, Number, Punct, Blob };
  Kind kind = Kind::Word;
  std::string value;  // identifiers unquoted; other tokens as written
  size_t begin = 0;   // offsets into the source text
  size_t end = 0;
  // An unquoted word equal to `keyword` (case-insensitive).
  bool is(std::string_view keyword) const;
  bool is_identifier() const { return kind == Kind::Word || kind == Kind::QuotedWord; }
};

std::vector<Token> tokenize(std::string_view sql);

// Does `sql` use `identifier` (case-insensitive, quoted or not) anywhere as an identifier?
bool mentions_identifier(std::string_view sql, std::string_view identifier);

// `sql` with every identifier token equal to `from` replaced by `to_sql` (already quoted).
std::string replace_identifier(std::string_view sql, std::string_view from,
                               std::string_view to_sql);

struct ParsedConstraint {
  enum class Kind { PrimaryKey, Unique, ForeignKey, Check };
  Kind kind = Kind::Check;
  std::string name;  // "" when the table's SQL gives none
  std::vector<std::string> columns;
  std::string check;  // CHECK expression, as written
  std::string referred_table;
  std::vector<std::string> referred_columns;
  std::optional<bool> deferrable;
  std::string initially;  // DEFERRED / IMMEDIATE, upper case
};

struct ParsedTable {
  std::vector<ParsedConstraint> constraints;  // table- and column-level, in order of appearance
  std::vector<std::string> autoincrement_columns;
  std::string options;  // what follows the column list: "WITHOUT ROWID", "STRICT", ... or ""
  std::map<std::string, std::string> collations;  // column name -> COLLATE name, where declared
  // column name -> the expression of GENERATED ALWAYS AS (expr), as written
  std::map<std::string, std::string> generated;
};

ParsedTable parse_create_table(std::string_view sql);

struct ParsedIndex {
  std::vector<std::string> elements;  // each element as written ("email", "lower(email)")
  std::string where;                  // "" when not partial
};

ParsedIndex parse_create_index(std::string_view sql);

}  // namespace retort::sqlite

namespace retort::sqlite {

// A CREATE INDEX / TRIGGER / VIEW statement as sqlite_master keeps it (its name unqualified),
// with the object's name qualified by `schema` so it is recreated in that attached database.
// Empty schema: `sql` unchanged.
std::string qualify_create_statement(std::string_view sql, const std::string& schema);

// "ident" with embedded double quotes doubled.
std::string quote_identifier(std::string_view ident);

}  // namespace retort::sqlite
