// A hook for whoever watches a node's chain from outside its state machines — the simulator's
// oracles, the node's RPC index and metrics. on_commit is called after a block is durably
// committed; on_evidence_reported when the node reports an offence; on_poes_acknowledged when a
// validator's PoE acknowledgement is durable and about to leave. None may feed anything back into
// the node. `state` is the state after the block, shared so that a watcher keeps it without a copy.
#pragma once

#include <memory>
#include <vector>

#include "core/consensus/messages.h"
#include "core/ledger/ledger_state.h"

namespace mn::consensus {

class CommitObserver {
 public:
  virtual ~CommitObserver() = default;
  virtual void on_commit(runtime::NodeId node, const FinalizedBlock& block,
                         const std::vector<ledger::Transaction>& transactions,
                         const std::shared_ptr<const ledger::LedgerState>& state) = 0;
  // `node` reported `evidence` (an EVIDENCE transaction it signed and admitted).
  virtual void on_evidence_reported(runtime::NodeId node, const runtime::Bytes& evidence) {
    static_cast<void>(node);
    static_cast<void>(evidence);
  }
  // Validator `node` acknowledged the POE_SUBMITs `tx_ids` at committed height `seen_height`:
  // from seen_height + inclusion_slo_blocks on it refuses blocks that leave them out.
  virtual void on_poes_acknowledged(runtime::NodeId node, std::uint64_t seen_height,
                                    const std::vector<runtime::Hash32>& tx_ids) {
    static_cast<void>(node);
    static_cast<void>(seen_height);
    static_cast<void>(tx_ids);
  }
};

}  // namespace mn::consensus
