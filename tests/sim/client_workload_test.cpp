// The transfer workload as a scenario states it: submissions only inside [start_s, stop_s).
#include <gtest/gtest.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

RunReport run_with_window(const std::string& window) {
  auto scenario = load_scenario_text(R"({"name": "window", "duration_s": 20,
      "validators": {"count": 4}, "consensus": {"block_interval_ms": 500},
      "network": {"nodes": 4}, "workload": {"transfers_per_s": 50, "accounts": 50)" +
                                     window + "}}");
  EXPECT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  return run_scenario(*scenario, 3);
}

TEST(ClientWorkload, SubmitsOnlyWithinItsWindow) {
  const RunReport whole = run_with_window("");
  const RunReport window = run_with_window(R"(, "start_s": 5, "stop_s": 10)");
  // 50/s over 20 s against 50/s over 5 s: about 1000 against about 250.
  EXPECT_GT(whole.transfers.submitted, 800u);
  EXPECT_GT(window.transfers.submitted, 150u);
  EXPECT_LT(window.transfers.submitted, 350u);
  for (const auto& h : window.heights) {
    if (h.first_commit < 5 * runtime::kNsPerSec) {
      EXPECT_EQ(h.transactions, 0u) << h.height;
    }
  }
}

}  // namespace
}  // namespace mn::sim
