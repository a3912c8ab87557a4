// Executes block payloads on the committed chain. Executing block `header` (at the tip's height
// + 1) decodes its payload (BlockPayload), checks the parent certificate the payload carries,
// checks the auction section against the committed state (check_auction_section: the bid the
// block must take, the bundle it must or must not carry), opens the block with the certificate
// (block_start: unbonding released, the rent pool paid to the parent's signers and proposer),
// applies every transaction under the ledger rules (any rejected transaction makes the whole
// block invalid; evidence is judged by `evidence`), ends the block and checks conservation. The
// committed state is never touched: an execution copies it once and applies the payload to the
// copy, and the result is shared by pointer.
//
// Execution is a pure function of (the tip's block, the payload), so results are looked up in an
// ExecutionCache first: the driver's, shared between nodes, or a private one. A result reused
// bills its recorded crypto work to this node. Deterministic; the node's own thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/consensus/block.h"
#include "core/consensus/commit_certificate.h"
#include "core/consensus/committed_chain.h"
#include "core/consensus/execution_cache.h"
#include "core/consensus/validator_set.h"
#include "core/crypto/crypto_provider.h"
#include "core/ledger/ledger_state.h"
#include "core/runtime/env.h"
#include "core/runtime/result.h"
#include "core/slashing/evidence_verifier.h"

namespace mn::consensus {

class BlockExecutor {
 public:
  // A block holds at most `max_block_txs` transactions. `evidence` must outlive the executor.
  // `driver_executions`: the driver's execution cache (computation_caches.h), or null for a
  // private one.
  BlockExecutor(runtime::Env& env, std::size_t max_block_txs,
                const slashing::EvidenceVerifier& evidence, ExecutionCache* driver_executions);

  // The result of `header`'s payload on `chain`'s tip: from the cache (billing its work to this
  // node) or executed now and cached; kInvalidArgument (or a decoding error) says why the payload
  // is invalid. REQUIRES: `payload` hashes to header.payload_hash.
  runtime::Result<ExecutedPayloadPtr> execute(const CommittedChain& chain,
                                              const BlockHeader& header, runtime::ByteView payload);
  // The cached execution of `payload_hash` on the block `parent`, billing nothing (whoever
  // executed it on this node was billed then); null if there is none.
  ExecutedPayloadPtr find(const runtime::Hash32& parent, const runtime::Hash32& payload_hash) const;

  // Opens block `height` on a state: the BlockStart that `parent_commit` (null for block 1)
  // names under `parent_set`, after checking it certifies `parent_hash` at height - 1 with a
  // quorum of valid seals. `parent_proposer` is the index in `parent_set` of the parent's
  // proposer. `verified` is a certificate of the parent this node has already verified (the one
  // it committed the parent with), or null: a `parent_commit` byte-equal to it is not verified
  // again, which at 1,000 validators saves about 667 signature checks per execution. Shared with
  // the simulator's validity oracle, which re-executes independently (and passes null).
  static runtime::Result<ledger::BlockStart> block_start(
      std::uint64_t height, const runtime::Hash32& parent_hash, const ValidatorSet& parent_set,
      ValidatorIndex parent_proposer, const CommitCertificate* parent_commit,
      const CommitCertificate* verified, crypto::CryptoProvider& crypto);

 private:
  // Kept for a private cache: this height's proposals, and the next height's while committing.
  static constexpr std::uint64_t kPrivateWindowHeights = 2;

  runtime::Env& m_env;
  std::size_t m_max_block_txs;
  const slashing::EvidenceVerifier& m_evidence;
  std::unique_ptr<ExecutionCache> m_own_executions;
  ExecutionCache* m_executions;
};

}  // namespace mn::consensus
