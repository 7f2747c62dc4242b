#include "script/threads.hpp"

#include <atomic>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

namespace retort::detail {

#if defined(__linux__)

struct Placement {
  cpu_set_t allowed;    // the creator's set: the new thread's once it runs
  cpu_set_t elsewhere;  // the same without the creator's current CPU
  // Set once the creator has moved the thread. The thread waits for it before it takes back
  // `allowed`: were it to run first (on the creator's CPU), the creator's move would
  // otherwise come last and leave it kept off that CPU for good.
  std::atomic<bool> placed{false};
};

std::shared_ptr<Placement> plan_placement() {
  auto p = std::make_shared<Placement>();
  if (pthread_getaffinity_np(pthread_self(), sizeof p->allowed, &p->allowed) != 0) return nullptr;
  const int here = sched_getcpu();
  if (here < 0 || here >= CPU_SETSIZE || !CPU_ISSET(here, &p->allowed)) return nullptr;
  p->elsewhere = p->allowed;
  CPU_CLR(here, &p->elsewhere);
  if (CPU_COUNT(&p->elsewhere) == 0) return nullptr;
  return p;
}

void place(Placement& p, std::thread& t) noexcept {
  // A failure (a cpuset changed meanwhile) leaves the thread where the kernel put it.
  pthread_setaffinity_np(t.native_handle(), sizeof p.elsewhere, &p.elsewhere);
  p.placed.store(true, std::memory_order_release);
  p.placed.notify_one();
}

void settle(Placement& p) noexcept {
  p.placed.wait(false, std::memory_order_acquire);
  pthread_setaffinity_np(pthread_self(), sizeof p.allowed, &p.allowed);
}

#else

struct Placement {};
std::shared_ptr<Placement> plan_placement() { return nullptr; }
void place(Placement&, std::thread&) noexcept {}
void settle(Placement&) noexcept {}

#endif

}  // namespace retort::detail
