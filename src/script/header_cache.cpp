#include "script/header_cache.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

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
  std::string_view view() {
    std::uint64_t n = u64();
    if (!ok || in.size() < n) {
      ok = false;
      return {};
    }
    std::string_view s = in.substr(0, n);
    in.remove_prefix(n);
    return s;
  }
  std::string str() { return std::string(view()); }
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

// Decodes one entry's header (what follows its name and stamp).
bool decode(std::string_view record, RevisionInfo& info) {
  Reader r{record};
  info.revision = r.str();
  info.down_revisions = r.list();
  info.branch_labels = r.list();
  info.depends_on = r.list();
  info.message = r.str();
  info.doc = r.str();
  info.create_date = r.str();
  return r.ok && r.in.empty();
}

// Steps over an encoded header; false when it runs past the end.
bool skip_record(Reader& r) {
  r.view();
  for (int list = 0; list < 3 && r.ok; ++list) {
    std::uint64_t n = r.u64();
    if (!r.ok || n > r.in.size() / 8) return false;
    for (std::uint64_t i = 0; i < n && r.ok; ++i) r.view();
  }
  for (int str = 0; str < 3 && r.ok; ++str) r.view();
  return r.ok;
}

}  // namespace

HeaderCache::HeaderCache(std::filesystem::path file) : file_(std::move(file)), map_(file_) {
  if (!map_) return;
  Reader r{map_.bytes()};
  if (r.in.substr(0, kMagic.size()) != kMagic) return;
  r.in.remove_prefix(kMagic.size());
  if (r.u64() != kOrderProbe) return;
  const std::uint64_t count = r.u64();
  std::vector<Entry> entries;
  entries.reserve(std::min<std::uint64_t>(count, r.in.size() / 64));
  for (std::uint64_t i = 0; i < count && r.ok; ++i) {
    Entry& e = entries.emplace_back();
    e.name = r.view();
    e.stamp.inode = r.u64();
    e.stamp.size = r.u64();
    e.stamp.mtime_ns = static_cast<std::int64_t>(r.u64());
    e.stamp.ctime_ns = static_cast<std::int64_t>(r.u64());
    const char* start = r.in.data();
    if (!skip_record(r)) break;
    e.record = std::string_view(start, static_cast<size_t>(r.in.data() - start));
  }
  if (!r.ok || !r.in.empty()) return;
  auto by_name = [](const Entry& a, const Entry& b) { return a.name < b.name; };
  // save() writes names in order; a file written otherwise (an older build) is sorted here.
  if (!std::is_sorted(entries.begin(), entries.end(), by_name)) {
    std::sort(entries.begin(), entries.end(), by_name);
    rewrite_ = true;
  }
  if (std::adjacent_find(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.name == b.name;
      }) != entries.end())
    return;  // a name twice: not a file save() wrote
  entries_ = std::move(entries);
}

bool HeaderCache::take(std::string_view name, const FileStamp& stamp, RevisionInfo& out) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const Entry& e, std::string_view n) { return e.name < n; });
  if (it == entries_.end() || it->name != name || !(it->stamp == stamp)) return false;
  // File times have a coarse granularity (a few milliseconds): a file changed in the same tick
  // as it was cached, at the same size, would keep its stamp. So, as Git does with its index,
  // an entry counts only if its file last changed strictly before the cache was written; a
  // "racy" one is read again and stored again, and trusted once a later cache postdates it.
  if (it->stamp.ctime_ns >= map_.mtime_ns()) return false;
  // Lengths were checked when the file was read; decode() checks them again all the same.
  return decode(it->record, out);
}

void HeaderCache::save(const std::vector<std::string>& names, const std::vector<FileStamp>& stamps,
                       const std::vector<char>& stamped, const RevisionInfo* infos,
                       size_t taken) noexcept {
  try {
    if (!rewrite_ && taken == names.size() && taken == entries_.size()) return;
    std::string out(kMagic);
    put_u64(out, kOrderProbe);
    size_t count = 0;
    for (size_t i = 0; i < names.size(); ++i) count += stamped[i] ? 1 : 0;
    put_u64(out, count);
    for (size_t i = 0; i < names.size(); ++i) {
      if (!stamped[i]) continue;
      const FileStamp& st = stamps[i];
      const RevisionInfo& info = infos[i];
      put_str(out, names[i]);
      put_u64(out, st.inode);
      put_u64(out, st.size);
      put_u64(out, static_cast<std::uint64_t>(st.mtime_ns));
      put_u64(out, static_cast<std::uint64_t>(st.ctime_ns));
      put_str(out, info.revision);
      put_list(out, info.down_revisions);
      put_list(out, info.branch_labels);
      put_list(out, info.depends_on);
      put_str(out, info.message);
      put_str(out, info.doc);
      put_str(out, info.create_date);
    }
    replace_file_atomically(file_, out);
  } catch (...) {
    // A cache that cannot be written is simply not written.
  }
}

}  // namespace retort
