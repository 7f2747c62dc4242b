// ScriptDirectory: list the version directories, read headers, build the graph.
#include "script/script_directory.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "retort/error.hpp"
#include "script/header_cache.hpp"
#include "script/revision_header.hpp"
#include "script/threads.hpp"

namespace retort {
namespace {

// Reads the headers of `names` in `dir` (open as `dir_fd`) and appends them in order. Reading
// thousands of files is mostly system calls, so large directories are split over a few
// threads; the first error in file order is the one reported.
// With `texts` (sized like `out`), whole files are kept while they fit `budget` bytes.
// With `cache`, a file whose stamp matches its entry is not read at all, and the headers read
// are stored back.
void read_headers(int dir_fd, const std::filesystem::path& dir,
                  const std::vector<std::string>& names, std::vector<RevisionInfo>& out,
                  std::vector<std::string>* texts, std::atomic<size_t>& budget,
                  HeaderCache* cache, std::vector<FileStamp>& all_stamps) {
  const size_t n = names.size();
  const size_t base = out.size();
  out.resize(base + n);
  if (texts) texts->resize(base + n);
  std::vector<FileStamp> stamps(cache ? n : 0);
  std::vector<char> stamped(cache ? n : 0, 0);
  std::atomic<size_t> taken{0};
  const std::int64_t start_ns = file_clock_now_ns();
  // "<dir>/<name>" as a plain string (RevisionInfo::path).
  std::string prefix = dir.native();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  // Files are taken in blocks from a shared counter, so a thread that starts late or runs slower
  // simply reads fewer, and nobody waits at the end for a fixed share. The first error in file
  // order is the one reported: a block is only taken below the first failing file seen so far,
  // so every file before the reported one was read.
  constexpr size_t kBlock = 32;
  std::atomic<size_t> next{0};
  std::atomic<size_t> stop_at{n};
  std::mutex error_mutex;
  std::exception_ptr error;
  size_t error_at = n;
  auto work = [&] {
    std::string text;
    size_t hits = 0;
    for (;;) {
      const size_t from = next.fetch_add(kBlock, std::memory_order_relaxed);
      if (from >= stop_at.load(std::memory_order_relaxed)) break;
      const size_t to = std::min(from + kBlock, n);
      for (size_t i = from; i < to; ++i) {
        try {
          std::string path;
          path.reserve(prefix.size() + names[i].size());
          path.append(prefix).append(names[i]);
          struct stat st {};
          // Stat before reading: a file that changes in between is stored with its older
          // stamp, so the next run reads it again.
          if (cache && ::fstatat(dir_fd, names[i].c_str(), &st, 0) == 0) {
            stamps[i] = stamp_of(st);
            stamped[i] = stamps[i].ctime_ns < start_ns ? 1 : 0;
            if (cache->take(names[i], stamps[i], out[base + i])) {
              out[base + i].path = std::move(path);
              ++hits;
              continue;
            }
          }
          out[base + i] = read_revision_header_at(dir_fd, names[i].c_str(), path,
                                                  texts ? &text : nullptr);
          if (texts && text.size() <= budget.load(std::memory_order_relaxed)) {
            budget.fetch_sub(text.size(), std::memory_order_relaxed);
            (*texts)[base + i] = std::move(text);
          }
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (i < error_at) {
            error_at = i;
            error = std::current_exception();
            stop_at.store(i, std::memory_order_relaxed);
          }
          break;  // the rest of this block comes after the error
        }
      }
    }
    taken.fetch_add(hits, std::memory_order_relaxed);
  };
  size_t threads = 1;
  if (n >= 1000) {
    threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  }
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);  // so adding a started thread cannot fail
  for (size_t t = 1; t < threads; ++t) pool.push_back(start_thread(work));
  work();
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
  if (cache) cache->save(names, stamps, stamped, out.data() + base, taken.load());
  all_stamps.resize(base + n);
  // Only stamps older than every reading of their files: the runner may trust them.
  for (size_t i = 0; cache && i < n; ++i)
    if (stamped[i]) all_stamps[base + i] = stamps[i];
}

}  // namespace

