// ScriptsAhead: an offline run's revision scripts, run ahead on other threads.
//
// With --sql most of the work is Lua: loading each script and running its upgrade(), which
// builds the ops (about three quarters of the instructions of a 1,000-revision
// `upgrade head --sql`); compiling the ops into SQL is the rest. The ops a script sends do not
// depend on what came before it, except through op.get_bind(), which --sql refuses anyway: so
// scripts can run in any order, on any thread, as long as what they produce reaches the output
// in plan order. Each worker thread has its own ScriptRunner (Lua states are single-threaded)
// and records the next script nobody has taken; the calling thread takes the recorded runs in
// plan order and replays them into the real OfflineSink, and while the run it needs next is
// still being recorded, records one itself.
//
// Recording also compiles: an op whose SQL does not depend on the schema (the compile asks the
// schema nothing: create_table, create_index, add_column...) is compiled and rendered where it
// was recorded, against a schema view that refuses every question; an op that asks is kept as
// it is and compiled at replay, against the real schema, as it would be without threads. So
// the ops' memory is allocated and freed on the thread that built them (handing them to
// another core to compile cost more than the second core gave) and the calling thread mostly
// copies text.
//
// A recorded run is a replay of what the script did, in the same order: its ops, and its
// print() lines. A script whose recording fails in any way (a Lua error, op.get_bind()) is not
// replayed: the calling thread runs it again with the real sink, as a run without threads
// would, so errors, their messages and everything written before them are the same. Scripts
// run ahead of a failure are thrown away unreplayed.
//
// The lead is bounded (kWindow scripts past the one being replayed), so the recorded runs held
// at once stay small whatever the plan's length.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "lua/script_runner.hpp"
#include "runtime/sinks.hpp"

namespace retort {

// What one script run sent, in order: ops (compiled already where they could be) and print()
// lines.
struct RecordedRun {
  std::vector<std::variant<PreparedOp, std::unique_ptr<ops::Op>, std::string>> events;
  // Sends the events to `sink` in order (apply, emit, print). Exceptions from the sink pass
  // through, after the events before the failing one were sent, as when the script ran into it.
  // The run keeps what the sink did not take, for the thread that recorded it to free.
  void replay(OfflineSink& sink);
};

// Records instead of applying, compiling what needs no schema; bind() refuses (the script must
// run with the real sink).
class RecordingSink : public OperationSink {
 public:
  // `dialect` null: record the ops as they are.
  RecordingSink(const Dialect* dialect, bool print, bool keep_ops)
      : dialect_(dialect), print_(print), keep_ops_(keep_ops) {}
  void emit(ops::Op op) override;
  Connection& bind() override;
  void print(std::string_view line) override;
  RecordedRun run;

 private:
  const Dialect* dialect_;
  bool print_;
  bool keep_ops_;
};

class ScriptsAhead {
 public:
  // Runs script `index` of the plan with `runner`, sending what it does to `sink`.
  using RunScript = std::function<void(ScriptRunner& runner, size_t index, OperationSink& sink)>;

  // `count` scripts; `workers` threads besides the caller, each with a ScriptRunner sharing
  // `own`'s chunk cache. `run` is called from those threads at once: it must only read shared
  // state. The ops are compiled as the OfflineSink they are replayed into would: `dialect`,
  // `print` (its print flag), `keep_ops` (it tracks a model). A thread that cannot start is
  // simply missing.
  ScriptsAhead(size_t count, unsigned workers, ScriptRunner& own, RunScript run,
               const Dialect& dialect, bool print, bool keep_ops);
  // Stops the workers (a script running is interrupted) and joins them.
  ~ScriptsAhead();
  ScriptsAhead(const ScriptsAhead&) = delete;
  ScriptsAhead& operator=(const ScriptsAhead&) = delete;

  // The recorded run of script `index`, or nullopt when the caller must run it with the real
  // sink. Call for index 0, 1, 2, ... in order, from the thread that made this object; it
  // records scripts itself (with `own`) rather than wait.
  std::optional<RecordedRun> take(size_t index);

  // Hands a run back after replay(): it is freed by the thread that recorded it. (A block
  // freed by another thread is lost to the allocating thread's caches: the worker then runs on
  // fresh memory and, for glibc's larger blocks, contends for its arena's lock.)
  void give_back(size_t index, RecordedRun run);

  // How many scripts a worker may be ahead of the one being taken.
  static constexpr size_t kWindow = 64;
  // The threads worth starting for `count` scripts on this machine (0: run them in order).
  static unsigned workers_for(size_t count);

 private:
  struct Slot {
    bool done = false;
    bool recorded = false;  // false: run it with the real sink
    int recorder = -1;      // the worker that recorded it; -1: the calling thread
    RecordedRun run;
  };
  void work(int worker);
  Slot record(ScriptRunner& runner, size_t index);

  const size_t count_;
  ScriptRunner& own_;
  RunScript run_;
  const Dialect& dialect_;
  const bool print_;
  const bool keep_ops_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;
  size_t next_ = 0;    // the first script nobody has taken
  size_t taking_ = 0;  // the script the caller is taking
  bool stopping_ = false;
  std::vector<ScriptRunner*> running_;  // the workers' runners, to interrupt when stopping
  std::vector<std::vector<RecordedRun>> given_back_;  // per worker, runs it is to free
  std::vector<std::thread> threads_;
};

}  // namespace retort
