// PostgresInspector: bulk catalog queries (pg_catalog, not information_schema, which is slow
// and hides other roles' objects) -> MetaData.
#include "dialect/postgresql/inspect.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "dialect/postgresql/partitions.hpp"
#include "dialect/postgresql/types.hpp"
#include "dialect/sequence_support.hpp"
#include "retort/error.hpp"

namespace retort::postgresql {
namespace {

// The relations a reflection covers: $1 is a JSON array of schema names, $2 one table name or
// NULL for all. `c` is the pg_class row of the table, `n` its pg_namespace row.
constexpr const char* kTableFilter =
    " c.relkind IN ('r', 'p')"
    " AND n.nspname IN (SELECT json_array_elements_text($1::json))"
    " AND ($2::text IS NULL OR c.relname = $2::text) ";

const std::string kTablesSql =
    std::string("SELECT c.oid::int8, n.nspname, c.relname, obj_description(c.oid, 'pg_class'), " +
                std::string(kPartitioningColumns) +
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE") +
    kTableFilter + "ORDER BY n.nspname, c.relname";

const std::string kColumnsSql =
    std::string(
        "SELECT a.attrelid::int8, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', col_description(a.attrelid, "
        "a.attnum), "
        "t.typtype = 'e', t.oid::int8, t.typname, a.attgenerated <> '', "
        // The collation, where it is not the type's default.
        "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
        // An identity column: [ALWAYS, start, increment, min, max, cache, cycle] of its sequence.
        "CASE WHEN a.attidentity <> '' THEN (SELECT json_build_array(a.attidentity = 'a', "
        "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)::text "
        "FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid "
        "WHERE dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid "
        "AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' LIMIT 1) END "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
        "WHERE a.attnum > 0 AND NOT a.attisdropped AND") +
    kTableFilter + "ORDER BY a.attrelid, a.attnum";

// Enum labels of every enum type a reflected column uses, in their declared order.
const std::string kEnumsSql =
    std::string(
        "SELECT e.enumtypid::int8, json_agg(e.enumlabel ORDER BY e.enumsortorder)::text "
        "FROM pg_enum e WHERE e.enumtypid IN (SELECT a.atttypid FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE a.attnum > 0 AND NOT a.attisdropped AND") +
    kTableFilter + ") GROUP BY e.enumtypid";

// Column lists come back as JSON arrays (json_agg), in key order, whatever the names contain.
const std::string kConstraintsSql =
    std::string(
        "SELECT co.conrelid::int8, co.conname, co.contype::text, "
        "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY "
        "AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum)"
        "::text, "
        "rn.nspname, rc.relname, "
        "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY "
        "AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = "
        "k.attnum)"
        "::text, "
        "co.confdeltype::text, co.confupdtype::text, co.condeferrable, co.condeferred, "
        "CASE WHEN co.contype = 'c' THEN pg_get_constraintdef(co.oid, true) END "
        "FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_class rc ON rc.oid = co.confrelid "
        "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
        // A partition's copies of its parent's keys (conparentid) and checks (coninhcount) are
        // the parent's.
        "WHERE co.contype IN ('p', 'u', 'f', 'c') AND co.conparentid = 0 "
        "AND NOT (c.relispartition AND co.contype = 'c' AND co.coninhcount > 0) AND") +
    kTableFilter + "ORDER BY co.conrelid, co.conname";

// Each key element: [is_expression, pg_get_indexdef's text of it, the column name or null,
// indoption (bit 1: DESC, bit 2: NULLS FIRST), the operator class when it is not the type's
// default]; then the access method and the INCLUDE columns.
const std::string kIndexesSql =
    std::string(
        "SELECT i.indrelid::int8, ic.relname, i.indisunique, "
        "(SELECT json_agg(json_build_array(i.indkey[k.n - 1] = 0, "
        "pg_get_indexdef(i.indexrelid, k.n, true), a.attname, i.indoption[k.n - 1], "
        "CASE WHEN NOT oc.opcdefault THEN oc.opcname END) ORDER BY k.n) "
        "FROM generate_series(1, i.indnkeyatts::int) AS k(n) "
        "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1] "
        "LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k.n - 1])::text, "
        "pg_get_expr(i.indpred, i.indrelid, true), am.amname, "
        "(SELECT json_agg(a.attname ORDER BY k.n) "
        "FROM generate_series(i.indnkeyatts::int + 1, i.indnatts::int) AS k(n) "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1])::text "
        "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = ic.relam "
        "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid "
        "AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')) "
        // A partition's copy of an index of its parent (attached to it) is the parent's.
        "AND NOT ic.relispartition AND") +
    kTableFilter + "ORDER BY i.indrelid, ic.relname";

std::string text_of(const Value& v) {
  return is_null(v) ? std::string() : std::get<std::string>(v);
}

std::vector<std::string> names_of(const Value& v) {
  std::vector<std::string> out;
  if (is_null(v)) return out;
  for (const auto& e : nlohmann::json::parse(std::get<std::string>(v)))
    out.push_back(e.get<std::string>());
  return out;
}

std::string fk_action(const std::string& code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "";  // "a": NO ACTION, the default, which DDL leaves out
}

}  // namespace

