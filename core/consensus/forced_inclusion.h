// This validator's part in forced inclusion (SPEC 2.2), judged beside execution because it
// depends on what this node has seen. The POE_SUBMITs the pool admits are tracked
// (InclusionTracker); after each commit, those the committed state shows next in line and funded
// are acknowledged in a signed PoeAck, stored and synced before it leaves, so a restarted
// validator still owes what it acknowledged; they are owed from seen_height +
// inclusion_slo_blocks on (the block builder puts them first, OwedPoeSource). Proposals are
// screened: a fresh proposal that leaves an owed PoE out with room to spare gets no vote, and one
// that leaves out a PoE its own proposer acknowledged in time becomes CensorshipEvidence, built
// from the other validators' acknowledgements kept here. Deterministic; the node's own thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

#include "core/consensus/application.h"
#include "core/consensus/block.h"
#include "core/consensus/censorship_evidence.h"
#include "core/consensus/commit_observer.h"
#include "core/consensus/inclusion_tracker.h"
#include "core/consensus/poe_ack.h"
#include "core/consensus/validator_set.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"
#include "core/runtime/env.h"

namespace mn::consensus {

class ForcedInclusion {
 public:
  // `observer` may be null.
  ForcedInclusion(runtime::Env& env, InclusionRule rule, CommitObserver* observer)
      : m_env(env), m_rule(rule), m_observer(observer) {}

  // Restores the acknowledgements stored before a restart and forgets those `committed` settled.
  // Call once, after the committed chain is recovered. kIoError if a stored one is unreadable.
  runtime::Status recover(const ledger::LedgerState& committed);

  // A transaction the pool admitted at committed height `height`: a POE_SUBMIT whose PoE header
  // its sender signed is tracked (counted in chain_poes_untracked_total if the tracker is full).
  void on_admitted(const ledger::Transaction& tx, std::uint64_t height);
  // After each commit: forgets what `committed` settled, and erases their stored
  // acknowledgements.
  void settle(const ledger::LedgerState& committed);
  // The acknowledgement, signed by `validator` at committed height `height`, of the tracked PoEs
  // that `committed` shows next in line and funded (at most PoeAck::kMaxTxIds), written and
  // synced to storage first; null if there is none, or it could not be stored.
  runtime::MessagePtr acknowledge(const ledger::LedgerState& committed, std::uint64_t height,
                                  const crypto::KeyPair& validator);
  // Another validator's acknowledgement, kept (kMaxAcksPerValidator per validator) as evidence
  // material if its signer is in `validators` (the current set) and it verifies.
  void receive_ack(const PoeAck& ack, const ValidatorSet& validators);

  // Screens `block`, signed by its proposer (in `validators`, the current set) for `round`, whose
  // payload executed to `txs` on the committed state. REQUIRES: a fresh proposal (header round
  // == `round`).
  Application::ProposalScreen screen(const Block& block, std::uint32_t round,
                                     const crypto::Signature& signature,
                                     const std::vector<ledger::Transaction>& txs,
                                     const ValidatorSet& validators);

  // The tracked PoEs a block at `height` owes, oldest acknowledgement first.
  std::vector<const InclusionTracker::Entry*> owed(std::uint64_t height) const {
    return m_tracker.owed(height, m_rule.inclusion_slo_blocks);
  }

 private:
  // Acknowledgements kept per other validator: one per height with new PoEs, so this reaches
  // back that many PoE-carrying heights.
  static constexpr std::size_t kMaxAcksPerValidator = 64;

  // Censorship evidence against the proposer of `block` (signed for `round`, over `txs`) from
  // one of its own acknowledgements, if one shows a PoE owed and left out.
  std::optional<runtime::Bytes> censorship_evidence(const Block& block, std::uint32_t round,
                                                    const crypto::Signature& signature,
                                                    const std::vector<ledger::Transaction>& txs,
                                                    const ValidatorSet& validators) const;

  runtime::Env& m_env;
  InclusionRule m_rule;
  CommitObserver* m_observer;
  InclusionTracker m_tracker;
  std::map<crypto::PublicKey, std::deque<PoeAckPtr>> m_peer_acks;
};

}  // namespace mn::consensus
