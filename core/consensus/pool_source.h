// The PayloadSource of a node's transaction pool: the pool's selection on the committed state.
// A transaction the builder's trial run refuses is dropped from the pool (its slot, whichever
// source offered it): a stateful rule the pool cannot check (a PoE already on chain, a receipt
// whose escrow is short) refuses it, and left pending it would keep its sender's later
// transactions out of every block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/consensus/payload_source.h"
#include "core/ledger/transaction_pool.h"

namespace mn::consensus {

class PoolSource final : public PayloadSource {
 public:
  // `pool` must outlive the source.
  explicit PoolSource(ledger::TransactionPool& pool) : m_pool(pool) {}

  std::vector<ledger::Transaction> candidates(std::uint64_t height,
                                              const ledger::LedgerState& committed,
                                              std::size_t max_txs) const override;
  void refused(const ledger::Transaction& tx) override;

 private:
  ledger::TransactionPool& m_pool;
};

}  // namespace mn::consensus
