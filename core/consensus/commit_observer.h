// A hook for whoever watches a node's chain from outside its state machines — the simulator's
// oracles, the node's RPC index and metrics. Called after a block is durably committed; it must
// not feed anything back into the node.
#pragma once

#include "core/consensus/messages.h"
#include "core/ledger/ledger_state.h"

namespace mn::consensus {

class CommitObserver {
 public:
  virtual ~CommitObserver() = default;
  virtual void on_commit(runtime::NodeId node, const FinalizedBlock& block,
                         const std::vector<ledger::Transaction>& transactions,
                         const ledger::LedgerState& state) = 0;
};

}  // namespace mn::consensus
