// Auction bonds: across every block of the honest chain the auction module's holdings move by
// exactly the bonds the block's commits and bids lock, less the bonds it releases (the windows it
// settles, the open bids for its height it refunds, the bids it evicts from full heights, the
// included bids it settles), and every
// window it settles splits its revenue (the bonds of commits never revealed or withdrawn) exactly
// between the treasury and the partner chains, who are paid at least their shares. The per-window
// figures (commits, reveals, forfeited bonds, winners, the clearing price, the partners' part) and
// per partner chain its revenue (its shares of the splits, each checked against its payout's
// balance) and contribution go into the report's auction records.
// The ledger's check_conservation covers the sums over all holders; this covers the auction's own
// flows, window by window. It judges expect.auction.adversary_bonds_forfeited.
#pragma once

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
};

}  // namespace mn::sim
