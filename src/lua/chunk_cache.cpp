#include "lua/chunk_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <lua.hpp>

namespace retort::lua {
namespace {

// The file starts with this line, then a byte-order probe and the Lua version the chunks were
// compiled by (lua_load checks its own header too; this lets a foreign file be skipped whole).
constexpr std::string_view kMagic = "retort chunk cache 1\n";
constexpr std::uint32_t kOrderProbe = 0x01020304;

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Reads from a byte range; any overrun makes the whole reader fail (`ok` false).
struct Reader {
  std::string_view in;
  bool ok = true;
  template <class T>
  T get() {
    T v{};
    if (in.size() < sizeof v) {
      ok = false;
      return v;
    }
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return v;
  }
  std::string_view bytes(std::uint64_t n) {
    if (in.size() < n) {
      ok = false;
      return {};
    }
    std::string_view v = in.substr(0, n);
    in.remove_prefix(n);
    return v;
  }
};

bool read_file(const std::filesystem::path& file, std::string& out) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) {
    out.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < out.size()) {
      ssize_t n = ::read(fd, out.data() + done, out.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ok = done == out.size();
  }
  ::close(fd);
  return ok;
}

bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::uint64_t ChunkCache::hash(std::string_view bytes) {
  // Eight bytes a step (a byte-at-a-time FNV-1a was 4 % of an offline run), each word mixed in
  // with a multiply and a shift, then a final avalanche (MurmurHash3's fmix64).
  constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ull;
  std::uint64_t h = 0xcbf29ce484222325ull ^ (bytes.size() * kMul);
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h = (h ^ tail) * kMul;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

ChunkCache::ChunkCache(std::filesystem::path file) : file_(std::move(file)) {}

void ChunkCache::read() {
  if (read_) return;
  read_ = true;
  std::string data;
  if (!read_file(file_, data)) return;
  Reader r{data};
  if (r.bytes(kMagic.size()) != kMagic || r.get<std::uint32_t>() != kOrderProbe ||
      r.get<std::uint32_t>() != LUA_VERSION_NUM) {
    return;
  }
  const auto count = r.get<std::uint32_t>();
  std::unordered_map<std::string, Entry> entries;
  entries.reserve(count);
  for (std::uint32_t i = 0; i < count && r.ok; ++i) {
    std::string name(r.bytes(r.get<std::uint32_t>()));
    Entry e;
    e.source_hash = r.get<std::uint64_t>();
    e.source_size = r.get<std::uint64_t>();
    e.chunk_hash = r.get<std::uint64_t>();
    e.chunk = std::string(r.bytes(r.get<std::uint32_t>()));
    if (r.ok) entries[std::move(name)] = std::move(e);
  }
  if (r.ok) entries_ = std::move(entries);
}

std::optional<std::string_view> ChunkCache::find(const std::string& name, std::string_view source) {
  read();
  auto it = entries_.find(name);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.source_size != source.size() || e.source_hash != hash(source) ||
      e.chunk_hash != hash(e.chunk)) {
    return std::nullopt;
  }
  return std::string_view(e.chunk);
}

void ChunkCache::store(const std::string& name, std::string_view source, std::string chunk) {
  read();
  Entry& e = entries_[name];
  e.source_hash = hash(source);
  e.source_size = source.size();
  e.chunk_hash = hash(chunk);
  e.chunk = std::move(chunk);
  dirty_ = true;
}

void ChunkCache::save() noexcept {
  if (!dirty_) return;
  dirty_ = false;
  try {
    std::string out;
    size_t size = kMagic.size() + 12;
    for (const auto& [name, e] : entries_) size += name.size() + e.chunk.size() + 32;
    out.reserve(size);
    out.append(kMagic);
    put<std::uint32_t>(out, kOrderProbe);
    put<std::uint32_t>(out, LUA_VERSION_NUM);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(entries_.size()));
    for (const auto& [name, e] : entries_) {
      put<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
      out.append(name);
      put<std::uint64_t>(out, e.source_hash);
      put<std::uint64_t>(out, e.source_size);
      put<std::uint64_t>(out, e.chunk_hash);
      put<std::uint32_t>(out, static_cast<std::uint32_t>(e.chunk.size()));
      out.append(e.chunk);
    }
    // A name of our own per process, then rename(): readers see the old file or the new one.
    std::filesystem::path tmp = file_;
    tmp += ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    bool ok = write_all(fd, out);
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), file_.c_str()) != 0) ::unlink(tmp.c_str());
  } catch (...) {
    // A cache that cannot be written (no memory, read-only folder) is simply not written.
  }
}

}  // namespace retort::lua
