#include "sim/network/network_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

using runtime::kNsPerMs;
using runtime::kNsPerSec;

NetworkSpec spec_with(double loss, double duplicate, double reorder) {
  NetworkSpec s;
  s.nodes = 4;
  s.loss = loss;
  s.duplicate = duplicate;
  s.reorder = reorder;
  s.bandwidth_mbps = 1e6;  // make serialisation negligible
  return s;
}

// Binomial tolerance: 5 standard deviations.
double tolerance(double p, int n) {
  return 5.0 * std::sqrt(p * (1 - p) / n);
}

TEST(NetworkModel, ObservedLossDuplicationAndReorderingMatchTheirProbabilities) {
  const double loss = 0.1, duplicate = 0.05, reorder = 0.2;
  NetworkModel net(spec_with(loss, duplicate, reorder), 4, 42);
  constexpr int kSamples = 200000;
  int lost = 0, duplicated = 0, reordered = 0, delivered = 0;
  for (int i = 0; i < kSamples; ++i) {
    const Transmission t = net.transmit(0, 1, 100, static_cast<runtime::TimeNs>(i) * kNsPerSec);
    if (t.outcome == Transmission::Outcome::kLost) {
      ++lost;
      continue;
    }
    ++delivered;
    if (t.copies == 2) ++duplicated;
    if (t.reordered) ++reordered;
  }
  EXPECT_NEAR(static_cast<double>(lost) / kSamples, loss, tolerance(loss, kSamples));
  EXPECT_NEAR(static_cast<double>(duplicated) / delivered, duplicate,
              tolerance(duplicate, delivered));
  EXPECT_NEAR(static_cast<double>(reordered) / delivered, reorder, tolerance(reorder, delivered));
}

TEST(NetworkModel, LatencyDistributionsHaveTheConfiguredMedian) {
  for (auto dist : {LatencyDistribution::kConstant, LatencyDistribution::kUniform,
                    LatencyDistribution::kNormal, LatencyDistribution::kLognormal,
                    LatencyDistribution::kExponential, LatencyDistribution::kPareto}) {
    NetworkSpec s = spec_with(0, 0, 0);
    s.latency.distribution = dist;
    s.latency.median_ms = 40;
    s.latency.jitter = dist == LatencyDistribution::kPareto ? 2.5 : 0.2;
    NetworkModel net(s, 2, 9);
    runtime::Rng rng(5);
    std::vector<runtime::TimeNs> samples;
    for (int i = 0; i < 50001; ++i) samples.push_back(net.sample_latency(0, 0, rng));
    std::nth_element(samples.begin(), samples.begin() + 25000, samples.end());
    EXPECT_NEAR(static_cast<double>(samples[25000]) / kNsPerMs, 40.0, 1.0)
        << "distribution " << static_cast<int>(dist);
  }
}

TEST(NetworkModel, RegionMatrixSetsCrossRegionLatency) {
  NetworkSpec s = spec_with(0, 0, 0);
  s.regions = {{"eu", 1}, {"us", 1}};
  s.latency.distribution = LatencyDistribution::kConstant;
  s.latency.region_matrix_ms = {{5, 80}, {80, 5}};
  NetworkModel net(s, 4, 1);
  // Smooth weighted round robin alternates regions: nodes 0,2 in eu; 1,3 in us.
  EXPECT_EQ(net.region_of(0), 0u);
  EXPECT_EQ(net.region_of(1), 1u);
  EXPECT_EQ(net.region_of(2), 0u);
  const Transmission same = net.transmit(0, 2, 1, 0);
  const Transmission cross = net.transmit(2, 1, 1, 0);
  EXPECT_NEAR(static_cast<double>(same.arrival[0]) / kNsPerMs, 5.0, 0.01);
  EXPECT_NEAR(static_cast<double>(cross.arrival[0]) / kNsPerMs, 80.0, 0.01);
}

TEST(NetworkModel, UplinkBandwidthSerialisesAndQueuesMessages) {
  NetworkSpec s = spec_with(0, 0, 0);
  s.bandwidth_mbps = 8;  // 1 byte per microsecond
  s.latency.distribution = LatencyDistribution::kConstant;
  s.latency.median_ms = 10;
  NetworkModel net(s, 3, 1);
  const Transmission a = net.transmit(0, 1, 1000, 0);  // 1 ms on the wire
  const Transmission b = net.transmit(0, 2, 1000, 0);  // queued behind the first
  EXPECT_EQ(a.arrival[0], 11 * kNsPerMs);
  EXPECT_EQ(b.arrival[0], 12 * kNsPerMs);
}

TEST(NetworkModel, PartitionedNodesCannotExchangeMessages) {
  NetworkModel net(spec_with(0, 0, 0), 4, 1);
  net.set_partition({0, 0, 1, 1});
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(net.transmit(0, 2, 10, i).outcome, Transmission::Outcome::kPartitioned);
    EXPECT_EQ(net.transmit(3, 1, 10, i).outcome, Transmission::Outcome::kPartitioned);
    EXPECT_EQ(net.transmit(0, 1, 10, i).outcome, Transmission::Outcome::kDelivered);
  }
  net.heal();
  EXPECT_EQ(net.transmit(0, 2, 10, 0).outcome, Transmission::Outcome::kDelivered);
}

TEST(NetworkModel, LinkDegradationAddsLossAndLatencyUntilRestored) {
  NetworkSpec s = spec_with(0, 0, 0);
  s.latency.distribution = LatencyDistribution::kConstant;
  s.latency.median_ms = 10;
  NetworkModel net(s, 2, 1);
  net.degrade(1, LinkDegradation{1.0, 0, 0});
  EXPECT_EQ(net.transmit(0, 1, 10, 0).outcome, Transmission::Outcome::kLost);
  net.degrade(1, LinkDegradation{0.0, 30 * kNsPerMs, 0});
  EXPECT_NEAR(static_cast<double>(net.transmit(0, 1, 10, 0).arrival[0]) / kNsPerMs, 40.0, 0.01);
  net.restore(1);
  EXPECT_NEAR(static_cast<double>(net.transmit(0, 1, 10, 0).arrival[0]) / kNsPerMs, 10.0, 0.01);
}

TEST(NetworkModel, AddingNodesDoesNotChangeAnotherNodesDraws) {
  NetworkSpec s = spec_with(0.2, 0.1, 0.1);
  NetworkModel small(s, 5, 1234);
  NetworkModel large(s, 500, 1234);
  for (int i = 0; i < 2000; ++i) {
    // Traffic from other nodes in the large network must not move node 3's stream.
    large.transmit(400, 401, 10, i * kNsPerSec);
    const Transmission a = small.transmit(3, 4, 10, i * kNsPerSec);
    const Transmission b = large.transmit(3, 4, 10, i * kNsPerSec);
    ASSERT_EQ(a.outcome, b.outcome) << i;
    ASSERT_EQ(a.copies, b.copies) << i;
    ASSERT_EQ(a.arrival[0], b.arrival[0]) << i;
    ASSERT_EQ(a.arrival[1], b.arrival[1]) << i;
  }
}

}  // namespace
}  // namespace mn::sim
