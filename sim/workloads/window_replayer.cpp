#include "sim/workloads/window_replayer.h"

namespace mn::sim {

std::vector<BidderCommit> WindowReplayer::draw(std::uint64_t window, const auction::TxCore& core,
                                               runtime::Bytes salt, runtime::Rng& /*rng*/) const {
  const runtime::Bytes encoded = core.encode();
  return {BidderCommit{window, window + 1, encoded, salt},
          BidderCommit{window + 1, window + 1, encoded, salt}};
}

std::optional<auction::RevealPayload> WindowReplayer::reveal(const BidderBid& bid,
                                                             std::size_t index,
                                                             const ledger::LedgerState& state,
                                                             std::uint64_t next) const {
  const BidderCommit& replayed = bid.commits[index];
  // Only the copy in w is opened, once the original is on chain too.
  if (replayed.window == replayed.named || !bid.commits.back().committed) return std::nullopt;
  const auction::WindowSchedule& schedule = state.economic_params().auction.schedule;
  if (schedule.phase(replayed.window, next) != auction::WindowPhase::kReveal) return std::nullopt;
  return auction::RevealPayload{replayed.window, replayed.tx_core, replayed.salt};
}

}  // namespace mn::sim
