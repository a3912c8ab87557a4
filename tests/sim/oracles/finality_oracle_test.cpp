// Every submitted transfer has a finality record: committed ones with their commit time and
// height, the rest without.
#include <algorithm>

#include <gtest/gtest.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

TEST(FinalityOracle, RecordsEverySubmittedTransfer) {
  // Stops submitting a second before the end, so the last ones may still be pending.
  auto scenario = load_scenario_text(R"({"name": "finality", "duration_s": 10,
      "validators": {"count": 4}, "consensus": {"block_interval_ms": 500},
      "network": {"nodes": 4}, "workload": {"transfers_per_s": 40, "accounts": 40}})");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 5);
  const auto& records = report.transfers.records;
  ASSERT_EQ(records.size(), report.transfers.submitted);
  const auto committed = static_cast<std::uint64_t>(
      std::count_if(records.begin(), records.end(), [](const auto& r) { return r.committed; }));
  EXPECT_EQ(committed, report.transfers.committed);
  EXPECT_GT(committed, 200u);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    if (i < committed) {
      ASSERT_TRUE(r.committed) << "committed records come first";
      EXPECT_GE(*r.committed, r.submitted);
      EXPECT_GT(r.height, 0u);
      if (i > 0) {
        EXPECT_GE(*r.committed, *records[i - 1].committed) << "in commit order";
      }
    } else {
      EXPECT_FALSE(r.committed);
      EXPECT_EQ(r.height, 0u);
    }
  }
}

}  // namespace
}  // namespace mn::sim
