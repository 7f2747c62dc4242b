// The database clients and catalogs for the corpus: loading a file with psql / mariadb /
// sqlite3, and reading a database's schema as a sorted list of normalised statements, to compare
// the database retort built with the one the client loaded. README.md lists what the
// normalisation treats as cosmetic.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/project.hpp"

namespace retort::test {

std::string shell_quote(const std::string& s);

// Runs the database's own client on `file` against `url`, stopping at the first error.
CommandResult client_load(const Project& p, const std::string& url,
                          const std::filesystem::path& file);

// The schema of the database at `url` (of p's dialect), retort's version table left out, as a
// sorted list of statements; on failure `error` says why.
std::vector<std::string> catalog(const Project& p, const std::string& url, std::string* error);

// "- X" only in `a` (loaded by the client), "+ X" only in `b` (built by retort), "~ NAME" and the
// differing lines for an object on both sides.
std::vector<std::string> catalog_diff(const std::vector<std::string>& a,
                                      const std::vector<std::string>& b);

// The tables holding rows (no views, no partitions, not the version table), by name.
std::vector<std::string> base_tables(Project& p);

std::string quote_ident(const Project& p, const std::string& name);

}  // namespace retort::test
