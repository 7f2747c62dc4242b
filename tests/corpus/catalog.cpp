#include "corpus/catalog.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

#include "corpus/corpus_files.hpp"
#include "dialect/url.hpp"

namespace retort::test {
namespace {

std::vector<std::string> split_statements(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    cur += line + "\n";
    std::string t = trim(line);
    if (t.size() >= 1 && t.back() == ';') {
      while (!t.empty() && t.back() == ';') t.pop_back();
      std::string stmt = trim(cur);
      while (!stmt.empty() && stmt.back() == ';') stmt.pop_back();
      if (!trim(stmt).empty()) out.push_back(trim(stmt));
      cur.clear();
    }
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  std::sort(out.begin(), out.end());
  return out;
}

// What names a statement, to pair the two sides of a changed one: its first line when it has
// several (`CREATE TABLE public.film (`), else its first four words (`table film col 3`).
std::string statement_key(const std::string& stmt) {
  auto nl = stmt.find('\n');
  if (nl != std::string::npos) return trim(stmt.substr(0, nl));
  size_t at = 0;
  for (int words = 0; words < 4 && at != std::string::npos; ++words) at = stmt.find(' ', at + 1);
  return stmt.substr(0, at);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(trim(line));
  return out;
}

}  // namespace

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the database's own client on `file` (psql / mariadb / sqlite3), stopping at the first error.
CommandResult client_load(const Project& p, const std::string& url,
                          const std::filesystem::path& file) {
  const std::string f = shell_quote(file.string());
  if (p.dialect_name() == "sqlite") {
    Url u = Url::parse(url);
    return p.shell("sqlite3 -bail " + shell_quote(u.database) + " < " + f);
  }
  if (p.dialect_name() == "postgresql") {
    return p.shell("psql -X -q -o /dev/null -v ON_ERROR_STOP=1 " + shell_quote(url) + " -f " + f);
  }
  Url u = Url::parse(url);
  // In the connection character set retort uses (utf8mb4): MariaDB writes it into every string
  // literal of a view (`_utf8mb4' '`), and the client's own default (utf8mb3) would differ.
  // --comments: the client would strip the comments out of a routine's body; retort keeps them.
  return p.shell("MYSQL_PWD=" + shell_quote(u.password) +
                 " mariadb --comments --default-character-set=utf8mb4 -h " + u.host + " -P " +
                 std::to_string(u.port.value_or(3306)) + " -u " + shell_quote(u.user) + " " +
                 shell_quote(u.database) + " < " + f);
}

namespace {

// MariaDB's views, routines and triggers as the server itself keeps them (information_schema),
// one line each: mysqldump prints a routine's or trigger's CREATE statement as it was written
// (quoting, parameter spelling, the order of its characteristics), which differs between the
// dump's text and the statement retort writes from the same definition. A view's definition
// loses the database's own name, which qualifies every table in it.
const char* kMysqlObjects = R"(SET SESSION group_concat_max_len = 1000000;
SELECT CONCAT('view ', TABLE_NAME, ' check=', CHECK_OPTION, ' security=', SECURITY_TYPE,
  ' algorithm=', ALGORITHM, ': ', REPLACE(VIEW_DEFINITION, CONCAT('`', DATABASE(), '`.'), ''))
  FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE();
SELECT CONCAT(LOWER(r.ROUTINE_TYPE), ' ', r.ROUTINE_NAME, '(', IFNULL((SELECT GROUP_CONCAT(
  CONCAT_WS(' ', p.PARAMETER_MODE, p.PARAMETER_NAME, p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION
  SEPARATOR ', ') FROM information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA
  AND p.SPECIFIC_NAME = r.ROUTINE_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND
  p.ORDINAL_POSITION > 0), ''), ') returns ', IFNULL(r.DTD_IDENTIFIER, '-'), ' deterministic=',
  r.IS_DETERMINISTIC, ' access=', r.SQL_DATA_ACCESS, ' security=', r.SECURITY_TYPE, ' comment=',
  r.ROUTINE_COMMENT, ' sql_mode=', r.SQL_MODE, ': ', r.ROUTINE_DEFINITION)
  FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = DATABASE();
SELECT CONCAT('trigger ', TRIGGER_NAME, ' on ', EVENT_OBJECT_TABLE, ' ', ACTION_TIMING, ' ',
  EVENT_MANIPULATION, ' order=', ACTION_ORDER, ' sql_mode=', SQL_MODE, ': ', ACTION_STATEMENT)
  FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE();
)";

// A MariaDB CREATE TABLE with its keys and constraints in name order, after the columns (which
// keep theirs), and no commas at the ends of lines: MariaDB prints keys in the order they were
// made, which differs between keys written in the CREATE TABLE and retort's create_index after
// it.
std::string sorted_keys(const std::string& stmt) {
  if (stmt.rfind("CREATE TABLE", 0) != 0) return stmt;
  std::vector<std::string> lines;
  std::istringstream in(stmt);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() < 3) return stmt;
  std::vector<std::string> columns, keys;
  size_t last = lines.size() - 1;
  while (last > 0 && lines[last].rfind(")", 0) != 0) --last;
  for (size_t i = 1; i < last; ++i) {
    std::string l = lines[i];
    if (!l.empty() && l.back() == ',') l.pop_back();
    const std::string t = trim(l);
    bool key = t.rfind("KEY ", 0) == 0 || t.rfind("UNIQUE KEY", 0) == 0 ||
               t.rfind("FULLTEXT KEY", 0) == 0 || t.rfind("SPATIAL KEY", 0) == 0 ||
               t.rfind("CONSTRAINT", 0) == 0 || t.rfind("PRIMARY KEY", 0) == 0;
    (key ? keys : columns).push_back(l);
  }
  std::sort(keys.begin(), keys.end());
  std::string out = lines[0] + "\n";
  for (const auto& l : columns) out += l + "\n";
  for (const auto& l : keys) out += l + "\n";
  for (size_t i = last; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  return out;
}

}  // namespace

// The cosmetic differences the comparison ignores are exactly the ones removed here; README.md
// lists them.
std::vector<std::string> catalog(const Project& p, const std::string& url, std::string* error) {
  CommandResult r;
  std::string text;                     // SQLite: one line per statement
  std::vector<std::string> statements;  // PostgreSQL, MySQL: split as the dump delimits them
  std::string current;
  auto finish = [&]() {
    std::string t = trim(current);
    while (!t.empty() && t.back() == ';') t.pop_back();
    if (!trim(t).empty()) statements.push_back(trim(t));
    current.clear();
  };
  if (p.dialect_name() == "postgresql") {
    r = p.shell(
        "pg_dump --schema-only --no-owner --no-privileges --exclude-table=retort_version "
        "--exclude-table=retort_version_history " +
        shell_quote(url));
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
      // Each object pg_dump writes starts with a "-- Name: ..." header; a function body may hold
      // blank lines and lines ending in ";", so the headers are what separates statements.
      if (line.rfind("-- Name: ", 0) == 0) {
        finish();
        continue;
      }
      if (line.rfind("--", 0) == 0 || line.rfind("SET ", 0) == 0 ||
          line.rfind("SELECT pg_catalog.set_config", 0) == 0 || line.rfind("\\restrict", 0) == 0 ||
          line.rfind("\\unrestrict", 0) == 0 || trim(line).empty())
        continue;
      current += line + "\n";
    }
    finish();
  } else if (p.dialect_name() == "mysql") {
    Url u = Url::parse(url);
    r = p.shell("MYSQL_PWD=" + shell_quote(u.password) + " mysqldump --no-data --skip-triggers " +
                "--compact --skip-comments --skip-dump-date -h " + u.host + " -P " +
                std::to_string(u.port.value_or(3306)) + " -u " + shell_quote(u.user) +
                " --ignore-table=" + shell_quote(u.database + ".retort_version") +
                " --ignore-table=" + shell_quote(u.database + ".retort_version_history") + " " +
                shell_quote(u.database));
    std::istringstream in(r.out);
    std::string line;
    static const std::regex definer(R"(DEFINER=`[^`]*`@`[^`]*` ?)");
    static const std::regex auto_inc(R"( AUTO_INCREMENT=\d+)");
    static const std::regex set_comment(R"(^/\*!\d+ SET .*\*/;;?$)");
    // InnoDB treats NO ACTION as RESTRICT, its default; MariaDB prints whichever was written.
    static const std::regex default_action(R"( ON (DELETE|UPDATE) (NO ACTION|RESTRICT))");
    // Routines and triggers come between "DELIMITER ;;" and "DELIMITER ;", and end with ";;".
    std::string delimiter = ";";
    while (std::getline(in, line)) {
      if (line.rfind("DELIMITER ", 0) == 0) {
        delimiter = trim(line.substr(10));
        continue;
      }
      if (line.rfind("/*M!999999", 0) == 0 || line.rfind("SET ", 0) == 0 ||
          std::regex_match(line, set_comment) || trim(line).empty())
        continue;
      line = std::regex_replace(line, definer, "");
      line = std::regex_replace(line, auto_inc, "");
      line = std::regex_replace(line, default_action, "");
      std::string t = trim(line);
      bool ends = t.size() >= delimiter.size() &&
                  t.compare(t.size() - delimiter.size(), delimiter.size(), delimiter) == 0;
      current += line + "\n";
      if (ends) {
        // Views are compared from information_schema (below): mysqldump's are a stand-in
        // table-like view first, then the view, each /*!50001 ... */.
        if (current.rfind("/*!50001 ", 0) == 0) current.clear();
        current = sorted_keys(current);
        finish();
      }
    }
    finish();
    if (r.code == 0) {
      write_file(p.dir() / ".catalog.sql", kMysqlObjects);
      r = p.shell("MYSQL_PWD=" + shell_quote(u.password) +
                  " mariadb --default-character-set=utf8mb4 -N -B -h " + u.host + " -P " +
                  std::to_string(u.port.value_or(3306)) + " -u " + shell_quote(u.user) + " " +
                  shell_quote(u.database) + " < .catalog.sql");
      std::istringstream objects(r.out);
      while (std::getline(objects, line))
        if (!trim(line).empty()) statements.push_back(line);
    }
  } else {
    Url u = Url::parse(url);
    // SQLite keeps a table's DDL as written, so tables are compared through what SQLite makes of
    // them (columns, keys, indexes, foreign keys); views and triggers by their text.
    const char* q = R"(
SELECT 'table ' || m.name || ' col ' || x.cid || ' ' || x.name || ' ' || replace(x.type, ' ', '') || ' notnull=' ||
  x."notnull" || ' default=' || (CASE WHEN x.dflt_value IS NULL OR upper(x.dflt_value) = 'NULL' THEN '-' ELSE x.dflt_value END) || ' pk=' || x.pk || ' hidden=' || x.hidden || ';'
  FROM sqlite_master m, pragma_table_xinfo(m.name) x
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('retort_version', 'retort_version_history');
SELECT 'table ' || m.name || ' autoincrement=' || (m.sql LIKE '%AUTOINCREMENT%') || ' strict=' ||
  t.strict || ' without_rowid=' || t.wr || ';'
  FROM sqlite_master m JOIN pragma_table_list t ON t.name = m.name
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('retort_version', 'retort_version_history');
SELECT 'index ' || m.name || ' ' || il.name || ' unique=' || il."unique" || ' origin=' ||
  il.origin || ' partial=' || il.partial || ' cols=' ||
  (SELECT group_concat(ifnull(ii.name, '<expr>') || ' ' || (CASE ii.desc WHEN 1 THEN 'desc' ELSE 'asc' END) || ' ' || ifnull(ii.coll, ''), ',')
     FROM pragma_index_xinfo(il.name) ii WHERE ii.key = 1) || ';'
  FROM sqlite_master m, pragma_index_list(m.name) il
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('retort_version', 'retort_version_history');
SELECT 'fk ' || m.name || ' ' || f.seq || ' ' || f."from" || ' -> ' || f."table" || '(' ||
  ifnull(f."to", '') || ') on_update=' || f.on_update || ' on_delete=' || f.on_delete || ';'
  FROM sqlite_master m, pragma_foreign_key_list(m.name) f
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN ('retort_version', 'retort_version_history');
SELECT m.type || ' ' || m.name || ' on ' || m.tbl_name || ': ' || replace(replace(m.sql, char(10), ' '), char(13), ' ') || ';'
  FROM sqlite_master m WHERE m.type IN ('view', 'trigger');
)";
    write_file(p.dir() / ".catalog.sql", q);
    r = p.shell("sqlite3 -bail " + shell_quote(u.database) + " < .catalog.sql");
    static const std::regex spaces(R"(\s+)");
    // A view's own name in its CREATE VIEW head, quoted or not (retort quotes every identifier;
    // SQLite keeps the head as written): the definition SQLite uses is what follows AS.
    static const std::regex view_head(
        R"re(^(view \S+ on \S+: CREATE (?:TEMP |TEMPORARY )?VIEW (?:IF NOT EXISTS )?)"([A-Za-z_][A-Za-z0-9_]*)" )re",
        std::regex::icase);
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line))
      text += std::regex_replace(std::regex_replace(line, spaces, " "), view_head, "$1$2 ") + "\n";
  }
  if (r.code != 0) {
    *error = "reading the catalog failed: " + r.err.substr(0, 400);
    return {};
  }
  if (p.dialect_name() == "sqlite") return split_statements(text);
  std::sort(statements.begin(), statements.end());
  return statements;
}

