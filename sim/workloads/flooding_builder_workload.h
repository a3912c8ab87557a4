// flooding builders (the run's "builder.flooding" stream; rate
// workload.flooding_builder_bids_per_s): Sybil builders flooding the auction with low bids. Each
// arrival is a bid by a random account of the run, a fresh builder identity for every height it has
// not bid for yet, of value 1 .. kMaxFloodValue (a tenth of the honest builders' top value), so at
// a high rate every height receives far more bids than max_bids_per_height admits. They deliver
// like honest builders when they win. What must survive the flood: a full height still takes a
// better bid in place of its worst one, so the winner is still the highest valid bid, and no height
// holds more bids than the bound.
//
// Single-threaded, driven by the simulator's actions and the honest chain's commits.
#pragma once

#include <cstdint>
#include <memory>

#include "sim/workloads/builder_workload.h"

namespace mn::sim {

class FloodingBuilderWorkload final : public BuilderWorkload {
 public:
  static constexpr std::uint64_t kMaxFloodValue = kMaxValue / 10;

  explicit FloodingBuilderWorkload(const ClientWorkloadContext& context);
  static std::unique_ptr<ClientWorkload> make(const ClientWorkloadContext& context);

 private:
  std::uint64_t bid_value(const Offer& offer) override;
};

}  // namespace mn::sim
