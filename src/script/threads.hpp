// Starting the helper threads retort uses (header reading, scripts run ahead, autogenerate's
// connection) where they can start at once.
//
// Linux queues a new thread on its creator's CPU, and while the creator keeps computing the
// new thread waits there, even with every other CPU idle, until the creator blocks or the
// load balancer moves one of them. Measured on the 2-vCPU machine of bench/RESULTS.md: a thread
// started while its creator computed began 0.3-2.5 ms later (usually when the creator next
// blocked), and the two then shared one CPU for part of the run. A helper that is meant to run
// beside its creator is therefore created allowed only on the creator's other CPUs, which puts
// it on one of them straight away (0.1-0.3 ms, the time an idle vCPU takes to wake), and its
// first act is to take back the creator's whole set, so the scheduler may move it as usual from
// then on. Where the creator may only run on one CPU, or this is not Linux, it is a plain
// std::thread.
#pragma once

#include <memory>
#include <thread>
#include <utility>

namespace retort {

namespace detail {
// Where a new thread goes: made by the creator before it starts the thread (null: nowhere
// else to go), used by the creator just after (place) and by the new thread first (settle).
struct Placement;
std::shared_ptr<Placement> plan_placement();
void place(Placement& p, std::thread& t) noexcept;
void settle(Placement& p) noexcept;
}  // namespace detail

// Starts `body` (any callable, move-only ones too) on a new thread, on another CPU than the
// calling thread's where it has one. Throws what std::thread throws.
template <class Body>
std::thread start_thread(Body body) {
  std::shared_ptr<detail::Placement> p = detail::plan_placement();
  if (!p) return std::thread(std::move(body));
  std::thread t([p, body = std::move(body)]() mutable {
    detail::settle(*p);
    body();
  });
  detail::place(*p, t);
  return t;
}

}  // namespace retort
