#include "sim/sweep/sweep_sampling.h"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

using json = nlohmann::json;

TEST(SweepSampling, GridHasEveryCombinationFirstParameterSlowest) {
  const auto points = grid_points({{"a", {1, 2, 3}}, {"b", {"x", "y"}}});
  ASSERT_EQ(points.size(), 6U);
  const std::vector<json> expected = {{{"a", 1}, {"b", "x"}}, {{"a", 1}, {"b", "y"}},
                                      {{"a", 2}, {"b", "x"}}, {{"a", 2}, {"b", "y"}},
                                      {{"a", 3}, {"b", "x"}}, {{"a", 3}, {"b", "y"}}};
  EXPECT_EQ(points, expected);
}

TEST(SweepSampling, GridOfOneParameterKeepsItsOrder) {
  const auto points = grid_points({{"consensus.block_interval_ms", {1000, 200, 500}}});
  ASSERT_EQ(points.size(), 3U);
  EXPECT_EQ(points[0]["consensus.block_interval_ms"], 1000);
  EXPECT_EQ(points[2]["consensus.block_interval_ms"], 500);
}

TEST(SweepSampling, LatinHypercubePutsOneSamplePerStratumInEveryDimension) {
  constexpr std::uint64_t kSamples = 50;
  const std::vector<RangeParameter> ranges = {{"a", 0.0, 1.0, false}, {"b", -10.0, 30.0, false}};
  const auto points = latin_hypercube_points(ranges, kSamples, 7);
  ASSERT_EQ(points.size(), kSamples);
  for (const auto& range : ranges) {
    std::set<std::uint64_t> strata;
    for (const auto& p : points) {
      const double v = p[range.path].get<double>();
      ASSERT_GE(v, range.min);
      ASSERT_LE(v, range.max);
      const double position = (v - range.min) / (range.max - range.min);
      strata.insert(static_cast<std::uint64_t>(std::floor(position * kSamples)));
    }
    EXPECT_EQ(strata.size(), kSamples) << range.path;
  }
}

TEST(SweepSampling, LatinHypercubeIsAFunctionOfItsSeed) {
  const std::vector<RangeParameter> ranges = {{"a", 0.0, 1.0, false}, {"b", 0.0, 1.0, false}};
  const auto first = latin_hypercube_points(ranges, 20, 7);
  EXPECT_EQ(first, latin_hypercube_points(ranges, 20, 7));
  EXPECT_NE(first, latin_hypercube_points(ranges, 20, 8));
  // Dimensions draw from their own streams: the two columns are not the same permutation.
  std::vector<double> a;
  std::vector<double> b;
  for (const auto& p : first) {
    a.push_back(p["a"].get<double>());
    b.push_back(p["b"].get<double>());
  }
  EXPECT_NE(a, b);
}

TEST(SweepSampling, LatinHypercubeIntegersCoverTheRangeEvenly) {
  // 10 samples over the 10 integers 1..10: every integer exactly once.
  const auto points = latin_hypercube_points({{"n", 1.0, 10.0, true}}, 10, 3);
  std::set<std::int64_t> values;
  for (const auto& p : points) {
    ASSERT_TRUE(p["n"].is_number_integer());
    values.insert(p["n"].get<std::int64_t>());
  }
  EXPECT_EQ(values, (std::set<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

}  // namespace
}  // namespace mn::sim
