// defaulting_winner: the bidder that wins and walks away (docs/auction.md, the free option's
// second form). It commits its drawn transaction with a fee rate raised by kPremium, so it wins
// the seal, but for an amount no balance holds (as if it had emptied its balance after seeing the
// others' reveals), reveals it at the window's last reveal height, and lets the ledger skip it
// (insufficient_balance) instead of paying. The defence is the bond:
// a winner the ledger skips forfeits its commit bond when the window settles, as if it had never
// revealed, so walking away from a winning slot costs a bond each time.
#pragma once

#include <cstdint>

#include "sim/workloads/bidder_strategy.h"

namespace mn::sim {

class DefaultingWinner final : public BidderStrategy {
 public:
  static constexpr std::uint64_t kPremium = 1'000;  // the fee rate added to win the order

  std::vector<BidderCommit> draw(std::uint64_t window, const auction::TxCore& core,
                                 runtime::Bytes salt, runtime::Rng& rng) const override;
  std::optional<auction::RevealPayload> reveal(const BidderBid& bid, std::size_t index,
                                               const ledger::LedgerState& state,
                                               std::uint64_t next) const override;
  bool defaults() const override { return true; }
};

}  // namespace mn::sim
