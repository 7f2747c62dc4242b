// The corpus's data files: cases.txt (what runs) and scenarios/*.scenario (the changes), read
// for the harness in corpus_test.cpp. README.md beside them describes both formats.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace retort::test {

// tests/corpus in the source tree.
const std::filesystem::path& corpus_dir();

// True when every case runs, pending ones included: RETORT_CORPUS_ALL=1 (or `--all`).
bool run_all();

// One line of cases.txt.
struct Entry {
  std::string kind;     // "case" or "scenario"
  std::string name;     // schema (case) or scenario file stem
  std::string dialect;  // sqlite, postgresql, mysql
  std::string status;   // enabled or pending
  std::string id() const { return name + "_" + dialect; }
};

void PrintTo(const Entry& e, std::ostream* os);

std::string trim(const std::string& s);

// Every well-formed line of cases.txt; a malformed one is skipped and described in `errors`.
std::vector<Entry> load_entries(std::vector<std::string>* errors = nullptr);

// The lines of one kind ("case" or "scenario") that run: the enabled ones, or all with run_all().
std::vector<Entry> selected(const std::string& kind);

// A change scenario: the case it starts from, the edit that makes the new schema, and the changes
// autogenerate must detect (each pattern matches exactly one detected change, and nothing else is
// detected).
struct Scenario {
  std::string schema;
  std::string what;
  std::vector<std::string> expect;
  bool downgrade_loses = false;
  std::vector<std::pair<std::string, std::string>> replacements;  // old text -> new text
  std::string append;
};

// scenarios/NAME.DIALECT.scenario; on a malformed file, `error` says why.
Scenario load_scenario(const std::string& name, const std::string& dialect, std::string* error);

}  // namespace retort::test
