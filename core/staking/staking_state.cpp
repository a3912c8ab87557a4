#include "core/staking/staking_state.h"

namespace mn::staking {

std::uint64_t StakingState::bonded(const ledger::Address& address) const {
  // Stake and unbonding are part of the supply, which fits in 64 bits.
  const auto stake = stakes.find(address);
  std::uint64_t total = stake == stakes.end() ? 0 : stake->second.amount;
  for (const auto& [release, entry] : unbonding) {
    if (entry.address == address) total += entry.amount;
  }
  return total;
}

runtime::Uint128 StakingState::holdings() const {
  runtime::Uint128 held = 0;
  for (const auto& [address, stake] : stakes) held += stake.amount;
  for (const auto& [release, entry] : unbonding) held += entry.amount;
  return held;
}

void StakingState::digest(codec::Writer& w) const {
  w.write_count(stakes.size());
  for (const auto& [address, stake] : stakes) {
    w.write_fixed(address);
    w.write_fixed(stake.validator_key);
    w.write_u64(stake.amount);
  }
  w.write_count(unbonding.size());
  for (const auto& [release, entry] : unbonding) {
    w.write_fixed(entry.address);
    w.write_u64(entry.amount);
    w.write_u64(release);
  }
  w.write_count(tombstoned.size());
  for (const ledger::Address& address : tombstoned) w.write_fixed(address);
}

}  // namespace mn::staking
