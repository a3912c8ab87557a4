#include "sim/workloads/pool_attack_strategy.h"

#include "sim/workloads/replacement_churn.h"
#include "sim/workloads/slot_filler.h"

namespace mn::sim {

namespace {

// The flood outbids every honest transfer tenfold: rank must not save a future entry.
constexpr std::uint64_t kFloodFeeMultiple = 10;

}  // namespace

std::unique_ptr<PoolAttackStrategy> make_pool_attack_strategy(std::string_view name) {
  if (name == "future_nonce_flood") return std::make_unique<SlotFiller>(1, kFloodFeeMultiple);
  if (name == "slot_limit_sybils") return std::make_unique<SlotFiller>(0, 1);
  if (name == "replacement_churn") return std::make_unique<ReplacementChurn>();
  return nullptr;
}

}  // namespace mn::sim
