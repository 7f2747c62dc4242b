// start_thread: the helper threads retort starts run their body, take move-only bodies, and,
// once running, may run on every CPU their creator may: the placement on another CPU at start
// never pins them.
#include "script/threads.hpp"

#include <gtest/gtest.h>

#include <memory>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

namespace retort {
namespace {

#if defined(__linux__)

cpu_set_t affinity_of_this_thread() {
  cpu_set_t set;
  CPU_ZERO(&set);
  EXPECT_EQ(pthread_getaffinity_np(pthread_self(), sizeof set, &set), 0);
  return set;
}

TEST(StartThread, RunsTheBodyWithTheCreatorsWholeCpuSet) {
  const cpu_set_t creator = affinity_of_this_thread();
  for (int round = 0; round < 20; ++round) {
    auto answer = std::make_unique<int>(41);  // a move-only body
    int result = 0;
    cpu_set_t seen;
    CPU_ZERO(&seen);
    std::thread t = start_thread([&, answer = std::move(answer)] {
      seen = affinity_of_this_thread();
      result = *answer + 1;
    });
    t.join();
    EXPECT_EQ(result, 42);
    EXPECT_TRUE(CPU_EQUAL(&seen, &creator)) << "round " << round;
  }
}

TEST(StartThread, ACreatorKeptToOneCpuStartsAnOrdinaryThreadThere) {
  // Run on a thread of its own, so the test's main thread keeps its CPU set.
  std::thread outer([] {
    const int here = sched_getcpu();
    ASSERT_GE(here, 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(here, &one);
    ASSERT_EQ(pthread_setaffinity_np(pthread_self(), sizeof one, &one), 0);
    bool ran = false;
    cpu_set_t seen;
    CPU_ZERO(&seen);
    std::thread t = start_thread([&] {
      seen = affinity_of_this_thread();
      ran = true;
    });
    t.join();
    EXPECT_TRUE(ran);
    EXPECT_TRUE(CPU_EQUAL(&seen, &one));
  });
  outer.join();
}

#else

TEST(StartThread, RunsTheBody) {
  int result = 0;
  std::thread t = start_thread([&] { result = 42; });
  t.join();
  EXPECT_EQ(result, 42);
}

#endif

}  // namespace
}  // namespace retort
