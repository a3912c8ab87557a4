#include "core/consensus/committed_chain.h"

#include <memory>
#include <utility>
#include <vector>

#include "core/runtime/assert.h"
#include "core/staking/staking_module.h"

namespace mn::consensus {

runtime::Result<ValidatorSet> validator_set_from_stakes(const ledger::LedgerState& state) {
  std::vector<Validator> validators;
  const staking::StakingState& staking = staking::StakingModule::state(state);
  for (const auto& [address, stake] : staking.stakes) {
    if (stake.amount >= state.economic_params().min_stake && !staking.tombstoned.contains(address))
      validators.push_back({stake.validator_key, stake.amount});
  }
  return ValidatorSet::create(std::move(validators));
}

CommittedChain::CommittedChain(const runtime::Hash32& genesis_hash,
                               std::shared_ptr<const ledger::LedgerState> genesis_state,
                               ValidatorSet genesis_validators, std::uint64_t epoch_blocks)
    : m_state(std::move(genesis_state)),
      m_validators(std::make_shared<const ValidatorSet>(std::move(genesis_validators))),
      m_parent_set(m_validators),
      m_epoch_blocks(epoch_blocks),
      m_hash(genesis_hash) {
  MN_ASSERT(m_state != nullptr);
}

void CommittedChain::advance(const Block& block, std::shared_ptr<const ledger::LedgerState> state,
                             CommitCertificatePtr certificate) {
  MN_ASSERT(block.header.height == m_height + 1);
  m_state = std::move(state);
  m_height = block.header.height;
  m_hash = block.hash;
  m_parent_set = m_validators;
  m_parent_proposer = block.header.proposer;
  m_parent_commit = std::move(certificate);
  if (m_epoch_blocks == 0 || m_height % m_epoch_blocks != 0) return;
  // An epoch ends: the next one is decided by the stakes as they stand now. A ledger without any
  // stake left keeps the current set rather than halt without validators.
  auto next = validator_set_from_stakes(*m_state);
  if (next && next->hash() != m_validators->hash())
    m_validators = std::make_shared<const ValidatorSet>(std::move(next).value());
}

void CommittedChain::replace_certificate(CommitCertificatePtr certificate) {
  m_parent_commit = std::move(certificate);
}

}  // namespace mn::consensus
