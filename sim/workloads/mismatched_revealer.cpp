#include "sim/workloads/mismatched_revealer.h"

namespace mn::sim {

std::optional<auction::RevealPayload> MismatchedRevealer::reveal(const BidderBid& bid,
                                                                 std::size_t index,
                                                                 const ledger::LedgerState& state,
                                                                 std::uint64_t next) const {
  const BidderCommit& commit = bid.commits[index];
  const auction::WindowSchedule& schedule = state.economic_params().auction.schedule;
  if (schedule.phase(commit.window, next) != auction::WindowPhase::kReveal) return std::nullopt;
  auction::RevealPayload reveal{commit.named, commit.tx_core, commit.salt};
  auto core = auction::TxCore::decode(commit.tx_core);
  if (commit.salt.front() % 2 == 0 || !core) {
    reveal.salt.back() ^= 0x01;
  } else {
    ++core->fee_rate;
    reveal.tx_core = core->encode();
  }
  return reveal;
}

}  // namespace mn::sim
