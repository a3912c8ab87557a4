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
    std::map<runtime::Hash32, ExecutedWinner> by_txid;
    for (const auction::LiveReveal& reveal : child->live_reveals(window)) {
      const auto transfer = ledger::TransferPayload::decode(reveal.core.payload);
      if (skipped.contains(reveal.entry.txid) || !transfer) continue;
      ExecutedWinner winner{reveal.sender, reveal.core, 0, 0};
      winner.charge =
          (runtime::Uint128{reveal.core.fee_rate} + reveal.core.priority_fee) * reveal.core.gas;
      winner.debit = winner.charge + transfer->amount;
      by_txid.emplace(reveal.entry.txid, std::move(winner));
    }
    for (const runtime::Hash32& txid : seal.winners) {
      if (const auto found = by_txid.find(txid); found != by_txid.end())
        out.push_back(found->second);
    }
  }
  return out;
}

}  // namespace mn::sim
