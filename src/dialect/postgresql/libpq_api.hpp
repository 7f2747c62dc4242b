// libpq resolved with dlopen on first use. Linking libpq directly made every run (even SQLite-only
// ones) pay for loading it and its ~20 dependencies at start-up (bench/RESULTS.md); the headers
// still supply the types and constants.
#pragma once

#include <libpq-fe.h>

namespace retort::postgresql {

// The functions retort calls, named once: the struct's fields and the loader both come from it.
#define RETORT_LIBPQ_FUNCTIONS(X) \
  X(PQconnectdbParams)            \
  X(PQstatus)                     \
  X(PQerrorMessage)               \
  X(PQfinish)                     \
  X(PQclear)                      \
  X(PQexec)                       \
  X(PQsendQuery)                  \
  X(PQgetResult)                  \
  X(PQexecParams)                 \
  X(PQprepare)                    \
  X(PQexecPrepared)               \
  X(PQdescribePrepared)           \
  X(PQnparams)                    \
  X(PQparamtype)                  \
  X(PQresultStatus)               \
  X(PQresultErrorField)           \
  X(PQresStatus)                  \
  X(PQnfields)                    \
  X(PQntuples)                    \
  X(PQfname)                      \
  X(PQgetisnull)                  \
  X(PQgetvalue)                   \
  X(PQftype)                      \
  X(PQtransactionStatus)          \
  X(PQbackendPID)

struct LibPq {
#define RETORT_LIBPQ_FIELD(name) decltype(&::name) name;
  RETORT_LIBPQ_FUNCTIONS(RETORT_LIBPQ_FIELD)
#undef RETORT_LIBPQ_FIELD
};

// Loads libpq.so.5 once (thread-safe); throws Error(Database) naming the package if it is missing.
const LibPq& libpq();

}  // namespace retort::postgresql
