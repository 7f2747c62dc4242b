// Type and default mapping for MySQL/MariaDB (see types.hpp for the decisions).
#include "dialect/mysql/types.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "dialect/generic_types.hpp"
#include "dialect/literal_types.hpp"
#include "retort/error.hpp"

namespace retort::mysql {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Upper-cases everything outside single-quoted strings (ENUM/SET values keep their case).
std::string upper_outside_quotes(std::string_view s) {
  std::string out;
  bool quoted = false;
  for (char c : s) {
    if (c == '\'') quoted = !quoted;
    out += quoted ? c : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Splits "a, 'b,c', d" on commas outside quotes.
std::vector<std::string> split_args(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'') {
      // '' inside a quoted value is an escaped quote, not the end.
      if (quoted && i + 1 < s.size() && s[i + 1] == '\'') {
        cur += "''";
        ++i;
        continue;
      }
      quoted = !quoted;
    }
    if (c == ',' && !quoted) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!trim(cur).empty() || !out.empty()) out.push_back(trim(cur));
  return out;
}

// 'it''s' -> it's (also the backslash escapes MySQL writes into quoted defaults).
std::string unquote_string(std::string_view q) {
  if (q.size() < 2 || q.front() != '\'' || q.back() != '\'') return std::string(q);
  std::string_view body = q.substr(1, q.size() - 2);
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\'' && i + 1 < body.size() && body[i + 1] == '\'') {
      out += '\'';
      ++i;
    } else if (c == '\\' && i + 1 < body.size()) {
      char n = body[++i];
      switch (n) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '0':
          out += '\0';
          break;
        default:
          out += n;
      }
    } else {
      out += c;
    }
  }
  return out;
}

bool is_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else if ((s[i] == 'e' || s[i] == 'E') && digits) {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
      if (j == s.size()) return false;
      for (; j < s.size(); ++j)
        if (!std::isdigit(static_cast<unsigned char>(s[j]))) return false;
      return true;
    } else {
      return false;
    }
  }
  return digits;
}

// CURRENT_TIMESTAMP, current_timestamp(), CURRENT_TIMESTAMP(6), now(), localtimestamp...
bool is_current_timestamp(std::string_view s) {
  std::string l = lower(trim(s));
  for (const char* name : {"current_timestamp", "now", "localtimestamp", "localtime"}) {
    std::string n = name;
    if (l == n) return std::string_view(name) != "now";
    if (l.rfind(n + "(", 0) == 0 && l.back() == ')') {
      std::string inner = l.substr(n.size() + 1, l.size() - n.size() - 2);
      if (inner.empty() || is_number(inner)) return true;
    }
  }
  return false;
}

// The canonical lower-case spelling of a type for comparison.
std::string canonical(const Type& t) {
  switch (t.kind) {
    case TypeKind::Integer:
      return "int";
    case TypeKind::BigInteger:
      return "bigint";
    case TypeKind::SmallInteger:
      return "smallint";
    case TypeKind::String:
      return fmt::format("varchar({})", t.length.value_or(0));
    case TypeKind::Text:
      return "text";
    case TypeKind::Boolean:
      return "tinyint(1)";
    case TypeKind::Date:
      return "date";
    case TypeKind::DateTime:
      return "datetime";
    case TypeKind::Time:
      return "time";
    case TypeKind::Numeric:
      return fmt::format("decimal({},{})", t.precision.value_or(10), t.scale.value_or(0));
    case TypeKind::Float:
      return t.precision && *t.precision > 24 ? "double" : "float";
    case TypeKind::LargeBinary:
      return "blob";
    case TypeKind::JSON:
      return "json";
    case TypeKind::Uuid:
      return "char(36)";
    case TypeKind::Enum: {
      std::string s = "enum(";
      for (size_t i = 0; i < t.enum_values.size(); ++i)
        s += (i ? "," : "") + quote_string(t.enum_values[i]);
      return s + ")";
    }
    case TypeKind::Native: {
      Type parsed = parse_column_type(t.native);
      if (parsed.kind != TypeKind::Native) return canonical(parsed);
      std::string l = lower(parsed.native);
      l.erase(std::remove(l.begin(), l.end(), ' '), l.end());
      return l;
    }
    case TypeKind::Array:  // PostgreSQL only: the DDL refuses them here
      return "array";
    case TypeKind::Interval:
      return "interval";
  }
  return "";
}

}  // namespace

