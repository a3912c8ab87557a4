// The pool eviction attacks end to end, each on its scenario in scenarios/auction/: the run meets
// its expectations and the attack visibly happened (the pools answered it as the attack intends).
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

std::uint64_t answered(const RunReport& report, const std::string& verdict) {
  const auto& verdicts = report.pool_attack.verdicts;
  const auto it = verdicts.find(verdict);
  return it == verdicts.end() ? 0 : it->second;
}

TEST(PoolAttackRun, AFutureNonceFloodFillsThePoolsYetHonestTransfersCommit) {
  const RunReport report = run_scenario(load("pool_future_nonce_flood"), 1);
  ASSERT_TRUE(report.passed());
  // The flood got in and filled the pools: later floods met a full pool.
  EXPECT_GT(answered(report, "queued_future"), 0U);
  EXPECT_GT(answered(report, "full"), 0U);
  EXPECT_EQ(answered(report, "accepted"), 0U);  // never a pending entry
  EXPECT_GT(report.transfers.committed, 0U);
}

TEST(PoolAttackRun, SybilsAtTheSlotLimitMeetFullPoolsAndFullSlots) {
  const RunReport report = run_scenario(load("pool_slot_limit_sybils"), 1);
  ASSERT_TRUE(report.passed());
  EXPECT_GT(answered(report, "accepted"), 0U);
  EXPECT_GT(answered(report, "full") + answered(report, "sender_full"), 0U);
  EXPECT_GT(report.transfers.committed, 0U);
}

TEST(PoolAttackRun, ReplacementChurnPaysTheBumpEveryTime) {
  const RunReport report = run_scenario(load("pool_replacement_churn"), 1);
  ASSERT_TRUE(report.passed());
  const RunReport::PoolAttack& a = report.pool_attack;
  EXPECT_GT(a.replacements, 0U);
  EXPECT_EQ(a.underpaid_replacements, 0U);
  // The probes one unit under the ledger's bump were all refused as such.
  EXPECT_GT(a.below_bump_sent, 0U);
  EXPECT_EQ(a.below_bump_replaced, 0U);
  EXPECT_GT(answered(report, "rbf_bump_too_small"), 0U);
}

}  // namespace
}  // namespace mn::sim
