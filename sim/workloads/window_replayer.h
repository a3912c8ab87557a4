// replayed_commitment: the bidder posts one commitment, naming window w + 1, into two windows: w
// (a commitment replayed from another window) and w + 1. Once the chain holds both, it tries to
// open the copy in w while w reveals: a reveal claiming w with the preimage of the w + 1
// commitment. The window is part of the preimage, so a commitment opens only in the window it
// names: the chain refuses the reveal (replayed_reveal) and both bonds are forfeited, since the
// bidder never reveals the w + 1 commit either.
#pragma once

#include "sim/workloads/bidder_strategy.h"

namespace mn::sim {

class WindowReplayer final : public BidderStrategy {
 public:
  std::vector<BidderCommit> draw(std::uint64_t window, const auction::TxCore& core,
                                 runtime::Bytes salt, runtime::Rng& rng) const override;
  std::optional<auction::RevealPayload> reveal(const BidderBid& bid, std::size_t index,
                                               const ledger::LedgerState& state,
                                               std::uint64_t next) const override;
};

}  // namespace mn::sim
