#include "sim/workloads/flooding_builder_workload.h"

namespace mn::sim {

FloodingBuilderWorkload::FloodingBuilderWorkload(const ClientWorkloadContext& context)
    : BuilderWorkload(context, context.spec.flooding_builder_bids_per_s, "builder.flooding") {}

std::unique_ptr<ClientWorkload> FloodingBuilderWorkload::make(
    const ClientWorkloadContext& context) {
  return std::make_unique<FloodingBuilderWorkload>(context);
}

std::uint64_t FloodingBuilderWorkload::bid_value(const Offer& /*offer*/) {
  return 1 + m_rng.uniform(kMaxFloodValue);
}

}  // namespace mn::sim
