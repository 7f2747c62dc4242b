// MySQL/MariaDB inspector (see inspect.hpp for how the catalog maps onto the model).
#include "dialect/mysql/inspect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "dialect/mysql/connection.hpp"
#include "dialect/mysql/partitions.hpp"
#include "dialect/mysql/types.hpp"
#include "retort/error.hpp"

namespace retort::mysql {
namespace {

std::string str(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  return "";
}

std::optional<std::string> opt_str(const Value& v) {
  if (is_null(v)) return std::nullopt;
  return str(v);
}

std::int64_t num(const Value& v) {
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

bool is_integer(const Type& t) { return is_integer_type(t); }

std::string fk_rule(const std::string& rule) {
  // RESTRICT and NO ACTION are the same (and the default) on InnoDB.
  if (rule == "RESTRICT" || rule == "NO ACTION") return "";
  return rule;
}

}  // namespace

std::optional<Table> MysqlLiveSchema::table(const std::string& schema, const std::string& name) {
  return inspector_.table(schema, name);
}

MetaData MysqlInspector::inspect(const InspectOptions& options) {
  return reflect(options.schemas, std::nullopt, options.exclude_tables);
}

std::optional<Table> MysqlInspector::table(const std::string& schema, const std::string& name) {
  std::vector<std::string> schemas;
  if (!schema.empty()) schemas.push_back(schema);
  MetaData md = reflect(schemas, name, {});
  if (md.tables.empty()) return std::nullopt;
  return md.tables.front();
}

MetaData MysqlInspector::reflect(std::vector<std::string> schemas,
                                 const std::optional<std::string>& only_table,
                                 const std::vector<std::string>& exclude) {
  // 1. Who we are: the default database (schema "" in the model) and the server's flavour.
  ResultSet who = conn_.query("SELECT DATABASE(), VERSION()");
  std::string current = who.rows.empty() ? "" : str(who.rows[0][0]);
  bool mariadb = who.rows.empty() || str(who.rows[0][1]).find("MariaDB") != std::string::npos;
  if (schemas.empty()) {
    if (current.empty()) {
      throw Error(ErrorKind::Database,
                  "no database selected: name one in the URL (mysql://user@host/DATABASE)");
    }
    schemas.push_back(current);
  }
  auto model_schema = [&](const std::string& s) { return s == current ? std::string() : s; };

  // The shared filter: `<col> IN (?, ...)` [AND <table col> = ?].
  std::vector<Value> params;
  std::string in_list = "(";
  for (size_t i = 0; i < schemas.size(); ++i) {
    in_list += i ? ", ?" : "?";
    params.emplace_back(schemas[i]);
  }
  in_list += ")";
  if (only_table) params.emplace_back(*only_table);
  auto where = [&](const std::string& schema_col, const std::string& table_col) {
    std::string w = schema_col + " IN " + in_list;
    if (only_table) w += " AND " + table_col + " = ?";
    return w;
  };

  std::set<std::string> excluded(exclude.begin(), exclude.end());
  MetaData md;
  std::map<std::pair<std::string, std::string>, std::string> table_collation;
  std::map<std::pair<std::string, std::string>, size_t> index_of;  // (db, table) -> md.tables
  auto find = [&](const Value& db, const Value& name) -> Table* {
    auto it = index_of.find({str(db), str(name)});
    return it == index_of.end() ? nullptr : &md.tables[it->second];
  };

  // 2. Tables.
  ResultSet tables = conn_.query(
      "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COMMENT, TABLE_COLLATION FROM "
      "information_schema.TABLES WHERE "
      "TABLE_TYPE = 'BASE TABLE' AND " +
          where("TABLE_SCHEMA", "TABLE_NAME") + " ORDER BY TABLE_SCHEMA, TABLE_NAME",
      params);
  for (const auto& r : tables.rows) {
    std::string name = str(r[1]);
    if (excluded.count(name)) continue;
    Table t;
    t.schema = model_schema(str(r[0]));
    t.name = name;
    if (auto c = opt_str(r[2]); c && !c->empty()) t.comment = *c;
    index_of[{str(r[0]), name}] = md.tables.size();
    table_collation[{str(r[0]), name}] = str(r[3]);
    // The table's default collation and character set (a collation's name starts with its
    // character set's), as sa.Table's mysql_collate and mysql_charset.
    if (std::string coll = str(r[3]); !coll.empty()) {
      t.dialect_options["mysql_collate"] = coll;
      t.dialect_options["mysql_charset"] = coll.substr(0, coll.find('_'));
    }
    md.tables.push_back(std::move(t));
  }
  if (md.tables.empty()) return md;

  // 2b. Partitioning (not subpartitions: reported, not managed; catalog_objects.cpp), as
  // mysql_partition_by and mysql_partitions: the definitions one a line, or a number where the
  // server named them p0, p1, ... (HASH, KEY).
  ResultSet partitions = conn_.query(
      "SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, "
      "PARTITION_DESCRIPTION FROM information_schema.PARTITIONS WHERE PARTITION_NAME IS NOT NULL "
      "AND " +
          where("TABLE_SCHEMA", "TABLE_NAME") +
          " ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION, "
          "SUBPARTITION_ORDINAL_POSITION",
      params);
  std::map<Table*, std::vector<PartitionDef>> partitioned;
  for (const auto& r : partitions.rows) {
    Table* t = find(r[0], r[1]);
    if (!t) continue;
    auto& defs = partitioned[t];
    const std::string name = str(r[2]), method = str(r[3]);
    if (!defs.empty() && defs.back().name == name) continue;  // its subpartitions
    if (defs.empty()) t->dialect_options["mysql_partition_by"] = method + "(" + str(r[4]) + ")";
    PartitionDef d{name, ""};
    if (method.rfind("RANGE", 0) == 0) {
      std::string v = str(r[5]);
      d.bound = v == "MAXVALUE" ? "VALUES LESS THAN MAXVALUE" : "VALUES LESS THAN (" + v + ")";
    } else if (method.rfind("LIST", 0) == 0) {
      d.bound = "VALUES IN (" + str(r[5]) + ")";
    }
    defs.push_back(std::move(d));
  }
  for (auto& [t, defs] : partitioned) {
    bool numbered = true;
    for (size_t i = 0; i < defs.size(); ++i)
      numbered = numbered && defs[i].bound.empty() && defs[i].name == "p" + std::to_string(i);
    t->dialect_options["mysql_partitions"] =
        numbered ? std::to_string(defs.size()) : partitions_value(defs);
  }

  // 3. Columns.
  ResultSet columns = conn_.query(
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, "
      "EXTRA, COLUMN_COMMENT, COLLATION_NAME, GENERATION_EXPRESSION, CHARACTER_SET_NAME FROM "
      "information_schema.COLUMNS WHERE " +
          where("TABLE_SCHEMA", "TABLE_NAME") +
          " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
      params);
  for (const auto& r : columns.rows) {
    Table* t = find(r[0], r[1]);
    if (!t) continue;
    Column c;
    c.name = str(r[2]);
    c.type = parse_column_type(str(r[3]));
    c.nullable = str(r[4]) == "YES";
    std::string extra = str(r[6]);
    c.server_default = parse_column_default(opt_str(r[5]), extra, mariadb);
    std::string lextra = extra;
    std::transform(lextra.begin(), lextra.end(), lextra.begin(), ::tolower);
    if (lextra.find("auto_increment") != std::string::npos) c.autoincrement = true;
    if (auto cm = opt_str(r[7]); cm && !cm->empty()) c.comment = *cm;
    if (auto pos = lextra.find("on update "); pos != std::string::npos)
      c.mysql_on_update = parse_column_default(extra.substr(pos + 10), "", true);
    if (lextra.find("generated") != std::string::npos) {
      if (auto g = opt_str(r[9]); g && !g->empty()) {
        c.computed = Computed{*g, lextra.find("stored") != std::string::npos ||
                                      lextra.find("persistent") != std::string::npos};
        c.server_default.reset();
      }
    }
    if (auto coll = opt_str(r[8]); coll && *coll != table_collation[{str(r[0]), str(r[1])}]) {
      c.type.collation = *coll;
      // The character set too where it is not the table's (a collation's name starts with it).
      const std::string& table_coll = table_collation[{str(r[0]), str(r[1])}];
      if (auto cs = opt_str(r[10]); cs && *cs != table_coll.substr(0, table_coll.find('_')))
        c.type.mysql_charset = *cs;
    }
    t->columns.push_back(std::move(c));
  }

  // 4. Primary keys, unique constraints and foreign keys (with their rules), one query.
  ResultSet keys = conn_.query(
      "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, "
      "k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, "
      "k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE "
      "FROM information_schema.TABLE_CONSTRAINTS tc "
      "JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
      "AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
      "LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc "
      "ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = tc.TABLE_NAME "
      "AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
      "WHERE tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') AND " +
          where("tc.TABLE_SCHEMA", "tc.TABLE_NAME") +
          " ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION",
      params);
  for (const auto& r : keys.rows) {
    Table* t = find(r[0], r[1]);
    if (!t) continue;
    std::string name = str(r[2]), type = str(r[3]), column = str(r[4]);
    if (type == "PRIMARY KEY") {
      if (!t->primary_key) t->primary_key = PrimaryKey{name, {}};
      t->primary_key->columns.push_back(column);
      if (Column* c = t->find_column(column)) c->primary_key = true;
    } else if (type == "UNIQUE") {
      if (t->unique_constraints.empty() || t->unique_constraints.back().name != name)
        t->unique_constraints.push_back(UniqueConstraint{name, {}});
      t->unique_constraints.back().columns.push_back(column);
    } else {
      if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
        ForeignKey fk;
        fk.name = name;
        fk.referred_schema = model_schema(str(r[5]));
        fk.referred_table = str(r[6]);
        fk.onupdate = fk_rule(str(r[8]));
        fk.ondelete = fk_rule(str(r[9]));
        t->foreign_keys.push_back(std::move(fk));
      }
      t->foreign_keys.back().columns.push_back(column);
      t->foreign_keys.back().referred_columns.push_back(str(r[7]));
    }
  }
  for (auto& t : md.tables) {
    for (auto& c : t.columns)
      if (c.primary_key && !c.autoincrement && is_integer(c.type)) c.autoincrement = false;
  }

