#include "sim/network/standard_normal.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

constexpr int kDraws = 2'000'000;

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// Five binomial standard deviations of a frequency with probability p over kDraws.
double tolerance(double p) {
  return 5.0 * std::sqrt(p * (1.0 - p) / kDraws);
}

std::vector<double> draws(std::uint64_t seed) {
  runtime::Rng rng(seed, "standard-normal-test");
  std::vector<double> out(kDraws);
  for (double& x : out) x = standard_normal(rng);
  return out;
}

TEST(StandardNormal, MatchesTheNormalDistributionFunctionAcrossTheRange) {
  for (const std::uint64_t seed : {1u, 2u}) {
    const std::vector<double> xs = draws(seed);
    for (const double z : {-4.0, -3.442619855899, -3.0, -2.0, -1.0, -0.3, 0.0, 0.3, 1.0, 2.0, 3.0,
                           3.442619855899, 4.0}) {
      int below = 0;
      for (const double x : xs) below += x < z ? 1 : 0;
      const double p = normal_cdf(z);
      EXPECT_NEAR(static_cast<double>(below) / kDraws, p, tolerance(p))
          << "P(X < " << z << "), seed " << seed;
    }
  }
}

TEST(StandardNormal, HasMeanZeroVarianceOneAndNormalKurtosis) {
  const std::vector<double> xs = draws(3);
  double sum = 0.0;
  double squares = 0.0;
  double fourths = 0.0;
  for (const double x : xs) {
    sum += x;
    squares += x * x;
    fourths += x * x * x * x;
  }
  const double n = kDraws;
  // Standard errors: 1/sqrt(n) for the mean, sqrt(2/n) for the variance, sqrt(96/n) for E[X^4].
  EXPECT_NEAR(sum / n, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(squares / n, 1.0, 5.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(fourths / n, 3.0, 5.0 * std::sqrt(96.0 / n));
}

TEST(StandardNormal, IsAPureFunctionOfTheStream) {
  runtime::Rng a(7, "net", 3);
  runtime::Rng b(7, "net", 3);
  for (int i = 0; i < 10'000; ++i) ASSERT_EQ(standard_normal(a), standard_normal(b));
}

}  // namespace
}  // namespace mn::sim
