#include "core/consensus/transaction_cache.h"

namespace mn::consensus {

runtime::Result<std::shared_ptr<ledger::ReceivedTransaction>> TransactionCache::decode(
    const runtime::MessagePtr& message, std::uint64_t height) {
  if (const auto* known = m_entries.find(message->id())) return *known;
  auto tx = ledger::Transaction::decode(message->payload);
  if (!tx) return tx.status();
  auto received = std::make_shared<ledger::ReceivedTransaction>(std::move(tx).value());
  m_entries.insert(height, message->id(), received);
  return received;
}

}  // namespace mn::consensus
