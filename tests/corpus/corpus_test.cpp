// The schema-fidelity corpus (issue 20): real public schemas, each run through retort with the
// real binary against the real servers, and compared with the same schema loaded directly by the
// database's own client. What runs is listed in tests/corpus/cases.txt (one line per schema x
// dialect, and one per change scenario); README.md beside it says what each step proves.
//
// By default only the cases marked `enabled` run (that is what ctest registers). With
// RETORT_CORPUS_ALL=1 in the environment, or `--all` on the command line, every case runs, and
// the table printed at the end says, per case, which step failed and why.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/catalog.hpp"
#include "corpus/corpus_files.hpp"
#include "e2e/project.hpp"

namespace retort::test {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// The steps. Each returns "" when it passed, else why it failed.

std::string head_lines(const std::string& text, size_t n = 12) {
  std::istringstream in(text);
  std::string line, out;
  size_t i = 0;
  while (std::getline(in, line)) {
    if (i++ == n) {
      out += "  ...\n";
      break;
    }
    out += "  " + line + "\n";
  }
  return out;
}

std::string command_failure(const std::string& what, const CommandResult& r) {
  return what + " exited " + std::to_string(r.code) + "\n" + head_lines(r.out) + head_lines(r.err);
}

std::string expect_ok(const Project& p, const std::string& args) {
  CommandResult r = p.retort(args);
  return r.code == 0 ? "" : command_failure("retort " + args, r);
}

// `check` is clean: exit 0, nothing detected, no warning (every object of the corpus is managed).
std::string expect_clean(const Project& p) {
  CommandResult r = p.retort("check");
  if (r.code == 0 &&
      r.out.find("No changes: the database matches the models") != std::string::npos &&
      trim(r.err).empty())
    return "";
  return command_failure("retort check", r);
}

std::vector<std::string> revision_files(const Project& p) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(p.dir() / "migrations" / "versions"))
    if (e.path().extension() == ".lua") out.push_back(e.path().filename().string());
  return out;
}

struct Outcome {
  std::string step;  // the first step that failed, "" when all passed
  std::string why;
  std::vector<std::string> later;  // failures after a non-fatal one, first line each
};

class CaseRun {
 public:
  CaseRun(const std::string& schema, const std::string& dialect)
      : schema_(schema), p_(dialect, "corpus_" + schema) {
    p_.write_config();
    sql_ = read_file(corpus_dir() / schema / (dialect + ".sql"));
  }

  Project& project() { return p_; }
  const std::string& sql() const { return sql_; }

  void set_models(const std::string& text) {
    write_file(p_.dir() / "migrations" / "schema.sql", text);
  }

  std::string autogenerate_expect_revision(const std::string& message) {
    auto before = revision_files(p_).size();
    CommandResult r = p_.retort("revision --autogenerate -m " + shell_quote(message));
    if (r.code != 0) return command_failure("retort revision --autogenerate", r);
    auto after = revision_files(p_);
    if (after.size() != before + 1)
      return "retort revision --autogenerate wrote no revision\n" + head_lines(r.out);
    if (first_revision_.empty()) first_revision_ = after.front();
    return "";
  }

  // The file name of the first revision this run wrote.
  const std::string& first_revision() const { return first_revision_; }

  // The database retort built against `sql` loaded directly by the client into an empty
  // database (once per label: "A" is the corpus file, a scenario's "B" its edited copy).
  std::string compare_catalog(const std::string& label, const std::string& sql) {
    auto& direct = direct_[label];
    if (direct.empty()) {
      std::string url;
      if (p_.dialect_name() == "sqlite")
        url = "sqlite:///" + (p_.dir() / ("direct_" + label + ".db")).string();
      else if (p_.dialect_name() == "postgresql")
        url = fresh_pg_database("corpus_direct_" + schema_);
      else
        url = fresh_mysql_database("corpus_direct_" + schema_);
      auto file = p_.dir() / ("direct_" + label + ".sql");
      write_file(file, sql);
      CommandResult r = client_load(p_, url, file);
      if (r.code != 0) return command_failure("loading the schema with the client", r);
      std::string error;
      direct = catalog(p_, url, &error);
      if (!error.empty()) return error;
      if (direct.empty()) return "the schema loaded by the client shows no objects";
    }
    std::string error;
    auto built = catalog(p_, p_.url(), &error);
    if (!error.empty()) return error;
    auto diff = catalog_diff(direct, built);
    if (diff.empty()) return "";
    std::string out = std::to_string(diff.size()) +
                      " catalog difference(s) (- only where the client loaded the schema, + only "
                      "where retort built it, ~ in both but different):\n";
    for (size_t i = 0; i < diff.size() && i < 40; ++i) out += "  " + diff[i].substr(0, 400) + "\n";
    if (diff.size() > 40) out += "  ...\n";
    return out;
  }

