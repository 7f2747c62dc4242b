// Sequence and identity helpers (sequence_support.hpp).
#include "dialect/sequence_support.hpp"

#include <fmt/format.h>

#include <cctype>
#include <limits>

#include "retort/error.hpp"

namespace retort {

std::int64_t integer_min(int bits) {
  if (bits == 16) return std::numeric_limits<std::int16_t>::min();
  if (bits == 32) return std::numeric_limits<std::int32_t>::min();
  return std::numeric_limits<std::int64_t>::min();
}

std::int64_t integer_max(int bits) {
  if (bits == 16) return std::numeric_limits<std::int16_t>::max();
  if (bits == 32) return std::numeric_limits<std::int32_t>::max();
  return std::numeric_limits<std::int64_t>::max();
}

int integer_bits(const Type& type) {
  if (type.kind == TypeKind::SmallInteger) return 16;
  if (type.kind == TypeKind::BigInteger) return 64;
  if (type.kind != TypeKind::Native) return 32;
  std::string n;
  for (char c : type.native) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "smallint" || n == "int2" || n == "smallserial" || n == "serial2") return 16;
  if (n == "bigint" || n == "int8" || n == "bigserial" || n == "serial8") return 64;
  return 32;
}

SequenceOptions filled_options(SequenceOptions o, int bits) {
  if (!o.increment) o.increment = 1;
  const bool ascending = *o.increment > 0;
  if (!o.minvalue) o.minvalue = ascending ? 1 : integer_min(bits);
  if (!o.maxvalue) o.maxvalue = ascending ? integer_max(bits) : -1;
  if (!o.start) o.start = ascending ? *o.minvalue : *o.maxvalue;
  if (!o.cache) o.cache = 1;
  if (!o.cycle) o.cycle = false;
  return o;
}

SequenceOptions stated_options(const SequenceOptions& o, int bits) {
  // Defaults follow from the options before them: increment, then the bounds, then start.
  SequenceOptions out;
  SequenceOptions d = filled_options({}, bits);
  if (o.increment && *o.increment != *d.increment) out.increment = o.increment;
  d = filled_options(out, bits);
  if (o.minvalue && *o.minvalue != *d.minvalue) out.minvalue = o.minvalue;
  if (o.maxvalue && *o.maxvalue != *d.maxvalue) out.maxvalue = o.maxvalue;
  d = filled_options(out, bits);
  if (o.start && *o.start != *d.start) out.start = o.start;
  if (o.cache && *o.cache != 1) out.cache = o.cache;
  if (o.cycle && *o.cycle) out.cycle = true;
  return out;
}

std::string sequence_options_sql(const SequenceOptions& o) {
  std::string s;
  if (o.increment) s += fmt::format(" INCREMENT BY {}", *o.increment);
  if (o.minvalue) s += fmt::format(" MINVALUE {}", *o.minvalue);
  if (o.maxvalue) s += fmt::format(" MAXVALUE {}", *o.maxvalue);
  if (o.start) s += fmt::format(" START WITH {}", *o.start);
  if (o.cache) s += fmt::format(" CACHE {}", *o.cache);
  if (o.cycle) s += *o.cycle ? " CYCLE" : " NO CYCLE";
  return s;
}

std::string sequence_changes_sql(const SequenceOptions& from, const SequenceOptions& to,
                                 const std::string& prefix, std::int64_t default_cache) {
  std::string s;
  auto value = [&](const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b,
                   const char* keyword, const std::string& unset) {
    if (a == b) return;
    s += " " + prefix + (b ? fmt::format("{} {}", keyword, *b) : unset);
  };
  value(from.increment, to.increment, "INCREMENT BY", "INCREMENT BY 1");
  value(from.minvalue, to.minvalue, "MINVALUE", "NO MINVALUE");
  value(from.maxvalue, to.maxvalue, "MAXVALUE", "NO MAXVALUE");
  if (from.start != to.start && to.start) s += fmt::format(" {}START WITH {}", prefix, *to.start);
  value(from.cache, to.cache, "CACHE", fmt::format("CACHE {}", default_cache));
  if (from.cycle.value_or(false) != to.cycle.value_or(false))
    s += " " + prefix + (to.cycle.value_or(false) ? "CYCLE" : "NO CYCLE");
  return s;
}

void refuse_sequence(const ops::Op& op, std::string_view database) {
  throw Error(ErrorKind::Script,
              fmt::format("{}: {} has no sequences (CREATE SEQUENCE is PostgreSQL's and "
                          "MariaDB's); use an autoincrement integer primary key",
                          ops::describe(op), database));
}

void check_identity_as_autoincrement(const Column& c, const std::string& table,
                                     std::string_view database, std::string_view how) {
  if (!c.identity) return;
  const char* what = nullptr;
  if (c.identity->always)
    what = "always = true (it cannot refuse an explicit value)";
  else if (c.identity->options != SequenceOptions{})
    what = "sequence options (start, increment, minvalue, maxvalue, cycle, cache)";
  if (what)
    throw Error(ErrorKind::Script,
                fmt::format("column {}.{}: {} has no identity columns and makes sa.Identity() "
                            "{}, which cannot honour {}; use sa.Identity() without options",
                            table, c.name, database, how, what));
}

}  // namespace retort
