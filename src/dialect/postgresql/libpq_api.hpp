// libpq resolved with dlopen on first use. Linking libpq directly made every run (even SQLite-only
// ones) pay for loading it and its ~20 dependencies at start-up (bench/RESULTS.md); the headers
// still supply the types and constants.
#pragma once

#include <libpq-fe.h>

namespace retort::postgresql {

struct LibPq {
  decltype(&::PQconnectdbParams) PQconnectdbParams;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQclear) PQclear;
  decltype(&::PQexec) PQexec;
  decltype(&::PQsendQuery) PQsendQuery;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQexecParams) PQexecParams;
  decltype(&::PQprepare) PQprepare;
  decltype(&::PQexecPrepared) PQexecPrepared;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQresStatus) PQresStatus;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQfname) PQfname;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQftype) PQftype;
  decltype(&::PQtransactionStatus) PQtransactionStatus;
  decltype(&::PQbackendPID) PQbackendPID;
};

// Loads libpq.so.5 once (thread-safe); throws Error(Database) naming the package if it is missing.
const LibPq& libpq();

}  // namespace retort::postgresql
