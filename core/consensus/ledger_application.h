// The ledger as the application consensus orders: a block payload is the commit certificate of its
// parent (none for block 1) and a list of transactions taken from the mempool; executing a block
// checks that certificate, opens the block on the ledger (unbonding released, the rent pool paid
// to the certificate's signers and the parent's proposer), applies every transaction under the
// ledger rules (any rejected transaction makes the whole block invalid; evidence is judged by
// ConsensusEvidenceVerifier) and checks conservation; committing makes
// the finalized block durable first and only then updates the in-memory state, so a restart
// rebuilds exactly the committed chain by replaying the stored blocks from genesis. States are
// immutable once built and shared by pointer: an execution copies the committed state once and
// applies the payload to the copy; executions are looked up in an ExecutionCache first.
//
// Forced inclusion (SPEC 2.2) is judged beside execution, because it depends on what this node
// has seen: the POE_SUBMITs it admits are tracked (InclusionTracker), acknowledged once the
// committed state shows them next in line (acknowledge_poes; the acknowledgement is durable
// before it leaves), and owed from seen_height + inclusion_slo_blocks on. This node's proposals
// carry owed PoEs first; screen_proposal refuses a fresh proposal that leaves one out with room to
// spare, and turns a proposal leaving out a PoE its own proposer acknowledged in time into
// CensorshipEvidence.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/consensus/application.h"
#include "core/consensus/commit_observer.h"
#include "core/consensus/evidence.h"
#include "core/consensus/execution_cache.h"
#include "core/consensus/inclusion_tracker.h"
#include "core/consensus/message_kinds.h"
#include "core/consensus/poe_ack.h"
#include "core/ledger/genesis.h"
#include "core/ledger/ledger_state.h"
#include "core/ledger/mempool.h"
#include "core/runtime/env.h"

namespace mn::consensus {

// The validator set of a state's stakes: every stake of at least min_stake whose key is not
// tombstoned, with its validator key. kInvalidArgument if there is none (ValidatorSet::create's
// rules).
runtime::Result<ValidatorSet> validator_set_from_stakes(const ledger::LedgerState& state);

// True for the admission results that leave the transaction pending in the mempool.
bool is_admitted(ledger::AdmitResult result);

class LedgerApplication final : public Application {
 public:
  static constexpr std::size_t kMaxBlockTxs = 100'000;

  // `genesis_hash` and `genesis_state` come from ledger::check_genesis, `genesis_validators` is
  // validator_set_from_stakes of the genesis state. Epochs are `epoch_blocks` heights long (0: one
  // epoch, the genesis set forever). `inclusion` bounds blocks and sets the PoE inclusion SLO.
  // `driver_executions` is the driver's execution cache (computation_caches.h), or null for a
  // private one.
  LedgerApplication(runtime::Env& env, const runtime::Hash32& genesis_hash,
                    std::shared_ptr<const ledger::LedgerState> genesis_state,
                    ValidatorSet genesis_validators, std::uint64_t epoch_blocks,
                    InclusionRule inclusion, CommitObserver* observer,
                    ExecutionCache* driver_executions);

  // Rebuilds the committed state from the blocks in storage, and the acknowledged PoEs. Call
  // once, before consensus starts.
  runtime::Status recover();

  // Before block 1: height 0 and the genesis hash.
  std::uint64_t committed_height() const override { return m_height; }
  runtime::Hash32 committed_hash() const override { return m_hash; }
  // The genesis set in the first epoch; after the last block of each epoch, the set of every
  // stake in the committed state (validator_set_from_stakes).
  const ValidatorSet& validator_set() const override { return m_validators; }
  runtime::Bytes build_payload() override;
  // REQUIRES: `payload` hashes to header.payload_hash (a decoded or made Block guarantees it).
  runtime::Result<runtime::Hash32> execute(const BlockHeader& header,
                                           runtime::ByteView payload) override;
  ProposalScreen screen_proposal(const Block& block, std::uint32_t round,
                                 const crypto::Signature& signature) override;
  void commit(const FinalizedBlock& finalized) override;
  void replace_certificate(const FinalizedBlock& finalized) override;
  std::optional<FinalizedBlock> committed_block(std::uint64_t height) const override;

  // A transaction from a client or a peer, judged by the mempool against the committed state. If
  // is_admitted(result), it is new and pending (the caller relays it).
  ledger::AdmitResult submit(const ledger::Transaction& tx);

  // The acknowledgement, signed by `validator`, of the tracked PoEs that the committed state shows
  // next in line and funded (at most PoeAck::kMaxTxIds), written and synced to storage first; null
  // if there is none. Call after each commit.
  runtime::MessagePtr acknowledge_poes(const crypto::KeyPair& validator);
  // Another validator's acknowledgement, kept (kMaxAcksPerValidator per validator) as evidence
  // material if its signer is in the current set and it verifies.
  void receive_poe_ack(const PoeAck& ack);

