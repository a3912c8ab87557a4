// Auction bonds: across every block of the honest chain the auction module's holdings move by
// exactly the bonds the block's commits and bids lock and the fees the winners it executes pay
// ((fee_rate + priority_fee) × gas of each winner its seal did not skip, recomputed from the
// revealed entries), less what it releases (the windows it settles with their fees, the open bids
// for its height it refunds, the bids it evicts from full heights, the included bids it settles,
// the auto-bid due to the parent's proposer), and every window it settles splits its revenue (the
// bonds of commits never revealed or withdrawn, and its fees) exactly between the treasury and the
// partner chains, who are paid at least their shares. The per-window figures (commits, reveals,
// forfeited bonds, winners, executed winners, fees, auto-bid, the clearing price, the partners'
// part) and
// per partner chain its revenue (its shares of the splits, each checked against its payout's
// balance) and contribution go into the report's auction records.
// The ledger's check_conservation covers the sums over all holders; this covers the auction's own
// flows, window by window. It judges expect.auction.adversary_bonds_forfeited.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/oracles/auction_block_oracle.h"

namespace mn::auction {
struct AuctionState;
}

namespace mn::sim {

class AuctionBondOracle final : public AuctionBlockOracle {
 public:
  // `partner_names` name the genesis's auction partners, in order (a partner without one is named
  // by its id in hex).
  AuctionBondOracle(const runtime::Hash32& genesis_hash,
                    const std::shared_ptr<const ledger::LedgerState>& genesis_state,
                    const std::vector<std::string>& partner_names = {});

  std::optional<std::string> judge(const AuctionBlock& block) override;
  void fill_report(RunReport& report) const override;
  // Its own verdict, and expect.auction.adversary_bonds_forfeited against the adversarial
  // bidders' report.
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  // Checks the settlement of `window` (held by `parent`, gone after `block`) and records it.
  std::optional<std::string> judge_settlement(const AuctionBlock& block,
                                              const auction::AuctionState& parent,
                                              std::uint64_t window);
  // The record of the registered partner `id`; null for an id the genesis does not register.
  RunReport::Auction::Partner* partner(const runtime::Hash32& id);

  std::vector<RunReport::Auction::Window> m_settled;
  std::vector<runtime::Hash32> m_partner_ids;  // by m_partners
  std::vector<RunReport::Auction::Partner> m_partners;
  std::map<std::uint64_t, std::uint64_t>
      m_auto_bids;  // by window: the auto-bid its bundle block took
};

}  // namespace mn::sim
