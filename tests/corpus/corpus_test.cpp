// The schema-fidelity corpus (issue 20): real public schemas, each run through retort with the
// real binary against the real servers, and compared with the same schema loaded directly by the
// database's own client. What runs is listed in tests/corpus/cases.txt (one line per schema x
// dialect, and one per change scenario); README.md beside it says what each step proves.
//
// By default only the cases marked `enabled` run (that is what ctest registers). With
// RETORT_CORPUS_ALL=1 in the environment, or `--all` on the command line, every case runs, and
// the table printed at the end says, per case, which step failed and why.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "dialect/url.hpp"
#include "e2e/project.hpp"

namespace retort::test {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(RETORT_SOURCE_DIR) / "tests" / "corpus";

bool run_all() {
  const char* v = std::getenv("RETORT_CORPUS_ALL");
  return v && std::string(v) == "1";
}

// ---------------------------------------------------------------------------------------------
// The data: cases.txt and scenarios/*.scenario.

struct Entry {
  std::string kind;     // "case" or "scenario"
  std::string name;     // schema (case) or scenario file stem
  std::string dialect;  // sqlite, postgresql, mysql
  std::string status;   // enabled or pending
  std::string id() const { return name + "_" + dialect; }
};

// gtest prints a parameter with this when a case fails.
void PrintTo(const Entry& e, std::ostream* os) { *os << e.kind << " " << e.id(); }

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<Entry> load_entries() {
  std::vector<Entry> out;
  std::ifstream in(kCorpus / "cases.txt");
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::istringstream ss(line);
    Entry e;
    ss >> e.kind >> e.name >> e.dialect >> e.status;
    if ((e.kind != "case" && e.kind != "scenario") ||
        (e.status != "enabled" && e.status != "pending")) {
      ADD_FAILURE() << "tests/corpus/cases.txt: bad line: " << line;
      continue;
    }
    out.push_back(e);
  }
  return out;
}

std::vector<Entry> selected(const std::string& kind) {
  std::vector<Entry> out;
  for (const auto& e : load_entries())
    if (e.kind == kind && (e.status == "enabled" || run_all())) out.push_back(e);
  return out;
}

// A change scenario: the case it starts from, the edit that makes the new schema, and the changes
// autogenerate must detect (each pattern matches exactly one detected change, and nothing else is
// detected).
struct Scenario {
  std::string schema;
  std::string what;
  std::vector<std::string> expect;
  bool downgrade_loses = false;
  std::vector<std::pair<std::string, std::string>> replacements;  // old text -> new text
  std::string append;
};

Scenario load_scenario(const std::string& name, const std::string& dialect, std::string* error) {
  Scenario s;
  const std::string file = name + "." + dialect + ".scenario";
  std::ifstream in(kCorpus / "scenarios" / file);
  if (!in) {
    *error = "no file tests/corpus/scenarios/" + file;
    return s;
  }
  std::string line, block, old_text, mode;
  auto flush = [&]() {
    // The text to replace and its replacement are exact, without the block's last newline, so
    // they may start or end inside a line.
    std::string exact = block.empty() ? block : block.substr(0, block.size() - 1);
    if (mode == "replace") old_text = exact;
    if (mode == "with") s.replacements.emplace_back(old_text, exact);
    if (mode == "append") s.append += block;
    block.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("@@ ", 0) == 0) {
      flush();
      mode = trim(line.substr(3));
      if (mode == "end") mode.clear();
      continue;
    }
    if (!mode.empty()) {
      block += line + "\n";
      continue;
    }
    std::string l = trim(line);
    if (l.empty() || l[0] == '#') continue;
    auto colon = l.find(':');
    std::string key = trim(l.substr(0, colon));
    std::string value = colon == std::string::npos ? "" : trim(l.substr(colon + 1));
    if (key == "schema")
      s.schema = value;
    else if (key == "what")
      s.what = value;
    else if (key == "expect")
      s.expect.push_back(value);
    else if (key == "downgrade_loses")
      s.downgrade_loses = value == "yes";
    else
      *error = file + ": unknown key " + key;
  }
  flush();
  if (s.schema.empty() || s.expect.empty()) *error = file + ": needs schema and expect";
  return s;
}

