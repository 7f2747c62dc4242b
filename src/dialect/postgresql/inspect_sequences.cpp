// PostgreSQL: sequences (pg_sequence), one catalog query for all the schemas asked for, skipping
// those an extension installed (pg_depend deptype 'e') and those of identity columns (deptype
// 'i', which the column reflects as its sa.Identity). A serial's sequence (OWNED BY, deptype 'a')
// is reflected with its owner, so a schema of serial columns stays sequences and defaults.
#include <nlohmann/json.hpp>

#include "dialect/postgresql/inspect_objects.hpp"
#include "dialect/sequence_support.hpp"

namespace retort::postgresql {
namespace {

std::string text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

std::int64_t number(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

// $1: a JSON array of schema names; empty: the current schema.
constexpr const char* kSequencesSql =
    "SELECT CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname END, c.relname, "
    "format_type(s.seqtypid, NULL), s.seqstart::int8, s.seqincrement::int8, s.seqmin::int8, "
    "s.seqmax::int8, s.seqcache::int8, s.seqcycle, "
    "(SELECT CASE WHEN tn.nspname = current_schema() THEN '' ELSE tn.nspname || '.' END || "
    "t.relname || '.' || a.attname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid "
    "JOIN pg_namespace tn ON tn.oid = t.relnamespace "
    "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
    "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
    "AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype = 'a' LIMIT 1) "
    "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE (n.nspname IN (SELECT json_array_elements_text($1::json)) OR "
    "(json_array_length($1::json) = 0 AND n.nspname = current_schema())) "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass "
    "AND e.objid = c.oid AND e.deptype IN ('e', 'i')) ORDER BY c.oid";

}  // namespace

void inspect_sequences(Connection& conn, const InspectOptions& options, MetaData& md) {
  nlohmann::json wanted = nlohmann::json::array();
  for (const auto& s : options.schemas) wanted.push_back(s);
  for (const auto& row : conn.query(kSequencesSql, {wanted.dump()}).rows) {
    Sequence s;
    s.schema = text(row[0]);
    s.name = text(row[1]);
    s.data_type = text(row[2]);
    Type t;
    t.kind = TypeKind::Native;
    t.native = s.data_type;
    const int bits = integer_bits(t);
    if (s.data_type == "bigint") s.data_type.clear();
    SequenceOptions o;
    o.start = number(row[3]);
    o.increment = number(row[4]);
    o.minvalue = number(row[5]);
    o.maxvalue = number(row[6]);
    o.cache = number(row[7]);
    o.cycle = std::get<bool>(row[8]);
    s.options = stated_options(o, bits);
    s.owned_by = text(row[9]);
    md.sequences.push_back(std::move(s));
  }
}

}  // namespace retort::postgresql
