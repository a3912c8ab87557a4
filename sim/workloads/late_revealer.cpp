#include "sim/workloads/late_revealer.h"

namespace mn::sim {

std::optional<auction::RevealPayload> LateRevealer::reveal(const BidderBid& bid, std::size_t index,
                                                           const ledger::LedgerState& state,
                                                           std::uint64_t next) const {
  const BidderCommit& commit = bid.commits[index];
  const auction::WindowSchedule& schedule = state.economic_params().auction.schedule;
  if (schedule.phase(commit.window, next) <= auction::WindowPhase::kReveal) return std::nullopt;
  return auction::RevealPayload{commit.named, commit.tx_core, commit.salt};
}

}  // namespace mn::sim
