// selective_reveal: the last (selective) revealer of docs/auction.md. For each bid it commits two
// alternatives of one transaction into the window, the drawn fee rate and 1,000 more, and waits
// until the window's last reveal height. It then reads the reveals already on chain, as any
// client can, and reveals the cheaper alternative whose fee rate beats every other bidder's
// revealed so far, or none if neither does. That is the free option commit-reveal leaves open;
// the defence is the bond: every alternative it does not open is forfeited when the window
// settles, so each option costs at least one bond.
#pragma once

#include "sim/workloads/bidder_strategy.h"

namespace mn::sim {

class SelectiveRevealer final : public BidderStrategy {
 public:
  static constexpr std::uint64_t kPremium = 1'000;  // the dear alternative's extra fee rate

  std::vector<BidderCommit> draw(std::uint64_t window, const auction::TxCore& core,
                                 runtime::Bytes salt, runtime::Rng& rng) const override;
  std::optional<auction::RevealPayload> reveal(const BidderBid& bid, std::size_t index,
                                               const ledger::LedgerState& state,
                                               std::uint64_t next) const override;
};

}  // namespace mn::sim
