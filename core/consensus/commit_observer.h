// A hook for whoever watches a node's chain from outside its state machines — the simulator's
// oracles, the node's RPC index and metrics. on_commit is called after a block is durably
// committed; on_evidence_reported when the node reports an offence. Neither may feed anything back
// into the node.
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
  // `node` reported `evidence` (an EVIDENCE transaction it signed and admitted).
  virtual void on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence) {
    static_cast<void>(node);
    static_cast<void>(evidence);
  }
};

}  // namespace mn::consensus
