#include "core/consensus/pool_source.h"

#include "core/ledger/address.h"

namespace mn::consensus {

std::vector<ledger::Transaction> PoolSource::candidates(std::uint64_t height,
                                                        const ledger::LedgerState& committed,
                                                        std::size_t max_txs) const {
  static_cast<void>(height);
  return m_pool.select(max_txs, committed);
}

void PoolSource::refused(const ledger::Transaction& tx) {
  m_pool.drop(ledger::address_from_public_key(tx.sender), tx.nonce);
}

}  // namespace mn::consensus
