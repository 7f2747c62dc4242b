// Helpers for the SQLite dialect tests: run compiled ops the way the runtime does (inside one
// transaction, on a real database) and read things back.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialect/sqlite/connection.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "retort/error.hpp"

namespace retort::sqlite::test {

inline const Dialect& dialect() { return retort::sqlite_dialect(); }

// Compiles `op` against the live schema and executes its statements in one transaction.
inline std::vector<Statement> apply(Connection& conn, const ops::Op& op) {
  auto view = dialect().live_schema(conn);
  auto stmts = dialect().compile(op, *view);
  conn.begin();
  try {
    for (const auto& s : stmts) conn.execute(s.sql, s.params);
  } catch (...) {
    conn.rollback();
    throw;
  }
  conn.commit();
  return stmts;
}

inline std::vector<std::string> sql_of(const std::vector<Statement>& stmts) {
  std::vector<std::string> out;
  for (const auto& s : stmts) out.push_back(s.sql);
  return out;
}

inline std::int64_t scalar(Connection& conn, const std::string& sql) {
  auto rs = conn.query(sql);
  return std::get<std::int64_t>(rs.rows.at(0).at(0));
}

inline std::vector<std::string> strings(Connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& r : conn.query(sql).rows)
    out.push_back(is_null(r[0]) ? "NULL" : std::get<std::string>(r[0]));
  return out;
}

inline Column col(const std::string& name, TypeKind kind, bool nullable = true) {
  Column c;
  c.name = name;
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}

inline Type string_type(int length) {
  Type t;
  t.kind = TypeKind::String;
  t.length = length;
  return t;
}

}  // namespace retort::sqlite::test
