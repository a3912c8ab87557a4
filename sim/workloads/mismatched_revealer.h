// mismatched_reveal: the bidder commits as an honest one does and reveals in the reveal phase,
// but not what it committed: a salt with its last byte changed, or (for every other bid, by the
// salt's first byte) a tx_core with a higher fee rate, as a bidder would that tries to improve its
// bid after seeing the others. The chain refuses the reveal (unknown_commitment) and the commit,
// never opened, forfeits its bond.
#pragma once

#include "sim/workloads/bidder_strategy.h"

namespace mn::sim {

class MismatchedRevealer final : public BidderStrategy {
 public:
  std::optional<auction::RevealPayload> reveal(const BidderBid& bid, std::size_t index,
                                               const ledger::LedgerState& state,
                                               std::uint64_t next) const override;
};

}  // namespace mn::sim
