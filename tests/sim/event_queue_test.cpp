#include "sim/event_queue.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/runtime/rng.h"

namespace mn::sim {
namespace {

TEST(EventQueue, PopsInTimeOrder) {
  EventQueue<std::uint32_t> q;
  q.push(30, 0);
  q.push(10, 1);
  q.push(20, 2);
  EXPECT_EQ(q.pop().payload, 1u);
  EXPECT_EQ(q.pop().payload, 2u);
  EXPECT_EQ(q.pop().payload, 0u);
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, BreaksTiesByInsertionOrder) {
  EventQueue<std::uint32_t> q;
  for (std::uint32_t h = 0; h < 100; ++h) q.push(5, h);
  for (std::uint32_t h = 0; h < 100; ++h) EXPECT_EQ(q.pop().payload, h);
}

TEST(EventQueue, InterleavedTiesKeepSequenceOrderAcrossManyEntries) {
  EventQueue<std::uint32_t> q;
  runtime::Rng rng(7);
  // Many entries on few distinct times: within each time, handles must come out ascending
  // (handles are pushed in ascending order).
  for (std::uint32_t h = 0; h < 20000; ++h)
    q.push(static_cast<runtime::TimeNs>(rng.uniform(16)), h);
  runtime::TimeNs last_time = -1;
  std::uint32_t last_handle = 0;
  while (!q.empty()) {
    const auto e = q.pop();
    ASSERT_GE(e.time, last_time);
    if (e.time == last_time) {
      ASSERT_GT(e.payload, last_handle);
    }
    last_time = e.time;
    last_handle = e.payload;
  }
}

TEST(EventQueue, PushDuringPopsStaysOrdered) {
  EventQueue<std::uint32_t> q;
  runtime::Rng rng(11);
  for (std::uint32_t h = 0; h < 1000; ++h)
    q.push(static_cast<runtime::TimeNs>(rng.uniform(1000)), h);
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
  EventQueue<std::uint32_t> q;
  q.push(100, 0);
  (void)q.pop();
  EXPECT_DEATH(q.push(99, 1), "event scheduled in the past");
}

}  // namespace
}  // namespace mn::sim

namespace mn::sim {
namespace {

TEST(EventQueue, SchedulingBeforeAPeekedTopKeepsOrder) {
  EventQueue<std::uint32_t> q;
  q.push(100, 0);
  q.push(100, 1);
  EXPECT_EQ(q.top_time(), 100);  // peek without popping, as a run that stops at t=50 does
  q.push(60, 2);
  q.push(100, 3);
  q.push(60, 4);
  std::vector<std::uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().payload);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{2, 4, 0, 1, 3}));
}

TEST(EventQueue, MatchesAReferenceOrderOnARandomWorkload) {
  EventQueue<std::uint32_t> q;
  runtime::Rng rng(3);
  std::vector<std::pair<std::pair<runtime::TimeNs, std::uint64_t>, std::uint32_t>> reference;
  std::uint64_t seq = 0;
  runtime::TimeNs now = 0;
  std::uint32_t handle = 0;
  std::vector<std::uint32_t> expected, got;
  for (int round = 0; round < 2000; ++round) {
    for (int k = 0; k < 5; ++k) {
      const runtime::TimeNs t = now + static_cast<runtime::TimeNs>(rng.uniform(50));
      q.push(t, handle);
      reference.push_back({{t, seq++}, handle++});
    }
    for (int k = 0; k < 4 && !q.empty(); ++k) {
      auto it = std::min_element(reference.begin(), reference.end());
      expected.push_back(it->second);
      reference.erase(it);
      const auto e = q.pop();
      got.push_back(e.payload);
      now = e.time;
    }
  }
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace mn::sim

namespace mn::sim {
namespace {

// The simulator's payloads own a message: every entry must come out once, intact, after moving
// down the buckets and through a re-bucketing, and none may be left behind holding its message.
TEST(EventQueue, CarriesOwningPayloadsIntactThroughRefillsAndRebases) {
  EventQueue<std::unique_ptr<std::uint32_t>> q;
  runtime::Rng rng(5);
  for (std::uint32_t h = 0; h < 3000; ++h) {
    q.push(static_cast<runtime::TimeNs>(100 + rng.uniform(100'000)),
           std::make_unique<std::uint32_t>(h));
  }
  (void)q.top_time();  // a peek moves the buckets' key ahead of the last popped time...
  q.push(50, std::make_unique<std::uint32_t>(3000));  // ...so this push re-buckets everything
  std::vector<bool> seen(3001, false);
  runtime::TimeNs last = 0;
  while (!q.empty()) {
    auto e = q.pop();
    ASSERT_NE(e.payload, nullptr);
    ASSERT_LE(*e.payload, 3000u);
    ASSERT_FALSE(seen[*e.payload]);
    seen[*e.payload] = true;
    ASSERT_GE(e.time, last);
    last = e.time;
  }
  EXPECT_EQ(std::count(seen.begin(), seen.end(), true), 3001);
}

}  // namespace
}  // namespace mn::sim