bool is_integer_type(const Type& t) {
  if (t.kind == TypeKind::Integer || t.kind == TypeKind::BigInteger ||
      t.kind == TypeKind::SmallInteger)
    return true;
  if (t.kind != TypeKind::Native) return false;
  std::string l = lower(trim(t.native));
  size_t end = l.find_first_of("( ");
  std::string base = l.substr(0, end);
  return base == "tinyint" || base == "smallint" || base == "mediumint" || base == "int" ||
         base == "integer" || base == "bigint";
}

std::string quote_ident(std::string_view ident) {
  std::string out = "`";
  for (char c : ident) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string quote_string(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "''";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string render_type(const Type& t, std::string_view table, std::string_view column) {
  // sa.TIMESTAMP() is TIMESTAMP (a VARCHAR without a length gets the error below).
  if (auto literal = literal_type_sql(t); literal && (t.kind != TypeKind::String || t.length))
    return *literal;
  switch (t.kind) {
    case TypeKind::Array:
      throw Error(ErrorKind::Script,
                  fmt::format("column {}.{}: sa.ARRAY is PostgreSQL only; MySQL/MariaDB has no "
                              "array type (use sa.JSON())",
                              table, column));
    case TypeKind::Interval:
      throw Error(ErrorKind::Script,
                  fmt::format("column {}.{}: sa.Interval is PostgreSQL only; MySQL/MariaDB has "
                              "no interval type (store seconds in an integer column)",
                              table, column));
    case TypeKind::String:
      if (!t.length) {
        throw Error(
            ErrorKind::Script,
            fmt::format("VARCHAR requires a length on mysql: sa.String(255) for column {}.{}",
                        table, column));
      }
      return generic_type_sql(t);
    case TypeKind::Boolean:
      return "BOOL";
    case TypeKind::Uuid:
      return "CHAR(36)";
    case TypeKind::Enum: {
      if (t.enum_values.empty()) {
        throw Error(
            ErrorKind::Script,
            fmt::format("ENUM needs at least one value on mysql: column {}.{}", table, column));
      }
      std::string s = "ENUM(";
      for (size_t i = 0; i < t.enum_values.size(); ++i)
        s += (i ? "," : "") + quote_string(t.enum_values[i]);
      return s + ")";
    }
    default:
      return generic_type_sql(t);
  }
}

Type parse_column_type(std::string_view column_type) {
  std::string text = trim(column_type);
  std::string l = lower(text);
  std::string base = l, args, suffix;
  size_t open = l.find('(');
  if (open != std::string::npos) {
    size_t close = l.rfind(')');
    base = trim(l.substr(0, open));
    if (close != std::string::npos && close > open) {
      args = l.substr(open + 1, close - open - 1);
      suffix = trim(l.substr(close + 1));
    }
  } else {
    size_t sp = l.find(' ');
    if (sp != std::string::npos) {
      base = l.substr(0, sp);
      suffix = trim(l.substr(sp + 1));
    }
  }
  auto native = [&] {
    Type t;
    t.kind = TypeKind::Native;
    t.native = upper_outside_quotes(text);
    return t;
  };
  auto of = [](TypeKind k) {
    Type t;
    t.kind = k;
    return t;
  };
  // Enum values are case-sensitive: take them from the original text, not the lower-cased one.
  if (base == "enum" && open != std::string::npos) {
    Type t = of(TypeKind::Enum);
    std::string_view orig_args(text);
    orig_args = orig_args.substr(open + 1, text.rfind(')') - open - 1);
    for (const auto& v : split_args(orig_args)) t.enum_values.push_back(unquote_string(v));
    return t;
  }
  if (!suffix.empty()) return native();  // unsigned, zerofill, character set...
  std::vector<std::string> a = args.empty() ? std::vector<std::string>{} : split_args(args);
  auto int_arg = [&](size_t i) -> std::optional<int> {
    if (i >= a.size() || a[i].empty() || !is_number(a[i])) return std::nullopt;
    return std::stoi(a[i]);
  };
  if (base == "tinyint" || base == "bool" || base == "boolean") {
    if (base != "tinyint" || (a.size() == 1 && a[0] == "1")) return of(TypeKind::Boolean);
    return native();
  }
  if (base == "int" || base == "integer") return of(TypeKind::Integer);
  if (base == "bigint") return of(TypeKind::BigInteger);
  if (base == "smallint") return of(TypeKind::SmallInteger);
  if (base == "varchar" && int_arg(0)) {
    Type t = of(TypeKind::String);
    t.length = int_arg(0);
    return t;
  }
  if ((base == "char" && a.size() == 1 && a[0] == "36") || (base == "uuid" && a.empty()))
    return of(TypeKind::Uuid);
  if (a.empty()) {
    if (base == "text") return of(TypeKind::Text);
    if (base == "date") return of(TypeKind::Date);
    if (base == "datetime") return of(TypeKind::DateTime);
    if (base == "time") return of(TypeKind::Time);
    if (base == "float") return of(TypeKind::Float);
    if (base == "blob") return of(TypeKind::LargeBinary);
    if (base == "json") return of(TypeKind::JSON);
  }
  if (base == "decimal" || base == "numeric" || base == "dec") {
    Type t = of(TypeKind::Numeric);
    t.precision = int_arg(0);
    t.scale = int_arg(1);
    if (a.size() > 2 || (a.size() >= 1 && !t.precision)) return native();
    return t;
  }
  if (base == "float" && a.size() == 1 && int_arg(0)) {
    Type t = of(TypeKind::Float);
    t.precision = int_arg(0);
    return t;
  }
  return native();
}

std::string render_default(const ServerDefault& d) {
  switch (d.kind) {
    case ServerDefault::Kind::Boolean:
      return d.text == "true" ? "1" : "0";  // BOOL is TINYINT(1): stored and reflected as 1 / 0
    case ServerDefault::Kind::Literal:
      return quote_string(d.text);
    case ServerDefault::Kind::Now:
      return "CURRENT_TIMESTAMP";
    case ServerDefault::Kind::Expression: {
      if (d.verbatim) return d.text;  // sa.text(...): as written, as SQLAlchemy does
      std::string t = trim(d.text);
      std::string l = lower(t);
      bool simple = is_number(t) || l == "null" || l == "true" || l == "false" ||
                    is_current_timestamp(t) ||
                    (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') ||
                    (t.size() >= 2 && t.front() == '(' && t.back() == ')');
      return simple ? t : "(" + t + ")";
    }
  }
  return d.text;
}

std::optional<ServerDefault> parse_column_default(const std::optional<std::string>& column_default,
                                                  std::string_view extra, bool mariadb) {
  if (!column_default) return std::nullopt;
  const std::string& d = *column_default;
  auto make = [](ServerDefault::Kind k, std::string text) {
    return ServerDefault{k, std::move(text)};
  };
  if (mariadb) {
    if (d == "NULL") return std::nullopt;
    if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'')
      return make(ServerDefault::Kind::Literal, unquote_string(d));
    if (is_current_timestamp(d)) return make(ServerDefault::Kind::Now, "");
    if (is_number(d)) return make(ServerDefault::Kind::Literal, d);
    return make(ServerDefault::Kind::Expression, d);
  }
  std::string e = lower(extra);
  if (is_current_timestamp(d)) return make(ServerDefault::Kind::Now, "");
  if (e.find("default_generated") != std::string::npos)
    return make(ServerDefault::Kind::Expression, d);
  return make(ServerDefault::Kind::Literal, d);
}

namespace {

// One spelling per default: "now" for the current timestamp, the value for literals, and the
// expression lower-cased without blanks or outer parentheses.
std::string canonical_default(const ServerDefault& d) {
  if (d.kind == ServerDefault::Kind::Now) return "now";
  if (d.kind == ServerDefault::Kind::Boolean) return d.text == "true" ? "1" : "0";
  if (d.kind == ServerDefault::Kind::Literal) return d.text;
  std::string t = trim(d.text);
  while (t.size() >= 2 && t.front() == '(' && t.back() == ')') t = trim(t.substr(1, t.size() - 2));
  if (is_current_timestamp(t)) return "now";
  if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') return unquote_string(t);
  std::string out;
  for (char c : lower(t))
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

bool is_numeric_type(const Type& t) {
  switch (t.kind) {
    case TypeKind::Integer:
    case TypeKind::BigInteger:
    case TypeKind::SmallInteger:
    case TypeKind::Boolean:
    case TypeKind::Numeric:
    case TypeKind::Float:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool defaults_equivalent(const std::optional<ServerDefault>& model,
                         const std::optional<ServerDefault>& reflected, const Type& type) {
  auto none = [](const std::optional<ServerDefault>& d) {
    return !d || (d->kind == ServerDefault::Kind::Expression && lower(trim(d->text)) == "null");
  };
  if (none(model) || none(reflected)) return none(model) && none(reflected);
  std::string a = canonical_default(*model), b = canonical_default(*reflected);
  if (a == b) return true;
  if (is_numeric_type(type) && is_number(a) && is_number(b)) return std::stod(a) == std::stod(b);
  if (type.kind == TypeKind::Boolean) {
    auto as_bit = [](std::string v) {
      v = lower(v);
      return v == "true" ? std::string("1") : v == "false" ? std::string("0") : v;
    };
    return as_bit(a) == as_bit(b);
  }
  return false;
}

bool types_equivalent(const Type& model, const Type& reflected) {
  if (model == reflected) return true;
  return canonical(model) == canonical(reflected);
}

}  // namespace retort::mysql

// MysqlDialect's autogenerate hooks live here, beside the mapping they depend on.
#include "dialect/mysql/mysql_dialect.hpp"

namespace retort {

namespace {

// MySQL stores FLOAT(p) as FLOAT (p <= 24) or DOUBLE: "float", "double", or "" for other types.
std::string float_storage(const Type& t) {
  if (t.kind == TypeKind::Float) return t.precision && *t.precision > 24 ? "double" : "float";
  if (t.kind != TypeKind::Native) return "";
  std::string n;
  for (char c : t.native) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "double" || n == "double precision" || n == "real") return "double";
  if (n == "float") return "float";
  return "";
}

}  // namespace

bool MysqlDialect::types_equivalent(const Type& reflected, const Type& model) const {
  std::string rf = float_storage(reflected), mf = float_storage(model);
  if (!rf.empty() || !mf.empty()) return rf == mf;
  return Dialect::types_equivalent(reflected, model) || mysql::types_equivalent(model, reflected);
}

// The generic rules, then MySQL's: '0' vs 0 vs 0.00 on numbers, true vs 1 on BOOL. The hook is
// not told the column's type, so the numeric and boolean readings are tried in turn; a string
// column whose default changed from '0' to '0.00' is the one difference this cannot see.
bool MysqlDialect::defaults_equivalent(const std::optional<ServerDefault>& reflected,
                                       const std::optional<ServerDefault>& model) const {
  if (Dialect::defaults_equivalent(reflected, model)) return true;
  Type numeric;
  numeric.kind = TypeKind::Numeric;
  Type boolean;
  boolean.kind = TypeKind::Boolean;
  return mysql::defaults_equivalent(model, reflected, numeric) ||
         mysql::defaults_equivalent(model, reflected, boolean);
}

}  // namespace retort
