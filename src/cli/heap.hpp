// The command-line program's heap: where the kernel allows it, on transparent huge pages.
#pragma once

namespace retort::cli {

// Called before anything else allocates (the program calls it from a constructor of priority
// 101, which runs before every static initialiser of default priority), and before any other
// thread exists. Moves the C library's heap to
// a 2 MiB boundary and advises huge pages for it, so the first megabytes a command allocates
// cost a few page faults instead of hundreds. Does nothing where that cannot be done (not Linux
// on x86-64 with glibc, huge pages disabled, RETORT_HUGEPAGES=0); never fails. The library
// itself never calls it: a program that links retort keeps its own allocator as it is.
// Where it advises huge pages, it also hands the small-block allocator (small_alloc.cpp) its
// first spans from there.
void prepare_heap() noexcept;

}  // namespace retort::cli
