#include "runtime/scripts_ahead.hpp"

#include <algorithm>
#include <utility>

#include "retort/error.hpp"
#include "script/threads.hpp"

namespace retort {

namespace {

// Thrown by RefusingSchema; not a std::exception, so nothing on the way mistakes it for an error.
struct SchemaAsked {};

// The schema view of a compile done ahead: any question means the op's SQL depends on the
// schema, so it is compiled at replay instead.
class RefusingSchema : public SchemaView {
 public:
  std::optional<Table> table(const std::string&, const std::string&) override {
    throw SchemaAsked{};
  }
};

}  // namespace

void RecordedRun::replay(OfflineSink& sink) {
  for (auto& event : events) {
    if (auto* prepared = std::get_if<PreparedOp>(&event)) {
      sink.apply(*prepared);
    } else if (auto* op = std::get_if<std::unique_ptr<ops::Op>>(&event)) {
      sink.emit(std::move(**op));
    } else {
      sink.print(std::get<std::string>(event));
    }
  }
}

void RecordingSink::emit(ops::Op op) {
  if (dialect_) {
    std::optional<PreparedOp> prepared;
    try {
      RefusingSchema schema;
      prepared = OfflineSink::prepare(*dialect_, op, schema, print_);
    } catch (...) {
      // Asked the schema, or failed: compiled at replay, where a failure is the script's error.
    }
    if (prepared) {
      if (keep_ops_) prepared->op = std::make_unique<ops::Op>(std::move(op));
      run.events.emplace_back(std::move(*prepared));
      return;
    }
  }
  run.events.emplace_back(std::make_unique<ops::Op>(std::move(op)));
}

Connection& RecordingSink::bind() {
  // Never shown: the script is run again with the real sink, which answers for itself.
  throw Error(ErrorKind::Script, "op.get_bind() while recording");
}

void RecordingSink::print(std::string_view line) { run.events.emplace_back(std::string(line)); }

unsigned ScriptsAhead::workers_for(size_t count) {
  // A worker's Lua state and thread cost about a script's run; a short plan is not worth one.
  // Past three workers the calling thread, which compiles every op, is the bottleneck.
  constexpr size_t kMinScripts = 16;
  if (count < kMinScripts) return 0;
  unsigned cpus = std::thread::hardware_concurrency();
  if (cpus < 2) return 0;
  return static_cast<unsigned>(std::min<size_t>({cpus - 1u, 3u, count / kMinScripts}));
}

ScriptsAhead::ScriptsAhead(size_t count, unsigned workers, ScriptRunner& own, RunScript run,
                           const Dialect& dialect, bool print, bool keep_ops)
    : count_(count),
      own_(own),
      run_(std::move(run)),
      dialect_(dialect),
      print_(print),
      keep_ops_(keep_ops),
      slots_(count),
      given_back_(workers) {
  threads_.reserve(workers);  // so adding a started thread cannot fail
  for (unsigned i = 0; i < workers; ++i) {
    try {
      threads_.push_back(start_thread([this, i] { work(static_cast<int>(i)); }));
    } catch (const std::exception&) {
      break;  // no thread: the caller records more itself
    }
  }
}

ScriptsAhead::~ScriptsAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    // A script run ahead of a failure is not waited for: it could loop for ever, which a run
    // without threads, stopped by the failure, would never have started.
    for (ScriptRunner* r : running_) r->interrupt();
  }
  changed_.notify_all();
  for (auto& t : threads_) t.join();
}

ScriptsAhead::Slot ScriptsAhead::record(ScriptRunner& runner, size_t index) {
  Slot slot;
  RecordingSink sink(&dialect_, print_, keep_ops_);
  try {
    run_(runner, index, sink);
    slot.run = std::move(sink.run);
    slot.recorded = true;
  } catch (...) {
    // Whatever went wrong happens again, in order, when the caller runs the script itself.
  }
  slot.done = true;
  return slot;
}

void ScriptsAhead::work(int worker) {
  std::unique_ptr<ScriptRunner> runner;
  try {
    runner = std::make_unique<ScriptRunner>();
    runner->share_cache(own_);
  } catch (...) {
    return;  // the caller records more itself
  }
  std::unique_lock<std::mutex> lock(mutex_);
  running_.push_back(runner.get());
  // Unlisted before it is destroyed, so the destructor never interrupts a dead runner.
  struct Unlist {
    ScriptsAhead& self;
    ScriptRunner* runner;
    ~Unlist() {
      auto& v = self.running_;
      v.erase(std::find(v.begin(), v.end(), runner));
    }
  } unlist{*this, runner.get()};
  std::vector<RecordedRun> to_free;
  for (;;) {
    changed_.wait(lock, [&] {
      return stopping_ || next_ >= count_ || next_ < taking_ + kWindow ||
             !given_back_[worker].empty();
    });
    to_free.swap(given_back_[worker]);
    if (!to_free.empty()) {
      lock.unlock();
      to_free.clear();
      lock.lock();
      continue;
    }
    if (stopping_ || next_ >= count_) return;
    const size_t index = next_++;
    lock.unlock();
    Slot slot = record(*runner, index);
    slot.recorder = worker;
    lock.lock();
    slots_[index] = std::move(slot);
    changed_.notify_all();
  }
}

std::optional<RecordedRun> ScriptsAhead::take(size_t index) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (taking_ != index) {
    taking_ = index;
    changed_.notify_all();  // the window moved
  }
  while (!slots_[index].done) {
    if (next_ < count_ && next_ < index + kWindow) {
      const size_t mine = next_++;
      lock.unlock();
      Slot slot = record(own_, mine);
      lock.lock();
      slots_[mine] = std::move(slot);
    } else {
      changed_.wait(lock);
    }
  }
  Slot& slot = slots_[index];
  if (!slot.recorded) return std::nullopt;
  return std::move(slot.run);
}

void ScriptsAhead::give_back(size_t index, RecordedRun run) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int worker = slots_[index].recorder;
  if (worker < 0 || stopping_) return;  // freed here, as `run` goes
  given_back_[static_cast<size_t>(worker)].push_back(std::move(run));
  // No notify: the worker frees it when it next looks for work.
}

}  // namespace retort
