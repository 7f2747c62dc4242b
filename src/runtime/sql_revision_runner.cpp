// Running plain SQL revisions (see sql_revision_runner.hpp).
#include "runtime/sql_revision_runner.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "autogen/sql_splitter.hpp"
#include "retort/error.hpp"
#include "script/sql_revision.hpp"

namespace retort {
namespace {

struct Token {
  std::string text;  // an identifier's name (unquoted), a keyword, or one punctuation character
  bool quoted = false;
  bool word = false;
};

// The statement as tokens, comments skipped; stops at anything it does not need to know.
std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == std::string::npos ? s.size() : end + 2;
    } else if (c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      Token t;
      t.quoted = true;
      ++i;
      while (i < s.size()) {
        if (s[i] == close) {
          if (close != ']' && i + 1 < s.size() && s[i + 1] == close) {
            t.text += close;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        t.text += s[i++];
      }
      out.push_back(std::move(t));
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
      Token t;
      t.word = true;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '$')) {
        t.text += s[i++];
      }
      out.push_back(std::move(t));
    } else {
      out.push_back(Token{std::string(1, c)});
      ++i;
    }
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Reader {
 public:
  explicit Reader(std::vector<Token> t) : t_(std::move(t)) {}
  bool keyword(const char* k) {
    if (i_ < t_.size() && t_[i_].word && lower(t_[i_].text) == k) {
      ++i_;
      return true;
    }
    return false;
  }
  bool punct(char c) {
    if (i_ < t_.size() && !t_[i_].word && !t_[i_].quoted && t_[i_].text == std::string(1, c)) {
      ++i_;
      return true;
    }
    return false;
  }
  // An identifier: a word or a quoted name.
  const Token* name() {
    if (i_ < t_.size() && (t_[i_].word || t_[i_].quoted)) return &t_[i_++];
    return nullptr;
  }
  bool done() const { return i_ == t_.size(); }

 private:
  std::vector<Token> t_;
  size_t i_ = 0;
};

// [schema.]table, each part as written; nullopt when it is not a name.
std::optional<std::pair<const Token*, const Token*>> table_name(Reader& r) {
  const Token* a = r.name();
  if (!a) return std::nullopt;
  if (r.punct('.')) {
    const Token* b = r.name();
    if (!b) return std::nullopt;
    return std::make_pair(a, b);
  }
  return std::make_pair(static_cast<const Token*>(nullptr), a);
}

// The spellings the database may know an unquoted name by.
std::vector<std::string> spellings(const Token* t) {
  if (!t) return {""};
  if (t->quoted || lower(t->text) == t->text) return {t->text};
  return {t->text, lower(t->text)};
}

void add_drops(std::vector<SqlDrop>& out, std::pair<const Token*, const Token*> table,
               const Token* column) {
  for (const auto& schema : spellings(table.first))
    for (const auto& name : spellings(table.second))
      for (const auto& col : column ? spellings(column) : std::vector<std::string>{""})
        out.push_back(SqlDrop{ops::TableRef{schema, name}, col});
}

bool ends_statement(Reader& r) {
  r.keyword("cascade") || r.keyword("restrict");
  return r.done();
}

}  // namespace

std::vector<SqlDrop> sql_drops(const std::string& statement) {
  Reader r(tokenize(statement));
  std::vector<SqlDrop> out;
  if (r.keyword("drop")) {
    if (!r.keyword("table")) return {};
    if (r.keyword("if") && !r.keyword("exists")) return {};
    do {
      auto t = table_name(r);
      if (!t) return {};
      add_drops(out, *t, nullptr);
    } while (r.punct(','));
    return ends_statement(r) ? out : std::vector<SqlDrop>{};
  }
  if (r.keyword("alter")) {
    if (!r.keyword("table")) return {};
    if (r.keyword("if") && !r.keyword("exists")) return {};
    r.keyword("only");
    auto t = table_name(r);
    if (!t || !r.keyword("drop")) return {};
    r.keyword("column");
    if (r.keyword("if") && !r.keyword("exists")) return {};
    const Token* column = r.name();
    if (!column) return {};
    // DROP CONSTRAINT / PRIMARY KEY / INDEX / FOREIGN KEY keep the data.
    const std::string c = lower(column->text);
    if (!column->quoted && (c == "constraint" || c == "primary" || c == "index" || c == "foreign" ||
                            c == "key" || c == "check" || c == "default")) {
      return {};
    }
    add_drops(out, *t, column);
    return ends_statement(r) ? out : std::vector<SqlDrop>{};
  }
  return {};
}

void run_sql_revision(const ScriptText& script, bool upgrade, OperationSink& sink) {
  const std::string section = upgrade ? "upgrade" : "downgrade";
  std::optional<std::string> body = sql_revision_section(script.text, script.name, section);
  if (!body) {
    throw Error(ErrorKind::Script, script.name + ": no `-- retort:" + section +
                                       "` section; add one with the statements to run (it may "
                                       "be empty)");
  }
  // The body's lines: a `-- retort:allow-data-loss` line between the previous statement and this
  // one (the splitter leaves such leading comments out of the statement) lets it run.
  std::vector<std::string> lines;
  for (size_t pos = 0; pos <= body->size();) {
    size_t eol = std::min(body->find('\n', pos), body->size());
    lines.push_back(body->substr(pos, eol - pos));
    pos = eol + 1;
  }
  int after = 0;  // the last line of the previous statement (1-based; 0: none)
  for (autogen::SqlStatement& s : autogen::split_sql_script(*body)) {
    std::string& statement = s.text;
    bool allowed = statement.find("-- retort:allow-data-loss") != std::string::npos;
    for (int l = after + 1; l < s.line && !allowed; ++l) {
      allowed = lines[static_cast<size_t>(l - 1)].find("-- retort:allow-data-loss") !=
                std::string::npos;
    }
    after = s.line + static_cast<int>(std::count(statement.begin(), statement.end(), '\n'));
    if (!allowed) {
      // The statement as messages name it: its first line that is not a comment.
      std::string what;
      for (size_t pos = 0; pos < statement.size() && what.empty();) {
        size_t eol = std::min(statement.find('\n', pos), statement.size());
        std::string line = statement.substr(pos, eol - pos);
        if (line.rfind("--", 0) != 0) what = line;
        pos = eol + 1;
      }
      for (const SqlDrop& d : sql_drops(statement)) sink.guard_sql(d.table, d.column, what);
    }
    sink.emit(ops::Execute{std::move(statement)});
  }
}

}  // namespace retort
