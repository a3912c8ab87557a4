// One supplier of the transactions of the blocks this node proposes. The block builder
// (BlockBuilder) asks its sources in a fixed order — the PoEs this node owes (OwedPoeSource),
// then the transaction pool (PoolSource) — and fills the block from their answers in that order.
// The auction's sealed bundle is not a source: it travels in the payload's AuctionSection.
//
// Contract:
// - candidates(height, committed, max_txs): at most `max_txs` transactions for the block at
//   `height` built on `committed` (the state after height - 1), in the order the source wants
//   them applied, each (sender, nonce) slot at most once. Asking changes nothing. The builder
//   skips a slot an earlier source already filled and trial-applies the rest on the block's
//   opening state, so a source must not count on all of its candidates getting in.
// - refused(tx): the trial run refused `tx`, offered by this source or another, and left out the
//   sender's later transactions in the block; a source that holds `tx` drops it, so it does not
//   hold its sender back in every later block. Sources that hold nothing ignore it.
// - Deterministic: answers depend only on the source's state and the arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/ledger/ledger_state.h"
#include "core/ledger/transaction.h"

namespace mn::consensus {

class PayloadSource {
 public:
  virtual ~PayloadSource() = default;

  virtual std::vector<ledger::Transaction> candidates(std::uint64_t height,
                                                      const ledger::LedgerState& committed,
                                                      std::size_t max_txs) const = 0;
  virtual void refused(const ledger::Transaction& tx) = 0;
};

}  // namespace mn::consensus
