// The per-block distribution of the rent pool (SPEC 2.6): configurable shares to the validators
// that signed the commit certificate (pro rata stake), a proposer bonus, the slashing pool and the
// treasury. Integer arithmetic with one explicit remainder rule: every share is rounded down, and
// every base unit the rounding leaves over goes to the treasury, so the parts always sum exactly
// to the amount split. Pure functions, deterministic.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::rewards {

// Shares of the rent pool in basis points; a chain's shares sum to exactly 10,000.
struct RewardShares {
  std::uint32_t validators_bps = 7'000;  // split among the commit signers, pro rata stake
  std::uint32_t proposer_bps = 1'000;    // bonus to the proposer of the certified block
  std::uint32_t slashing_pool_bps = 1'000;
  std::uint32_t treasury_bps = 1'000;

  // kInvalidArgument unless the four shares sum to 10,000.
  runtime::Status check() const;

  bool operator==(const RewardShares&) const = default;
};

struct RentSplit {
  std::vector<std::uint64_t> validator_rewards;  // one per signer, in the order given
  std::uint64_t proposer_bonus = 0;
  std::uint64_t to_slashing_pool = 0;
  std::uint64_t to_treasury = 0;  // its share plus every rounding remainder

  // Always equals the amount split.
  runtime::Uint128 total() const;
};

// Splits `amount` by `shares` among signers holding `signer_stakes`. With no signer (or no signer
// stake), the validators' share goes to the treasury. REQUIRES: shares.check() is OK.
RentSplit split_rent(std::uint64_t amount, const RewardShares& shares,
                     std::span<const std::uint64_t> signer_stakes);

}  // namespace mn::rewards
