// The retort program's heap (src/cli/heap.cpp): after prepare_heap(), the blocks glibc hands out
// lie in memory advised for huge pages, starting on a 2 MiB boundary, and so do the small blocks
// of the program's operator new (its seed); with RETORT_HUGEPAGES=0 nothing is advised. A program of its own, not gtest, and linked with the program's operator
// new as retort is: so, as in retort, nothing has called malloc before main() (every block
// before it is small and taken by operator new), the case a link order once left unadvised.
//
//   retort_heap_test            expects the advice
//   retort_heap_test --none     expects none (run with RETORT_HUGEPAGES=0)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/heap.hpp"

namespace {

struct Mapping {
  std::uintptr_t start = 0, end = 0;
  std::string flags;  // the VmFlags line
};

// The mapping of this process that holds `addr`, from /proc/self/smaps.
Mapping mapping_of(const void* addr) {
  const auto a = reinterpret_cast<std::uintptr_t>(addr);
  std::ifstream in("/proc/self/smaps");
  std::string line;
  Mapping cur, found;
  bool inside = false;
  while (std::getline(in, line)) {
    unsigned long s = 0, e = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> s >> dash >> e && dash == '-') {
      cur = Mapping{s, e, ""};
      inside = a >= s && a < e;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) {
      found = cur;
      found.flags = line;
    }
  }
  return found;
}

int fail(const char* what, const Mapping& m) {
  std::fprintf(stderr, "retort_heap_test: %s (mapping %#lx-%#lx, %s)\n", what,
               static_cast<unsigned long>(m.start), static_cast<unsigned long>(m.end),
               m.flags.c_str());
  return 1;
}

}  // namespace

// As in the program (main.cpp): before any static initialiser of default priority.
[[gnu::constructor(101)]] static void set_up_heap() { retort::cli::prepare_heap(); }

int main(int argc, char** argv) {
  const bool expect_none = argc > 1 && std::strcmp(argv[1], "--none") == 0;

  // Blocks of the sizes a short command asks glibc for: SQLite's page cache when a database is
  // opened (about 100 KiB), a file read whole. Where each block ends tells where it was taken
  // from: the first may begin on the page below the boundary, where glibc keeps its headers.
  const std::size_t sizes[] = {100 << 10, 24 << 10, 4 << 10};
  for (std::size_t size : sizes) {
    auto* block = static_cast<unsigned char*>(std::malloc(size));
    if (block == nullptr) return 1;
    std::memset(block, 0xA5, size);
    const Mapping m = mapping_of(block + size - 1);
    if (m.end == 0) return fail("block not found in /proc/self/smaps", m);
    const bool advised = m.flags.find(" hg") != std::string::npos;
#if defined(__linux__) && defined(__GLIBC__) && defined(__x86_64__)
    if (expect_none) {
      if (advised) return fail("advised although RETORT_HUGEPAGES=0", m);
      continue;
    }
    if (!advised) return fail("a heap block is not in memory advised for huge pages", m);
    if (m.start % (std::uintptr_t{2} << 20) != 0)
      return fail("the advised memory does not start on a 2 MiB boundary", m);
#else
    // prepare_heap() does nothing here: the heap must be as glibc made it.
    if (advised) return fail("advised on a platform where prepare_heap does nothing", m);
#endif
    for (std::size_t i = 0; i < size; ++i)
      if (block[i] != 0xA5) return fail("a block does not hold what was written", m);
  }

  // Small C++ blocks (the program's operator new) come from the seed the set-up handed over:
  // the same advised memory as the blocks above, not a huge page of their own.
  void* big = std::malloc(4 << 10);
  const Mapping heap = mapping_of(big);
  for (std::size_t size : {16, 48, 200}) {
    auto* small = static_cast<unsigned char*>(::operator new(size));
    std::memset(small, 0x5A, size);
    const Mapping m = mapping_of(small);
#if defined(__linux__) && defined(__GLIBC__) && defined(__x86_64__)
    if (!expect_none && m.start != heap.start)
      return fail("a small block is not in the heap's advised memory", m);
    if (expect_none && m.flags.find(" hg") != std::string::npos)
      return fail("a small block is in advised memory although RETORT_HUGEPAGES=0", m);
#endif
    ::operator delete(small);
  }
  std::free(big);
  return 0;
}