bool fully_parenthesized(const std::string& text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
      if (depth == 0 && i + 1 < text.size()) return false;
    }
  }
  return depth == 0;
}

std::string check_sqltext(const std::string& def) {
  std::string body = def;
  const std::string prefix = "CHECK (";
  if (body.rfind(prefix, 0) == 0) {
    body = body.substr(prefix.size() - 1);
    for (const char* suffix : {" NOT VALID", " NO INHERIT"}) {
      std::string s(suffix);
      if (body.size() > s.size() && body.compare(body.size() - s.size(), s.size(), s) == 0)
        body.resize(body.size() - s.size());
    }
  }
  // pg_get_constraintdef wraps the expression once for CHECK (...) and usually once more.
  while (fully_parenthesized(body)) body = body.substr(1, body.size() - 2);
  return body;
}

std::optional<ServerDefault> parse_default(const std::string& expr, bool& autoincrement) {
  if (expr.empty() || expr.rfind("NULL::", 0) == 0 || expr == "NULL") return std::nullopt;
  if (expr.rfind("nextval(", 0) == 0) {
    // A serial's (or any sequence's) nextval stays the column's default: the sequence is
    // reflected beside the tables, and the column is never turned into an identity.
    autoincrement = true;
    return ServerDefault{ServerDefault::Kind::Expression, expr};
  }
  static const std::regex quoted(R"(^'((?:[^']|'')*)'::[A-Za-z_][\w ."\[\]\(\),]*$)");
  static const std::regex number(R"(^-?\d+(\.\d+)?$)");
  std::smatch m;
  if (std::regex_match(expr, m, quoted)) {
    std::string text;
    std::string raw = m[1];
    for (size_t i = 0; i < raw.size(); ++i) {
      text += raw[i];
      if (raw[i] == '\'') ++i;  // '' -> '
    }
    return ServerDefault{ServerDefault::Kind::Literal, text};
  }
  if (std::regex_match(expr, number) || expr == "true" || expr == "false")
    return ServerDefault{ServerDefault::Kind::Literal, expr};
  if (expr == "now()" || expr == "CURRENT_TIMESTAMP")
    return ServerDefault{ServerDefault::Kind::Now, ""};
  return ServerDefault{ServerDefault::Kind::Expression, expr};
}

MetaData PostgresInspector::inspect(const InspectOptions& options) {
  return reflect(options.schemas, nullptr, options.exclude_tables);
}

std::optional<Table> PostgresInspector::table(const std::string& schema, const std::string& name) {
  std::vector<std::string> schemas;
  if (!schema.empty()) schemas.push_back(schema);
  MetaData md = reflect(schemas, &name, {});
  if (md.tables.empty()) return std::nullopt;
  return std::move(md.tables.front());
}

