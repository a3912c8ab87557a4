#include "node/token_bucket_limiter.h"

#include <string>

#include <gtest/gtest.h>

namespace mn::node {
namespace {

TEST(TokenBucketLimiterTest, AllowsABurstThenRefillsOneTokenPerInterval) {
  TokenBucketLimiter limiter({.burst = 2, .refill_interval_ms = 1'000, .max_clients = 8});
  EXPECT_TRUE(limiter.allow("a", 0));
  EXPECT_TRUE(limiter.allow("a", 0));
  EXPECT_FALSE(limiter.allow("a", 999));
  EXPECT_TRUE(limiter.allow("a", 1'000));
  EXPECT_FALSE(limiter.allow("a", 1'500));
  // The half interval already elapsed counts towards the next token.
  EXPECT_TRUE(limiter.allow("a", 2'000));
  EXPECT_TRUE(limiter.allow("a", 10'000));
  EXPECT_TRUE(limiter.allow("a", 10'000));
  EXPECT_FALSE(limiter.allow("a", 10'000));  // never more than the burst
}

TEST(TokenBucketLimiterTest, ClientsHaveSeparateBuckets) {
  TokenBucketLimiter limiter({.burst = 1, .refill_interval_ms = 1'000, .max_clients = 8});
  EXPECT_TRUE(limiter.allow("a", 0));
  EXPECT_FALSE(limiter.allow("a", 0));
  EXPECT_TRUE(limiter.allow("b", 0));
}

TEST(TokenBucketLimiterTest, AClockSteppingBackRefillsNothing) {
  TokenBucketLimiter limiter({.burst = 1, .refill_interval_ms = 1'000, .max_clients = 8});
  EXPECT_TRUE(limiter.allow("a", 5'000));
  EXPECT_FALSE(limiter.allow("a", 0));
  EXPECT_FALSE(limiter.allow("a", 5'999));
  EXPECT_TRUE(limiter.allow("a", 6'000));
}

TEST(TokenBucketLimiterTest, AFullTableForgetsRefilledClientsOrRefusesNewOnes) {
  TokenBucketLimiter limiter({.burst = 1, .refill_interval_ms = 1'000, .max_clients = 3});
  for (const char* client : {"c0", "c1", "c2"}) EXPECT_TRUE(limiter.allow(client, 0));
  EXPECT_FALSE(limiter.allow("new", 500));  // nobody has refilled: no bucket for a newcomer
  EXPECT_EQ(limiter.tracked_clients(), 3u);
  EXPECT_TRUE(limiter.allow("new", 1'000));  // everyone refilled: forgotten, room again
  EXPECT_LE(limiter.tracked_clients(), 3u);
  EXPECT_FALSE(limiter.allow("new", 1'000));
}

TEST(TokenBucketLimiterTest, ZeroBurstRefusesEverything) {
  TokenBucketLimiter limiter({.burst = 0, .refill_interval_ms = 1, .max_clients = 3});
  EXPECT_FALSE(limiter.allow("a", 0));
  EXPECT_FALSE(limiter.allow("a", 1'000'000));
}

}  // namespace
}  // namespace mn::node