// ---------------------------------------------------------------------------------------------
// The database clients, and each database's catalog as a sorted list of normalised statements.

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the database's own client on `file` (psql / mariadb / sqlite3), stopping at the first error.
CommandResult client_load(const Project& p, const std::string& url, const fs::path& file) {
  const std::string f = shell_quote(file.string());
  if (p.dialect_name() == "sqlite") {
    Url u = Url::parse(url);
    return p.shell("sqlite3 -bail " + shell_quote(u.database) + " < " + f);
  }
  if (p.dialect_name() == "postgresql") {
    return p.shell("psql -X -q -o /dev/null -v ON_ERROR_STOP=1 " + shell_quote(url) + " -f " + f);
  }
  Url u = Url::parse(url);
  return p.shell("MYSQL_PWD=" + shell_quote(u.password) + " mariadb -h " + u.host + " -P " +
                 std::to_string(u.port.value_or(3306)) + " -u " + shell_quote(u.user) + " " +
                 shell_quote(u.database) + " < " + f);
}

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
    r = p.shell("pg_dump --schema-only --no-owner --no-privileges --exclude-table=retort_version " +
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
    r = p.shell("MYSQL_PWD=" + shell_quote(u.password) + " mysqldump --no-data --routines " +
                "--triggers --compact --skip-comments --skip-dump-date -h " + u.host + " -P " +
                std::to_string(u.port.value_or(3306)) + " -u " + shell_quote(u.user) +
                " --ignore-table=" + shell_quote(u.database + ".retort_version") + " " +
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
      if (ends) finish();
    }
    finish();
  } else {
    Url u = Url::parse(url);
    // SQLite keeps a table's DDL as written, so tables are compared through what SQLite makes of
    // them (columns, keys, indexes, foreign keys); views and triggers by their text.
    const char* q = R"(
SELECT 'table ' || m.name || ' col ' || x.cid || ' ' || x.name || ' ' || replace(x.type, ' ', '') || ' notnull=' ||
  x."notnull" || ' default=' || (CASE WHEN x.dflt_value IS NULL OR upper(x.dflt_value) = 'NULL' THEN '-' ELSE x.dflt_value END) || ' pk=' || x.pk || ' hidden=' || x.hidden || ';'
  FROM sqlite_master m, pragma_table_xinfo(m.name) x
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'retort_version';
SELECT 'table ' || m.name || ' autoincrement=' || (m.sql LIKE '%AUTOINCREMENT%') || ' strict=' ||
  t.strict || ' without_rowid=' || t.wr || ';'
  FROM sqlite_master m JOIN pragma_table_list t ON t.name = m.name
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'retort_version';
SELECT 'index ' || m.name || ' ' || il.name || ' unique=' || il."unique" || ' origin=' ||
  il.origin || ' partial=' || il.partial || ' cols=' ||
  (SELECT group_concat(ifnull(ii.name, '<expr>') || ' ' || (CASE ii.desc WHEN 1 THEN 'desc' ELSE 'asc' END) || ' ' || ifnull(ii.coll, ''), ',')
     FROM pragma_index_xinfo(il.name) ii WHERE ii.key = 1) || ';'
  FROM sqlite_master m, pragma_index_list(m.name) il
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'retort_version';
SELECT 'fk ' || m.name || ' ' || f.seq || ' ' || f."from" || ' -> ' || f."table" || '(' ||
  ifnull(f."to", '') || ') on_update=' || f.on_update || ' on_delete=' || f.on_delete || ';'
  FROM sqlite_master m, pragma_foreign_key_list(m.name) f
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'retort_version';
SELECT m.type || ' ' || m.name || ' on ' || m.tbl_name || ': ' || replace(replace(m.sql, char(10), ' '), char(13), ' ') || ';'
  FROM sqlite_master m WHERE m.type IN ('view', 'trigger');
)";
    write_file(p.dir() / ".catalog.sql", q);
    r = p.shell("sqlite3 -bail " + shell_quote(u.database) + " < .catalog.sql");
    static const std::regex spaces(R"(\s+)");
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) text += std::regex_replace(line, spaces, " ") + "\n";
  }
  if (r.code != 0) {
    *error = "reading the catalog failed: " + r.err.substr(0, 400);
    return {};
  }
  if (p.dialect_name() == "sqlite") return split_statements(text);
  std::sort(statements.begin(), statements.end());
  return statements;
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
        "AND c.relname <> 'retort_version' ORDER BY 1";
  } else if (p.dialect_name() == "mysql") {
    sql =
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND "
        "table_type = 'BASE TABLE' AND table_name <> 'retort_version' ORDER BY 1";
  } else {
    sql =
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
        "name <> 'retort_version' ORDER BY 1";
  }
  std::vector<std::string> out;
  for (const auto& row : p.db().query(sql).rows) out.push_back(value_text(row[0]));
  return out;
}

