#include "sim/output/auction_output.h"

namespace mn::sim {

bool has_auction_activity(const RunReport& report) {
  const RunReport::Auction& a = report.auction;
  return a.commits > 0 || a.bids > 0 || a.adversary.commits > 0 || !a.windows.empty();
}

void write_auction_summary(const RunReport& report, nlohmann::json& metrics) {
  const RunReport::Auction& a = report.auction;
  std::uint64_t forfeited = 0;
  std::uint64_t carried = 0;
  for (const auto& w : a.windows) {
    forfeited += w.forfeited;
    if (w.seal_height > 0) ++carried;
  }
  metrics["auction"] = {{"commits", a.commits},
                        {"commits_committed", a.commits_committed},
                        {"reveals", a.reveals},
                        {"reveals_committed", a.reveals_committed},
                        {"withheld", a.withheld},
                        {"honest_revealed", a.honest_revealed},
                        {"honest_included", a.honest_included},
                        {"refusals", a.refusals},
                        {"forfeited_bonds", forfeited},
                        {"windows_settled", a.windows.size()},
                        {"bundles_carried", carried},
                        {"bids", a.bids},
                        {"bids_committed", a.bids_committed},
                        {"bids_won", a.bids_won},
                        {"deliveries", a.deliveries},
                        {"deliveries_committed", a.deliveries_committed},
                        {"builder_evidence", a.builder_evidence},
                        {"builder_evidence_committed", a.builder_evidence_committed},
                        {"bids_delivered", a.bids_delivered},
                        {"bids_withheld", a.bids_withheld},
                        {"bids_equivocated", a.bids_equivocated},
                        {"builder_penalties", a.builder_penalties},
                        {"builder_payments", a.builder_payments}};
  if (a.adversary.commits == 0) return;
  std::uint64_t unrevealed = 0;
  for (const auto& [window, bonds] : a.adversary.unrevealed_bonds) unrevealed += bonds;
  metrics["auction"]["adversary"] = {{"strategy", a.adversary.strategy},
                                     {"commits", a.adversary.commits},
                                     {"commits_committed", a.adversary.commits_committed},
                                     {"reveals", a.adversary.reveals},
                                     {"reveals_committed", a.adversary.reveals_committed},
                                     {"refusals", a.adversary.refusals},
                                     {"unrevealed_bonds", unrevealed}};
}

void write_auction_h5(H5File& f, StatusChain& chain, const RunReport& report) {
  using Window = RunReport::Auction::Window;
  const auto& windows = report.auction.windows;
  chain << f.group("/auction") << f.column("/auction/window", u64_column(windows, &Window::window))
        << f.column("/auction/commits", u64_column(windows, &Window::commits))
        << f.column("/auction/reveals", u64_column(windows, &Window::reveals))
        << f.column("/auction/forfeited_bonds", u64_column(windows, &Window::forfeited))
        << f.column("/auction/winners", u64_column(windows, &Window::winners))
        << f.column("/auction/bundle_bytes", u64_column(windows, &Window::bundle_bytes))
        << f.column("/auction/proof_bytes", u64_column(windows, &Window::proof_bytes))
        << f.column("/auction/seal_height", u64_column(windows, &Window::seal_height));
}

}  // namespace mn::sim
