// The ledger as the application consensus orders: a thin adapter of consensus `Application` over
// the parts of block production, each with its own contract:
// - CommittedChain: the tip (state, height, hash, certificate) and the epochs' validator sets;
// - BlockBuilder: the payload (BlockPayload) of this node's proposals, from its PayloadSources in
//   order (OwedPoeSource, then PoolSource over the TransactionPool), trial-applied;
// - BlockExecutor: executes a payload on the tip, through the ExecutionCache;
// - ChainStore: each finalized block stored and synced before the state moves on, so a restart
//   rebuilds exactly the committed chain by replaying the stored blocks from genesis;
// - ForcedInclusion: the PoEs this node tracks, acknowledges and owes, the proposal screen and
//   censorship evidence (SPEC 2.2).
// Committing a block: find (or run) its execution, store it, move the tip, settle the tracked
// PoEs, drop what the block used from the pool, tell the observer. Deterministic; the node's
// own thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "core/consensus/application.h"
#include "core/consensus/block_builder.h"
#include "core/consensus/block_executor.h"
#include "core/consensus/chain_store.h"
#include "core/consensus/commit_observer.h"
#include "core/consensus/committed_chain.h"
#include "core/consensus/evidence.h"
#include "core/consensus/execution_cache.h"
#include "core/consensus/forced_inclusion.h"
#include "core/consensus/owed_poe_source.h"
#include "core/consensus/poe_ack.h"
#include "core/consensus/pool_source.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction_pool.h"
#include "core/runtime/env.h"

namespace mn::consensus {

class LedgerApplication final : public Application {
 public:
  // `genesis_hash` and `genesis_state` come from ledger::check_genesis, `genesis_validators` is
  // validator_set_from_stakes of the genesis state. Epochs are `epoch_blocks` heights long (0: one
  // epoch, the genesis set forever). `inclusion` bounds blocks and sets the PoE inclusion SLO.
  // `pool` holds the pending transactions (make_transaction_pool). `driver_executions` is the
  // driver's execution cache (computation_caches.h), or null for a private one. REQUIRES: pool
  // non-null.
  LedgerApplication(runtime::Env& env, const runtime::Hash32& genesis_hash,
                    std::shared_ptr<const ledger::LedgerState> genesis_state,
                    ValidatorSet genesis_validators, std::uint64_t epoch_blocks,
                    InclusionRule inclusion, std::unique_ptr<ledger::TransactionPool> pool,
                    CommitObserver* observer, ExecutionCache* driver_executions);

  // Rebuilds the committed state from the blocks in storage, and the acknowledged PoEs. Call
  // once, before consensus starts.
  runtime::Status recover();

  // Before block 1: height 0 and the genesis hash.
  std::uint64_t committed_height() const override { return m_chain.height(); }
  runtime::Hash32 committed_hash() const override { return m_chain.hash(); }
  // The genesis set in the first epoch; after the last block of each epoch, the set of every
  // stake in the committed state (validator_set_from_stakes).
  const ValidatorSet& validator_set() const override { return m_chain.validators(); }
  runtime::Bytes build_payload() override { return m_builder.build(m_chain); }
  // REQUIRES: `payload` hashes to header.payload_hash (a decoded or made Block guarantees it).
  runtime::Result<runtime::Hash32> execute(const BlockHeader& header,
                                           runtime::ByteView payload) override;
  ProposalScreen screen_proposal(const Block& block, std::uint32_t round,
                                 const crypto::Signature& signature) override;
  void commit(const FinalizedBlock& finalized) override;
  void replace_certificate(const FinalizedBlock& finalized) override;
  std::optional<FinalizedBlock> committed_block(std::uint64_t height) const override;

  // A transaction from a client or a peer, judged by the pool against the committed state. If
  // ledger::is_admitted(result), it is new and pending (the caller relays it).
  ledger::AdmitResult submit(ledger::ReceivedTransaction& received);

  // The acknowledgement, signed by `validator`, of the tracked PoEs that the committed state shows
  // next in line and funded (ForcedInclusion::acknowledge); null if there is none. Call after
  // each commit.
  runtime::MessagePtr acknowledge_poes(const crypto::KeyPair& validator) {
    return m_inclusion.acknowledge(m_chain.state(), m_chain.height(), validator);
  }
  // Another validator's acknowledgement, kept as evidence material if its signer is in the
  // current set and it verifies.
  void receive_poe_ack(const PoeAck& ack) { m_inclusion.receive_ack(ack, m_chain.validators()); }

  const ledger::LedgerState& state() const { return m_chain.state(); }
  const ledger::TransactionPool& pool() const { return *m_pool; }

  // Signs an EVIDENCE transaction from `reporter` (its nonce follows the key's committed and
  // pending transactions, its fee the minimum) and admits it: the transaction message to relay,
  // or null if refused (no funded account, or the pool would not take it).
  runtime::MessagePtr report_evidence(const runtime::Bytes& evidence,
                                      const crypto::KeyPair& reporter) override;

 private:
  runtime::Env& m_env;
  CommitObserver* m_observer;
  ConsensusEvidenceVerifier m_evidence;
  CommittedChain m_chain;
  std::unique_ptr<ledger::TransactionPool> m_pool;
  ChainStore m_store;
  BlockExecutor m_executor;
  ForcedInclusion m_inclusion;
  OwedPoeSource m_owed_source;
  PoolSource m_pool_source;
  BlockBuilder m_builder;
};

}  // namespace mn::consensus