std::string quote_ident(const Project& p, const std::string& name) {
  return p.dialect_name() == "mysql" ? "`" + name + "`" : "\"" + name + "\"";
}

// ---------------------------------------------------------------------------------------------
// The steps. Each returns "" when it passed, else why it failed.

std::string head_lines(const std::string& text, size_t n = 12) {
  std::istringstream in(text);
  std::string line, out;
  size_t i = 0;
  while (std::getline(in, line)) {
    if (i++ == n) {
      out += "  ...\n";
      break;
    }
    out += "  " + line + "\n";
  }
  return out;
}

std::string command_failure(const std::string& what, const CommandResult& r) {
  return what + " exited " + std::to_string(r.code) + "\n" + head_lines(r.out) + head_lines(r.err);
}

std::string expect_ok(const Project& p, const std::string& args) {
  CommandResult r = p.retort(args);
  return r.code == 0 ? "" : command_failure("retort " + args, r);
}

// `check` is clean: exit 0, nothing detected, no warning (every object of the corpus is managed).
std::string expect_clean(const Project& p) {
  CommandResult r = p.retort("check");
  if (r.code == 0 &&
      r.out.find("No changes: the database matches the models") != std::string::npos &&
      trim(r.err).empty())
    return "";
  return command_failure("retort check", r);
}

std::vector<std::string> revision_files(const Project& p) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(p.dir() / "migrations" / "versions"))
    if (e.path().extension() == ".lua") out.push_back(e.path().filename().string());
  return out;
}

struct Outcome {
  std::string step;  // the first step that failed, "" when all passed
  std::string why;
  std::vector<std::string> later;  // failures after a non-fatal one, first line each
};

class CaseRun {
 public:
  CaseRun(const std::string& schema, const std::string& dialect)
      : schema_(schema), p_(dialect, "corpus_" + schema) {
    p_.write_config();
    sql_ = read_file(kCorpus / schema / (dialect + ".sql"));
  }

  Project& project() { return p_; }
  const std::string& sql() const { return sql_; }

  void set_models(const std::string& text) {
    write_file(p_.dir() / "migrations" / "schema.sql", text);
  }

  std::string autogenerate_expect_revision(const std::string& message) {
    auto before = revision_files(p_).size();
    CommandResult r = p_.retort("revision --autogenerate -m " + shell_quote(message));
    if (r.code != 0) return command_failure("retort revision --autogenerate", r);
    auto after = revision_files(p_);
    if (after.size() != before + 1)
      return "retort revision --autogenerate wrote no revision\n" + head_lines(r.out);
    if (first_revision_.empty()) first_revision_ = after.front();
    return "";
  }

  // The file name of the first revision this run wrote.
  const std::string& first_revision() const { return first_revision_; }

  // The database retort built against the same schema loaded directly by the client.
  std::string compare_catalog() {
    if (direct_.empty()) {
      std::string url;
      if (p_.dialect_name() == "sqlite")
        url = "sqlite:///" + (p_.dir() / "direct.db").string();
      else if (p_.dialect_name() == "postgresql")
        url = fresh_pg_database("corpus_direct_" + schema_);
      else
        url = fresh_mysql_database("corpus_direct_" + schema_);
      CommandResult r = client_load(p_, url, kCorpus / schema_ / (p_.dialect_name() + ".sql"));
      if (r.code != 0) return command_failure("loading the schema with the client", r);
      std::string error;
      direct_ = catalog(p_, url, &error);
      if (!error.empty()) return error;
      if (direct_.empty()) return "the schema loaded by the client shows no objects";
    }
    std::string error;
    auto built = catalog(p_, p_.url(), &error);
    if (!error.empty()) return error;
    auto diff = catalog_diff(direct_, built);
    if (diff.empty()) return "";
    std::string out = std::to_string(diff.size()) +
                      " catalog difference(s) (- loaded by the client only, + built by retort "
                      "only, ~ on both sides but different)\n";
    for (size_t i = 0; i < diff.size() && i < 40; ++i) out += "  " + diff[i].substr(0, 400) + "\n";
    if (diff.size() > 40) out += "  ...\n";
    return out;
  }

