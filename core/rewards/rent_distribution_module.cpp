#include "core/rewards/rent_distribution_module.h"

#include <vector>

#include "core/ledger/state_view.h"
#include "core/rewards/rent_split.h"
#include "core/runtime/assert.h"

namespace mn::rewards {

void RentDistributionModule::begin_block(ledger::StateView& state,
                                         const ledger::BlockStart& start) const {
  ledger::Pools& pools = state.pools();
  if (!start.parent_proposer || pools.rent_pool == 0) return;
  std::vector<std::uint64_t> stakes;
  stakes.reserve(start.parent_signers.size());
  for (const auto& [key, stake] : start.parent_signers) stakes.push_back(stake);
  const RentSplit split = split_rent(pools.rent_pool, state.economics().rewards, stakes);
  pools.rent_pool = 0;
  for (std::size_t i = 0; i < split.validator_rewards.size(); ++i) {
    if (split.validator_rewards[i] == 0) continue;
    const ledger::Address address = ledger::address_from_public_key(start.parent_signers[i].first);
    const bool credited = state.credit(address, split.validator_rewards[i]);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    state.effects().rewards.push_back({address, split.validator_rewards[i], false});
  }
  if (split.proposer_bonus > 0) {
    const ledger::Address address = ledger::address_from_public_key(*start.parent_proposer);
    const bool credited = state.credit(address, split.proposer_bonus);
    MN_ASSERT_MSG(credited, "a credit within the 64-bit supply cannot overflow");
    state.effects().rewards.push_back({address, split.proposer_bonus, true});
  }
  pools.slashing_pool += split.to_slashing_pool;
  pools.treasury += split.to_treasury;
}

}  // namespace mn::rewards
