// Sequences and identity columns (sa.Sequence, sa.Identity) as the dialects share them: the SQL
// of the options CREATE SEQUENCE, ALTER SEQUENCE and GENERATED ... AS IDENTITY take, the
// defaults a database fills in (so a reflected sequence says only what differs from them), and
// the one-line errors of the dialects that lack them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ops/ops.hpp"

namespace retort {

// The smallest and largest value of an integer of `bits` (16, 32, 64).
std::int64_t integer_min(int bits);
std::int64_t integer_max(int bits);

// The width of an integer column type: 16 (SmallInteger, smallint, int2), 64 (BigInteger,
// bigint, int8) or 32 (anything else).
int integer_bits(const Type& type);

// `o` with every unset option given the SQL standard's default for an integer of `bits`, as
// PostgreSQL applies it: increment 1; minvalue 1 (ascending) or the type's minimum; maxvalue the
// type's maximum (ascending) or -1; start minvalue (ascending) or maxvalue; cache 1; no cycle.
SequenceOptions filled_options(SequenceOptions o, int bits);
// `o` with the options equal to those defaults unset: what a reflection reports.
SequenceOptions stated_options(const SequenceOptions& o, int bits);

// " INCREMENT BY 2 MINVALUE 1 ... CYCLE": the options that are set, each with a leading space
// (the spelling PostgreSQL and MariaDB share).
std::string sequence_options_sql(const SequenceOptions& o);
// ALTER SEQUENCE / ALTER COLUMN ... SET: the options of `to` that differ from `from`, an option
// unset in `to` spelt as its default (NO MINVALUE, NO MAXVALUE, INCREMENT BY 1, CACHE 1,
// NO CYCLE; a START unset is left as it is). `prefix` goes before each ("SET " for an identity);
// `default_cache`: the database's CACHE when none is given (PostgreSQL 1, MariaDB 1000).
std::string sequence_changes_sql(const SequenceOptions& from, const SequenceOptions& to,
                                 const std::string& prefix, std::int64_t default_cache = 1);

// Error(Script): "<op>: <database> has no sequences ...".
[[noreturn]] void refuse_sequence(const ops::Op& op, std::string_view database);
// A column with an identity on a database without identity columns (MariaDB, SQLite), which
// makes it an auto-increment column: Error(Script) when the identity asks for what that cannot
// honour (GENERATED ALWAYS, or any sequence option), naming the column. `how`: the database's
// keyword, e.g. "AUTO_INCREMENT".
void check_identity_as_autoincrement(const Column& c, const std::string& table,
                                     std::string_view database, std::string_view how);

}  // namespace retort