  std::string insert_rows() {
    CommandResult r =
        client_load(p_, p_.url(), kCorpus / schema_ / (p_.dialect_name() + ".rows.sql"));
    if (r.code != 0) return command_failure("inserting rows", r);
    p_.reconnect();
    std::string empty;
    auto tables = base_tables(p_);
    if (tables.empty()) return "no tables found after the upgrade";
    for (const auto& t : tables)
      if (p_.count(quote_ident(p_, t)) == 0) empty += " " + t;
    p_.reconnect();
    return empty.empty() ? "" : "tables without rows after the rows file:" + empty;
  }

  // downgrade base is refused while the tables hold rows, and leaves them in place.
  std::string expect_guard() {
    auto tables = base_tables(p_);
    p_.reconnect();
    CommandResult r = p_.retort("downgrade base");
    if (r.code != 1 ||
        r.err.find("would destroy data (the table holds rows). Add { allow_data_loss "
                   "= true } to the op, or run with --allow-data-loss") == std::string::npos)
      return command_failure("retort downgrade base (expected the data-loss guard, exit 1)", r);
    auto after = base_tables(p_);
    p_.reconnect();
    if (after != tables) return "the refused downgrade changed the tables";
    return "";
  }

  // downgrade base --allow-data-loss leaves nothing of the schema behind.
  std::string expect_empty_after_downgrade() {
    std::string why = expect_ok(p_, "downgrade base --allow-data-loss");
    if (!why.empty()) return why;
    std::string error;
    auto left = catalog(p_, p_.url(), &error);
    if (!error.empty()) return error;
    if (left.empty()) return "";
    std::string out = "left behind after downgrade base:\n";
    for (size_t i = 0; i < left.size() && i < 20; ++i) out += "  " + left[i].substr(0, 200) + "\n";
    return out;
  }

  std::string expect_no_new_revision() {
    auto before = revision_files(p_).size();
    CommandResult r = p_.retort("revision --autogenerate -m again");
    if (r.code != 0) return command_failure("retort revision --autogenerate (at head)", r);
    if (revision_files(p_).size() != before ||
        r.out.find("No changes detected; no revision written") == std::string::npos)
      return "a second autogenerate at head wrote a revision\n" + head_lines(r.out);
    return "";
  }

 private:
  std::string schema_;
  Project p_;
  std::string sql_;
  std::vector<std::string> direct_;
  std::string first_revision_;
};

struct Step {
  std::string name;
  std::function<std::string()> run;
  bool fatal = true;  // a failed catalog comparison does not stop the steps after it
};

Outcome run_steps(const std::vector<Step>& steps) {
  Outcome out;
  for (const auto& step : steps) {
    std::string why;
    try {
      why = step.run();
    } catch (const std::exception& e) {
      why = std::string("exception: ") + e.what();
    }
    if (why.empty()) continue;
    if (out.step.empty()) {
      out.step = step.name;
      out.why = why;
    } else {
      out.later.push_back(step.name + ": " + why.substr(0, why.find('\n')));
    }
    if (step.fatal) break;
  }
  return out;
}

Outcome run_case(const Entry& e) {
  CaseRun c(e.name, e.dialect);
  return run_steps({
      {"autogenerate",
       [&] {
         c.set_models(c.sql());
         return c.autogenerate_expect_revision("corpus " + e.name);
       }},
      {"upgrade", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"check", [&] { return expect_clean(c.project()); }},
      {"catalog", [&] { return c.compare_catalog(); }, false},
      {"rows", [&] { return c.insert_rows(); }},
      {"guard", [&] { return c.expect_guard(); }},
      {"downgrade", [&] { return c.expect_empty_after_downgrade(); }},
      {"reupgrade", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"recheck", [&] { return expect_clean(c.project()); }},
      {"recatalog", [&] { return c.compare_catalog(); }, false},
      {"idempotent", [&] { return c.expect_no_new_revision(); }},
  });
}

