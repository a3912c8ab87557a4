#include "core/ledger/economic_params.h"

namespace mn::ledger {

runtime::Status EconomicParams::check() const {
  if (auto s = rewards.check(); !s.is_ok()) return s;
  if (auto s = slashing.check(); !s.is_ok()) return s;
  if (auto s = minting.check(); !s.is_ok()) return s;
  if (min_stake == 0) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "min_stake must be at least 1");
  }
  if (unbonding_blocks > kMaxUnbondingBlocks) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "unbonding_blocks is too large");
  }
  return auction.check();
}

void EconomicParams::encode(codec::Writer& w) const {
  w.write_u64(rent.base_rent);
  w.write_u64(rent.complexity_multiplier_bps);
  w.write_u64(rent.storage_rent);
  w.write_u32(rewards.validators_bps);
  w.write_u32(rewards.proposer_bps);
  w.write_u32(rewards.slashing_pool_bps);
  w.write_u32(rewards.treasury_bps);
  w.write_u32(slashing.double_sign_bps);
  w.write_u32(slashing.invalid_vote_bps);
  w.write_u32(slashing.censorship_bps);
  w.write_u32(slashing.burn_bps);
  w.write_u64(minting.mint_per_unit);
  w.write_u32(minting.coordinator_ratio_bps);
  w.write_u64(min_stake);
  w.write_u64(unbonding_blocks);
  auction.encode(w);
}

}  // namespace mn::ledger
