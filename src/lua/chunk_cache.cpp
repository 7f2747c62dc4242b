#include "lua/chunk_cache.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <lua.hpp>
#include <mutex>

#include "script/cache_file.hpp"

namespace retort::lua {
namespace {

// The file starts with this line, then a byte-order probe and the Lua version the chunks were
// compiled by (lua_load checks its own header too; this lets a foreign file be skipped whole).
constexpr std::string_view kMagic = "retort chunk cache 3\n";
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

ChunkCache::~ChunkCache() { save(); }

void ChunkCache::read() {
  if (read_) return;
  read_ = true;
  // Mapped: only the pages a run touches (the index and the chunks it loads) become resident;
  // `check` loads models.lua from a file that also holds every revision's chunk.
  map_ = std::make_unique<MappedFile>(file_);
  if (!*map_) return;
  std::string_view data = map_->bytes();
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
    for (auto& v : e.stamp) v = r.get<std::uint64_t>();
    const auto offset = r.get<std::uint64_t>();
    const auto length = r.get<std::uint32_t>();
    if (offset > data.size() || length > data.size() - offset) r.ok = false;
    if (!r.ok) break;
    e.chunk = data.substr(offset, length);
    entries[std::move(name)] = std::move(e);
  }
  if (r.ok) entries_ = std::move(entries);
}

template <class Accept>
std::optional<std::string_view> ChunkCache::checked(const std::string& name, Accept accept) {
  std::uint64_t chunk_hash;
  std::string_view chunk;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    read();
    auto it = entries_.find(name);
    if (it == entries_.end() || !accept(it->second)) return std::nullopt;
    chunk_hash = it->second.chunk_hash;
    chunk = it->second.chunk;
  }
  // The bytes an entry points to stay put until the cache is destroyed (store() replaces an
  // entry, and no two threads run the same script), so they are checked outside the lock.
  if (chunk_hash != hash(chunk)) return std::nullopt;
  return chunk;
}

std::optional<std::string_view> ChunkCache::find(const std::string& name, std::string_view source) {
  const std::uint64_t source_hash = hash(source);
  return checked(name, [&](const Entry& e) {
    return e.source_size == source.size() && e.source_hash == source_hash;
  });
}

namespace {
void set_stamp(std::uint64_t (&to)[4], const FileStamp* s) {
  to[0] = s ? s->inode : 0;
  to[1] = s ? s->size : 0;
  to[2] = s ? static_cast<std::uint64_t>(s->mtime_ns) : 0;
  to[3] = s ? static_cast<std::uint64_t>(s->ctime_ns) : 0;
}
}  // namespace

std::optional<std::string_view> ChunkCache::find_stamped(const std::string& name,
                                                         const FileStamp& stamp) {
  if (!stamp.known()) return std::nullopt;
  std::uint64_t want[4];
  set_stamp(want, &stamp);
  return checked(name, [&](const Entry& e) {
    if (!std::equal(std::begin(want), std::end(want), std::begin(e.stamp))) return false;
    // Entries stored by this run are not in the file yet: they come from find() or a read.
    return e.owned.empty() && map_ && *map_ && stamp.ctime_ns < map_->mtime_ns();
  });
}

void ChunkCache::store(const std::string& name, std::string_view source, std::string chunk,
                       const FileStamp* stamp) {
  const std::uint64_t source_hash = hash(source), chunk_hash = hash(chunk);
  std::lock_guard<std::mutex> lock(mutex_);
  read();
  Entry& e = entries_[name];
  e.source_hash = source_hash;
  e.source_size = source.size();
  e.chunk_hash = chunk_hash;
  set_stamp(e.stamp, stamp && stamp->known() ? stamp : nullptr);
  e.owned = std::move(chunk);
  e.chunk = e.owned;
  dirty_ = true;
}

void ChunkCache::restamp(const std::string& name, const FileStamp& stamp) {
  std::lock_guard<std::mutex> lock(mutex_);
  read();
  auto it = entries_.find(name);
  if (it == entries_.end() || !stamp.known()) return;
  std::uint64_t want[4];
  set_stamp(want, &stamp);
  if (std::equal(std::begin(want), std::end(want), std::begin(it->second.stamp))) return;
  std::copy(std::begin(want), std::end(want), std::begin(it->second.stamp));
  dirty_ = true;
}

void ChunkCache::save() noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!dirty_) return;
  dirty_ = false;
  try {
    // The index first, then the chunks: a reader maps the file and touches only the index and
    // the chunks it loads.
    std::string out;
    size_t index_size = kMagic.size() + 12, chunks_size = 0;
    for (const auto& [name, e] : entries_) {
      index_size += 4 + name.size() + 8 * 8 + 4;
      chunks_size += e.chunk.size();
    }
    out.reserve(index_size + chunks_size);
    out.append(kMagic);
    put<std::uint32_t>(out, kOrderProbe);
    put<std::uint32_t>(out, LUA_VERSION_NUM);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(entries_.size()));
    std::uint64_t offset = index_size;
    for (const auto& [name, e] : entries_) {
      put<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
      out.append(name);
      put<std::uint64_t>(out, e.source_hash);
      put<std::uint64_t>(out, e.source_size);
      put<std::uint64_t>(out, e.chunk_hash);
      for (std::uint64_t v : e.stamp) put<std::uint64_t>(out, v);
      put<std::uint64_t>(out, offset);
      put<std::uint32_t>(out, static_cast<std::uint32_t>(e.chunk.size()));
      offset += e.chunk.size();
    }
    for (const auto& [name, e] : entries_) out.append(e.chunk);
    replace_file_atomically(file_, out);
  } catch (...) {
    // A cache that cannot be written (no memory, read-only folder) is simply not written.
  }
}

}  // namespace retort::lua
