#include "sim/workloads/bidder_strategy.h"

#include <array>

#include "sim/workloads/defaulting_winner.h"
#include "sim/workloads/late_revealer.h"
#include "sim/workloads/mismatched_revealer.h"
#include "sim/workloads/selective_revealer.h"
#include "sim/workloads/window_replayer.h"

namespace mn::sim {

namespace {

struct Named {
  std::string_view name;
  std::unique_ptr<BidderStrategy> (*make)();
};

template <class T>
std::unique_ptr<BidderStrategy> make_strategy() {
  return std::make_unique<T>();
}

const std::array<Named, 5> kStrategies = {{
    {"defaulting_winner", &make_strategy<DefaultingWinner>},
    {"late_reveal", &make_strategy<LateRevealer>},
    {"mismatched_reveal", &make_strategy<MismatchedRevealer>},
    {"replayed_commitment", &make_strategy<WindowReplayer>},
    {"selective_reveal", &make_strategy<SelectiveRevealer>},
}};

}  // namespace

std::vector<BidderCommit> BidderStrategy::draw(std::uint64_t window, const auction::TxCore& core,
                                               runtime::Bytes salt, runtime::Rng& /*rng*/) const {
  return {BidderCommit{window, window, core.encode(), std::move(salt)}};
}

bool is_last_reveal_height(const BidderCommit& commit, const ledger::LedgerState& state,
                           std::uint64_t next) {
  return next + 1 == state.economic_params().auction.schedule.seal_start(commit.window);
}

std::unique_ptr<BidderStrategy> make_bidder_strategy(std::string_view name) {
  for (const Named& s : kStrategies) {
    if (s.name == name) return s.make();
  }
  return nullptr;
}

}  // namespace mn::sim
