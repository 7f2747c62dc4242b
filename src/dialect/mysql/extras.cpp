// MySQL/MariaDB's DialectExtras (dialect/dialect_extras.hpp): the guard's questions about text
// and integers, table options (default character set and collation, partitioning) compared and
// changed, and the rows of a partition about to be dropped.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "dialect/dialect_extras.hpp"
#include "dialect/mysql/partitions.hpp"
#include "dialect/mysql/types.hpp"

namespace retort {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// utf8 is MariaDB's (and MySQL 8's) old name of utf8mb3: the same character set.
std::string charset_name(std::string s) {
  s = lower(std::move(s));
  return s == "utf8" ? "utf8mb3" : s;
}

std::string collation_name(std::string s) {
  s = lower(std::move(s));
  return s.rfind("utf8_", 0) == 0 ? "utf8mb3_" + s.substr(5) : s;
}

// A type's own character set, or the one its collation belongs to; "" the table's.
std::string charset_of(const Type& t) {
  if (!t.mysql_charset.empty()) return charset_name(t.mysql_charset);
  if (t.collation.empty()) return "";
  return charset_name(t.collation.substr(0, t.collation.find('_')));
}

bool plain(const std::string& v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string option(const Table& t, const char* key) {
  auto it = t.dialect_options.find(key);
  return it == t.dialect_options.end() ? std::string() : it->second;
}

// Types that hold text in a character set: CHAR, VARCHAR, TEXT, ENUM, SET.
bool is_textual(const Type& t) {
  if (t.kind == TypeKind::String || t.kind == TypeKind::Text || t.kind == TypeKind::Enum)
    return true;
  if (t.kind != TypeKind::Native) return false;
  std::string l = lower(t.native);
  return l.find("char") != std::string::npos || l.find("text") != std::string::npos ||
         l.rfind("set", 0) == 0 || l.rfind("enum", 0) == 0;
}

// The model's default character set and collation, where it states them, and whether they
// differ from the table's now.
struct Defaults {
  std::string charset, collation;
};

std::optional<Defaults> changed_defaults(const Table& current, const Table& model) {
  std::string m_charset = option(model, "mysql_charset"),
              m_collate = option(model, "mysql_collate");
  if (m_charset.empty() && m_collate.empty()) return std::nullopt;
  const std::string c_collate = option(current, "mysql_collate");
  const std::string c_charset = option(current, "mysql_charset");
  if (m_charset.empty()) m_charset = m_collate.substr(0, m_collate.find('_'));
  bool differs = charset_name(m_charset) != charset_name(c_charset);
  if (!m_collate.empty()) differs |= collation_name(m_collate) != collation_name(c_collate);
  if (!differs) return std::nullopt;
  return Defaults{m_charset, m_collate};
}

class MysqlExtras : public DialectExtras {
 public:
  // The client's default character set (latin1 on many installs) would garble a 4-byte
  // character in a name, comment or literal of the script.
  std::string offline_preamble() const override { return "SET NAMES utf8mb4;\n\n"; }

  // The statements that cause no implicit commit are the data statements
  // (https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/): judged by the
  // first keyword after blanks and comments; anything else (DDL, CALL, LOCK...) counts as DDL.
  bool commits_implicitly(const std::string& sql) const override {
    size_t i = 0;
    for (;;) {
      while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
      if (sql.compare(i, 2, "--") == 0 || sql.compare(i, 1, "#") == 0) {
        i = sql.find('\n', i);
        if (i == std::string::npos) return true;
      } else if (sql.compare(i, 2, "/*") == 0) {
        i = sql.find("*/", i);
        if (i == std::string::npos) return true;
        i += 2;
      } else {
        break;
      }
    }
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
    return !(word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "REPLACE");
  }

  // As PostgreSQL's: a plain integer reads back as written; anything else would be converted.
  std::optional<std::string> lossy_text_to_integer(const std::string& col, long long lo,
                                                   long long hi) const override {
    return fmt::format(
        "CASE WHEN {} REGEXP '^(0|-?[1-9][0-9]{{0,17}})$' THEN CAST({} AS SIGNED) NOT BETWEEN "
        "{} AND {} ELSE TRUE END",
        col, col, lo, hi);
  }

  // A character set change keeps a value when converting it there and back gives the same
  // bytes: a character the new set lacks comes back as '?'.
  std::optional<std::string> lossy_value_condition(const Dialect& d, const std::string& col,
                                                   const Type& from,
                                                   const Type& to) const override {
    auto base = DialectExtras::lossy_value_condition(d, col, from, to);
    const std::string f = charset_of(from), t = charset_of(to);
    if (f.empty() || t.empty() || f == t || !plain(f) || !plain(t)) return base;
    const std::string converts =
        fmt::format("CAST(CONVERT(CONVERT({} USING {}) USING {}) AS BINARY) <> CAST({} AS BINARY)",
                    col, t, f, col);
    Type a = from, b = to;
    a.collation.clear(), a.mysql_charset.clear(), b.collation.clear(), b.mysql_charset.clear();
    if (base) return "(" + *base + " OR " + converts + ")";
    if (a == b) return converts;
    return std::nullopt;  // another change this cannot judge: every value counts
  }

  std::optional<ops::AlterTableOptions> table_options_change(const ops::TableRef& table,
                                                             const Table& current,
                                                             const Table& model) const override {
    ops::AlterTableOptions op;
    op.table = table;
    if (auto d = changed_defaults(current, model)) {
      op.options["mysql_charset"] = d->charset;
      op.existing["mysql_charset"] = option(current, "mysql_charset");
      if (!d->collation.empty()) op.options["mysql_collate"] = d->collation;
      op.existing["mysql_collate"] = option(current, "mysql_collate");
    }
    if (!mysql::same_partitioning(current, model)) {
      for (const char* key : {"mysql_partition_by", "mysql_partitions"}) {
        op.options[key] = option(model, key);
        op.existing[key] = option(current, key);
      }
    }
    if (op.options.empty()) return std::nullopt;
    return op;
  }

  void pin_default_charsets(Table& current, Table& model) const override {
    auto d = changed_defaults(current, model);
    if (!d) return;
    const std::string old_charset = option(current, "mysql_charset");
    const std::string old_collate = option(current, "mysql_collate");
    for (auto& mc : model.columns) {
      Column* cc = current.find_column(mc.name);
      if (!cc || !is_textual(mc.type) || !is_textual(cc->type)) continue;
      if (mc.type.collation.empty() && mc.type.mysql_charset.empty()) {
        mc.type.mysql_charset = d->charset;
        mc.type.collation = d->collation;
      }
      if (cc->type.collation.empty() && cc->type.mysql_charset.empty()) {
        cc->type.mysql_charset = old_charset;
        cc->type.collation = old_collate;
      }
    }
  }

  std::vector<std::string> dropped_partitions(const ops::AlterTableOptions& op,
                                              SchemaView& schema) const override {
    return mysql::partition_change_of(op, schema).dropped;
  }

  std::string partition_rows_query(const Dialect& d, const ops::TableRef& table,
                                   const std::vector<std::string>& partitions) const override {
    std::string sql;
    for (const auto& p : partitions)
      sql += fmt::format("{}(SELECT {} FROM {} PARTITION ({}) LIMIT 1)",
                         sql.empty() ? "" : " UNION ALL ", mysql::quote_string(p),
                         d.qualify(table.schema, table.name), d.quote(p));
    return sql.empty() ? sql : sql + " LIMIT 1";
  }
};

}  // namespace

const DialectExtras& mysql_extras() {
  static const MysqlExtras extras;
  return extras;
}

}  // namespace retort
