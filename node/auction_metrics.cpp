#include "node/auction_metrics.h"

#include <limits>

#include "core/auction/auction_module.h"
#include "core/auction/auction_state.h"

namespace mn::node {

namespace {

// The counter a committed transaction of `type` adds to; null for a type outside the auction.
const char* counter_of(ledger::TxType type) {
  switch (type) {
    case ledger::TxType::kAuctionCommit:
      return "auction_commits_committed_total";
    case ledger::TxType::kAuctionReveal:
      return "auction_reveals_committed_total";
    case ledger::TxType::kPoolCancel:
      return "auction_cancels_committed_total";
    case ledger::TxType::kBuilderBid:
      return "auction_bids_committed_total";
    case ledger::TxType::kBuilderDelivery:
      return "auction_deliveries_committed_total";
    case ledger::TxType::kBuilderEvidence:
      return "auction_builder_evidence_committed_total";
    default:
      return nullptr;
  }
}

std::int64_t saturated(runtime::Uint128 value) {
  constexpr auto kMax = static_cast<runtime::Uint128>(std::numeric_limits<std::int64_t>::max());
  return static_cast<std::int64_t>(value > kMax ? kMax : value);
}

}  // namespace

void AuctionMetrics::count_transactions(const std::vector<ledger::Transaction>& transactions) {
  for (const ledger::Transaction& tx : transactions) {
    if (const char* counter = counter_of(tx.type)) m_metrics.add(counter, 1);
  }
}

void AuctionMetrics::on_commit(const std::vector<ledger::Transaction>& transactions,
                               const ledger::LedgerState& state) {
  count_transactions(transactions);
  const auction::AuctionState* auction = auction::AuctionModule::find_state(state);
  if (auction == nullptr) return;
  std::size_t open_bids = 0;
  for (const auto& [height, bids] : auction->open_bids) open_bids += bids.size();
  m_metrics.set("auction_open_windows", static_cast<std::int64_t>(auction->windows.size()));
  m_metrics.set("auction_open_bids", static_cast<std::int64_t>(open_bids));
  m_metrics.set("auction_bonds_held", saturated(auction->holdings()));
  // Seal records are kept for the last few windows: count those newer than the newest seen.
  auto it = m_last_sealed ? auction->sealed.upper_bound(*m_last_sealed) : auction->sealed.begin();
  for (; it != auction->sealed.end(); ++it) {
    m_metrics.add("auction_windows_sealed_total", 1);
    m_last_sealed = it->first;
    m_metrics.set("auction_last_sealed_window", static_cast<std::int64_t>(it->first));
    m_metrics.set("auction_last_seal_winners",
                  static_cast<std::int64_t>(it->second.winners.size()));
  }
}

}  // namespace mn::node
