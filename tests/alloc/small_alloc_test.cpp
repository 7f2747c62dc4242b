// The retort program's operator new and delete (src/cli/small_alloc.cpp), linked into this test
// binary alone as it is into the program: every allocation below, gtest's included, goes
// through it. What the program depends on: blocks aligned for any type, never overlapping,
// freed memory reused, and blocks that may be freed by a thread other than the one that
// allocated them.
#include <gtest/gtest.h>

#include "cli/small_alloc.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Block {
  unsigned char* p;
  std::size_t n;
  unsigned char fill;
};

void fill(Block& b) { std::memset(b.p, b.fill, b.n); }

bool intact(const Block& b) {
  for (std::size_t i = 0; i < b.n; ++i)
    if (b.p[i] != b.fill) return false;
  return true;
}

std::vector<Block> allocate_many(std::size_t count, std::uint32_t seed, std::size_t max) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> size(0, max);
  std::vector<Block> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t n = size(rng);
    Block b{static_cast<unsigned char*>(::operator new(n)), n,
            static_cast<unsigned char>(rng())};
    fill(b);
    out.push_back(b);
  }
  return out;
}

TEST(SmallAlloc, EverySizeIsAlignedAndWritable) {
  std::vector<void*> blocks;
  for (std::size_t n = 0; n <= 2048; ++n) {
    void* p = ::operator new(n);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % __STDCPP_DEFAULT_NEW_ALIGNMENT__, 0u) << n;
    std::memset(p, 0xab, n);
    blocks.push_back(p);
  }
  // Half freed with the size, half without: both must work for small and large blocks.
  for (std::size_t n = 0; n < blocks.size(); ++n) {
    if (n % 2)
      ::operator delete(blocks[n], n);
    else
      ::operator delete(blocks[n]);
  }
}

TEST(SmallAlloc, BlocksNeverOverlap) {
  auto blocks = allocate_many(20000, 1, 700);
  // Free every third block and allocate again: the new blocks reuse the freed ones and must
  // not land on a block still in use.
  std::vector<Block> kept;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i % 3 == 0)
      ::operator delete(blocks[i].p, blocks[i].n);
    else
      kept.push_back(blocks[i]);
  }
  auto more = allocate_many(7000, 2, 700);
  for (const auto& b : kept) ASSERT_TRUE(intact(b));
  for (const auto& b : more) ASSERT_TRUE(intact(b));
  for (auto& b : kept) ::operator delete(b.p);
  for (auto& b : more) ::operator delete(b.p, b.n);
}

TEST(SmallAlloc, FreedMemoryIsReused) {
  for (std::size_t n : {1u, 16u, 40u, 200u, 512u}) {
    void* p = ::operator new(n);
    ::operator delete(p, n);
    void* q = ::operator new(n);
    EXPECT_EQ(p, q) << "size " << n;
    ::operator delete(q);
  }
  // A long alternation of new and delete stays on the same few blocks.
  std::vector<void*> seen;
  for (int i = 0; i < 100000; ++i) {
    void* p = ::operator new(48);
    if (std::find(seen.begin(), seen.end(), p) == seen.end()) seen.push_back(p);
    ::operator delete(p);
  }
  EXPECT_LE(seen.size(), 2u);
}

TEST(SmallAlloc, ArraysNothrowAndLargeBlocks) {
  auto* a = new std::string[100];
  for (int i = 0; i < 100; ++i) a[i] = std::string(i, 'x');
  delete[] a;
  void* p = ::operator new(100, std::nothrow);
  ASSERT_NE(p, nullptr);
  ::operator delete(p, std::nothrow);
  void* big = ::operator new(8 << 20);  // past the small sizes: the C library's
  std::memset(big, 1, 8 << 20);
  ::operator delete(big, std::size_t{8} << 20);
}

TEST(SmallAlloc, BlocksFreedByAnotherThread) {
  // One thread allocates, another frees and allocates again, while a third works alone.
  std::vector<Block> handed;
  std::thread producer([&] { handed = allocate_many(30000, 3, 600); });
  producer.join();
  std::vector<Block> regained;
  std::thread consumer([&] {
    for (auto& b : handed) {
      ASSERT_TRUE(intact(b));
      ::operator delete(b.p, b.n);
    }
    regained = allocate_many(30000, 4, 600);
  });
  std::vector<Block> alone;
  std::thread other([&] { alone = allocate_many(30000, 5, 600); });
  consumer.join();
  other.join();
  for (const auto& b : regained) ASSERT_TRUE(intact(b));
  for (const auto& b : alone) ASSERT_TRUE(intact(b));
  // The main thread frees what the other threads allocated.
  for (auto& b : regained) ::operator delete(b.p);
  for (auto& b : alone) ::operator delete(b.p, b.n);
}

TEST(SmallAlloc, ManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<char> ok(4, 0);  // not vector<bool>: each thread writes its own byte
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &ok] {
      bool good = true;
      for (int round = 0; round < 20 && good; ++round) {
        auto blocks = allocate_many(2000, 100 + t * 100 + round, 512);
        for (const auto& b : blocks) good = good && intact(b);
        for (auto& b : blocks) ::operator delete(b.p, b.n);
      }
      ok[t] = good ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_TRUE(ok[t]) << "thread " << t;
}

TEST(SmallAlloc, SeedServesNewSpansUntilUsedUpThenTheRegion) {
  // What the program's heap set-up does (cli/heap.cpp): hand over a block for the first spans.
  // Here spans are already open, so only spans opened from now on come from the seed.
  auto* seed = static_cast<unsigned char*>(std::malloc(retort::cli::kSmallBlockSeed));
  ASSERT_NE(seed, nullptr);
  retort::cli::seed_small_blocks(seed);
  retort::cli::seed_small_blocks(seed + 64);  // a second seed is ignored
  auto in_seed = [&](const void* p) {
    auto* c = static_cast<const unsigned char*>(p);
    return c >= seed && c < seed + retort::cli::kSmallBlockSeed;
  };
  // Twice the seed's bytes in 240-byte blocks: the first spans come from the seed, the rest
  // from the region once it is used up; none overlap, and every one keeps what was written.
  std::vector<Block> blocks;
  std::size_t from_seed = 0;
  for (std::size_t i = 0; i < 2 * retort::cli::kSmallBlockSeed / 240; ++i) {
    Block b{static_cast<unsigned char*>(::operator new(240)), 240,
            static_cast<unsigned char>(i)};
    fill(b);
    from_seed += in_seed(b.p) ? 1 : 0;
    blocks.push_back(b);
  }
  EXPECT_GT(from_seed, retort::cli::kSmallBlockSeed / 240 / 2);
  EXPECT_LT(from_seed, blocks.size());
  std::vector<Block> sorted = blocks;
  std::sort(sorted.begin(), sorted.end(), [](const Block& a, const Block& b) { return a.p < b.p; });
  for (std::size_t i = 1; i < sorted.size(); ++i)
    ASSERT_LE(sorted[i - 1].p + 240, sorted[i].p);
  for (const auto& b : blocks) ASSERT_TRUE(intact(b));
  // Freed without a size, a seed block goes back to its class's list and is handed out again.
  void* last_seed_block = nullptr;
  for (auto& b : blocks)
    if (in_seed(b.p)) last_seed_block = b.p;
  ASSERT_NE(last_seed_block, nullptr);
  ::operator delete(last_seed_block);
  EXPECT_EQ(::operator new(240), last_seed_block);
  for (auto& b : blocks)
    if (b.p != last_seed_block) ::operator delete(b.p);
  ::operator delete(last_seed_block, std::size_t{240});
}

}  // namespace
