#include "sim/virtual_clock.h"

#include <vector>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

using runtime::kNsPerMs;
using runtime::kNsPerSec;

TEST(VirtualClock, StartsInSyncWithGlobalTime) {
  VirtualClock c;
  EXPECT_EQ(c.local(0), 0);
  EXPECT_EQ(c.local(5 * kNsPerSec), 5 * kNsPerSec);
  EXPECT_EQ(c.global_delay(kNsPerMs), kNsPerMs);
}

TEST(VirtualClock, OffsetStepsTheLocalClock) {
  VirtualClock c;
  c.adjust(kNsPerSec, 250 * kNsPerMs, 0);
  EXPECT_EQ(c.local(kNsPerSec), kNsPerSec + 250 * kNsPerMs);
  EXPECT_EQ(c.local(3 * kNsPerSec), 3 * kNsPerSec + 250 * kNsPerMs);
}

TEST(VirtualClock, DriftRunsFastOrSlowAndIsContinuous) {
  VirtualClock c;
  c.adjust(0, 0, 1000);  // +1000 ppm: 1 ms per second fast
  EXPECT_EQ(c.local(10 * kNsPerSec), 10 * kNsPerSec + 10 * kNsPerMs);
  // Re-anchoring without an offset keeps the local clock continuous.
  const auto before = c.local(20 * kNsPerSec);
  c.adjust(20 * kNsPerSec, 0, -2000);
  EXPECT_EQ(c.local(20 * kNsPerSec), before);
  EXPECT_EQ(c.local(21 * kNsPerSec), before + kNsPerSec - 2 * kNsPerMs);
}

TEST(VirtualClock, TimersNeverFireEarlyByTheLocalClock) {
  VirtualClock c;
  c.adjust(0, 0, 333);
  for (const runtime::TimeNs d :
       std::vector<runtime::TimeNs>{1, 7, 999, kNsPerMs, 1234567, kNsPerSec}) {
    const auto g = c.global_delay(d);
    EXPECT_GE(c.local(g) - c.local(0), d) << d;
    EXPECT_LT(c.local(g - 1) - c.local(0), d) << d;
  }
}

}  // namespace
}  // namespace mn::sim
