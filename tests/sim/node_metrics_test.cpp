#include "sim/node_metrics.h"

#include <string>

#include <gtest/gtest.h>

#include "sim/metric_names.h"

namespace mn::sim {
namespace {

TEST(MetricNames, OneIndexPerTextWhereverTheTextLives) {
  MetricNames names;
  const std::uint32_t sent = names.index("sent_total");
  const std::string copy = "sent_total";
  EXPECT_EQ(names.index(copy), sent);
  EXPECT_NE(names.index("received_total"), sent);
  EXPECT_EQ(names.name(sent), "sent_total");
}

TEST(MetricNames, AnAddressReusedForAnotherNameIsNotTakenForTheFirst) {
  MetricNames names;
  std::string buffer = "first_total";
  const std::uint32_t first = names.index(buffer);
  buffer.replace(0, buffer.size(), "other_total");  // same storage, other text
  const std::uint32_t other = names.index(buffer);
  EXPECT_NE(other, first);
  EXPECT_EQ(names.name(other), "other_total");
  EXPECT_EQ(names.index("first_total"), first);
}

TEST(NodeMetrics, EachNodeReadsBackOnlyWhatItUsedOrderedByName) {
  MetricNames names;
  NodeMetrics a(names);
  NodeMetrics b(names);
  a.add("zeta_total", 2);
  a.add("alpha_total", 0);
  b.add("beta_total", 5);
  a.add("zeta_total", 3);
  a.set("height", 7);
  a.set("height", 4);
  EXPECT_EQ(a.counters(), (NodeMetrics::Family{{"alpha_total", 0}, {"zeta_total", 5}}));
  EXPECT_EQ(a.gauges(), (NodeMetrics::Family{{"height", 4}}));
  EXPECT_EQ(b.counters(), (NodeMetrics::Family{{"beta_total", 5}}));
  EXPECT_TRUE(b.gauges().empty());
}

}  // namespace
}  // namespace mn::sim
