#include "sim/output/auction_output.h"

namespace mn::sim {

namespace {

double ns_to_ms(TimeNs ns) {
  return static_cast<double>(ns) / 1e6;
}

double ratio(double sum, std::uint64_t count) {
  return count == 0 ? 0.0 : sum / static_cast<double>(count);
}

// The windows' clearing price and seal latency (over the windows whose bundle was carried), the
// honest bids' inclusion latency, the withholding rate (as expect.auction.max_withholding_rate
// reads it) and the partner chains' revenue, into metrics.auction.
void write_auction_rates(const RunReport::Auction& a, nlohmann::json& out) {
  std::uint64_t carried = 0;
  std::uint64_t latency_heights = 0;
  TimeNs latency_ns = 0;
  std::uint64_t cleared = 0;  // windows whose seal took a winner
  double clearing_sum = 0.0;
  std::uint64_t partner_revenue = 0;
  for (const auto& w : a.windows) {
    partner_revenue += w.partner_revenue;
    if (w.winners > 0) {
      ++cleared;
      clearing_sum += static_cast<double>(w.clearing_price);
    }
    if (w.seal_height == 0) continue;
    ++carried;
    latency_heights += w.seal_latency_heights;
    latency_ns += w.seal_latency_ns;
  }
  out["clearing_price_mean"] = ratio(clearing_sum, cleared);
  out["seal_latency_heights_mean"] = ratio(static_cast<double>(latency_heights), carried);
  out["seal_latency_ms_mean"] = ratio(ns_to_ms(latency_ns), carried);
  out["honest_inclusion_latency_heights_mean"] =
      ratio(static_cast<double>(a.honest_latency_heights), a.honest_included);
  out["honest_inclusion_latency_ms_mean"] = ratio(ns_to_ms(a.honest_latency_ns), a.honest_included);
  out["withholding_rate"] = ratio(static_cast<double>(a.bids_withheld),
                                  a.bids_delivered + a.bids_withheld + a.bids_equivocated);
  out["partner_revenue"] = partner_revenue;
  nlohmann::json partners = nlohmann::json::object();
  for (const auto& p : a.partners) {
    partners[p.name] = {{"revenue", p.revenue},
                        {"revealed_commits", p.revealed_commits},
                        {"revealed_bonds", p.revealed_bonds}};
  }
  out["partners"] = std::move(partners);
}

}  // namespace

bool has_auction_activity(const RunReport& report) {
  const RunReport::Auction& a = report.auction;
  return a.commits > 0 || a.bids > 0 || a.adversary.commits > 0 || !a.windows.empty();
}

void write_auction_summary(const RunReport& report, nlohmann::json& metrics) {
  const RunReport::Auction& a = report.auction;
  std::uint64_t forfeited = 0;
  std::uint64_t carried = 0;
  std::uint64_t winners = 0;
  std::uint64_t executed = 0;
  std::uint64_t fees = 0;
  std::uint64_t auto_bids = 0;
  for (const auto& w : a.windows) {
    forfeited += w.forfeited;
    winners += w.winners;
    executed += w.executed;
    fees += w.fees;
    auto_bids += w.auto_bid;
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
                        {"winners", winners},
                        {"winners_executed", executed},
                        {"winner_fees", fees},
                        {"auto_bids", auto_bids},
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
  write_auction_rates(a, metrics["auction"]);
  if (a.adversary.commits == 0) return;
  std::uint64_t unrevealed = 0;
  for (const auto& [window, bonds] : a.adversary.unrevealed_bonds) unrevealed += bonds;
  std::uint64_t defaulted = 0;
  for (const auto& [window, bonds] : a.adversary.defaulted_bonds) defaulted += bonds;
  metrics["auction"]["adversary"] = {{"strategy", a.adversary.strategy},
                                     {"commits", a.adversary.commits},
                                     {"commits_committed", a.adversary.commits_committed},
                                     {"reveals", a.adversary.reveals},
                                     {"reveals_committed", a.adversary.reveals_committed},
                                     {"refusals", a.adversary.refusals},
                                     {"unrevealed_bonds", unrevealed},
                                     {"defaulted_bonds", defaulted}};
}

void write_auction_h5(H5File& f, StatusChain& chain, const RunReport& report) {
  using Window = RunReport::Auction::Window;
  const auto& windows = report.auction.windows;
  chain << f.group("/auction") << f.column("/auction/window", u64_column(windows, &Window::window))
        << f.column("/auction/commits", u64_column(windows, &Window::commits))
        << f.column("/auction/reveals", u64_column(windows, &Window::reveals))
        << f.column("/auction/forfeited_bonds", u64_column(windows, &Window::forfeited))
        << f.column("/auction/winners", u64_column(windows, &Window::winners))
        << f.column("/auction/executed", u64_column(windows, &Window::executed))
        << f.column("/auction/fees", u64_column(windows, &Window::fees))
        << f.column("/auction/auto_bid", u64_column(windows, &Window::auto_bid))
        << f.column("/auction/bundle_bytes", u64_column(windows, &Window::bundle_bytes))
        << f.column("/auction/proof_bytes", u64_column(windows, &Window::proof_bytes))
        << f.column("/auction/seal_height", u64_column(windows, &Window::seal_height))
        << f.column("/auction/clearing_price", u64_column(windows, &Window::clearing_price))
        << f.column("/auction/partner_revenue", u64_column(windows, &Window::partner_revenue))
        << f.column("/auction/seal_latency_heights",
                    u64_column(windows, &Window::seal_latency_heights));
  std::vector<double> latency_ms;
  latency_ms.reserve(windows.size());
  for (const Window& w : windows) latency_ms.push_back(ns_to_ms(w.seal_latency_ns));
  chain << f.column("/auction/seal_latency_ms", latency_ms);
  using Partner = RunReport::Auction::Partner;
  const auto& partners = report.auction.partners;
  std::vector<std::string> names;
  names.reserve(partners.size());
  for (const Partner& p : partners) names.push_back(p.name);
  chain << f.group("/auction/partners") << f.column("/auction/partners/name", names)
        << f.column("/auction/partners/revenue", u64_column(partners, &Partner::revenue))
        << f.column("/auction/partners/revealed_commits",
                    u64_column(partners, &Partner::revealed_commits))
        << f.column("/auction/partners/revealed_bonds",
                    u64_column(partners, &Partner::revealed_bonds));
}

}  // namespace mn::sim
