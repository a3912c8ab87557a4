// Every live honest validator's height and round are sampled over the run, without changing it.
#include "sim/round_sampler.h"

#include <map>

#include <gtest/gtest.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

TEST(RoundSampler, SamplesLiveValidatorsAndSkipsCrashedOnes) {
  auto scenario = load_scenario_text(R"({"name": "rounds", "duration_s": 20,
      "validators": {"count": 4}, "consensus": {"block_interval_ms": 500},
      "network": {"nodes": 6},
      "faults": [{"at_s": 5, "kind": "crash", "nodes": "v3", "until_s": 10}]})");
  ASSERT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  const RunReport report = run_scenario(*scenario, 4);
  ASSERT_FALSE(report.rounds.empty());
  const TimeNs step = RoundSampler::step_for(20 * runtime::kNsPerSec);
  std::map<NodeId, std::uint64_t> last_height;
  std::map<NodeId, std::size_t> count;
  for (const auto& s : report.rounds) {
    ASSERT_LT(s.node, 4u);  // validators only, not the full nodes
    EXPECT_GE(s.height, last_height[s.node]) << "heights never go back";
    last_height[s.node] = s.height;
    ++count[s.node];
    if (s.node == 3) {
      EXPECT_FALSE(s.time > 5 * runtime::kNsPerSec && s.time < 10 * runtime::kNsPerSec)
          << "a crashed validator has no sample";
    }
    EXPECT_EQ(s.time % step, 0);
  }
  EXPECT_EQ(count[0], static_cast<std::size_t>(20 * runtime::kNsPerSec / step) + 1);
  EXPECT_LT(count[3], count[0]);
  EXPECT_GT(last_height[0], 10u);
}

}  // namespace
}  // namespace mn::sim
