// Auction bundles: every sealed bundle a block of the honest chain carries verifies against the
// mx_root of its window's seal record in the parent state and names the recorded winners
// (check_block_bundle, verify_bundle inside), and a block carries one exactly when one is due
// (due_bundle_window). It judges expect.min_auction_windows and expect.auction.max_proof_bytes and
// records each carried bundle's size, proof size and height for the report's per-window auction
// records.
#pragma once

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
  };
  std::vector<Carried> m_carried;
};

}  // namespace mn::sim
