#include "sim/oracles/auction_bundle_oracle.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/auction/auction_module.h"
#include "core/auction/block_bundle.h"
#include "core/auction/seal_record.h"

namespace mn::sim {

AuctionBundleOracle::AuctionBundleOracle(const runtime::Hash32& genesis_hash,
                                         std::shared_ptr<const ledger::LedgerState> genesis_state)
    : AuctionBlockOracle("auction_bundle",
                         "every due sealed bundle is carried and verifies against its seal's "
                         "mx_root",
                         genesis_hash, std::move(genesis_state)) {}

std::optional<std::string> AuctionBundleOracle::judge(const AuctionBlock& block) {
  const auction::AuctionParams& params = block.parent.economic_params().auction;
  const auction::AuctionState* parent = auction::AuctionModule::find_state(block.parent);
  const std::optional<std::uint64_t> due = auction::due_bundle_window(parent, block.height, params);
  const auto& carried = block.section.bundle;
  m_times[block.height] = block.time;
  if (!carried) {
    if (!due) return std::nullopt;
    return fmt::format("block {} carries no bundle, window {}'s is due", block.height, *due);
  }
  if (due != carried->window) {
    return fmt::format("block {} carries window {}'s bundle, {}", block.height, carried->window,
                       due ? fmt::format("window {}'s is due", *due) : "none is due");
  }
  if (auto s = auction::check_block_bundle(*carried, parent, params, *auction::ledger_crs());
      !s.is_ok())
    return fmt::format("block {}: window {}'s bundle: {}", block.height, carried->window,
                       s.message());
  const std::uint64_t last_reveal = params.schedule.seal_start(carried->window) - 1;
  const auto revealed = m_times.find(last_reveal);
  const runtime::TimeNs latency = revealed == m_times.end() ? 0 : block.time - revealed->second;
  m_times.erase(m_times.begin(), m_times.lower_bound(last_reveal));
  m_carried.push_back({carried->window, block.height, carried->encode().size(),
                       carried->proof_bytes(), block.height - last_reveal, latency});
  return std::nullopt;
}

void AuctionBundleOracle::add_verdicts(const VerdictContext& context, RunReport& report) const {
  AuctionBlockOracle::add_verdicts(context, report);
  const ExpectSpec& expect = context.scenario.expect;
  if (const auto& min_windows = expect.min_auction_windows) {
    add_verdict(report, "expect.min_auction_windows",
                fmt::format("at least {} auction windows sealed and carried", *min_windows),
                m_carried.size() >= *min_windows, fmt::format("{} carried", m_carried.size()));
  }
  if (const auto& max_proof = expect.auction.max_proof_bytes) {
    // A bound over no bundle at all would hold vacuously: it fails instead.
    std::uint64_t largest = 0;
    for (const Carried& c : m_carried) largest = std::max(largest, c.proof_bytes);
    add_verdict(report, "expect.auction.max_proof_bytes",
                fmt::format("every carried sealed bundle's proof is at most {} bytes", *max_proof),
                !m_carried.empty() && largest <= *max_proof,
                m_carried.empty()
                    ? std::string("no bundle carried")
                    : fmt::format("largest {} bytes over {} bundles", largest, m_carried.size()));
  }
}

void AuctionBundleOracle::fill_report(RunReport& report) const {
  AuctionBlockOracle::fill_report(report);
  for (const Carried& c : m_carried) {
    RunReport::Auction::Window& w = report.auction.window(c.window);
    w.seal_height = c.height;
    w.bundle_bytes = c.bundle_bytes;
    w.proof_bytes = c.proof_bytes;
    w.seal_latency_heights = c.latency_heights;
    w.seal_latency_ns = c.latency_ns;
  }
}

}  // namespace mn::sim
