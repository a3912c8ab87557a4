#include "node/metrics_registry.h"

#include <gtest/gtest.h>

namespace mn::node {
namespace {

TEST(MetricsRegistryTest, CountersAccumulateGaugesHoldTheLastValue) {
  MetricsRegistry metrics;
  EXPECT_EQ(metrics.counter("p2p_frames_sent_total"), 0);
  metrics.add("p2p_frames_sent_total", 2);
  metrics.add("p2p_frames_sent_total", 3);
  metrics.set("p2p_peers", 4);
  metrics.set("p2p_peers", 1);
  EXPECT_EQ(metrics.counter("p2p_frames_sent_total"), 5);
  EXPECT_EQ(metrics.gauge("p2p_peers"), 1);
  EXPECT_EQ(metrics.counter("p2p_peers"), 0);  // counters and gauges are separate namespaces
}

TEST(MetricsRegistryTest, NamesComeOutInOrder) {
  MetricsRegistry metrics;
  metrics.add("b_total", 1);
  metrics.add("a_total", 1);
  metrics.add("c_total", 1);
  std::string names;
  for (const auto& [name, value] : metrics.counters()) names += name + ",";
  EXPECT_EQ(names, "a_total,b_total,c_total,");
}

}  // namespace
}  // namespace mn::node
