#include "core/gossip/seen_ids.h"

#include <cstdint>
#include <deque>
#include <set>

#include <gtest/gtest.h>

#include "core/runtime/rng.h"

namespace mn::gossip {
namespace {

// The plain model SeenIds must behave as: a set plus the insertion order, oldest evicted first.
class ModelSeenIds {
 public:
  explicit ModelSeenIds(std::size_t capacity) : m_capacity(capacity) {}
  bool insert(std::uint64_t key) {
    if (!m_set.insert(key).second) return false;
    m_order.push_back(key);
    if (m_order.size() > m_capacity) {
      m_set.erase(m_order.front());
      m_order.pop_front();
    }
    return true;
  }
  bool contains(std::uint64_t key) const { return m_set.contains(key); }

 private:
  std::size_t m_capacity;
  std::set<std::uint64_t> m_set;
  std::deque<std::uint64_t> m_order;
};

TEST(SeenIds, HoldsKeysOnceAndForgetsTheOldestBeyondCapacity) {
  SeenIds seen(3);
  EXPECT_TRUE(seen.insert(7));
  EXPECT_FALSE(seen.insert(7));
  EXPECT_TRUE(seen.insert(0));  // the empty-slot marker is a key like any other
  EXPECT_FALSE(seen.insert(0));
  EXPECT_TRUE(seen.insert(9));
  EXPECT_TRUE(seen.insert(11));
  EXPECT_FALSE(seen.contains(7));
  EXPECT_TRUE(seen.contains(0));
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_TRUE(seen.insert(12));
  EXPECT_FALSE(seen.contains(0));
  seen.clear();
  EXPECT_EQ(seen.size(), 0u);
  EXPECT_TRUE(seen.insert(12));
}

TEST(SeenIds, ZeroCapacityRemembersNothing) {
  SeenIds seen(0);
  EXPECT_TRUE(seen.insert(5));
  EXPECT_TRUE(seen.insert(5));
  EXPECT_FALSE(seen.contains(5));
}

// Random insertions from small key ranges (many repeats, long probe runs, evictions from the
// middle of runs, the key 0, capacities below and above the recent-key array) agree with the
// model on every answer.
TEST(SeenIds, AgreesWithTheModelOnRandomSequences) {
  for (const std::size_t capacity : {1u, 2u, 3u, 4u, 5u, 16u, 100u, 1000u}) {
    for (const std::uint64_t range : {8u, 64u, 4096u}) {
      runtime::Rng rng(capacity * 131 + range);
      SeenIds seen(capacity);
      ModelSeenIds model(capacity);
      for (int step = 0; step < 20'000; ++step) {
        const std::uint64_t key = rng.uniform(range);
        ASSERT_EQ(seen.insert(key), model.insert(key))
            << "capacity " << capacity << " range " << range << " step " << step;
        const std::uint64_t probe = rng.uniform(range);
        ASSERT_EQ(seen.contains(probe), model.contains(probe));
      }
    }
  }
}

// Keys that differ only in their high bits share low bits, the case a table indexed by the low
// bits alone would pile into one run.
TEST(SeenIds, KeysAlikeInTheirLowBitsStayDistinct) {
  SeenIds seen(500);
  ModelSeenIds model(500);
  for (std::uint64_t i = 0; i < 2'000; ++i) {
    const std::uint64_t key = (i % 700) << 40;
    ASSERT_EQ(seen.insert(key), model.insert(key)) << i;
  }
}

}  // namespace
}  // namespace mn::gossip