MetaData PostgresInspector::reflect(const std::vector<std::string>& schemas,
                                    const std::string* only_table,
                                    const std::vector<std::string>& exclude) {
  ResultSet cur = conn_.query("SELECT current_schema()");
  const std::string current = cur.rows.empty() ? "" : text_of(cur.rows[0][0]);
  nlohmann::json wanted = nlohmann::json::array();
  if (schemas.empty()) {
    if (current.empty())
      throw Error(ErrorKind::Database,
                  "cannot reflect the database: no schema in search_path exists (set search_path "
                  "or name the schemas to reflect)");
    wanted.push_back(current);
  } else {
    for (const auto& s : schemas) wanted.push_back(s);
  }
  const std::vector<Value> params = {wanted.dump(),
                                     only_table ? Value(*only_table) : Value(std::monostate{})};
  auto shown_schema = [&](const std::string& s) { return s == current ? std::string() : s; };

  MetaData md;
  std::map<std::int64_t, size_t> by_oid;  // table oid -> index in md.tables
  for (const auto& row : conn_.query(kTablesSql, params).rows) {
    std::string name = text_of(row[2]);
    if (std::find(exclude.begin(), exclude.end(), name) != exclude.end()) continue;
    Table t;
    t.schema = shown_schema(text_of(row[1]));
    t.name = std::move(name);
    if (!is_null(row[3])) t.comment = text_of(row[3]);
    set_partitioning(t, row, 4);
    by_oid[std::get<std::int64_t>(row[0])] = md.tables.size();
    md.tables.push_back(std::move(t));
  }
  if (md.tables.empty()) return md;
  auto table_of = [&](const Value& oid) -> Table* {
    auto it = by_oid.find(std::get<std::int64_t>(oid));
    return it == by_oid.end() ? nullptr : &md.tables[it->second];
  };

  std::map<std::int64_t, std::vector<std::string>> enum_values;
  for (const auto& row : conn_.query(kEnumsSql, params).rows)
    enum_values[std::get<std::int64_t>(row[0])] = names_of(row[1]);

  // Row by row, not the whole result decoded at once; the rows come table by table (ORDER BY
  // attrelid), so each table's columns are gathered in `pending` and then stored at their exact
  // count: a Column is a few hundred bytes, and growing each table's vector by doubling left a
  // third of it unused.
  Table* current_table = nullptr;
  std::vector<Column> pending;
  auto store = [&] {
    if (current_table)  // appended: still right if a table's rows ever came apart
      current_table->columns.insert(current_table->columns.end(),
                                    std::make_move_iterator(pending.begin()),
                                    std::make_move_iterator(pending.end()));
    pending.clear();
  };
  conn_.each_row(kColumnsSql, params, [&](const std::vector<Value>& row) {
    Table* t = table_of(row[0]);
    if (!t) return;
    if (t != current_table) {
      store();
      current_table = t;
    }
    Column c;
    c.name = text_of(row[1]);
    if (std::get<bool>(row[7])) {
      c.type = enum_type(text_of(row[9]), enum_values[std::get<std::int64_t>(row[8])]);
    } else {
      c.type = type_from_format(text_of(row[2]));
    }
    c.nullable = !std::get<bool>(row[3]);
    bool autoincrement = std::get<bool>(row[5]);
    if (std::get<bool>(row[10])) {
      // attgenerated 's' (the only kind PostgreSQL 15 has): pg_attrdef holds the expression.
      c.computed = Computed{text_of(row[4]), true};
    } else {
      c.server_default = parse_default(text_of(row[4]), autoincrement);
    }
    if (autoincrement) c.autoincrement = true;
    if (!is_null(row[6])) c.comment = text_of(row[6]);
    c.type.collation = text_of(row[11]);
    if (!is_null(row[12])) {
      auto j = nlohmann::json::parse(text_of(row[12]));
      Identity id;
      id.always = j[0].get<bool>();
      SequenceOptions o;
      o.start = j[1].get<std::int64_t>();
      o.increment = j[2].get<std::int64_t>();
      o.minvalue = j[3].get<std::int64_t>();
      o.maxvalue = j[4].get<std::int64_t>();
      o.cache = j[5].get<std::int64_t>();
      o.cycle = j[6].get<bool>();
      id.options = stated_options(o, integer_bits(c.type));
      c.identity = id;
    }
    pending.push_back(std::move(c));
  });
  store();

  for (const auto& row : conn_.query(kConstraintsSql, params).rows) {
    Table* t = table_of(row[0]);
    if (!t) continue;
    const std::string name = text_of(row[1]);
    const std::string type = text_of(row[2]);
    std::vector<std::string> columns = names_of(row[3]);
    if (type == "p") {
      t->primary_key = PrimaryKey{name, columns};
      for (const auto& col : columns) {
        if (Column* c = t->find_column(col)) c->primary_key = true;
      }
      if (columns.size() == 1) {
        Column* c = t->find_column(columns[0]);
        if (c && is_integer_type(c->type) && !c->autoincrement) c->autoincrement = false;
      }
    } else if (type == "u") {
      t->unique_constraints.push_back(UniqueConstraint{name, columns});
    } else if (type == "f") {
      ForeignKey fk;
      fk.name = name;
      fk.columns = columns;
      fk.referred_schema = shown_schema(text_of(row[4]));
      fk.referred_table = text_of(row[5]);
      fk.referred_columns = names_of(row[6]);
      fk.ondelete = fk_action(text_of(row[7]));
      fk.onupdate = fk_action(text_of(row[8]));
      if (std::get<bool>(row[9])) {
        fk.deferrable = true;
        if (std::get<bool>(row[10])) fk.initially = "DEFERRED";
      }
      t->foreign_keys.push_back(std::move(fk));
    } else if (type == "c") {
      t->check_constraints.push_back(CheckConstraint{name, check_sqltext(text_of(row[11]))});
    }
  }

  reflect_exclude_constraints(conn_, kTableFilter, params, table_of);

  for (const auto& row : conn_.query(kIndexesSql, params).rows) {
    Table* t = table_of(row[0]);
    if (!t) continue;
    Index ix;
    ix.name = text_of(row[1]);
    ix.unique = std::get<bool>(row[2]);
    if (!is_null(row[3])) {
      for (const auto& e : nlohmann::json::parse(std::get<std::string>(row[3]))) {
        bool expression = e[0].get<bool>();
        IndexElement el;
        el.expression = expression;
        el.text = expression ? e[1].get<std::string>() : e[2].get<std::string>();
        int option = e[3].is_number() ? e[3].get<int>() : 0;
        el.descending = (option & 1) != 0;
        bool nulls_first = (option & 2) != 0;
        if (nulls_first != el.descending) el.nulls = nulls_first ? "FIRST" : "LAST";
        if (e[4].is_string()) el.postgresql_ops = e[4].get<std::string>();
        ix.elements.push_back(std::move(el));
      }
    }
    ix.where = text_of(row[4]);
    ix.postgresql_using = text_of(row[5]);
    if (ix.postgresql_using == "btree") ix.postgresql_using.clear();
    ix.postgresql_include = names_of(row[6]);
    t->indexes.push_back(std::move(ix));
  }
  if (!only_table) forget_inherited(md);
  return md;
}