  std::string insert_rows() {
    CommandResult r =
        client_load(p_, p_.url(), corpus_dir() / schema_ / (p_.dialect_name() + ".rows.sql"));
    if (r.code != 0) return command_failure("inserting rows", r);
    p_.reconnect();
    std::string empty;
    auto tables = base_tables(p_);
    if (tables.empty()) return "no tables found after the upgrade";
    for (const auto& t : tables)
      if (p_.count(quote_ident(p_, t)) == 0) empty += " " + t;
    p_.reconnect();
    return empty.empty() ? "" : "tables without rows after the rows file:" + empty;
  }

  // downgrade base is refused while the tables hold rows, and leaves them in place.
  std::string expect_guard() {
    auto tables = base_tables(p_);
    p_.reconnect();
    CommandResult r = p_.retort("downgrade base");
    if (r.code != 1 ||
        r.err.find("would destroy data (the table holds rows). Add { allow_data_loss "
                   "= true } to the op, or run with --allow-data-loss") == std::string::npos)
      return command_failure("retort downgrade base (expected the data-loss guard, exit 1)", r);
    auto after = base_tables(p_);
    p_.reconnect();
    if (after != tables) return "the refused downgrade changed the tables";
    return "";
  }

  // downgrade base --allow-data-loss leaves nothing of the schema behind.
  std::string expect_empty_after_downgrade() {
    std::string why = expect_ok(p_, "downgrade base --allow-data-loss");
    if (!why.empty()) return why;
    std::string error;
    auto left = catalog(p_, p_.url(), &error);
    if (!error.empty()) return error;
    if (left.empty()) return "";
    std::string out = "left behind after downgrade base:\n";
    for (size_t i = 0; i < left.size() && i < 20; ++i) out += "  " + left[i].substr(0, 200) + "\n";
    return out;
  }

  std::string expect_no_new_revision() {
    auto before = revision_files(p_).size();
    CommandResult r = p_.retort("revision --autogenerate -m again");
    if (r.code != 0) return command_failure("retort revision --autogenerate (at head)", r);
    if (revision_files(p_).size() != before ||
        r.out.find("No changes detected; no revision written") == std::string::npos)
      return "a second autogenerate at head wrote a revision\n" + head_lines(r.out);
    return "";
  }

 private:
  std::string schema_;
  Project p_;
  std::string sql_;
  std::map<std::string, std::vector<std::string>> direct_;  // by label
  std::string first_revision_;
};

struct Step {
  std::string name;
  std::function<std::string()> run;
  bool fatal = true;  // a failed catalog comparison does not stop the steps after it
};

Outcome run_steps(const std::vector<Step>& steps) {
  Outcome out;
  for (const auto& step : steps) {
    std::string why;
    try {
      why = step.run();
    } catch (const std::exception& e) {
      why = std::string("exception: ") + e.what();
    }
    if (why.empty()) continue;
    if (out.step.empty()) {
      out.step = step.name;
      out.why = why;
    } else {
      out.later.push_back(step.name + ": " + why.substr(0, why.find(" (")));
    }
    if (step.fatal) break;
  }
  return out;
}

Outcome run_case(const Entry& e) {
  CaseRun c(e.name, e.dialect);
  return run_steps({
      {"autogenerate",
       [&] {
         c.set_models(c.sql());
         return c.autogenerate_expect_revision("corpus " + e.name);
       }},
      {"upgrade", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"check", [&] { return expect_clean(c.project()); }},
      {"catalog", [&] { return c.compare_catalog("A", c.sql()); }, false},
      {"rows", [&] { return c.insert_rows(); }},
      {"guard", [&] { return c.expect_guard(); }},
      {"downgrade", [&] { return c.expect_empty_after_downgrade(); }},
      {"reupgrade", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"recheck", [&] { return expect_clean(c.project()); }},
      {"recatalog", [&] { return c.compare_catalog("A", c.sql()); }, false},
      {"idempotent", [&] { return c.expect_no_new_revision(); }},
  });
}

