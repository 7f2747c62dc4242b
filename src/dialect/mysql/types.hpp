// MySQL/MariaDB type mapping: generic Type -> column DDL, information_schema COLUMN_TYPE ->
// Type, server defaults both ways, and the comparisons autogenerate needs where MySQL stores a
// type or default differently from how a model spells it.
//
// Decisions (see also docs in mysql_dialect.hpp):
//   - DateTime -> DATETIME: the timezone flag is ignored (MySQL has no zoned type; TIMESTAMP
//     converts to UTC but has a 2038 limit and implicit defaults on old servers).
//   - Uuid -> CHAR(36), and CHAR(36) (and MariaDB's native UUID) reflect as Uuid.
//   - JSON -> JSON; MariaDB stores it as LONGTEXT with a column CHECK (json_valid(`c`)), which
//     the inspector folds back into JSON.
//   - Boolean -> BOOL (TINYINT(1)); tinyint(1) reflects as Boolean.
//   - DECIMAL values are read as strings, never rounded through a double.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retort/metadata.hpp"

namespace retort::mysql {

// `x` with embedded backticks doubled.
std::string quote_ident(std::string_view ident);

// An integer type, generic (sa.Integer()) or native ("INT(10) UNSIGNED", "BIGINT", "MEDIUMINT"):
// the types AUTO_INCREMENT may be given to.
bool is_integer_type(const Type& type);

// 'text' with ' doubled and \ escaped (MySQL treats backslash as an escape by default).
std::string quote_string(std::string_view text);

// The column type as DDL for column `table`.`column` (used in error messages).
// Error(Script) for a String without a length: VARCHAR needs one on MySQL.
std::string render_type(const Type& type, std::string_view table, std::string_view column);

// information_schema.COLUMNS.COLUMN_TYPE (e.g. "int(11)", "varchar(20)", "enum('a','b')",
// "decimal(10,2)", "int(10) unsigned") -> Type. Unknown types become Native, upper-cased.
Type parse_column_type(std::string_view column_type);

// The DEFAULT clause body for a server default: 'text', CURRENT_TIMESTAMP, an expression as
// written when it is simple (a number, a quoted string, NULL, a CURRENT_TIMESTAMP form) and
// (expression) otherwise, which MariaDB 10.2+ and MySQL 8.0.13+ accept.
std::string render_default(const ServerDefault& d);

// information_schema.COLUMNS.COLUMN_DEFAULT -> ServerDefault. MariaDB (10.2.7+) quotes string
// literals ('x'), writes expressions as SQL (current_timestamp()), and says NULL (or SQL NULL)
// for none; MySQL 8 gives literals bare and marks expressions with DEFAULT_GENERATED in EXTRA.
std::optional<ServerDefault> parse_column_default(const std::optional<std::string>& column_default,
                                                  std::string_view extra, bool mariadb);

// Whether a model type and a reflected type are the same column type on MySQL (INTEGER vs
// INT(11), NUMERIC vs DECIMAL, Uuid vs CHAR(36), native spellings of generic types).
bool types_equivalent(const Type& model, const Type& reflected);

// Whether a model's server default and a reflected one are the same on MySQL, for a column of
// `type`: '0' vs 0 vs 0.00 on a number, sa.text("'x'") vs 'x', now() vs current_timestamp(),
// (uuid()) vs uuid().
bool defaults_equivalent(const std::optional<ServerDefault>& model,
                         const std::optional<ServerDefault>& reflected, const Type& type);

}  // namespace retort::mysql
