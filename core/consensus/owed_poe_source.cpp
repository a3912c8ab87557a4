#include "core/consensus/owed_poe_source.h"

#include <set>
#include <utility>

namespace mn::consensus {

std::vector<ledger::Transaction> OwedPoeSource::candidates(std::uint64_t height,
                                                           const ledger::LedgerState& committed,
                                                           std::size_t max_txs) const {
  static_cast<void>(committed);
  std::vector<ledger::Transaction> txs;
  std::set<std::pair<crypto::PublicKey, std::uint64_t>> slots;
  for (const InclusionTracker::Entry* owed : m_inclusion.owed(height)) {
    if (txs.size() >= max_txs) break;
    if (slots.emplace(owed->tx.sender, owed->tx.nonce).second) txs.push_back(owed->tx);
  }
  return txs;
}

}  // namespace mn::consensus
