#include "core/rewards/rent_split.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace mn::rewards {
namespace {

TEST(RentSplitTest, SharesGoProRataAndRemaindersToTheTreasury) {
  const std::vector<std::uint64_t> stakes = {1, 1, 1};
  const RentSplit split = split_rent(1'000, RewardShares{}, stakes);
  // 700 among three equal stakes: 233 each, one unit left over.
  EXPECT_EQ(split.validator_rewards, (std::vector<std::uint64_t>{233, 233, 233}));
  EXPECT_EQ(split.proposer_bonus, 100u);
  EXPECT_EQ(split.to_slashing_pool, 100u);
  EXPECT_EQ(split.to_treasury, 101u);
  EXPECT_EQ(split.total(), 1'000u);
}

TEST(RentSplitTest, WithoutSignersTheValidatorsShareGoesToTheTreasury) {
  const RentSplit split = split_rent(1'000, RewardShares{}, {});
  EXPECT_TRUE(split.validator_rewards.empty());
  EXPECT_EQ(split.to_treasury, 800u);
  EXPECT_EQ(split.total(), 1'000u);
}

TEST(RentSplitTest, SharesMustSumToTheWhole) {
  EXPECT_TRUE(RewardShares{}.check().is_ok());
  EXPECT_FALSE((RewardShares{7'000, 1'000, 1'000, 999}).check().is_ok());
  EXPECT_FALSE((RewardShares{10'000, 10'000, 0, 0}).check().is_ok());
}

RC_GTEST_PROP(RentSplitProperty, EveryUnitIsAccountedForAndStakeIsRespected,
              (std::uint64_t amount, std::vector<std::uint32_t> raw_stakes)) {
  const std::vector<std::uint64_t> stakes(raw_stakes.begin(), raw_stakes.end());
  const auto validators = *rc::gen::inRange<std::uint32_t>(0, 10'001);
  const auto proposer = *rc::gen::inRange<std::uint32_t>(0, 10'001 - validators);
  const auto pool = *rc::gen::inRange<std::uint32_t>(0, 10'001 - validators - proposer);
  const RewardShares shares{validators, proposer, pool, 10'000 - validators - proposer - pool};
  const RentSplit split = split_rent(amount, shares, stakes);
  RC_ASSERT(split.total() == amount);
  RC_ASSERT(split.validator_rewards.size() == stakes.size());
  for (std::size_t i = 0; i < stakes.size(); ++i) {
    for (std::size_t j = 0; j < stakes.size(); ++j) {
      if (stakes[i] >= stakes[j])
        RC_ASSERT(split.validator_rewards[i] >= split.validator_rewards[j]);
    }
  }
}

}  // namespace
}  // namespace mn::rewards
