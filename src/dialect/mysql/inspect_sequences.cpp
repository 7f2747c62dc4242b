// MariaDB (10.3+): sequences. information_schema.TABLES lists them (TABLE_TYPE 'SEQUENCE'); their
// options live in each sequence itself (SELECT ... FROM seq), all read in one UNION ALL query.
// An option equal to MariaDB's default (increment 1, minvalue 1, maxvalue 9223372036854775806,
// start = minvalue, cache 1000, no cycle) is left unset, so a reflected sequence says only what
// its CREATE SEQUENCE said. MySQL has no sequences: the first query finds none.
#include "dialect/mysql/inspect_objects.hpp"
#include "dialect/mysql/types.hpp"

namespace retort::mysql {
namespace {

std::string text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "";
}

std::int64_t number(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  return 0;
}

constexpr std::int64_t kMaxValue = 9223372036854775806;  // MariaDB's default MAXVALUE
constexpr std::int64_t kCache = 1000;                    // and CACHE

}  // namespace

void inspect_sequences(Connection& conn, const InspectOptions& options, MetaData& md) {
  // One query when there are none (the common case): the schemas asked for, else the current
  // database; the first column says which rows are in the current one.
  std::vector<Value> params;
  std::string where = "TABLE_SCHEMA = DATABASE()";
  if (!options.schemas.empty()) {
    where = "TABLE_SCHEMA IN (";
    for (size_t i = 0; i < options.schemas.size(); ++i) {
      where += i ? ", ?" : "?";
      params.emplace_back(options.schemas[i]);
    }
    where += ")";
  }
  ResultSet found = conn.query(
      "SELECT TABLE_SCHEMA = DATABASE(), TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
      "WHERE TABLE_TYPE = 'SEQUENCE' AND " +
          where + " ORDER BY CREATE_TIME, TABLE_SCHEMA, TABLE_NAME",
      params);
  if (found.rows.empty()) return;
  std::string sql;
  for (size_t i = 0; i < found.rows.size(); ++i) {
    if (i) sql += " UNION ALL ";
    sql += "SELECT " + std::to_string(i) +
           ", start_value, minimum_value, maximum_value, increment, cycle_option, cache_size "
           "FROM " +
           quote_ident(text(found.rows[i][1])) + "." + quote_ident(text(found.rows[i][2]));
  }
  std::vector<Sequence> out(found.rows.size());
  for (const auto& row : conn.query(sql).rows) {
    size_t i = static_cast<size_t>(number(row[0]));
    Sequence& s = out.at(i);
    s.schema = number(found.rows[i][0]) != 0 ? "" : text(found.rows[i][1]);
    s.name = text(found.rows[i][2]);
    const std::int64_t start = number(row[1]), min = number(row[2]), max = number(row[3]),
                       increment = number(row[4]), cache = number(row[6]);
    if (increment != 1) s.options.increment = increment;
    if (min != 1) s.options.minvalue = min;
    if (max != kMaxValue) s.options.maxvalue = max;
    if (start != min) s.options.start = start;
    if (cache != kCache) s.options.cache = cache;
    if (number(row[5]) != 0) s.options.cycle = true;
  }
  for (auto& s : out) md.sequences.push_back(std::move(s));
}

}  // namespace retort::mysql
