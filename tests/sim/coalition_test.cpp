// The coalition of colluding adversaries: the honest split by stake, and whole runs showing that
// any mix of equivocators and double-signers holding more than a third of the stake breaks safety
// on every seed, and one holding a third or less never does.
#include "sim/adversary/coalition.h"

#include <numeric>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <rapidcheck/gtest.h>

#include "core/runtime/rng.h"
#include "sim/consensus_run.h"
#include "sim/scenario/scenario_loader.h"
#include "tests/sim/consensus/validator_keys.h"

namespace mn::sim {
namespace {

std::uint64_t sum_of(const std::vector<std::uint64_t>& stakes,
                     const std::vector<std::size_t>& part) {
  std::uint64_t s = 0;
  for (const std::size_t i : part) s += stakes[i];
  return s;
}

// The best achievable smaller half, by trying every subset.
std::uint64_t best_by_brute_force(const std::vector<std::uint64_t>& stakes) {
  const std::uint64_t total = std::accumulate(stakes.begin(), stakes.end(), std::uint64_t{0});
  std::uint64_t best = 0;
  for (std::uint32_t mask = 0; mask < (1U << stakes.size()); ++mask) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < stakes.size(); ++i) {
      if (mask & (1U << i)) s += stakes[i];
    }
    best = std::max(best, std::min(s, total - s));
  }
  return best;
}

// Node i holds keys.pairs[i]; the set orders validators by key.
std::vector<NodeId> nodes_by_index(const consensus::testing::ValidatorKeys& keys,
                                   const consensus::ValidatorSet& set) {
  std::vector<NodeId> nodes(set.size());
  for (std::size_t i = 0; i < set.size(); ++i)
    nodes[keys.index(set, static_cast<int>(i))] = static_cast<NodeId>(i);
  return nodes;
}

TEST(BalancedStakeSplit, FindsTheSplitAGreedyOneMisses) {
  const std::vector<std::uint64_t> stakes{6, 5, 4, 3};
  EXPECT_EQ(sum_of(stakes, balanced_stake_split(stakes)), 9U);
}

RC_GTEST_PROP(BalancedStakeSplit, IsAsBalancedAsAnySplit, ()) {
  const auto count = *rc::gen::inRange<std::size_t>(1, 13);
  const auto stakes = *rc::gen::container<std::vector<std::uint64_t>>(
      count, rc::gen::inRange<std::uint64_t>(1, 40));
  const auto part = balanced_stake_split(stakes);
  const std::uint64_t total = std::accumulate(stakes.begin(), stakes.end(), std::uint64_t{0});
  const std::uint64_t in = sum_of(stakes, part);
  RC_ASSERT(std::min(in, total - in) == best_by_brute_force(stakes));
}

TEST(Coalition, CanSplitExactlyWhenItHoldsMoreThanAThirdAndTheHonestStakeDivides) {
  consensus::testing::ValidatorKeys keys(8);
  // 2 of 6 equal validators: a third, no split. 3 of 6: over a third, honest 3 split 2+1 → the
  // smaller half with the coalition holds 4 of 6, not a quorum (5 needed).
  const auto equal = keys.set({1, 1, 1, 1, 1, 1});
  const std::vector<NodeId> nodes = nodes_by_index(keys, equal);
  EXPECT_FALSE(Coalition(equal, nodes, {0, 1}).can_split());
  EXPECT_FALSE(Coalition(equal, nodes, {0, 1, 2}).can_split());
  EXPECT_TRUE(Coalition(equal, nodes, {0, 1, 2, 3}).can_split());
  // Whales: 8 of 22 units is over a third; the honest 14 split 7 + 7, each 15 > 14.67 with them.
  const auto whales = keys.set({4, 4, 2, 2, 2, 2, 3, 3});
  EXPECT_TRUE(Coalition(whales, nodes_by_index(keys, whales), {0, 1}).can_split());
  EXPECT_FALSE(Coalition(whales, nodes_by_index(keys, whales), {0, 2}).can_split());
}

RC_GTEST_PROP(Coalition, NeverSplitsWithAThirdOrLess, ()) {
  const auto count = *rc::gen::inRange<std::size_t>(4, 12);
  const auto stakes =
      *rc::gen::container<std::vector<std::uint64_t>>(count, rc::gen::inRange<std::uint64_t>(1, 9));
  consensus::testing::ValidatorKeys keys(static_cast<int>(count));
  const auto set = keys.set(stakes);
  std::vector<NodeId> members;
  std::uint64_t stake = 0;
  for (NodeId node = 0; node < count; ++node) {
    if (*rc::gen::arbitrary<bool>()) {
      members.push_back(node);
      stake += stakes[node];
    }
  }
  const Coalition coalition(set, nodes_by_index(keys, set), members);
  if (stake * 3 <= set.total_stake()) RC_ASSERT(!coalition.can_split());
}

RunReport run_coalition(std::uint32_t validators, std::uint32_t equivocators,
                        std::uint32_t double_signers, std::uint64_t seed) {
  nlohmann::json adversaries = nlohmann::json::array();
  if (equivocators > 0)
    adversaries.push_back(
        {{"nodes", fmt::format("v0..v{}", equivocators - 1)}, {"behavior", "equivocate"}});
  if (double_signers > 0)
    adversaries.push_back(
        {{"nodes", fmt::format("v{}..v{}", equivocators, equivocators + double_signers - 1)},
         {"behavior", "double_sign"}});
  const bool over_a_third = (equivocators + double_signers) * 3 > validators;
  const nlohmann::json doc = {
      {"name", "coalition"},
      {"duration_s", 30},
      {"validators", {{"count", validators}}},
      {"consensus", {{"block_interval_ms", 500}, {"round_timeout_ms", 1000}}},
      {"workload", {{"transfers_per_s", 10}, {"accounts", 50}}},
      {"network", {{"nodes", validators}, {"latency", {{"median_ms", 40}, {"jitter", 0.3}}}}},
      {"adversaries", adversaries},
      {"expect", {{"safety", !over_a_third}}}};
  auto scenario = load_scenario_text(doc.dump());
  if (!scenario.is_ok()) {
    ADD_FAILURE() << scenario.status().message();
    return {};
  }
  return run_consensus_scenario(scenario.value(), seed);
}

TEST(Coalition, EveryMixOverAThirdBreaksSafetyOnEverySeed) {
  for (const std::uint32_t validators : {4U, 7U, 10U}) {
    const std::uint32_t size = validators / 3 + 1;
    for (std::uint32_t equivocators = 0; equivocators <= size; ++equivocators) {
      for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const RunReport r = run_coalition(validators, equivocators, size - equivocators, seed);
        EXPECT_FALSE(r.violations.empty())
            << validators << " validators, " << equivocators << " equivocate, "
            << size - equivocators << " double-sign, seed " << seed << ": no violation caught";
      }
    }
  }
}

TEST(Coalition, NoMixOfAThirdOrLessBreaksSafety) {
  for (const std::uint32_t validators : {4U, 6U, 9U, 10U}) {
    const std::uint32_t size = validators / 3;
    for (std::uint32_t equivocators = 0; equivocators <= size; ++equivocators) {
      for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const RunReport r = run_coalition(validators, equivocators, size - equivocators, seed);
        EXPECT_TRUE(r.violations.empty())
            << validators << " validators, " << equivocators << " equivocate, "
            << size - equivocators << " double-sign, seed " << seed << ": "
            << r.violations.front().detail;
      }
    }
  }
}

}  // namespace
}  // namespace mn::sim
