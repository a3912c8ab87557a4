#include "sim/window_order.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "core/runtime/rng.h"

namespace mn::sim {
namespace {

// What the order must be: positions stably sorted by (node, time).
std::vector<std::uint32_t> reference(const std::vector<runtime::TimeNs>& times,
                                     const std::vector<runtime::NodeId>& nodes) {
  std::vector<std::uint32_t> order(times.size());
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return nodes[a] != nodes[b] ? nodes[a] < nodes[b] : times[a] < times[b];
  });
  return order;
}

TEST(WindowOrder, MatchesAStableSortByNodeThenTime) {
  WindowOrder sorter;  // reused throughout, as the simulator reuses it
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    runtime::Rng rng(seed, "window-order-test");
    // Time spreads of one byte, three (a 10 ms window in ns) and beyond 32 bits, with many ties
    // and few; node counts below one byte, of two bytes and of three.
    for (const std::uint64_t spread : {1ull, 200ull, 10'000'000ull, 1ull << 40}) {
      for (const std::uint64_t node_count : {1ull, 7ull, 1000ull, 70'000ull}) {
        for (const std::size_t n : {0u, 1u, 2u, 33u, 20000u}) {
          const auto base = static_cast<runtime::TimeNs>(rng.uniform(1ull << 50));
          std::vector<runtime::TimeNs> times(n);
          std::vector<runtime::NodeId> nodes(n);
          for (std::size_t i = 0; i < n; ++i) {
            times[i] = base + static_cast<runtime::TimeNs>(rng.uniform(spread + 1));
            nodes[i] = static_cast<runtime::NodeId>(rng.uniform(node_count));
          }
          const std::vector<std::uint32_t> expected = reference(times, nodes);
          ASSERT_EQ(sorter.order(times, nodes), expected)
              << "seed " << seed << ", spread " << spread << ", " << node_count << " nodes, " << n
              << " events";
          for (std::size_t k = 0; k < n; ++k)
            ASSERT_EQ(sorter.sorted_nodes()[k], nodes[expected[k]]) << k;
        }
      }
    }
  }
}

TEST(WindowOrder, KeepsTheGivenOrderOfEqualTimesOnOneNode) {
  WindowOrder sorter;
  const std::vector<runtime::TimeNs> times{5, 3, 5, 3, 3, 9, 5, 1};
  const std::vector<runtime::NodeId> nodes{2, 2, 2, 2, 2, 2, 2, 0};
  EXPECT_EQ(sorter.order(times, nodes), (std::vector<std::uint32_t>{7, 1, 3, 4, 0, 2, 6, 5}));
}

}  // namespace
}  // namespace mn::sim