  // 5. Indexes that are neither the primary key, nor a unique constraint (MySQL lists every
  // unique index as one), nor the index InnoDB made for a foreign key.
  ResultSet stats = conn_.query(
      std::string("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME") +
          (mariadb ? ", NULL" : ", EXPRESSION") +
          ", INDEX_TYPE, SUB_PART, COLLATION FROM information_schema.STATISTICS WHERE " +
          where("TABLE_SCHEMA", "TABLE_NAME") +
          " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
      params);
  for (const auto& r : stats.rows) {
    Table* t = find(r[0], r[1]);
    if (!t) continue;
    std::string name = str(r[2]);
    bool unique = num(r[3]) == 0;
    if (name == "PRIMARY" || unique) continue;
    bool fk_index = std::any_of(t->foreign_keys.begin(), t->foreign_keys.end(),
                                [&](const ForeignKey& fk) { return fk.name == name; });
    if (fk_index) continue;
    if (t->indexes.empty() || t->indexes.back().name != name) {
      t->indexes.push_back(Index{name, {}, false, ""});
      std::string kind = str(r[6]);
      if (kind == "FULLTEXT" || kind == "SPATIAL") t->indexes.back().mysql_prefix = kind;
    }
    IndexElement e;
    if (auto col = opt_str(r[4])) {
      e.text = *col;
    } else {
      e.text = str(r[5]);
      e.expression = true;
    }
    // SPATIAL keys report a SUB_PART of 32 that no one wrote (and CREATE refuses).
    if (!is_null(r[7]) && t->indexes.back().mysql_prefix.empty())
      e.mysql_length = static_cast<int>(num(r[7]));
    e.descending = str(r[8]) == "D";
    t->indexes.back().elements.push_back(std::move(e));
  }