// The detected changes must be exactly the expected ones: as many, each pattern matching one.
std::string match_changes(const std::vector<std::string>& detected,
                          const std::vector<std::string>& expected) {
  std::vector<bool> used(detected.size(), false);
  std::string missing;
  for (const auto& pattern : expected) {
    bool found = false;
    for (size_t i = 0; i < detected.size() && !found; ++i) {
      if (!used[i] && detected[i].find(pattern) != std::string::npos) used[i] = found = true;
    }
    if (!found) missing += "  expected, not detected: " + pattern + "\n";
  }
  std::string extra;
  for (size_t i = 0; i < detected.size(); ++i)
    if (!used[i]) extra += "  detected, not expected: " + detected[i] + "\n";
  return missing + extra;
}

Outcome run_scenario(const Entry& e) {
  std::string error;
  Scenario s = load_scenario(e.name, e.dialect, &error);
  if (!error.empty()) return {"scenario file", error};
  CaseRun c(s.schema, e.dialect);
  std::string a = c.sql();
  std::string b = a;
  for (const auto& [from, to] : s.replacements) {
    auto at = b.find(from);
    if (at == std::string::npos || b.find(from, at + 1) != std::string::npos)
      return {"scenario file",
              "the text to replace is not in the schema exactly once:\n" + head_lines(from, 4)};
    b.replace(at, from.size(), to);
  }
  b += s.append;
  return run_steps({
      {"autogenerate A",
       [&] {
         c.set_models(a);
         return c.autogenerate_expect_revision("corpus " + s.schema);
       }},
      {"upgrade A", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"check A", [&] { return expect_clean(c.project()); }},
      {"rows", [&] { return c.insert_rows(); }},
      {"autogenerate B",
       [&] {
         c.set_models(b);
         auto before = revision_files(c.project()).size();
         CommandResult r = c.project().retort("revision --autogenerate -m " + shell_quote(e.name));
         if (r.code != 0) return command_failure("retort revision --autogenerate", r);
         std::vector<std::string> detected;
         std::istringstream in(r.out);
         std::string line;
         while (std::getline(in, line))
           if (line.rfind("Detected ", 0) == 0) detected.push_back(line.substr(9));
         std::string why = match_changes(detected, s.expect);
         if (why.empty() && revision_files(c.project()).size() != before + 1)
           why = "no revision written";
         return why;
       }},
      {"upgrade B", [&] { return expect_ok(c.project(), "upgrade head"); }},
      {"check B", [&] { return expect_clean(c.project()); }},
      {"catalog B", [&] { return c.compare_catalog("B", b); }, false},
      {"downgrade to A",
       [&] {
         return expect_ok(c.project(), std::string("downgrade -1") +
                                           (s.downgrade_loses ? " --allow-data-loss" : ""));
       }},
      {"check at A",
       [&] {
         // check compares at the head only: B's revision is set aside while A is checked.
         auto versions = c.project().dir() / "migrations" / "versions";
         std::string newest;
         for (const auto& f : revision_files(c.project()))
           if (f != c.first_revision()) newest = f;
         fs::rename(versions / newest, c.project().dir() / newest);
         c.set_models(a);
         std::string why = expect_clean(c.project());
         fs::rename(c.project().dir() / newest, versions / newest);
         return why;
       }},
      {"upgrade B again",
       [&] {
         c.set_models(b);
         return expect_ok(c.project(), "upgrade head");
       }},
      {"check B again", [&] { return expect_clean(c.project()); }},
  });
}

// ---------------------------------------------------------------------------------------------
// The table printed at the end.

struct Row {
  std::string kind, name, dialect, status, result;
};

std::mutex g_mutex;
std::vector<Row> g_rows;

// The table's reason: the first line of why a step failed, and the line after it when the first
// only says that a command failed (the next one is its error).
std::string summary(const std::string& why) {
  std::istringstream in(why);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  first = trim(first.substr(0, first.find(" (- only")));
  second = trim(second);
  if (!second.empty()) first += " | " + second;
  return first.size() > 240 ? first.substr(0, 240) + "..." : first;
}

void record(const Entry& e, const Outcome& o) {
  std::lock_guard<std::mutex> lock(g_mutex);
  std::string result = o.step.empty() ? "pass" : "FAIL at " + o.step + ": " + summary(o.why);
  for (const auto& l : o.later) result += "; then " + l;
  g_rows.push_back({e.kind, e.name, e.dialect, e.status, result});
}

