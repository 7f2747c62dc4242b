// The command-line program's heap on transparent huge pages (see heap.hpp).
//
// A command such as `retort heads` or `upgrade --sql` allocates one to a few MiB and exits. On
// the virtual machines retort is measured on, the kernel takes 10-15 µs to fault in each 4 KiB
// page, so those megabytes cost 200-800 page faults: 3-10 ms, a fifth of `heads`. A 2 MiB huge
// page is one fault of about 0.2 ms. glibc can advise huge pages for its heap itself, but only
// when told through GLIBC_TUNABLES before the program starts, and its heap begins wherever the
// program's break happens to be, so the first, unaligned megabytes would still be small pages.
// Here the break is moved to just below a 2 MiB boundary before glibc next grows its heap; its
// bookkeeping lands on that one page and everything after it is whole blocks, advised before
// anything touches them. See docs/design/cli-heap.md.
#include "cli/heap.hpp"

#include "cli/small_alloc.hpp"

#include <cstdlib>  // first: defines __GLIBC__ for the test below

#if defined(__linux__) && defined(__GLIBC__) && defined(__x86_64__)
#if __GLIBC_PREREQ(2, 33)  // mallinfo2
#define RETORT_HEAP_HUGEPAGES 1
#endif
#endif
#ifdef RETORT_HEAP_HUGEPAGES
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#endif

namespace retort::cli {

#ifdef RETORT_HEAP_HUGEPAGES
namespace {
void* volatile g_filler = nullptr;  // see the end of prepare_heap
}  // namespace
#endif

void prepare_heap() noexcept {
#ifdef RETORT_HEAP_HUGEPAGES
  if (const char* v = std::getenv("RETORT_HUGEPAGES"); v && std::strcmp(v, "0") == 0) return;
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;  // a huge page on x86-64
  constexpr std::uintptr_t kPage = 4096;
  // How much address space the heap grows by at a time (only the pages touched are backed),
  // and how much of it is advised for huge pages: what a short command uses. A command that
  // goes past it gets small pages from there on, so its peak memory is not rounded up.
  constexpr int kReserve = 64 << 20;
  constexpr std::uintptr_t kAdvised = std::uintptr_t{4} << 20;

  // Large blocks from the heap too, not an mmap each (faulted in page by page), and the heap
  // never trimmed: a command that exits in milliseconds gains nothing from returning memory.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, -1);
  mallopt(M_TOP_PAD, kReserve);

  // glibc sets its heap up on the first malloc. Whether anything called it before main depends
  // on the static initialisers linked in (our operator new takes small blocks elsewhere), so
  // call it here: with no heap yet, the probe below would start it at the moved break and the
  // advice would be skipped (seen when a link order left every pre-main block small).
  // (Through a volatile: the compiler may drop a malloc whose block nobody uses.)
  void* volatile first = std::malloc(1);
  std::free(first);

  // The break, moved to one page below a 2 MiB boundary. glibc sees memory it did not ask for
  // ("foreign sbrk") and starts its next growth at the new break.
  auto cur = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (cur == ~std::uintptr_t{0}) return;
  // At least a page past the break: moved by nothing (the break one page below a boundary
  // already, 1 run in 512), glibc would see no foreign memory, carve the probe from its old top,
  // and the check below would skip the advice.
  const std::uintptr_t boundary = (cur + 2 * kPage + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t start = boundary - kPage;
  if (sbrk(static_cast<std::intptr_t>(start - cur)) == reinterpret_cast<void*>(-1)) return;

  // Make glibc grow now: use up its top chunk, then ask for less than a page, which it carves
  // from the start of the new memory, so its headers stay on the page below the boundary.
  struct mallinfo2 mi = mallinfo2();
  void* filler = mi.keepcost > 1024 ? std::malloc(mi.keepcost - 512) : nullptr;
  void* probe = std::malloc(2048);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Only when the probe is where the reasoning above says (and not, say, from a free list, or
  // from an allocator that is not glibc's), and nothing past the boundary was touched yet.
  bool advised = false;
  if (reinterpret_cast<std::uintptr_t>(probe) == start + 16 && end >= boundary + kHuge) {
    const std::uintptr_t len = (end - boundary) & ~(kHuge - 1);
    advised = ::madvise(reinterpret_cast<void*>(boundary), len < kAdvised ? len : kAdvised,
                        MADV_HUGEPAGE) == 0;
  }
  std::free(probe);
  // The filler stays allocated: freed, it would be the first place glibc takes the next large
  // blocks from (SQLite's page cache, a file read whole), and those would fault in small pages
  // below the boundary before anything reached the advised ones. Its pages were never touched,
  // so keeping it costs address space only. (Held where the compiler cannot drop its malloc.)
  g_filler = filler;

  // The small-block allocator's first spans (small_alloc.cpp), from here: the block starts where
  // the probe was, so it lies in the first advised huge page, which a short command's other
  // blocks use too. Without the seed, small blocks took a huge page of their own.
  if (advised) {
    if (void* seed = std::malloc(kSmallBlockSeed)) seed_small_blocks(seed);
  }
#endif
}

}  // namespace retort::cli
