#include "runtime/run_record.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <random>

#include "retort/version.hpp"

namespace retort {

std::string new_run_id() {
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", static_cast<std::uint32_t>(rd()));
  return out;
}

std::string utc_now_iso() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string current_user_at_host() {
  std::string user;
  // getpwuid_r: a library does not use the static buffer of getpwuid (thread safety).
  char buffer[4096];
  passwd pw{};
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &pw, buffer, sizeof buffer, &found) == 0 && found && found->pw_name)
    user = found->pw_name;
  if (user.empty()) {
    if (const char* u = std::getenv("USER")) user = u;
  }
  if (user.empty()) user = std::to_string(geteuid());
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return user + "@" + (host[0] ? host : "localhost");
}

RunRecord::RunRecord(std::string tag)
    : run_id_(new_run_id()), applied_by_(current_user_at_host()), tag_(std::move(tag)) {}

HistoryEntry RunRecord::begin(const std::string& revision, const std::string& direction,
                              const std::string& checksum) {
  HistoryEntry e;
  e.run_id = run_id_;
  e.seq = next_seq_++;
  e.revision = revision;
  e.direction = direction;
  e.checksum = checksum;
  e.started_at = utc_now_iso();
  e.lock_wait_ms = lock_wait_ms_;
  e.applied_by = applied_by_;
  e.retort_version = RETORT_VERSION;
  e.tag = tag_;
  started_ = std::chrono::steady_clock::now();
  return e;
}

void RunRecord::finish(HistoryEntry& row, std::int64_t statements, bool success) const {
  row.finished_at = utc_now_iso();
  row.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started_)
                        .count();
  row.statements = statements;
  row.success = success;
}

}  // namespace retort
