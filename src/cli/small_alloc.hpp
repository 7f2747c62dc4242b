// The retort program's small-block allocator (small_alloc.cpp): what its heap set-up hands it.
#pragma once

#include <cstddef>

namespace retort::cli {

// How many bytes seed_small_blocks takes.
inline constexpr std::size_t kSmallBlockSeed = std::size_t{1} << 20;

// Gives the small-block allocator kSmallBlockSeed bytes at `p` to carve its first spans from,
// before it reserves a region of its own. Called once by prepare_heap() (heap.cpp), before any
// second thread exists; `p` must stay allocated for the life of the program. A second call is
// ignored.
void seed_small_blocks(void* p) noexcept;

}  // namespace retort::cli