  const ledger::LedgerState& state() const { return *m_state; }
  const InclusionTracker& inclusion() const { return m_inclusion; }
  const ledger::Mempool& mempool() const { return m_mempool; }

  // Signs an EVIDENCE transaction from `reporter` (its nonce follows the key's committed and
  // pending transactions, its fee the minimum) and admits it: the transaction message to relay,
  // or null if refused (no funded account, or the mempool would not take it).
  runtime::MessagePtr report_evidence(const runtime::Bytes& evidence,
                                      const crypto::KeyPair& reporter) override;

  // The block payload: the parent's commit certificate (null for block 1) and the transactions.
  struct Payload {
    CommitCertificatePtr parent_commit;
    std::vector<ledger::Transaction> txs;
  };
  static runtime::Bytes encode_payload(const CommitCertificate* parent_commit,
                                       const std::vector<ledger::Transaction>& txs);
  static runtime::Result<Payload> decode_payload(runtime::ByteView payload);

  // Opens block `height` on `state`: the BlockStart that `parent_commit` (null for block 1)
  // names under `parent_set`, after checking it certifies `parent_hash` at height - 1 with a
  // quorum of valid seals. `parent_proposer` is the index in `parent_set` of the parent's
  // proposer. Shared with the simulator's validity oracle, which re-executes independently.
  static runtime::Result<ledger::BlockStart> block_start(std::uint64_t height,
                                                         const runtime::Hash32& parent_hash,
                                                         const ValidatorSet& parent_set,
                                                         ValidatorIndex parent_proposer,
                                                         const CommitCertificate* parent_commit,
                                                         crypto::CryptoProvider& crypto);

 private:
  // Kept for a private cache: this height's proposals, and the next height's while committing.
  static constexpr std::uint64_t kPrivateWindowHeights = 2;
  // Acknowledgements kept per other validator: one per height with new PoEs, so this reaches
  // back that many PoE-carrying heights.
  static constexpr std::size_t kMaxAcksPerValidator = 64;

  // The result of `header`'s payload on the committed state: from the cache (billing its work to
  // this node) or executed now and cached.
  runtime::Result<ExecutedPayloadPtr> run(const BlockHeader& header, runtime::ByteView payload);
  // Moves the committed chain to `block` with `state` after it, and at an epoch's last block
  // derives the next epoch's validator set.
  void advance(const Block& block, std::shared_ptr<const ledger::LedgerState> state);
  // Writes `finalized` (its message bytes) under its height and syncs.
  void store_block(const FinalizedBlock& finalized);
  // The finalized block stored at `height`; kNotFound if none.
  runtime::Result<FinalizedBlock> stored_block(std::uint64_t height) const;

  // The transactions of `selected` that apply in order on the next block's opening state, the
  // others (and their senders' later ones) left out: a stateful rule (a PoE already on chain, a
  // receipt whose escrow is short) can reject what the mempool admitted, and a proposal must be
  // valid. A refused transaction is dropped from the mempool, so it does not block its sender.
  std::vector<ledger::Transaction> applicable(std::vector<ledger::Transaction> selected);
  // Tracks an admitted POE_SUBMIT whose PoE header its sender signed.
  void track_poe(const ledger::Transaction& tx);
  // Lets the tracker forget what the committed state settled, and their stored acknowledgements.
  void settle_inclusion();
  // The transactions of the next proposal: the owed PoEs first, then the mempool's choice.
  std::vector<ledger::Transaction> select_transactions();
  // Censorship evidence against the proposer of `block` (signed for `round`, over `txs`) from
  // one of its own acknowledgements, if one shows a PoE owed and left out.
  std::optional<runtime::Bytes> censorship_evidence(const Block& block, std::uint32_t round,
                                                    const crypto::Signature& signature,
                                                    const std::vector<ledger::Transaction>& txs);

  runtime::Env& m_env;
  std::shared_ptr<const ledger::LedgerState> m_state;
  ValidatorSet m_validators;
  // The set that decided the committed block, and its proposer's index in it.
  ValidatorSet m_parent_set;
  ValidatorIndex m_parent_proposer = 0;
  // The committed block's certificate, which the next proposal carries.
  CommitCertificatePtr m_parent_commit;
  ConsensusEvidenceVerifier m_evidence;
  std::uint64_t m_epoch_blocks;
  ledger::Mempool m_mempool;
  InclusionRule m_inclusion_rule;
  InclusionTracker m_inclusion;
  std::map<crypto::PublicKey, std::deque<PoeAckPtr>> m_peer_acks;
  CommitObserver* m_observer;
  std::unique_ptr<ExecutionCache> m_own_executions;
  ExecutionCache* m_executions;
  std::uint64_t m_height = 0;
  runtime::Hash32 m_hash{};
};

}  // namespace mn::consensus
