// The committed end of one node's chain, which every new block builds on: the state after the last
// committed block, its height, hash and certificate (the next payload carries it), the validator
// set that decides the next height, and the set and proposer that decided the last block (the
// next block's start pays them). Epochs are `epoch_blocks` heights long (0: one epoch, the
// genesis set forever): after the last block of each, the next set is that of the committed
// stakes. It moves only by advance(), so every node that committed the same chain holds the same
// tip. Plain data, deterministic.
#pragma once

#include <cstdint>
#include <memory>

#include "core/consensus/block.h"
#include "core/consensus/commit_certificate.h"
#include "core/consensus/validator_set.h"
#include "core/ledger/ledger_state.h"
#include "core/runtime/result.h"
#include "core/runtime/types.h"

namespace mn::consensus {

// The validator set of a state's stakes: every stake of at least min_stake whose key is not
// tombstoned, with its validator key. kInvalidArgument if there is none (ValidatorSet::create's
// rules).
runtime::Result<ValidatorSet> validator_set_from_stakes(const ledger::LedgerState& state);

class CommittedChain {
 public:
  // Before block 1: the genesis hash and state (ledger::check_genesis) and the set the genesis
  // names (validator_set_from_stakes of its state). REQUIRES: genesis_state non-null.
  CommittedChain(const runtime::Hash32& genesis_hash,
                 std::shared_ptr<const ledger::LedgerState> genesis_state,
                 ValidatorSet genesis_validators, std::uint64_t epoch_blocks);

  // Moves the tip to `block`, committed with `certificate`, with `state` after it, and at an
  // epoch's last block derives the next epoch's set. REQUIRES: `block` is at height() + 1.
  void advance(const Block& block, std::shared_ptr<const ledger::LedgerState> state,
               CommitCertificatePtr certificate);
  // Another valid certificate of the tip's block, for the next payload to carry.
  void replace_certificate(CommitCertificatePtr certificate);

  std::uint64_t height() const { return m_height; }
  const runtime::Hash32& hash() const { return m_hash; }
  const ledger::LedgerState& state() const { return *m_state; }
  const std::shared_ptr<const ledger::LedgerState>& shared_state() const { return m_state; }
  // The set that decides height() + 1.
  const ValidatorSet& validators() const { return *m_validators; }
  // The set that decided the tip's block, and the index in it of the block's proposer.
  const ValidatorSet& parent_set() const { return *m_parent_set; }
  ValidatorIndex parent_proposer() const { return m_parent_proposer; }
  // The tip's certificate; null before block 1.
  const CommitCertificate* parent_commit() const { return m_parent_commit.get(); }

 private:
  std::shared_ptr<const ledger::LedgerState> m_state;
  // Shared, not copied: the two are the same set except across an epoch's end, and the tip moves
  // on every node at every height.
  std::shared_ptr<const ValidatorSet> m_validators;
  std::shared_ptr<const ValidatorSet> m_parent_set;
  ValidatorIndex m_parent_proposer = 0;
  CommitCertificatePtr m_parent_commit;
  std::uint64_t m_epoch_blocks;
  std::uint64_t m_height = 0;
  runtime::Hash32 m_hash{};
};

}  // namespace mn::consensus
