#include "core/gossip/gossip_router.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

namespace mn::gossip {
namespace {

runtime::Hash32 id(std::uint8_t n) {
  runtime::Hash32 h{};
  h[0] = n;
  h[31] = 0xaa;
  return h;
}

TEST(GossipRouter, DeduplicatesMessageIds) {
  GossipRouter router(GossipConfig{4, 100});
  EXPECT_TRUE(router.mark_seen(id(1)));
  EXPECT_FALSE(router.mark_seen(id(1)));
  EXPECT_TRUE(router.mark_seen(id(2)));
  EXPECT_TRUE(router.seen(id(1)));
}

TEST(GossipRouter, ForgetsOldestIdsBeyondCapacity) {
  GossipRouter router(GossipConfig{4, 3});
  for (std::uint8_t i = 1; i <= 4; ++i) EXPECT_TRUE(router.mark_seen(id(i)));
  EXPECT_FALSE(router.seen(id(1)));
  EXPECT_TRUE(router.seen(id(2)));
  EXPECT_TRUE(router.seen(id(4)));
}

TEST(GossipRouter, ResetForgetsEverything) {
  GossipRouter router(GossipConfig{});
  EXPECT_TRUE(router.mark_seen(id(1)));
  router.reset();
  EXPECT_TRUE(router.mark_seen(id(1)));
}

TEST(GossipRouter, SelectsAllNeighboursWhenFanoutCoversThem) {
  std::vector<std::uint32_t> out;
  runtime::Rng rng(1);
  GossipRouter(GossipConfig{0, 10}).select_forward_indices(5, rng, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  GossipRouter(GossipConfig{9, 10}).select_forward_indices(5, rng, out);
  EXPECT_EQ(out.size(), 5u);
}

TEST(GossipRouter, SelectsFanoutDistinctNeighboursUniformly) {
  GossipRouter router(GossipConfig{3, 10});
  runtime::Rng rng(2);
  std::vector<std::uint32_t> out;
  std::vector<int> hits(20, 0);
  for (int trial = 0; trial < 20000; ++trial) {
    router.select_forward_indices(20, rng, out);
    ASSERT_EQ(out.size(), 3u);
    ASSERT_EQ(std::set<std::uint32_t>(out.begin(), out.end()).size(), 3u);
    for (auto i : out) ++hits[i];
  }
  // Each index is chosen with probability 3/20: 3000 of 20000 trials, within 5 sigma.
  for (int h : hits) EXPECT_NEAR(h, 3000, 5 * 50.5);
}

}  // namespace
}  // namespace mn::gossip
