// The builder- and proposer-side auction adversaries end to end, each on its scenario in
// scenarios/auction/: the run meets its expectations and the attack visibly happened.
#include <string>

#include <gtest/gtest.h>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario_runner.h"

namespace mn::sim {
namespace {

Scenario load(const std::string& name) {
  auto scenario =
      load_scenario_file(std::string(MN_SOURCE_DIR) + "/scenarios/auction/" + name + ".json");
  EXPECT_TRUE(scenario.is_ok()) << scenario.status().to_string();
  return scenario.is_ok() ? *scenario : Scenario{};
}

TEST(AuctionAdversaryRun, AProposerIgnoringTheHighestBidLosesItsRoundsButNotTheChain) {
  const Scenario attacked = load("ignore_highest_bid");
  const RunReport report = run_scenario(attacked, 1);
  ASSERT_TRUE(report.passed());
  // The same run with v0 honest: every round v0's refused blocks cost is a height less.
  Scenario honest = attacked;
  honest.adversaries.clear();
  const RunReport baseline = run_scenario(honest, 1);
  ASSERT_TRUE(baseline.passed());
  EXPECT_LT(report.height, baseline.height);
  EXPECT_GT(report.auction.bids_won, 0U);
}

}  // namespace
}  // namespace mn::sim
