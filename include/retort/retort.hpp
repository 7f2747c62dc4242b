// retort — the public C++ API in one include.
//
//   #include <retort/retort.hpp>
//   retort::Migrator migrator(retort::Config::load("retort.toml"));
//   migrator.upgrade("head");
//
// Everything the `retort` command does is reachable from these headers; every failure is a
// retort::Error (error.hpp).
#pragma once

#include "retort/autogenerate.hpp"
#include "retort/baseline.hpp"
#include "retort/config.hpp"
#include "retort/error.hpp"
#include "retort/metadata.hpp"
#include "retort/migration_test.hpp"
#include "retort/migrator.hpp"
#include "retort/scripts.hpp"
#include "retort/squash.hpp"
#include "retort/value.hpp"
#include "retort/version.hpp"
