#include "corpus/corpus_files.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace retort::test {

const std::filesystem::path& corpus_dir() {
  static const std::filesystem::path dir =
      std::filesystem::path(RETORT_SOURCE_DIR) / "tests" / "corpus";
  return dir;
}

bool run_all() {
  const char* v = std::getenv("RETORT_CORPUS_ALL");
  return v && std::string(v) == "1";
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<Entry> load_entries(std::vector<std::string>* errors) {
  std::vector<Entry> out;
  std::ifstream in(corpus_dir() / "cases.txt");
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::istringstream ss(line);
    Entry e;
    ss >> e.kind >> e.name >> e.dialect >> e.status;
    if ((e.kind != "case" && e.kind != "scenario") ||
        (e.status != "enabled" && e.status != "pending")) {
      if (errors) errors->push_back("tests/corpus/cases.txt: bad line: " + line);
      continue;
    }
    out.push_back(e);
  }
  return out;
}

std::vector<Entry> selected(const std::string& kind) {
  std::vector<Entry> out;
  for (const auto& e : load_entries())
    if (e.kind == kind && (e.status == "enabled" || run_all())) out.push_back(e);
  return out;
}

Scenario load_scenario(const std::string& name, const std::string& dialect, std::string* error) {
  Scenario s;
  const std::string file = name + "." + dialect + ".scenario";
  std::ifstream in(corpus_dir() / "scenarios" / file);
  if (!in) {
    *error = "no file tests/corpus/scenarios/" + file;
    return s;
  }
  std::string line, block, old_text, mode;
  auto flush = [&]() {
    // The text to replace and its replacement are exact, without the block's last newline, so
    // they may start or end inside a line.
    std::string exact = block.empty() ? block : block.substr(0, block.size() - 1);
    if (mode == "replace") old_text = exact;
    if (mode == "with") s.replacements.emplace_back(old_text, exact);
    if (mode == "append") s.append += block;
    block.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("@@ ", 0) == 0) {
      flush();
      mode = trim(line.substr(3));
      if (mode == "end") mode.clear();
      continue;
    }
    if (!mode.empty()) {
      block += line + "\n";
      continue;
    }
    std::string l = trim(line);
    if (l.empty() || l[0] == '#') continue;
    auto colon = l.find(':');
    std::string key = trim(l.substr(0, colon));
    std::string value = colon == std::string::npos ? "" : trim(l.substr(colon + 1));
    if (key == "schema")
      s.schema = value;
    else if (key == "what")
      s.what = value;
    else if (key == "expect")
      s.expect.push_back(value);
    else if (key == "downgrade_loses")
      s.downgrade_loses = value == "yes";
    else
      *error = file + ": unknown key " + key;
  }
  flush();
  if (s.schema.empty() || s.expect.empty()) *error = file + ": needs schema and expect";
  return s;
}

void PrintTo(const Entry& e, std::ostream* os) { *os << e.kind << " " << e.id(); }

}  // namespace retort::test
