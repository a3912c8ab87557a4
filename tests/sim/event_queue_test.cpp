#include "sim/event_queue.h"

#include <gtest/gtest.h>

#include "core/runtime/rng.h"

namespace mn::sim {
namespace {

TEST(EventQueue, PopsInTimeOrder) {
  EventQueue q;
  q.push(30, 0);
  q.push(10, 1);
  q.push(20, 2);
  EXPECT_EQ(q.pop().handle, 1u);
  EXPECT_EQ(q.pop().handle, 2u);
  EXPECT_EQ(q.pop().handle, 0u);
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, BreaksTiesByInsertionOrder) {
  EventQueue q;
  for (std::uint32_t h = 0; h < 100; ++h) q.push(5, h);
  for (std::uint32_t h = 0; h < 100; ++h) EXPECT_EQ(q.pop().handle, h);
}

TEST(EventQueue, InterleavedTiesKeepSequenceOrderAcrossManyEntries) {
  EventQueue q;
  runtime::Rng rng(7);
  // Many entries on few distinct times: within each time, handles must come out ascending
  // (handles are pushed in ascending order).
  for (std::uint32_t h = 0; h < 20000; ++h) q.push(static_cast<runtime::TimeNs>(rng.uniform(16)), h);
  runtime::TimeNs last_time = -1;
  std::uint32_t last_handle = 0;
  while (!q.empty()) {
    const auto e = q.pop();
    ASSERT_GE(e.time, last_time);
    if (e.time == last_time) {
      ASSERT_GT(e.handle, last_handle);
    }
    last_time = e.time;
    last_handle = e.handle;
  }
}

TEST(EventQueue, PushDuringPopsStaysOrdered) {
  EventQueue q;
  runtime::Rng rng(11);
  for (std::uint32_t h = 0; h < 1000; ++h) q.push(static_cast<runtime::TimeNs>(rng.uniform(1000)), h);
  runtime::TimeNs last = 0;
  std::uint32_t next_handle = 1000;
  for (int i = 0; i < 50000 && !q.empty(); ++i) {
    const auto e = q.pop();
    ASSERT_GE(e.time, last);
    last = e.time;
    if (next_handle < 40000) {
      q.push(e.time + static_cast<runtime::TimeNs>(rng.uniform(1000)), next_handle++);
    }
  }
}

TEST(EventQueueDeathTest, RejectsEventsInThePast) {
  EventQueue q;
  q.push(100, 0);
  (void)q.pop();
  EXPECT_DEATH(q.push(99, 1), "event scheduled in the past");
}

}  // namespace
}  // namespace mn::sim
