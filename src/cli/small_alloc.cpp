// The retort program's operator new and delete: a per-thread free list for each small size.
//
// An `upgrade --sql` of 1,000 revisions makes about 170,000 C++ allocations, almost all under
// 256 bytes and short-lived (strings and vectors of the ops being built and rendered); glibc's
// malloc and free spent about 40 M instructions on them, 15 % of the run, much of it moving
// blocks between its per-thread cache (7 blocks a size) and its shared bins. Here a small block
// is a pop or a push on a list of this thread's, with no lock and no header.
//
// - Sizes up to kMaxSmall are rounded up to a multiple of 16 (a class). Not more: a class's
//   free blocks serve only that class, and larger classes held megabytes nothing reused (see
//   the doc). Each class has, per
//   thread, a list of freed blocks and a span being carved: 16 KiB of the seed the heap set-up
//   hands over (seed_small_blocks, in the heap's first huge page), then of one region reserved
//   once. Each span holds one class, kept in a table indexed by its address, so an unsized
//   delete finds it too.
// - A block freed by another thread joins that thread's list: blocks belong to no one. Memory is
//   never returned to the system (the program exits in milliseconds to minutes) and a thread's
//   lists die with it (the program's few threads are short-lived).
// - Larger blocks, and everything once the region is full or could not be reserved, are
//   glibc's malloc and free.
//
// Linked into the retort executable only (CMakeLists.txt): a program that links the library
// keeps its own operator new. docs/design/cli-heap.md has the measurements.
#include <sys/mman.h>

#include "cli/small_alloc.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kMaxSmall = 256;
constexpr std::size_t kClasses = kMaxSmall / 16 + 1;  // class c holds blocks of 16 * c bytes
constexpr std::size_t kSpan = 16 << 10;
constexpr std::size_t kRegion = std::size_t{1} << 30;  // address space only; untouched is free
constexpr std::size_t kSpans = kRegion / kSpan;
constexpr std::size_t kAdvised = std::size_t{4} << 20;  // advised for huge pages

struct FreeBlock {
  FreeBlock* next;
};

struct ThreadCache {
  FreeBlock* free[kClasses];
  char* next[kClasses];  // the next block of the span being carved, or null
  char* end[kClasses];
};

// Zero-initialised: no constructor or destructor runs per thread.
thread_local ThreadCache t_cache;

std::atomic<char*> g_base{nullptr};  // the region; (char*)-1 if it could not be had
std::atomic<std::size_t> g_used{0};  // bytes of the region handed out as spans
unsigned char g_span_class[kSpans];  // the class of each span handed out

// The seed: the first spans, from the program's heap (seed_small_blocks). The heap set-up puts
// it in the heap's first huge page, so a short command's small blocks share that page with its
// other blocks instead of faulting in a 2 MiB page of their own (about 0.2-0.5 ms here).
constexpr std::size_t kSeed = retort::cli::kSmallBlockSeed;
constexpr std::size_t kSeedSpans = kSeed / kSpan;
std::atomic<char*> g_seed{nullptr};
std::atomic<std::size_t> g_seed_used{0};
unsigned char g_seed_class[kSeedSpans];

char* region() noexcept {
  char* base = g_base.load(std::memory_order_acquire);
  if (base) return base;
  // One huge page more than the region, so that it can start on a huge-page boundary.
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  void* p = ::mmap(nullptr, kRegion + kHuge, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  char* mine = reinterpret_cast<char*>(-1);
  if (p != MAP_FAILED) {
    auto at = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~std::uintptr_t{kHuge - 1};
    mine = reinterpret_cast<char*>(at);
  }
#ifdef MADV_HUGEPAGE
  const char* off = std::getenv("RETORT_HUGEPAGES");
  // Huge pages for the first spans only, like the heap (cli/heap.cpp): what a short command
  // uses; past them, small pages, so a large command's peak is not rounded up.
  if (p != MAP_FAILED && !(off && off[0] == '0' && off[1] == 0))
    ::madvise(mine, kAdvised, MADV_HUGEPAGE);
#endif
  char* expected = nullptr;
  if (!g_base.compare_exchange_strong(expected, mine, std::memory_order_acq_rel)) {
    if (p != MAP_FAILED) ::munmap(p, kRegion + kHuge);  // another thread was first
    return expected;
  }
  return mine;
}

inline bool in_region(const void* p, char*& base) noexcept {
  base = g_base.load(std::memory_order_relaxed);
  return base && base != reinterpret_cast<char*>(-1) && static_cast<const char*>(p) >= base &&
         static_cast<const char*>(p) < base + kRegion;
}

// A new span for class `c` of this thread, from the seed while it lasts, then from the region;
// false when the region is full or missing.
bool refill(ThreadCache& tc, std::size_t c) noexcept {
  if (char* seed = g_seed.load(std::memory_order_acquire)) {
    if (g_seed_used.load(std::memory_order_relaxed) < kSeed) {
      std::size_t at = g_seed_used.fetch_add(kSpan, std::memory_order_relaxed);
      if (at + kSpan <= kSeed) {
        g_seed_class[at / kSpan] = static_cast<unsigned char>(c);
        tc.next[c] = seed + at;
        tc.end[c] = seed + at + kSpan;
        return true;
      }
    }
  }
  char* base = region();
  if (base == reinterpret_cast<char*>(-1)) return false;
  std::size_t at = g_used.fetch_add(kSpan, std::memory_order_relaxed);
  if (at + kSpan > kRegion) return false;
  g_span_class[at / kSpan] = static_cast<unsigned char>(c);
  tc.next[c] = base + at;
  tc.end[c] = base + at + kSpan;
  return true;
}

inline void* small_alloc(std::size_t n) noexcept {
  const std::size_t c = n == 0 ? 1 : (n + 15) >> 4;
  ThreadCache& tc = t_cache;
  if (FreeBlock* b = tc.free[c]) {
    tc.free[c] = b->next;
    return b;
  }
  const std::size_t size = c << 4;
  if (!tc.next[c] || tc.next[c] + size > tc.end[c]) {
    if (!refill(tc, c)) return std::malloc(size);
  }
  void* p = tc.next[c];
  tc.next[c] += size;
  return p;
}

inline void small_free(void* p, std::size_t c) noexcept {
  auto* b = static_cast<FreeBlock*>(p);
  ThreadCache& tc = t_cache;
  b->next = tc.free[c];
  tc.free[c] = b;
}

void* allocate(std::size_t n) {
  for (;;) {
    void* p = n <= kMaxSmall ? small_alloc(n) : std::malloc(n == 0 ? 1 : n);
    if (p) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void release(void* p) noexcept {
  if (!p) return;
  if (char* seed = g_seed.load(std::memory_order_relaxed);
      seed && static_cast<char*>(p) >= seed && static_cast<char*>(p) < seed + kSeed) {
    small_free(p, g_seed_class[static_cast<std::size_t>(static_cast<char*>(p) - seed) / kSpan]);
    return;
  }
  char* base;
  if (in_region(p, base)) {
    small_free(p, g_span_class[static_cast<std::size_t>(static_cast<char*>(p) - base) / kSpan]);
  } else {
    std::free(p);
  }
}

}  // namespace

void retort::cli::seed_small_blocks(void* p) noexcept {
  char* expected = nullptr;
  if (p) g_seed.compare_exchange_strong(expected, static_cast<char*>(p), std::memory_order_release);
}

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