ScriptDirectory ScriptDirectory::load(const Config& config, bool keep_sources) {
  ScriptDirectory sd;
  // Enough for the sources of a few thousand typical revisions; past it, scripts are read again
  // when they run, so memory stays bounded however long the history.
  std::atomic<size_t> budget{8u << 20};
  sd.dirs_ = config.version_dirs();
  std::string location;
  for (const auto& dir : sd.dirs_) {
    // readdir rather than std::filesystem::directory_iterator: no stat per entry, which
    // matters with thousands of revisions.
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      throw Error(ErrorKind::Config,
                  "no versions directory at " + dir.string() + ": run `retort init`");
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name.empty() || name.front() == '.' || name.size() < 5 ||
          name.substr(name.size() - 4) != ".lua") {
        continue;
      }
      if (e->d_type == DT_DIR) continue;
      names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
    try {
      // With the caches on, a file whose header is cached is not read at all, even by a run
      // that will execute it: its stamp lets the runner take its compiled chunk from the chunk
      // cache (stamp()); only the files read anyway keep their text.
      std::optional<HeaderCache> cache;
      if (config.script_cache) cache.emplace(dir / ".retort-headers");
      read_headers(::dirfd(d), dir, names, sd.infos_, keep_sources ? &sd.texts_ : nullptr, budget,
                   cache ? &*cache : nullptr, sd.stamps_);
    } catch (...) {
      ::closedir(d);
      throw;
    }
    ::closedir(d);
    location += (location.empty() ? "" : ", ") + dir.string();
  }
  sd.build(location);
  return sd;
}

ScriptDirectory ScriptDirectory::from_memory(
    std::vector<std::pair<std::string, std::string>> scripts) {
  ScriptDirectory sd;
  sd.in_memory_ = true;
  for (auto& [name, text] : scripts) {
    RevisionInfo info = parse_revision_header(text, name);
    sd.sources_[info.revision] = std::move(text);
    sd.infos_.push_back(std::move(info));
  }
  sd.build("the embedded scripts");
  return sd;
}

void ScriptDirectory::build(std::string location) {
  std::vector<RevisionNode> nodes;
  nodes.reserve(infos_.size());
  for (const RevisionInfo& info : infos_) {
    nodes.push_back(RevisionNode{info.revision, info.down_revisions, info.depends_on,
                                 info.branch_labels, info.path});
  }
  graph_ = std::make_shared<const RevisionGraph>(std::move(nodes), std::move(location));
  by_id_.reserve(infos_.size() * 2);
  for (size_t i = 0; i < infos_.size(); ++i) {
    RevisionInfo& info = infos_[i];
    by_id_[info.revision] = i;
    info.is_head = graph_->is_head(info.revision);
    info.is_base = info.down_revisions.empty();
    info.is_branch_point = graph_->is_branch_point(info.revision);
    info.is_merge_point = info.down_revisions.size() > 1;
  }
}

const RevisionInfo& ScriptDirectory::info(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    throw Error(ErrorKind::Graph, "unknown revision '" + id + "'");
  }
  return infos_[it->second];
}

RevisionInfo ScriptDirectory::take_info(const std::string& id) {
  return std::move(const_cast<RevisionInfo&>(info(id)));  // info() throws for an unknown id
}

const std::string* ScriptDirectory::source(const std::string& id) const {
  auto it = sources_.find(id);
  return it == sources_.end() ? nullptr : &it->second;
}

const FileStamp* ScriptDirectory::stamp(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end() || it->second >= stamps_.size()) return nullptr;
  const FileStamp& s = stamps_[it->second];
  return s.known() ? &s : nullptr;
}

const std::string* ScriptDirectory::file_text(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end() || it->second >= texts_.size()) return nullptr;
  const std::string& text = texts_[it->second];
  return text.empty() ? nullptr : &text;
}

std::filesystem::path ScriptDirectory::versions_dir() const {
  return dirs_.empty() ? std::filesystem::path() : dirs_.front();
}

}  // namespace retort
