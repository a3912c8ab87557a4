// Auction bundles: every sealed bundle a block of the honest chain carries verifies against the
// mx_root of its window's seal record in the parent state and names the recorded winners
// (check_block_bundle, verify_bundle inside), and a block carries one exactly when one is due
// (due_bundle_window). It judges expect.min_auction_windows and expect.auction.max_proof_bytes and
// records each carried bundle's size, proof size, height and seal latency (from its window's last
// reveal height, in heights and in the time between the two blocks' first honest commits) for the
// report's per-window auction records.
#pragma once

#include <map>

#include "sim/oracles/auction_block_oracle.h"

namespace mn::sim {

class AuctionBundleOracle final : public AuctionBlockOracle {
 public:
  AuctionBundleOracle(const runtime::Hash32& genesis_hash,
                      std::shared_ptr<const ledger::LedgerState> genesis_state);

  std::optional<std::string> judge(const AuctionBlock& block) override;
  void fill_report(RunReport& report) const override;
  // Its own verdict, and expect.min_auction_windows and expect.auction.max_proof_bytes against
  // the bundles carried.
  void add_verdicts(const VerdictContext& context, RunReport& report) const override;

 private:
  struct Carried {
    std::uint64_t window = 0;
    std::uint64_t height = 0;
    std::uint64_t bundle_bytes = 0;
    std::uint64_t proof_bytes = 0;
    std::uint64_t latency_heights = 0;
    runtime::TimeNs latency_ns = 0;
  };
  std::vector<Carried> m_carried;
  // The time of each block from the last carried bundle's window's last reveal height on (bundles
  // come in window order, so no later one looks further back).
  std::map<std::uint64_t, runtime::TimeNs> m_times;
};

}  // namespace mn::sim
