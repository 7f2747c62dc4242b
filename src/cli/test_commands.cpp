// `retort test` (test_commands.hpp): the printing of test_migrations' report.
#include "cli/test_commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/command_support.hpp"
#include "retort/error.hpp"
#include "retort/migration_test.hpp"

namespace retort::cli {
namespace {

std::string status(const TestCase& c) {
  return c.skipped ? "skipped" : (c.passed ? "passed" : "failed");
}

// "downgrade 3f2a1b9c8d7e" or "upgrade".
std::string label(const TestCase& c) {
  return c.revision.empty() ? c.check : c.check + " " + c.revision;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        // XML 1.0 allows no other control character, even escaped.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') {
          out += '?';
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string seconds(std::chrono::microseconds us) {
  return fmt::format("{:.3f}", static_cast<double>(us.count()) / 1e6);
}

}  // namespace

std::string junit_xml(const MigrationTestReport& r) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"retort test\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" "
      "time=\"{}\">\n",
      r.cases.size(), r.failures(), r.skipped(), seconds(r.elapsed));
  out += fmt::format(
      "  <testsuite name=\"retort test ({})\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"{}\" time=\"{}\">\n",
      xml_escape(r.dialect), r.cases.size(), r.failures(), r.skipped(), seconds(r.elapsed));
  for (const auto& c : r.cases) {
    out += fmt::format("    <testcase classname=\"retort.{}\" name=\"{}\" time=\"{}\"",
                       xml_escape(c.check), xml_escape(label(c)), seconds(c.elapsed));
    if (c.passed && !c.skipped) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (c.skipped) {
      out += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(c.message));
    } else {
      out += fmt::format("      <failure message=\"{}\">{}</failure>\n", xml_escape(c.message),
                         xml_escape(c.message));
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

int cmd_test(const GlobalOptions& g, const TestArgs& a, Streams io) {
  Config c = load_config(g);
  require_url(c);
  MigrationTestOptions o;
  o.checks = a.checks;
  o.fixtures = a.fixtures;
  if (!g.json && !g.quiet) {
    o.on_case = [&](const TestCase& tc) {
      if (!tc.passed && !tc.skipped) {
        io.out << "FAIL " << label(tc) << ": " << escape_controls(tc.message) << '\n';
      } else if (g.verbose) {
        io.out << (tc.skipped ? "skip " : "ok   ") << label(tc)
               << (tc.skipped ? ": " + tc.message : "") << '\n';
      }
    };
  }
  MigrationTestReport r = test_migrations(c, o);
  if (!a.junit.empty()) {
    std::ofstream f(a.junit, std::ios::binary);
    if (!f) throw Error(ErrorKind::Usage, "cannot write the JUnit report to " + a.junit);
    f << junit_xml(r);
    if (!f.flush()) throw Error(ErrorKind::Usage, "cannot write the JUnit report to " + a.junit);
  }
  const size_t failures = r.failures();
  if (g.json) {
    nlohmann::ordered_json cases = nlohmann::ordered_json::array();
    for (const auto& tc : r.cases) {
      cases.push_back({{"check", tc.check},
                       {"revision", tc.revision.empty() ? nlohmann::ordered_json()
                                                        : nlohmann::ordered_json(tc.revision)},
                       {"status", status(tc)},
                       {"message", tc.message},
                       {"elapsed_ms", static_cast<double>(tc.elapsed.count()) / 1000.0}});
    }
    nlohmann::ordered_json j = {
        {"dialect", r.dialect},    {"passed", failures == 0},
        {"cases", r.cases.size()}, {"failures", failures},
        {"skipped", r.skipped()},  {"elapsed_ms", static_cast<double>(r.elapsed.count()) / 1000.0},
        {"results", cases},        {"scratch_databases", r.scratch_databases}};
    io.out << j.dump(2) << '\n';
  } else if (!g.quiet) {
    io.out << fmt::format("{} check(s) on {}: {} passed, {} failed, {} skipped ({} s)\n",
                          r.cases.size(), r.dialect, r.cases.size() - failures - r.skipped(),
                          failures, r.skipped(), seconds(r.elapsed));
  }
  if (failures == 0) return 0;
  std::string first;
  for (const auto& tc : r.cases) {
    if (!tc.passed && !tc.skipped) {
      first = label(tc);
      break;
    }
  }
  io.err << fmt::format("retort: {} check(s) failed, the first: {}\n", failures, first);
  return 1;
}

}  // namespace retort::cli
