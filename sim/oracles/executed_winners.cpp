#include "sim/oracles/executed_winners.h"

#include <map>
#include <set>

#include "core/ledger/transaction.h"

namespace mn::sim {

std::vector<ExecutedWinner> executed_winners(const auction::AuctionState* parent,
                                             const auction::AuctionState* child) {
  std::vector<ExecutedWinner> out;
  if (child == nullptr) return out;
  for (const auto& [window, seal] : child->sealed) {
    if (parent != nullptr && parent->sealed.contains(window)) continue;
    std::set<runtime::Hash32> skipped;
    for (const auction::SkippedWinner& skip : seal.skipped) skipped.insert(skip.txid);
    const auto record = child->windows.find(window);
    std::map<runtime::Hash32, ExecutedWinner> by_txid;
    for (const auction::QLockReveal& reveal : child->book.reveals(window)) {
      if (record != child->windows.end() && record->second.cancelled.contains(reveal.commitment))
        continue;
      auto core = auction::TxCore::decode(reveal.tx_core);
      if (!core) continue;
      const runtime::Hash32 txid = core->to_pool_entry(reveal.sender).txid;
      const auto transfer = ledger::TransferPayload::decode(core->payload);
      if (skipped.contains(txid) || !transfer) continue;
      ExecutedWinner winner{reveal.sender, *core, 0, 0};
      winner.charge = (runtime::Uint128{core->fee_rate} + core->priority_fee) * core->gas;
      winner.debit = winner.charge + transfer->amount;
      by_txid.emplace(txid, std::move(winner));
    }
    for (const runtime::Hash32& txid : seal.winners) {
      if (const auto found = by_txid.find(txid); found != by_txid.end())
        out.push_back(found->second);
    }
  }
  return out;
}

}  // namespace mn::sim
