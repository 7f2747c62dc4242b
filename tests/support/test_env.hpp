// Helpers shared by the test suites: temporary directories and the test servers' URLs.
#pragma once

#include <filesystem>
#include <string>

namespace retort::test {

// A fresh empty directory under $TMPDIR, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Admin URLs of the servers tests/servers.sh started, from $RETORT_TEST_PG_URL and
// $RETORT_TEST_MYSQL_URL. A test that needs one and finds it unset fails (never skips): run the
// suite through `make test`, which starts the servers.
std::string pg_url();
std::string mysql_url();

// A fresh database on that server named after the running test, dropped by the caller's
// fixture if it wants; returns the URL to it.
std::string fresh_pg_database(const std::string& hint);
std::string fresh_mysql_database(const std::string& hint);

// Writes `text` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

}  // namespace retort::test
