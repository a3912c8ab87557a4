// Auction settlement of included builder bids: a bid the honest chain includes is settled only
// when settle_included_bid says it is due (its builder equivocated, or its delivery deadline
// passed), and each settlement's penalty reaches the slashing pool (which nothing else drains).
// The oracle works out each outcome itself from the parent state and the block's own deliveries
// and evidence (both apply before the block's end settles), counts the outcomes (delivered,
// withheld, equivocated), the penalties and the payments to proposers into the report, and judges
// expect.auction.max_withholding_rate: withheld / settled included bids.
#pragma once

#include <cstdint>

#include "sim/oracles/auction_block_oracle.h"

namespace mn::sim {

class AuctionSettlementOracle final : public AuctionBlockOracle {
 public:
  AuctionSettlementOracle(const runtime::Hash32& genesis_hash,
                          std::shared_ptr<const ledger::LedgerState> genesis_state);

  std::optional<std::string> judge(const AuctionBlock& block) override;
  void fill_report(RunReport& report) const override;
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  std::uint64_t m_delivered = 0;
  std::uint64_t m_withheld = 0;
  std::uint64_t m_equivocated = 0;
  std::uint64_t m_penalties = 0;
  std::uint64_t m_payments = 0;
};

}  // namespace mn::sim
