#include "core/rewards/rent_split.h"

#include "core/runtime/assert.h"

namespace mn::rewards {

namespace {

std::uint64_t share_of(std::uint64_t amount, std::uint64_t bps) {
  return static_cast<std::uint64_t>(runtime::Uint128{amount} * bps / runtime::kBpsDenominator);
}

}  // namespace

runtime::Status RewardShares::check() const {
  const std::uint64_t sum =
      std::uint64_t{validators_bps} + proposer_bps + slashing_pool_bps + treasury_bps;
  if (sum != runtime::kBpsDenominator) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument,
                           "reward shares must sum to 10000 bps, got " + std::to_string(sum));
  }
  return runtime::Status::ok();
}

runtime::Uint128 RentSplit::total() const {
  runtime::Uint128 sum = runtime::Uint128{proposer_bonus} + to_slashing_pool + to_treasury;
  for (const std::uint64_t reward : validator_rewards) sum += reward;
  return sum;
}

RentSplit split_rent(std::uint64_t amount, const RewardShares& shares,
                     std::span<const std::uint64_t> signer_stakes) {
  MN_ASSERT(shares.check().is_ok());
  RentSplit split;
  split.proposer_bonus = share_of(amount, shares.proposer_bps);
  split.to_slashing_pool = share_of(amount, shares.slashing_pool_bps);
  const std::uint64_t validators = share_of(amount, shares.validators_bps);
  runtime::Uint128 signer_stake = 0;
  for (const std::uint64_t stake : signer_stakes) signer_stake += stake;
  std::uint64_t paid = 0;
  split.validator_rewards.reserve(signer_stakes.size());
  for (const std::uint64_t stake : signer_stakes) {
    // validators * stake < 2^128, and the quotient is at most `validators`.
    const std::uint64_t reward =
        signer_stake == 0
            ? 0
            : static_cast<std::uint64_t>(runtime::Uint128{validators} * stake / signer_stake);
    split.validator_rewards.push_back(reward);
    paid += reward;
  }
  // The three floors leave at most a few units each; the treasury takes all of it.
  split.to_treasury = amount - split.proposer_bonus - split.to_slashing_pool - paid;
  MN_ASSERT(split.total() == amount);
  return split;
}

}  // namespace mn::rewards
