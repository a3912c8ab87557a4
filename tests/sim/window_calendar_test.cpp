#include "sim/window_calendar.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "core/runtime/rng.h"

namespace mn::sim {
namespace {

using runtime::NodeId;

QueuedEvent event_for(NodeId node) {
  QueuedEvent event;
  event.kind = EventKind::kDeliver;
  event.node = node;
  return event;
}

// Pushes at random times from the last window's end (some far beyond the ring, so they wait in the
// overflow and move in later) and takes windows of random length, checking each against a plain
// list: the earliest time, and exactly the events before the window's end, equal times in push
// order.
TEST(WindowCalendar, TakesExactlyEachWindowsEventsWithEqualTimesInPushOrder) {
  for (const std::uint64_t seed : {1, 2, 3}) {
    runtime::Rng rng(seed, "window-calendar");
    constexpr runtime::TimeNs kSpan = 100;
    WindowCalendar calendar(kSpan, 4);  // a 400 ns ring
    struct Pending {
      runtime::TimeNs time;
      NodeId id;
    };
    std::vector<Pending> reference;  // in push order
    NodeId next_id = 0;
    runtime::TimeNs now = 0;
    for (int round = 0; round < 3000; ++round) {
      for (int k = 0; k < 6; ++k) {
        // Coarse times, so equal times are common.
        runtime::TimeNs t = now + static_cast<runtime::TimeNs>(rng.uniform(300) / 10 * 10);
        if (rng.uniform(8) == 0) t += static_cast<runtime::TimeNs>(rng.uniform(3000));
        calendar.push(t, event_for(next_id));
        reference.push_back({t, next_id++});
      }
      if (calendar.empty()) continue;
      const runtime::TimeNs earliest =
          std::min_element(reference.begin(), reference.end(), [](const auto& a, const auto& b) {
            return a.time < b.time;
          })->time;
      ASSERT_EQ(calendar.earliest(), earliest) << "seed " << seed << " round " << round;
      // Windows end at the span's end or earlier (an action or watch cuts them short).
      const runtime::TimeNs span_end = calendar.span_end(earliest);
      const runtime::TimeNs end = rng.uniform(3) == 0
                                      ? earliest + 1 +
                                            static_cast<runtime::TimeNs>(rng.uniform(
                                                static_cast<std::uint64_t>(span_end - earliest)))
                                      : span_end;
      std::vector<Pending> taken;
      calendar.take_before(end, [&taken](const WindowCalendar::Entry& e) {
        taken.push_back({e.time, e.payload.node});
      });
      std::vector<Pending> expected;
      std::vector<Pending> still;
      for (const Pending& p : reference) {
        if (p.time < end) {
          expected.push_back(p);
        } else {
          still.push_back(p);
        }
      }
      // What the simulator does with a window's events: a stable sort by time. Equal times must
      // then be in push order.
      const auto by_time = [](const Pending& a, const Pending& b) { return a.time < b.time; };
      std::stable_sort(taken.begin(), taken.end(), by_time);
      std::stable_sort(expected.begin(), expected.end(), by_time);
      ASSERT_EQ(taken.size(), expected.size()) << "seed " << seed << " round " << round;
      for (std::size_t i = 0; i < taken.size(); ++i) {
        ASSERT_EQ(taken[i].id, expected[i].id) << "seed " << seed << " round " << round;
      }
      reference = std::move(still);
      EXPECT_EQ(calendar.size(), reference.size());
      EXPECT_EQ(calendar.taken_until(), end);
      now = end;
    }
  }
}

TEST(WindowCalendarDeathTest, RejectsEventsBeforeTheLastWindowsEnd) {
  WindowCalendar calendar(100, 4);
  calendar.push(150, event_for(0));
  calendar.take_before(200, [](const WindowCalendar::Entry&) {});
  EXPECT_DEATH(calendar.push(199, event_for(1)), "event scheduled in the past");
}

}  // namespace
}  // namespace mn::sim