std::optional<Table> PostgresLiveSchema::table(const std::string& schema, const std::string& name) {
  return PostgresInspector(conn_).table(schema, name);
}

std::optional<std::vector<std::string>> PostgresLiveSchema::enum_labels(const std::string& schema,
                                                                        const std::string& name) {
  ResultSet r = conn_.query(
      "SELECT (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e "
      "WHERE e.enumtypid = t.oid)::text FROM pg_type t "
      "JOIN pg_namespace n ON n.oid = t.typnamespace "
      "WHERE t.typname = $1 AND n.nspname = COALESCE(NULLIF($2::text, ''), current_schema())",
      {name, schema});
  if (r.rows.empty()) return std::nullopt;
  return names_of(r.rows[0][0]);
}

std::vector<EnumColumn> PostgresLiveSchema::enum_columns(const std::string& schema,
                                                          const std::string& name) {
  ResultSet r = conn_.query(
      "SELECT CASE WHEN cn.nspname = current_schema() THEN '' ELSE cn.nspname END, c.relname, "
      "a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_type t "
      "JOIN pg_namespace n ON n.oid = t.typnamespace "
      "JOIN pg_attribute a ON a.atttypid = t.oid AND a.attnum > 0 AND NOT a.attisdropped "
      "JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p') "
      "JOIN pg_namespace cn ON cn.oid = c.relnamespace "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE t.typname = $1 AND n.nspname = COALESCE(NULLIF($2::text, ''), current_schema()) "
      "ORDER BY 1, 2, a.attnum",
      {name, schema});
  std::vector<EnumColumn> out;
  for (const auto& row : r.rows) {
    EnumColumn c;
    c.schema = std::get<std::string>(row.at(0));
    c.table = std::get<std::string>(row.at(1));
    c.column = std::get<std::string>(row.at(2));
    if (const auto* expr = std::get_if<std::string>(&row.at(3))) {
      c.has_default_now = true;
      // As the database prints it ('a'::mood): it names the type, which is the new one then.
      c.default_after = ServerDefault{ServerDefault::Kind::Expression, *expr};
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool PostgresLiveSchema::has_enums() {
  if (!has_enums_) {
    ResultSet r = conn_.query("SELECT EXISTS (SELECT 1 FROM pg_type WHERE typtype = 'e')");
    has_enums_ = std::get<bool>(r.rows.at(0).at(0));
  }
  return *has_enums_;
}

std::vector<std::string> PostgresLiveSchema::enums_left_unused(const std::string& relation,
                                                               const std::string& column) {
  if (!has_enums()) return {};
  // Other users of a type are found through pg_depend, where every column records the type it
  // is of (https://www.postgresql.org/docs/15/catalog-pg-depend.html): an index lookup by type,
  // where pg_attribute, which has no index on atttypid, would be read whole. OFFSET 0 keeps
  // the NOT EXISTS a correlated subplan, run only for the enum-typed columns found, instead of
  // letting the planner turn it into an anti-join it then has to plan and cost.
  ResultSet r = conn_.query(
      "SELECT DISTINCT CASE WHEN tn.nspname = current_schema() THEN '' ELSE tn.nspname END, "
      "t.typname FROM pg_attribute a "
      "JOIN pg_type t ON t.oid = a.atttypid AND t.typtype = 'e' "
      "JOIN pg_namespace tn ON tn.oid = t.typnamespace "
      "WHERE a.attrelid = to_regclass($1::text) AND a.attnum > 0 AND NOT a.attisdropped "
      "AND ($2::text = '' OR a.attname = $2::text) "
      "AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class c2 ON c2.oid = d.objid "
      "WHERE d.refclassid = 'pg_type'::regclass AND d.refobjid = t.oid "
      "AND d.classid = 'pg_class'::regclass AND d.objsubid > 0 "
      "AND c2.relkind IN ('r', 'p', 'v', 'm', 'f') "
      "AND NOT (d.objid = a.attrelid AND ($2::text = '' OR d.objsubid = a.attnum)) OFFSET 0) "
      "ORDER BY 2",
      {relation, column});
  std::vector<std::string> out;
  for (const auto& row : r.rows) {
    std::string schema = text_of(row[0]);
    std::string name = quote_identifier(text_of(row[1]));
    out.push_back(schema.empty() ? name : quote_identifier(schema) + "." + name);
  }
  return out;
}

}  // namespace retort::postgresql
