// Where a node keeps results of pure computations on content it shares with other nodes: block
// executions (keyed by parent and payload hash), finalized blocks decoded and certificate-checked,
// proposals decoded, and transactions decoded with their admission hashes (the last three keyed
// by message id). The driver decides whose they are and passes them in; core only asks. The node
// binary passes none, and each node keeps private caches of its own; the simulator passes one set
// to every node of a run and bills each reusing node the recorded crypto work (DESIGN.md,
// "Sharing pure computations"). Not thread-safe, like the caches.
#pragma once

#include <cstdint>

#include "core/consensus/execution_cache.h"
#include "core/consensus/finalized_block_cache.h"
#include "core/consensus/proposal_cache.h"
#include "core/consensus/transaction_cache.h"

namespace mn::consensus {

class ComputationCaches {
 public:
  virtual ~ComputationCaches() = default;
  virtual ExecutionCache& executions() = 0;
  virtual FinalizedBlockCache& finalized_blocks() = 0;
  virtual ProposalCache& proposals() = 0;
  virtual TransactionCache& transactions() = 0;
};

// The caches, owned, each remembering `window_heights` heights.
class OwnedComputationCaches final : public ComputationCaches {
 public:
  explicit OwnedComputationCaches(std::uint64_t window_heights)
      : m_executions(window_heights),
        m_finalized_blocks(window_heights),
        m_proposals(window_heights),
        m_transactions(window_heights) {}
  ExecutionCache& executions() override { return m_executions; }
  FinalizedBlockCache& finalized_blocks() override { return m_finalized_blocks; }
  ProposalCache& proposals() override { return m_proposals; }
  TransactionCache& transactions() override { return m_transactions; }

 private:
  ExecutionCache m_executions;
  FinalizedBlockCache m_finalized_blocks;
  ProposalCache m_proposals;
  TransactionCache m_transactions;
};

}  // namespace mn::consensus
