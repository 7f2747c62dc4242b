// PostgreSQL type mapping (see types.hpp for the choices).
#include "dialect/postgresql/types.hpp"

#include <fmt/format.h>

#include <regex>

#include "dialect/generic_types.hpp"
#include "dialect/literal_types.hpp"
#include "retort/error.hpp"

namespace retort::postgresql {

std::string quote_identifier(std::string_view ident) {
  // PostgreSQL cuts a longer name to its first 63 bytes (NAMEDATALEN - 1) with only a NOTICE,
  // so two long names could become one and the models would never match the database again.
  // Refused, as SQLAlchemy does and as MySQL refuses a name over 64 characters.
  constexpr size_t kMaxIdentifierBytes = 63;
  if (ident.size() > kMaxIdentifierBytes)
    throw Error(ErrorKind::Script,
                fmt::format("the name \"{}\" is {} bytes long, and PostgreSQL keeps only the first "
                            "{} of a name: use a shorter name",
                            ident, ident.size(), kMaxIdentifierBytes));
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quote_string(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string enum_type_sql(const Type& type, std::string_view schema) {
  if (type.enum_name.empty()) {
    std::string values;
    for (const auto& v : type.enum_values) values += (values.empty() ? "\"" : ", \"") + v + "\"";
    throw Error(ErrorKind::Script,
                "sa.Enum(" + values +
                    ") needs a name on PostgreSQL, where enums are named types: add "
                    "{ name = \"...\" }");
  }
  if (schema.empty()) return quote_identifier(type.enum_name);
  return quote_identifier(schema) + "." + quote_identifier(type.enum_name);
}

std::string type_sql(const Type& type, std::string_view schema) {
  if (auto literal = literal_type_sql(type)) return *literal;  // sa.JSON() is JSON, not JSONB
  switch (type.kind) {
    case TypeKind::DateTime:
      return type.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
    case TypeKind::Time:
      return type.timezone ? "TIME WITH TIME ZONE" : "TIME WITHOUT TIME ZONE";
    case TypeKind::Float:
      return type.precision ? generic_type_sql(type) : "DOUBLE PRECISION";
    case TypeKind::LargeBinary:
      return "BYTEA";
    case TypeKind::JSON:
      return "JSONB";
    case TypeKind::Enum:
      return enum_type_sql(type, schema);
    case TypeKind::Array: {
      // PostgreSQL keeps no dimension count (every array type is the same type): it is written
      // as declared and never compared.
      std::string out = type.item_type.empty() ? "" : type_sql(type.item_type[0], schema);
      for (int i = 0; i < type.dimensions.value_or(1); ++i) out += "[]";
      return out;
    }
    default:
      return generic_type_sql(type);
  }
}

bool is_integer_type(const Type& type) {
  return type.kind == TypeKind::Integer || type.kind == TypeKind::BigInteger ||
         type.kind == TypeKind::SmallInteger;
}

Type type_from_format(std::string_view formatted) {
  const std::string f(formatted);
  Type t;
  if (f.size() > 2 && f.compare(f.size() - 2, 2, "[]") == 0) {
    // format_type prints one [] whatever the dimensions: integer[]
    t.kind = TypeKind::Array;
    t.item_type.push_back(type_from_format(f.substr(0, f.size() - 2)));
    return t;
  }
  auto simple = [&](TypeKind kind) {
    t.kind = kind;
    return t;
  };
  if (f == "integer") return simple(TypeKind::Integer);
  if (f == "bigint") return simple(TypeKind::BigInteger);
  if (f == "smallint") return simple(TypeKind::SmallInteger);
  if (f == "text") return simple(TypeKind::Text);
  if (f == "boolean") return simple(TypeKind::Boolean);
  if (f == "date") return simple(TypeKind::Date);
  if (f == "bytea") return simple(TypeKind::LargeBinary);
  if (f == "jsonb") return simple(TypeKind::JSON);
  if (f == "uuid") return simple(TypeKind::Uuid);
  if (f == "interval") return simple(TypeKind::Interval);
  if (f == "double precision") return simple(TypeKind::Float);
  if (f == "real") {
    t.kind = TypeKind::Float;
    t.precision = 24;
    return t;
  }
  if (f == "timestamp without time zone" || f == "timestamp with time zone") {
    t.kind = TypeKind::DateTime;
    t.timezone = f == "timestamp with time zone";
    return t;
  }
  if (f == "time without time zone" || f == "time with time zone") {
    t.kind = TypeKind::Time;
    t.timezone = f == "time with time zone";
    return t;
  }
  if (f == "character varying") return simple(TypeKind::String);
  static const std::regex varchar(R"(character varying\((\d+)\))");
  static const std::regex numeric(R"(numeric(?:\((\d+),(\d+)\))?)");
  std::smatch m;
  if (std::regex_match(f, m, varchar)) {
    t.kind = TypeKind::String;
    t.length = std::stoi(m[1]);
    return t;
  }
  if (std::regex_match(f, m, numeric)) {
    t.kind = TypeKind::Numeric;
    if (m[1].matched) {
      t.precision = std::stoi(m[1]);
      t.scale = std::stoi(m[2]);
    }
    return t;
  }
  t.kind = TypeKind::Native;
  t.native = f;
  return t;
}

Type enum_type(std::string name, std::vector<std::string> values) {
  Type t;
  t.kind = TypeKind::Enum;
  t.enum_name = std::move(name);
  t.enum_values = std::move(values);
  return t;
}

}  // namespace retort::postgresql

// PostgresDialect's autogenerate hooks live here, beside the mapping they depend on.
#include <algorithm>
#include <cctype>

#include "dialect/postgresql/postgresql_dialect.hpp"

namespace retort::postgresql {
namespace {

// PostgreSQL's short names for the generic types (int4, float8, timestamptz, ...), as the
// type format_type() reports; other types unchanged.
Type resolve_alias(const Type& t) {
  if (t.kind != TypeKind::Native) return t;
  std::string n;
  for (char c : t.native) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  n.erase(std::remove_if(n.begin(), n.end(), [](char c) { return c == '"'; }), n.end());
  while (n.size() > 2 && n.back() == ' ') n.pop_back();
  if (n.size() > 2 && n.compare(n.size() - 2, 2, "[]") == 0) {
    // A native array (sa.Type("int4[]")): an Array of the item, however many [] it has.
    Type item = t;
    item.native = n.substr(0, n.size() - 2);
    Type a;
    a.kind = TypeKind::Array;
    a.item_type.push_back(resolve_alias(item));
    return a;
  }
  static const std::pair<const char*, const char*> aliases[] = {
      {"int", "integer"},
      {"int4", "integer"},
      {"serial", "integer"},
      {"serial4", "integer"},
      {"int8", "bigint"},
      {"bigserial", "bigint"},
      {"serial8", "bigint"},
      {"int2", "smallint"},
      {"smallserial", "smallint"},
      {"serial2", "smallint"},
      {"bool", "boolean"},
      {"float8", "double precision"},
      {"float4", "real"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp", "timestamp without time zone"},
      {"timetz", "time with time zone"},
      {"time", "time without time zone"},
      {"varchar", "character varying"},
      {"decimal", "numeric"},
  };
  for (const auto& [from, to] : aliases)
    if (n == from) return type_from_format(to);
  if (n.rfind("varchar(", 0) == 0) return type_from_format("character varying" + n.substr(7));
  if (n.rfind("decimal(", 0) == 0) {
    std::string args = n.substr(7);
    args.erase(std::remove(args.begin(), args.end(), ' '), args.end());
    return type_from_format("numeric" + args);
  }
  return type_from_format(n);
}

// FLOAT(p) is stored as REAL (p <= 24, reflected as Float(24)) or DOUBLE PRECISION (Float()).
Type stored_float(Type t) {
  if (t.kind == TypeKind::Float && t.precision) {
    if (*t.precision <= 24) {
      t.precision = 24;
    } else {
      t.precision.reset();
    }
  }
  return t;
}

}  // namespace

bool PostgresDialect::types_equivalent(const Type& reflected, const Type& model) const {
  Type r = stored_float(resolve_alias(reflected));
  Type m = stored_float(resolve_alias(model));
  // Arrays: the same item type; dimensions are not kept by PostgreSQL.
  if (r.kind == TypeKind::Array || m.kind == TypeKind::Array)
    return r.kind == m.kind && !r.item_type.empty() && !m.item_type.empty() &&
           types_equivalent(r.item_type[0], m.item_type[0]);
  // Float() and FLOAT(25..53) are DOUBLE PRECISION, FLOAT(1..24) is REAL: judged as stored.
  if (r.kind == TypeKind::Float || m.kind == TypeKind::Float)
    return r.kind == m.kind && r.precision == m.precision;
  // sa.JSON() is JSONB here; a json column is another type (types.hpp).
  auto is_json = [](const Type& x) { return x.kind == TypeKind::Native && x.native == "json"; };
  if (is_json(r) != is_json(m)) return false;
  return Dialect::types_equivalent(reflected, model) || Dialect::types_equivalent(r, m);
}

// The inspector reflects DEFAULT true as the literal "true"; a model writes sa.text("TRUE").
bool PostgresDialect::defaults_equivalent(const std::optional<ServerDefault>& reflected,
                                          const std::optional<ServerDefault>& model) const {
  auto boolean_literal = [](std::optional<ServerDefault> d) {
    if (d && d->kind == ServerDefault::Kind::Boolean) {
      d->kind = ServerDefault::Kind::Literal;  // sa.true_(): reflected as the literal true
    } else if (d && d->kind == ServerDefault::Kind::Expression) {
      std::string t;
      for (char c : d->text)
        if (!std::isspace(static_cast<unsigned char>(c)))
          t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (t == "true" || t == "false") d = ServerDefault{ServerDefault::Kind::Literal, t};
      // nextval('s') is stored as nextval('s'::regclass).
      if (t.rfind("nextval(", 0) == 0 && d->text.find("::regclass") == std::string::npos) {
        size_t close = d->text.rfind(')');
        if (close != std::string::npos) d->text.insert(close, "::regclass");
      }
    }
    return d;
  };
  return Dialect::defaults_equivalent(boolean_literal(reflected), boolean_literal(model));
}

}  // namespace retort::postgresql