// The detected changes must be exactly the expected ones: as many, each pattern matching one.
std::string match_changes(const std::vector<std::string>& detected,
                          const std::vector<std::string>& expected) {
  std::vector<bool> used(detected.size(), false);
  std::string missing;
  for (const auto& pattern : expected) {
    bool found = false;
    for (size_t i = 0; i < detected.size() && !found; ++i) {
      if (!used[i] && detected[i].find(pattern) != std::string::npos) used[i] = found = true;
    }
    if (!found) missing += "  expected, not detected: " + pattern + "\n";
  }
  std::string extra;
  for (size_t i = 0; i < detected.size(); ++i)
    if (!used[i]) extra += "  detected, not expected: " + detected[i] + "\n";
  return missing + extra;
}

Outcome run_scenario(const Entry& e) {
  std::string error;
  Scenario s = load_scenario(e.name, e.dialect, &error);
  if (!error.empty()) return {"scenario file", error};
  CaseRun c(s.schema, e.dialect);
  std::string a = c.sql();
  std::string b = a;
  for (const auto& [from, to] : s.replacements) {
    auto at = b.find(from);
    if (at == std::string::npos || b.find(from, at + 1) != std::string::npos)
      return {"scenario file",
              "the text to replace is not in the schema exactly once:\n" + head_lines(from, 4)};
    b.replace(at, from.size(), to);
  }
  b += s.append;
  return run_steps({
      {"autogenerate A",
       [&] {
         c.set_models(a);
         return c.autogenerate_expect_revision("corpus " + s.schema);
       }},
      {"upgrade A", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"check A", [&] { return expect_clean(c.project()); }},
      {"rows", [&] { return c.insert_rows(); }},
      {"autogenerate B",
       [&] {
         c.set_models(b);
         auto before = revision_files(c.project()).size();
         CommandResult r = c.project().retort("revision --autogenerate -m " + shell_quote(e.name));
         if (r.code != 0) return command_failure("retort revision --autogenerate", r);
         std::vector<std::string> detected;
         std::istringstream in(r.out);
         std::string line;
         while (std::getline(in, line))
           if (line.rfind("Detected ", 0) == 0) detected.push_back(line.substr(9));
         std::string why = match_changes(detected, s.expect);
         if (why.empty() && revision_files(c.project()).size() != before + 1)
           why = "no revision written";
         return why;
       }},
      {"upgrade B", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"check B", [&] { return expect_clean(c.project()); }},
      {"downgrade to A",
       [&] {
         return expect_ok(c.project(), std::string("downgrade -1") +
                                           (s.downgrade_loses ? " --allow-data-loss" : ""));
       }},
      {"check at A",
       [&] {
         // check compares at the head only: B's revision is set aside while A is checked.
         auto versions = c.project().dir() / "migrations" / "versions";
         std::string newest;
         for (const auto& f : revision_files(c.project()))
           if (f != c.first_revision()) newest = f;
         fs::rename(versions / newest, c.project().dir() / newest);
         c.set_models(a);
         std::string why = expect_clean(c.project());
         fs::rename(c.project().dir() / newest, versions / newest);
         return why;
       }},
      {"upgrade B again",
       [&] {
         c.set_models(b);
         return expect_ok(c.project(), "upgrade head");
       }},
      {"check B again", [&] { return expect_clean(c.project()); }},
  });
}

// ---------------------------------------------------------------------------------------------
// The table printed at the end.

struct Row {
  std::string kind, name, dialect, status, result;
};

std::mutex g_mutex;
std::vector<Row> g_rows;

void record(const Entry& e, const Outcome& o) {
  std::lock_guard<std::mutex> lock(g_mutex);
  std::string result = o.step.empty()
                           ? "pass"
                           : "FAIL at " + o.step + ": " + trim(o.why.substr(0, o.why.find('\n')));
  for (const auto& l : o.later) result += "; then " + l;
  g_rows.push_back({e.kind, e.name, e.dialect, e.status, result});
}