class TablePrinter : public ::testing::Environment {
 public:
  // pg_dump output names its owner (pagila's is `postgres`); the test server's superuser is
  // `retort`, so the role the dump assigns objects to is made here, once, as a DBA would.
  void SetUp() override {
    const char* pg = std::getenv("RETORT_TEST_PG_URL");
    if (!pg || !*pg) return;
    auto conn = find_dialect("postgresql").connect(Url::parse(pg));
    // Test binaries run in parallel: a concurrent creation is as good as ours.
    conn->execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postgres') THEN "
        "CREATE ROLE postgres; END IF; EXCEPTION WHEN duplicate_object OR unique_violation THEN "
        "NULL; END $$");
  }

  void TearDown() override {
    if (g_rows.empty()) return;
    std::printf("\ncorpus results (%s):\n", run_all() ? "all cases" : "enabled cases");
    std::printf("%-9s %-28s %-11s %-8s %s\n", "kind", "name", "dialect", "listed", "result");
    for (const auto& r : g_rows)
      std::printf("%-9s %-28s %-11s %-8s %s\n", r.kind.c_str(), r.name.c_str(), r.dialect.c_str(),
                  r.status.c_str(), r.result.c_str());
  }
};

std::string later_text(const Outcome& o) {
  std::string out;
  for (const auto& l : o.later) out += "\nthen " + l;
  return out;
}

class SchemaCorpus : public ::testing::TestWithParam<Entry> {};
class SchemaCorpusScenario : public ::testing::TestWithParam<Entry> {};

TEST_P(SchemaCorpus, Case) {
  Outcome o = run_case(GetParam());
  record(GetParam(), o);
  EXPECT_EQ(o.step, "") << GetParam().name << " on " << GetParam().dialect << ": step " << o.step
                        << " failed: " << o.why << later_text(o);
}

TEST_P(SchemaCorpusScenario, Change) {
  Outcome o = run_scenario(GetParam());
  record(GetParam(), o);
  EXPECT_EQ(o.step, "") << GetParam().name << " on " << GetParam().dialect << ": step " << o.step
                        << " failed: " << o.why << later_text(o);
}

// The comparison itself: the same schema loaded twice by the client compares equal, and is not
// empty. This runs for every case, enabled or pending, so the pending ones fail only for what
// retort does.
class SchemaCorpusComparison : public ::testing::TestWithParam<Entry> {};

TEST_P(SchemaCorpusComparison, ClientLoadsCompareEqual) {
  const Entry& e = GetParam();
  Project p(e.dialect, "corpus_self_" + e.name);
  auto file = corpus_dir() / e.name / (e.dialect + ".sql");
  std::vector<std::vector<std::string>> loads;
  for (int i = 0; i < 2; ++i) {
    std::string url;
    if (e.dialect == "sqlite")
      url = "sqlite:///" + (p.dir() / ("load" + std::to_string(i) + ".db")).string();
    else if (e.dialect == "postgresql")
      url = fresh_pg_database("corpus_self_" + e.name);
    else
      url = fresh_mysql_database("corpus_self_" + e.name);
    CommandResult r = client_load(p, url, file);
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    std::string error;
    loads.push_back(catalog(p, url, &error));
    ASSERT_EQ(error, "");
  }
  EXPECT_FALSE(loads[0].empty());
  EXPECT_EQ(catalog_diff(loads[0], loads[1]), std::vector<std::string>{});
}

TEST(SchemaCorpusFiles, CasesFileIsWellFormed) {
  std::vector<std::string> errors;
  EXPECT_FALSE(load_entries(&errors).empty());
  EXPECT_EQ(errors, std::vector<std::string>{});
}

std::vector<Entry> all_cases() {
  std::vector<Entry> out;
  for (const auto& e : load_entries())
    if (e.kind == "case") out.push_back(e);
  return out;
}

std::string param_name(const ::testing::TestParamInfo<Entry>& info) { return info.param.id(); }

INSTANTIATE_TEST_SUITE_P(Fidelity, SchemaCorpus, ::testing::ValuesIn(selected("case")), param_name);
INSTANTIATE_TEST_SUITE_P(Fidelity, SchemaCorpusScenario, ::testing::ValuesIn(selected("scenario")),
                         param_name);
INSTANTIATE_TEST_SUITE_P(Fidelity, SchemaCorpusComparison, ::testing::ValuesIn(all_cases()),
                         param_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SchemaCorpusScenario);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SchemaCorpus);

}  // namespace
}  // namespace retort::test

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--all") setenv("RETORT_CORPUS_ALL", "1", 1);
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new retort::test::TablePrinter);
  return RUN_ALL_TESTS();
}
