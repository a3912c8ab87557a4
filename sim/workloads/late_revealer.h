// late_reveal: the bidder commits as an honest one does, then reveals only once its window's
// reveal phase is over (at the first height after it). The chain refuses the reveal
// (auction_too_late) and the commit's bond is forfeited when the window settles.
#pragma once

#include "sim/workloads/bidder_strategy.h"

namespace mn::sim {

class LateRevealer final : public BidderStrategy {
 public:
  std::optional<auction::RevealPayload> reveal(const BidderBid& bid, std::size_t index,
                                               const ledger::LedgerState& state,
                                               std::uint64_t next) const override;
};

}  // namespace mn::sim
