#include "script/header_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "script/cache_file.hpp"

namespace retort {
namespace {

constexpr std::string_view kMagic = "retort header cache 1\n";
constexpr std::uint32_t kOrderProbe = 0x01020304;

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<char*>(&v), 8); }
void put_str(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out.append(s);
}
void put_list(std::string& out, const std::vector<std::string>& v) {
  put_u64(out, v.size());
  for (const auto& s : v) put_str(out, s);
}

struct Reader {
  std::string_view in;
  bool ok = true;
  std::uint64_t u64() {
    std::uint64_t v = 0;
    if (in.size() < 8) {
      ok = false;
      return 0;
    }
    std::memcpy(&v, in.data(), 8);
    in.remove_prefix(8);
    return v;
  }
  std::string str() {
    std::uint64_t n = u64();
    if (!ok || in.size() < n) {
      ok = false;
      return {};
    }
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
  std::vector<std::string> list() {
    std::uint64_t n = u64();
    std::vector<std::string> v;
    // Each string takes at least its 8-byte length: a count past that is a damaged file.
    if (!ok || n > in.size() / 8) {
      ok = false;
      return v;
    }
    v.reserve(n);
    for (std::uint64_t i = 0; i < n && ok; ++i) v.push_back(str());
    return v;
  }
};

// Reads the whole file and its modification time.
bool slurp(const std::filesystem::path& file, std::string& out, std::int64_t& mtime_ns) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return false;
  }
  mtime_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

}  // namespace

HeaderCache::HeaderCache(std::filesystem::path file) : file_(std::move(file)) {
  std::string data;
  if (!slurp(file_, data, written_ns_)) return;
  Reader r{data};
  if (r.in.substr(0, kMagic.size()) != kMagic) return;
  r.in.remove_prefix(kMagic.size());
  if (r.u64() != kOrderProbe) return;
  const std::uint64_t count = r.u64();
  std::unordered_map<std::string, Entry> entries;
  entries.reserve(std::min<std::uint64_t>(count, data.size() / 64));
  for (std::uint64_t i = 0; i < count && r.ok; ++i) {
    std::string name = r.str();
    Entry e;
    e.stamp.inode = r.u64();
    e.stamp.size = r.u64();
    e.stamp.mtime_ns = static_cast<std::int64_t>(r.u64());
    e.stamp.ctime_ns = static_cast<std::int64_t>(r.u64());
    e.info.revision = r.str();
    e.info.down_revisions = r.list();
    e.info.branch_labels = r.list();
    e.info.depends_on = r.list();
    e.info.message = r.str();
    e.info.doc = r.str();
    e.info.create_date = r.str();
    if (r.ok) entries.emplace(std::move(name), std::move(e));
  }
  if (r.ok && r.in.empty()) entries_ = std::move(entries);
}

const RevisionInfo* HeaderCache::find(const std::string& name, const FileStamp& stamp) const {
  auto it = entries_.find(name);
  if (it == entries_.end() || !(it->second.stamp == stamp)) return nullptr;
  // File times have a coarse granularity (a few milliseconds): a file changed in the same tick
  // as it was cached, at the same size, would keep its stamp. So, as Git does with its index,
  // an entry counts only if its file last changed strictly before the cache was written; a
  // "racy" one is read again and stored again, and trusted once a later cache postdates it.
  if (it->second.stamp.ctime_ns >= written_ns_) return nullptr;
  return &it->second.info;
}

void HeaderCache::store(const std::string& name, const FileStamp& stamp, const RevisionInfo& info) {
  Entry& e = entries_[name];
  e.stamp = stamp;
  e.info = info;
  e.info.path.clear();
  dirty_ = true;
}

void HeaderCache::save(const std::vector<std::string>& present) noexcept {
  try {
    std::unordered_set<std::string_view> seen(present.begin(), present.end());
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (seen.count(it->first)) {
        ++it;
      } else {
        it = entries_.erase(it);
        dirty_ = true;
      }
    }
    if (!dirty_) return;
    dirty_ = false;
    std::string out(kMagic);
    put_u64(out, kOrderProbe);
    put_u64(out, entries_.size());
    for (const auto& [name, e] : entries_) {
      put_str(out, name);
      put_u64(out, e.stamp.inode);
      put_u64(out, e.stamp.size);
      put_u64(out, static_cast<std::uint64_t>(e.stamp.mtime_ns));
      put_u64(out, static_cast<std::uint64_t>(e.stamp.ctime_ns));
      put_str(out, e.info.revision);
      put_list(out, e.info.down_revisions);
      put_list(out, e.info.branch_labels);
      put_list(out, e.info.depends_on);
      put_str(out, e.info.message);
      put_str(out, e.info.doc);
      put_str(out, e.info.create_date);
    }
    replace_file_atomically(file_, out);
  } catch (...) {
    // A cache that cannot be written is simply not written.
  }
}

}  // namespace retort
