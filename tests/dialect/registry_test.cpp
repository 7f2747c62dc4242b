// The dialect registry, and the promise behind it: adding a database is a folder under
// src/dialect/ and an entry in dialect_registry.cpp. The source tree is read from the test
// (RETORT_SOURCE_DIR), so the day a file outside src/dialect/ asks which database it is, or a
// second place lists every dialect, this fails and names the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "retort/error.hpp"

namespace retort {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = RETORT_SOURCE_DIR;

// Every scheme a URL may use: each dialect's name and its aliases.
std::vector<std::string> all_schemes() {
  std::vector<std::string> out;
  for (const Dialect* d : all_dialects()) {
    out.emplace_back(d->name());
    for (auto alias : d->scheme_aliases()) out.emplace_back(alias);
  }
  return out;
}

// The text of a C++ file with its comments blanked out (string literals kept), so that a comment
// explaining a database's habit is not mistaken for code asking which database it is.
std::string code_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::string out;
  out.reserve(text.size());
  enum class In { Code, String, Char, LineComment, BlockComment } in_ = In::Code;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    switch (in_) {
      case In::Code:
        if (c == '/' && next == '/') {
          in_ = In::LineComment;
          continue;
        }
        if (c == '/' && next == '*') {
          in_ = In::BlockComment;
          ++i;
          continue;
        }
        if (c == '"') in_ = In::String;
        if (c == '\'') in_ = In::Char;
        out += c;
        break;
      case In::String:
      case In::Char:
        out += c;
        if (c == '\\' && next != '\0') {
          out += next;
          ++i;
        } else if (c == (in_ == In::String ? '"' : '\'')) {
          in_ = In::Code;
        }
        break;
      case In::LineComment:
        if (c == '\n') {
          in_ = In::Code;
          out += c;
        }
        break;
      case In::BlockComment:
        if (c == '*' && next == '/') {
          in_ = In::Code;
          ++i;
        }
        break;
    }
  }
  return out;
}

// The C++ sources under src/ and include/, relative to the source tree.
std::vector<fs::path> sources() {
  std::vector<fs::path> out;
  for (const char* top : {"src", "include"}) {
    for (const auto& e : fs::recursive_directory_iterator(kRoot / top)) {
      auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp" || ext == ".h"))
        out.push_back(fs::relative(e.path(), kRoot));
    }
  }
  return out;
}

bool under(const fs::path& file, const fs::path& dir) {
  auto f = file.begin();
  for (const auto& part : dir) {
    if (f == file.end() || *f != part) return false;
    ++f;
  }
  return true;
}

TEST(DialectRegistry, FindsEachDialectByNameAndAlias) {
  EXPECT_EQ(find_dialect("sqlite").name(), "sqlite");
  EXPECT_EQ(find_dialect("postgres").name(), "postgresql");
  EXPECT_EQ(find_dialect("mariadb").name(), "mysql");
  EXPECT_EQ(dialect_for_scheme("oracle"), nullptr);
  EXPECT_EQ(supported_schemes(), "sqlite://, postgresql:// or mysql://");
  try {
    find_dialect("oracle");
    ADD_FAILURE() << "no error for an unknown scheme";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_STREQ(e.what(),
                 "unsupported database 'oracle': use a sqlite://, postgresql:// or mysql:// URL");
  }
}

TEST(DialectRegistry, EachDialectHasItsFolder) {
  for (const Dialect* d : all_dialects()) {
    EXPECT_TRUE(fs::is_directory(kRoot / "src" / "dialect" / std::string(d->name()))) << d->name();
  }
}

// "No code outside src/dialect/ asks which database it is."
TEST(DialectRegistry, NoCodeOutsideDialectComparesADialectName) {
  std::string names;
  for (const auto& s : all_schemes()) names += (names.empty() ? "" : "|") + s;
  const std::regex compares("(==|!=)\\s*\"(" + names + ")\"|\"(" + names +
                            ")\"\\s*(==|!=)|name\\(\\)\\s*(==|!=)|scheme\\s*(==|!=)");
  for (const auto& file : sources()) {
    if (under(file, "src/dialect")) continue;
    std::string code = code_of(kRoot / file);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(code, m, compares))
        << file.string() << " asks which database it is (" << m.str()
        << "): make it a Dialect hook (docs/design/adding-a-dialect.md)";
  }
}

// "The registry is the only place that names all dialects": a file outside a dialect's own
// folder that names every one of them is a list a new dialect would have to be added to.
TEST(DialectRegistry, OnlyTheRegistryNamesEveryDialect) {
  std::vector<std::string> names;
  for (const Dialect* d : all_dialects()) names.emplace_back(d->name());
  ASSERT_GE(names.size(), 2u);
  std::set<std::string> listing_all;
  for (const auto& file : sources()) {
    bool own_folder = false;
    for (const auto& n : names) own_folder = own_folder || under(file, fs::path("src/dialect") / n);
    if (own_folder) continue;
    std::string code = code_of(kRoot / file);
    bool all = true;
    for (const auto& n : names) {
      // As code spells a dialect (the name "mysql", sqlite_dialect(), postgresql::), not as
      // prose does ("PostgreSQL" in a help text).
      std::regex word("\\b" + n + "(_dialect\\b|\\b)");
      all = all && std::regex_search(code, word);
    }
    if (all) listing_all.insert(file.generic_string());
  }
  EXPECT_EQ(listing_all, std::set<std::string>{"src/dialect/dialect_registry.cpp"});
}

}  // namespace
}  // namespace retort