// The differences between the catalog loaded by the client (`a`) and the one retort built (`b`):
// "- X" only in `a`, "+ X" only in `b`; a statement present on both sides under the same name
// (one each) prints as "~ NAME" followed by the lines that differ.
std::vector<std::string> catalog_diff(const std::vector<std::string>& a,
                                      const std::vector<std::string>& b) {
  std::vector<std::string> only_a, only_b, out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  std::map<std::string, std::vector<std::string>> by_key_a, by_key_b;
  for (const auto& s : only_a) by_key_a[statement_key(s)].push_back(s);
  for (const auto& s : only_b) by_key_b[statement_key(s)].push_back(s);
  static const std::regex spaces(R"(\s+)");
  auto flat = [](const std::string& s) { return std::regex_replace(s, spaces, " "); };
  for (const auto& [key, stmts] : by_key_a) {
    auto other = by_key_b.find(key);
    if (stmts.size() == 1 && other != by_key_b.end() && other->second.size() == 1) {
      auto la = lines_of(stmts[0]), lb = lines_of(other->second[0]);
      if (la.size() > 1 || lb.size() > 1) {
        std::string entry = "~ " + key;
        std::vector<std::string> sa = la, sb = lb;
        std::sort(sa.begin(), sa.end());
        std::sort(sb.begin(), sb.end());
        std::vector<std::string> da, db;
        std::set_difference(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(da));
        std::set_difference(sb.begin(), sb.end(), sa.begin(), sa.end(), std::back_inserter(db));
        for (const auto& l : da) entry += "\n      - " + l;
        for (const auto& l : db) entry += "\n      + " + l;
        if (da.empty() && db.empty()) entry += " (same lines, in another order)";
        out.push_back(entry);
      } else {
        out.push_back("~ " + flat(stmts[0]) + "\n    + " + flat(other->second[0]));
      }
      by_key_b.erase(other);
      continue;
    }
    for (const auto& s : stmts) out.push_back("- " + flat(s));
  }
  for (const auto& [key, stmts] : by_key_b)
    for (const auto& s : stmts) out.push_back("+ " + flat(s));
  return out;
}

std::vector<std::string> base_tables(Project& p) {
  std::string sql;
  if (p.dialect_name() == "postgresql") {
    sql =
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
        "AND c.relname NOT IN ('retort_version', 'retort_version_history') ORDER BY 1";
  } else if (p.dialect_name() == "mysql") {
    sql =
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND "
        "table_type = 'BASE TABLE' AND table_name NOT IN ('retort_version', "
        "'retort_version_history') ORDER BY 1";
  } else {
    sql =
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
        "name NOT IN ('retort_version', 'retort_version_history') ORDER BY 1";
  }
  std::vector<std::string> out;
  for (const auto& row : p.db().query(sql).rows) out.push_back(value_text(row[0]));
  return out;
}

std::string quote_ident(const Project& p, const std::string& name) {
  return p.dialect_name() == "mysql" ? "`" + name + "`" : "\"" + name + "\"";
}

}  // namespace retort::test
