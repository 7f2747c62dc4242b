// RunRecord — what one command knows about itself for the history table: its run id, who runs
// it, its --tag, how long it waited for the lock, and the numbering of its steps. It fills the
// HistoryEntry rows VersionTable stores (docs/design/version-table.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "retort/migrator.hpp"

namespace retort {

// 32 random hex digits (128 bits from std::random_device).
std::string new_run_id();
// Now, UTC, ISO 8601 with milliseconds: "2026-12-07T18:01:02.345Z" (sorts as text).
std::string utc_now_iso();
// "user@host" of this process: the login name (getpwuid, else $USER) and gethostname().
std::string current_user_at_host();

class RunRecord {
 public:
  explicit RunRecord(std::string tag);

  const std::string& run_id() const { return run_id_; }
  void set_lock_wait(std::chrono::milliseconds waited) { lock_wait_ms_ = waited.count(); }

  // A new row of this run, numbered next, started now, success unknown.
  HistoryEntry begin(const std::string& revision, const std::string& direction,
                     const std::string& checksum);
  // Sets the row's end: finished now, duration since begin(), statements run, success.
  void finish(HistoryEntry& row, std::int64_t statements, bool success) const;

 private:
  std::string run_id_;
  std::string applied_by_;
  std::string tag_;
  std::int64_t lock_wait_ms_ = 0;
  std::int64_t next_seq_ = 1;
  // When the row begun last started (the steps of a run are begun and finished in turn).
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace retort
