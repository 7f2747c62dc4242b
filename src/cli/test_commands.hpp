// `retort test`: the project's migrations tried on scratch databases (retort/migration_test.hpp),
// reported as text, JSON (--json) or JUnit XML (--junit FILE). Internal to src/cli/.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace retort {
struct MigrationTestReport;
}

namespace retort::cli {

struct TestArgs {
  std::vector<std::string> checks;  // --check NAME (repeatable): run only these
  std::string junit;                // --junit FILE: also write JUnit XML there
  std::string fixtures;             // --fixtures DIR: the data fixtures' folder
};

// Exit 0 when every check passed (or was skipped), 1 when one failed: each failure is named by
// its check and revision on stdout, and one summary line goes to stderr.
int cmd_test(const GlobalOptions& g, const TestArgs& a, Streams io);

// `retort baseline -m MSG` (baseline_command.cpp): the database's schema as the first revision,
// stamped.
int cmd_baseline(const GlobalOptions& g, const std::string& message, Streams io);

// `retort squash A:B -m MSG` (squash_command.cpp): a run of revisions folded into one.
struct SquashArgs {
  std::string range;    // A:B
  std::string message;  // -m
};
int cmd_squash(const GlobalOptions& g, const SquashArgs& a, Streams io);

// The report as JUnit XML (one <testcase> per check and revision), as CI servers read it.
std::string junit_xml(const MigrationTestReport& r);

}  // namespace retort::cli