  // 6. Check constraints. MariaDB's CHECK_CONSTRAINTS names the table (check names are per
  // table there); MySQL 8's does not, so it is joined through TABLE_CONSTRAINTS.
  ResultSet checks = conn_.query(
      mariadb ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM "
                "information_schema.CHECK_CONSTRAINTS WHERE " +
                    where("CONSTRAINT_SCHEMA", "TABLE_NAME") +
                    " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME"
              : "SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, "
                "'Table' FROM information_schema.TABLE_CONSTRAINTS tc JOIN "
                "information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = "
                "tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE "
                "tc.CONSTRAINT_TYPE = 'CHECK' AND " +
                    where("tc.TABLE_SCHEMA", "tc.TABLE_NAME") +
                    " ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME",
      params);
  for (const auto& r : checks.rows) {
    Table* t = find(r[0], r[1]);
    if (!t) continue;
    std::string name = str(r[2]), clause = str(r[3]), level = str(r[4]);
    if (level == "Column") {
      // MariaDB's JSON: LONGTEXT with CHECK (json_valid(`c`)) named after the column.
      Column* c = t->find_column(name);
      if (c && c->type.kind == TypeKind::Native && c->type.native == "LONGTEXT" &&
          clause == "json_valid(" + quote_ident(name) + ")") {
        c->type = Type{};
        c->type.kind = TypeKind::JSON;
        continue;
      }
    }
    t->check_constraints.push_back(CheckConstraint{name, clause});
  }
  return md;
}

std::unique_ptr<SchemaView> make_live_schema(Connection& conn) {
  return std::make_unique<MysqlLiveSchema>(conn);
}

}  // namespace retort::mysql
