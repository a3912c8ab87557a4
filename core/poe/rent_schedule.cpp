#include "core/poe/rent_schedule.h"

#include <limits>

#include "core/runtime/types.h"

namespace mn::poe {

namespace {

constexpr runtime::Uint128 kU64Max = std::numeric_limits<std::uint64_t>::max();

}  // namespace

runtime::Result<std::uint64_t> RentSchedule::rent(std::uint64_t complexity,
                                                  std::uint64_t logbook_bytes,
                                                  std::uint64_t inclusion_priority) const {
  const runtime::Uint128 complexity_term =
      runtime::Uint128{complexity} * complexity_multiplier_bps / runtime::kBpsDenominator;
  const runtime::Uint128 storage_term = runtime::Uint128{storage_rent} * logbook_bytes;
  // Each product is below 2^128, but two of them can sum past it; any term above u64 already
  // makes the rent overflow, and four terms of at most u64 sum below 2^66.
  if (complexity_term > kU64Max || storage_term > kU64Max) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "rent overflows u64");
  }
  const runtime::Uint128 total =
      runtime::Uint128{base_rent} + complexity_term + storage_term + inclusion_priority;
  if (total > kU64Max) {
    return runtime::Status(runtime::ErrorCode::kInvalidArgument, "rent overflows u64");
  }
  return static_cast<std::uint64_t>(total);
}

bool pays_rent(std::uint64_t rent_payment, std::uint64_t required) {
  return rent_payment >= required;
}

}  // namespace mn::poe