class TablePrinter : public ::testing::Environment {
 public:
  // pg_dump output names its owner (pagila's is `postgres`); the test server's superuser is
  // `retort`, so the role the dump assigns objects to is made here, once, as a DBA would.
  void SetUp() override {
    const char* pg = std::getenv("RETORT_TEST_PG_URL");
    if (!pg || !*pg) return;
    auto conn = find_dialect("postgresql").connect(Url::parse(pg));
    conn->execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postgres') THEN "
        "CREATE ROLE postgres; END IF; END $$");
  }

  void TearDown() override {
    if (g_rows.empty()) return;
    std::printf("\ncorpus results (%s):\n", run_all() ? "all cases" : "enabled cases");
    std::printf("%-9s %-28s %-11s %-8s %s\n", "kind", "name", "dialect", "listed", "result");
    for (const auto& r : g_rows)
      std::printf("%-9s %-28s %-11s %-8s %s\n", r.kind.c_str(), r.name.c_str(), r.dialect.c_str(),
                  r.status.c_str(), r.result.c_str());
  }
};

std::string later_text(const Outcome& o) {
  std::string out;
  for (const auto& l : o.later) out += "\nthen " + l;
  return out;
}

class SchemaCorpus : public ::testing::TestWithParam<Entry> {};
class SchemaCorpusScenario : public ::testing::TestWithParam<Entry> {};

TEST_P(SchemaCorpus, Case) {
  Outcome o = run_case(GetParam());
  record(GetParam(), o);
  EXPECT_EQ(o.step, "") << GetParam().name << " on " << GetParam().dialect << ": step " << o.step
                        << " failed: " << o.why << later_text(o);
}

TEST_P(SchemaCorpusScenario, Change) {
  Outcome o = run_scenario(GetParam());
  record(GetParam(), o);
  EXPECT_EQ(o.step, "") << GetParam().name << " on " << GetParam().dialect << ": step " << o.step
                        << " failed: " << o.why << later_text(o);
}

// The comparison itself: the same schema loaded twice by the client compares equal, and is not
// empty. This runs for every case, enabled or pending, so the pending ones fail only for what
// retort does.
class SchemaCorpusComparison : public ::testing::TestWithParam<Entry> {};

TEST_P(SchemaCorpusComparison, ClientLoadsCompareEqual) {
  const Entry& e = GetParam();
  Project p(e.dialect, "corpus_self_" + e.name);
  auto file = kCorpus / e.name / (e.dialect + ".sql");
  std::vector<std::vector<std::string>> loads;
  for (int i = 0; i < 2; ++i) {
    std::string url;
    if (e.dialect == "sqlite")
      url = "sqlite:///" + (p.dir() / ("load" + std::to_string(i) + ".db")).string();
    else if (e.dialect == "postgresql")
      url = fresh_pg_database("corpus_self_" + e.name);
    else
      url = fresh_mysql_database("corpus_self_" + e.name);
    CommandResult r = client_load(p, url, file);
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    std::string error;
    loads.push_back(catalog(p, url, &error));
    ASSERT_EQ(error, "");
  }
  EXPECT_FALSE(loads[0].empty());
  EXPECT_EQ(catalog_diff(loads[0], loads[1]), std::vector<std::string>{});
}

std::vector<Entry> all_cases() {
  std::vector<Entry> out;
  for (const auto& e : load_entries())
    if (e.kind == "case") out.push_back(e);
  return out;
}

std::string param_name(const ::testing::TestParamInfo<Entry>& info) { return info.param.id(); }

INSTANTIATE_TEST_SUITE_P(Fidelity, SchemaCorpus, ::testing::ValuesIn(selected("case")), param_name);
INSTANTIATE_TEST_SUITE_P(Fidelity, SchemaCorpusScenario, ::testing::ValuesIn(selected("scenario")),
                         param_name);
INSTANTIATE_TEST_SUITE_P(Fidelity, SchemaCorpusComparison, ::testing::ValuesIn(all_cases()),
                         param_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SchemaCorpusScenario);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SchemaCorpus);

}  // namespace
}  // namespace retort::test

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--all") setenv("RETORT_CORPUS_ALL", "1", 1);
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new retort::test::TablePrinter);
  return RUN_ALL_TESTS();
}
