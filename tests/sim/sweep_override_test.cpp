#include "sim/sweep/sweep_override.h"

#include <gtest/gtest.h>

namespace mn::sim {
namespace {

using json = nlohmann::json;

json base() {
  return json::parse(R"({"name": "x", "network": {"nodes": 4, "latency": {"median_ms": 40}},
                         "adversaries": [{"nodes": "v0", "behavior": "silent", "from_s": 1}]})");
}

TEST(SweepOverride, SetsANestedKey) {
  json doc = base();
  ASSERT_TRUE(apply_override(doc, "network.latency.median_ms", 80).is_ok());
  EXPECT_EQ(doc["network"]["latency"]["median_ms"], 80);
  EXPECT_EQ(doc["network"]["nodes"], 4);
}

TEST(SweepOverride, CreatesKeysTheScenarioLeavesUnstated) {
  json doc = base();
  ASSERT_TRUE(apply_override(doc, "network.gossip.fanout", 3).is_ok());
  EXPECT_EQ(doc["network"]["gossip"], json({{"fanout", 3}}));
}

TEST(SweepOverride, IndexesArraysByNumber) {
  json doc = base();
  ASSERT_TRUE(apply_override(doc, "adversaries.0.from_s", 12.5).is_ok());
  EXPECT_EQ(doc["adversaries"][0]["from_s"], 12.5);
  EXPECT_EQ(doc["adversaries"][0]["behavior"], "silent");
}

TEST(SweepOverride, ReplacesWholeSubtrees) {
  json doc = base();
  ASSERT_TRUE(apply_override(doc, "network.latency", json({{"median_ms", 5}})).is_ok());
  EXPECT_EQ(doc["network"]["latency"], json({{"median_ms", 5}}));
}

TEST(SweepOverride, RefusesAnIndexPastTheEnd) {
  json doc = base();
  const auto status = apply_override(doc, "adversaries.3.from_s", 1);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(),
            "adversaries.3.from_s: index 3 out of range (adversaries has 1 entries)");
  EXPECT_EQ(doc, base());
}

TEST(SweepOverride, RefusesAKeyInsideAnArray) {
  json doc = base();
  const auto status = apply_override(doc, "adversaries.first.from_s", 1);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("adversaries is an array; expected an index"), std::string::npos)
      << status.message();
}

TEST(SweepOverride, RefusesToDescendIntoAScalar) {
  json doc = base();
  const auto status = apply_override(doc, "network.nodes.count", 1);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(),
            "network.nodes.count: network.nodes is a number, it has no member 'count'");
}

TEST(SweepOverride, RefusesAnIndexIntoAnUnsetKey) {
  json doc = base();
  const auto status = apply_override(doc, "faults.0.at_s", 1);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(),
            "faults.0.at_s: faults is not set in the scenario; an index needs an existing array");
}

TEST(SweepOverride, RefusesEmptyComponents) {
  json doc = base();
  EXPECT_FALSE(apply_override(doc, "network..nodes", 1).is_ok());
  EXPECT_FALSE(apply_override(doc, "", 1).is_ok());
  EXPECT_FALSE(apply_override(doc, "network.", 1).is_ok());
}

}  // namespace
}  // namespace mn::sim
