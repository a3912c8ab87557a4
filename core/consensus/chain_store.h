// The committed chain in a node's storage: each finalized block under its height, as its
// kFinalizedBlockKind message bytes (shared with the message, not copied), synced before the
// caller moves its state on, so what a restart replays is exactly what was committed. Recovery
// replays the stored blocks from height 1 up to the first missing one. Storage failures while
// storing are counted (chain_store_failures_total), not fatal: the chain in memory is still
// right, and peers serve what this node lost. Deterministic; the node's own thread only.
#pragma once

#include <cstdint>
#include <functional>

#include "core/consensus/messages.h"
#include "core/runtime/env.h"
#include "core/runtime/result.h"

namespace mn::consensus {

class ChainStore {
 public:
  explicit ChainStore(runtime::Env& env) : m_env(env) {}

  // Writes `finalized` under its height, replacing what is stored there, and syncs.
  void store(const FinalizedBlock& finalized);
  // The finalized block stored at `height`; kNotFound if none.
  runtime::Result<FinalizedBlock> load(std::uint64_t height) const;
  // Hands the stored blocks to `apply` in height order, from 1 to the first height not stored,
  // after checking that each extends the one before (block 1: `genesis_hash`). kIoError if a
  // block is unreadable or out of line; `apply`'s error, which stops the replay, as it is.
  runtime::Status replay(const runtime::Hash32& genesis_hash,
                         const std::function<runtime::Status(const FinalizedBlock&)>& apply) const;

 private:
  runtime::Env& m_env;
};

}  // namespace mn::consensus
